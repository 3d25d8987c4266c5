"""Step sizes: the two functions of this problem set (reference solution)."""
import numpy as np


def gd_least_squares(X, y, eta, steps):
    """``steps`` GD steps from w = 0 on ||X w - y||^2: w <- w - eta * 2 X^T (X w - y)."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    for _ in range(steps):
        w = w - eta * 2 * X.T @ (X @ w - y)
    return w


def largest_stable_step(f, x_star):
    """2 / f''(x_star), with f'' from the central difference (f(x+h) - 2 f(x) + f(x-h)) / h^2."""
    h = 1e-4
    curvature = (f(x_star + h) - 2 * f(x_star) + f(x_star - h)) / h**2
    return 2 / curvature
