"""Gradient descent on a scalar least-squares problem, and on two such problems side by side.

HW2 Q1 and Discussion 3 Q1. The loss is (sigma w - y)^2, so the gradient is 2 sigma (sigma w - y) and
with w* = y / sigma one GD step is

    w_{t+1} - w* = (1 - 2 eta sigma^2) (w_t - w*).

The error shrinks geometrically iff |1 - 2 eta sigma^2| < 1, i.e. 0 < eta < 1/sigma^2.

Two independent coordinates with singular values sigma_l > sigma_s share one eta: both must be stable
(eta < 1/sigma_l^2, so sigma_l limits the step), and the slower coordinate sets the rate. The rates
|1 - 2 eta sigma_l^2| and |1 - 2 eta sigma_s^2| cross at eta = 1/(sigma_l^2 + sigma_s^2); below it
sigma_l converges faster, above it sigma_s does. That crossing minimises the worst rate, giving
(sigma_l^2 - sigma_s^2)/(sigma_l^2 + sigma_s^2). Singular values strictly between sigma_s and sigma_l
change neither the stable range nor the best eta (their rate is below the larger of the two ends).

Every closed form accepts floats, numpy arrays or sympy expressions (see ``reference.backend``).
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Literal

import sympy

from reference import backend

Dimension = Literal["sigma_l", "sigma_s", "equal"]

LIMITING_SIGMA: Dimension = "sigma_l"
FASTER_BELOW_SWITCH: Dimension = "sigma_l"
MIDDLE_SIGMAS_CHANGE_ANSWER = False


def step_factor(eta: Any, sigma: Any) -> Any:
    """HW2 Q1: the contraction factor 1 - 2 eta sigma^2 of w_t - w*."""
    return 1 - 2 * eta * sigma**2


def stable_eta_bound(sigma: Any) -> Any:
    """HW2 Q1: GD converges for every start iff 0 < eta < 1/sigma^2 (strict at both ends)."""
    return 1 / sigma**2


def stable_eta_interval(sigma: Any) -> sympy.Interval:
    """HW2 Q1: the open interval (0, 1/sigma^2) of stable step sizes."""
    (sigma,) = backend.to_sympy(sigma)
    return sympy.Interval.open(0, stable_eta_bound(sigma))


def iterations_bound(eta: Any, sigma: Any, epsilon: Any) -> Any:
    """HW2 Q1: log(epsilon) / log|1 - 2 eta sigma^2|.

    Being "within epsilon" means |w_T - w*| <= epsilon |w_0 - w*|, i.e. |1 - 2 eta sigma^2|^T <= epsilon;
    for 0 < epsilon < 1 and a stable eta this holds iff T >= this bound (the homework writes T > bound,
    which is the same integer set unless the bound is itself an integer).
    """
    return backend.log(epsilon) / backend.log(backend.absolute(step_factor(eta, sigma)))


def iterations_needed(eta: Any, sigma: Any, epsilon: Any) -> int:
    """HW2 Q1: the smallest integer T >= 0 with |1 - 2 eta sigma^2|^T <= epsilon.

    That is ceil(iterations_bound) for 0 < epsilon < 1; 0 when epsilon >= 1; 1 when the factor is 0
    (one step lands on w*). ValueError when eta is not stable (no T works) or epsilon <= 0.
    Sympy numbers are decided exactly, so an integer bound is not pushed up by rounding.
    """
    rate = backend.absolute(step_factor(eta, sigma))
    if backend.compare(epsilon, 0) <= 0:
        raise ValueError("epsilon must be positive")
    if backend.compare(epsilon, 1) >= 0:
        return 0
    if backend.compare(rate, 1) >= 0:
        raise ValueError("eta is not in the stable range: the error never shrinks")
    if backend.compare(rate, 0) == 0:
        return 1
    candidate = max(1, math.ceil(float(iterations_bound(eta, sigma, epsilon))))
    # The float bound can sit one ulp off an integer: settle the neighbours with the defining test.
    while candidate > 1 and backend.compare(rate ** (candidate - 1), epsilon) <= 0:
        candidate -= 1
    while backend.compare(rate**candidate, epsilon) > 0:
        candidate += 1
    return candidate


def stable_eta_bound_2d(sigma_l: Any, sigma_s: Any) -> Any:
    """HW2 Q1: with sigma_l > sigma_s sharing one eta, both converge iff 0 < eta < 1/sigma_l^2."""
    return stable_eta_bound(sigma_l)


def faster_dimension(eta: Any, sigma_l: Any, sigma_s: Any) -> Dimension:
    """HW2 Q1: the coordinate whose error shrinks faster (smaller |1 - 2 eta sigma^2|), or "equal"."""
    order = backend.compare(
        backend.absolute(step_factor(eta, sigma_l)), backend.absolute(step_factor(eta, sigma_s))
    )
    return {-1: "sigma_l", 0: "equal", 1: "sigma_s"}[order]


def switch_eta(sigma_l: Any, sigma_s: Any) -> Any:
    """HW2 Q1: the eta where both rates are equal, 1 - 2 eta sigma_s^2 = 2 eta sigma_l^2 - 1.

    Below it sigma_l is faster (``FASTER_BELOW_SWITCH``); above it sigma_s is.
    """
    return 1 / (sigma_l**2 + sigma_s**2)


def optimal_eta(sigma_l: Any, sigma_s: Any) -> Any:
    """HW2 Q1: the eta minimising the slower rate, 1/(sigma_l^2 + sigma_s^2) (the switch point)."""
    return switch_eta(sigma_l, sigma_s)


def optimal_rate(sigma_l: Any, sigma_s: Any) -> Any:
    """HW2 Q1: the best worst-case rate (sigma_l^2 - sigma_s^2)/(sigma_l^2 + sigma_s^2)."""
    return (sigma_l**2 - sigma_s**2) / (sigma_l**2 + sigma_s**2)


def worst_rate(eta: Any, sigmas: Iterable[Any]) -> Any:
    """HW2 Q1: max_i |1 - 2 eta sigma_i^2|, the rate of the slowest coordinate."""
    return backend.maximum(*(backend.absolute(step_factor(eta, s)) for s in sigmas))
