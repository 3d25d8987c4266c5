"""Answer kinds whose value is one number, one expression, or a list of expressions.

Examples: an iteration bound ``log(delta)/log|1 - 3 eta mu|`` (Expression, ``T > E`` also accepted where
declared), both roots of a quadratic (UnorderedList), any step size of a set of equally good ones (InSet),
an iteration count (Integer), ``mu = 2 lambda`` (Expression with a named left-hand side).

An Expression may be written as ``name op value`` with a declared ``relation_lhs`` name. "=" is always
accepted; another relation only when the question states it (``relations``, e.g. T > E or T >= E).
A relation the question does not state is a wrong claim, not an unreadable answer: ``T < E`` or
``mu > 2 lambda`` is wrong (note ``wrong.relation``) whatever its value side.

An Expression that is a bound E on an iteration count (``count_bound``) also takes the whole count
that the bound gives: ``ceil(E)`` or ``floor(E) + 1`` (the smallest T with T >= E, T > E), also stated as
``T >= ceil(E)`` or ``T > floor(E)``. A rounding that is one iteration off (``floor(E)``, ``T > ceil(E)``)
is wrong with note ``wrong.count_off_by_one``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

import sympy

from ..outcome import Outcome, correct, wrong
from . import notes
from .build import as_expr, check_names, stated_relation, to_expr, to_list, value_side
from .conditions import direct_bounds, holds, to_predicate
from .equivalence import Verdict, compare_values, symbolically_equal
from .errors import AnswerShapeError
from .kind_base import UNDECIDED, AnswerKind
from .mistakes import Mistake
from .numeric import FLOAT, NotANumber, evaluate, is_real
from .parse import read_answer
from .symbols import Scope, Symbol, spelling_key
from .tree import Group, Logic, Node, Relation, SetUnion

NOT_EQUIVALENT = "your answer is not equivalent to the expected one"
RELATIONS = ("=", "<", "<=", ">", ">=")
DIRECTION = {"<": -1, "<=": -1, ">": 1, ">=": 1}


def read_constant(answer: object) -> sympy.Expr:
    """An exact number answer: ``0.25``, ``1/4``, ``25%``, ``sqrt(2)/2``, ``eta = 0.25``."""
    scope = Scope.of()
    return to_expr(check_names(value_side(read_answer(answer)), scope), scope)


def real_value(value: sympy.Expr) -> float:
    """The real float value of a constant expression; AnswerShapeError when it has none."""
    try:
        number = evaluate(value, {}, FLOAT)
    except NotANumber:
        raise AnswerShapeError("your answer is not a finite number", notes.KIND) from None
    if not is_real(number, FLOAT):
        raise AnswerShapeError("your answer is not a real number", notes.KIND)
    return float(number.real)


def first_mistake(mistakes: Iterable[Mistake], matches) -> Outcome | None:
    """The Outcome of the first declared mistake the answer ``matches``, if any."""
    for mistake in mistakes:
        if matches(mistake.answer):
            return wrong(mistake.note, mistake.message)
    return None


def rounding_slack(end: float, sig_figs: int, limit: float | None = None) -> float:
    """How far outside a closed end a rounded answer may fall: half a unit of the ``sig_figs``-th
    significant figure of ``end``, but never more than half the distance to ``limit``, the nearest value
    beyond that end where the verdict changes (a regime boundary), so a tolerance never reaches it."""
    half_unit = 0.0 if end == 0 else 0.5 * 10 ** (math.floor(math.log10(abs(end))) - sig_figs + 1)
    return half_unit if limit is None else min(half_unit, abs(limit - end) / 2)


@dataclass(frozen=True)
class Number(AnswerKind):
    """A number within ``rtol``/``atol`` of ``value``; with ``sig_figs``, within half a unit of
    the last significant figure of ``value`` instead. The tolerance must stay below half the distance
    to every declared mistake, so that no answer is both right and a known mistake."""

    value: float
    rtol: float = 1e-3
    atol: float = 0.0
    sig_figs: int | None = None
    mistakes: tuple[Mistake, ...] = ()

    def __post_init__(self) -> None:
        for mistake in self.mistakes:
            if self.tolerance(self.value) >= abs(float(mistake.answer) - self.value) / 2:
                raise ValueError(f"the tolerance around {self.value} reaches half way to the mistake "
                                 f"{mistake.note} ({float(mistake.answer)})")

    def read(self, answer: object) -> float:
        return real_value(read_constant(answer))

    def judge(self, value: float, expected: object) -> Outcome:
        target = float(self.value if expected is None else expected)
        if self.matches(value, target):
            return correct()
        return first_mistake(self.mistakes, lambda answer: self.matches(value, float(answer))) or \
            wrong(notes.WRONG, "your number is not close enough to the expected value")

    def tolerance(self, target: float) -> float:
        if self.sig_figs is None:
            return self.atol + self.rtol * abs(target)
        return rounding_slack(target, self.sig_figs) * (1 + 1e-9)

    def matches(self, value: float, target: float) -> bool:
        if self.sig_figs is not None and target == 0:
            return value == 0
        return abs(value - target) <= self.tolerance(target)


@dataclass(frozen=True)
class Integer(AnswerKind):
    """A whole number from a declared set of accepted values (every defensible reading)."""

    accepted: frozenset[int]

    def read(self, answer: object) -> float:
        value = read_constant(answer)
        return int(value) if value.is_Integer else real_value(value)

    def judge(self, value: float, expected: object) -> Outcome:
        accepted = self.accepted if expected is None else _as_int_set(expected)
        if not float(value).is_integer():
            return wrong(notes.WRONG_NOT_INTEGER, "your answer is not a whole number")
        if int(value) in accepted:
            return correct()
        return wrong(notes.WRONG, "your number is not one of the accepted values")


@dataclass(frozen=True)
class ClaimedInterval:
    """An InSet answer that gives the whole set, ``[a, b]`` or ``a <= eta <= b``: its ends (None when the
    set written is not one bounded interval)."""

    ends: tuple[float, float] | None


@dataclass(frozen=True)
class InSet(AnswerKind):
    """A number in the interval from ``low`` to ``high`` (None: unbounded). A closed end also accepts
    that end rounded to ``sig_figs`` significant figures, within ``rounding_slack`` outside it, capped by
    ``limits`` (per end: the nearest value beyond it where the verdict changes, or None); an open end
    accepts nothing outside. With a ``variable``, the whole set is an answer too (``[a, b]``,
    ``a <= eta <= b``, either strictness): right when each end is within that slack of the set's end."""

    low: float | None
    high: float | None
    closed: tuple[bool, bool] = (True, True)
    sig_figs: int = 3
    limits: tuple[float | None, float | None] = (None, None)
    variable: Symbol | None = None

    def __post_init__(self) -> None:
        for end, limit, sign in ((self.low, self.limits[0], -1), (self.high, self.limits[1], 1)):
            if end is not None and limit is not None and (limit - end) * sign <= 0:
                raise ValueError(f"the limit {limit} must lie beyond the end {end} it caps")

    def slack(self, low: float | None, high: float | None) -> tuple[float, float]:
        """The accepted distance outside each end (0 for an open or unbounded end)."""
        return tuple(rounding_slack(end, self.sig_figs, limit) if closed and end is not None else 0.0
                     for end, closed, limit in zip((low, high), self.closed, self.limits))

    def read(self, answer: object) -> float | ClaimedInterval:
        node = read_answer(answer)
        if self.variable is not None and _is_set(node):
            return _read_interval(node, self.variable)
        scope = Scope.of()
        return real_value(to_expr(check_names(value_side(node), scope), scope))

    def judge(self, value: float | ClaimedInterval, expected: object) -> Outcome:
        low, high = (self.low, self.high) if expected is None else expected
        below, above = self.slack(low, high)
        if isinstance(value, ClaimedInterval):
            if value.ends is not None and None not in (low, high) and \
                    abs(value.ends[0] - low) <= below and abs(value.ends[1] - high) <= above:
                return correct()
            return wrong(notes.WRONG_OUTSIDE_SET, "your interval is not the set of right answers")
        above_low = low is None or value > low or (self.closed[0] and value >= low - below)
        below_high = high is None or value < high or (self.closed[1] and value <= high + above)
        if above_low and below_high:
            return correct()
        return wrong(notes.WRONG_OUTSIDE_SET, "your value is outside the set of right answers")


