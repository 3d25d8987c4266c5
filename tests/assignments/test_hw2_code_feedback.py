"""HW2's code tests name a mistake only when it is that mistake (issue 13, items 6 and 7): student-style
implementations written here by hand run through the hidden suites' checks with a stand-in for the
student process, and a few known-wrong submissions are graded end to end for their feedback."""
import importlib
from types import SimpleNamespace

import numpy as np
import pytest

from autograder.assignment import load_assignment
from autograder.checks import CheckFailed
from autograder.grading.grade import grade_submission
from autograder.tools.mutations import materialise
from reference import fc_net

HW2 = load_assignment("hw2")

OPTIM_SUITE = importlib.import_module("assignments.hw2.suites.hidden.test_optim")
SOLVER_SUITE = importlib.import_module("assignments.hw2.suites.hidden.test_solver")
FC_NET_SUITE = importlib.import_module("assignments.hw2.suites.hidden.test_fc_net")
SUBMISSION = SimpleNamespace(find=lambda relative: HW2.submissions / "reference" / relative)  # what require_file asks


class StandIn:
    """The student process, reduced to what the checks call: module(...) and probe(...)."""

    def __init__(self, probe=None, **functions):
        self.functions, self._probe = SimpleNamespace(**functions), probe

    def module(self, name):
        return self.functions

    def probe(self, source, function, *args):
        return self._probe(*args)


def student_adam(power):
    """Adam as a student writes it, t incremented first; ``power(t)`` is the exponent of the bias correction."""
    def adam(w, dw, config=None):
        config = {} if config is None else config
        for key, value in (("learning_rate", 1e-3), ("beta1", 0.9), ("beta2", 0.999), ("epsilon", 1e-8),
                           ("m", np.zeros_like(w)), ("v", np.zeros_like(w)), ("t", 0)):
            config.setdefault(key, value)
        config["t"] += 1
        config["m"] = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw
        config["v"] = config["beta2"] * config["v"] + (1 - config["beta2"]) * dw * dw
        p = power(config["t"])
        m_hat, v_hat = config["m"] / (1 - config["beta1"] ** p), config["v"] / (1 - config["beta2"] ** p)
        return w - config["learning_rate"] * m_hat / (np.sqrt(v_hat) + config["epsilon"]), config
    return adam


def failure(check, *args):
    with pytest.raises(CheckFailed) as raised:
        check(*args)
    return str(raised.value)


NO_POWER = "lacks the power t"
LATE_T = "t incremented after"


@pytest.mark.parametrize("check", ["_published", "_random_shapes", "_from_none"])
def test_adam_without_the_power_t_is_named_as_such(check):
    """m / (1 - beta1): right at t = 1, equal to the late-t variant at t = 2 (both divide by 1 - beta1), and
    apart from it at the notebook's t = 5: only the missing power is named, in every check."""
    message = failure(getattr(OPTIM_SUITE, check), StandIn(adam=student_adam(lambda t: 1)), "adam")
    assert NO_POWER in message and LATE_T not in message


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the late t divides by 1 - beta**0 = 0 at a first step
def test_adam_with_a_late_t_is_named_as_such():
    message = failure(OPTIM_SUITE._published, StandIn(adam=student_adam(lambda t: t - 1)), "adam")
    assert LATE_T in message and NO_POWER not in message


def test_a_variant_matching_one_input_only_is_not_named():
    """Power 1 at t <= 2 and the right power later: the missing-power variant matches at step 2 of a run
    from None, the late-t variant too, and neither on the notebook's vectors."""
    message = failure(OPTIM_SUITE._from_none, StandIn(adam=student_adam(lambda t: 1 if t <= 2 else t)), "adam")
    assert "next_w is wrong (step 2" in message
    assert "Your update matches" not in message


def test_the_right_adam_passes_every_check():
    stand_in = StandIn(adam=student_adam(lambda t: t))
    for check in (OPTIM_SUITE._published, OPTIM_SUITE._random_shapes, OPTIM_SUITE._from_none):
        check(stand_in, "adam")


