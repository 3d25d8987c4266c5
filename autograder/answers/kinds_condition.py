"""A condition on one variable, compared with the expected solution set over the variable's domain.

HW2 Q1(a): stability of gradient descent needs 0 < eta < 1/sigma^2 (the solution set of
|1 - 2 eta sigma^2| < 1 ... for eta > 0 written as a set). With eta declared on (0, inf),
``eta < 1/sigma^2``, ``0 < eta < 1/sigma^2`` and ``(0, 1/sigma^2)`` are the same set.

For each sampled value of the other symbols, both sets are tested at points on either side of
every endpoint (expected ones, ones the student wrote, and roots of the student's relations),
between and beyond them, and at random; a difference is confirmed at 50 digits. Each expected
endpoint itself is tested at 50 digits, so that a boundary that is not strict (``<=`` for ``<``)
is told apart from a wrong set, and graded by the question's policy: "exact" or "lenient".
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import sympy

from ..outcome import Outcome, correct, wrong
from . import notes
from .budget import check_time
from .conditions import Piece, Predicate, atoms, direct_bounds, holds, pieces_contain, set_pieces, to_predicate
from .equivalence import check_declared
from .kind_base import UNDECIDED, AnswerKind
from .kinds_scalar import first_mistake
from .mistakes import Mistake
from .numeric import FLOAT, PRECISE, NotANumber, evaluate, is_real
from .parse import read_answer
from .sampling import SEED, in_system, sample_points, sample_value
from .symbols import Scope, Symbol
from .tree import Group, Sequence

NEAR = 1e-6  # relative distance of the points tested on either side of an endpoint
PARAMETER_POINTS = 6
MIN_PARAMETER_POINTS = 3
RANDOM_POINTS = 4
BISECTIONS = 45
POLICIES = ("exact", "lenient")


@dataclass(frozen=True)
class SetComparison:
    """``same``: equal at every tested point; ``boundary_only``: different only exactly at
    endpoints of the expected intervals, where ``includes_endpoint`` says which way."""

    decided: bool
    same: bool = False
    boundary_only: bool = False
    includes_endpoint: bool = False


@dataclass(frozen=True)
class Condition(AnswerKind):
    """A condition on ``variable`` whose solution set (within the variable's domain) is
    ``expected``; ``strict`` is the boundary policy: "exact" or "lenient"."""

    variable: Symbol
    expected: sympy.Set
    symbols: tuple[Symbol, ...] = ()
    strict: str = "exact"
    mistakes: tuple[Mistake, ...] = ()

    def __post_init__(self) -> None:
        if self.strict not in POLICIES:
            raise ValueError(f"strict must be one of {POLICIES}, got {self.strict!r}")

    @property
    def parameters(self) -> tuple[Symbol, ...]:
        return tuple(symbol for symbol in self.symbols if symbol.name != self.variable.name)

    def read(self, answer: object) -> Predicate:
        node = read_answer(answer)
        if isinstance(answer, list) and isinstance(node, Group):
            node = Sequence(node.items, 0)  # a TOML list of conditions: all of them hold
        scope = Scope.of((self.variable, *self.parameters))
        return to_predicate(node, scope, self.variable.sym)

    def judge(self, predicate: Predicate, expected: object) -> Outcome:
        target = self.expected if expected is None else expected
        comparison = self.compare(predicate, target)
        if not comparison.decided:
            return UNDECIDED
        if comparison.same:
            return correct()
        if comparison.boundary_only:
            if self.strict == "lenient":
                return correct(notes.CORRECT_LENIENT_BOUNDARY)
            if comparison.includes_endpoint:
                return wrong(notes.WRONG_BOUNDARY_NOT_STRICT, "your boundary is not strict")
            return wrong(notes.WRONG_BOUNDARY_STRICT,
                         "your boundary is strict, but the endpoint belongs to the set")

        def matches(answer: object) -> bool:
            mistake = self.compare(predicate, answer)
            return mistake.same or mistake.boundary_only

        return first_mistake(self.mistakes, matches) or wrong(
            notes.WRONG, f"your condition does not give the right set of {self.variable.name} values")

    def compare(self, predicate: Predicate, expected: sympy.Set) -> SetComparison:
        pieces = set_pieces(expected)
        check_declared([end for piece in pieces for end in (piece.low, piece.high)],
                       (self.variable, *self.parameters))
        return compare_sets(predicate, pieces, self.variable, self.parameters)


def compare_sets(predicate: Predicate, pieces: tuple[Piece, ...], variable: Symbol,
                 parameters: tuple[Symbol, ...]) -> SetComparison:
    """Compare the student's set with the expected one at sampled values of ``parameters``."""
    usable = 0
    endpoint_differences: list[bool] = []
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
                endpoint_differences.append(difference == "includes")
    if usable < MIN_PARAMETER_POINTS:
        return SetComparison(decided=False)
    if not endpoint_differences:
        return SetComparison(decided=True, same=True)
    return SetComparison(decided=True, boundary_only=True, includes_endpoint=endpoint_differences[0])


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
        values += [a + (b - a) * f for f in (0.01, 0.5, 0.99)]
    first, last = anchors[0], anchors[-1]
    for factor in (0.5, 9.0, 1e3, 1e6):
        values.append(last + (abs(last) or 1.0) * factor if high is None else last + (high - last) * factor / 1e6)
        values.append(first - (abs(first) or 1.0) * factor if low is None else first - (first - low) * factor / 1e6)
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
