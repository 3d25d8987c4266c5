"""Benchmark 7: where a cold student process's start goes (issue 14 item 3).

``StudentProcess.start()`` on the HW2 reference (a scratch copy, a fresh ``python -I -B -u`` that confines
itself, imports numpy through the wire module and says hello), alternated with its parts measured alone: a
bare ``python -I -B -c pass``, the same importing numpy, and the scratch copy. The rest is the sandbox's own
set-up (the account check, namespaces, mounts, the two forks, rlimits, the uid switch). A fourth side starts
the child from a warm template, as a regrade worker does (``sandbox/template.py``: a fork of an interpreter
with numpy loaded, which then confines itself the same way).
"""
from __future__ import annotations

import subprocess
import sys

from autograder.sandbox import template
from autograder.sandbox.deployment import student_account
from autograder.sandbox.scratch import make_scratch, remove_scratch
from autograder.sandbox.student import StudentProcess
from bench.paths import REFERENCE_SUBMISSION
from bench.report import Figure, Report
from bench.timing import median, seconds, side_by_side


def interpreter(code: str) -> None:
    subprocess.run([sys.executable, "-I", "-B", "-c", code], check=True)


def scratch_copy() -> None:
    account = student_account()
    remove_scratch(make_scratch(REFERENCE_SUBMISSION, (account.uid, account.gid) if account else None))


def start_student() -> None:
    with StudentProcess(REFERENCE_SUBMISSION) as student:
        student.start()


def start_warm() -> None:
    template.enable()
    try:
        start_student()
    finally:
        template.disable(stop=False)  # the template itself keeps running for the next round


def run(quick: bool) -> Report:
    rounds = 3 if quick else 11
    sides = {"bare": lambda: interpreter("pass"), "numpy": lambda: interpreter("import numpy"),
             "scratch": scratch_copy, "start": start_student, "warm": start_warm}
    start_warm()  # the template's own start is paid once per regrade worker, not per child
    try:
        times = side_by_side({name: lambda _, side=side: seconds(side) for name, side in sides.items()}, rounds)
    finally:
        template.disable()
    ms = {name: 1000 * median(values) for name, values in times.items()}
    setup = ms["start"] - ms["numpy"] - ms["scratch"]
    return Report("student_start", "7. Where a cold student process's start goes", (
        Figure("start_ms", "StudentProcess.start() (scratch copy to hello)", ms["start"], "ms"),
        Figure("interpreter_ms", "python -I -B -c pass", ms["bare"], "ms"),
        Figure("numpy_ms", "numpy's import (python -c 'import numpy' minus the bare interpreter)",
               ms["numpy"] - ms["bare"], "ms"),
        Figure("scratch_ms", "scratch copy of the submission", ms["scratch"], "ms"),
        Figure("sandbox_setup_ms", "the rest: account check, namespaces, mounts, forks, limits, uid", setup, "ms"),
        Figure("warm_start_ms", "the same from the warm template (regrade workers)", ms["warm"], "ms"),
        Figure("warm_ratio", "warm / cold start", ms["warm"] / ms["start"]),
    ), (), (f"{rounds} alternating rounds; medians",))
