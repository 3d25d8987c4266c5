"""Timing on a shared, noisy machine: sides measured in alternating order within one run, medians,
percentiles, and a linear fit for "does the cost stay linear"."""
from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass
from typing import Callable, Mapping, TypeVar

T = TypeVar("T")


def side_by_side(sides: Mapping[str, Callable[[int], T]], rounds: int) -> dict[str, list[T]]:
    """Run every side once per round, reversing the order every other round (A B, B A, A B, ...), so
    that a slow spell of the machine falls on all sides alike. Each side is called with the round's
    index and returns its own measurement."""
    names = list(sides)
    measured: dict[str, list[T]] = {name: [] for name in names}
    for round_index in range(rounds):
        for name in names if round_index % 2 == 0 else reversed(names):
            measured[name].append(sides[name](round_index))
    return measured


def seconds(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``q`` percent of the values at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class LinearFit:
    """Least squares ``y = intercept + slope x`` with its coefficient of determination, and the growth
    factor per doubling of x between the two largest sizes (2 for pure proportional cost, less with a
    fixed part, more than 2 for superlinear cost)."""

    slope: float
    intercept: float
    r_squared: float
    per_doubling: float


def linear_fit(xs: list[float], ys: list[float]) -> LinearFit:
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx
    intercept = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for y in ys)
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys))
    (x1, y1), (x2, y2) = sorted(zip(xs, ys))[-2:]
    per_doubling = (y2 / y1) ** (1 / math.log2(x2 / x1))
    return LinearFit(slope, intercept, 1 - residual / total if total > 0 else 1.0, per_doubling)
