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

Any minimum of the chain: w* with prod w_i* = lam is a minimum, and lam / w_i* = prod_{j != i} w_j*, so the bound
2 / sum_i (prod_{j != i} w_j*)^2 is a function of w* alone (``chain_minimum_step_bound``). From the identity
initialisation w_i = 1 every layer gets the same gradient, so GD stays balanced and can only reach the balanced
minimum w_i = lam^{1/L} (lam > 0), where the bound is the tightest one, 2 / (L lam^{2 - 2/L})
(``identity_init_step_bound``), which the paper calls tight for this initialisation: GD from the identity
converges just below it and oscillates just above it, for lam from about 0.35 (L = 2) or 0.5 (L = 3) up. For
smaller lam the start w = 1 is sharper than the minimum and GD diverges well below the bound (from 0.67 of it for
L = 2, lam = 0.25; 0.32 for L = 3): the bound is where GD can settle, not the largest step that converges from 1.

Two-layer ReLU network f(x) = V relu(W x) with vector inputs, fitting samples (x_i, y_i) on the summed loss
1/2 sum_i ||f(x_i) - y_i||^2. At a minimum that fits every sample the Hessian is sum_i J_i^T J_i (J_i the Jacobian
of f(x_i) in (V, W)), so its top eigenvalue is at least ||J_i||^2 for every i. With u = f(x_i)/||f(x_i)||,
h = relu(W x_i) and D the active units: ||J_i||^2 >= ||u^T J_i||^2 = ||h||^2 + ||D V^T u||^2 ||x_i||^2
>= 2 ||h|| ||D V^T u|| ||x_i|| >= 2 ||x_i|| ||f(x_i)||, because ||f(x_i)|| = (D V^T u)^T h. So GD with step delta
can converge to the minimum only if max_i ||x_i|| ||f(x_i)|| <= 1/delta (``relu_step_bound``). The condition is
necessary, not sufficient: rescaling V by c and W by 1/c leaves f unchanged (relu is positively homogeneous) and
the condition with it, but makes the minimum as sharp as we like.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
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


def chain_minimum_step_bound(w_star: Sequence[Any]) -> Any:
    """Nar & Sastry: the step bound at any minimum w* of an L-layer scalar chain, which fits lam = prod w_i*:
    2 / sum_i (prod_{j != i} w_j*)^2."""
    return deep_chain_step_bound(math.prod(w_star), w_star)


def identity_init_step_bound(L: Any, lam: Any) -> Any:
    """Nar & Sastry: the step bound at the balanced minimum w_i = lam^{1/L} that GD from the identity
    initialisation w_i = 1 reaches on an L-layer chain fitting lam > 0, 2 / (L lam^{2 - 2/L}) (tight there for lam
    not too small; see the module docstring)."""
    if backend.is_symbolic(L, lam):
        L = sympy.sympify(L)
    return 2 / (L * lam ** (2 - 2 / L))


def relu_step_bound(inputs: np.ndarray, outputs: np.ndarray) -> float:
    """Nar & Sastry: GD with step delta can converge to a minimum of a two-layer ReLU network that fits the
    samples (rows of ``inputs``, with the network's outputs as rows of ``outputs``) only if
    max_i ||x_i|| ||f(x_i)|| <= 1/delta; returns 1 / max_i ||x_i|| ||f(x_i)||, a necessary bound on delta."""
    inputs, outputs = np.atleast_2d(inputs), np.atleast_2d(outputs)
    return float(1 / np.max(np.linalg.norm(inputs, axis=1) * np.linalg.norm(outputs, axis=1)))


def relu_bound(delta: Any) -> Any:
    """Nar & Sastry: a two-layer scalar ReLU network can fit gains up to 1/delta (rho_bound at L = 2)."""
    return 1 / delta


def largest_stable_step(
    function: Callable[[float], float], x_star: float, h: float = 1e-4
) -> float:
    """2 / f''(x*) with f'' from the central difference (f(x+h) - 2 f(x) + f(x-h)) / h^2."""
    curvature = (function(x_star + h) - 2 * function(x_star) + function(x_star - h)) / h**2
    return float(max_stable_step(curvature))
