"""Weight initialisation of ``FullyConnectedNet`` and the Solver's gradient-norm log.

HW2 Q5. Layer sizes are dims = [input_dim, *hidden_dims, num_classes]; layer i has W_i of shape
(dims[i-1], dims[i]) and b_i = 0. The three schemes draw W_i from

* "random": N(0, weight_scale^2);
* "he":     N(0, 2/fan_in) with fan_in = dims[i-1] (He et al., fan-in mode for ReLU);
* "zero":   all zeros.

The Solver logs, per step, the mean over all parameter arrays (every W and b) of each gradient's
Euclidean norm.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np

Initialization = Literal["random", "he", "zero"]


def he_std(fan_in: int) -> float:
    """HW2 Q5: He (fan-in, ReLU) standard deviation sqrt(2/fan_in)."""
    return math.sqrt(2.0 / fan_in)


def layer_dims(hidden_dims: Sequence[int], input_dim: int, num_classes: int) -> list[int]:
    """HW2 Q5: [input_dim, *hidden_dims, num_classes]."""
    return [int(input_dim), *(int(h) for h in hidden_dims), int(num_classes)]


def init_params(
    hidden_dims: Sequence[int],
    input_dim: int = 3 * 32 * 32,
    num_classes: int = 10,
    weight_scale: float = 1e-2,
    dtype: type = np.float32,
    initialization: Initialization = "random",
    rng: np.random.Generator | None = None,
) -> dict[str, np.ndarray]:
    """HW2 Q5: parameters W1..WL, b1..bL under one scheme, cast to ``dtype``.

    Draws come from ``rng`` (a fresh default generator when None), so they will not match the
    course's ``np.random.randn`` stream: compare distributions, not values.
    """
    if initialization not in ("random", "he", "zero"):
        raise ValueError(f"unknown initialization {initialization!r}")
    rng = np.random.default_rng() if rng is None else rng
    dims = layer_dims(hidden_dims, input_dim, num_classes)
    params: dict[str, np.ndarray] = {}
    for layer, (fan_in, fan_out) in enumerate(zip(dims[:-1], dims[1:]), start=1):
        std = {"random": weight_scale, "he": he_std(fan_in), "zero": 0.0}[initialization]
        params[f"W{layer}"] = (rng.standard_normal((fan_in, fan_out)) * std).astype(dtype)
        params[f"b{layer}"] = np.zeros(fan_out, dtype=dtype)
    return params


def grad_norm_mean(grads: Mapping[str, np.ndarray]) -> float:
    """HW2 Q5 (Solver._step): mean over all gradient arrays of ||g.ravel()||_2."""
    return float(np.mean([np.linalg.norm(np.ravel(g)) for g in grads.values()]))


def std_tolerance(n_samples: int, z: float = 6.0) -> float:
    """Relative tolerance for a sample standard deviation of ``n_samples`` normal draws.

    For normal data the sample std s has sd(s) ~ sigma / sqrt(2 n) (delta method on
    Var(s^2) = 2 sigma^4/(n - 1)), so |s/sigma - 1| <= z/sqrt(2 n) fails with probability about
    2 Phi(-z) (~2e-9 for z = 6).
    """
    return z / math.sqrt(2.0 * n_samples)
