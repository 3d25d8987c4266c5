"""A condition on one variable, judged as a solution set over the variable's domain.

For example, gradient descent on mu (w - w*)^2 / 3 is stable iff |1 - 2 eta mu / 3| < 1, i.e. the
solution set is (0, 3/mu). With eta declared on (0, inf), ``eta < 3/mu``, ``0 < eta < 3/mu``,
``(0, 3/mu)`` and ``|1 - 2 eta mu / 3| < 1`` are all this set. A
boundary of the wrong strictness is graded by the question's policy: "exact" or "lenient", except at
the ends listed in ``lenient_at`` (where either strictness is right); ``ends_reason`` tells the student
why an end is open or closed (at 3/mu the factor is -1: no convergence).

A question that admits two readings (HW2 Q2(d)-(f): the eta in a regime that are stable, or, given the
regime, what keeps it stable) names the first as ``reading`` and declares the second as ``other_reading``:
an answer equal to either set is right, and the feedback says which reading it was read as; each reading's
ends are graded by its own ``lenient_at`` and ``ends_reason``.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..outcome import Outcome, correct, wrong
from . import notes
from .build import check_names
from .conditions import Predicate, set_pieces, to_predicate
from .equivalence import check_declared
from .errors import DeclarationError
from .kind_base import UNDECIDED, AnswerKind
from .kinds_scalar import first_mistake
from .mistakes import Mistake
from .parse import read_answer
from .set_compare import SetComparison, compare_sets
from .symbols import Scope, Symbol
from .tree import Group, Sequence

POLICIES = ("exact", "lenient")


@dataclass(frozen=True)
class Reading:
    """One reading of a question that admits two: ``name`` says it in the feedback ("the stable eta in the
    repeated regime"); ``expected``, ``lenient_at`` and ``ends_reason`` are that reading's set and ends."""

    name: str
    expected: sympy.Set
    lenient_at: tuple[sympy.Expr, ...] = ()
    ends_reason: str = ""


@dataclass(frozen=True)
class Condition(AnswerKind):
    """A condition on ``variable`` whose solution set (within the variable's domain) is
    ``expected``; ``strict`` is the boundary policy: "exact" or "lenient". ``lenient_at``: ends of
    ``expected`` (the same expressions) whose strictness is not graded under "exact"; ``ends_reason``:
    the mathematics behind the ends, added to a wrong-boundary message."""

    variable: Symbol
    expected: sympy.Set
    symbols: tuple[Symbol, ...] = ()
    strict: str = "exact"
    mistakes: tuple[Mistake, ...] = ()
    lenient_at: tuple[sympy.Expr, ...] = ()
    ends_reason: str = ""
    reading: str = ""
    other_reading: Reading | None = None
    parameters_only: bool = False

    def __post_init__(self) -> None:
        if (self.other_reading is None) != (not self.reading):
            raise DeclarationError("a second reading needs the first one named: give both reading and other_reading")
        if self.strict not in POLICIES:
            raise ValueError(f"strict must be one of {POLICIES}, got {self.strict!r}")

    @property
    def parameters(self) -> tuple[Symbol, ...]:
        return tuple(symbol for symbol in self.symbols if symbol.name != self.variable.name)

    def read(self, answer: object) -> Predicate:
        node = read_answer(answer)
        if isinstance(answer, list) and isinstance(node, Group):
            node = Sequence(node.items, 0)  # a TOML list of conditions reads as a comma list (conditions.py)
        scope = Scope.of((self.variable, *self.parameters))
        return to_predicate(check_names(node, scope), scope, self.variable.sym, self.parameters_only)

    def judge(self, predicate: Predicate, expected: object) -> Outcome:
        target = self.expected if expected is None else expected
        readings = [Reading(self.reading, target, self.lenient_at, self.ends_reason)]
        if self.other_reading is not None and expected is None:
            readings.append(self.other_reading)
        for reading in readings:
            comparison = self.compare(predicate, reading.expected)
            if not comparison.decided:
                return UNDECIDED
            if comparison.same or comparison.boundary_only:
                return self.judge_ends(comparison, reading, named=len(readings) > 1)

        def matches(answer: object) -> bool:
            mistake = self.compare(predicate, answer)
            return mistake.same or mistake.boundary_only

        return first_mistake(self.mistakes, matches) or wrong(
            notes.WRONG, f"your condition does not give the right set of {self.variable.name} values")

    def judge_ends(self, comparison: SetComparison, reading: Reading, named: bool) -> Outcome:
        """The verdict on a set equal to ``reading``'s, perhaps but for its ends; ``named``: say which reading."""
        read_as = f" (read as {reading.name})" if named else ""
        graded = [includes for end, includes in comparison.ends if end not in reading.lenient_at]
        if comparison.same:
            return correct(message=f"Correct{read_as}.")
        if self.strict == "lenient" or not graded:
            return correct(notes.CORRECT_LENIENT_BOUNDARY, f"Correct{read_as}.")
        why = f": {reading.ends_reason}" if reading.ends_reason else ""
        if graded[0]:
            return wrong(notes.WRONG_BOUNDARY_NOT_STRICT, f"your boundary is not strict{read_as}{why}")
        return wrong(notes.WRONG_BOUNDARY_STRICT,
                     f"your boundary is strict, but the endpoint belongs to the set{read_as}{why}")

    def compare(self, predicate: Predicate, expected: sympy.Set) -> SetComparison:
        pieces = set_pieces(expected)
        check_declared([end for piece in pieces for end in (piece.low, piece.high)],
                       (self.variable, *self.parameters))
        return compare_sets(predicate, pieces, self.variable, self.parameters)
