"""Benchmark 4: our isolated grading against the in-process baseline most courses use, on the same
optimizer and initialisation checks of the HW2 reference submission (see ``code_checks``).

Both sides run in a fresh interpreter each time, alternately. Two ratios: whole process (interpreter,
imports, checks: what a student waits for) and checks only (each side's runner after its framework's
imports: the cost of isolation itself: copying the submission, starting the student process, round trips).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.paths import REFERENCE_SUBMISSION, REPO
from bench.report import Figure, Report, Target
from bench.timing import median, seconds, side_by_side



def run_side(mode: str, submission: Path) -> tuple[float, dict]:
    """(wall seconds of the whole process, its JSON report)."""
    completed: list[subprocess.CompletedProcess] = []
    command = [sys.executable, "-m", "bench.code_checks", mode, str(submission)]
    elapsed = seconds(lambda: completed.append(subprocess.run(command, cwd=REPO, capture_output=True, text=True)))
    result = completed[0]
    if result.returncode != 0:
        raise RuntimeError(f"{mode} failed:\n{result.stderr[-2000:]}")
    return elapsed, json.loads(result.stdout.strip().splitlines()[-1])


def run(quick: bool) -> Report:
    rounds = 2 if quick else 7
    runs = side_by_side({mode: lambda _, mode=mode: run_side(mode, REFERENCE_SUBMISSION)
                         for mode in ("in_process", "isolated")}, rounds)
    whole = {mode: median([wall for wall, _ in values]) for mode, values in runs.items()}
    checks = {mode: median([report["checks_seconds"] for _, report in values]) for mode, values in runs.items()}
    scores = {mode: {(report["score"], report["max_score"], report["tests"]) for _, report in values}
              for mode, values in runs.items()}
    agree = scores["in_process"] == scores["isolated"] and len(scores["isolated"]) == 1
    score, max_score, tests = next(iter(scores["isolated"]))
    return Report("baseline", "4. In-process baseline vs isolated grading (HW2 optimizer + init checks)", (
        Figure("baseline_s", "baseline (unittest + JSONTestRunner), whole process", whole["in_process"], "s"),
        Figure("ours_s", "ours (sandboxed), whole process", whole["isolated"], "s"),
        Figure("ratio", "ratio ours / baseline, whole process", whole["isolated"] / whole["in_process"], "x"),
        Figure("baseline_checks_s", "baseline, checks only", checks["in_process"], "s"),
        Figure("ours_checks_s", "ours, checks only", checks["isolated"], "s"),
        Figure("checks_ratio", "ratio ours / baseline, checks only", checks["isolated"] / checks["in_process"], "x"),
    ), (Target("ratio", 2.0),), (
        f"{tests} tests (test_optim.py, test_fc_net.py), score {score:g}/{max_score:g}; both sides "
        + ("agree" if agree else f"DISAGREE: {scores}"),
        f"{rounds} alternating rounds; medians",
    ))