def _is_set(node: Node) -> bool:
    """A condition or an interval, not a number (``eta = 1`` states a number)."""
    if isinstance(node, Relation):
        return node.ops != ("=",)
    if isinstance(node, Group):
        return node.opening in "([" and node.closing in ")]" and len(node.items) == 2
    return isinstance(node, (Logic, SetUnion))


def _read_interval(node: Node, variable: Symbol) -> ClaimedInterval:
    """The ends of the one bounded interval a condition on ``variable`` describes, if it is one."""
    scope = Scope.of((variable,))
    predicate = to_predicate(check_names(node, scope), scope, variable.sym)
    bounds = sorted({real_value(bound) for bound in direct_bounds(predicate, variable.sym)})
    if len(bounds) != 2:
        return ClaimedInterval(None)
    low, high = bounds
    step = (high - low) * 1e-6

    def inside(value: float) -> bool:
        return holds(predicate, {variable.sym.name: value}, FLOAT)

    if inside((low + high) / 2) and not inside(low - step) and not inside(high + step):
        return ClaimedInterval((low, high))
    return ClaimedInterval(None)


@dataclass(frozen=True)
class Claim:
    """An expression answer and what it states: ``T >= E`` is Claim(E, "T", ">="); a bare E is Claim(E)."""

    value: sympy.Expr
    lhs: str = ""
    relation: str = "="