def student_adam_with(t_default=0, store_t=True, eps_inside=False):
    """The right Adam, except: t defaults to ``t_default``, the incremented t is written back only when
    ``store_t``, and epsilon is added inside the square root when ``eps_inside``."""
    def adam(w, dw, config=None):
        config = dict(config or {})
        for key, value in (("learning_rate", 1e-3), ("beta1", 0.9), ("beta2", 0.999), ("epsilon", 1e-8),
                           ("m", np.zeros_like(w)), ("v", np.zeros_like(w)), ("t", t_default)):
            config.setdefault(key, value)
        t = config["t"] + 1
        config["m"] = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw
        config["v"] = config["beta2"] * config["v"] + (1 - config["beta2"]) * dw * dw
        m_hat, v_hat = config["m"] / (1 - config["beta1"] ** t), config["v"] / (1 - config["beta2"] ** t)
        eps = config["epsilon"]
        denominator = np.sqrt(v_hat + eps) if eps_inside else np.sqrt(v_hat) + eps
        if store_t:
            config["t"] = t
        return w - config["learning_rate"] * m_hat / denominator, config
    return adam


def student_rmsprop(eps_inside):
    def rmsprop(w, dw, config=None):
        config = dict(config or {})
        for key, value in (("learning_rate", 1e-2), ("decay_rate", 0.99), ("epsilon", 1e-8), ("cache", np.zeros_like(w))):
            config.setdefault(key, value)
        config["cache"] = config["decay_rate"] * config["cache"] + (1 - config["decay_rate"]) * dw**2
        eps = config["epsilon"]
        denominator = np.sqrt(config["cache"] + eps) if eps_inside else np.sqrt(config["cache"]) + eps
        return w - config["learning_rate"] * dw / denominator, config
    return rmsprop


def test_an_adam_that_never_writes_t_back_is_told_so_not_a_late_t():
    """Issue 28 item 4: each step is right on its own; t stays where it was."""
    message = failure(OPTIM_SUITE._from_none, StandIn(adam=student_adam_with(store_t=False)), "adam")
    assert "config['t'] is wrong (step 1" in message and "does not write the incremented t back" in message
    assert LATE_T not in message


def test_an_adam_whose_t_defaults_to_one_is_named():
    message = failure(OPTIM_SUITE._from_none, StandIn(adam=student_adam_with(t_default=1)), "adam")
    assert "next_w is wrong (step 1" in message and "t defaults to 1 instead of 0" in message


@pytest.mark.parametrize("rule, student", [("adam", student_adam_with(eps_inside=True)),
                                           ("rmsprop", student_rmsprop(eps_inside=True))])
def test_epsilon_inside_the_square_root_fails_and_is_named_for_both_rules(rule, student):
    """Issue 28 item 3: one policy. With gradients near 1 the two forms agree within 1e-8 relative; with
    |dw| about 1e-5, sqrt(v) is about 1e-5 against sqrt(v + 1e-8) about 1e-4."""
    message = failure(OPTIM_SUITE._random_shapes, StandIn(**{rule: student}), rule)
    assert "gradients of about 1e-05" in message and "epsilon inside the square root" in message


def test_the_right_rmsprop_and_the_right_adam_pass_the_small_gradients():
    OPTIM_SUITE._random_shapes(StandIn(rmsprop=student_rmsprop(eps_inside=False)), "rmsprop")
    OPTIM_SUITE._random_shapes(StandIn(adam=student_adam_with()), "adam")


def cs231n_momentum(w, dw, config=None):
    config = dict(config or {})
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    v = config["momentum"] * config.get("velocity", np.zeros_like(w)) - config["learning_rate"] * dw
    config["velocity"] = v
    return w + v, config


def test_the_float32_check_rejects_cs231n_momentum():
    """Issue 28 item 2: one step from zero velocity, where CS231n's rule and HW2's agree, passed it."""
    message = failure(OPTIM_SUITE._float32, StandIn(sgd_momentum=cs231n_momentum), "sgd_momentum")
    assert "float32 inputs, step 1" in message and "CS231n's momentum" in message


