"""Benchmark 4: our isolated grading against the in-process baseline most courses use, on the same
optimizer and initialisation checks of the HW2 reference submission (see ``code_checks``).

Both sides run in a fresh interpreter each time, alternately. Two ratios: whole process (interpreter,
imports, checks: what a student waits for) and checks only (each side's runner after its framework's
imports: the cost of isolation itself: copying the submission, starting the student process, round trips).

A third ratio is the command as a user runs it (issue 32): ``autograder grade hw2 SUB --results R``, the
whole process, against the baseline as a gradescope-utils ``run_autograder`` would run it, both on the
code-only upload (the reference's ``deeplearning/`` package alone: optimizers and initialisation, no
answers.toml, no notebooks).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.paths import REFERENCE_SUBMISSION, REPO, VENV_BIN
from bench.report import Figure, Report, Target
from bench.timing import median, seconds, side_by_side

CODE_ONLY_PACKAGE = "deeplearning"


def code_only_upload(folder: Path) -> Path:
    """``folder`` holding only the reference's ``deeplearning/`` package: HW2's code-only upload."""
    shutil.copytree(REFERENCE_SUBMISSION / CODE_ONLY_PACKAGE, folder / CODE_ONLY_PACKAGE)
    return folder


def run_side(mode: str, submission: Path) -> tuple[float, dict]:
    """(wall seconds of the whole process, its JSON report)."""
    completed: list[subprocess.CompletedProcess] = []
    command = [sys.executable, "-m", "bench.code_checks", mode, str(submission)]
    elapsed = seconds(lambda: completed.append(subprocess.run(command, cwd=REPO, capture_output=True, text=True)))
    result = completed[0]
    if result.returncode != 0:
        raise RuntimeError(f"{mode} failed:\n{result.stderr[-2000:]}")
    return elapsed, json.loads(result.stdout.strip().splitlines()[-1])


def grade_command(submission: Path, results: Path) -> tuple[float, dict]:
    """(wall seconds of ``autograder grade hw2 SUBMISSION --results RESULTS``, the results.json it wrote)."""
    completed: list[subprocess.CompletedProcess] = []
    command = [str(VENV_BIN / "autograder"), "grade", "hw2", str(submission), "--results", str(results)]
    elapsed = seconds(lambda: completed.append(subprocess.run(command, cwd=REPO, capture_output=True, text=True)))
    if completed[0].returncode != 0 or not results.exists():
        raise RuntimeError(f"autograder grade failed (exit {completed[0].returncode}):\n{completed[0].stderr[-2000:]}")
    return elapsed, json.loads(results.read_text())


def run(quick: bool) -> Report:
    rounds = 2 if quick else 7
    with tempfile.TemporaryDirectory(prefix="bench-baseline-") as workdir:
        code_only = code_only_upload(Path(workdir) / "code-only")
        results = Path(workdir) / "results.json"
        runs = side_by_side({
            **{mode: lambda _, mode=mode: run_side(mode, REFERENCE_SUBMISSION) for mode in ("in_process", "isolated")},
            "run_autograder": lambda _: run_side("in_process", code_only),
            "command": lambda _: grade_command(code_only, results),
        }, rounds)
    whole = {side: median([wall for wall, _ in values]) for side, values in runs.items()}
    checks = {mode: median([report["checks_seconds"] for _, report in runs[mode]]) for mode in ("in_process", "isolated")}
    scores = {mode: {(report["score"], report["max_score"], report["tests"]) for _, report in runs[mode]}
              for mode in ("in_process", "isolated", "run_autograder")}
    agree = scores["in_process"] == scores["isolated"] == scores["run_autograder"] and len(scores["isolated"]) == 1
    score, max_score, tests = next(iter(scores["isolated"]))
    command_scores = {(report["score"], len(report["tests"])) for _, report in runs["command"]}
    return Report("baseline", "4. In-process baseline vs isolated grading (HW2 optimizer + init checks)", (
        Figure("baseline_s", "baseline (unittest + JSONTestRunner), whole process", whole["in_process"], "s"),
        Figure("ours_s", "ours (sandboxed), whole process", whole["isolated"], "s"),
        Figure("ratio", "ratio ours / baseline, whole process", whole["isolated"] / whole["in_process"], "x"),
        Figure("baseline_checks_s", "baseline, checks only", checks["in_process"], "s"),
        Figure("ours_checks_s", "ours, checks only", checks["isolated"], "s"),
        Figure("checks_ratio", "ratio ours / baseline, checks only", checks["isolated"] / checks["in_process"], "x"),
        Figure("run_autograder_s", "code-only upload: the baseline as a run_autograder process", whole["run_autograder"], "s"),
        Figure("command_s", "code-only upload: `autograder grade hw2 SUB --results R`", whole["command"], "s"),
        Figure("command_ratio", "ratio command / baseline run_autograder", whole["command"] / whole["run_autograder"], "x"),
    ), (Target("ratio", 2.0), Target("command_ratio", 2.0)), (
        f"{tests} tests (test_optim.py, test_fc_net.py), score {score:g}/{max_score:g}; both sides "
        + ("agree" if agree else f"DISAGREE: {scores}"),
        "the command grades every suite and question of HW2 on the code-only upload: (score, tests) "
        + ", ".join(f"({s:g}, {n})" for s, n in sorted(command_scores)),
        f"{rounds} alternating rounds; medians; per round (s): "
        + "; ".join(f"{side} " + ", ".join(f"{wall:.2f}" for wall, _ in values) for side, values in runs.items()),
    ))
