"""reference.gd_scalar against GD simulated on (sigma w - y)^2 and a brute-force grid over eta."""
import math

import numpy as np
import pytest
import sympy

from reference import gd_scalar

SIGMAS = [0.3, 1.0, 2.5]


def simulate_gd(eta, sigmas, steps, y=1.0, w0=0.0):
    """Plain GD on sum_i (sigma_i w_i - y)^2, coordinate-wise; returns |w_t - w*| per step."""
    sigmas = np.asarray(sigmas, dtype=float)
    w_star = y / sigmas
    w = np.full_like(sigmas, w0)
    errors = [np.abs(w - w_star)]
    for _ in range(steps):
        w = w - eta * 2 * sigmas * (sigmas * w - y)
        errors.append(np.abs(w - w_star))
    return np.array(errors)


@pytest.mark.parametrize("sigma", SIGMAS)
def test_one_step_matches_the_factor(sigma):
    eta = 0.37 / sigma**2
    errors = simulate_gd(eta, [sigma], steps=1)
    assert errors[1, 0] == pytest.approx(abs(gd_scalar.step_factor(eta, sigma)) * errors[0, 0])


@pytest.mark.parametrize("sigma", SIGMAS)
def test_stable_bound_by_simulation(sigma):
    bound = gd_scalar.stable_eta_bound(sigma)
    inside = simulate_gd(0.98 * bound, [sigma], steps=600)[:, 0]
    outside = simulate_gd(1.02 * bound, [sigma], steps=600)[:, 0]
    tiny = simulate_gd(0.01 * bound, [sigma], steps=3000)[:, 0]
    assert inside[-1] < 1e-3 * inside[0]
    assert tiny[-1] < 1e-3 * tiny[0]
    assert outside[-1] > 1e3 * outside[0]


def test_stable_interval_is_open_zero_to_bound():
    sigma = sympy.Symbol("sigma", positive=True)
    assert gd_scalar.stable_eta_bound(sigma) == 1 / sigma**2
    interval = gd_scalar.stable_eta_interval(2)
    assert interval == sympy.Interval.open(0, sympy.Rational(1, 4))
    assert sympy.Rational(1, 4) not in interval and 0 not in interval


@pytest.mark.parametrize("eta_fraction, sigma, epsilon", [
    (0.1, 1.0, 1e-3), (0.3, 2.0, 1e-2), (0.9, 0.5, 1e-4), (0.02, 1.5, 0.05), (0.6, 1.0, 1e-6),
])
def test_iterations_needed_by_simulation(eta_fraction, sigma, epsilon):
    eta = eta_fraction / sigma**2
    errors = simulate_gd(eta, [sigma], steps=5000)[:, 0]
    first_within = int(np.argmax(errors <= epsilon * errors[0]))
    assert gd_scalar.iterations_needed(eta, sigma, epsilon) == first_within
    assert first_within - 1 < gd_scalar.iterations_bound(eta, sigma, epsilon) <= first_within


def test_iterations_needed_at_an_exact_integer_bound():
    # eta sigma^2 = 1/4: factor 1/2, and (1/2)^3 = 1/8 exactly, so T = 3 (not 4).
    eta, sigma, epsilon = sympy.Rational(1, 4), sympy.Integer(1), sympy.Rational(1, 8)
    assert gd_scalar.iterations_bound(eta, sigma, epsilon).equals(3)
    assert gd_scalar.iterations_needed(eta, sigma, epsilon) == 3
    assert gd_scalar.iterations_needed(0.25, 1.0, 0.125) == 3


def test_iterations_edge_cases():
    assert gd_scalar.iterations_needed(0.5, 1.0, 1e-9) == 1  # factor 0: one step lands on w*
    assert gd_scalar.iterations_needed(0.1, 1.0, 1.0) == 0
    with pytest.raises(ValueError):
        gd_scalar.iterations_needed(1.0, 1.0, 0.1)  # factor -1: never shrinks


