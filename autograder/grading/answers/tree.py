"""The whitelisted syntax tree of an answer: the only shapes the parser can produce.

Nodes are plain records; ``pos`` is the character offset where the node starts. Nothing here knows
about sympy: ``build.py`` turns a tree into sympy objects under a question's declared symbols.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from fractions import Fraction
from typing import Union


@dataclass(frozen=True)
class Num:
    value: Fraction
    pos: int


@dataclass(frozen=True)
class Name:
    """A canonical name (``sigma_l``) and the text the student typed."""

    name: str
    text: str
    pos: int


@dataclass(frozen=True)
class Call:
    """``func`` is one of sqrt, root, abs, log, exp, min, max, ceil, floor, pinv (the pseudo-inverse of a
    matrix); ``log`` has (x,) or (x, base)."""

    func: str
    args: tuple[Node, ...]
    pos: int


@dataclass(frozen=True)
class Neg:
    operand: Node
    pos: int


@dataclass(frozen=True)
class Sum:
    """``terms[0] signs[1] terms[1] ...``; each sign is ``+``, ``-`` or ``±``; ``signs[0]`` is ``+``."""

    terms: tuple[Node, ...]
    signs: tuple[str, ...]
    pos: int


@dataclass(frozen=True)
class Product:
    """``factors[0] ops[1] factors[1] ...``; each op is ``*`` or ``/``; ``ops[0]`` is ``*``."""

    factors: tuple[Node, ...]
    ops: tuple[str, ...]
    pos: int


@dataclass(frozen=True)
class Power:
    base: Node
    exponent: Node
    pos: int


@dataclass(frozen=True)
class Transpose:
    """``operand^T``; ``prime`` when written ``operand'`` (a name's prime where the question declares one)."""

    operand: Node
    pos: int
    prime: bool = False


@dataclass(frozen=True)
class Relation:
    """A chain ``a < b <= c``: ``ops[k]`` joins ``operands[k]`` and ``operands[k+1]``; ops are
    ``<``, ``<=``, ``>``, ``>=``, ``=`` and ``in``."""

    operands: tuple[Node, ...]
    ops: tuple[str, ...]
    pos: int


@dataclass(frozen=True)
class Logic:
    op: str  # "and" | "or"
    items: tuple[Node, ...]
    pos: int


@dataclass(frozen=True)
class SetUnion:
    items: tuple[Node, ...]
    pos: int


@dataclass(frozen=True)
class Group:
    """A bracketed list of two or more items, or ``[x]``: an interval, a list or a matrix row; with
    ``{`` and ``}`` a finite set (``{a, b}``, ``\\{a\\}``). ``opening``/``closing`` are the bracket
    characters, which may differ: ``(0, 1]``."""

    opening: str
    items: tuple[Node, ...]
    closing: str
    pos: int


@dataclass(frozen=True)
class Rows:
    """A matrix written row by row: ``[a, b; c, d]`` or ``\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}``."""

    rows: tuple[tuple[Node, ...], ...]
    pos: int


@dataclass(frozen=True)
class Sequence:
    """Items separated by commas at the top level: ``eta > 0, eta < 1`` or ``a, b``."""

    items: tuple[Node, ...]
    pos: int


Node = Union[Num, Name, Call, Neg, Sum, Product, Power, Transpose, Relation, Logic, SetUnion,
             Group, Rows, Sequence]

NODE_TYPES = (Num, Name, Call, Neg, Sum, Product, Power, Transpose, Relation, Logic, SetUnion,
              Group, Rows, Sequence)


def map_children(node: Node, change) -> Node:
    """A copy of ``node`` with ``change`` applied to each direct child node (in field order)."""
    updates = {}
    for field in fields(node):
        value = getattr(node, field.name)
        if isinstance(value, NODE_TYPES):
            updates[field.name] = change(value)
        elif isinstance(value, tuple) and value and isinstance(value[0], tuple):
            updates[field.name] = tuple(tuple(change(item) for item in row) for row in value)
        elif isinstance(value, tuple) and value and isinstance(value[0], NODE_TYPES):
            updates[field.name] = tuple(change(item) for item in value)
    return replace(node, **updates) if updates else node
