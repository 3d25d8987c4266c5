"""The degenerate family (autograder/tools/degenerate.py): generated from the declarations, each member a
changes.toml table that applies to the reference and does what its name says."""
import ast
import importlib.util

import numpy as np
import pytest

from autograder.assignment import load_assignment
from autograder.tools.degenerate import RAISES, changed_functions, degenerate_family, graded_functions, materialise_degenerate

HW2, STEP_SIZE = load_assignment("hw2"), load_assignment("step_size")


def test_the_graded_functions_are_those_the_starter_changes():
    assert {(relative, name) for relative, name, _ in graded_functions(HW2)} == {
        ("deeplearning/optim.py", "sgd_momentum"), ("deeplearning/optim.py", "rmsprop"), ("deeplearning/optim.py", "adam"),
        ("deeplearning/classifiers/fc_net.py", "FullyConnectedNet.__init__"), ("deeplearning/solver.py", "Solver._step")}
    assert {name for _, name, _ in graded_functions(STEP_SIZE)} == {
        "gd_least_squares", "largest_stable_step", "largest_stable_step_chain", "nesterov_momentum"}


def test_every_function_that_returns_a_value_gets_every_form():
    forms = {}
    for member in degenerate_family(HW2):
        forms.setdefault(member.function, set()).add(member.form)
    assert forms["deeplearning/optim.py:adam"] == {
        RAISES, "returns None", "returns a string, not an array", "returns the wrong shape",
        "returns the wrong dtype (int64)", "returns NaN or infinity", "returns a tuple of 1 value",
        "returns its first value alone", "returns a last value that is not a dict",
        "returns an empty dict as its last value (a config missing its keys)"}
    init = forms["deeplearning/classifiers/fc_net.py:FullyConnectedNet.__init__"]
    assert len(init) == 3 * 5 and sum(form.startswith(RAISES) for form in init) == 3  # random, he, zero blocks


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("form, check", [
    ("returns None", lambda value: value is None),
    ("returns a tuple of 1 value", lambda value: isinstance(value, tuple) and len(value) == 1),
    ("returns its first value alone", lambda value: isinstance(value, np.ndarray) and value.shape == (2,)),
    ("returns a last value that is not a dict", lambda value: value[1] == "not a dict"),
    ("returns an empty dict as its last value (a config missing its keys)", lambda value: value[1] == {}),
    ("returns the wrong shape", lambda value: value[0].shape == (2, 2)),
    ("returns the wrong dtype (int64)", lambda value: value[0].dtype == np.int64),
    ("returns NaN or infinity", lambda value: not np.all(np.isfinite(value[0]))),
    ("returns a string, not an array", lambda value: value[0] == "x"),
])
def test_each_form_does_what_its_name_says(tmp_path, form, check):
    [member] = [m for m in degenerate_family(HW2) if m.function == "deeplearning/optim.py:sgd_momentum" and m.form == form]
    path = materialise_degenerate(HW2, member, tmp_path / "submission")
    assert not (path / "answers.toml").exists()
    optim = load(path / "deeplearning" / "optim.py", "degenerate_optim")
    assert check(optim.sgd_momentum(np.array([1.0, 2.0]), np.array([0.5, 0.5]), None))
    assert optim.adam(np.array([1.0]), np.array([1.0]))[0].shape == (1,)  # the other functions are the reference's


def test_a_block_form_sets_the_blocks_last_name(tmp_path):
    [member] = [m for m in degenerate_family(HW2) if m.form.startswith("mean_grad_norm is None")]
    source = (materialise_degenerate(HW2, member, tmp_path / "s") / "deeplearning" / "solver.py").read_text()
    step = next(node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.FunctionDef) and node.name == "_step")
    assert "mean_grad_norm = None" in ast.unparse(step)


def test_the_first_member_is_the_starter_and_disc3_has_only_it():
    assert [member.name for member in degenerate_family(load_assignment("disc3"))] == ["starter"]
    assert degenerate_family(HW2)[0].changes is None


def test_a_known_wrong_submission_is_mapped_to_the_functions_it_changes():
    assert changed_functions(HW2, HW2.submissions / "wrong_cs231n_momentum") == {"deeplearning/optim.py:sgd_momentum"}
    assert changed_functions(HW2, HW2.submissions / "wrong_he_fan_out") == {
        "deeplearning/classifiers/fc_net.py:FullyConnectedNet.__init__"}
    assert changed_functions(HW2, HW2.submissions / "wrong_logs_missing") == set()