@pytest.mark.parametrize("returned, says", [
    (lambda w: None, "adam must return (next_w, config); got None."),
    (lambda w: (w,), "adam must return (next_w, config); got a tuple of 1 value."),
    (lambda w: (None, {}), "should be a numpy array, got NoneType"),
    (lambda w: (w, "config"), "config a dict; got a str"),
    (lambda w: (w, {}), "is not stored back"),
    (lambda w: (w * np.nan, {}), "NaN or infinity"),
])
def test_a_degenerate_return_is_a_failed_check_with_a_reason(returned, says):
    """Issue 28 item 1: never an IndexError, KeyError or ValueError (the grader's internal error)."""
    for check in (OPTIM_SUITE._published, OPTIM_SUITE._random_shapes, OPTIM_SUITE._from_none, OPTIM_SUITE._float32):
        assert says in failure(check, StandIn(adam=lambda w, dw, config=None: returned(w)), "adam")


def test_a_hyperparameter_the_student_overwrites_never_reaches_the_oracle():
    """The config a rule returns is carried on with the oracle's hyperparameters and the checked state."""
    def momentum(w, dw, config=None):
        next_w, config = cs231n_momentum(w, dw, config)
        config["learning_rate"] = "fast"
        return next_w, config
    for check in (OPTIM_SUITE._published, OPTIM_SUITE._random_shapes, OPTIM_SUITE._from_none, OPTIM_SUITE._float32):
        failure(check, StandIn(sgd_momentum=momentum), "sgd_momentum")  # a CheckFailed, not a TypeError


def test_a_net_without_its_weights_is_a_failed_check_not_a_key_error():
    """The 'he' branch that sets no weights: net.params holds only the biases."""
    def probe(*args):
        return {f"b{i}": np.zeros(3) for i in (1, 2, 3)}
    assert "lacks 'W1', 'W2', 'W3'" in failure(FC_NET_SUITE.test_he_initialization_std, SUBMISSION, StandIn(probe=probe))


def logged_by(reading):
    """A stand-in whose Solver logs ``reading(grads)`` after one step."""
    return StandIn(probe=lambda gradients: [float(reading(gradients))])


def flattened_norms(grads):
    return [np.sqrt(np.sum(np.square(g))) for g in grads.values()]


@pytest.mark.parametrize("reading, words", [
    (lambda grads: np.mean([np.linalg.norm(g, 2) for g in grads.values()]), "spectral norm"),
    (lambda grads: np.mean(np.concatenate([g.ravel() for g in grads.values()]) ** 2), "mean of the squared gradient entries"),
    (lambda grads: np.sqrt(np.sum(flattened_norms(grads))), "square root of the summed norms"),
    (lambda grads: np.sqrt(sum(np.sum(g**2) for g in grads.values())), "one norm of all the gradients together"),
    (lambda grads: np.sqrt(sum(np.sum(g**2) for g in grads.values())) / len(grads), "divided by the number"),
    (lambda grads: np.mean([n**2 for n in flattened_norms(grads)]), "mean of the squared norms"),
    (lambda grads: np.mean([np.sqrt(np.sum(g**2)) for k, g in grads.items() if k[0] == "W"]), "weight gradients only"),
])
def test_grad_norm_readings_are_named(reading, words):
    message = failure(SOLVER_SUITE.test_grad_norm_log, SUBMISSION, logged_by(reading))
    assert words in message
    assert "np.linalg.norm(g.ravel())" in message  # which norm is meant


def test_spectral_norm_feedback_says_why_it_differs():
    message = failure(SOLVER_SUITE.test_grad_norm_log, SUBMISSION,
                      logged_by(lambda grads: np.mean([np.linalg.norm(g, 2) for g in grads.values()])))
    assert "largest singular value" in message and "Frobenius" in message


def test_grad_norm_right_reading_passes_and_unknown_reading_is_not_named():
    SOLVER_SUITE.test_grad_norm_log(SUBMISSION, logged_by(lambda grads: np.mean(flattened_norms(grads))))
    message = failure(SOLVER_SUITE.test_grad_norm_log, SUBMISSION,
                      logged_by(lambda grads: 1.1 * np.mean(flattened_norms(grads))))
    assert "Your value is" not in message


