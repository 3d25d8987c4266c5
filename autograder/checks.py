"""Helpers for assignment test suites (trusted side): fail with a stable note, require files, compare arrays.

Values from student code arrive as plain data through the sandbox; nothing here calls student objects.
Every student value is checked here before a suite uses it (``returned``, ``as_config``, ``as_mapping``,
``as_array``, ``as_scalar``): whatever student code returns (None, a tuple of the wrong length, a string, a
dict without its keys, NaN) ends in a message for that test, never in the grader's internal error.
"""
from __future__ import annotations

import math

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


def describe(value) -> str:
    """What a student value is, in a few words: "None", "a tuple of 1 value", "an array of shape (3,)"."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} ({value.dtype})"
    if isinstance(value, (tuple, list, dict)):
        count = len(value)
        return f"a {type(value).__name__} of {count} {'value' if count == 1 else 'values'}"
    kind = type(value).__name__
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def returned(value, function: str, names: tuple[str, ...]) -> tuple:
    """The student's return value as the tuple ``names`` promises (a list of that length is taken too)."""
    if not isinstance(value, (tuple, list)) or len(value) != len(names):
        fail("bad_return", f"{function} must return ({', '.join(names)}); got {describe(value)}.")
    return tuple(value)


def as_mapping(value, name: str, keys: tuple[str, ...] = ()) -> dict:
    """A dict holding every one of ``keys``, or a clear failure."""
    if not isinstance(value, dict):
        fail("bad_type", f"{name} should be a dict; got {describe(value)}.")
    missing = [key for key in keys if key not in value]
    if missing:
        fail("missing_key", f"{name} lacks {', '.join(repr(key) for key in missing)}"
             f" (it has {', '.join(repr(key) for key in value) or 'no keys'}).")
    return value


def as_config(value, function: str, keys: tuple[str, ...] = ()) -> dict:
    """The config an update rule returns: a dict that stores back each of ``keys`` (its state)."""
    if not isinstance(value, dict):
        fail(f"{function}.config", f"{function} must return (next_w, config) with config a dict; got {describe(value)}.")
    missing = [key for key in keys if key not in value]
    if missing:
        fail(f"{function}.state", f"{function}: config[{', '.join(repr(key) for key in missing)}] is not stored "
             "back in the config it returns.")
    return value


def as_scalar(value, name: str) -> float:
    """A finite number (a 0-d or one-entry array is taken), or a clear failure."""
    array = as_array(value, name)
    if array.size != 1:
        fail("bad_shape", f"{name} should be a number; got an array of shape {array.shape}.")
    return float(array.reshape(()))


def rule_result(value, rule: str, shape: tuple[int, ...], state: tuple[str, ...], what: str = "") -> tuple[np.ndarray, dict]:
    """What an update rule ``next_w, config = rule(w, dw, config)`` (HW2 Q5's interface) returned, checked:
    next_w a finite array of w's shape, config a dict that stores back each ``state`` entry."""
    where = f" ({what})" if what else ""
    next_w, config = returned(value, rule, ("next_w", "config"))
    return as_array(next_w, f"{rule}: next_w{where}", shape), as_config(config, rule, state)


def as_array(value, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """A finite float array of the expected shape, or a clear failure."""
    if not isinstance(value, (np.ndarray, float, int, list)) or isinstance(value, bool):
        fail("bad_type", f"{name} should be a numpy array, got {type(value).__name__}")
    try:
        with np.errstate(all="ignore"):
            array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        fail("bad_type", f"{name} should be a numeric array")
    if shape is not None and array.shape != shape:
        fail("bad_shape", f"{name} has shape {array.shape}, expected {shape}")
    if not np.all(np.isfinite(array)):
        fail("not_finite", f"{name} contains NaN or infinity")
    return array


def rel_error(x: np.ndarray, y: np.ndarray) -> float:
    """The course's relative error: max |x - y| / max(1e-8, |x| + |y|)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    with np.errstate(all="ignore"):
        error = float(np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y))))
    return math.inf if math.isnan(error) else error  # NaN compares false with every tolerance: never a pass


def assert_close(actual, expected, name: str, tolerance: float = 1e-6, note: str = "wrong_value", hint: str = "") -> None:
    actual = as_array(actual, name, np.shape(expected))
    error = rel_error(actual, expected)
    if error > tolerance:
        message = f"{name} is wrong: relative error {error:.2e} (allowed {tolerance:.0e})."
        fail(note, message + (f" {hint}" if hint else ""))
