"""Numeric evaluation of sympy expressions at a point, without lambdify (which runs exec).

Two number systems: complex floats (fast, for sampling) and mpmath at 50 digits (to confirm that a
difference seen in floats is real, and to decide equality exactly at a boundary). Branches are the
principal ones, as in sympy: sqrt(-1) is i and (-8)^(1/3) is 1 + i sqrt(3).
"""
from __future__ import annotations

import cmath
import math
import operator
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import mpmath
import sympy

PRECISE_DIGITS = 50


@dataclass(frozen=True)
class NumberSystem:
    """How to make and combine numbers; ``rtol``/``atol``: when two values count as equal."""

    name: str
    real: Callable[[float], Any]
    rational: Callable[[int, int], Any]
    sqrt: Callable[[Any], Any]
    log: Callable[[Any], Any]
    exp: Callable[[Any], Any]
    constants: Callable[[], dict]
    is_finite: Callable[[Any], bool]
    rtol: float
    atol: float


def _float_rational(p: int, q: int) -> complex:
    return complex(p / q)


FLOAT = NumberSystem(
    "float", complex, _float_rational, cmath.sqrt, cmath.log, cmath.exp,
    lambda: {sympy.pi: complex(math.pi), sympy.E: complex(math.e)},
    cmath.isfinite, 1e-8, 1e-14)

PRECISE = NumberSystem(
    "precise", mpmath.mpf, lambda p, q: mpmath.mpf(p) / q, mpmath.sqrt, mpmath.log, mpmath.exp,
    lambda: {sympy.pi: +mpmath.mp.pi, sympy.E: +mpmath.mp.e},
    mpmath.isfinite, 1e-30, 1e-40)


class NotANumber(ArithmeticError):
    """The expression has no finite value at this point (division by zero, log 0, overflow)."""


def evaluate(expr: sympy.Basic, point: Mapping[str, Any], system: NumberSystem = FLOAT) -> Any:
    """The value of ``expr`` with each symbol replaced by ``point[symbol.name]`` (already in
    ``system``'s numbers). Raises NotANumber where the value is not finite."""
    try:
        if system is PRECISE:
            with mpmath.workdps(PRECISE_DIGITS):
                value = _evaluate(expr, point, system)
        else:
            value = _evaluate(expr, point, system)
    except (ArithmeticError, ValueError, TypeError) as error:
        raise NotANumber(str(error)) from error
    if not system.is_finite(value):
        raise NotANumber("not finite")
    return value


def close(a: Any, b: Any, system: NumberSystem) -> bool:
    """Equal up to ``system``'s tolerance, relative to the larger magnitude."""
    return abs(a - b) <= system.rtol * max(abs(a), abs(b)) + system.atol


def is_real(value: Any, system: NumberSystem) -> bool:
    """The imaginary part is negligible against the real part."""
    return abs(_imag(value)) <= system.rtol * abs(value) + system.atol


def real_part(value: Any) -> Any:
    return value.real


def _imag(value: Any) -> Any:
    return getattr(value, "imag", 0)


def _evaluate(expr: sympy.Basic, point: Mapping[str, Any], system: NumberSystem) -> Any:
    return _compiled(expr, system)(point)


Evaluator = Callable[[Mapping[str, Any]], Any]
_CACHE_SIZE = 512
_cache: dict[tuple[int, str], tuple[sympy.Basic, Evaluator]] = {}  # (id(expr), system): (expr, evaluator)


def _compiled(expr: sympy.Basic, system: NumberSystem) -> Evaluator:
    """``expr`` as a tree of Python closures (no exec): every decision on the shape of the
    expression is taken once, here, and evaluating at a point only does the arithmetic. Cached by
    the identity of the expression object (held in the entry, so its id is not reused)."""
    key = (id(expr), system.name)
    entry = _cache.get(key)
    if entry is not None and entry[0] is expr:
        return entry[1]
    evaluator = _compile(expr, system)
    if len(_cache) >= _CACHE_SIZE:
        _cache.clear()
    _cache[key] = (expr, evaluator)
    return evaluator


