"""Numeric or symbolic: one closed form serves both.

Every closed form in ``reference`` is written once with the helpers below. When any argument is a
sympy object the helpers return sympy expressions (so the question bank can build exact expected
answers from symbols); otherwise they use numpy and return floats or arrays.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import sympy

# Relative tolerance under which two floats count as equal (a tie, a boundary, a repeated root).
FLOAT_TIE_RTOL = 1e-12


def is_symbolic(*values: Any) -> bool:
    """True when any value is a sympy expression or matrix."""
    return any(isinstance(v, (sympy.Basic, sympy.MatrixBase)) for v in values)


def sqrt(x: Any) -> Any:
    """Square root (real for numbers; sympy keeps signs symbolic)."""
    return sympy.sqrt(x) if is_symbolic(x) else np.sqrt(x)


def complex_sqrt(x: Any) -> Any:
    """Square root that returns a complex number for a negative float."""
    return sympy.sqrt(x) if is_symbolic(x) else np.emath.sqrt(x)


def log(x: Any) -> Any:
    """Natural logarithm."""
    return sympy.log(x) if is_symbolic(x) else np.log(x)


def absolute(x: Any) -> Any:
    """Absolute value (modulus for complex numbers)."""
    return sympy.Abs(x) if is_symbolic(x) else np.abs(x)


def maximum(*values: Any) -> Any:
    """Largest of several values; ``sympy.Max`` when any is symbolic."""
    return sympy.Max(*values) if is_symbolic(*values) else max(values)


def compare(a: Any, b: Any) -> int:
    """Sign of ``a - b``: -1, 0 or 1.

    Floats within ``FLOAT_TIE_RTOL`` (relative) count as equal, so a value computed at a boundary
    (e.g. eta = 1/(sigma_l^2 + sigma_s^2)) lands on the boundary. Symbolic values are compared
    exactly; ValueError if sympy cannot decide the sign (free symbols without assumptions).
    """
    if is_symbolic(a, b):
        difference = sympy.simplify(sympy.sympify(a) - sympy.sympify(b))
        if difference.is_zero:
            return 0
        if difference.is_positive:
            return 1
        if difference.is_negative:
            return -1
        raise ValueError(f"cannot decide the sign of {difference}")
    a, b = float(a), float(b)
    if math.isclose(a, b, rel_tol=FLOAT_TIE_RTOL, abs_tol=FLOAT_TIE_RTOL * 1e-3):
        return 0
    return 1 if a > b else -1


def to_sympy(*values: Any) -> tuple[sympy.Expr, ...]:
    """Values as sympy expressions; floats become exact rationals where they are short decimals
    (0.1 -> 1/10) so that sets and intervals print cleanly."""
    return tuple(
        v if isinstance(v, sympy.Basic) else sympy.nsimplify(v, rational=True) for v in values
    )
