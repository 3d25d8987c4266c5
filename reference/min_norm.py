"""Minimum-norm least squares and the implicit bias of gradient descent.

Lecture 7. For a wide X (n < d, full row rank) the equations X w = y have many solutions; the one of
least Euclidean norm is w = X^T (X X^T)^{-1} y (it lies in the row space of X). Gradient descent on
||X w - y||^2 (gradient 2 X^T (X w - y)) started at w = 0 never leaves the row space, so when it
converges (0 < eta < 1/sigma_max(X)^2, the factor being 1 - 2 eta sigma_i^2) it converges to that
solution.
"""
from __future__ import annotations

import numpy as np


def min_norm_solution(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Lecture 7: X^T (X X^T)^{-1} y, the least-norm solution of X w = y."""
    X = np.asarray(X, dtype=float)
    return X.T @ np.linalg.solve(X @ X.T, np.asarray(y, dtype=float))


def gd_least_squares(X: np.ndarray, y: np.ndarray, eta: float, steps: int) -> np.ndarray:
    """Lecture 7: ``steps`` GD steps from w = 0 on the unnormalised loss ||X w - y||^2,
    w <- w - eta * 2 X^T (X w - y). Returns the final w."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1:2] + y.shape[1:])
    for _ in range(steps):
        w = w - eta * 2 * X.T @ (X @ w - y)
    return w
