"""HW2 Q5 hidden checks of deeplearning/optim.py against the oracle (reference/optim.py): the full
published vectors, random shapes, multi-step runs from config=None, defaults, state stored back in
config, float32 inputs. A known wrong variant is named in the feedback."""
import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from assignments.hw2.variants import KNOWN_VARIANTS
from autograder.checks import as_array, fail, rel_error, require_file
from autograder.sandbox.errors import StudentError
from reference import optim

TOLERANCE = 1e-6
STATE = {"sgd_momentum": ("velocity",), "rmsprop": ("cache",), "adam": ("m", "v", "t")}
DEFAULTS = {
    "sgd_momentum": {"learning_rate": 1e-2, "momentum": 0.9},
    "rmsprop": {"learning_rate": 1e-2, "decay_rate": 0.99, "epsilon": 1e-8},
    "adam": {"learning_rate": 1e-3, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
}


STATE_ZEROS = {"velocity": np.zeros_like, "cache": np.zeros_like, "m": np.zeros_like, "v": np.zeros_like,
               "t": lambda w: 0}


def _oracle(rule, w, dw, config):
    return getattr(optim, rule)(np.array(w, dtype=np.float64), np.array(dw, dtype=np.float64), _copy(config))


def _copy(config):
    return None if config is None else {k: (np.array(v) if isinstance(v, np.ndarray) else v) for k, v in config.items()}


def _full_config(rule, w, config):
    """``config`` with every default and every state entry filled in, as the rule itself would fill them."""
    zeros = {key: STATE_ZEROS[key](np.asarray(w, dtype=np.float64)) for key in STATE[rule]}
    return {**DEFAULTS[rule], **zeros, **(_copy(config) or {})}


def _diagnostic_inputs(rule):
    """Inputs on which the known variants differ from one another: the notebook's vectors (Adam at t = 5)
    and a random problem at a first and at a later step (Adam at t = 0 and t = 1)."""
    rng = np.random.default_rng(1820)
    w, dw = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    state = {"velocity": rng.normal(size=(3, 4)), "cache": rng.uniform(0.1, 1, size=(3, 4)),
             "m": rng.normal(size=(3, 4)), "v": rng.uniform(0.1, 1, size=(3, 4))}
    random = {"learning_rate": 0.05, **{key: state[key] for key in STATE[rule] if key != "t"}}
    steps = [{**random, "t": t} for t in (0, 1)] if rule == "adam" else [random]
    return [optim.NOTEBOOK_VECTORS[rule].inputs(), *((w, dw, config) for config in steps)]


def _same(actual, expected):
    """Equal within TOLERANCE where finite, and non-finite in the same places with the same values."""
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    finite = np.isfinite(expected)
    if actual.shape != expected.shape or not np.array_equal(np.isfinite(actual), finite):
        return False
    if not np.array_equal(actual[~finite], expected[~finite], equal_nan=True):
        return False
    return not finite.any() or rel_error(actual[finite], expected[finite]) < TOLERANCE


def _diagnosis(student, rule, w, dw, config, actual_w):
    """Name a known variant only when it matches the student's update on the failing input and on every
    diagnostic input: a variant that agrees on one input only (e.g. a late t and a missing power t
    agree at the second step) is not named."""
    cases = [(w, dw, config, actual_w)]
    for case_w, case_dw, case_config in _diagnostic_inputs(rule):
        try:
            next_w, _ = getattr(student.module("deeplearning.optim"), rule)(case_w, case_dw, _copy(case_config))
            cases.append((case_w, case_dw, case_config, np.asarray(next_w, dtype=np.float64)))
        except (StudentError, TypeError, ValueError):
            return ""
    for label, variant in KNOWN_VARIANTS[rule].items():
        with np.errstate(all="ignore"):
            if all(_same(student_w, variant(np.array(case_w, dtype=np.float64), np.array(case_dw, dtype=np.float64),
                                            _full_config(rule, case_w, case_config))[0])
                   for case_w, case_dw, case_config, student_w in cases):
                return f" Your update matches {label}, which is not HW2's rule."
    return ""


def _step(student, rule, w, dw, config, what):
    """One call of the student's rule, compared with the oracle: next_w and every state entry."""
    next_w, new_config = getattr(student.module("deeplearning.optim"), rule)(w, dw, _copy(config))
    expected_w, expected_config = _oracle(rule, w, dw, config)
    actual_w = as_array(next_w, f"{rule}: next_w ({what})", expected_w.shape)
    if rel_error(actual_w, expected_w) > TOLERANCE:
        fail(f"{rule}.next_w", f"{rule}: next_w is wrong ({what}): relative error {rel_error(actual_w, expected_w):.1e}."
             + _diagnosis(student, rule, w, dw, config, actual_w))
    if not isinstance(new_config, dict):
        fail(f"{rule}.config", f"{rule} must return (next_w, config) with config a dict ({what}).")
    for key in STATE[rule]:
        if key not in new_config:
            fail(f"{rule}.state", f"{rule}: config['{key}'] is not stored back in config ({what}).")
        actual = as_array(new_config[key], f"{rule}: config['{key}']", np.shape(expected_config[key]))
        if rel_error(actual, expected_config[key]) > TOLERANCE:
            fail(f"{rule}.state", f"{rule}: config['{key}'] is wrong ({what}): "
                 f"relative error {rel_error(actual, expected_config[key]):.1e}."
                 + _diagnosis(student, rule, w, dw, config, actual_w))
    return actual_w, new_config


def _published(student, rule):
    w, dw, config = optim.NOTEBOOK_VECTORS[rule].inputs()
    _step(student, rule, w, dw, config, "the notebook's test vectors, all 20 entries")


def _random_shapes(student, rule):
    rng = np.random.default_rng(182)
    for shape in [(3,), (7, 2), (2, 3, 4)]:
        w, dw = rng.normal(size=shape), rng.normal(size=shape)
        config = {"learning_rate": float(rng.uniform(1e-3, 1e-1))}
        if rule == "sgd_momentum":
            config.update(momentum=float(rng.uniform(0.5, 0.99)), velocity=rng.normal(size=shape))
        if rule == "rmsprop":
            config.update(decay_rate=0.9, cache=rng.uniform(0.1, 1.0, size=shape))
        if rule == "adam":
            config.update(beta1=0.8, beta2=0.99, m=rng.normal(size=shape), v=rng.uniform(0.1, 1, size=shape), t=3)
        _step(student, rule, w, dw, config, f"a random {shape} problem")


def _from_none(student, rule, steps=8):
    """Start from config=None: defaults apply, state starts at zero, and the returned config carries on."""
    rng = np.random.default_rng(7)
    w, config = rng.normal(size=(3, 4)), None
    for step in range(steps):
        dw = rng.normal(size=w.shape)
        w, config = _step(student, rule, w, dw, config, f"step {step + 1} of a run from config=None")
        for key, value in DEFAULTS[rule].items():
            if not np.isclose(float(config.get(key, np.nan)), value):
                fail(f"{rule}.defaults", f"{rule}: config['{key}'] should default to {value}, got {config.get(key)!r}.")


def _float32(student, rule):
    rng = np.random.default_rng(32)
    w, dw = rng.normal(size=(5, 6)).astype(np.float32), rng.normal(size=(5, 6)).astype(np.float32)
    next_w, _ = getattr(student.module("deeplearning.optim"), rule)(w, dw, None)
    expected, _ = _oracle(rule, w, dw, None)
    actual = as_array(next_w, f"{rule}: next_w (float32 input)", expected.shape)
    if rel_error(actual, expected) > 1e-4:
        fail(f"{rule}.float32", f"{rule}: wrong result for float32 inputs (relative error {rel_error(actual, expected):.1e}).")


def _require(submission):
    require_file(submission, "deeplearning/optim.py")


@weight(1)
@number("5.1.1")
def test_sgd_momentum_full_vectors(submission, student):
    """deeplearning/optim.py: sgd_momentum, all entries of the notebook's vectors"""
    _require(submission)
    _published(student, "sgd_momentum")


@weight(1)
@number("5.1.2")
def test_sgd_momentum_random_shapes(submission, student):
    """deeplearning/optim.py: sgd_momentum on hidden random shapes and hyperparameters"""
    _require(submission)
    _random_shapes(student, "sgd_momentum")


@weight(1)
@number("5.1.3")
def test_sgd_momentum_from_none(submission, student):
    """deeplearning/optim.py: sgd_momentum over 8 steps from config=None (defaults, velocity stored)"""
    _require(submission)
    _from_none(student, "sgd_momentum")


@weight(0.5)
@number("5.1.4")
def test_sgd_momentum_float32(submission, student):
    """deeplearning/optim.py: sgd_momentum with float32 inputs"""
    _require(submission)
    _float32(student, "sgd_momentum")


@weight(1)
@number("5.2.1")
def test_adam_full_vectors(submission, student):
    """deeplearning/optim.py: adam, all entries of the notebook's vectors"""
    _require(submission)
    _published(student, "adam")


@weight(1)
@number("5.2.2")
def test_adam_random_shapes(submission, student):
    """deeplearning/optim.py: adam on hidden random shapes and hyperparameters"""
    _require(submission)
    _random_shapes(student, "adam")


@weight(1)
@number("5.2.3")
def test_adam_from_none(submission, student):
    """deeplearning/optim.py: adam over 8 steps from config=None (t counts 1, 2, ...; m, v, t stored)"""
    _require(submission)
    _from_none(student, "adam")


@weight(0.5)
@number("5.2.4")
def test_adam_float32(submission, student):
    """deeplearning/optim.py: adam with float32 inputs"""
    _require(submission)
    _float32(student, "adam")


@weight(0)
@number("5.3.1")
def test_rmsprop_optional(submission, student):
    """deeplearning/optim.py: rmsprop (optional, no points): vectors, random shapes, run from config=None"""
    _require(submission)
    for check in (_published, _random_shapes, _from_none):
        check(student, "rmsprop")
