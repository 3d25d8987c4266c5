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
LINEAR_GRADIENT_PROBE = '''
def nesterov_two_steps():
    import numpy as np
    import step_size
    return step_size.nesterov_momentum(lambda w: 2 * w, np.array([1.0]), 0.1, 0.5, 2)
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


@weight(1)
@number("3.7.1")
def test_largest_stable_step_chain_two_layers(submission, student):
    """step_size.py: largest_stable_step_chain at the minimum (2, 1) of 1/2 (w_2 w_1 - 2)^2"""
    require_file(submission, "step_size.py")
    # lambda = 2 * 1 = 2; lambda/w_1 = 1 and lambda/w_2 = 2, so the Hessian's top eigenvalue is 1 + 4 = 5: delta < 2/5.
    step = student.module("step_size").largest_stable_step_chain([2.0, 1.0])
    assert_close(step, np.array(0.4), "largest_stable_step_chain([2.0, 1.0])", tolerance=1e-6,
                 hint="GD can converge to a minimum only if it is stable there: look at the Hessian's top eigenvalue.")


@weight(1)
@number("4.6.1")
def test_nesterov_momentum_two_steps(submission, student):
    """step_size.py: nesterov_momentum, two steps on grad(w) = 2 w from w = 1, eta = 0.1, beta = 0.5"""
    require_file(submission, "step_size.py")
    # Step 1: a = 0, the look-ahead point is w = 1, g = 2, a = 0.5 * 2 = 1, w = 1 - 0.1 * 1 = 0.9.
    # Step 2: look-ahead 0.9 - 0.1 * 0.5 * 1 = 0.85, g = 1.7, a = 0.5 * 1 + 0.5 * 1.7 = 1.35, w = 0.9 - 0.135 = 0.765.
    w = student.probe(LINEAR_GRADIENT_PROBE, "nesterov_two_steps")
    assert_close(w, np.array([0.765]), "nesterov_momentum(grad, [1.0], 0.1, 0.5, 2)",
                 hint="Take the gradient at the look-ahead point of Q4(e), not at w (that gives 0.76).")