@dataclass(frozen=True)
class Expression(AnswerKind):
    """An expression equivalent to ``expected`` on the declared domain of ``symbols``.
    ``relation_lhs`` names (e.g. ``("T",)``) may stand on one side: ``T > E`` is read as E, with
    one of ``relations`` (always "="; an iteration bound may add ">" and ">="; a bound that is not
    attained "<", one that is "<="). ``ends_reason`` says why, after a relation the question does not state."""

    expected: sympy.Expr
    symbols: tuple[Symbol, ...]
    mistakes: tuple[Mistake, ...] = ()
    relation_lhs: tuple[str, ...] = ()
    relations: tuple[str, ...] = ("=",)
    count_bound: bool = False
    ends_reason: str = ""

    def __post_init__(self) -> None:
        if "=" not in self.relations or not set(self.relations) <= set(RELATIONS):
            raise ValueError(f"relations must include '=' and be among {RELATIONS}, got {self.relations!r}")

    def read(self, answer: object) -> Claim:
        names = frozenset(spelling_key(name) for name in self.relation_lhs)
        node = read_answer(answer)
        stated = stated_relation(node, names) if names else None
        if stated is not None:
            node = stated.value
        scope = Scope.of(self.symbols)
        node = check_names(node, Scope.of(self.symbols, unlisted=dict.fromkeys(names, sympy.S.One)))
        value = to_expr(node, scope)
        return Claim(value) if stated is None else Claim(value, stated.name.name, stated.op)

    def judge(self, claim: Claim, expected: object) -> Outcome:
        if claim.relation not in self.relations:
            why = f": {self.ends_reason}" if self.ends_reason else ""
            return wrong(notes.WRONG_RELATION, f"{relation_message(claim, self.relations)}{why}")
        target = self.expected if expected is None else as_expr(expected)
        rounded = rounded_count(claim) if self.count_bound else None
        if rounded is None:
            return judge_expression(claim.value, target, self.symbols, self.mistakes)
        bound, off_by = rounded
        outcome = judge_expression(bound, target, self.symbols, self.mistakes)
        if outcome.status != "correct" or off_by == 0:
            return outcome
        return wrong(notes.WRONG_COUNT_OFF_BY_ONE if abs(off_by) == 1 else notes.WRONG,
                     f"your count is {abs(off_by)} iteration{'s' if abs(off_by) > 1 else ''} "
                     f"{'too many' if off_by > 0 else 'too few'}: the smallest whole T with T > E is "
                     "ceil(E) = floor(E) + 1 (for E not a whole number)")


