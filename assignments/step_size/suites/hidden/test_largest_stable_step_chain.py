"""Step sizes Q3 hidden checks of step_size.largest_stable_step_chain: on random minima of chains of 2 to 6 layers
against the oracle (reference/step_size.py), and against gradient descent run here, on the trusted side, just
below and just above the student's bound. Known wrong formulas are named in the feedback."""
import numpy as np
from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import as_scalar, fail, rel_error, require_file
from reference import step_size

TOLERANCE = 1e-6  # rel_error; room for a bound computed from a numerical Hessian
LAYER_COUNTS = (2, 3, 4, 6)
MINIMA_PER_COUNT = 3
SIMULATION_MINIMA = ((0.5, 2.0, 1.6), (-1.5, 0.6, 2.2, -0.8), (2.4, 0.45))  # strongly unbalanced
BELOW, ABOVE = 0.97, 1.03
SIMULATION_STEPS = 4000  # at 0.97 x the bound the slowest factor is |1 - 1.94| = 0.94: 0.94^4000 underflows
STARTS = 8
KNOWN_VARIANTS = {
    "1 / sum_i (lambda/w_i)^2, without the factor 2 of delta < 2/s_max": lambda w: step_size.chain_minimum_step_bound(w) / 2,
    "the bound at the balanced minimum 2/(L |lambda|^(2 - 2/L)), which holds only when every |w_i| is the same":
        lambda w: step_size.identity_init_step_bound(len(w), abs(np.prod(w))),
}


def random_minima():
    """Seeded minima: random signs, magnitudes from 0.4 to 2.5 (any weights are a minimum of the chain that fits
    their product)."""
    rng = np.random.default_rng(316)
    return [tuple(rng.choice([-1.0, 1.0], layers) * np.exp(rng.uniform(np.log(0.4), np.log(2.5), layers)))
            for layers in LAYER_COUNTS for _ in range(MINIMA_PER_COUNT)]


def _diagnosis(weights, actual):
    for label, variant in KNOWN_VARIANTS.items():
        if rel_error(actual, variant(np.array(weights))) < TOLERANCE:
            return f" Your result matches {label}."
    return ""


def _student_bound(student, weights):
    what = f"largest_stable_step_chain([{', '.join(f'{w:.4g}' for w in weights)}])"
    value = student.module("step_size").largest_stable_step_chain(list(weights))
    return as_scalar(value, what), what


def settles_on(w_star, delta, seed):
    """GD on 1/2 (prod w - prod w*)^2 from STARTS points within 1e-4 of w*, all at once (one row each): True when
    every run ends within 1e-2 of w* with the product fitted, False when any escapes or blows up."""
    w_star = np.asarray(w_star)
    lam = np.prod(w_star)
    w = w_star + 1e-4 * np.random.default_rng(seed).standard_normal((STARTS, len(w_star)))
    with np.errstate(all="ignore"):
        for _ in range(SIMULATION_STEPS):
            product = np.prod(w, axis=1, keepdims=True)
            w = w - delta * (product - lam) * product / w
            w[~np.all(np.abs(w) < 1e3, axis=1)] = np.nan
    fitted = np.abs(np.prod(w, axis=1) - lam) < 1e-9
    return bool(np.all(fitted & (np.max(np.abs(w - w_star), axis=1) < 1e-2)))


@weight(2)
@number("3.7.2")
def test_largest_stable_step_chain_random_minima(submission, student):
    """step_size.py: largest_stable_step_chain at random minima of chains of 2 to 6 layers"""
    require_file(submission, "step_size.py")
    for weights in random_minima():
        actual, what = _student_bound(student, weights)
        expected = step_size.chain_minimum_step_bound(np.array(weights))
        error = rel_error(actual, expected)
        if error > TOLERANCE:
            fail("chain.wrong_value", f"{what} is {actual:.6g}: relative error {error:.1e} (allowed {TOLERANCE:.0e})."
                 + _diagnosis(weights, actual))


@weight(1)
@number("3.7.3")
def test_largest_stable_step_chain_simulation(submission, student):
    """step_size.py: gradient descent converges to the minimum just below largest_stable_step_chain, not just above"""
    require_file(submission, "step_size.py")
    for seed, weights in enumerate(SIMULATION_MINIMA):
        actual, what = _student_bound(student, weights)
        if actual <= 0:
            fail("chain.not_positive", f"{what} is {actual:.6g}: a step size is positive.")
        if not settles_on(weights, BELOW * actual, seed):
            fail("chain.too_large", f"{what} is {actual:.6g}, but gradient descent with {BELOW} times that step does "
                 "not converge to this minimum: your bound is too large." + _diagnosis(weights, actual))
        if settles_on(weights, ABOVE * actual, seed):
            fail("chain.too_small", f"{what} is {actual:.6g}, but gradient descent with {ABOVE} times that step still "
                 "converges to this minimum: your bound is too small." + _diagnosis(weights, actual))
