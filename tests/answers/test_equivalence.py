"""Equivalence on sampled points of the domain, confirmed at 50 digits before calling it different."""
import pytest
import sympy

from autograder.grading.answers.equivalence import Verdict, compare_values, symbolically_equal
from autograder.grading.answers.errors import DeclarationError

from .hw2 import BETA, EPSILON, ETA, SIGMA, beta, epsilon, eta, sigma

SYMBOLS = (ETA, SIGMA, BETA, EPSILON)


@pytest.mark.parametrize("a, b", [
    ((1 - sympy.sqrt(1 - beta))**2, 2 - beta - 2 * sympy.sqrt(1 - beta)),
    (sympy.log(epsilon) / sympy.log(sympy.Abs(1 - 2 * eta * sigma**2)),
     sympy.log(1 / epsilon) / sympy.log(1 / sympy.Abs(1 - 2 * eta * sigma**2))),
    (sympy.sqrt(sigma**2), sigma),  # sigma > 0 is declared
    (sympy.exp(sympy.log(eta) * 2), eta**2),
    (sympy.Abs(eta) * sigma, eta * sigma),
])
def test_same(a, b):
    assert compare_values((a,), (b,), SYMBOLS) is Verdict.SAME


@pytest.mark.parametrize("a, b", [
    (sympy.Abs(1 - 2 * eta * sigma**2), 1 - 2 * eta * sigma**2),  # differ only where 2 eta sigma^2 > 1
    (1 / sigma**2, 1 / sigma),
    (eta, eta + sympy.Rational(1, 10**6)),
    (sympy.sqrt(beta - 1), sympy.sqrt(1 - beta)),
])
def test_different(a, b):
    assert compare_values((a,), (b,), SYMBOLS) is Verdict.DIFFERENT


def test_differences_below_the_float_tolerance_are_not_seen():
    """A documented limit: answers are compared to about 1e-8 relative."""
    assert compare_values((eta,), (eta * (1 + sympy.Rational(1, 10**12)),), SYMBOLS) is Verdict.SAME


def test_undefined_expected_value_is_undecided():
    assert compare_values((eta,), (sympy.zoo,), SYMBOLS) is Verdict.UNDECIDED


def test_unordered_lists_match_as_multisets():
    a, b = 1 + sympy.sqrt(beta), 1 - sympy.sqrt(beta)
    assert compare_values((b, a), (a, b), SYMBOLS, unordered=True) is Verdict.SAME
    assert compare_values((b, a), (a, b), SYMBOLS) is Verdict.DIFFERENT
    assert compare_values((a, a), (a, b), SYMBOLS, unordered=True) is Verdict.DIFFERENT


def test_undeclared_symbol_in_expected_is_a_declaration_error():
    with pytest.raises(DeclarationError):
        compare_values((eta,), (sympy.Symbol("zeta"),), SYMBOLS)


def test_symbolic_confirmation():
    assert symbolically_equal(eta * (1 + beta), eta + eta * beta)
    assert not symbolically_equal(sympy.log(eta**2), 2 * sympy.log(eta) + 1)
