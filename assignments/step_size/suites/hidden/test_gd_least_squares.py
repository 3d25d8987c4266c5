"""Step sizes Q1 hidden checks of step_size.gd_least_squares against the oracle (reference/min_norm.py):
the least-norm limit X^T (X X^T)^{-1} y on hidden wide problems, and the exact iterate after a few steps.
A known wrong variant is named in the feedback."""
import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import as_array, fail, rel_error, require_file
from reference import min_norm

LIMIT_TOLERANCE = 1e-6
ITERATE_TOLERANCE = 1e-8
# (seed, n, d, singular values): wide problems with condition numbers up to 3.
PROBLEMS = ((11, 3, 7, (3.0, 2.0, 1.0)), (12, 5, 12, (2.5, 2.0, 1.7, 1.2, 1.0)), (13, 1, 4, (1.3,)),
            (14, 8, 20, tuple(np.linspace(3.0, 1.0, 8))))
LIMIT_STEPS = 1000  # eta = 0.5/s_max^2: the slowest factor 1 - s^2/s_max^2 <= 8/9 is below 1e-12 after 235 steps
STEP_COUNTS = (0, 1, 3, 25)


def wide_problem(seed, n, d, singular_values):
    """X = U diag(s) V^T (n x d) with the given singular values, and a random y."""
    rng = np.random.default_rng(seed)
    u, _ = np.linalg.qr(rng.standard_normal((n, n)))
    v, _ = np.linalg.qr(rng.standard_normal((d, n)))
    return u @ np.diag(singular_values) @ v.T, rng.standard_normal(n)


def half_gradient(X, y, eta, steps):
    """A known mistake: the gradient taken as X^T (X w - y), without the factor 2."""
    return min_norm.gd_least_squares(X, y, eta / 2, steps)


def from_ones(X, y, eta, steps):
    """A known mistake: gradient descent started from w = 1 instead of 0."""
    w = np.ones(X.shape[1])
    for _ in range(steps):
        w = w - eta * 2 * X.T @ (X @ w - y)
    return w


KNOWN_VARIANTS = {
    "GD with the gradient X^T (X w - y), without the factor 2": half_gradient,
    "GD started from w = 1 instead of w = 0": from_ones,
    "the least-norm solution itself, whatever eta and steps": lambda X, y, eta, steps: min_norm.min_norm_solution(X, y),
}


def _diagnosis(X, y, eta, steps, actual):
    for label, variant in KNOWN_VARIANTS.items():
        if rel_error(actual, variant(X, y, eta, steps)) < ITERATE_TOLERANCE:
            return f" Your result matches {label}."
    return ""


def _student_w(student, X, y, eta, steps, what):
    w = student.module("step_size").gd_least_squares(X, y, eta, steps)
    return as_array(w, f"gd_least_squares ({what})", (X.shape[1],))


@weight(2)
@number("1.2.3")
def test_gd_least_squares_min_norm(submission, student):
    """step_size.py: gd_least_squares converges to X^T (X X^T)^{-1} y on hidden wide problems"""
    require_file(submission, "step_size.py")
    for seed, n, d, singular_values in PROBLEMS:
        X, y = wide_problem(seed, n, d, singular_values)
        eta = 0.5 / max(singular_values) ** 2
        what = f"a hidden {n} x {d} problem, eta = {eta:.3g}, {LIMIT_STEPS} steps"
        actual = _student_w(student, X, y, eta, LIMIT_STEPS, what)
        error = rel_error(actual, min_norm.min_norm_solution(X, y))
        if error > LIMIT_TOLERANCE:
            fail("gd.not_min_norm", f"gd_least_squares does not reach the least-norm solution X^T (X X^T)^{{-1}} y "
                 f"({what}): relative error {error:.1e}." + _diagnosis(X, y, eta, LIMIT_STEPS, actual))


@weight(2)
@number("1.2.4")
def test_gd_least_squares_iterates(submission, student):
    """step_size.py: gd_least_squares after 0, 1, 3 and 25 steps matches gradient descent from w = 0"""
    require_file(submission, "step_size.py")
    seed, n, d, singular_values = PROBLEMS[1]
    X, y = wide_problem(seed, n, d, singular_values)
    eta = 0.3 / max(singular_values) ** 2
    for steps in STEP_COUNTS:
        what = f"a hidden {n} x {d} problem, eta = {eta:.3g}, {steps} step{'' if steps == 1 else 's'}"
        actual = _student_w(student, X, y, eta, steps, what)
        error = rel_error(actual, min_norm.gd_least_squares(X, y, eta, steps))
        if error > ITERATE_TOLERANCE:
            fail("gd.wrong_iterate", f"gd_least_squares gives the wrong w ({what}): relative error {error:.1e}."
                 + _diagnosis(X, y, eta, steps, actual))