def _compile(expr: sympy.Basic, system: NumberSystem) -> Evaluator:
    """The evaluator of one node; the cases and their order are those of the principal-branch
    rules in the module docstring (rationals, symbols, + * ^, Abs, log, exp, rounding, Min/Max,
    floats, i, pi and e, infinities, then sympy's evalf for anything else)."""
    if expr.is_Rational:
        number = system.rational(int(expr.p), int(expr.q))
        return lambda point: number
    if expr.is_Symbol:
        name = expr.name
        return lambda point: point[name]
    args = expr.args
    if expr.is_Add or expr.is_Mul:
        return _fold(tuple(_compile(arg, system) for arg in args), operator.add if expr.is_Add else operator.mul)
    if expr.is_Pow:
        return _power(_compile(args[0], system), args[1], system)
    if isinstance(expr, (sympy.Abs, sympy.log, sympy.exp)):
        function = abs if isinstance(expr, sympy.Abs) else system.log if isinstance(expr, sympy.log) else system.exp
        inner = _compile(args[0], system)
        return lambda point: function(inner(point))
    if isinstance(expr, (sympy.ceiling, sympy.floor)):
        return _rounding(_compile(args[0], system), isinstance(expr, sympy.ceiling), system)
    if isinstance(expr, (sympy.Min, sympy.Max)):
        return _pick(tuple(_compile(arg, system) for arg in args), min if isinstance(expr, sympy.Min) else max,
                     system)
    if expr.is_Float:
        number = system.real(float(expr))
        return lambda point: number
    if expr is sympy.I:
        unit = 1j if system is FLOAT else mpmath.mpc(0, 1)
        return lambda point: unit
    if expr in (sympy.pi, sympy.E):  # compiled inside evaluate's 50-digit context, as the rationals above
        constant = system.constants()[expr]
        return lambda point: constant
    if expr in (sympy.oo, sympy.zoo, sympy.nan, -sympy.oo):
        return _infinite
    return lambda point: _fallback(expr, point, system)


def _fold(items: tuple[Evaluator, ...], combine: Callable[[Any, Any], Any]) -> Evaluator:
    """The items combined left to right (in sympy's argument order) by ``combine``: + or *."""
    first, rest = items[0], items[1:]

    def folded(point):
        value = first(point)
        for item in rest:
            value = combine(value, item(point))
        return value
    return folded


def _power(base: Evaluator, exponent: sympy.Basic, system: NumberSystem) -> Evaluator:
    """x^(1/2) and x^(-1/2) by the system's square root, integer powers exactly, others as complex powers."""
    sqrt = system.sqrt
    if exponent == sympy.S.Half:
        return lambda point: sqrt(base(point))
    if exponent == -sympy.S.Half:
        return lambda point: 1 / sqrt(base(point))
    if exponent.is_Integer:
        n = int(exponent)
        return lambda point: base(point) ** n
    power = _compile(exponent, system)
    return lambda point: base(point) ** power(point)


def _rounding(inner: Evaluator, up: bool, system: NumberSystem) -> Evaluator:
    rounding = (math.ceil if up else math.floor) if system is FLOAT else (mpmath.ceil if up else mpmath.floor)

    def rounded(point):
        value = inner(point)
        if not is_real(value, system):
            raise ValueError("rounding of a complex value")
        return system.real(rounding(real_part(value)))
    return rounded


def _pick(items: tuple[Evaluator, ...], pick: Callable, system: NumberSystem) -> Evaluator:
    def picked(point):
        values = [item(point) for item in items]
        if not all(is_real(value, system) for value in values):
            raise ValueError("min/max of complex values")
        return pick(values, key=real_part)
    return picked


def _infinite(point: Mapping[str, Any]) -> Any:
    raise ZeroDivisionError("infinite value")


def _fallback(expr: sympy.Basic, point: Mapping[str, Any], system: NumberSystem) -> Any:
    """Functions outside the whitelist (only in a declared expected value): sympy's evalf."""
    values = {symbol: sympy.Float(str(point[symbol.name]), PRECISE_DIGITS) if system is PRECISE
              else sympy.Float(complex(point[symbol.name]).real) for symbol in expr.free_symbols}
    number = complex(expr.xreplace(values).evalf(PRECISE_DIGITS if system is PRECISE else 15))
    return number if system is FLOAT else mpmath.mpc(number)
