"""Declared common mistakes: when a wrong answer equals one of them, say which mistake it is.

A mistake's ``answer`` is the value a student with that misconception would give (an expression,
a solution set or a matrix); the answer kind compares it like the expected value. The helpers
build the common ones from the expected value.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from .symbols import Symbol


@dataclass(frozen=True)
class Mistake:
    """``note`` is ``wrong.<name>``; ``message`` tells the student what went wrong."""

    note: str
    message: str
    answer: object


def factor_of_2(expected: object) -> tuple[Mistake, ...]:
    """Twice or half the expected value (for a set: its endpoints scaled)."""
    message = "your answer is off by a factor of 2"
    return (Mistake("wrong.factor_of_2", message, _scaled(expected, 2)),
            Mistake("wrong.factor_of_2", message, _scaled(expected, sympy.Rational(1, 2))))


def sigma_for_sigma_sq(expected: object, sigma: Symbol | sympy.Symbol) -> tuple[Mistake, ...]:
    """``sigma`` written where ``sigma^2`` belongs (3/sigma for 3/sigma^2)."""
    symbol = _sympy_symbol(sigma)
    return (Mistake("wrong.sigma_for_sigma_sq",
                    f"you used {symbol.name} where {symbol.name}^2 belongs",
                    expected.subs(symbol ** 2, symbol)),)


def missing_abs(expected: object) -> tuple[Mistake, ...]:
    """Every absolute value dropped: log(1 - 3 eta mu) for log|1 - 3 eta mu|. sympy
    may store |1 - x| as |x - 1|, so both signs of the inside are mistakes."""
    message = "an absolute value is missing"
    return tuple(Mistake("wrong.missing_abs", message,
                         expected.replace(sympy.Abs, lambda inner, sign=sign: sign * inner))
                 for sign in (1, -1))


def wrong_sigma(expected: object, right: Symbol | sympy.Symbol, used: Symbol | sympy.Symbol) -> tuple[Mistake, ...]:
    """The bound uses ``used`` where ``right`` belongs (sigma_s for sigma_l)."""
    right_symbol, used_symbol = _sympy_symbol(right), _sympy_symbol(used)
    return (Mistake("wrong.wrong_sigma",
                    f"you used {used_symbol.name} where {right_symbol.name} belongs",
                    expected.xreplace({right_symbol: used_symbol})),)


def _sympy_symbol(symbol: Symbol | sympy.Symbol) -> sympy.Symbol:
    return symbol.sym if isinstance(symbol, Symbol) else symbol


def _scaled(expected: object, factor: sympy.Rational) -> object:
    if isinstance(expected, sympy.Interval):
        return sympy.Interval(expected.start * factor, expected.end * factor,
                              expected.left_open, expected.right_open)
    if isinstance(expected, sympy.Union):
        return sympy.Union(*(_scaled(part, factor) for part in expected.args))
    if isinstance(expected, sympy.FiniteSet):
        return sympy.FiniteSet(*(point * factor for point in expected.args))
    return expected * factor
