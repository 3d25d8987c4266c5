"""HW2 Q5 hidden checks of deeplearning/optim.py against the oracle (reference/optim.py): the full
published vectors, random shapes, multi-step runs from config=None, defaults, state stored back in
config, float32 inputs. Every check of a rule runs several steps from a state that is not zero (or, from
config=None, carries the state on), since one step from zero state passes wrong rules (CS231n's momentum
agrees with HW2's there), and one problem has gradients of about 1e-5, where epsilon inside the square root
differs from HW2's sqrt(.) + epsilon. A known wrong variant is named in the feedback."""
import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from assignments.hw2.variants import DEFAULTS, KNOWN_VARIANTS, STATE
from autograder.checks import as_array, as_scalar, fail, rel_error, require_file, rule_result
from autograder.sandbox.errors import StudentError
from reference import optim

TOLERANCE = 1e-6
FLOAT32_TOLERANCE = 1e-4
STEPS = 3  # steps of each hidden problem, each from the state the student's rule returned
SMALL_GRADIENT = 1e-5  # |dw| where sqrt(v) is about epsilon = 1e-8 ... 1e-5: epsilon's place shows


def _oracle(rule, w, dw, config):
    return getattr(optim, rule)(np.array(w, dtype=np.float64), np.array(dw, dtype=np.float64), _copy(config))


def _copy(config):
    return None if config is None else {k: (np.array(v) if isinstance(v, np.ndarray) else v) for k, v in config.items()}


def _diagnostic_inputs(rule):
    """Inputs on which the known variants differ from one another: the notebook's vectors (Adam at t = 5),
    a random problem at a first and at a later step (Adam at t = 0 and t = 1), and one with small gradients."""
    rng = np.random.default_rng(1820)
    w, dw = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    state = {"velocity": rng.normal(size=(3, 4)), "cache": rng.uniform(0.1, 1, size=(3, 4)),
             "m": rng.normal(size=(3, 4)), "v": rng.uniform(0.1, 1, size=(3, 4))}
    random = {"learning_rate": 0.05, **{key: state[key] for key in STATE[rule] if key != "t"}}
    steps = [{**random, "t": t} for t in (0, 1)] if rule == "adam" else [random]
    small = [(w, SMALL_GRADIENT * dw, {"learning_rate": 0.05})]
    return [optim.NOTEBOOK_VECTORS[rule].inputs(), *((w, dw, config) for config in steps), *small]


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
                                            _copy(case_config))[0])
                   for case_w, case_dw, case_config, student_w in cases):
                return f" Your update matches {label}, which is not HW2's rule."
    return ""


def _t_diagnosis(config, actual_t):
    """HW2's Adam writes the incremented t back; a t that did not move was never written back."""
    given = 0 if config is None or "t" not in config else config["t"]
    if actual_t.size == 1 and float(actual_t.reshape(())) == given:
        return (f" config['t'] is still {given:g}: your adam does not write the incremented t back to config "
                "(config['t'] = t), so every call starts again from the same t.")
    return ""


def _state_entry(value, rule, key, shape):
    """A state entry of the returned config: the step count t a number, the others arrays of w's shape."""
    if key == "t":
        return np.array(as_scalar(value, f"{rule}: config['t']"))
    return as_array(value, f"{rule}: config['{key}']", shape)


def _step(student, rule, w, dw, config, what, tolerance=TOLERANCE):
    """One call of the student's rule, compared with the oracle in float64: next_w and every state entry.
    Returns next_w, the config the student's rule returned, and the config to carry on with: the oracle's
    hyperparameters and the student's checked state (the oracle reads no value the student wrote unchecked;
    other keys the student keeps are carried on untouched)."""
    value = getattr(student.module("deeplearning.optim"), rule)(w, dw, _copy(config))
    expected_w, expected_config = _oracle(rule, w, dw, config)
    actual_w, new_config = rule_result(value, rule, expected_w.shape, STATE[rule], what)
    if rel_error(actual_w, expected_w) > tolerance:
        fail(f"{rule}.next_w", f"{rule}: next_w is wrong ({what}): relative error {rel_error(actual_w, expected_w):.1e}."
             + _diagnosis(student, rule, w, dw, config, actual_w))
    carried = {**{key: value for key, value in new_config.items() if key not in expected_config}, **expected_config}
    for key in STATE[rule]:
        actual = carried[key] = _state_entry(new_config[key], rule, key, np.shape(expected_config[key]))
        if rel_error(actual, expected_config[key]) > tolerance:
            hint = _t_diagnosis(config, actual) if key == "t" else ""
            fail(f"{rule}.state", f"{rule}: config['{key}'] is wrong ({what}): "
                 f"relative error {rel_error(actual, expected_config[key]):.1e}."
                 + (hint or _diagnosis(student, rule, w, dw, config, actual_w)))
    if "t" in carried:
        carried["t"] = int(carried["t"])
    return actual_w, new_config, carried


