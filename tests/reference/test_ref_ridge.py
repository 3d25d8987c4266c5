"""reference.ridge: primal = dual, the covariances by sampling the prior, and the posterior mean
against an augmented least-squares solve."""
import numpy as np
import pytest
import sympy

from reference import ridge


@pytest.mark.parametrize("n, d", [(3, 6), (6, 3), (4, 4)])
@pytest.mark.parametrize("lam", [1e-3, 0.5, 20.0])
def test_primal_equals_dual_and_augmented_least_squares(n, d, lam):
    rng = np.random.default_rng(n * 10 + d)
    X, y = rng.standard_normal((n, d)), rng.standard_normal(n)
    # ||X w - y||^2 + lam ||w||^2 = ||[X; sqrt(lam) I] w - [y; 0]||^2
    augmented = np.vstack([X, np.sqrt(lam) * np.eye(d)])
    target = np.concatenate([y, np.zeros(d)])
    expected = np.linalg.lstsq(augmented, target, rcond=None)[0]
    np.testing.assert_allclose(ridge.ridge_primal(X, y, lam), expected, atol=1e-9)
    np.testing.assert_allclose(ridge.ridge_dual(X, y, lam), expected, atol=1e-9)
    np.testing.assert_allclose(ridge.posterior_mean(X, y, lam), expected, atol=1e-9)


def test_covariances_by_sampling_the_prior():
    rng = np.random.default_rng(0)
    n, d, lam, samples = 3, 4, 0.7, 200000
    X = rng.standard_normal((n, d))
    W = rng.standard_normal((samples, d))
    Y = W @ X.T + np.sqrt(lam) * rng.standard_normal((samples, n))
    cov_wy = W.T @ Y / samples
    cov_yy = Y.T @ Y / samples
    # Each entry is a mean of products of Gaussians: sd <= sqrt(E[a^2] E[b^2] + E[ab]^2)/sqrt(samples).
    scale = np.sqrt(np.outer(np.ones(d), np.diag(cov_yy)) + cov_wy**2)
    assert np.all(np.abs(cov_wy - ridge.sigma_wy(X)) <= 6 * scale / np.sqrt(samples))
    scale_yy = np.sqrt(np.outer(np.diag(cov_yy), np.diag(cov_yy)) + cov_yy**2)
    assert np.all(np.abs(cov_yy - ridge.sigma_yy(X, lam)) <= 6 * scale_yy / np.sqrt(samples))


def test_posterior_mean_by_regressing_w_on_y():
    """E[W | Y] is linear in Y for a joint Gaussian: the least-squares map from sampled Y to W is it."""
    rng = np.random.default_rng(1)
    n, d, lam, samples = 2, 3, 0.4, 200000
    X = rng.standard_normal((n, d))
    W = rng.standard_normal((samples, d))
    Y = W @ X.T + np.sqrt(lam) * rng.standard_normal((samples, n))
    regression = np.linalg.lstsq(Y, W, rcond=None)[0].T  # d x n
    y = np.array([0.8, -1.3])
    np.testing.assert_allclose(regression @ y, ridge.posterior_mean(X, y, lam), atol=0.02)


def test_sympy_matches_numbers_and_the_identity_holds_symbolically():
    lam = sympy.Symbol("lam", positive=True)
    X = sympy.Matrix([[1, 2, 0], [0, 1, 3]])
    y = sympy.Matrix([1, -2])
    difference = (ridge.ridge_primal(X, y, lam) - ridge.ridge_dual(X, y, lam)).applyfunc(sympy.simplify)
    assert difference == sympy.zeros(3, 1)
    assert ridge.sigma_yy(X, lam) == X * X.T + lam * sympy.eye(2)
    exact = ridge.posterior_mean(X, y, sympy.Rational(1, 2))
    numeric = ridge.posterior_mean(np.array(X.tolist(), dtype=float), np.array([1.0, -2.0]), 0.5)
    np.testing.assert_allclose(np.array(exact, dtype=float).ravel(), numeric, atol=1e-12)
