"""Numeric evaluation of sympy expressions at a point, without lambdify (which runs exec).

Two number systems: complex floats (fast, for sampling) and mpmath at 50 digits (to confirm that a
difference seen in floats is real, and to decide equality exactly at a boundary). Branches are the
principal ones, as in sympy: sqrt(-1) is i and (-8)^(1/3) is 1 + i sqrt(3).
"""
from __future__ import annotations

import cmath
import math
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
    if expr.is_Rational:
        return system.rational(int(expr.p), int(expr.q))
    if expr.is_Symbol:
        return point[expr.name]
    args = expr.args
    if expr.is_Add:
        total = _evaluate(args[0], point, system)
        for arg in args[1:]:
            total = total + _evaluate(arg, point, system)
        return total
    if expr.is_Mul:
        product = _evaluate(args[0], point, system)
        for arg in args[1:]:
            product = product * _evaluate(arg, point, system)
        return product
    if expr.is_Pow:
        return _power(args[0], args[1], point, system)
    if isinstance(expr, sympy.Abs):
        return abs(_evaluate(args[0], point, system))
    if isinstance(expr, sympy.log):
        return system.log(_evaluate(args[0], point, system))
    if isinstance(expr, sympy.exp):
        return system.exp(_evaluate(args[0], point, system))
    if isinstance(expr, (sympy.ceiling, sympy.floor)):
        value = _evaluate(args[0], point, system)
        if not is_real(value, system):
            raise ValueError("rounding of a complex value")
        rounding = (math.ceil if isinstance(expr, sympy.ceiling) else math.floor) if system is FLOAT else \
            (mpmath.ceil if isinstance(expr, sympy.ceiling) else mpmath.floor)
        return system.real(rounding(real_part(value)))
    if isinstance(expr, (sympy.Min, sympy.Max)):
        values = [_evaluate(arg, point, system) for arg in args]
        if not all(is_real(value, system) for value in values):
            raise ValueError("min/max of complex values")
        pick = min if isinstance(expr, sympy.Min) else max
        return pick(values, key=real_part)
    if expr.is_Float:
        return system.real(float(expr))
    if expr is sympy.I:
        return 1j if system is FLOAT else mpmath.mpc(0, 1)
    constants = system.constants()
    if expr in constants:
        return constants[expr]
    if expr in (sympy.oo, sympy.zoo, sympy.nan, -sympy.oo):
        raise ZeroDivisionError("infinite value")
    return _fallback(expr, point, system)


def _power(base: sympy.Basic, exponent: sympy.Basic, point: Mapping[str, Any], system: NumberSystem) -> Any:
    value = _evaluate(base, point, system)
    if exponent == sympy.S.Half:
        return system.sqrt(value)
    if exponent == -sympy.S.Half:
        return 1 / system.sqrt(value)
    if exponent.is_Integer:
        return value ** int(exponent)
    return value ** _evaluate(exponent, point, system)


def _fallback(expr: sympy.Basic, point: Mapping[str, Any], system: NumberSystem) -> Any:
    """Functions outside the whitelist (only in a declared expected value): sympy's evalf."""
    values = {symbol: sympy.Float(str(point[symbol.name]), PRECISE_DIGITS) if system is PRECISE
              else sympy.Float(complex(point[symbol.name]).real) for symbol in expr.free_symbols}
    number = complex(expr.xreplace(values).evalf(PRECISE_DIGITS if system is PRECISE else 15))
    return number if system is FLOAT else mpmath.mpc(number)
