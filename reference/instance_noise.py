"""Instance noise acts as ridge regularisation.

HW2 Q3. Each input is seen with noise, x~ = x + n with n ~ N(0, sigma^2) drawn afresh. Since
E[(x~^T w - y)^2] = (x^T w - y)^2 + sigma^2 ||w||^2, the expected loss (16), averaged over m points,

    (1/m) sum_i E[(x~_i^T w - y_i)^2] = (1/m) ||X w - y||^2 + sigma^2 ||w||^2,

is ridge regression with lambda = sigma^2 in that 1/m normalisation (lambda = m sigma^2 for the
unnormalised ||X w - y||^2 + lambda ||w||^2).

For one scalar point (x, y) and SGD on the loss 1/2 (x~ w - y)^2, the step is
w_{t+1} = w_t - eta x~ (x~ w_t - y). The fresh noise is independent of w_t, so

    E[w_{t+1}] = (1 - eta (x^2 + sigma^2)) E[w_t] + eta x y,

which converges iff 0 < eta < 2/(x^2 + sigma^2), to x y/(x^2 + sigma^2): shrunk towards 0 from the
noiseless y/x.
"""
from __future__ import annotations

from typing import Any


def ridge_lambda(sigma: Any) -> Any:
    """HW2 Q3: lambda = sigma^2 for the 1/m-normalised loss (16)."""
    return sigma**2


def expected_next_w(w: Any, eta: Any, x: Any, y: Any, sigma: Any) -> Any:
    """HW2 Q3: E[w_{t+1} | w_t = w] = (1 - eta (x^2 + sigma^2)) w + eta x y."""
    return (1 - eta * (x**2 + sigma**2)) * w + eta * x * y


def stable_eta_bound(x: Any, sigma: Any) -> Any:
    """HW2 Q3: E[w_t] converges for every start iff 0 < eta < 2/(x^2 + sigma^2) (strict)."""
    return 2 / (x**2 + sigma**2)


def expected_limit(x: Any, y: Any, sigma: Any) -> Any:
    """HW2 Q3: lim E[w_t] = x y/(x^2 + sigma^2), the fixed point of ``expected_next_w``."""
    return x * y / (x**2 + sigma**2)


def limit_without_noise(x: Any, y: Any) -> Any:
    """HW2 Q3: with sigma = 0 the limit is the exact fit y/x."""
    return y / x
