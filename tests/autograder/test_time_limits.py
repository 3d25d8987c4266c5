"""Time limits that fit (issue 14 item 4): an upload whose functions all hang costs about one call limit per
function, not one per test, and the feedback says which limit stopped it and its value.

Bounded by construction: a 1 s call limit and a 20 s budget for all student calls together, so even a
regression to one limit per test cannot hold this test longer than the budget."""
import dataclasses
import re
import shutil
import time

import pytest

from autograder.assignment import Settings, load_assignment
from autograder.grading.grade import SCORED_SUITES, grade_submission

CALL_SECONDS = 1.0
STUDENT_SECONDS = 20.0
SETTINGS = Settings(call_seconds=CALL_SECONDS, student_seconds=STUDENT_SECONDS, cpu_seconds=60, total_seconds=60.0,
                    memory_bytes=4 * 1024**3)
HANGING = '''import time


def gd_least_squares(X, y, eta, steps):
    time.sleep(1000)


def largest_stable_step(f, x_star):
    time.sleep(1000)
'''
STUDENT_FUNCTIONS = ("gd_least_squares", "largest_stable_step")


def grade_hanging(settings: Settings, folder):
    """(result, wall seconds) of the step_size reference with every function hanging, answers left out."""
    assignment = dataclasses.replace(load_assignment("step_size"), settings=settings)
    upload = folder / "upload"
    shutil.copytree(assignment.submissions / "reference", upload, ignore=shutil.ignore_patterns("*.toml"))
    (upload / "step_size.py").write_text(HANGING)
    started = time.monotonic()
    result = grade_submission(assignment, upload, suites=SCORED_SUITES)
    return result, time.monotonic() - started


@pytest.fixture(scope="module")
def hanging_result(tmp_path_factory):
    return grade_hanging(SETTINGS, tmp_path_factory.mktemp("hanging"))


@pytest.fixture(scope="module")
def budget_result(tmp_path_factory):
    """All student calls together may take 1.5 s: the first hang spends 1 s, the next the rest."""
    return grade_hanging(dataclasses.replace(SETTINGS, student_seconds=1.5), tmp_path_factory.mktemp("budget"))


def _timed_out(result, function):
    return [test for test in result.tests if function in test.output and test.note == "student.timeout"]


@pytest.mark.parametrize("function", [
    "gd_least_squares",  # called through student.module(...): StudentProcess._call remembers the timeout
    "largest_stable_step",  # called through student.probe(...): remembered the same way
])
def test_each_hanging_function_waits_out_one_call_limit(hanging_result, function):
    result, _ = hanging_result
    tests = _timed_out(result, function)
    waited = [test for test in tests if "not run:" not in test.output]
    assert len(tests) >= 2, [test.id for test in tests]  # several tests call it...
    assert len(waited) == 1, [(test.id, test.output) for test in waited]  # ...one of them waits
    assert f"within {CALL_SECONDS:g} s" in waited[0].output
    assert all("is not called again" in test.output for test in tests if test is not waited[0])


def test_no_check_waits_longer_than_its_call_limit(hanging_result):
    """The upload takes about one call limit, plus a restarted student process, per limit waited out."""
    result, seconds = hanging_result
    waited = [test for function in STUDENT_FUNCTIONS for test in _timed_out(result, function)
              if "not run:" not in test.output]
    assert waited and seconds < len(waited) * (CALL_SECONDS + 3) + 5, (seconds, [test.id for test in waited])


def test_the_budget_for_all_calls_is_named_once_spent(budget_result):
    result, seconds = budget_result
    spent = [test for test in result.tests if "already used the 1.5 s allowed for all checks together" in test.output]
    assert spent and all(test.score == 0 for test in spent)
    assert seconds < 1.5 + 3 + 5


def test_every_time_named_in_the_feedback_is_a_declared_limit(budget_result):
    result, _ = budget_result
    named = {float(value) for test in result.tests for value in re.findall(r"([0-9.]+) s\b", test.output)}
    assert named <= {CALL_SECONDS, 1.5}, named
