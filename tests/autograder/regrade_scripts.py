"""Scripted graders for the regrade supervisor's tests: ``regrade_folder(..., grader=SCRIPTED)``.

Student code in the real sandbox usually cannot reach the grading worker, so these stand in for
``grade_submission`` and do to the worker what a hostile upload would. A submission folder with a file
``script`` says what its grading does; one without is graded for real:

    score 3     a one-test result worth 3 of 5 points
    kill        SIGKILL to the worker itself
    stop        SIGSTOP to the worker itself
    hang        sleep for an hour
    raise       raise RuntimeError
    orphan      start a child that sleeps (its pid in ``pid``, next to ``script``), then SIGKILL the worker
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from autograder.assignment import Assignment
from autograder.grading.grade import grade_submission
from autograder.grading.results import GradingResult, TestResult

SCRIPTED = "regrade_scripts:scripted_grade"


def scripted_grade(assignment: Assignment, path: Path, **options) -> GradingResult:
    script = path / "script"
    if not script.exists():
        return grade_submission(assignment, path, **options)
    action, *arguments = script.read_text().split()
    if action == "score":
        test = TestResult(id="points", name="points", number="1", score=float(arguments[0]), max_score=5.0, output="")
        return GradingResult(assignment.title, (test,))
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if action == "stop":
        os.kill(os.getpid(), signal.SIGSTOP)
    if action == "hang":
        time.sleep(3600)
    if action == "orphan":
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], start_new_session=True)
        (path / "pid").write_text(str(child.pid))
        os.kill(os.getpid(), signal.SIGKILL)
    raise RuntimeError(f"scripted failure: {action}")


def write_script(folder: Path, line: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "script").write_text(line)
    return folder
