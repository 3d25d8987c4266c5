"""Gradient descent with momentum on least squares, one singular direction at a time.

HW2 Q2. The update is z_{t+1} = (1 - beta) z_t + beta g_t, w_{t+1} = w_t - eta z_{t+1}, on the loss
||X w - y||^2, so g_t = 2 X^T X (w_t - w*). With X = U Sigma V^T, x_t = V^T (w_t - w*) and
a_t = V^T z_t, each singular direction (value sigma_i) evolves on its own:

    a_{t+1} = (1 - beta) a_t + 2 beta sigma^2 x_t
    x_{t+1} = x_t - eta a_{t+1} = -eta (1 - beta) a_t + (1 - 2 eta beta sigma^2) x_t,

i.e. [a, x]_{t+1} = R [a, x]_t with R = [[1 - beta, 2 beta sigma^2], [-eta (1 - beta), 1 - 2 eta beta sigma^2]].
det R = 1 - beta and tr R = 2 - beta - 2 eta beta sigma^2, so the eigenvalues are the roots of
lambda^2 - tr lambda + (1 - beta) = 0. They are repeated when tr = +-2 sqrt(1 - beta), i.e.

    eta = (1 -+ sqrt(1 - beta))^2 / (2 beta sigma^2)   (eta_lo, eta_hi),

complex (modulus sqrt(1 - beta), always stable) for eta_lo < eta < eta_hi, and real and distinct outside.
Real roots are stable for eta < eta_lo; above eta_hi both are negative and the smaller one passes -1
when 1 + tr + (1 - beta) = 0, so the real regime is stable iff eta < (2 - beta)/(beta sigma^2) (open:
at equality an eigenvalue is exactly -1). Overall the system is stable iff 0 < eta < (2-beta)/(beta sigma^2).

Because every R_i has determinant 1 - beta, its spectral radius is at least sqrt(1 - beta), with equality
exactly on [eta_lo_i, eta_hi_i]. So the worst rate over all directions is minimised, at sqrt(1 - beta), on
the intersection [eta_lo(sigma_min^2), eta_hi(sigma_max^2)] when it is non-empty (middle singular values
have wider intervals and do not matter). For beta = 0.1, sigma^2 in {5, 0.05} that is about
[0.2633, 3.797] at rate sqrt(0.9) ~ 0.9487, against plain GD's best (5 - 0.05)/(5 + 0.05) ~ 0.9802.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

import numpy as np
import sympy

from reference import backend
from reference import gd_scalar

Regime = Literal["real", "repeated", "complex"]

ITERATION_FRACTION = 0.001  # "within 99.9% of the optimum": 0.1% of the initial error remains


def next_a(a: Any, x: Any, eta: Any, beta: Any, sigma_sq: Any) -> Any:
    """HW2 Q2: a_{t+1} = (1 - beta) a_t + 2 beta sigma^2 x_t (eta is unused; kept for a uniform call)."""
    return (1 - beta) * a + 2 * beta * sigma_sq * x


def next_x(a: Any, x: Any, eta: Any, beta: Any, sigma_sq: Any) -> Any:
    """HW2 Q2: x_{t+1} = -eta (1 - beta) a_t + (1 - 2 eta beta sigma^2) x_t."""
    return -eta * (1 - beta) * a + (1 - 2 * eta * beta * sigma_sq) * x


def momentum_matrix(eta: Any, beta: Any, sigma_sq: Any) -> Any:
    """HW2 Q2: R with [a, x]_{t+1} = R [a, x]_t; sympy.Matrix when any argument is symbolic."""
    rows = [
        [1 - beta, 2 * beta * sigma_sq],
        [-eta * (1 - beta), 1 - 2 * eta * beta * sigma_sq],
    ]
    if backend.is_symbolic(eta, beta, sigma_sq):
        return sympy.Matrix(rows)
    return np.array(rows, dtype=float)


def eigenvalues(eta: Any, beta: Any, sigma_sq: Any) -> tuple[Any, Any]:
    """HW2 Q2: the roots tr/2 +- sqrt(tr^2/4 - (1 - beta)) of R's characteristic polynomial
    (complex numbers for floats in the complex regime; "+" root first)."""
    half_trace = (2 - beta - 2 * eta * beta * sigma_sq) / 2
    root = backend.complex_sqrt(half_trace**2 - (1 - beta))
    return half_trace + root, half_trace - root


def repeated_eta(beta: Any, sigma_sq: Any) -> tuple[Any, Any]:
    """HW2 Q2: (eta_lo, eta_hi) = ((1 - sqrt(1-beta))^2, (1 + sqrt(1-beta))^2) / (2 beta sigma^2),
    the two step sizes with a repeated eigenvalue (+sqrt(1-beta) at eta_lo, -sqrt(1-beta) at eta_hi)."""
    s = backend.sqrt(1 - beta)
    scale = 2 * beta * sigma_sq
    return (1 - s) ** 2 / scale, (1 + s) ** 2 / scale


def regime(eta: Any, beta: Any, sigma_sq: Any) -> Regime:
    """HW2 Q2: "repeated" at eta_lo or eta_hi, "complex" strictly between, "real" otherwise (eta > 0).
    Floats within a relative 1e-12 of eta_lo/eta_hi count as repeated."""
    eta_lo, eta_hi = repeated_eta(beta, sigma_sq)
    to_lo, to_hi = backend.compare(eta, eta_lo), backend.compare(eta, eta_hi)
    if to_lo == 0 or to_hi == 0:
        return "repeated"
    return "complex" if to_lo > 0 > to_hi else "real"


def real_eta_set(beta: Any, sigma_sq: Any) -> sympy.Set:
    """HW2 Q2: eta > 0 with distinct real eigenvalues, (0, eta_lo) U (eta_hi, oo)."""
    eta_lo, eta_hi = repeated_eta(*backend.to_sympy(beta, sigma_sq))
    return sympy.Union(sympy.Interval.open(0, eta_lo), sympy.Interval.open(eta_hi, sympy.oo))


def repeated_eta_set(beta: Any, sigma_sq: Any) -> sympy.Set:
    """HW2 Q2: eta with a repeated eigenvalue, {eta_lo, eta_hi}."""
    return sympy.FiniteSet(*repeated_eta(*backend.to_sympy(beta, sigma_sq)))


def complex_eta_set(beta: Any, sigma_sq: Any) -> sympy.Set:
    """HW2 Q2: eta with complex eigenvalues (modulus sqrt(1 - beta)), the open (eta_lo, eta_hi)."""
    return sympy.Interval.open(*repeated_eta(*backend.to_sympy(beta, sigma_sq)))


def stable_eta_set(beta: Any, sigma_sq: Any) -> sympy.Set:
    """HW2 Q2: all stable eta, the open (0, (2 - beta)/(beta sigma^2))."""
    (beta, sigma_sq) = backend.to_sympy(beta, sigma_sq)
    return sympy.Interval.open(0, max_eta_real_stable(beta, sigma_sq))


def repeated_stable_eta_set(beta: Any, sigma_sq: Any) -> sympy.Set:
    """HW2 Q2(d): eta with repeated and stable eigenvalues: both repeated points, {eta_lo, eta_hi}.

    The double root +-sqrt(1 - beta) has modulus sqrt(1 - beta) < 1 (0 < beta < 1). R is then a Jordan
    block (its corner 2 beta sigma^2 is not 0), so x_t grows like t (1 - beta)^(t/2), which still tends to 0.
    Both points lie inside the stable range: eta_hi = (2 - beta)/(beta sigma^2) - (1 - sqrt(1 - beta))^2/(2 beta
    sigma^2). So in the repeated case every eta converges, and the largest is eta_hi (attained).
    """
    return repeated_eta_set(beta, sigma_sq)


def real_stable_eta_set(beta: Any, sigma_sq: Any) -> sympy.Set:
    """HW2 Q2(e): eta > 0 with distinct real and stable eigenvalues,
    (0, eta_lo) U (eta_hi, (2 - beta)/(beta sigma^2)), for 0 < beta < 1 where 0 < eta_lo < eta_hi < (2 - beta)/(beta
    sigma^2). The upper end is not attained: there the smaller eigenvalue is exactly -1 and x_t oscillates
    without decaying. At eta_lo and eta_hi the root is double and still real and stable (Q2(d))."""
    eta_lo, eta_hi = repeated_eta(*backend.to_sympy(beta, sigma_sq))
    top = max_eta_real_stable(*backend.to_sympy(beta, sigma_sq))
    return sympy.Union(sympy.Interval.open(0, eta_lo), sympy.Interval.open(eta_hi, top))


def complex_stable_eta_set(beta: Any, sigma_sq: Any) -> sympy.Set:
    """HW2 Q2(f): eta with complex and stable eigenvalues: the whole complex range (eta_lo, eta_hi).

    Complex roots are conjugate, so their modulus squared is det R = 1 - beta < 1: every eta of the range is
    stable, at the rate sqrt(1 - beta). Neither end is attained: at eta_lo and eta_hi the roots are repeated
    (real), not complex, though the iteration converges there too (Q2(d))."""
    return complex_eta_set(beta, sigma_sq)


# HW2 Q2(d)-(f) ask "for the case when they are repeated / real / complex, what is the condition on eta, beta,
# sigma_i that keeps them stable?". The sets above read it as the eta in that regime that are stable; the
# conditional reading below asks, given the regime, which eta keep the eigenvalues inside the unit circle.

def repeated_root_stable_eta_set(beta: Any, sigma_sq: Any) -> sympy.Set:
    """HW2 Q2(d), the conditional reading: a repeated eigenvalue is tr/2 = 1 - beta/2 - eta beta sigma^2, stable
    iff |tr/2| < 1, i.e. 0 < eta < (4 - beta)/(2 beta sigma^2) for eta > 0 (open: there tr/2 = -1)."""
    (beta, sigma_sq) = backend.to_sympy(beta, sigma_sq)
    return sympy.Interval.open(0, (4 - beta) / (2 * beta * sigma_sq))


def real_roots_stable_eta_set(beta: Any, sigma_sq: Any) -> sympy.Set:
    """HW2 Q2(e), the conditional reading: real roots of lambda^2 - tr lambda + (1 - beta) are both in (-1, 1)
    iff 1 - tr + (1 - beta) > 0 (eta > 0) and 1 + tr + (1 - beta) > 0 (eta < (2 - beta)/(beta sigma^2)), since
    their product 1 - beta is in (0, 1): the open (0, (2 - beta)/(beta sigma^2)), where an eigenvalue is -1 at
    the top."""
    return stable_eta_set(beta, sigma_sq)


def complex_roots_stable_eta_set(beta: Any, sigma_sq: Any) -> sympy.Set:
    """HW2 Q2(f), the conditional reading: complex roots have modulus sqrt(det R) = sqrt(1 - beta), below 1
    whenever 0 < beta < 2, whatever eta: every eta > 0 (so ``eta > 0`` and ``0 < beta < 2`` both say it)."""
    return sympy.Interval.open(0, sympy.oo)


def max_eta_repeated(beta: Any, sigma_sq: Any) -> Any:
    """HW2 Q2: the largest eta with repeated eigenvalues, eta_hi = (1 + sqrt(1-beta))^2/(2 beta sigma^2)
    (attained: the eigenvalue -sqrt(1 - beta) is a double root there)."""
    return repeated_eta(beta, sigma_sq)[1]


def max_eta_real_stable(beta: Any, sigma_sq: Any) -> Any:
    """HW2 Q2: (2 - beta)/(beta sigma^2), the supremum of stable eta with real eigenvalues.

    Not attained: there the smaller eigenvalue is exactly -1. It exceeds eta_hi by
    (1 - sqrt(1 - beta))^2/(2 beta sigma^2) > 0, so the real stable range above eta_hi is non-empty.
    """
    return (2 - beta) / (beta * sigma_sq)


def max_eta_complex(beta: Any, sigma_sq: Any) -> Any:
    """HW2 Q2: the supremum eta_hi of the complex regime (open: at eta_hi the roots are repeated)."""
    return repeated_eta(beta, sigma_sq)[1]


def spectral_radius(eta: Any, beta: Any, sigma_sqs: Iterable[Any]) -> Any:
    """HW2 Q2: max over the singular values of the spectral radius of R_i (the worst rate)."""
    moduli = [backend.absolute(root) for s in sigma_sqs for root in eigenvalues(eta, beta, s)]
    return backend.maximum(*moduli)


def optimal_eta_set(beta: Any, sigma_sq_max: Any, sigma_sq_min: Any) -> tuple[Any, Any]:
    """HW2 Q2: the closed interval (lo, hi) of eta minimising the worst rate.

    It is [eta_lo(sigma_min^2), eta_hi(sigma_max^2)] when that is non-empty (the worst rate is then
    sqrt(1 - beta)). Otherwise (condition number sigma_max^2/sigma_min^2 above
    ((1 + sqrt(1-beta))/(1 - sqrt(1-beta)))^2) the minimiser is the single eta where the two
    extreme rates cross, found by bisection (floats only) and returned as (eta, eta).
    """
    lo = repeated_eta(beta, sigma_sq_min)[0]
    hi = repeated_eta(beta, sigma_sq_max)[1]
    if backend.compare(lo, hi) <= 0:
        return lo, hi
    if backend.is_symbolic(beta, sigma_sq_max, sigma_sq_min):
        raise ValueError("the crossing point has no closed form; pass numbers")
    crossing = _bisect(
        lambda eta: spectral_radius(eta, beta, [sigma_sq_max]) - spectral_radius(eta, beta, [sigma_sq_min]),
        float(hi),
        float(lo),
    )
    return crossing, crossing


def optimal_momentum_rate(beta: Any, sigma_sq_max: Any, sigma_sq_min: Any) -> Any:
    """HW2 Q2: the smallest achievable worst rate: sqrt(1 - beta) when the optimal set is an interval."""
    lo, hi = optimal_eta_set(beta, sigma_sq_max, sigma_sq_min)
    if backend.compare(lo, hi) < 0:
        return backend.sqrt(1 - beta)
    return spectral_radius(lo, beta, [sigma_sq_max, sigma_sq_min])


def simulate_momentum(
    eta: float,
    beta: float,
    sigma_sqs: Sequence[float],
    x0: Sequence[float],
    a0: Sequence[float] | None = None,
    steps: int = 100,
) -> np.ndarray:
    """HW2 Q2: iterate [a, x] <- R_i [a, x] for every direction; returns x_t, shape (steps + 1, n).

    ``a0`` defaults to zero (the momentum buffer z_0 = 0).
    """
    matrices = [momentum_matrix(eta, beta, s) for s in sigma_sqs]
    state = np.array([np.zeros(len(x0)) if a0 is None else a0, x0], dtype=float)
    xs = [state[1].copy()]
    for _ in range(steps):
        state = np.stack([m @ state[:, i] for i, m in enumerate(matrices)], axis=1)
        xs.append(state[1].copy())
    return np.array(xs)


def iteration_readings(rate: float, fraction: float = ITERATION_FRACTION) -> dict[str, int]:
    """HW2 Q2: iteration counts to get "within 99.9% of the optimum" from a per-step rate.

    * ``distance_ceil``: smallest T with rate^T <= fraction, i.e. |x_T| <= 0.001 |x_0|
      (T >= bound with bound = log(fraction)/log(rate));
    * ``distance_strict``: smallest T > bound (differs from the ceiling only for an integer bound);
    * ``distance_rounded``: the bound rounded to the nearest integer ("about 131 iterations");
    * ``loss_*``: the same for the loss gap, which shrinks at rate^2 (half the bound).
    """
    distance_bound = math.log(fraction) / math.log(rate)
    readings = {}
    for name, bound in (("distance", distance_bound), ("loss", distance_bound / 2)):
        readings[f"{name}_ceil"] = math.ceil(bound)
        readings[f"{name}_strict"] = math.floor(bound) + 1
        readings[f"{name}_rounded"] = round(bound)
    return readings


def simulated_readings(
    trajectory: np.ndarray, sigma_sqs: Sequence[float], fraction: float = ITERATION_FRACTION
) -> dict[str, int]:
    """HW2 Q2: from x_t (shape (T, n)), the first t after which, for good,
    * ``simulated_distance``: |x_t| <= fraction |x_0|;
    * ``simulated_each_direction``: |x_t[i]| <= fraction |x_0[i]| in every direction i (with x_0[i] != 0);
    * ``simulated_loss``: the loss gap sum_i sigma_i^2 x_i^2 is within ``fraction`` of its start.
    The trajectory must be long enough that its tail is inside the tolerance."""
    distance = np.linalg.norm(trajectory, axis=1)
    loss_gap = trajectory**2 @ np.asarray(sigma_sqs, dtype=float)
    moving = trajectory[0] != 0
    each = (np.abs(trajectory[:, moving]) / np.abs(trajectory[0, moving])).max(axis=1)
    return {
        "simulated_distance": _settling_time(distance / distance[0], fraction),
        "simulated_each_direction": _settling_time(each, fraction),
        "simulated_loss": _settling_time(loss_gap / loss_gap[0], fraction),
    }


MAX_SIMULATED_STEPS = 50_000  # a simulation 4 times the rate bound, for any eta whose bound stays below this


def momentum_readings_at(
    eta: float, beta: float = 0.1, sigma_sq_max: float = 5.0, sigma_sq_min: float = 0.05
) -> dict[str, int]:
    """HW2 Q2: every reading for momentum at a given step size ``eta``: the rate readings of its worst
    spectral radius over both directions, and the simulated ones from the documented start z_0 = 0,
    w_0 - w* = v_max + v_min (unit error along both singular directions). The simulated readings are
    left out where 4 times the rate bound exceeds MAX_SIMULATED_STEPS. ValueError where momentum does not
    converge at ``eta`` (eta <= 0, or eta >= (2 - beta)/(beta sigma_max^2)).

    At eta = 0.30 (inside the optimal set): 131 and 132 from the rate sqrt(0.9), 66 for the loss; the distance
    stays within 0.1% from t = 128 on, every direction from t = 129, the loss gap from t = 67."""
    sigma_sqs = [sigma_sq_max, sigma_sq_min]
    if not 0 < eta < max_eta_real_stable(beta, max(sigma_sqs)):
        raise ValueError(f"momentum does not converge at eta = {eta}")
    rate = float(spectral_radius(eta, beta, sigma_sqs))
    if rate >= 1:
        raise ValueError(f"momentum does not converge at eta = {eta} (spectral radius {rate:.6g})")
    readings = iteration_readings(rate)
    steps = 4 * readings["distance_ceil"]
    if steps > MAX_SIMULATED_STEPS:
        return readings
    trajectory = simulate_momentum(eta, beta, sigma_sqs, [1.0, 1.0], steps=steps)
    return readings | simulated_readings(trajectory, sigma_sqs)


def momentum_readings(
    beta: float = 0.1, sigma_sq_max: float = 5.0, sigma_sq_min: float = 0.05
) -> dict[str, int]:
    """HW2 Q2: every reading for momentum at its optimal step size: ``momentum_readings_at``
    eta = sqrt(lo * hi), the geometric middle of the optimal interval (= 1.0 for the homework's numbers);
    the rate bound holds for every start and eta in the set, at the optimal rate."""
    lo, hi = optimal_eta_set(beta, sigma_sq_max, sigma_sq_min)
    return momentum_readings_at(math.sqrt(lo * hi), beta, sigma_sq_max, sigma_sq_min)


def iteration_counts_momentum_at(
    eta: float, beta: float = 0.1, sigma_sq_max: float = 5.0, sigma_sq_min: float = 0.05
) -> frozenset[int]:
    """HW2 Q2(g), error carried forward: every defensible count for momentum at the student's own eta
    (values of ``momentum_readings_at``); {66, 67, 128, 129, 131, 132} at eta = 0.30."""
    return frozenset(momentum_readings_at(eta, beta, sigma_sq_max, sigma_sq_min).values())


def gd_readings(sigma_sq_max: float = 5.0, sigma_sq_min: float = 0.05) -> dict[str, int]:
    """HW2 Q2: every reading for plain GD at its optimal eta = 1/(sigma_max^2 + sigma_min^2), rate
    (sigma_max^2 - sigma_min^2)/(sigma_max^2 + sigma_min^2); simulated from w_0 - w* = v_max + v_min."""
    sigma_l, sigma_s = math.sqrt(sigma_sq_max), math.sqrt(sigma_sq_min)
    eta = gd_scalar.optimal_eta(sigma_l, sigma_s)
    rate = gd_scalar.optimal_rate(sigma_l, sigma_s)
    steps = 4 * iteration_readings(rate)["distance_ceil"]
    factors = np.array([gd_scalar.step_factor(eta, s) for s in (sigma_l, sigma_s)])
    trajectory = factors[np.newaxis, :] ** np.arange(steps + 1)[:, np.newaxis]
    return iteration_readings(rate) | simulated_readings(trajectory, [sigma_sq_max, sigma_sq_min])


def iteration_counts_momentum(
    beta: float = 0.1, sigma_sq_max: float = 5.0, sigma_sq_min: float = 0.05
) -> frozenset[int]:
    """HW2 Q2: every defensible answer for momentum (values of ``momentum_readings``);
    {65, 66, 126, 131, 132} for the homework's numbers."""
    return frozenset(momentum_readings(beta, sigma_sq_max, sigma_sq_min).values())


def iteration_counts_gd(sigma_sq_max: float = 5.0, sigma_sq_min: float = 0.05) -> frozenset[int]:
    """HW2 Q2: every defensible answer for plain GD (values of ``gd_readings``);
    {173, 345, 346} for the homework's numbers."""
    return frozenset(gd_readings(sigma_sq_max, sigma_sq_min).values())


def _settling_time(ratios: np.ndarray, fraction: float) -> int:
    outside = np.nonzero(ratios > fraction)[0]
    if len(outside) and outside[-1] == len(ratios) - 1:
        raise ValueError("trajectory too short: it ends outside the tolerance")
    return int(outside[-1]) + 1 if len(outside) else 0


def _bisect(function: Callable[[float], float], low: float, high: float, iterations: int = 200) -> float:
    """Root of an increasing function on [low, high] (function(low) <= 0 <= function(high))."""
    for _ in range(iterations):
        middle = (low + high) / 2
        if function(middle) > 0:
            high = middle
        else:
            low = middle
    return (low + high) / 2
