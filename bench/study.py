"""Benchmark 8: the Discussion 3 study on every core (issue 32 item 3).

``autograder experiment disc3 --device cpu`` as an instructor runs it (one worker process per core, the
default), alternated with the same on one worker; the whole process each time (interpreter, torch's import,
training, plot and table). Full run: the whole study (270 nets, 30,000 steps), one round; ``--quick``: the
command's ``--quick`` size (no wall-time target: torch's import dominates it). The outputs of both must be the
same, byte for byte (``same_outputs``).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from assignments.disc3.experiment import worker_count
from bench.paths import REPO, VENV_BIN
from bench.process_tree import MeasuredRun, run_measured
from bench.report import Figure, Report, Target
from bench.timing import median, side_by_side

WALL_TARGET_S = 12.0  # the whole study on the 2-core dev machine


def study(out: Path, workers: int, quick: bool) -> MeasuredRun:
    command = [str(VENV_BIN / "autograder"), "experiment", "disc3", "--device", "cpu", "--workers", str(workers),
               "--out", str(out), *(["--quick"] if quick else [])]
    run = run_measured(command, cwd=REPO)
    if run.returncode != 0:
        raise RuntimeError(f"autograder experiment failed (exit {run.returncode}):\n{run.output[-2000:]}")
    return run


def run(quick: bool) -> Report:
    workers = worker_count("cpu")
    with tempfile.TemporaryDirectory(prefix="bench-study-") as workdir:
        outs = {side: Path(workdir) / side for side in ("cores", "one")}
        runs = side_by_side({"cores": lambda _: study(outs["cores"], workers, quick),
                             "one": lambda _: study(outs["one"], 1, quick)}, 1)
        same = all((outs["cores"] / name).read_bytes() == (outs["one"] / name).read_bytes()
                   for name in ("disc3_table.md", "disc3_table.csv", "disc3_errors.png"))
    cores, one = (median([r.seconds for r in runs[side]]) for side in ("cores", "one"))
    cpu = median([r.cpu_seconds for r in runs["cores"]])
    return Report("study", f"8. Discussion 3 study, {'--quick size' if quick else 'whole'} (autograder experiment disc3 --device cpu)", (
        Figure("workers", "worker processes (one per core)", workers),
        Figure("study_s", f"wall time, {workers} workers", cores, "s"),
        Figure("cpu_s", f"CPU time of the tree, {workers} workers", cpu, "s"),
        Figure("one_worker_s", "wall time, 1 worker", one, "s"),
        Figure("speedup", "1 worker / all workers", one / cores, "x"),
        Figure("same_outputs", "table, CSV and figure byte-identical (1 = yes)", float(same)),
    ), ((() if quick else (Target("study_s", WALL_TARGET_S),)) + (Target("same_outputs", 1.0, at_most=False),)), (
        "whole processes: interpreter, torch, training, plot and table; 1 round (a full study takes tens of seconds)",
        "no GPU here: the device run (target <= 5 s for the whole study where a GPU is present) is not measured",
    ))
