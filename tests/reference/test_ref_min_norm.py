"""reference.min_norm against the pseudo-inverse and a hand-built GD loop on random wide problems."""
import numpy as np
import pytest

from reference import min_norm


@pytest.mark.parametrize("seed, n, d", [(0, 3, 6), (1, 5, 12), (2, 1, 4)])
def test_min_norm_is_the_pseudo_inverse_solution(seed, n, d):
    rng = np.random.default_rng(seed)
    X, y = rng.standard_normal((n, d)), rng.standard_normal(n)
    w = min_norm.min_norm_solution(X, y)
    np.testing.assert_allclose(w, np.linalg.pinv(X) @ y, atol=1e-10)
    np.testing.assert_allclose(X @ w, y, atol=1e-10)
    other = w + (np.eye(d) - np.linalg.pinv(X) @ X) @ rng.standard_normal(d)  # another exact solution
    np.testing.assert_allclose(X @ other, y, atol=1e-10)
    assert np.linalg.norm(other) > np.linalg.norm(w)


@pytest.mark.parametrize("seed, n, d", [(3, 3, 6), (4, 4, 9)])
def test_gd_from_zero_converges_to_min_norm(seed, n, d):
    rng = np.random.default_rng(seed)
    X, y = rng.standard_normal((n, d)), rng.standard_normal(n)
    singular_values = np.linalg.svd(X, compute_uv=False)
    eta = 0.9 / singular_values[0] ** 2  # factor 1 - 2 eta s^2 stays inside (-1, 1)
    steps = int(np.ceil(np.log(1e-12) / np.log(1 - 2 * eta * singular_values[-1] ** 2)))
    w = min_norm.gd_least_squares(X, y, eta, steps)
    np.testing.assert_allclose(w, np.linalg.pinv(X) @ y, atol=1e-8)


def test_gd_one_step_uses_the_unnormalised_gradient():
    X, y = np.array([[1.0, 2.0]]), np.array([3.0])
    # From w = 0 the gradient of ||X w - y||^2 is -2 X^T y = (-6, -12).
    np.testing.assert_allclose(min_norm.gd_least_squares(X, y, 0.1, 1), [0.6, 1.2])


def test_gd_from_zero_diverges_past_the_bound():
    rng = np.random.default_rng(5)
    X, y = rng.standard_normal((3, 6)), rng.standard_normal(3)
    eta = 1.05 / np.linalg.svd(X, compute_uv=False)[0] ** 2
    w = min_norm.gd_least_squares(X, y, eta, 400)
    assert np.linalg.norm(X @ w - y) > 1e3
