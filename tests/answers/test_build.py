"""Tree -> sympy: every notation gives the same expression; sizes are limited before sympy works."""
from fractions import Fraction

import pytest
import sympy

from autograder.grading.answers import notes, parse
from autograder.grading.answers.build import (Stated, plus_minus_variants, stated_relation, to_expr, to_list, to_matrix,
                                      value_side)
from autograder.grading.answers.errors import AnswerSyntaxError
from autograder.grading.answers.symbols import Scope
from autograder.grading.answers.tree import Name, Num

from .hw2 import BETA, EPSILON, ETA, SIGMA, SIGMA_L, beta, epsilon, eta, sigma, sigma_l

SCOPE = Scope.of((ETA, SIGMA, SIGMA_L, BETA, EPSILON))


def build(text):
    return to_expr(parse(text), SCOPE)


@pytest.mark.parametrize("text, expected", [
    ("1/sigma^2", 1 / sigma**2),
    ("\\frac{1}{\\sigma_\\ell^2}", 1 / sigma_l**2),
    ("2 eta sigma^2", 2 * eta * sigma**2),
    ("|1-2*eta*sigma^2|", sympy.Abs(1 - 2 * eta * sigma**2)),
    ("\\left|1-2\\eta\\sigma^2\\right|", sympy.Abs(1 - 2 * eta * sigma**2)),
    ("√(1−β)", sympy.sqrt(1 - beta)),
    ("\\sqrt{1-\\beta}", sympy.sqrt(1 - beta)),
    ("\\log \\epsilon / \\log|1-2\\eta\\sigma^2|", sympy.log(epsilon) / sympy.log(sympy.Abs(1 - 2 * eta * sigma**2))),
    ("ln(eps)", sympy.log(epsilon)),
    ("e^{-eta}", sympy.exp(-eta)),
    ("exp(-eta)", sympy.exp(-eta)),
    ("\\sqrt[3]{beta}", beta ** sympy.Rational(1, 3)),
    ("min(eta, 1/sigma^2)", sympy.Min(eta, 1 / sigma**2)),
    ("2etasigma^2", 2 * eta * sigma**2),
    ("1e-3", sympy.Rational(1, 1000)),
    ("50%", sympy.Rational(1, 2)),
    ("[1 - beta]", 1 - beta),
    ("pi", sympy.pi),
])
def test_expressions(text, expected):
    assert build(text) == expected


@pytest.mark.parametrize("text, note, words", [
    ("9^9^9^9", notes.TOO_LARGE, "exponent is too large"),
    ("10^1000", notes.TOO_LARGE, "too large"),
    ("(10^200)*(10^200)", notes.TOO_LARGE, "too large"),
    ("eta^(10^4)", notes.TOO_LARGE, "exponent is too large"),
    ("\\sqrt[0]{2}", notes.SYNTAX, "whole number"),
    ("eta < 1", notes.KIND, "relation"),
    ("(0, 1)", notes.KIND, "list or an interval"),
    ("a ± b", notes.KIND, "'±'"),
    ("X^\\top", notes.KIND, "transpose"),
    ("eta, beta", notes.KIND, "not several"),
    ("[a, b; c, d]", notes.KIND, "matrix"),
])
def test_rejections(text, note, words):
    with pytest.raises(AnswerSyntaxError) as caught:
        build(text)
    assert caught.value.note == note
    assert words in caught.value.message


def test_numbers_up_to_the_limit_are_fine():
    assert build("10^300") == sympy.Integer(10) ** 300
    assert build("2^-900") == sympy.Rational(1, 2**900)


def test_plus_minus_gives_both_signs():
    values = [to_expr(node, SCOPE) for node in plus_minus_variants(parse("(eta ± beta)/2"))]
    assert values == [(eta + beta) / 2, (eta - beta) / 2]


def test_plus_minus_inside_a_square_root_argument():
    values = [to_expr(node, SCOPE) for node in plus_minus_variants(parse("1 ± sqrt(1 ± beta)"))]
    assert values == [1 + sympy.sqrt(1 + beta), 1 + sympy.sqrt(1 - beta),
                      1 - sympy.sqrt(1 + beta), 1 - sympy.sqrt(1 - beta)]


