"""HW2 Q5 hidden checks of FullyConnectedNet's initialisation (deeplearning/classifiers/fc_net.py) and of
loss(). Statistical checks use tolerances from sampling theory (reference.fc_init.std_tolerance) on
seeded draws, so they do not flake; exact random draws are never compared."""
import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from assignments.hw2.suites.public.probes import PARAMS_PROBE
from autograder.checks import fail, require_file
from reference.fc_init import he_std, std_tolerance

GRADIENT_PROBE = '''
def gradient_check(seed):
    """Analytic gradients of loss() against central differences, on a tiny float64 net."""
    import numpy as np
    from deeplearning.classifiers.fc_net import FullyConnectedNet
    np.random.seed(seed)
    X, y = np.random.randn(4, 6), np.random.randint(3, size=4)
    net = FullyConnectedNet([5, 4], input_dim=6, num_classes=3, reg=0.1, weight_scale=0.5, dtype=np.float64,
                            initialization="random")
    loss, grads = net.loss(X, y)
    worst = 0.0
    for name, value in net.params.items():
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            old = value[index]
            value[index] = old + 1e-6
            plus, _ = net.loss(X, y)
            value[index] = old - 1e-6
            minus, _ = net.loss(X, y)
            value[index] = old
            numeric[index] = (plus - minus) / 2e-6
        error = np.max(np.abs(numeric - grads[name]) / np.maximum(1e-8, np.abs(numeric) + np.abs(grads[name])))
        worst = max(worst, float(error))
    return {"loss": float(loss), "worst_relative_error": worst}
'''

HIDDEN_DIMS, INPUT_DIM, NUM_CLASSES = [300, 200], 600, 10
FAN_INS = (INPUT_DIM, *HIDDEN_DIMS)


def _params(student, initialization, weight_scale=1e-2, dtype="float64", seed=0):
    return student.probe(PARAMS_PROBE, "params", HIDDEN_DIMS, INPUT_DIM, NUM_CLASSES, initialization, weight_scale, dtype, seed)


def _weights(params):
    return [params[f"W{i + 1}"] for i in range(len(FAN_INS))]


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
            params = _params(student, initialization, dtype=dtype)
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
    layers = [np.asarray(w, dtype=np.float64).ravel() for w in _weights(_params(student, "he"))]
    standardized = np.concatenate([(w - w.mean()) / w.std() for w in layers])  # per layer: stds differ by layer
    kurtosis = float(np.mean(standardized**4))
    tolerance = 6 * np.sqrt(24 / standardized.size)
    if abs(kurtosis - 3) > tolerance:
        fail("fc_net.he_not_normal", f"initialization='he': the weights' kurtosis is {kurtosis:.2f}; a normal "
             f"distribution has 3 (a uniform one 1.8). Draw with np.random.randn.")


@weight(1)
@number("5.4.6")
def test_loss_gradients(submission, student):
    """fc_net.py: loss() still returns the right gradients (numeric gradient check)"""
    _require(submission)
    report = student.probe(GRADIENT_PROBE, "gradient_check", 0)
    if not np.isfinite(report["loss"]) or report["worst_relative_error"] > 1e-5:
        fail("fc_net.loss", f"loss() gradients disagree with numeric gradients (relative error "
             f"{report['worst_relative_error']:.1e}); loss() should stay as given.")
