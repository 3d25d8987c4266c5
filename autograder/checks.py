"""Helpers for assignment test suites (trusted side): fail with a stable note, require files, compare arrays.

Values from student code arrive as plain data through the sandbox; nothing here calls student objects.
"""
from __future__ import annotations

import numpy as np

from autograder.grading.submission import Submission


class CheckFailed(AssertionError):
    """A failed check with a stable ``note`` for statistics and a message a student can act on."""

    def __init__(self, note: str, message: str):
        super().__init__(message)
        self.note = note


def fail(note: str, message: str) -> None:
    raise CheckFailed(note, message)


def require_file(submission: Submission, relative: str) -> None:
    if submission.find(relative) is None:
        fail("missing_file", submission.missing_message(relative))


def as_array(value, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """A finite float array of the expected shape, or a clear failure."""
    if not isinstance(value, (np.ndarray, float, int, list)) or isinstance(value, bool):
        fail("bad_type", f"{name} should be a numpy array, got {type(value).__name__}")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        fail("bad_type", f"{name} should be a numeric array")
    if shape is not None and array.shape != shape:
        fail("bad_shape", f"{name} has shape {array.shape}, expected {shape}")
    if not np.all(np.isfinite(array)):
        fail("not_finite", f"{name} contains NaN or infinity")
    return array


def rel_error(x: np.ndarray, y: np.ndarray) -> float:
    """The course's relative error: max |x - y| / max(1e-8, |x| + |y|)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return float(np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y))))


def assert_close(actual, expected, name: str, tolerance: float = 1e-6, note: str = "wrong_value", hint: str = "") -> None:
    actual = as_array(actual, name, np.shape(expected))
    error = rel_error(actual, expected)
    if error > tolerance:
        message = f"{name} is wrong: relative error {error:.2e} (allowed {tolerance:.0e})."
        fail(note, message + (f" {hint}" if hint else ""))
