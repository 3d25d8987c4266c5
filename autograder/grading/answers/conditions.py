"""Conditions on one variable: a student's condition as a predicate, an expected value as a set.

A student writes ``0 < eta < 3/mu``, ``eta < 3/mu and eta > 0``, ``eta in (0, 3/mu]``,
``(0, 3/mu) U (4, 5)``, a bare interval, or points: ``eta = a or eta = b``, ``eta in {a, b}``,
``eta = 3 ± s``; it becomes a predicate (all-of / any-of of atoms ``lhs op rhs``) that can be
evaluated at a numeric point. An expected sympy Set becomes pieces (intervals and points) whose
endpoints are expressions in the other symbols.

Items separated by commas (or a TOML list) all hold, except equalities that give the variable a
value: several of those list its possible values (``eta = a, eta = b`` is the set {a, b}, as a TA
reads it, since eta cannot be both). ``eta > 0, eta < 1`` is still the interval (0, 1).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Union

import sympy

from . import limits, notes
from .build import plus_minus_variants, to_expr
from .errors import AnswerShapeError, AnswerSyntaxError, DeclarationError
from .numeric import NotANumber, NumberSystem, close, evaluate, is_real
from .symbols import Scope
from .tree import Group, Logic, Node, Relation, Sequence, SetUnion

@dataclass(frozen=True)
class Atom:
    lhs: sympy.Expr
    op: str  # < <= > >= =
    rhs: sympy.Expr


@dataclass(frozen=True)
class AllOf:
    items: tuple[Predicate, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Predicate, ...]


Predicate = Union[Atom, AllOf, AnyOf]


@dataclass(frozen=True)
class Piece:
    """An interval ``[low, high]`` (closed ends per flag; a point when low == high)."""

    low: sympy.Expr
    high: sympy.Expr
    low_closed: bool
    high_closed: bool


def to_predicate(node: Node, scope: Scope, variable: sympy.Symbol, parameters_only: bool = False) -> Predicate:
    """The predicate of a condition answer on ``variable``. A bare interval means variable in it. A condition
    on the other symbols alone (``0 < beta < 2``) is refused unless ``parameters_only``: then it is read as the
    values of ``variable`` it allows (all of them, or none, at each point)."""
    predicate = _predicate(node, scope, variable)
    if not parameters_only and variable not in _free_symbols(predicate):
        raise AnswerShapeError(f"your condition does not mention {variable.name}", notes.KIND)
    return predicate


def set_pieces(expected: sympy.Set) -> tuple[Piece, ...]:
    """The intervals and points of a declared solution set."""
    if isinstance(expected, sympy.Interval):
        return (Piece(expected.start, expected.end, not expected.left_open, not expected.right_open),)
    if isinstance(expected, sympy.Union):
        return tuple(piece for part in expected.args for piece in set_pieces(part))
    if isinstance(expected, sympy.FiniteSet):
        return tuple(Piece(point, point, True, True) for point in expected.args)
    if expected is sympy.S.EmptySet:
        return ()
    if expected is sympy.S.Reals:
        return (Piece(-sympy.oo, sympy.oo, False, False),)
    raise DeclarationError(f"unsupported expected set {expected!r}")


def pieces_contain(pieces: tuple[Piece, ...], value: Any, point: Mapping[str, Any], system: NumberSystem) -> bool:
    """Whether ``value`` lies in one of the pieces, endpoints evaluated at ``point``."""
    for piece in pieces:
        low = _order(_side(piece.low, point, system), value, system)
        high = _order(value, _side(piece.high, point, system), system)
        if (low < 0 or (low == 0 and piece.low_closed)) and (high < 0 or (high == 0 and piece.high_closed)):
            return True
    return False


def holds(predicate: Predicate, point: Mapping[str, Any], system: NumberSystem) -> bool:
    """Whether the student's condition holds at ``point``; an undefined or complex side is false."""
    if isinstance(predicate, AllOf):
        return all(holds(item, point, system) for item in predicate.items)
    if isinstance(predicate, AnyOf):
        return any(holds(item, point, system) for item in predicate.items)
    try:
        lhs = _side(predicate.lhs, point, system)
        rhs = _side(predicate.rhs, point, system)
    except NotANumber:
        return False
    if not (is_real(lhs, system) and is_real(rhs, system)):
        return False
    order = _order(lhs, rhs, system)
    return {"<": order < 0, "<=": order <= 0, ">": order > 0, ">=": order >= 0, "=": order == 0}[predicate.op]


def atoms(predicate: Predicate) -> list[Atom]:
    if isinstance(predicate, Atom):
        return [predicate]
    return [atom for item in predicate.items for atom in atoms(item)]


def direct_bounds(predicate: Predicate, variable: sympy.Symbol) -> list[sympy.Expr]:
    """The other sides of atoms that compare ``variable`` itself: the bounds as written."""
    bounds = []
    for atom in atoms(predicate):
        for mine, other in ((atom.lhs, atom.rhs), (atom.rhs, atom.lhs)):
            if mine == variable and variable not in other.free_symbols and other.is_finite is not False:
                bounds.append(other)
    return bounds


def _side(expr: sympy.Expr, point: Mapping[str, Any], system: NumberSystem) -> Any:
    if expr is sympy.oo:
        return float("inf")
    if expr is sympy.S.NegativeInfinity:
        return float("-inf")
    return evaluate(expr, point, system)


