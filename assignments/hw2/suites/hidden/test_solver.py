"""HW2 Q5 hidden checks of deeplearning/solver.py: the gradient-norm log's definition on a model with
known gradients, and that the Solver still trains."""
import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from assignments.hw2.variants import KNOWN_GRAD_NORMS
from autograder.checks import fail, require_file
from reference.fc_init import grad_norm_mean

KNOWN_GRADIENTS = {"W1": np.full((2, 3), 0.5), "b1": np.array([3.0, 4.0, 0.0]), "W2": np.arange(6.0).reshape(3, 2),
                   "b2": np.array([-1.0, 2.0])}
# A second model, three layers of full-rank gradients, so that a reading is named only when it matches on both.
SECOND_GRADIENTS = {"W1": np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]]), "b1": np.array([0.5, -0.5, 2.0]),
                    "W2": np.array([[2.0, 1.0], [-1.0, 0.0], [0.5, 4.0]]), "b2": np.array([1.5, -3.0]),
                    "W3": np.array([[1.0], [-2.5]]), "b3": np.array([0.25])}

GRAD_NORM_PROBE = '''
def one_step(gradients):
    """One Solver step on a model whose gradients are known; returns the gradient-norm log."""
    import numpy as np
    from deeplearning.solver import Solver

    class KnownGradients:
        def __init__(self):
            self.params = {name: np.zeros_like(value) for name, value in gradients.items()}

        def loss(self, X, y=None):
            if y is None:
                return np.zeros((X.shape[0], 2))
            return 1.0, {name: value.copy() for name, value in gradients.items()}

    data = {"X_train": np.zeros((10, 2)), "y_train": np.zeros(10, dtype=int),
            "X_val": np.zeros((4, 2)), "y_val": np.zeros(4, dtype=int)}
    solver = Solver(KnownGradients(), data, update_rule="sgd", batch_size=5, num_epochs=1, verbose=False)
    solver._step()
    return [float(value) for value in solver.log_grad_norm_history]
'''

TRAINS_PROBE = '''
def train(seed):
    """A tiny separable problem: the Solver with plain SGD should fit it."""
    import numpy as np
    from deeplearning.classifiers.fc_net import FullyConnectedNet
    from deeplearning.solver import Solver
    rng = np.random.RandomState(seed)
    X = rng.randn(200, 4)
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    data = {"X_train": X[:150], "y_train": y[:150], "X_val": X[150:], "y_val": y[150:]}
    np.random.seed(seed)
    model = FullyConnectedNet([16], input_dim=4, num_classes=2, weight_scale=0.1, dtype=np.float64)
    solver = Solver(model, data, update_rule="sgd", optim_config={"learning_rate": 0.1}, batch_size=25,
                    num_epochs=10, verbose=False)
    solver.train()
    return {"losses": [float(v) for v in solver.loss_history], "best_val_acc": float(solver.best_val_acc)}
'''


def _require(submission):
    require_file(submission, "deeplearning/solver.py")


def _logged(student, gradients):
    history = student.probe(GRAD_NORM_PROBE, "one_step", gradients)
    if len(history) != 1:
        fail("solver.grad_norm_length", f"after one step, log_grad_norm_history has {len(history)} entries, expected 1.")
    return history[0]


def _reading(logged):
    """The known wrong reading that gives the logged value for both gradient sets, in words; "" when none does."""
    for label, reading in KNOWN_GRAD_NORMS.items():
        if all(np.isclose(value, reading(gradients), rtol=1e-6) for value, gradients in logged):
            return f" Your value is {label}."
    return ""


@weight(1.5)
@number("5.5.1")
def test_grad_norm_log(submission, student):
    """deeplearning/solver.py: _step logs the mean of the L2 norms of the weight and bias gradients"""
    _require(submission)
    logged = [(_logged(student, gradients), gradients) for gradients in (KNOWN_GRADIENTS, SECOND_GRADIENTS)]
    for value, gradients in logged:
        expected = grad_norm_mean(gradients)
        if not np.isclose(value, expected, rtol=1e-6):
            fail("solver.grad_norm", f"the logged gradient norm is {value:.6g}; for these gradients the mean, over "
                 f"every W and b, of the Euclidean (L2) norm of each flattened gradient, "
                 f"np.mean([np.linalg.norm(g.ravel()) for g in grads.values()]), is {expected:.6g}."
                 + _reading(logged))


@weight(0.5)
@number("5.5.2")
def test_solver_trains(submission, student):
    """deeplearning/solver.py: the Solver still trains a small net (loss falls, validation accuracy > 0.8)"""
    _require(submission)
    report = student.probe(TRAINS_PROBE, "train", 0)
    losses = np.asarray(report["losses"], dtype=np.float64)
    if losses.size < 10 or not np.all(np.isfinite(losses)):
        fail("solver.trains", "the Solver's loss history is missing or not finite.")
    if not losses[-5:].mean() < 0.7 * losses[:5].mean() or report["best_val_acc"] < 0.8:
        fail("solver.trains", f"the Solver no longer trains: loss {losses[:5].mean():.3f} -> {losses[-5:].mean():.3f}, "
             f"best validation accuracy {report['best_val_acc']:.2f}.")
