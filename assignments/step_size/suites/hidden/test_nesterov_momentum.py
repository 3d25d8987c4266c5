"""Step sizes Q4 hidden checks of step_size.nesterov_momentum against the oracle (reference/lecture7.py) on hidden
quadratics 1/2 w^T H w - b^T w: the iterate after 1, 2, 10 and 40 steps for several (eta, beta). Known wrong
variants (the gradient at w_t, or at a look-ahead by the whole a_t) are named in the feedback.

The gradient travels as data (H, b): the probe below builds grad(w) = H w - b in the student process."""
import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import as_array, fail, rel_error, require_file
from reference import lecture7

TOLERANCE = 1e-8
SETTINGS = ((0.05, 0.3), (0.1, 0.9), (0.02, 0.1))  # (eta, beta)
STEP_COUNTS = (1, 2, 10, 40)
PROBE = '''
def nesterov_on_quadratic(H, b, w0, eta, beta, steps):
    import numpy as np
    import step_size
    H, b = np.asarray(H, dtype=float), np.asarray(b, dtype=float)
    return step_size.nesterov_momentum(lambda w: H @ w - b, np.array(w0, dtype=float), eta, beta, steps)
'''


def hidden_quadratic(seed=182, d=5):
    """H = Q diag(1 .. 8) Q^T, a random b and start w0."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    return q @ np.diag(np.linspace(1.0, 8.0, d)) @ q.T, rng.standard_normal(d), rng.standard_normal(d)


def with_gradient_at(point):
    """(7.7) from a = 0 with the gradient taken at ``point(w, a, eta, beta)``: a family of known mistakes."""
    def run(grad, w0, eta, beta, steps):
        w, a = np.array(w0), np.zeros_like(w0)
        for _ in range(steps):
            a = lecture7.momentum_average(a, grad(point(w, a, eta, beta)), beta)
            w = w - eta * a
        return w
    return run


KNOWN_VARIANTS = {
    "plain momentum (7.7), with the gradient at w_t instead of the look-ahead point":
        with_gradient_at(lambda w, a, eta, beta: w),
    "a look-ahead by the whole old average, w_t - eta a_t, instead of w_t - eta (1 - beta) a_t":
        with_gradient_at(lambda w, a, eta, beta: w - eta * a),
}


def _diagnosis(grad, w0, eta, beta, steps, actual):
    for label, variant in KNOWN_VARIANTS.items():
        if rel_error(actual, variant(grad, w0, eta, beta, steps)) < TOLERANCE:
            return f" Your result matches {label}."
    return ""


@weight(2)
@number("4.6.2")
def test_nesterov_momentum_iterates(submission, student):
    """step_size.py: nesterov_momentum after 1, 2, 10 and 40 steps on a hidden quadratic"""
    require_file(submission, "step_size.py")
    H, b, w0 = hidden_quadratic()

    def grad(w):
        return H @ w - b

    for eta, beta in SETTINGS:
        for steps in STEP_COUNTS:
            what = f"nesterov_momentum on a hidden quadratic, eta = {eta}, beta = {beta}, {steps} steps"
            actual = as_array(student.probe(PROBE, "nesterov_on_quadratic", H, b, w0, eta, beta, steps), what, w0.shape)
            error = rel_error(actual, lecture7.nesterov_momentum(grad, w0, eta, beta, steps))
            if error > TOLERANCE:
                fail("nesterov.wrong_iterate", f"{what}: wrong w, relative error {error:.1e}."
                     + _diagnosis(grad, w0, eta, beta, steps, actual))
