"""What every answer kind shares: read the raw answer, judge it, and always return an Outcome.

``check`` runs ``read`` and ``judge`` under the kind's time budget: a read failure is invalid
(with its note and the character where reading stopped), running out of time is unverified
(never wrong), and an internal error in a computation is unverified too, so one odd answer can
never crash grading.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..outcome import Outcome, invalid
from . import notes
from .budget import time_budget
from .errors import AnswerSyntaxError, CheckTimeout, DeclarationError

DEFAULT_TIME_LIMIT_S = 2.0


def unverified(note: str, message: str) -> Outcome:
    return Outcome("unverified", note, message, 0.0)


TIMED_OUT = unverified(notes.TIMEOUT, "could not check your answer in time; staff will review it")
UNDECIDED = unverified(notes.UNDECIDED,
                       "could not decide your answer automatically; staff will review it")
INTERNAL_ERROR = unverified(notes.ERROR, "the checker failed on your answer; staff will review it")


def run_check(judge: Callable[[], Outcome], seconds: float) -> Outcome:
    """``judge()`` under a time budget, with read failures and timeouts turned into Outcomes."""
    budget = None
    try:
        with time_budget(seconds) as budget:
            return judge()
    except AnswerSyntaxError as error:
        return invalid(error.note, error.student_message())
    except CheckTimeout as timeout:
        if timeout.budget is not budget:
            raise
        return TIMED_OUT
    except DeclarationError:
        raise
    except RecursionError:
        return invalid(notes.TOO_DEEP, "your answer is nested too deeply")
    except Exception:  # noqa: BLE001 - a checker bug must not crash the whole grading run
        return INTERNAL_ERROR


@dataclass(frozen=True)
class AnswerKind:
    """Base of the answer kinds: subclasses define ``read(answer)`` and ``judge(value, expected)``.
    ``expected`` overrides the declared expected value (error carried forward)."""

    time_limit_s: float = field(default=DEFAULT_TIME_LIMIT_S, kw_only=True)

    def check(self, answer: object, expected: object = None) -> Outcome:
        return run_check(lambda: self.judge(self.read(answer), expected), self.time_limit_s)

    def read(self, answer: object) -> object:
        raise NotImplementedError

    def judge(self, value: object, expected: object) -> Outcome:
        raise NotImplementedError
