"""check() always ends in an Outcome: read failures invalid, timeouts and checker failures
unverified (never wrong); a declaration error is the author's and is raised."""
import threading
import time
from dataclasses import dataclass

import pytest
import sympy

from autograder.grading.answers import AnswerKind, Condition, DeclarationError, Expression
from autograder.grading.answers.budget import check_time, time_budget
from autograder.grading.answers.errors import CheckTimeout
from autograder.grading.answers.kind_base import run_check
from autograder.grading.outcome import correct

from .hw2 import ETA, SIGMA, STABLE_ETA, eta
from .outcomes import assert_outcome


@dataclass(frozen=True)
class Spinning(AnswerKind):
    """Judges by spinning; ``cooperative`` calls check_time() as the long loops do."""

    cooperative: bool = False

    def read(self, answer):
        return answer

    def judge(self, value, expected):
        end = time.monotonic() + 5
        while time.monotonic() < end:
            if self.cooperative:
                check_time()
        return correct()


def test_running_out_of_time_is_unverified():
    assert_outcome(Spinning(time_limit_s=0.05).check("x"), "unverified", "unverified.timeout", "in time")


def test_running_out_of_time_off_the_main_thread_is_unverified():
    outcomes = []
    thread = threading.Thread(target=lambda: outcomes.append(Spinning(cooperative=True, time_limit_s=0.05).check("x")))
    thread.start()
    thread.join(10)
    assert_outcome(outcomes[0], "unverified", "unverified.timeout")


def test_a_real_check_with_a_tiny_budget_is_unverified_not_wrong():
    kind = Condition(ETA, STABLE_ETA, (SIGMA,), time_limit_s=1e-4)
    assert_outcome(kind.check("|1 - 2 eta sigma^2| < 1"), "unverified", "unverified.timeout")


def test_an_outer_budget_expiring_is_not_swallowed():
    with pytest.raises(CheckTimeout):
        with time_budget(0.05):
            Spinning(time_limit_s=10).check("x")


def test_a_checker_failure_is_unverified():
    def broken():
        raise ZeroDivisionError("a bug")

    assert_outcome(run_check(broken, 1.0), "unverified", "unverified.error", "staff will review")


def test_runaway_recursion_is_invalid():
    def deep():
        raise RecursionError

    assert_outcome(run_check(deep, 1.0), "invalid", "invalid.too_deep")


def test_a_declaration_error_is_raised():
    undeclared = Expression(sympy.Symbol("zeta"), (ETA,))
    with pytest.raises(DeclarationError):
        undeclared.check("eta")
    with pytest.raises(DeclarationError):
        Expression(eta, (ETA,)).check("eta", expected="eta")  # a string is never sympified
