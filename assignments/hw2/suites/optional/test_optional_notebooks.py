"""HW2 optional notebooks, feedback only (no points; visible): the momentum notebook's runGDM (Q2(h)) and
the Q6 notebook's model and better_init, checked when present. Their cells run only in the student
process. Regrades skip this suite: it cannot change a score, and it costs most of a grading run (torch)."""
import numpy as np
import pytest
from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import fail
from reference import notebooks
from reference.fc_init import he_std

VISIBILITY = "visible"
MOMENTUM_NOTEBOOK = "hw2_momentum.ipynb"
FEATURES_NOTEBOOK = "hw2_q6_features.ipynb"

RUN_GDM_PROBE = '''
def run_gdm(namespace, X, y, maxiter, stepsize, beta):
    import numpy as np
    namespace["X"], namespace["y"] = X, y
    grads, ws, losses = namespace["runGDM"](maxiter, stepsize, beta)
    return {"ws": np.asarray(ws, dtype=float), "losses": np.asarray(losses, dtype=float)}
'''

Q6_PROBE = '''
def inspect_model(namespace):
    import torch
    model = namespace["build_model"]() if "build_model" in namespace else namespace["model"]
    torch.manual_seed(0)
    layer = torch.nn.Linear(400, 300)
    namespace["better_init"](layer)
    return {"modules": len(model), "parameters": int(sum(p.numel() for p in model.parameters())),
            "output_shape": list(model(torch.zeros(10, 1)).shape), "init_std": float(layer.weight.std()),
            "init_bias_abs_max": float(layer.bias.abs().max())}
'''


def _notebook_or_skip(submission, name):
    if submission.find(name) is None:
        pytest.skip(f"{name} not submitted (optional)")


def _run_cells(student, name, needed):
    """Run the notebook's cells until ``needed`` are defined (its later cells train: not needed here)."""
    cells = student.run_notebook(name, until_defined=needed)
    failed = [cell for cell in cells if cell.status not in ("ok", "not_needed")]
    if failed:
        cell = failed[0]
        fail("notebook.cell_error", f"{name}: cell {cell.index} ended with {cell.status}: {cell.message}")


@weight(0)
@number("2.8.1")
def test_momentum_notebook_run_gdm(submission, student):
    """hw2_momentum.ipynb (Q2(h), feedback only): runGDM follows the smoothed-gradient recursion"""
    _notebook_or_skip(submission, MOMENTUM_NOTEBOOK)
    _run_cells(student, MOMENTUM_NOTEBOOK, ("runGDM",))
    X, y = notebooks.momentum_notebook_data()
    for stepsize, beta in ((1e-4, 0.6), (2e-4, 0.3)):
        result = student.probe_namespace(RUN_GDM_PROBE, "run_gdm", X, y, 100, stepsize, beta)
        _, expected_ws, expected_losses = notebooks.run_gdm(X, y, 100, stepsize, beta)
        if np.shape(result["losses"]) != np.shape(expected_losses) or not np.allclose(result["losses"], expected_losses, rtol=1e-6):
            fail("notebook.run_gdm", f"runGDM(100, {stepsize}, {beta}) gives different losses than the recursion "
                 "smoothed_grad = (1-beta)*smoothed_grad + beta*grad.")


@weight(0)
@number("6.1.1")
def test_q6_model_and_init(submission, student):
    """hw2_q6_features.ipynb (Q6, feedback only): 4 hidden layers of width 20 and He initialisation"""
    _notebook_or_skip(submission, FEATURES_NOTEBOOK)
    _run_cells(student, FEATURES_NOTEBOOK, ("better_init",))
    report = student.probe_namespace(Q6_PROBE, "inspect_model")
    if (report["modules"], report["parameters"], report["output_shape"]) != (9, 1321, [10, 1]):
        fail("notebook.q6_model", f"the model has {report['modules']} modules and {report['parameters']} parameters; "
             "4 hidden layers of width 20 with ReLUs give 9 modules and 1321 parameters.")
    expected = he_std(400)
    if abs(report["init_std"] / expected - 1) > 0.05:
        fail("notebook.q6_init", f"better_init gives std {report['init_std']:.4f} on Linear(400, 300); He initialisation "
             f"gives sqrt(2/in_features) = {expected:.4f}.")
