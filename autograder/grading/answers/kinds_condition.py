"""A condition on one variable, judged as a solution set over the variable's domain.

For example, gradient descent on mu (w - w*)^2 / 3 is stable iff |1 - 2 eta mu / 3| < 1, i.e. the
solution set is (0, 3/mu). With eta declared on (0, inf), ``eta < 3/mu``, ``0 < eta < 3/mu``,
``(0, 3/mu)`` and ``|1 - 2 eta mu / 3| < 1`` are all this set. A
boundary of the wrong strictness is graded by the question's policy: "exact" or "lenient", except at
the ends listed in ``lenient_at`` (where either strictness is right); ``ends_reason`` tells the student
why an end is open or closed (at 3/mu the factor is -1: no convergence).
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..outcome import Outcome, correct, wrong
from . import notes
from .build import check_names
from .conditions import Predicate, set_pieces, to_predicate
from .equivalence import check_declared
from .kind_base import UNDECIDED, AnswerKind
from .kinds_scalar import first_mistake
from .mistakes import Mistake
from .parse import read_answer
from .set_compare import SetComparison, compare_sets
from .symbols import Scope, Symbol
from .tree import Group, Sequence

POLICIES = ("exact", "lenient")


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

    def __post_init__(self) -> None:
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
        return to_predicate(check_names(node, scope), scope, self.variable.sym)

    def judge(self, predicate: Predicate, expected: object) -> Outcome:
        target = self.expected if expected is None else expected
        comparison = self.compare(predicate, target)
        if not comparison.decided:
            return UNDECIDED
        if comparison.same:
            return correct()
        if comparison.boundary_only:
            graded = [includes for end, includes in comparison.ends if end not in self.lenient_at]
            if self.strict == "lenient" or not graded:
                return correct(notes.CORRECT_LENIENT_BOUNDARY)
            why = f": {self.ends_reason}" if self.ends_reason else ""
            if graded[0]:
                return wrong(notes.WRONG_BOUNDARY_NOT_STRICT, f"your boundary is not strict{why}")
            return wrong(notes.WRONG_BOUNDARY_STRICT,
                         f"your boundary is strict, but the endpoint belongs to the set{why}")

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
