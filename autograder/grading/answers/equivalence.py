"""Are two expressions (or lists of them) equal on the declared domain?

Both sides are evaluated at seeded random points of the domain. A difference seen in floats is
confirmed at 50 digits before it counts, so float round-off never makes a right answer wrong; 10
agreeing points make it the same (a wrong formula agrees at random points with probability ~0).
"""
from __future__ import annotations

import enum
from typing import Sequence

import sympy

from .budget import check_time, time_budget
from .errors import CheckTimeout, DeclarationError
from .numeric import FLOAT, PRECISE, NotANumber, NumberSystem, close, evaluate
from .sampling import in_system, sample_points
from .symbols import Symbol

AGREEING_POINTS = 10  # points that must agree
MIN_POINTS = 4  # fewer defined points than this: undecided
MAX_POINTS = 30  # points tried, including those where the expected value is undefined
SYMBOLIC_SECONDS = 0.2
SYMBOLIC_MAX_OPS = 40
SYMBOLIC_MAX_EXPONENT = 8


class Verdict(enum.Enum):
    SAME = "same"
    DIFFERENT = "different"
    UNDECIDED = "undecided"


def compare_values(student: Sequence[sympy.Expr], expected: Sequence[sympy.Expr],
                   symbols: Sequence[Symbol], unordered: bool = False) -> Verdict:
    """Whether ``student`` equals ``expected`` item by item (or as multisets when ``unordered``)
    at sampled points of the domain of ``symbols``."""
    check_declared(expected, symbols)
    if len(student) != len(expected):
        return Verdict.DIFFERENT
    agreeing = 0
    for point in sample_points(symbols, MAX_POINTS):
        check_time()
        verdict = _compare_at(student, expected, point, unordered, FLOAT)
        if verdict is Verdict.DIFFERENT:
            verdict = _compare_at(student, expected, point, unordered, PRECISE)
        if verdict is Verdict.DIFFERENT:
            return Verdict.DIFFERENT
        if verdict is Verdict.SAME:
            agreeing += 1
            if agreeing == AGREEING_POINTS:
                return Verdict.SAME
    return Verdict.SAME if agreeing >= MIN_POINTS else Verdict.UNDECIDED


def symbolically_equal(student: sympy.Expr, expected: sympy.Expr) -> bool:
    """Cheap symbolic confirmation: the same canonical form, or a difference that cancels to 0
    within a small time and size budget (False when unsure)."""
    if student == expected:
        return True
    if sympy.count_ops(student) + sympy.count_ops(expected) > SYMBOLIC_MAX_OPS or \
            _has_high_power(student) or _has_high_power(expected):
        return False
    try:
        with time_budget(SYMBOLIC_SECONDS) as budget:
            return sympy.cancel(student - expected) == 0
    except CheckTimeout as timeout:
        if timeout.budget is not budget:
            raise
        return False


def _has_high_power(expr: sympy.Expr) -> bool:
    """Expanding x^n for a large n is slow (and cannot be interrupted off the main thread)."""
    return any(power.exp.is_Number and abs(power.exp) > SYMBOLIC_MAX_EXPONENT
               for power in expr.atoms(sympy.Pow))


def check_declared(expressions: Sequence[sympy.Basic], symbols: Sequence[Symbol]) -> None:
    """A declaration error (not the student's): the expected value uses undeclared symbols."""
    declared = {symbol.sym.name for symbol in symbols}
    used = {symbol.name for expression in expressions for symbol in expression.free_symbols}
    if not used <= declared:
        raise DeclarationError(f"expected value uses undeclared symbols {sorted(used - declared)}")


def _compare_at(student: Sequence[sympy.Expr], expected: Sequence[sympy.Expr], point: dict,
                unordered: bool, system: NumberSystem) -> Verdict:
    values = in_system(point, system)
    try:
        wanted = [evaluate(item, values, system) for item in expected]
    except NotANumber:
        return Verdict.UNDECIDED  # the expected value is undefined here: this point says nothing
    try:
        given = [evaluate(item, values, system) for item in student]
    except NotANumber:
        return Verdict.DIFFERENT
    if not unordered:
        same = all(close(a, b, system) for a, b in zip(given, wanted))
        return Verdict.SAME if same else Verdict.DIFFERENT
    unused = list(given)
    for value in wanted:
        match = next((k for k, candidate in enumerate(unused) if close(candidate, value, system)), None)
        if match is None:
            return Verdict.DIFFERENT
        unused.pop(match)
    return Verdict.SAME