def rounded_count(claim: Claim) -> tuple[sympy.Expr, int] | None:
    """For ``ceil(E) + k`` or ``floor(E) + k`` (k a whole number), stated with ``=``, ``>=`` or ``>``: the bound E
    and how many iterations the smallest whole T the claim allows exceeds the smallest T > E, ceil(E)
    (``T > floor(E)`` is T >= floor(E) + 1: 0; ``T = floor(E)``: -1). None when the value is not rounded."""
    value = claim.value
    rounding = [term for term in sympy.Add.make_args(value) if isinstance(term, (sympy.ceiling, sympy.floor))]
    shift = value - rounding[0] if len(rounding) == 1 else None
    if shift is None or not shift.is_Integer:
        return None
    smallest = int(shift) + (0 if isinstance(rounding[0], sympy.ceiling) else -1) + (1 if claim.relation == ">" else 0)
    return rounding[0].args[0], smallest


def relation_message(claim: Claim, relations: tuple[str, ...]) -> str:
    """What to write instead: ``T < E`` -> "the wrong way round: write T = ..., T > ... or T >= ..."."""
    options = [f"{claim.lhs} {op} ..." for op in relations]
    wanted = options[0] if len(options) == 1 else f"{', '.join(options[:-1])} or {options[-1]}"
    if any(DIRECTION.get(op, 0) == -DIRECTION.get(claim.relation, 0) != 0 for op in relations):
        return f"'{claim.lhs} {claim.relation} ...' is the wrong way round: write {wanted}"
    return f"the question asks for {wanted}, not '{claim.lhs} {claim.relation} ...'"


def judge_expression(value: sympy.Expr, target: sympy.Expr, symbols: tuple[Symbol, ...],
                     mistakes: tuple[Mistake, ...]) -> Outcome:
    """Correct, a declared mistake, off by a sign, or not equivalent."""
    verdict = compare_values((value,), (target,), symbols)
    if verdict is Verdict.SAME:
        return correct() if symbolically_equal(value, target) else correct(notes.CORRECT_EQUIVALENT)
    if verdict is Verdict.UNDECIDED:
        return UNDECIDED

    def same_as(other: object) -> bool:
        return compare_values((value,), (other,), symbols) is Verdict.SAME

    return first_mistake(mistakes, same_as) or \
        (wrong(notes.WRONG_SIGN, "your answer is off by a sign") if same_as(-target) else None) or \
        wrong(notes.WRONG, NOT_EQUIVALENT)


@dataclass(frozen=True)
class UnorderedList(AnswerKind):
    """Values in any order, e.g. both eigenvalues of R_i: ``[a, b]``, ``a, b`` or ``a ± b``."""

    expected: tuple[sympy.Expr, ...]
    symbols: tuple[Symbol, ...]

    def read(self, answer: object) -> tuple[sympy.Expr, ...]:
        scope = Scope.of(self.symbols)
        return to_list(check_names(read_answer(answer), scope), scope)

    def judge(self, value: tuple[sympy.Expr, ...], expected: object) -> Outcome:
        target = tuple(self.expected if expected is None else (as_expr(item) for item in expected))
        if len(value) != len(target):
            return wrong(notes.WRONG_COUNT,
                         f"{len(target)} values are expected; your answer has {len(value)}")
        verdict = compare_values(value, target, self.symbols, unordered=True)
        if verdict is Verdict.SAME:
            return correct()
        return UNDECIDED if verdict is Verdict.UNDECIDED else wrong(notes.WRONG, NOT_EQUIVALENT)


def _as_int_set(expected: object) -> frozenset[int]:
    if isinstance(expected, int):
        return frozenset({expected})
    return frozenset(int(item) for item in expected)