def test_too_many_plus_minus():
    with pytest.raises(AnswerSyntaxError) as caught:
        plus_minus_variants(parse("1 ± 2 ± 3 ± 4 ± 5"))
    assert caught.value.note == notes.TOO_LARGE


@pytest.mark.parametrize("text", ["[1 - beta, eta]", "1 - beta, eta", "(1 - beta, eta)"])
def test_lists(text):
    assert to_list(parse(text), SCOPE) == (1 - beta, eta)


@pytest.mark.parametrize("text", [
    "[[1 - beta, 2], [eta, 0]]", "[1 - beta, 2; eta, 0]", "[1 - beta, 2], [eta, 0]",
    "\\begin{pmatrix} 1-\\beta & 2 \\\\ \\eta & 0 \\end{pmatrix}",
])
def test_matrices(text):
    assert to_matrix(parse(text), SCOPE) == sympy.Matrix([[1 - beta, 2], [eta, 0]])


@pytest.mark.parametrize("text, note", [
    ("[[1, 2], [3]]", notes.SHAPE), ("eta", notes.KIND),
    ("[" + ", ".join(["[" + ", ".join(["1"] * 11) + "]"] * 2) + "]", notes.TOO_LARGE),
])
def test_matrix_rejections(text, note):
    with pytest.raises(AnswerSyntaxError) as caught:
        to_matrix(parse(text), SCOPE)
    assert caught.value.note == note


T = Name("T", "T", 0)


@pytest.mark.parametrize("text, names, expected", [
    ("T > E", frozenset({"T"}), Stated(T, ">", Name("E", "E", 4))),
    ("E < T", frozenset({"T"}), Stated(Name("T", "T", 4), ">", Name("E", "E", 0))),  # turned: the name stands left
    ("E >= T", frozenset({"T"}), Stated(Name("T", "T", 5), "<=", Name("E", "E", 0))),
    ("T = E", frozenset({"T"}), Stated(T, "=", Name("E", "E", 4))),
    ("T < E", frozenset({"T"}), Stated(T, "<", Name("E", "E", 4))),
    ("eta = 0.25", None, Stated(Name("eta", "eta", 0), "=", Num(Fraction(1, 4), 6))),
])
def test_stated_relation(text, names, expected):
    assert stated_relation(parse(text), names) == expected


@pytest.mark.parametrize("text, names", [
    ("S > E", frozenset({"T"})), ("a < 0.25", None), ("0 < T < E", frozenset({"T"})), ("E", None),
    ("T in (0, 1)", frozenset({"T"})),
])
def test_stated_relation_of_other_answers_is_none(text, names):
    assert stated_relation(parse(text), names) is None


def test_value_side_reads_only_an_equality():
    assert value_side(parse("eta = 0.25")) == Num(Fraction(1, 4), 6)
    node = parse("eta < 0.25")
    assert value_side(node) is node


@pytest.mark.parametrize("text", [
    "\\log_{2}(8)", "\\log_2 8", "log_2(8)", "log_{2} 8", "\\log_{|-2|}(8)", "\\operatorname{log}_2(8)",
])
def test_log_with_a_base(text):
    assert build(text) == sympy.log(8) / sympy.log(2)  # log_2 8 = ln 8 / ln 2 = 3
    assert float(build(text)) == pytest.approx(3.0)


def test_log_base_is_a_whole_number_or_a_name():
    assert build("log_10(eta)") == sympy.log(eta) / sympy.log(10)
    assert build("\\log_\\beta \\eta") == sympy.log(eta) / sympy.log(beta)
    with pytest.raises(AnswerSyntaxError) as caught:
        build("log_(eta)")
    assert "base of the logarithm" in caught.value.message


def test_a_set_is_a_list_of_values_not_a_matrix():
    assert to_list(parse("{1 - beta, eta}"), SCOPE) == (1 - beta, eta)
    with pytest.raises(AnswerSyntaxError) as caught:
        to_matrix(parse("{1, 2}"), SCOPE)
    assert caught.value.note == notes.KIND
