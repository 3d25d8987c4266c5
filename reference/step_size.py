"""Which minima gradient descent can converge to: the step size decides (Nar & Sastry, 2018).

Nar & Sastry, "Step Size Matters in Deep Learning" (NeurIPS 2018). GD x <- x - delta f'(x) can converge
to a minimum x* only if the linearised map is not expanding there, |1 - delta f''(x*)| <= 1, i.e.
delta <= 2/f''(x*). Below the limit GD converges linearly, at rate |1 - delta f''(x*)|. At the limit the
multiplier is -1 and the higher-order terms decide: for the example below they pull the iterates back,
so GD still converges, sub-linearly (the error alternates in sign and shrinks like t^(-1/2)), which is
why the slides write delta <= 2/f''(x*). Above it, GD is repelled from x*.

Their example f(x) = (x^2 + 1)(x - 1)^2(x - 2)^2 has global minima x = 1 and x = 2 with f = 0. Writing
g = (x - 1)(x - 2), f'' = 2(x^2 + 1) g'^2 at a root of g: f''(1) = 2 * 2 * 1 = 4 and f''(2) = 2 * 5 * 1 = 10,
so x = 1 is reachable only for delta <= 0.5 and x = 2 only for delta <= 0.2.

Scalar deep linear chain: estimating lam with w_L ... w_1 on the loss 1/2 (w_L ... w_1 - lam)^2. At a
global minimum (prod w_i* = lam) the Hessian is g g^T with g_i = lam / w_i*, so its largest eigenvalue is
sum_i (lam / w_i*)^2 and GD can converge there only for delta < 2 / sum_i (lam / w_i*)^2. By AM-GM that
sum is at least L |lam|^{2 - 2/L} (equality for balanced |w_i*| = |lam|^{1/L}), so with step delta GD can
only fit |lam| <= (2/(L delta))^{L/(2L - 2)}. For L = 2 this is 1/delta, which is also the bound for a
two-layer scalar ReLU network v relu(w x) fitting a positive gain on a unit input (with the ReLU active the
network is the chain v w).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sympy

from reference import backend

MINIMA = (1, 2)
STEP_LIMITS = {1: 0.5, 2: 0.2}  # 2/f''(x*): f''(1) = 4, f''(2) = 10 (derived in the module docstring); attained


def f(x: Any) -> Any:
    """Nar & Sastry's example (x^2 + 1)(x - 1)^2(x - 2)^2."""
    return (x**2 + 1) * (x - 1) ** 2 * (x - 2) ** 2


def f_prime(x: Any) -> Any:
    """f'(x) = 2 x g^2 + 2 (x^2 + 1) g g' with g = (x - 1)(x - 2), g' = 2x - 3."""
    g, g_prime = (x - 1) * (x - 2), 2 * x - 3
    return 2 * x * g**2 + 2 * (x**2 + 1) * g * g_prime


def f_second(x: Any) -> Any:
    """f''(x) = 2 g^2 + 8 x g g' + 2 (x^2 + 1)(g'^2 + 2 g), using g'' = 2."""
    g, g_prime = (x - 1) * (x - 2), 2 * x - 3
    return 2 * g**2 + 8 * x * g * g_prime + 2 * (x**2 + 1) * (g_prime**2 + 2 * g)


def max_stable_step(curvature: Any) -> Any:
    """Nar & Sastry: GD can converge to a minimum of curvature f'' only for delta <= 2/f''."""
    return 2 / curvature


def reachable_minima(delta: float) -> frozenset[int]:
    """Nar & Sastry: the minima of ``f`` that GD with step ``delta`` can converge to
    ({1, 2} up to 0.2, {1} on (0.2, 0.5], none above 0.5; at a limit itself, sub-linearly)."""
    if backend.compare(delta, 0) <= 0:
        raise ValueError("delta must be positive")
    return frozenset(m for m in MINIMA if backend.compare(delta, STEP_LIMITS[m]) <= 0)


def deep_chain_step_bound(lam: Any, w_star: Sequence[Any]) -> Any:
    """Nar & Sastry: 2 / sum_i (lam / w_i*)^2, the largest step that can converge to the minimum
    w* (prod w_i* = lam) of 1/2 (w_L ... w_1 - lam)^2."""
    return 2 / sum((lam / w) ** 2 for w in w_star)


def rho_bound(L: Any, delta: Any) -> Any:
    """Nar & Sastry: the largest |lam| an L-layer scalar linear chain can fit with step delta,
    (2/(L delta))^{L/(2L - 2)} (L >= 2)."""
    if backend.is_symbolic(L, delta):
        L = sympy.sympify(L)  # keeps the exponent L/(2L - 2) an exact rational for integer L
    return (2 / (L * delta)) ** (L / (2 * L - 2))


def relu_bound(delta: Any) -> Any:
    """Nar & Sastry: a two-layer scalar ReLU network can fit gains up to 1/delta (rho_bound at L = 2)."""
    return 1 / delta


def largest_stable_step(
    function: Callable[[float], float], x_star: float, h: float = 1e-4
) -> float:
    """2 / f''(x*) with f'' from the central difference (f(x+h) - 2 f(x) + f(x-h)) / h^2."""
    curvature = (function(x_star + h) - 2 * function(x_star) + function(x_star - h)) / h**2
    return float(max_stable_step(curvature))