def _run(student, rule, w, gradients, config, what, tolerance=TOLERANCE):
    """``len(gradients)`` steps from ``config``, each from the w and config the student's rule returned."""
    for step, dw in enumerate(gradients, start=1):
        w, _, config = _step(student, rule, w, dw, config, f"{what}, step {step} of {len(gradients)}", tolerance)
    return w, config


def _state(rule, rng, shape, scale=1.0, dtype=np.float64):
    """A state that is not zero: velocity, cache, moments and t as after some steps with gradients of ``scale``."""
    state = {"velocity": scale * rng.normal(size=shape), "cache": scale**2 * rng.uniform(0.1, 1.0, size=shape),
             "m": scale * rng.normal(size=shape), "v": scale**2 * rng.uniform(0.1, 1, size=shape)}
    config = {key: state[key].astype(dtype) for key in STATE[rule] if key != "t"}
    return {**config, "t": 3} if rule == "adam" else config


def _published(student, rule):
    """The notebook's test vectors (all 20 entries), then STEPS - 1 more steps from the state they leave."""
    w, dw, config = optim.NOTEBOOK_VECTORS[rule].inputs()
    w, _, config = _step(student, rule, w, dw, config, "the notebook's test vectors, all 20 entries")
    rng = np.random.default_rng(5)
    _run(student, rule, w, [rng.normal(size=w.shape) for _ in range(STEPS - 1)], config,
         "steps after the notebook's test vectors")


def _random_shapes(student, rule):
    """Random shapes and hyperparameters, each run STEPS steps from a non-zero state; the last problem has
    gradients of about SMALL_GRADIENT."""
    rng = np.random.default_rng(182)
    for shape, scale in [((3,), 1.0), ((7, 2), 1.0), ((2, 3, 4), 1.0), ((4, 3), SMALL_GRADIENT)]:
        w = rng.normal(size=shape)
        config = {"learning_rate": float(rng.uniform(1e-3, 1e-1)), **_state(rule, rng, shape, scale)}
        if rule == "sgd_momentum":
            config["momentum"] = float(rng.uniform(0.5, 0.99))
        if rule == "rmsprop":
            config["decay_rate"] = 0.9
        if rule == "adam":
            config.update(beta1=0.8, beta2=0.99)
        gradients = [scale * rng.normal(size=shape) for _ in range(STEPS)]
        size = "" if scale == 1 else f" with gradients of about {scale:g}"
        _run(student, rule, w, gradients, config, f"a random {shape} problem{size}")


def _from_none(student, rule, steps=8):
    """Start from config=None: defaults apply, state starts at zero, and the returned config carries on."""
    rng = np.random.default_rng(7)
    w, config = rng.normal(size=(3, 4)), None
    for step in range(steps):
        dw = rng.normal(size=w.shape)
        w, returned, config = _step(student, rule, w, dw, config, f"step {step + 1} of a run from config=None")
        for key, value in DEFAULTS[rule].items():
            if key not in returned:
                fail(f"{rule}.defaults", f"{rule}: config['{key}'] should default to {value}; it is not in config.")
            actual = as_scalar(returned[key], f"{rule}: config['{key}']")
            if not np.isclose(actual, value):
                fail(f"{rule}.defaults", f"{rule}: config['{key}'] should default to {value}, got {actual!r}.")


def _float32(student, rule):
    """float32 w, dw and state, STEPS steps from a non-zero state, compared with the float64 oracle."""
    rng = np.random.default_rng(32)
    shape = (5, 6)
    w = rng.normal(size=shape).astype(np.float32)
    config = {"learning_rate": 1e-2, **_state(rule, rng, shape, dtype=np.float32)}
    gradients = [rng.normal(size=shape).astype(np.float32) for _ in range(STEPS)]
    _run(student, rule, w, gradients, config, "float32 inputs", FLOAT32_TOLERANCE)


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
