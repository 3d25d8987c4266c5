"""reference.instance_noise against Monte Carlo SGD with fresh input noise (seeded, bounded size)."""
import numpy as np
import pytest
import sympy

from reference import instance_noise, ridge

X_POINT, Y_POINT, SIGMA = 1.5, 2.0, 0.8


def noisy_sgd_runs(eta, steps, runs, seed, w0=0.0):
    """SGD on 1/2 (x~ w - y)^2 with x~ = x + N(0, sigma^2) drawn afresh per step; all runs at once."""
    rng = np.random.default_rng(seed)
    w = np.full(runs, w0)
    means = [w.mean()]
    spreads = [0.0]
    for _ in range(steps):
        x_noisy = X_POINT + SIGMA * rng.standard_normal(runs)
        w = w - eta * x_noisy * (x_noisy * w - Y_POINT)
        means.append(w.mean())
        spreads.append(w.std() / np.sqrt(runs))
    return np.array(means), np.array(spreads)


def test_expected_iterate_by_monte_carlo():
    eta, steps = 0.15, 40
    means, standard_errors = noisy_sgd_runs(eta, steps, runs=40000, seed=0, w0=-1.0)
    w = -1.0
    for t in range(1, steps + 1):
        w = instance_noise.expected_next_w(w, eta, X_POINT, Y_POINT, SIGMA)
        assert abs(means[t] - w) <= 6 * standard_errors[t] + 1e-12


def test_limit_minimises_the_expected_loss():
    rng = np.random.default_rng(1)
    x_noisy = X_POINT + SIGMA * rng.standard_normal(400000)
    empirical_minimiser = np.sum(x_noisy * Y_POINT) / np.sum(x_noisy**2)
    limit = instance_noise.expected_limit(X_POINT, Y_POINT, SIGMA)
    assert limit == pytest.approx(empirical_minimiser, rel=5e-3)
    assert abs(limit) < abs(instance_noise.limit_without_noise(X_POINT, Y_POINT))
    assert instance_noise.limit_without_noise(X_POINT, Y_POINT) == pytest.approx(Y_POINT / X_POINT)
    assert instance_noise.expected_limit(X_POINT, Y_POINT, 0.0) == pytest.approx(Y_POINT / X_POINT)


def test_stable_bound_on_the_expected_dynamics():
    bound = instance_noise.stable_eta_bound(X_POINT, SIGMA)
    limit = instance_noise.expected_limit(X_POINT, Y_POINT, SIGMA)
    for factor, converges in [(0.98, True), (1.02, False)]:
        w = 0.0
        for _ in range(2000):
            w = (1 - factor * bound * (X_POINT**2 + SIGMA**2)) * w + factor * bound * X_POINT * Y_POINT
        assert (abs(w - limit) < 1e-6) == converges


def test_noise_is_ridge_with_lambda_sigma_squared():
    """Least squares over many noisy copies of X approaches ridge with m * lambda (the 1/m of (16))."""
    rng = np.random.default_rng(2)
    m, d, copies, sigma = 6, 3, 20000, 0.7
    X = rng.standard_normal((m, d))
    y = rng.standard_normal(m)
    noisy = np.concatenate([X + sigma * rng.standard_normal((m, d)) for _ in range(copies)])
    w_noisy = np.linalg.lstsq(noisy, np.tile(y, copies), rcond=None)[0]
    w_ridge = ridge.ridge_primal(X, y, m * instance_noise.ridge_lambda(sigma))
    np.testing.assert_allclose(w_noisy, w_ridge, atol=0.02)
    w_plain = np.linalg.lstsq(X, y, rcond=None)[0]
    assert np.linalg.norm(w_noisy - w_ridge) < 0.2 * np.linalg.norm(w_plain - w_ridge)


def test_sympy_and_numbers_agree():
    w, eta, x, y, sigma = sympy.symbols("w eta x y sigma", positive=True)
    values = {w: 0.3, eta: 0.1, x: X_POINT, y: Y_POINT, sigma: SIGMA}
    for expression, number in [
        (instance_noise.ridge_lambda(sigma), instance_noise.ridge_lambda(SIGMA)),
        (instance_noise.expected_next_w(w, eta, x, y, sigma),
         instance_noise.expected_next_w(0.3, 0.1, X_POINT, Y_POINT, SIGMA)),
        (instance_noise.stable_eta_bound(x, sigma), instance_noise.stable_eta_bound(X_POINT, SIGMA)),
        (instance_noise.expected_limit(x, y, sigma), instance_noise.expected_limit(X_POINT, Y_POINT, SIGMA)),
    ]:
        assert float(expression.subs(values)) == pytest.approx(number, rel=1e-12)
    fixed_point = sympy.solve(sympy.Eq(instance_noise.expected_next_w(w, eta, x, y, sigma), w), w)
    assert fixed_point == [instance_noise.expected_limit(x, y, sigma)]
