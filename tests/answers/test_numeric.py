"""Numeric evaluation without lambdify: principal branches, undefined values, 50 digits."""
import cmath
import math

import mpmath
import pytest
import sympy

from autograder.grading.answers.numeric import FLOAT, PRECISE, NotANumber, close, evaluate, is_real

x, y = sympy.symbols("x y", real=True)


@pytest.mark.parametrize("expr, point, value", [
    (x**2 + 3 * y, {"x": 2.0, "y": 1.0}, 7.0),
    (sympy.sqrt(x), {"x": -4.0}, 2j),  # principal branch, as sympy
    (x ** sympy.Rational(1, 3), {"x": -8.0}, 1 + 1j * math.sqrt(3)),
    (sympy.log(x), {"x": -1.0}, 1j * math.pi),
    (sympy.Abs(1 - 2 * x), {"x": 3.0}, 5.0),
    (sympy.exp(x) * sympy.pi, {"x": 1.0}, math.e * math.pi),
    (sympy.Min(x, y), {"x": 2.0, "y": -1.0}, -1.0),
    (sympy.Max(x, y, 3), {"x": 2.0, "y": -1.0}, 3.0),
    (sympy.Float(0.5) * x, {"x": 4.0}, 2.0),
    (sympy.I * x, {"x": 2.0}, 2j),
    (sympy.erf(x), {"x": 0.5}, math.erf(0.5)),  # outside the whitelist: sympy's evalf
])
def test_values(expr, point, value):
    assert cmath.isclose(evaluate(expr, point), value, rel_tol=1e-12)


@pytest.mark.parametrize("expr, point", [
    (1 / x, {"x": 0.0}), (sympy.log(x), {"x": 0.0}), (sympy.exp(x), {"x": 1e6}),
    (sympy.zoo, {}), (sympy.nan, {}), (x**1000, {"x": 1e10}),
])
def test_undefined_values(expr, point):
    with pytest.raises(NotANumber):
        evaluate(expr, point)


def test_precise_sees_what_floats_cannot():
    beta = 1e-5
    expr_a = 10**10 * (1 - sympy.sqrt(1 - x)) ** 2
    expr_b = 10**10 * (2 - x - 2 * sympy.sqrt(1 - x))
    float_a, float_b = evaluate(expr_a, {"x": beta}), evaluate(expr_b, {"x": beta})
    assert not close(float_a, float_b, FLOAT)  # catastrophic cancellation in floats
    point = {"x": mpmath.mpf(beta)}
    assert close(evaluate(expr_a, point, PRECISE), evaluate(expr_b, point, PRECISE), PRECISE)


def test_precise_tells_a_tiny_real_difference():
    point = {"x": mpmath.mpf(0.3)}
    assert not close(evaluate(x, point, PRECISE), evaluate(x + sympy.Rational(1, 10**20), point, PRECISE), PRECISE)


def test_is_real():
    assert is_real(complex(2.0, 1e-20), FLOAT)
    assert not is_real(complex(2.0, 1e-3), FLOAT)
