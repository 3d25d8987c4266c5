"""HW2 Q5 hidden checks of FullyConnectedNet's initialisation (deeplearning/classifiers/fc_net.py) and of
loss(), whose scores, loss and gradients are compared with the oracle's (reference/fc_net.py) at the
student's own parameters: a gradient check of loss() against itself passes a loss that returns 0 with zero
gradients, or one that leaves out the regularisation in both. Statistical checks use tolerances from
sampling theory (reference.fc_init.std_tolerance) on seeded draws, so they do not flake; exact random draws
are never compared."""
import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from assignments.hw2.suites.public.probes import PARAMS_PROBE
from assignments.hw2.variants import KNOWN_LOSSES
from autograder.checks import as_array, as_mapping, fail, rel_error, require_file
from reference import fc_net
from reference.fc_init import he_std, std_tolerance

LOSS_PROBE = '''
def loss_report(X, y, reg):
    """A tiny float64 net of the student's class: its parameters, then what loss() returns for them."""
    import numpy as np
    from deeplearning.classifiers.fc_net import FullyConnectedNet
    np.random.seed(0)
    net = FullyConnectedNet([5, 4], input_dim=X.shape[1], num_classes=3, reg=reg, weight_scale=0.5,
                            dtype=np.float64, initialization="random")
    params = {str(name): np.array(value) for name, value in net.params.items()}
    scores = np.asarray(net.loss(X))
    loss, grads = net.loss(X, y)
    return {"params": params, "scores": scores, "loss": float(loss),
            "grads": {str(name): np.asarray(value) for name, value in grads.items()}}
'''
LOSS_SHAPES = {"W1": (6, 5), "b1": (5,), "W2": (5, 4), "b2": (4,), "W3": (4, 3), "b3": (3,)}
LOSS_TOLERANCE = 1e-6

HIDDEN_DIMS, INPUT_DIM, NUM_CLASSES = [300, 200], 600, 10
FAN_INS = (INPUT_DIM, *HIDDEN_DIMS)


NET = (HIDDEN_DIMS, INPUT_DIM, NUM_CLASSES)
SMALL_NET = ([5, 4], 6, 3)  # for checks that need no statistics: 3,000 times fewer bytes to send back


def _params(student, initialization, weight_scale=1e-2, dtype="float64", seed=0, net=NET):
    """net.params of the student's FullyConnectedNet: a dict of arrays holding every W and b of ``net``."""
    names = [f"{kind}{i + 1}" for i in range(len(net[0]) + 1) for kind in "Wb"]
    params = as_mapping(student.probe(PARAMS_PROBE, "params", *net, initialization, weight_scale, dtype, seed),
                        f"initialization={initialization!r}: net.params", tuple(names))
    return {name: np.asarray(value) for name, value in params.items()}


def _weights(params):
    return [as_array(params[f"W{i + 1}"], f"W{i + 1}") for i in range(len(FAN_INS))]


def _require(submission):
    require_file(submission, "deeplearning/classifiers/fc_net.py")


def _check_std(array, expected, label, note):
    tolerance = std_tolerance(array.size)
    actual = float(np.std(np.asarray(array, dtype=np.float64)))
    if abs(actual / expected - 1) > tolerance:
        fail(note, f"{label}: standard deviation {actual:.4g}, expected {expected:.4g} (allowed ±{tolerance:.1%}).")


@weight(1)
@number("5.4.1")
def test_biases_zero_and_dtype(submission, student):
    """fc_net.py: biases are zero and every parameter has the net's dtype, for each initialization"""
    _require(submission)
    for initialization in ("random", "he", "zero"):
        for dtype in ("float32", "float64"):
            params = _params(student, initialization, dtype=dtype, net=SMALL_NET)
            for name, value in params.items():
                if str(value.dtype) != dtype:
                    fail("fc_net.dtype", f"initialization={initialization!r}, dtype={dtype}: {name} is {value.dtype}.")
                if name.startswith("b") and np.any(value != 0):
                    fail("fc_net.bias", f"initialization={initialization!r}: {name} should be all zeros.")


@weight(1)
@number("5.4.2")
def test_zero_initialization(submission, student):
    """fc_net.py: initialization='zero' makes every weight exactly zero"""
    _require(submission)
    for index, weights in enumerate(_weights(_params(student, "zero")), start=1):
        if np.any(weights != 0):
            fail("fc_net.zero", f"initialization='zero': W{index} is not exactly zero.")


@weight(1)
@number("5.4.3")
def test_random_initialization(submission, student):
    """fc_net.py: initialization='random' draws weights with std = weight_scale"""
    _require(submission)
    for weight_scale in (1e-2, 0.3):
        for index, weights in enumerate(_weights(_params(student, "random", weight_scale=weight_scale)), start=1):
            _check_std(weights, weight_scale, f"initialization='random', weight_scale={weight_scale}: W{index}",
                       "fc_net.random_std")