def test_grad_norm_gradient_sets_tell_the_readings_apart():
    """On each known gradient set, every named reading gives a value far (> 1e-4 relative) from the right
    one and from every other reading, so a match names one reading."""
    for gradients in (SOLVER_SUITE.KNOWN_GRADIENTS, SOLVER_SUITE.SECOND_GRADIENTS):
        values = [np.mean(flattened_norms(gradients))] + [reading(gradients) for reading in SOLVER_SUITE.KNOWN_GRAD_NORMS.values()]
        for i, a in enumerate(values):
            for b in values[i + 1:]:
                assert abs(a - b) > 1e-4 * abs(a)


def loss_report(params, loss, grads, X):
    return {"params": params, "scores": fc_net.scores(params, X), "loss": loss, "grads": grads}


def tiny_params():
    rng = np.random.default_rng(0)
    return {name: rng.normal(size=shape) * 0.5 for name, shape in FC_NET_SUITE.LOSS_SHAPES.items()}


def test_loss_returning_zero_fails_and_is_named():
    """The hole of issue 13 item 7: loss 0 and zero gradients agree with each other, not with the oracle."""
    params = tiny_params()
    zero = StandIn(probe=lambda X, y, reg: loss_report(params, 0.0, {k: np.zeros_like(v) for k, v in params.items()}, X))
    message = failure(FC_NET_SUITE.test_loss_gradients, SUBMISSION, zero)
    assert "returns the loss 0" in message and "a loss of 0 with zero gradients" in message


def test_loss_without_regularisation_fails_and_is_named():
    params = tiny_params()

    def probe(X, y, reg):
        # By hand: the cross-entropy alone, gradients by central differences of it (reg left out in both).
        def cross_entropy(p):
            s = fc_net.scores(p, X)
            s = s - s.max(axis=1, keepdims=True)
            return float(np.mean(np.log(np.exp(s).sum(axis=1)) - s[np.arange(len(y)), y]))
        grads = {}
        for name, value in params.items():
            grads[name] = np.zeros_like(value)
            for index in np.ndindex(value.shape):
                plus = {**params, name: value.copy()}
                minus = {**params, name: value.copy()}
                plus[name][index] += 1e-6
                minus[name][index] -= 1e-6
                grads[name][index] = (cross_entropy(plus) - cross_entropy(minus)) / 2e-6
        return loss_report(params, cross_entropy(params), grads, X)

    # Central differences are accurate to about 1e-9 here, inside the 1e-6 tolerance of the match.
    message = failure(FC_NET_SUITE.test_loss_gradients, SUBMISSION, StandIn(probe=probe))
    assert "without the L2 regularisation" in message


def test_right_loss_passes():
    params = tiny_params()
    X, y, reg = FC_NET_SUITE._loss_inputs()
    loss, grads = fc_net.loss_and_grads(params, X, y, reg)
    FC_NET_SUITE.test_loss_gradients(SUBMISSION,
                                     StandIn(probe=lambda X, y, reg: loss_report(params, loss, grads, X)))


@pytest.mark.parametrize("name, test_id, says, never", [
    ("wrong_adam_bias_no_power", "test_adam_full_vectors", NO_POWER, LATE_T),
    ("wrong_adam_no_t_increment", "test_adam_full_vectors", LATE_T, NO_POWER),
    ("wrong_grad_norm_spectral", "test_grad_norm_log", "spectral norm", "square root"),
    ("wrong_grad_norm_sqrt_of_summed_norms", "test_grad_norm_log", "square root of the summed norms", "spectral"),
    ("wrong_loss_zero", "test_loss_gradients", "a loss of 0 with zero gradients", "summed"),
])
def test_known_wrong_feedback_end_to_end(tmp_path, name, test_id, says, never):
    result = grade_submission(HW2, materialise(HW2, name, tmp_path / name))
    [test] = [t for t in result.tests if t.id == test_id]
    assert test.score == 0 and says in test.output and never not in test.output
