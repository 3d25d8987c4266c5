"""A condition on one variable, judged as a solution set over the variable's domain.

For example, gradient descent on mu (w - w*)^2 / 3 is stable iff |1 - 2 eta mu / 3| < 1, i.e. the
solution set is (0, 3/mu). With eta declared on (0, inf), ``eta < 3/mu``, ``0 < eta < 3/mu``,
``(0, 3/mu)`` and ``|1 - 2 eta mu / 3| < 1`` are all this set. A
boundary of the wrong strictness is graded by the question's policy: "exact" or "lenient".
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
