"""The step-size problem set: the autograder grades its own reference and known-wrong submissions as
declared, and the hidden suites' own inputs are what they claim to be."""
import importlib.util

import numpy as np
import pytest

from autograder.assignment import load_assignment
from autograder.grading.tomlread import load_toml
from autograder.tools.validate import validate_assignment
from reference import min_norm, step_size

STEP_SIZE = load_assignment("step_size")


def hidden_suite(name):
    path = STEP_SIZE.suites / "hidden" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"step_size_hidden_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GD_SUITE = hidden_suite("test_gd_least_squares")
STEP_SUITE = hidden_suite("test_largest_stable_step")
# f''(x*) by hand: (x-a)^2 (1 + (x-a)^2) + 5 -> 2; log cosh(3u) -> 9 sech^2(0) = 9; e^{2x} - 2x -> 4 e^0 = 4;
# 0.01 u^2 + u^6 -> 0.02; 50 u^2 + 3 u^3 -> 100 at u = 0.
HAND_CURVATURES = {"offset_quartic": 2.0, "log_cosh": 9.0, "exp_minus_linear": 4.0, "flat_sextic": 0.02,
                   "sharp_cubic": 100.0}


def test_validate_step_size():
    report = validate_assignment(STEP_SIZE)
    assert report.ok, report.text


@pytest.mark.parametrize("function, x_star", STEP_SUITE.HIDDEN_MINIMA, ids=lambda v: getattr(v, "__name__", str(v)))
def test_hidden_functions_have_their_minimum_at_x_star(function, x_star):
    h = 1e-5
    assert abs(function(x_star + h) - function(x_star - h)) / (2 * h) < 1e-6  # f'(x*) = 0
    assert min(function(x_star + 0.05), function(x_star - 0.05)) > function(x_star)
    oracle = step_size.largest_stable_step(function, x_star)
    assert oracle == pytest.approx(2 / HAND_CURVATURES[function.__name__], rel=1e-6)


def test_hidden_functions_travel_as_source():
    """The probe carries every function the suite asks the student process for."""
    for function in STEP_SUITE.FUNCTIONS:
        assert f"def {function.__name__}(x):" in STEP_SUITE.PROBE


@pytest.mark.parametrize("problem", GD_SUITE.PROBLEMS, ids=lambda p: f"{p[1]}x{p[2]}")
def test_hidden_problems_are_wide_and_the_step_count_suffices(problem):
    seed, n, d, singular_values = problem
    X, y = GD_SUITE.wide_problem(*problem)
    assert X.shape == (n, d) and n < d
    np.testing.assert_allclose(np.linalg.svd(X, compute_uv=False), sorted(singular_values, reverse=True))
    eta = 0.5 / max(singular_values) ** 2
    expected = np.linalg.pinv(X) @ y
    np.testing.assert_allclose(min_norm.gd_least_squares(X, y, eta, GD_SUITE.LIMIT_STEPS), expected, atol=1e-10)
    # Without the factor 2 GD still reaches the limit in time: that mistake is caught by the iterates only.
    np.testing.assert_allclose(GD_SUITE.half_gradient(X, y, eta, GD_SUITE.LIMIT_STEPS), expected, atol=1e-10)


@pytest.mark.parametrize("answer, status", [
    ("X^T (X X^T)^{-1} y", "correct"),
    ("X^T ((X X^T)^{-1} y)", "correct"),
    ("w = Xᵀ(XXᵀ)⁻¹y", "correct"),
    ("(X^T X)^{-1} X^T y", "wrong"),
    ("X^T y", "wrong"),
    ("(X X^T)^{-1} y", "wrong"),
    ("X^T (X X^T)^{-1} y^T", "invalid"),
    # The pseudo-inverse: for this wide X of full row rank, pinv(X) = X^T (X X^T)^{-1}.
    ("pinv(X) y", "correct"),
    ("w = X^+ y", "correct"),
    ("X⁺y", "correct"),
    ("X^\\dagger y", "correct"),
    ("X^{+} y", "correct"),
    ("pinv(X)", "wrong"),
    ("pinv(X^T) y", "invalid"),
    ("y^T pinv(X)^T", "wrong"),
])
def test_min_norm_answer_forms(answer, status):
    """Regrouping the product is still right (X stays wide in every draw); the overdetermined formula is wrong."""
    assert STEP_SIZE.question("q1.min_norm").kind.check(answer).status == status


def test_starter_template_documents_every_key():
    template = load_toml(STEP_SIZE.starter / "answers.toml")
    keys = {f"{table}.{key}" for table, values in template.items() for key in values}
    assert keys == {question.key for question in STEP_SIZE.questions}
    assert all(value == "" for values in template.values() for value in values.values())
