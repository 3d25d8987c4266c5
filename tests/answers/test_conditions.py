"""Condition trees become predicates; expected sets become pieces; both evaluate at a point."""
import pytest
import sympy

from autograder.grading.answers import parse
from autograder.grading.answers.conditions import (AllOf, AnyOf, Atom, Piece, direct_bounds, holds,
                                           pieces_contain, set_pieces, to_predicate)
from autograder.grading.answers.errors import AnswerSyntaxError
from autograder.grading.answers.numeric import FLOAT
from autograder.grading.answers.symbols import Scope

from .hw2 import ETA, SIGMA, eta, sigma

SCOPE = Scope.of((ETA, SIGMA))


def predicate(text):
    return to_predicate(parse(text), SCOPE, eta)


@pytest.mark.parametrize("text, expected", [
    ("0 < eta < 1/sigma^2", AllOf((Atom(sympy.S.Zero, "<", eta), Atom(eta, "<", 1 / sigma**2)))),
    ("eta < 1", Atom(eta, "<", sympy.S.One)),
    ("(0, 1]", AllOf((Atom(sympy.S.Zero, "<", eta), Atom(eta, "<=", sympy.S.One)))),
    ("eta in [1, inf)", Atom(sympy.S.One, "<=", eta)),
    ("eta < 1 or eta > 2", AnyOf((Atom(eta, "<", sympy.S.One), Atom(eta, ">", sympy.Integer(2))))),
    ("(0, 1) U (2, 3)", AnyOf((AllOf((Atom(0, "<", eta), Atom(eta, "<", 1))),
                              AllOf((Atom(2, "<", eta), Atom(eta, "<", 3)))))),
])
def test_predicates(text, expected):
    assert predicate(text) == expected


def test_direct_bounds_are_the_sides_opposite_the_variable():
    assert direct_bounds(predicate("0 < eta < 1/sigma^2"), eta) == [0, 1 / sigma**2]
    assert direct_bounds(predicate("|1 - eta| < 1"), eta) == []


@pytest.mark.parametrize("text, value, result", [
    ("0 < eta < 1/sigma^2", 0.2, True), ("0 < eta < 1/sigma^2", 0.25, False),
    ("eta <= 1/sigma^2", 0.25, True), ("sqrt(eta - 1) < 5", 0.5, False),  # undefined side: false
    ("eta < 1 or eta > 2", 3.0, True),
])
def test_holds(text, value, result):
    assert holds(predicate(text), {"eta": value, "sigma": 2.0}, FLOAT) is result


def test_set_pieces():
    union = sympy.Union(sympy.Interval.Lopen(0, 1 / sigma), sympy.FiniteSet(5 / sigma))
    assert set_pieces(union) == (Piece(0, 1 / sigma, False, True), Piece(5 / sigma, 5 / sigma, True, True))
    assert set_pieces(sympy.S.EmptySet) == ()


@pytest.mark.parametrize("value, result", [(0.5, True), (0.0, False), (1.0, True), (2.5, True), (2.4, False)])
def test_pieces_contain(value, result):
    pieces = set_pieces(sympy.Union(sympy.Interval.Lopen(0, 2 / sigma), sympy.FiniteSet(5 / sigma)))
    assert pieces_contain(pieces, value, {"sigma": 2.0}, FLOAT) is result


@pytest.mark.parametrize("text", ["1/sigma^2", "sigma > 0", "eta in 5", "eta, 1"])
def test_not_conditions_on_eta(text):
    with pytest.raises(AnswerSyntaxError):
        predicate(text)
