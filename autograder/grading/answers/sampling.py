"""Seeded random points of the declared domain: the same answer always gets the same verdict."""
from __future__ import annotations

import math
import random
from typing import Any, Mapping, Sequence

from .numeric import FLOAT, NumberSystem
from .symbols import Symbol

SEED = 182
UNBOUNDED_SPAN = (0.05, 20.0)  # distance from a finite end of an unbounded domain, log-uniform


def sample_value(interval: tuple[float | None, float | None], rng: random.Random) -> float:
    """A point strictly inside the open interval: uniform on a bounded one (away from the ends),
    log-uniform distance from the end of a half-line, symmetric log-uniform on the whole line."""
    low, high = interval
    if low is not None and high is not None:
        return low + (high - low) * rng.uniform(0.02, 0.98)
    distance = math.exp(rng.uniform(*(math.log(end) for end in UNBOUNDED_SPAN)))
    if low is not None:
        return low + distance
    if high is not None:
        return high - distance
    return distance if rng.random() < 0.5 else -distance


def sample_points(symbols: Sequence[Symbol], count: int, seed: int = SEED) -> list[dict[str, float]]:
    """``count`` points, each a value for every symbol (by sympy name)."""
    rng = random.Random(seed)
    return [{symbol.sym.name: sample_value(symbol.interval, rng) for symbol in symbols}
            for _ in range(count)]


def in_system(point: Mapping[str, float], system: NumberSystem) -> dict[str, Any]:
    """The same point as numbers of ``system`` (floats convert exactly to mpmath)."""
    if system is FLOAT:
        return dict(point)
    return {name: system.real(value) for name, value in point.items()}
