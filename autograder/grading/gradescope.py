"""Gradescope's entry point: grade /autograder/submission, write /autograder/results/results.json.

The root is ``$AUTOGRADER_ROOT`` (default ``/autograder``) so the whole flow runs locally and in tests.
``source/ASSIGNMENT`` names the assignment the zip was built for. Whatever happens, a valid results.json
is written, once, after every student process has exited.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from pathlib import Path

from autograder.assignment_index import load_declared
from autograder.grading.grade import grade_submission
from autograder.grading.results import GradingResult, TestResult, internal_error_result, write_results_json
from autograder.sandbox.deployment import SandboxConfigError, preflight
from autograder.sandbox.permissions import lock_down


STAFF_ONLY = "hidden"  # Gradescope: shown to instructors, never to the student


def autograder_root() -> Path:
    return Path(os.environ.get("AUTOGRADER_ROOT", "/autograder"))


def run_gradescope(root: Path) -> GradingResult:
    """Grade the submission under ``root``; never raises."""
    results_path = root / "results" / "results.json"
    results_path.parent.mkdir(parents=True, exist_ok=True)  # before it is locked: a missing folder is no 0/0
    results_path.unlink(missing_ok=True)
    name = "assignment"
    watchdog = None
    try:
        name = (root / "source" / "ASSIGNMENT").read_text().strip()
        assignment = load_declared(name)
        metadata = root / "submission_metadata.json"  # the student's name and email: not for student code
        lock_down(root / "source", root / "results", *([metadata] if metadata.exists() else []))
        print(preflight().notice(), file=sys.stderr)
        watchdog = _start_watchdog(assignment.settings.total_seconds)
        result = grade_submission(assignment, root / "submission")
    except SandboxConfigError as error:  # the grader's set-up, not the student's work
        print(f"autograder misconfigured: {error}", file=sys.stderr)
        result = misconfigured_result(name, str(error))
    except BaseException as error:  # the top-level guard: always a valid results.json
        traceback.print_exc()
        result = internal_error_result(name, type(error).__name__)
    finally:
        if watchdog is not None:
            watchdog.cancel()
    write_results_json(result, results_path)
    return result


def misconfigured_result(assignment: str, why: str) -> GradingResult:
    """Nothing was graded because this autograder cannot run student code safely: zero points, a
    plain word for the student, the cause and its fix for staff only."""
    student_text = ("The autograder is misconfigured on the course's side, so your submission was not graded. "
                    "Your files are kept; staff have been told and will regrade it.")
    staff = TestResult(id="misconfigured", name="autograder: misconfigured (staff only)", number="0", score=0.0,
                       max_score=0.0, output=f"Not graded: {why}", visibility=STAFF_ONLY,
                       note="internal_error.misconfigured",
                       passed=False)
    return GradingResult(assignment, (staff,), messages=(student_text,))


def _start_watchdog(seconds: float) -> threading.Timer:
    """A backstop behind the per-call limits: a real SIGINT interrupts even a blocking read, and
    grading stops with the tests finished so far (SIGALRM is left to the answer checker's budgets)."""
    timer = threading.Timer(seconds, os.kill, args=(os.getpid(), signal.SIGINT))
    timer.daemon = True
    timer.start()
    return timer


def main() -> int:
    result = run_gradescope(autograder_root())
    print(f"graded: {result.score:g} / {result.max_score:g}", file=sys.stderr)
    return 0