def _order(a: Any, b: Any, system: NumberSystem) -> int:
    """-1, 0 or 1 comparing real parts; 0 when equal within the system's tolerance."""
    a_real, b_real = getattr(a, "real", a), getattr(b, "real", b)
    if a_real not in (float("inf"), float("-inf")) and b_real not in (float("inf"), float("-inf")):
        if close(a_real, b_real, system):
            return 0
    return -1 if a_real < b_real else (1 if a_real > b_real else 0)


def _free_symbols(predicate: Predicate) -> set:
    return set().union(*(atom.lhs.free_symbols | atom.rhs.free_symbols for atom in atoms(predicate)))


def _predicate(node: Node, scope: Scope, variable: sympy.Symbol) -> Predicate:
    if isinstance(node, Logic):
        items = tuple(_predicate(item, scope, variable) for item in node.items)
        return AllOf(items) if node.op == "and" else AnyOf(items)
    if isinstance(node, Sequence):
        return _all_items(tuple(_predicate(item, scope, variable) for item in node.items), variable)
    if isinstance(node, Relation):
        return _relation(node, scope)
    if isinstance(node, (Group, SetUnion)):
        return _membership(variable, node, scope)
    raise AnswerShapeError(
        f"a condition on {variable.name} is expected, such as 0 < {variable.name} < 1", notes.KIND)


def _all_items(items: tuple[Predicate, ...], variable: sympy.Symbol) -> Predicate:
    """All items hold, but several values given to ``variable`` are alternatives (see the module)."""
    points = [item for item in items if _gives_values(item, variable)]
    if len(points) < 2:
        return AllOf(items)
    rest = tuple(item for item in items if not _gives_values(item, variable))
    return AllOf((*rest, AnyOf(tuple(points))))


def _gives_values(predicate: Predicate, variable: sympy.Symbol) -> bool:
    """``eta = v`` with v free of eta, or alternatives of such (``eta = a ± b``, ``eta in {a, b}``)."""
    if isinstance(predicate, AnyOf):
        return all(_gives_values(item, variable) for item in predicate.items)
    if not isinstance(predicate, Atom) or predicate.op != "=":
        return False
    for mine, other in ((predicate.lhs, predicate.rhs), (predicate.rhs, predicate.lhs)):
        if mine == variable and variable not in other.free_symbols:
            return True
    return False


def _any(items: tuple[Predicate, ...]) -> Predicate:
    return items[0] if len(items) == 1 else AnyOf(items)


def _values(node: Node, scope: Scope) -> tuple[sympy.Expr, ...]:
    """The values of one side: two for ``a ± b`` (k signs give 2^k, k limited)."""
    return tuple(to_expr(variant, scope) for variant in plus_minus_variants(node))


def _relation(node: Relation, scope: Scope) -> Predicate:
    """The atoms of a chain. In a single equality ``±`` gives alternatives: ``eta = a ± b`` is
    eta = a + b or eta = a - b (elsewhere ``±`` is refused as two values)."""
    if node.ops == ("=",) and not any(isinstance(operand, (Group, SetUnion)) for operand in node.operands):
        lefts, rights = (_values(operand, scope) for operand in node.operands)
        return _any(tuple(Atom(lhs, "=", rhs) for lhs in lefts for rhs in rights))
    is_set = [isinstance(operand, (Group, SetUnion)) for operand in node.operands]
    sides = [None if is_set[k] else to_expr(operand, scope) for k, operand in enumerate(node.operands)]
    parts: list[Predicate] = []
    for k, op in enumerate(node.ops):
        if op == "in":
            if is_set[k] or not is_set[k + 1]:
                raise AnswerShapeError("after 'in' write an interval, such as (0, 1)", notes.KIND)
            parts.append(_membership(sides[k], node.operands[k + 1], scope))
        elif is_set[k] or is_set[k + 1]:
            raise AnswerShapeError("an interval cannot be compared with < or >", notes.KIND)
        else:
            parts.append(Atom(sides[k], op, sides[k + 1]))
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def _membership(value: sympy.Expr, node: Node, scope: Scope) -> Predicate:
    """``value in (a, b]`` as atoms (infinite ends add no atom); ``value in {a, b}`` as equalities."""
    if isinstance(node, SetUnion):
        return AnyOf(tuple(_membership(value, item, scope) for item in node.items))
    if isinstance(node, Group) and node.opening == "{":
        points = tuple(point for item in node.items for point in _values(item, scope))
        if len(points) > limits.MAX_LIST_ITEMS:
            raise AnswerSyntaxError(f"your set is too large ({len(points)} points)", None, notes.TOO_LARGE)
        return _any(tuple(Atom(value, "=", point) for point in points))
    if not (isinstance(node, Group) and len(node.items) == 2 and node.opening in "(["):
        raise AnswerShapeError("write an interval such as (0, 1) or [0, 1), or a set such as {a, b}", notes.KIND)
    low, high = (to_expr(item, scope) for item in node.items)
    parts = []
    if low is not sympy.S.NegativeInfinity:
        parts.append(Atom(low, "<" if node.opening == "(" else "<=", value))
    if high is not sympy.oo:
        parts.append(Atom(value, "<" if node.closing == ")" else "<=", high))
    return AllOf(tuple(parts)) if len(parts) != 1 else parts[0]
