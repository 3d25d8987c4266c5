"""HW2 public checks: shipped in the student kit, visible on Gradescope. They use only what students
already have: the interfaces and the notebook's published test vectors (row 0 and the last entry)."""
import ast

import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from assignments.hw2.suites.public.probes import PARAMS_PROBE
from autograder.checks import as_array, as_mapping, as_scalar, assert_close, fail, require_file, rule_result

VISIBILITY = "visible"
N, D = 4, 5


def linspace(low, high):
    return np.linspace(low, high, num=N * D).reshape(N, D)


def published(actual, row0, last, name):
    actual = as_array(actual, name, (N, D))
    assert_close(actual[0], np.array(row0), f"{name} (row 0)", hint="Compare with the notebook's test cell.")
    assert_close(actual[-1, -1], np.array(last), f"{name} (last entry)")


@weight(0)
@number("5.0.1")
def test_files_present(submission):
    """deeplearning/: optim.py, classifiers/fc_net.py and solver.py are present"""
    for path in ("deeplearning/optim.py", "deeplearning/classifiers/fc_net.py", "deeplearning/solver.py"):
        require_file(submission, path)


@weight(1)
@number("5.0.2")
def test_sgd_momentum_published_vectors(submission, student):
    """deeplearning/optim.py: sgd_momentum matches the notebook's test vectors"""
    require_file(submission, "deeplearning/optim.py")
    next_w, config = _update(student, "sgd_momentum", {"learning_rate": 1e-3, "velocity": linspace(0.6, 0.9)},
                             ("velocity",))
    published(next_w, [-0.39994, -0.347375263, -0.294810526, -0.242245789, -0.189681053], 0.59879, "next_w")
    published(config["velocity"], [-0.06, 0.006842105, 0.073684211, 0.140526316, 0.207368421], 1.21, "velocity")


@weight(1)
@number("5.0.3")
def test_adam_published_vectors(submission, student):
    """deeplearning/optim.py: adam matches the notebook's test vectors"""
    require_file(submission, "deeplearning/optim.py")
    next_w, config = _update(student, "adam", {"learning_rate": 1e-2, "m": linspace(0.6, 0.9), "v": linspace(0.7, 0.5),
                                               "t": 5}, ("m", "v", "t"))
    published(next_w, [-0.40094747, -0.34836187, -0.29577703, -0.24319299, -0.19060977], 0.59801459, "next_w")
    published(config["v"], [0.69966, 0.68908382, 0.67851319, 0.66794809, 0.65738853], 0.49966, "v")
    published(config["m"], [0.48, 0.49947368, 0.51894737, 0.53842105, 0.55789474], 0.85, "m")
    t = as_scalar(config["t"], "config['t']")
    if t != 6:
        fail("adam.t", f"config['t'] should be 6 after one step from t=5, got {t:g}"
             + (": the incremented t is not written back to config['t']." if t == 5 else "."))


@weight(0)
@number("5.0.4")
def test_rmsprop_published_vectors(submission, student):
    """deeplearning/optim.py: rmsprop (optional) matches the notebook's test vectors"""
    require_file(submission, "deeplearning/optim.py")
    next_w, config = _update(student, "rmsprop", {"learning_rate": 1e-2, "cache": linspace(0.6, 0.9)}, ("cache",))
    published(next_w, [-0.39223849, -0.34037513, -0.28849239, -0.23659121, -0.18467247], 0.59576619, "next_w")
    published(config["cache"], [0.5976, 0.6126277, 0.6277108, 0.64284931, 0.65804321], 0.8926, "cache")


def _update(student, rule, config, state):
    """One step of ``rule`` on the notebook's w and dw from ``config``: (next_w, the config it returns), checked."""
    value = getattr(student.module("deeplearning.optim"), rule)(linspace(-0.4, 0.6), linspace(-0.6, 0.4), config)
    return rule_result(value, rule, (N, D), state)


@weight(1)
@number("5.0.5")
def test_fc_net_parameter_names_and_shapes(submission, student):
    """deeplearning/classifiers/fc_net.py: FullyConnectedNet has W1..W3, b1..b3 of the right shapes"""
    require_file(submission, "deeplearning/classifiers/fc_net.py")
    for initialization in ("random", "he", "zero"):
        params = as_mapping(student.probe(PARAMS_PROBE, "params", [6, 4], 5, 3, initialization, 1e-2, "float64", 0),
                            "net.params")
        expected = {"W1": (5, 6), "b1": (6,), "W2": (6, 4), "b2": (4,), "W3": (4, 3), "b3": (3,)}
        if sorted(params) != sorted(expected):
            fail("fc_net.names", f"initialization={initialization!r}: params are {sorted(params)}, expected {sorted(expected)}")
        for name, shape in expected.items():
            if tuple(np.shape(params[name])) != shape:
                fail("fc_net.shapes", f"initialization={initialization!r}: {name} has shape {np.shape(params[name])}, "
                     f"expected {shape}")


@weight(0.5)
@number("5.0.6")
def test_notebook_sgd_batch_size(submission):
    """hw2_optimizer_init.ipynb: the tuned SGD batch size is a multiple of 100 (above 100)"""
    require_file(submission, "hw2_optimizer_init.ipynb")
    notebook = submission.read_notebook("hw2_optimizer_init.ipynb")
    for cell in notebook.cells:
        if cell.cell_type == "code" and "batch_sizes" in cell.source:
            size = _sgd_batch_size(cell.source)
            if size is not None:
                if size % 100 or size <= 100:
                    fail("notebook.batch_size", f"batch_sizes['sgd'] is {size}: it must be a multiple of 100 above 100.")
                return
    fail("notebook.batch_size", "could not find batch_sizes = {'sgd': ..., ...} with a number in hw2_optimizer_init.ipynb")


def _sgd_batch_size(source: str):
    """Read ``batch_sizes = {'sgd': N, ...}`` or ``batch_sizes['sgd'] = N`` by parsing (never running) the cell."""
    try:
        tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            for key, value in zip(node.value.keys, node.value.values):
                if isinstance(key, ast.Constant) and key.value == "sgd" and isinstance(value, ast.Constant):
                    return value.value if isinstance(value.value, int) else None
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, int):
            target = node.targets[0]
            if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) and target.slice.value == "sgd":
                return node.value.value
    return None
