"""Ridge regression: primal, dual and the Gaussian-posterior view.

HW2 Q4. Minimising ||X w - y||^2 + lam ||w||^2 (X is n x d) gives

    w = (X^T X + lam I_d)^{-1} X^T y = X^T (X X^T + lam I_n)^{-1} y,

the second (dual) form from (X^T X + lam I) X^T = X^T (X X^T + lam I). Under the prior w ~ N(0, I_d)
and y = X w + sqrt(lam) e with e ~ N(0, I_n), the joint Gaussian (W, Y) has

    Sigma_WY = E[W Y^T] = X^T,    Sigma_YY = E[Y Y^T] = X X^T + lam I_n,

so the posterior mean E[W | Y = y] = Sigma_WY Sigma_YY^{-1} y is the dual ridge solution.

Functions take numpy arrays (y of shape (n,) or (n, k)) or sympy matrices.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from reference import backend


def ridge_primal(X: Any, y: Any, lam: Any) -> Any:
    """HW2 Q4: (X^T X + lam I)^{-1} X^T y."""
    X, y = _matrices(lam, X, y)
    return _solve(X.T @ X + lam * _eye(X, X.shape[1]), X.T @ y)


def ridge_dual(X: Any, y: Any, lam: Any) -> Any:
    """HW2 Q4: X^T (X X^T + lam I)^{-1} y."""
    X, y = _matrices(lam, X, y)
    return X.T @ _solve(sigma_yy(X, lam), y)


def sigma_wy(X: Any) -> Any:
    """HW2 Q4: Cov(W, Y) = X^T under w ~ N(0, I), y = X w + sqrt(lam) noise."""
    return X.T


def sigma_yy(X: Any, lam: Any) -> Any:
    """HW2 Q4: Cov(Y) = X X^T + lam I under the same model."""
    (X,) = _matrices(lam, X)
    return X @ X.T + lam * _eye(X, X.shape[0])


def posterior_mean(X: Any, y: Any, lam: Any) -> Any:
    """HW2 Q4: E[W | Y = y] = Sigma_WY Sigma_YY^{-1} y."""
    X, y = _matrices(lam, X, y)
    return sigma_wy(X) @ _solve(sigma_yy(X, lam), y)


def _matrices(lam: Any, *arrays: Any) -> tuple[Any, ...]:
    """The arrays as sympy matrices when anything is symbolic, else as float numpy arrays."""
    if backend.is_symbolic(lam, *arrays):
        return tuple(sympy.Matrix(a) for a in arrays)
    return tuple(np.asarray(a, dtype=float) for a in arrays)


def _eye(X: Any, size: int) -> Any:
    return sympy.eye(size) if backend.is_symbolic(X) else np.eye(size)


def _solve(A: Any, b: Any) -> Any:
    if backend.is_symbolic(A, b):
        return A.LUsolve(b)
    return np.linalg.solve(A, b)
