"""The tokenizer: one canonical token per spelling, positions kept, limits enforced."""
from fractions import Fraction

import pytest

from autograder.grading.answers import notes
from autograder.grading.answers.errors import AnswerSyntaxError
from autograder.grading.answers.tokens import tokenize


def kinds(text):
    return [token.kind for token in tokenize(text)][:-1]


def names(text):
    return [token.value for token in tokenize(text) if token.kind == "name"]


@pytest.mark.parametrize("text", [
    "sigma_l", "sigma_ell", "sigma_{l}", "sigma_{ell}", "σ_ℓ", "σ_l", "σₗ", "\\sigma_\\ell",
    "\\sigma_{\\ell}", "\\sigma_l", "σ_{ℓ}",
])
def test_subscript_spellings_are_one_name(text):
    assert names(text) == ["sigma_l"]


@pytest.mark.parametrize("text, expected", [
    ("η", "eta"), ("\\eta", "eta"), ("β", "beta"), ("λ", "lambda"), ("\\lambda", "lambda"),
    ("ε", "epsilon"), ("ϵ", "epsilon"), ("\\varepsilon", "epsilon"), ("eps", "epsilon"),
    ("ℓ", "ell"), ("\\ell", "ell"), ("sigma1", "sigma_1"), ("σ₁", "sigma_1"), ("Σ", "Sigma"),
    ("Sigma_{YY}", "Sigma_YY"), ("\\mathbf{X}", "X"), ("\\infty", "inf"), ("∞", "inf"),
    ("a_{t+1}", "a_t+1"), ("a_{t + 1}", "a_t+1"), ("aₜ₊₁", "a_t+1"), ("w_{t-1}", "w_t-1"), ("w_{t−1}", "w_t-1"),
    ("\\eta^*", "eta^*"), ("eta^{*}", "eta^*"), ("w^\\ast", "w^*"), ("w^{\\star}", "w^*"), ("η^*", "eta^*"),
    ("\\eta^*_{1}", "eta_1^*"), ("\\eta_1^*", "eta_1^*"), ("\\mathbf{I}_n", "I_n"), ("\\mathbb{E}", "E"),
    # Lecture 7's own notation: primes (β′) and vector arrows
    ("β′", "beta_prime"), ("\\beta^\\prime", "beta_prime"), ("\\beta^{\\prime}", "beta_prime"), ("\\beta\\prime", "beta_prime"),
    ("\\vec{w}_t", "w_t"), ("\\vec{a}_t", "a_t"), ("\\vec{w_t}", "w_t"), ("\\bm{w}_t", "w_t"), ("\\boldsymbol{a}_t", "a_t"),
])
def test_name_spellings(text, expected):
    assert names(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("a <= b", ["name", "<=", "name"]), ("a ≤ b", ["name", "<=", "name"]),
    ("a \\leq b", ["name", "<=", "name"]), ("a \\le b", ["name", "<=", "name"]),
    ("a >= b", ["name", ">=", "name"]), ("a ≥ b", ["name", ">=", "name"]),
    ("a \\geq b", ["name", ">=", "name"]), ("a \\ge b", ["name", ">=", "name"]),
    ("a ** b", ["name", "^", "name"]), ("a · b", ["name", "*", "name"]),
    ("a × b", ["name", "*", "name"]), ("a \\cdot b", ["name", "*", "name"]),
    ("a \\times b", ["name", "*", "name"]), ("a − b", ["name", "-", "name"]),
    ("a ∧ b", ["name", "and", "name"]), ("a ∨ b", ["name", "or", "name"]),
    ("a AND b", ["name", "and", "name"]), ("a \\land b", ["name", "and", "name"]),
    ("a ∈ b", ["name", "in", "name"]), ("a \\in b", ["name", "in", "name"]),
    ("(a) U (b)", ["(", "name", ")", "union", "(", "name", ")"]),
    ("(a) ∪ [b]", ["(", "name", ")", "union", "[", "name", "]"]),
    ("\\left|a\\right|", ["|<", "name", "|>"]), ("|a|", ["|", "name", "|"]),
    ("X^\\top", ["name", "^", "T"]), ("Xᵀ", ["name", "T"]), ("X^⊤", ["name", "^", "T"]),
    ("σ²", ["name", "^", "num"]), ("x⁻¹", ["name", "^", "-", "num"]),
    ("√x", ["sqrt", "name"]), ("a \\pm b", ["name", "±", "name"]), ("a ± b", ["name", "±", "name"]),
    ("a\\,b\\;c\\!d", ["name", "name", "name", "name"]), ("$x$", ["name"]),
    ("\\dfrac{1}{2}", ["frac", "{", "num", "}", "{", "num", "}"]),
    ("\\tfrac12", ["frac", "num"]),
    ("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}",
     ["begin_matrix", "name", "&", "name", "rowsep", "name", "&", "name", "end_matrix"]),
    ("\\text{ and }", ["and"]), ("\\operatorname{sqrt}(x)", ["name", "(", "name", ")"]),
    ("eta* = 1", ["name", "=", "num"]), ("eta* \\leq 1", ["name", "<=", "num"]),  # a star before a relation
    ("eta*2", ["name", "*", "num"]), ("eta**2", ["name", "^", "num"]), ("eta^2*x", ["name", "^", "num", "*", "name"]),
    ("\\log_2 x", ["name", "_", "num", "name"]), ("log_{b}(x)", ["name", "_", "{", "name", "}", "(", "name", ")"]),
    ("\\{a, b\\}", ["set{", "name", ",", "name", "set}"]), ("{a, b}", ["{", "name", ",", "name", "}"]),
])
def test_operator_spellings(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text, value", [
    ("1e-3", Fraction(1, 1000)), (".5", Fraction(1, 2)), ("2.5E+2", Fraction(250)),
    ("12", Fraction(12)), ("0.001", Fraction(1, 1000)), ("3.", Fraction(3)),
])
def test_numbers_are_exact(text, value):
    (token, _end) = tokenize(text)
    assert token.kind == "num" and token.value == value


def test_a_number_stops_before_a_name():
    assert kinds("2eta") == ["num", "name"]
    assert names("2eta") == ["eta"]


def test_positions_point_into_the_original_text():
    tokens = tokenize("\\frac{1}{\\sigma^2}")
    assert [(token.kind, token.pos) for token in tokens[:5]] == [
        ("frac", 0), ("{", 5), ("num", 6), ("}", 7), ("{", 8)]


@pytest.mark.parametrize("text, position, words", [
    ("a # b", 2, "unexpected '#'"),
    ("\\sigmaa", 0, "did you mean \\sigma?"),
    ("a ≠ b", 2, "not supported"),
    ("\\begin{align} x \\end{align}", 0, "not supported"),
])
def test_errors_say_where(text, position, words):
    with pytest.raises(AnswerSyntaxError) as caught:
        tokenize(text)
    assert caught.value.position == position
    assert words in caught.value.message


def test_too_long_is_rejected_before_reading():
    with pytest.raises(AnswerSyntaxError) as caught:
        tokenize("x" * 1_000_000)
    assert caught.value.note == notes.TOO_LONG


def test_too_many_tokens():
    with pytest.raises(AnswerSyntaxError) as caught:
        tokenize("+" * 1500)
    assert caught.value.note == notes.TOO_LONG


def test_long_number_literal_is_too_large():
    with pytest.raises(AnswerSyntaxError) as caught:
        tokenize("9" * 41)
    assert caught.value.note == notes.TOO_LARGE
