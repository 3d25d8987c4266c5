"""HW2 Q5 plausibility checks of the experiment logs in submission_logs/ (they could be fabricated, so
they earn few points). Logs are data: read by the engine's readers (no pickles; size, depth and count
limits checked before numpy or json see them), never executed."""
import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import fail, rel_error
from autograder.grading.submission import SubmissionError, read_json_file, read_npz_file
from reference.fc_init import he_std

LOGS = "submission_logs"
MAX_BYTES = 20 * 1024 * 1024
SEEDS = (100, 200, 300)
HISTORY_KEYS = ("train_losses", "train_accs", "val_accs")


def _path(submission, name):
    path = submission.find(f"{LOGS}/{name}")
    if path is None:
        fail("logs.missing", submission.missing_message(f"{LOGS}/{name}"))
    if path.stat().st_size > MAX_BYTES:
        fail("logs.too_large", f"{LOGS}/{name} is larger than {MAX_BYTES // 2**20} MB.")
    return path


def _history(submission, name):
    try:
        data = read_npz_file(_path(submission, name), f"{LOGS}/{name}", MAX_BYTES)
    except SubmissionError as error:
        fail("logs.unreadable", f"{error}.")
    missing = [key for key in HISTORY_KEYS if key not in data]
    if missing:
        fail("logs.keys", f"{LOGS}/{name} lacks {', '.join(missing)}.")
    try:
        history = {key: np.asarray(data[key], dtype=np.float64).ravel() for key in HISTORY_KEYS}
    except (TypeError, ValueError) as error:
        fail("logs.unreadable", f"{LOGS}/{name}: its histories are not numbers ({type(error).__name__}).")
    if not all(np.all(np.isfinite(values)) for key, values in history.items() if key != "train_losses"):
        fail("logs.not_finite", f"{LOGS}/{name}: accuracies contain NaN or infinity.")
    return history


def _json(submission, name):
    try:
        return read_json_file(_path(submission, name), f"{LOGS}/{name}", MAX_BYTES)
    except SubmissionError as error:
        fail("logs.unreadable", f"{error}.")


@weight(1)
@number("5.6.1")
def test_optimizer_experiment_logs(submission):
    """submission_logs/optimizer_experiment_*.npz: present, 200 iterations, Adam reaches 0.45 train accuracy"""
    for rule in ("sgd", "sgd_momentum", "adam"):
        history = _history(submission, f"optimizer_experiment_{rule}.npz")
        if history["train_losses"].size != 200 or history["train_accs"].size != 6:
            fail("logs.lengths", f"optimizer_experiment_{rule}.npz: expected 200 losses and 6 accuracies (5 epochs).")
    adam = _history(submission, "optimizer_experiment_adam.npz")["train_accs"][-1]
    if adam < 0.45:
        fail("logs.adam_accuracy", f"Adam's final train accuracy is {adam:.3f}; it typically reaches 0.45 in 5 epochs.")


@weight(1)
@number("5.6.2")
def test_momentum_comparison_logs(submission):
    """submission_logs/sgd_momentum_compare_*.npz: SGD's averaged final train accuracy within 0.04 of momentum's"""
    finals = {}
    for rule in ("sgd", "sgd_momentum"):
        finals[rule] = float(np.mean([_history(submission, f"sgd_momentum_compare_{rule}_{seed}.npz")["train_accs"][-1]
                                      for seed in SEEDS]))
    error = rel_error(finals["sgd"], finals["sgd_momentum"])
    if error >= 0.04:
        fail("logs.compare", f"averaged final train accuracies: SGD {finals['sgd']:.3f}, momentum "
             f"{finals['sgd_momentum']:.3f}: relative error {error:.3f}, needed below 0.04.")


@weight(1)
@number("5.6.3")
def test_initialization_logs(submission):
    """submission_logs/w_stds_*.json match each initialization; initialization_experiment_*.npz present"""
    expected = {"he": [he_std(3072)] + [he_std(50)] * 10, "random": [1e-2] * 11, "zero": [0.0] * 11}
    for initialization, stds in expected.items():
        _history(submission, f"initialization_experiment_{initialization}.npz")
        actual = _json(submission, f"w_stds_{initialization}.json")
        if not isinstance(actual, list) or len(actual) != 11 or not all(isinstance(v, (int, float)) for v in actual):
            fail("logs.w_stds", f"w_stds_{initialization}.json should be a list of 11 numbers.")
        for layer, (value, target) in enumerate(zip(actual, stds), start=1):
            if abs(value - target) > 0.1 * target + 1e-12:
                fail("logs.w_stds", f"w_stds_{initialization}.json: layer {layer} std {value:.4g}, expected about {target:.4g}.")


@weight(1)
@number("5.6.4")
def test_best_model_logs(submission):
    """submission_logs/results.json and best_fc_model.npz: validation accuracy at least 0.45 with Adam"""
    results = _json(submission, "results.json")
    if not isinstance(results, dict):
        fail("logs.results", "results.json should be a JSON object.")
    if results.get("update_rule") != "adam":
        fail("logs.update_rule", f"results.json: update_rule is {results.get('update_rule')!r}; the best model uses 'adam'.")
    val_acc = results.get("val_acc")
    if not isinstance(val_acc, (int, float)) or val_acc < 0.45:
        fail("logs.val_acc", f"results.json: val_acc is {val_acc!r}; at least 0.45 is needed.")
    _path(submission, "best_fc_model.npz")
