"""Compare a student's condition with an expected solution set, numerically and exactly.

For each sampled value of the other symbols, both sets are tested at points on either side of
every endpoint (expected ones, ones the student wrote, and roots of the student's relations),
between and beyond them, and at random; a difference seen in floats is confirmed at 50 digits.
Each expected endpoint, and each bound the student wrote, is also tested exactly (at 50 digits),
so that a boundary that is not strict (``<=`` for ``<``) is told apart from a wrong set.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import sympy

from .budget import check_time
from .conditions import Piece, Predicate, atoms, direct_bounds, holds, pieces_contain
from .numeric import FLOAT, PRECISE, NotANumber, close, evaluate, is_real
from .sampling import SEED, in_system, sample_points, sample_value
from .symbols import Symbol

NEAR = 1e-6  # relative distance of the points tested on either side of an endpoint
PARAMETER_POINTS = 6
MIN_PARAMETER_POINTS = 3
RANDOM_POINTS = 4
BISECTIONS = 45
GAP_FRACTIONS = (1e-3, 0.25, 0.5, 0.75, 1 - 1e-3)  # points tested between two anchors
FAR_FACTORS = (0.5, 9.0, 1e3, 1e6)  # distances beyond the outermost anchor, in its own scale


@dataclass(frozen=True)
class SetComparison:
    """``same``: equal at every tested point; ``boundary_only``: different only exactly at
    endpoints of the expected intervals: ``ends`` lists them as (endpoint, the student's set includes it),
    and ``includes_endpoint`` says which way the first one differs."""

    decided: bool
    same: bool = False
    boundary_only: bool = False
    ends: tuple[tuple[sympy.Expr, bool], ...] = ()

    @property
    def includes_endpoint(self) -> bool:
        return bool(self.ends) and self.ends[0][1]


def compare_sets(predicate: Predicate, pieces: tuple[Piece, ...], variable: Symbol,
                 parameters: tuple[Symbol, ...]) -> SetComparison:
    """Compare the student's set with the expected one at sampled values of ``parameters``."""
    usable = 0
    endpoint_differences: list[tuple[sympy.Expr, bool]] = []
    for point in sample_points(parameters, PARAMETER_POINTS):
        check_time()
        endpoints = _endpoints(pieces, point, variable)
        if endpoints is None:
            continue
        usable += 1
        anchors = sorted({value for _, value in endpoints} | set(_student_bounds(predicate, point, variable)))
        tests = _test_values(anchors, variable)
        tests += _near(_roots(predicate, point, variable, sorted(set(tests) | set(anchors))), variable)
        if any(_differs_at(predicate, pieces, point, variable, value) for value in tests):
            return SetComparison(decided=True)
        for expr, value in endpoints:
            difference = _endpoint_difference(predicate, pieces, point, variable, expr, value)
            if difference == "interior":
                return SetComparison(decided=True)
            if difference is not None:
                endpoint_differences.append((expr, difference == "includes"))
        if any(_differs_exactly(predicate, pieces, point, variable, bound)
               for bound in direct_bounds(predicate, variable.sym)
               if not _is_expected_endpoint(bound, endpoints, point)):
            return SetComparison(decided=True)
    if usable < MIN_PARAMETER_POINTS:
        return SetComparison(decided=False)
    if not endpoint_differences:
        return SetComparison(decided=True, same=True)
    return SetComparison(decided=True, boundary_only=True, ends=tuple(dict.fromkeys(endpoint_differences)))


def _inside(value: float, variable: Symbol) -> bool:
    low, high = variable.interval
    return (low is None or value > low) and (high is None or value < high)


def _endpoints(pieces: tuple[Piece, ...], point: dict, variable: Symbol) -> list[tuple[sympy.Expr, float]] | None:
    """The finite expected endpoints inside the domain, as (expression, float); None when an
    endpoint has no real value at this point (the point says nothing)."""
    found = []
    for piece in pieces:
        for end in (piece.low, piece.high):
            if end in (sympy.oo, sympy.S.NegativeInfinity):
                continue
            try:
                value = evaluate(end, point, FLOAT)
            except NotANumber:
                return None
            if not is_real(value, FLOAT):
                return None
            if _inside(value.real, variable):
                found.append((end, value.real))
    return found


def _student_bounds(predicate: Predicate, point: dict, variable: Symbol) -> list[float]:
    values = []
    for bound in direct_bounds(predicate, variable.sym):
        try:
            value = evaluate(bound, point, FLOAT)
        except NotANumber:
            continue
        if is_real(value, FLOAT) and _inside(value.real, variable):
            values.append(value.real)
    return values


def _test_values(anchors: list[float], variable: Symbol) -> list[float]:
    """Points on both sides of each anchor, between anchors, beyond them, and at random."""
    low, high = variable.interval
    if not anchors:
        anchors = [sample_value(variable.interval, random.Random(SEED))]
    values = _near(anchors, variable)
    for a, b in zip(anchors, anchors[1:]):
        values += [a + (b - a) * fraction for fraction in GAP_FRACTIONS]
    first, last = anchors[0], anchors[-1]
    if high is None:
        values += [last + (abs(last) or 1.0) * factor for factor in FAR_FACTORS]
    else:
        values += [last + (high - last) * fraction for fraction in GAP_FRACTIONS]
    if low is None:
        values += [first - (abs(first) or 1.0) * factor for factor in FAR_FACTORS]
    else:
        values += [first - (first - low) * fraction for fraction in GAP_FRACTIONS]
    rng = random.Random(SEED)
    values += [sample_value(variable.interval, rng) for _ in range(RANDOM_POINTS)]
    return [value for value in values if _inside(value, variable)]


def _near(anchors: list[float], variable: Symbol) -> list[float]:
    scale = max((abs(anchor) for anchor in anchors), default=1.0) or 1.0
    values = []
    for anchor in anchors:
        step = abs(anchor) * NEAR if anchor else scale * NEAR
        values += [anchor - step, anchor + step]
    return [value for value in values if _inside(value, variable)]


def _roots(predicate: Predicate, point: dict, variable: Symbol, grid: list[float]) -> list[float]:
    """Where a relation that does not isolate the variable (``|1 - 2 eta sigma^2| < 1``) changes
    sign between grid points, found by bisection: the student's own endpoints."""
    roots = []
    for atom in atoms(predicate):
        if variable.sym in (atom.lhs, atom.rhs):
            continue
        difference = atom.lhs - atom.rhs
        signs = [(value, _sign(difference, point, variable, value)) for value in grid]
        for (a, sign_a), (b, sign_b) in zip(signs, signs[1:]):
            if sign_a and sign_b and sign_a != sign_b:
                roots.append(_bisect(difference, point, variable, a, b, sign_a))
    return roots


def _sign(difference: sympy.Expr, point: dict, variable: Symbol, value: float) -> int:
    try:
        number = evaluate(difference, {**point, variable.sym.name: value}, FLOAT)
    except NotANumber:
        return 0
    if not is_real(number, FLOAT) or number.real == 0:
        return 0
    return 1 if number.real > 0 else -1


def _bisect(difference: sympy.Expr, point: dict, variable: Symbol, a: float, b: float, sign_a: int) -> float:
    for _ in range(BISECTIONS):
        middle = (a + b) / 2
        if _sign(difference, point, variable, middle) == sign_a:
            a = middle
        else:
            b = middle
    return (a + b) / 2


def _differs_at(predicate: Predicate, pieces: tuple[Piece, ...], point: dict, variable: Symbol, value: float) -> bool:
    """The sets differ at ``value`` (seen in floats, confirmed at 50 digits)."""
    for system in (FLOAT, PRECISE):
        at = in_system({**point, variable.sym.name: value}, system)
        if pieces_contain(pieces, at[variable.sym.name], at, system) == holds(predicate, at, system):
            return False
    return True


def _is_expected_endpoint(bound: sympy.Expr, endpoints: list[tuple[sympy.Expr, float]], point: dict) -> bool:
    try:
        value = evaluate(bound, point, FLOAT)
    except NotANumber:
        return False
    return any(close(value, endpoint, FLOAT) for _, endpoint in endpoints)


def _differs_exactly(predicate: Predicate, pieces: tuple[Piece, ...], point: dict, variable: Symbol,
                     bound: sympy.Expr) -> bool:
    """The sets differ exactly at a bound the student wrote (``eta = 5`` adds the point 5)."""
    at: dict[str, Any] = in_system(point, PRECISE)
    try:
        value = evaluate(bound, at, PRECISE)
    except NotANumber:
        return False
    if not (is_real(value, PRECISE) and _inside(float(value.real), variable)):
        return False
    at[variable.sym.name] = value.real
    return pieces_contain(pieces, value.real, at, PRECISE) != holds(predicate, at, PRECISE)


def _endpoint_difference(predicate: Predicate, pieces: tuple[Piece, ...], point: dict,
                         variable: Symbol, end: sympy.Expr, value: float) -> str | None:
    """At an expected endpoint (exactly, at 50 digits): None when both sets agree there;
    "includes"/"excludes" when the student's set wrongly includes/excludes the end of an
    interval; "interior" when the point is not the end of an interval (a missing point)."""
    at: dict[str, Any] = in_system(point, PRECISE)
    at[variable.sym.name] = evaluate(end, at, PRECISE).real
    expected_in = pieces_contain(pieces, at[variable.sym.name], at, PRECISE)
    if expected_in == holds(predicate, at, PRECISE):
        return None
    sides = [pieces_contain(pieces, side, point, FLOAT) for side in _near([value], variable)]
    if len(sides) != 2 or sides[0] == sides[1]:
        return "interior"
    return "excludes" if expected_in else "includes"
