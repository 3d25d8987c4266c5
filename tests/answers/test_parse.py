"""The parser: the tree it builds for each notation, and where it stops on bad input."""
from fractions import Fraction

import pytest

from autograder.grading.answers import notes, parse, read_answer
from autograder.grading.answers.errors import AnswerShapeError, AnswerSyntaxError
from autograder.grading.answers.tree import (Call, Group, Logic, Name, Neg, Num, Power, Product,
                                     Relation, Rows, Sequence, SetUnion, Sum, Transpose)


def shape(node):
    """The tree without positions, as nested tuples, to compare with a hand-written one."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Call):
        return (node.func, *map(shape, node.args))
    if isinstance(node, Neg):
        return ("neg", shape(node.operand))
    if isinstance(node, Sum):
        return ("sum", *(f"{sign}" for sign in node.signs), *map(shape, node.terms))
    if isinstance(node, Product):
        return ("prod", *node.ops, *map(shape, node.factors))
    if isinstance(node, Power):
        return ("pow", shape(node.base), shape(node.exponent))
    if isinstance(node, Transpose):
        return ("T", shape(node.operand))
    if isinstance(node, Relation):
        return ("rel", *node.ops, *map(shape, node.operands))
    if isinstance(node, Logic):
        return (node.op, *map(shape, node.items))
    if isinstance(node, SetUnion):
        return ("union", *map(shape, node.items))
    if isinstance(node, Group):
        return (node.opening + node.closing, *map(shape, node.items))
    if isinstance(node, Rows):
        return ("rows", *(tuple(map(shape, row)) for row in node.rows))
    if isinstance(node, Sequence):
        return ("seq", *map(shape, node.items))
    raise AssertionError(node)


ONE, TWO = Fraction(1), Fraction(2)
INV_SIGMA_SQ = ("prod", "*", "/", ONE, ("pow", "sigma", TWO))


@pytest.mark.parametrize("text", [
    "1/sigma^2", "1/sigma**2", "1/σ²", "\\frac{1}{\\sigma^2}", "\\dfrac{1}{\\sigma^{2}}",
    "\\frac1{\\sigma^2}", "1 / (sigma^2)",
])
def test_one_over_sigma_squared(text):
    assert shape(parse(text)) == INV_SIGMA_SQ


@pytest.mark.parametrize("text, expected", [
    ("2 eta sigma^2", ("prod", "*", "*", "*", TWO, "eta", ("pow", "sigma", TWO))),
    ("2·η·σ²", ("prod", "*", "*", "*", TWO, "eta", ("pow", "sigma", TWO))),
    ("-x^2", ("neg", ("pow", "x", TWO))),
    ("a^b^c", ("pow", "a", ("pow", "b", "c"))),
    ("x^-1", ("pow", "x", ("neg", ONE))),
    ("x^{-1}", ("pow", "x", ("neg", ONE))),
    ("2^3x", ("prod", "*", "*", ("pow", TWO, Fraction(3)), "x")),
    ("a/b c", ("prod", "*", "/", "*", "a", "b", "c")),
    ("eta(1-beta)", ("prod", "*", "*", "eta", ("sum", "+", "-", ONE, "beta"))),
    ("|1-2 eta|", ("abs", ("sum", "+", "-", ONE, ("prod", "*", "*", TWO, "eta")))),
    ("2|x|", ("prod", "*", "*", TWO, ("abs", "x"))),
    ("|x| |y|", ("prod", "*", "*", ("abs", "x"), ("abs", "y"))),
    ("\\left|x\\right|", ("abs", "x")),
    ("\\left| |x| - 1 \\right|", ("abs", ("sum", "+", "-", ("abs", "x"), ONE))),
    ("sqrt(1-beta)", ("sqrt", ("sum", "+", "-", ONE, "beta"))),
    ("√(1−β)", ("sqrt", ("sum", "+", "-", ONE, "beta"))),
    ("\\sqrt{1-\\beta}", ("sqrt", ("sum", "+", "-", ONE, "beta"))),
    ("\\sqrt[3]{x}", ("root", "x", Fraction(3))),
    ("√2 x", ("prod", "*", "*", ("sqrt", TWO), "x")),
    ("\\log \\epsilon", ("log", "epsilon")),
    ("ln(x)", ("log", "x")),
    ("\\ln x^2", ("log", ("pow", "x", TWO))),
    ("\\exp(-x)", ("exp", ("neg", "x"))),
    ("\\min(a, b)", ("min", "a", "b")),
    ("max(a, b, c)", ("max", "a", "b", "c")),
    ("50%", ("prod", "*", "/", Fraction(50), Fraction(100))),
    ("X^T", ("pow", "X", "T")),
    ("X^\\top", ("T", "X")),
    ("X^{\\top}", ("T", "X")),
    ("Xᵀ", ("T", "X")),
    ("X'", ("T", "X")),
    ("a ± b", ("sum", "+", "±", "a", "b")),
    ("\\log_2 x", ("log", "x", TWO)),
    ("log_10(x)", ("log", "x", Fraction(10))),  # a whole number, not \\frac's one digit
    ("\\log_{|b|}(x)", ("log", "x", ("abs", "b"))),
    ("log_b x^2", ("log", ("pow", "x", TWO), "b")),
    ("E[w_t]", "E[w_t]"),
    ("\\mathbb{E}\\left[w_t\\right]", "E[w_t]"),
    ("2 E[w] + 1", ("sum", "+", "+", ("prod", "*", "*", TWO, "E[w]"), ONE)),
    ("E[w + 1]", ("prod", "*", "*", "E", ("[]", ("sum", "+", "+", "w", ONE)))),  # only E[name] is one name
    ("e[w]", ("prod", "*", "*", "e", ("[]", "w"))),
])
def test_expression_trees(text, expected):
    assert shape(parse(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("0 < eta < 1/sigma^2", ("rel", "<", "<", Fraction(0), "eta", INV_SIGMA_SQ)),
    ("\\eta < \\frac{1}{\\sigma^2}", ("rel", "<", "eta", INV_SIGMA_SQ)),
    ("η ≤ 1/σ²", ("rel", "<=", "eta", INV_SIGMA_SQ)),
    ("eta > 0 and eta < 1", ("and", ("rel", ">", "eta", Fraction(0)), ("rel", "<", "eta", ONE))),
    ("eta > 0 ∧ eta < 1", ("and", ("rel", ">", "eta", Fraction(0)), ("rel", "<", "eta", ONE))),
    ("eta < 0 or eta > 1", ("or", ("rel", "<", "eta", Fraction(0)), ("rel", ">", "eta", ONE))),
    ("eta > 0, eta < 1", ("seq", ("rel", ">", "eta", Fraction(0)), ("rel", "<", "eta", ONE))),
    ("(0, 1/sigma^2)", ("()", Fraction(0), INV_SIGMA_SQ)),
    ("(0, 1/sigma^2]", ("(]", Fraction(0), INV_SIGMA_SQ)),
    ("[0, 1)", ("[)", Fraction(0), ONE)),
    ("(0, 1) U (2, 3)", ("union", ("()", Fraction(0), ONE), ("()", TWO, Fraction(3)))),
    ("(0,1) ∪ [2, ∞)", ("union", ("()", Fraction(0), ONE), ("[)", TWO, "inf"))),
    ("eta \\in (0, 1)", ("rel", "in", "eta", ("()", Fraction(0), ONE))),
    ("T > E", ("rel", ">", "T", "E")),
    ("a = b", ("rel", "=", "a", "b")),
    ("a == b", ("rel", "=", "a", "b")),
    ("{a, b}", ("{}", "a", "b")),
    ("\\{a, b\\}", ("{}", "a", "b")),
    ("\\{a\\}", ("{}", "a")),  # set braces make a set even around one item
    ("{a}", "a"),  # plain braces around one item only group it
    ("\\left\\{a, b\\right\\}", ("{}", "a", "b")),
    ("η ∈ {a, b}", ("rel", "in", "eta", ("{}", "a", "b"))),
    ("(0, a) ∪ \\{b\\}", ("union", ("()", Fraction(0), "a"), ("{}", "b"))),
    ("\\eta^* = a", ("rel", "=", "eta^*", "a")),
    ("a_{t+1} = a_t", ("rel", "=", "a_t+1", "a_t")),
])
def test_condition_trees(text, expected):
    assert shape(parse(text)) == expected


@pytest.mark.parametrize("text", [
    "[[a, b], [c, d]]", "[a, b; c, d]", "\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}",
    "\\begin{bmatrix} a & b \\\\ c & d \\\\ \\end{bmatrix}",
])
def test_matrix_notations(text):
    node = parse(text)
    rows = node.rows if isinstance(node, Rows) else tuple(row.items for row in node.items)
    assert [[shape(entry) for entry in row] for row in rows] == [["a", "b"], ["c", "d"]]


@pytest.mark.parametrize("raw, expected", [
    (3, Fraction(3)), (0.1, Fraction(1, 10)), (2.5e-3, Fraction(1, 400)),
    (["a", 1], ("[]", "a", ONE)), ([["a", "b"], ["c", 2]], ("[]", ("[]", "a", "b"), ("[]", "c", TWO))),
])
def test_raw_toml_values(raw, expected):
    assert shape(read_answer(raw)) == expected


@pytest.mark.parametrize("raw, note", [
    (True, notes.KIND), (float("inf"), notes.KIND), (float("nan"), notes.KIND), ([], notes.EMPTY),
    ({"a": 1}, notes.KIND), ([[["a"]]], notes.SHAPE), ([0] * 1_000_000, notes.TOO_LARGE),
    (10**50, notes.TOO_LARGE), ("", notes.EMPTY), ("   ", notes.EMPTY),
])
def test_raw_values_that_are_not_answers(raw, note):
    with pytest.raises(AnswerSyntaxError) as caught:
        read_answer(raw)
    assert caught.value.note == note


def test_an_unreadable_list_item_says_which_item():
    with pytest.raises(AnswerSyntaxError) as caught:
        read_answer(["a", "b)"])
    assert caught.value.student_message().startswith("in item 2: could not read your answer at character 2")


@pytest.mark.parametrize("text, message", [
    ("eta < 1/sigma^2)", "could not read your answer at character 16: unexpected ')'"),
    ("2 * (eta + 1))", "could not read your answer at character 14: unexpected ')'"),
    ("(1 + eta", "could not read your answer at character 9: unexpected end of your answer (expected ')')"),
    ("1 +", "could not read your answer at character 4: unexpected end of your answer"),
    ("eta < < 1", "could not read your answer at character 7: unexpected '<'"),
    ("2 3", "could not read your answer at character 3: unexpected '3'"),
    ("x!", "could not read your answer at character 2: factorials are not supported"),
    ("()", "could not read your answer at character 2: unexpected ')' (empty brackets)"),
    ("log(a, b)", "could not read your answer at character 1: log takes one argument, not 2"),
    ("\\{a, b", "could not read your answer at character 7: unexpected end of your answer (expected '\\}')"),
    ("{a, b)", "could not read your answer at character 6: unexpected ')' (expected '}')"),
    ("a.b", "could not read your answer at character 2: unexpected '.'"),
])
def test_syntax_errors_point_at_the_character(text, message):
    with pytest.raises(AnswerSyntaxError) as caught:
        parse(text)
    assert caught.value.note == notes.SYNTAX
    assert caught.value.student_message() == message


@pytest.mark.parametrize("text", ["(" * 60 + "1" + ")" * 60, "-" * 60 + "1", "2^" * 60 + "2",
                                  "sqrt " * 60 + "2", "|" * 60])
def test_nesting_is_limited(text):
    with pytest.raises(AnswerSyntaxError) as caught:
        parse(text)
    assert caught.value.note in (notes.TOO_DEEP, notes.SYNTAX)
    if text.startswith(("(", "-", "2^", "sqrt")):
        assert caught.value.note == notes.TOO_DEEP


def test_moderate_nesting_is_fine():
    assert shape(parse("(" * 40 + "1" + ")" * 40)) == ONE


def test_shape_error_has_no_position():
    error = AnswerShapeError("a matrix is expected")
    assert error.position is None and error.student_message() == "a matrix is expected"


@pytest.mark.parametrize("text, expected", [
    ("ceil(x)", ("ceil", "x")),
    ("⌈x⌉", ("ceil", "x")),
    ("\\lceil x \\rceil", ("ceil", "x")),
    ("\\left\\lceil x/2 \\right\\rceil", ("ceil", ("prod", "*", "/", "x", TWO))),
    ("floor(x) + 1", ("sum", "+", "+", ("floor", "x"), ONE)),
    ("⌊x⌋ + 1", ("sum", "+", "+", ("floor", "x"), ONE)),
    ("\\lfloor x \\rfloor", ("floor", "x")),
    ("2⌈|x|⌉", ("prod", "*", "*", TWO, ("ceil", ("abs", "x")))),
])
def test_rounding_up_and_down(text, expected):
    assert shape(parse(text)) == expected


PINV_X_Y = ("prod", "*", "*", ("pinv", "X"), "y")


@pytest.mark.parametrize("text", ["pinv(X) y", "X^+ y", "X^+y", "X^{+} y", "X⁺ y", "X⁺y", "X^\\dagger y",
                                  "X^{\\dagger} y", "X† y", "(X^+) y"])
def test_pseudo_inverse(text):
    assert shape(parse(text)) == PINV_X_Y


@pytest.mark.parametrize("text, expected", [
    ("2^+3", ("pow", TWO, Fraction(3))),  # a signed exponent, not a pseudo-inverse
    ("x^+(1/2)", ("pow", "x", ("prod", "*", "/", ONE, TWO))),
    ("x^+ 2", ("pow", "x", TWO)),
])
def test_a_plus_before_a_number_or_bracket_signs_the_exponent(text, expected):
    assert shape(parse(text)) == expected


@pytest.mark.parametrize("text, words", [
    ("⌈x", "expected '⌉'"),
    ("⌈x⌋", "expected '⌉'"),
    ("\\lfloor x \\rceil", "expected '⌋'"),
    ("ceil(x, 2)", "ceil takes one argument"),
])
def test_rounding_brackets_must_match(text, words):
    with pytest.raises(AnswerSyntaxError, match=words):
        parse(text)


def test_the_pseudo_inverse_is_not_a_scalar_function():
    from autograder.grading.answers import Expression, Symbol
    x = Symbol("x")
    outcome = Expression(x.sym, (x,)).check("pinv(x)")
    assert (outcome.status, outcome.note) == ("invalid", notes.KIND)
    assert "applies to matrices" in outcome.message