def test_two_dimensions_limited_by_sigma_l():
    sigma_l, sigma_s = 2.0, 0.5
    bound = gd_scalar.stable_eta_bound_2d(sigma_l, sigma_s)
    assert gd_scalar.LIMITING_SIGMA == "sigma_l"
    inside = simulate_gd(0.98 * bound, [sigma_l, sigma_s], steps=3000)
    outside = simulate_gd(1.02 * bound, [sigma_l, sigma_s], steps=600)
    assert np.all(inside[-1] < 1e-3 * inside[0])
    assert outside[-1, 0] > 1e3 * outside[0, 0]
    assert outside[-1, 1] < outside[0, 1]  # sigma_s alone would still be fine


@pytest.mark.parametrize("eta_fraction", [0.05, 0.3, 0.6, 0.9])
def test_faster_dimension_by_simulation(eta_fraction):
    sigma_l, sigma_s = 2.0, 0.5
    eta = eta_fraction / sigma_l**2
    errors = simulate_gd(eta, [sigma_l, sigma_s], steps=20)
    shrink = errors[20] / errors[0]
    simulated = "sigma_l" if shrink[0] < shrink[1] else "sigma_s"
    assert gd_scalar.faster_dimension(eta, sigma_l, sigma_s) == simulated
    below_switch = eta < 1 / (sigma_l**2 + sigma_s**2)
    assert (simulated == gd_scalar.FASTER_BELOW_SWITCH) == below_switch


def test_switch_is_equal_and_optimal_by_grid():
    sigma_l, sigma_s = 2.0, 0.5
    switch = gd_scalar.switch_eta(sigma_l, sigma_s)
    assert gd_scalar.faster_dimension(switch, sigma_l, sigma_s) == "equal"
    grid = np.linspace(1e-4, gd_scalar.stable_eta_bound(sigma_l), 200001)
    worst = np.maximum(np.abs(1 - 2 * grid * sigma_l**2), np.abs(1 - 2 * grid * sigma_s**2))
    best = grid[np.argmin(worst)]
    assert gd_scalar.optimal_eta(sigma_l, sigma_s) == pytest.approx(best, abs=2 * (grid[1] - grid[0]))
    assert gd_scalar.optimal_rate(sigma_l, sigma_s) == pytest.approx(worst.min(), abs=1e-4)


def test_middle_sigmas_change_nothing():
    sigma_l, sigma_s = 2.0, 0.5
    grid = np.linspace(1e-4, 0.5, 100001)
    ends = np.array([gd_scalar.worst_rate(eta, [sigma_l, sigma_s]) for eta in grid[::50]])
    middle = np.array([gd_scalar.worst_rate(eta, [sigma_l, 1.1, 0.7, sigma_s]) for eta in grid[::50]])
    assert gd_scalar.MIDDLE_SIGMAS_CHANGE_ANSWER is False
    np.testing.assert_allclose(middle, ends)
    assert np.argmin(middle) == np.argmin(ends)


def test_sympy_and_numbers_agree():
    eta, sigma, sigma_l, sigma_s, epsilon = sympy.symbols("eta sigma sigma_l sigma_s epsilon", positive=True)
    values = {eta: 0.07, sigma: 1.3, sigma_l: 2.0, sigma_s: 0.5, epsilon: 1e-3}
    pairs = [
        (gd_scalar.step_factor(eta, sigma), gd_scalar.step_factor(0.07, 1.3)),
        (gd_scalar.iterations_bound(eta, sigma, epsilon), gd_scalar.iterations_bound(0.07, 1.3, 1e-3)),
        (gd_scalar.switch_eta(sigma_l, sigma_s), gd_scalar.switch_eta(2.0, 0.5)),
        (gd_scalar.optimal_rate(sigma_l, sigma_s), gd_scalar.optimal_rate(2.0, 0.5)),
        (gd_scalar.worst_rate(eta, [sigma_l, sigma_s]), gd_scalar.worst_rate(0.07, [2.0, 0.5])),
    ]
    for expression, number in pairs:
        assert float(expression.subs(values)) == pytest.approx(float(number), rel=1e-12)
    assert gd_scalar.iterations_bound(eta, sigma, epsilon) == sympy.log(epsilon) / sympy.log(
        sympy.Abs(1 - 2 * eta * sigma**2)
    )
    assert math.isclose(gd_scalar.optimal_rate(2.0, 0.5), 3.75 / 4.25)
