"""Syntax tree -> sympy objects, under a question's scope of declared names.

Only whitelisted node types and functions exist, so nothing a student writes can reach Python.
Numeric constants are kept small before sympy computes them (no 9^9^9^9); a wrong form (a relation
where an expression is wanted) is an AnswerShapeError with note ``invalid.kind``.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import sympy

from . import limits, notes
from .errors import AnswerShapeError, AnswerSyntaxError, DeclarationError
from .symbols import Scope
from .tokens import PRIMED
from .tree import (Call, Group, Logic, Name, Neg, Node, Num, Power, Product, Relation, Rows,
                   Sequence, SetUnion, Sum, Transpose, map_children)

MAX_LOG2 = limits.MAX_LOG10_MAGNITUDE * math.log2(10) + 1e-6

SHAPE_MESSAGES = {
    Relation: "a relation (<, >, =) is not an expression; write just the expression",
    Logic: "a condition is not an expression; write just the expression",
    SetUnion: "a union of intervals is not an expression",
    Group: "a list or an interval is not a single expression",
    Rows: "a matrix is not a single expression",
    Sequence: "write one expression, not several separated by commas",
    Transpose: "a transpose applies to matrices only",
}


def to_expr(node: Node, scope: Scope) -> sympy.Expr:
    """The sympy expression of a scalar expression tree."""
    if isinstance(node, Num):
        return _sized(sympy.Rational(node.value.numerator, node.value.denominator), node.pos)
    if isinstance(node, Name):
        return _name(node, scope)
    if isinstance(node, Neg):
        return -to_expr(node.operand, scope)
    if isinstance(node, Sum):
        return _sum(node, scope)
    if isinstance(node, Product):
        return _product(node, scope)
    if isinstance(node, Power):
        prefix, base = _split_base(node.base, scope)
        return prefix * _power(base, to_expr(node.exponent, scope), node.pos)
    if isinstance(node, Call):
        return _call(node, scope)
    if isinstance(node, Group) and node.opening == "[" and len(node.items) == 1:
        return to_expr(node.items[0], scope)
    raise AnswerShapeError(SHAPE_MESSAGES[type(node)], notes.KIND)


def check_names(node: Node, scope: Scope) -> Node:
    """Resolve every name first, so an unknown name is reported before the answer's form. Returns the tree
    with each primed name the question declares read as that name: ``beta'`` is ``beta_prime`` (the notes'
    β′) where the scope has it, and stays a transpose elsewhere (``X'``)."""
    def visit(child: Node) -> Node:
        if isinstance(child, Transpose) and child.prime and isinstance(child.operand, Name):
            primed = Name(f"{child.operand.name}_{PRIMED}", child.operand.text + "'", child.operand.pos)
            if primed.name in scope.meanings:
                return primed
        if isinstance(child, Name):
            scope.resolve(child)
        return map_children(child, visit)

    return visit(node)


def to_list(node: Node, scope: Scope) -> tuple[sympy.Expr, ...]:
    """The items of a list answer: ``[a, b]``, ``a, b``, ``{a, b}`` or ``a ± b`` (which is two items)."""
    if isinstance(node, (Sequence, Group)):
        items = node.items
    else:
        items = (node,)
    values = []
    for item in items:
        values.extend(to_expr(variant, scope) for variant in plus_minus_variants(item))
    if len(values) > limits.MAX_LIST_ITEMS:
        raise AnswerSyntaxError(f"your list is too long ({len(values)} items)", None, notes.TOO_LARGE)
    return tuple(values)


def to_matrix(node: Node, scope: Scope) -> sympy.ImmutableMatrix:
    """A matrix from ``[[a, b], [c, d]]``, ``[a, b; c, d]``, ``[a, b], [c, d]`` or pmatrix."""
    rows = matrix_rows(node)
    return sympy.ImmutableMatrix([[to_expr(entry, scope) for entry in row] for row in rows])


def matrix_rows(node: Node) -> tuple[tuple[Node, ...], ...]:
    """The entry trees of a matrix answer, row by row; checks the shape limits."""
    if isinstance(node, Rows):
        rows = node.rows
    elif isinstance(node, (Group, Sequence)) and all(
            isinstance(item, Group) and item.opening == "[" for item in node.items):
        rows = tuple(item.items for item in node.items)
    elif isinstance(node, Group) and node.opening != "{":
        rows = (node.items,)
    else:
        raise AnswerShapeError("a matrix is expected, such as [[a, b], [c, d]]", notes.KIND)
    if len(rows) > limits.MAX_MATRIX_SIDE or max(len(row) for row in rows) > limits.MAX_MATRIX_SIDE:
        raise AnswerSyntaxError(
            f"your matrix is too large (at most {limits.MAX_MATRIX_SIDE}x{limits.MAX_MATRIX_SIDE})",
            None, notes.TOO_LARGE)
    if len({len(row) for row in rows}) != 1:
        raise AnswerShapeError("the rows of your matrix have different lengths")
    return rows


def plus_minus_variants(node: Node) -> list[Node]:
    """``a ± b`` -> [a + b, a - b]; k signs ``±`` give 2^k trees (k is limited)."""
    count = _count_plus_minus(node)
    if count > limits.MAX_PLUS_MINUS:
        raise AnswerSyntaxError(f"too many '±' signs (at most {limits.MAX_PLUS_MINUS})", None,
                                notes.TOO_LARGE)
    return [_choose_signs(node, iter(signs)) for signs in itertools.product("+-", repeat=count)]


def _count_plus_minus(node: Node) -> int:
    count = 0

    def visit(child: Node) -> Node:
        nonlocal count
        if isinstance(child, Sum):
            count += child.signs.count("±")
        map_children(child, visit)
        return child

    visit(node)
    return count


def _choose_signs(node: Node, signs) -> Node:
    if isinstance(node, Sum):
        chosen = tuple(next(signs) if sign == "±" else sign for sign in node.signs)
        node = Sum(node.terms, chosen, node.pos)
    return map_children(node, lambda child: _choose_signs(child, signs))


def _name(node: Name, scope: Scope) -> sympy.Expr:
    return sympy.Mul(*_name_factors(node, scope))


def _name_factors(node: Name, scope: Scope) -> list[sympy.Expr]:
    meanings = scope.resolve(node)
    if not all(isinstance(meaning, sympy.Basic) for meaning in meanings):
        raise AnswerShapeError(f"'{node.text}' is a matrix; a scalar expression is expected", notes.KIND)
    return list(meanings)


def _split_base(node: Node, scope: Scope) -> tuple[sympy.Expr, sympy.Expr]:
    """A power binds to the last name of a run: ``etasigma^2`` is eta * sigma^2."""
    if not isinstance(node, Name):
        return sympy.S.One, to_expr(node, scope)
    factors = _name_factors(node, scope)
    return sympy.Mul(*factors[:-1]), factors[-1]


def _sum(node: Sum, scope: Scope) -> sympy.Expr:
    if "±" in node.signs:
        raise AnswerShapeError("'±' gives two values; write one expression", notes.KIND)
    terms = [to_expr(term, scope) for term in node.terms]
    return _sized(sympy.Add(*(term if sign == "+" else -term for sign, term in zip(node.signs, terms))),
                  node.pos)


def _product(node: Product, scope: Scope) -> sympy.Expr:
    factors = [to_expr(factor, scope) for factor in node.factors]
    return _sized(sympy.Mul(*(factor if op == "*" else 1 / factor for op, factor in zip(node.ops, factors))),
                  node.pos)


def _power(base: sympy.Expr, exponent: sympy.Expr, pos: int) -> sympy.Expr:
    if exponent.is_Number:
        if not exponent.is_finite:
            raise AnswerSyntaxError("the exponent is not a finite number", pos, notes.TOO_LARGE)
        if abs(exponent) > limits.MAX_EXPONENT:
            raise AnswerSyntaxError(f"the exponent is too large (at most {limits.MAX_EXPONENT})",
                                    pos, notes.TOO_LARGE)
        if base.is_Rational and exponent.is_Integer:
            if _log2_size(base) * abs(int(exponent)) > MAX_LOG2:
                raise AnswerSyntaxError("this power is too large", pos, notes.TOO_LARGE)
    return sympy.Pow(base, exponent)


def _call(node: Call, scope: Scope) -> sympy.Expr:
    args = [to_expr(arg, scope) for arg in node.args]
    if node.func == "sqrt":
        return sympy.sqrt(args[0])
    if node.func == "root":
        index = args[1]
        if not (index.is_Integer and 1 <= index <= limits.MAX_EXPONENT):
            raise AnswerSyntaxError("the index of a root must be a whole number", node.pos)
        return _power(args[0], 1 / index, node.pos)
    if node.func == "abs":
        return sympy.Abs(args[0])
    if node.func == "log":
        return sympy.log(args[0]) if len(args) == 1 else sympy.log(args[0]) / sympy.log(args[1])
    if node.func == "exp":
        return sympy.exp(args[0])
    if node.func == "ceil":
        return sympy.ceiling(args[0])
    if node.func == "floor":
        return sympy.floor(args[0])
    if node.func == "pinv":
        raise AnswerShapeError("the pseudo-inverse applies to matrices; a scalar expression is expected", notes.KIND)
    if node.func == "min":
        return sympy.Min(*args)
    return sympy.Max(*args)


def _sized(value: sympy.Expr, pos: int) -> sympy.Expr:
    """Reject exact numbers beyond 10^300 (or below 10^-300) before sympy computes further."""
    if value.is_Rational and _log2_size(value) > MAX_LOG2:
        raise AnswerSyntaxError("a number in your answer is too large", pos, notes.TOO_LARGE)
    return value


@dataclass(frozen=True)
class Stated:
    """An answer written as ``name op value``, turned so that the name stands left (``E < T`` is
    ``T > E``); the question decides which ``op`` it accepts."""

    name: Name
    op: str
    value: Node


MIRRORED = {"=": "=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def stated_relation(node: Node, names: frozenset[str] | None) -> Stated | None:
    """``T > E`` (or ``E < T``) -> Stated(T, ">", E) when T is one of ``names``; with ``names`` None,
    ``eta = 0.25`` for any name (``=`` only). None for any other answer."""
    if not (isinstance(node, Relation) and len(node.ops) == 1 and node.ops[0] in MIRRORED):
        return None
    op = node.ops[0]
    left, right = node.operands
    for mine, other, turned in ((left, right, op), (right, left, MIRRORED[op])):
        if isinstance(mine, Name) and (op == "=" if names is None else mine.name in names):
            return Stated(mine, turned, other)
    return None


def value_side(node: Node) -> Node:
    """``eta = 0.25`` -> ``0.25`` for any name; any other answer unchanged."""
    stated = stated_relation(node, None)
    return node if stated is None else stated.value


def as_expr(value: object) -> sympy.Expr:
    """A declared (trusted) value as a sympy expression, without sympify: sympy objects as they
    are, Python ints and floats as numbers."""
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DeclarationError(f"expected value {value!r} is not a sympy expression or a number")
    return sympy.Integer(value) if isinstance(value, int) else sympy.Float(value)


def _log2_size(value: sympy.Rational) -> float:
    """log2 of the larger of |numerator| and denominator."""
    return max(math.log2(abs(int(value.p))) if value.p else 0.0, math.log2(int(value.q)))
