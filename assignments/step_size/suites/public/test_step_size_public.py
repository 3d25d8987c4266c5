"""Step-size public checks: shipped in the student kit, visible on Gradescope. Expected values are worked
out by hand in each test (the kit holds no oracle)."""
import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import assert_close, require_file

VISIBILITY = "visible"
QUADRATIC_PROBE = '''
def f(x):
    return 3 * (x - 1) ** 2


def largest_stable_step(x_star):
    import step_size
    return step_size.largest_stable_step(f, x_star)
'''


@weight(0)
@number("1.2.1")
def test_files_present(submission):
    """step_size.py is present"""
    require_file(submission, "step_size.py")


@weight(1)
@number("1.2.2")
def test_gd_least_squares_two_steps(submission, student):
    """step_size.py: gd_least_squares, two steps on X = [[1, 2]], y = [3]"""
    require_file(submission, "step_size.py")
    # Gradient 2 X^T (X w - y), eta = 0.05. Step 1 from w = 0: X w - y = -3, gradient (-6, -12), w = (0.3, 0.6).
    # Step 2: X w - y = 1.5 - 3 = -1.5, gradient (-3, -6), w = (0.45, 0.9).
    w = student.module("step_size").gd_least_squares(np.array([[1.0, 2.0]]), np.array([3.0]), 0.05, 2)
    assert_close(w, np.array([0.45, 0.9]), "gd_least_squares(X, y, 0.05, 2)",
                 hint="Start from w = 0 and use the gradient 2 X^T (X w - y).")


@weight(1)
@number("2.4.1")
def test_largest_stable_step_quadratic(submission, student):
    """step_size.py: largest_stable_step on f(x) = 3 (x - 1)^2 at x* = 1"""
    require_file(submission, "step_size.py")
    # f'' = 6 everywhere, so GD converges iff |1 - 6 delta| < 1: delta < 2/6.
    step = student.probe(QUADRATIC_PROBE, "largest_stable_step", 1.0)
    assert_close(step, np.array(1 / 3), "largest_stable_step(f, 1.0)", tolerance=1e-4,
                 hint="GD is stable at x* when |1 - delta f''(x*)| < 1.")