@weight(1.5)
@number("5.4.4")
def test_he_initialization_std(submission, student):
    """fc_net.py: initialization='he' gives std sqrt(2/fan_in) in every layer"""
    _require(submission)
    for seed in (0, 1):
        for index, (weights, fan_in) in enumerate(zip(_weights(_params(student, "he", seed=seed)), FAN_INS), start=1):
            if abs(float(np.mean(weights))) > 6 * he_std(fan_in) / np.sqrt(weights.size):
                fail("fc_net.he_mean", f"initialization='he': W{index} should have mean 0.")
            _check_std(weights, he_std(fan_in), f"initialization='he': W{index} (fan_in {fan_in})", "fc_net.he_std")


@weight(0.5)
@number("5.4.5")
def test_he_initialization_normal(submission, student):
    """fc_net.py: initialization='he' draws from a normal distribution (not a uniform one)"""
    _require(submission)
    layers = [w.ravel() for w in _weights(_params(student, "he"))]
    if any(w.size < 2 or not w.std() > 0 for w in layers):
        fail("fc_net.he_not_normal", "initialization='he': a weight matrix is constant, so it is not drawn from a "
             "normal distribution. Draw with np.random.randn.")
    standardized = np.concatenate([(w - w.mean()) / w.std() for w in layers])  # per layer: stds differ by layer
    kurtosis = float(np.mean(standardized**4))
    tolerance = 6 * np.sqrt(24 / standardized.size)
    if abs(kurtosis - 3) > tolerance:
        fail("fc_net.he_not_normal", f"initialization='he': the weights' kurtosis is {kurtosis:.2f}; a normal "
             f"distribution has 3 (a uniform one 1.8). Draw with np.random.randn.")


def _as_shaped(value, name, shape):
    """An array of ``shape``, or of the same entries in another shape: a bias of shape (1, H) instead of (H,) is
    charged once, by 5.0.5's shape check, not again here, where its loss and gradients are right."""
    array = as_array(value, name)
    if array.size != int(np.prod(shape)):
        fail("bad_shape", f"{name} has shape {array.shape}, expected {shape}")
    return array.reshape(shape)


def _loss_inputs():
    rng = np.random.default_rng(546)
    return rng.normal(size=(4, 6)), rng.integers(3, size=4), 0.1


def _matches(report, loss, grads):
    """The student's loss and every gradient agree with (loss, grads) within LOSS_TOLERANCE."""
    if not abs(report["loss"] - loss) <= LOSS_TOLERANCE * max(abs(loss), 1e-8):
        return False
    for name, expected in grads.items():
        try:
            actual = np.asarray(report["grads"].get(name), dtype=np.float64)
        except (TypeError, ValueError):
            return False
        if actual.shape != expected.shape or rel_error(actual, expected) > LOSS_TOLERANCE:
            return False
    return True


def _loss_reading(report, params, X, y, reg):
    """The known wrong loss whose value and gradients the student's loss() gives, in words; "" when none."""
    for label, variant in KNOWN_LOSSES.items():
        if _matches(report, *variant(params, X, y, reg)):
            return f" Your loss() returns {label}."
    return ""


@weight(1)
@number("5.4.6")
def test_loss_gradients(submission, student):
    """fc_net.py: loss() still returns the right scores, loss and gradients (compared with the oracle's)"""
    _require(submission)
    X, y, reg = _loss_inputs()
    report = student.probe(LOSS_PROBE, "loss_report", X, y, reg)
    report = as_mapping(report, "loss()'s report", ("params", "scores", "loss", "grads"))
    params = {name: _as_shaped(as_mapping(report["params"], "net.params").get(name), f"params['{name}']", shape)
              for name, shape in LOSS_SHAPES.items()}
    scores = as_array(report["scores"], "loss(X) (the scores)", (len(X), LOSS_SHAPES["b3"][0]))
    if rel_error(scores, fc_net.scores(params, X)) > LOSS_TOLERANCE:
        fail("fc_net.scores", "loss(X) without y should return the scores of the affine - ReLU stack, "
             f"relative error {rel_error(scores, fc_net.scores(params, X)):.1e}; loss() should stay as given.")
    expected_loss, expected_grads = fc_net.loss_and_grads(params, X, y, reg)
    reading = "" if _matches(report, expected_loss, expected_grads) else _loss_reading(report, params, X, y, reg)
    if not abs(report["loss"] - expected_loss) <= LOSS_TOLERANCE * abs(expected_loss):
        fail("fc_net.loss", f"loss(X, y) returns the loss {report['loss']:.6g}; the mean softmax cross-entropy plus "
             f"0.5 * reg * sum of ||W||^2 is {expected_loss:.6g} for this net.{reading} loss() should stay as given.")
    for name, expected in expected_grads.items():
        actual = _as_shaped(report["grads"].get(name), f"grads['{name}']", expected.shape)
        if rel_error(actual, expected) > LOSS_TOLERANCE:
            fail("fc_net.gradients", f"grads['{name}'] is not the gradient of the loss (relative error "
                 f"{rel_error(actual, expected):.1e}).{reading} loss() should stay as given.")
