"""Benchmark 1: one submission end to end, as Gradescope runs it.

``./run_autograder`` grades the HW2 reference submission in an ``AUTOGRADER_ROOT`` laid out like
``/autograder`` (``source/`` holds the repository's packages and ``ASSIGNMENT``; ``submission/``; ``results/``),
with the virtual environment's ``python3`` first on PATH. The floor is a fresh interpreter that imports
numpy, sympy and torch: no grader can start faster. The two are run alternately and the ratio of the
medians is reported, with the peak memory of the whole process tree (grader, student processes).
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.process_tree import MeasuredRun, run_measured
from bench.report import Figure, Report, Target
from bench.timing import median, side_by_side

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PACKAGES = ("autograder", "reference", "assignments")
REFERENCE_SUBMISSION = REPO / "assignments" / "hw2" / "submissions" / "reference"
FLOOR = [str(VENV_BIN / "python"), "-c", "import numpy, sympy, torch"]
MIB = 2**20


def gradescope_root(workdir: Path, assignment: str, submission: Path) -> Path:
    """``workdir/autograder`` laid out as Gradescope's ``/autograder``; ``source/`` links to our packages."""
    root = workdir / "autograder"
    source = root / "source"
    source.mkdir(parents=True)
    for package in PACKAGES:
        (source / package).symlink_to(REPO / package, target_is_directory=True)
    (source / "ASSIGNMENT").write_text(assignment + "\n")
    shutil.copytree(submission, root / "submission")
    (root / "results").mkdir()
    return root


def run_autograder(root: Path) -> MeasuredRun:
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = run_measured([str(REPO / "run_autograder")], env=env)
    if run.returncode != 0 or not (root / "results" / "results.json").exists():
        raise RuntimeError(f"run_autograder failed (exit {run.returncode}):\n{run.output[-2000:]}")
    return run


def run(quick: bool) -> Report:
    rounds = 1 if quick else 5
    with tempfile.TemporaryDirectory(prefix="bench-e2e-") as workdir:
        root = gradescope_root(Path(workdir), "hw2", REFERENCE_SUBMISSION)
        runs = side_by_side({"floor": lambda _: run_measured(FLOOR), "ours": lambda _: run_autograder(root)}, rounds)
        results = json.loads((root / "results" / "results.json").read_text())
    floor, ours = median([r.seconds for r in runs["floor"]]), median([r.seconds for r in runs["ours"]])
    peak = max(r.peak_rss_bytes for r in runs["ours"])
    max_score = sum(test.get("max_score", 0) for test in results["tests"])
    return Report("end_to_end", "1. One submission end to end (run_autograder, HW2 reference)", (
        Figure("floor_s", "floor: python -c 'import numpy, sympy, torch'", floor, "s"),
        Figure("run_autograder_s", "run_autograder on the reference submission", ours, "s"),
        Figure("ratio", "ratio run_autograder / floor (medians)", ours / floor, "x"),
        Figure("peak_rss_mb", "peak RSS of the process tree (max over rounds)", peak / MIB, "MB"),
        Figure("floor_peak_rss_mb", "peak RSS of the floor", max(r.peak_rss_bytes for r in runs["floor"]) / MIB, "MB"),
        Figure("score", f"score given (of {max_score:g})", results["score"]),
    ), (Target("ratio", 1.5), Target("peak_rss_mb", 768)), (
        f"{rounds} alternating round(s); times are medians, per round: "
        f"floor {', '.join(f'{r.seconds:.2f}' for r in runs['floor'])} s, "
        f"ours {', '.join(f'{r.seconds:.2f}' for r in runs['ours'])} s",
        "RSS is summed over the tree every 20 ms: shared pages count once per process",
    ))
