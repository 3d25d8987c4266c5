"""The verdict on one graded item: an answer string or one code check.

Every feedback path has a stable ``note`` (for statistics) and a ``message`` a student can act on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["correct", "wrong", "invalid", "unverified", "staff"]


@dataclass(frozen=True)
class Outcome:
    """``status``: correct | wrong | invalid (could not read it) | unverified (could not decide in
    time: never counted as wrong) | staff (kept for staff, not auto-scored).
    ``fraction``: share of the item's points earned, in [0, 1]."""

    status: Status
    note: str
    message: str
    fraction: float = 0.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.fraction <= 1.0:
            raise ValueError(f"fraction must be in [0, 1], got {self.fraction}")


def correct(note: str = "correct", message: str = "Correct.") -> Outcome:
    return Outcome("correct", note, message, 1.0)


def wrong(note: str, message: str, fraction: float = 0.0) -> Outcome:
    return Outcome("wrong", note, message, fraction)


def invalid(note: str, message: str) -> Outcome:
    return Outcome("invalid", note, message, 0.0)
