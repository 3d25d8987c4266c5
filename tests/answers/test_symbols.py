"""Declared symbols and name resolution: aliases, case, runs of names, suggestions."""
import pytest
import sympy

from autograder.grading.answers import DeclarationError, MatrixSymbol, Symbol, notes, parse
from autograder.grading.answers.errors import AnswerSyntaxError
from autograder.grading.answers.symbols import Scope, spelling_key
from autograder.grading.answers.tree import Name

from .hw2 import BETA, ETA, SIGMA, SIGMA_L, SIGMA_S


def resolve(scope, text):
    node = parse(text)
    assert isinstance(node, Name)
    return scope.resolve(node)


def test_sym_is_the_same_object_with_the_declared_assumptions():
    assert ETA.sym == Symbol("eta").sym
    assert ETA.sym.is_positive and ETA.sym.is_real
    free = Symbol("x", positive=False, interval=(None, None)).sym
    assert free.is_real and free.is_positive is None  # not "nonpositive"


@pytest.mark.parametrize("alias, key", [
    ("sigma_ell", "sigma_l"), ("σ_ℓ", "sigma_l"), ("\\sigma_{\\ell}", "sigma_l"), ("eps", "epsilon"),
    ("a_{t+1}", "a_t+1"), ("\\eta^*", "eta^*"), ("E[w_t]", "E[w_t]"), ("\\mathbb{E}[w_{t}]", "E[w_t]"),
])
def test_spelling_key(alias, key):
    assert spelling_key(alias) == key


def test_spelling_key_rejects_non_names():
    with pytest.raises(ValueError):
        spelling_key("a + b")


SCOPE = Scope.of((ETA, SIGMA, SIGMA_L, SIGMA_S, BETA))


@pytest.mark.parametrize("text, meaning", [
    ("eta", ETA.sym), ("η", ETA.sym), ("\\eta", ETA.sym), ("step", ETA.sym), ("lr", ETA.sym),
    ("Eta", ETA.sym), ("ETA", ETA.sym), ("sigma_l", SIGMA_L.sym), ("σ_ℓ", SIGMA_L.sym),
    ("sigma_max", SIGMA_L.sym), ("\\sigma_{\\ell}", SIGMA_L.sym), ("sigma_ell", SIGMA_L.sym),
    ("sigma_{s}", SIGMA_S.sym), ("pi", sympy.pi), ("e", sympy.E), ("inf", sympy.oo),
])
def test_names_resolve_to_declared_symbols(text, meaning):
    assert resolve(SCOPE, text) == (meaning,)


def test_a_run_of_names_is_a_product():
    assert resolve(SCOPE, "etasigma") == (ETA.sym, SIGMA.sym)
    assert resolve(SCOPE, "betaetasigma_l") == (BETA.sym, ETA.sym, SIGMA_L.sym)


def test_case_matters_when_both_cases_are_declared():
    x_matrix, x_scalar = MatrixSymbol("X"), Symbol("x")
    scope = Scope.of((x_matrix, x_scalar))
    assert resolve(scope, "X") == (x_matrix,)
    assert resolve(scope, "x") == (x_scalar.sym,)


def test_capital_e_is_never_eulers_number():
    assert resolve(SCOPE, "e") == (sympy.E,)
    with pytest.raises(AnswerSyntaxError) as caught:
        resolve(SCOPE, "E")
    assert "unknown symbol 'E'" in caught.value.message


def test_expectation_of_a_declared_symbol_resolves_only_where_declared():
    w = Symbol("w", aliases=("E[w]", "E[w_t]"))
    assert resolve(Scope.of((w,)), "E[w_t]") == (w.sym,)
    assert resolve(Scope.of((w,)), "\\mathbb{E}\\left[w\\right]") == (w.sym,)
    with pytest.raises(AnswerSyntaxError) as caught:
        resolve(Scope.of((Symbol("w"),)), "E[w]")
    assert "unknown symbol 'E[w]'; this answer may use w" in caught.value.message


def test_unlisted_names_resolve_but_are_never_suggested():
    scope = Scope.of((ETA,), unlisted={"T": sympy.S.One, "eta_t+1": sympy.S.One})
    assert resolve(scope, "T") == (sympy.S.One,)
    assert resolve(scope, "eta_{t+1}") == (sympy.S.One,)
    with pytest.raises(AnswerSyntaxError) as caught:
        resolve(scope, "Tx")
    assert caught.value.message.endswith("; this answer may use eta")


def test_declared_name_shadows_a_constant():
    e = Symbol("e")
    assert resolve(Scope.of((e,)), "e") == (e.sym,)


@pytest.mark.parametrize("text, message", [
    ("sigm", "unknown symbol 'sigm' (did you mean sigma?)"),
    ("etta", "unknown symbol 'etta' (did you mean eta?)"),
    ("sqr", "unknown symbol 'sqr' (did you mean sqrt?)"),
    ("zzz", "unknown symbol 'zzz'; this answer may use beta, eta, sigma, sigma_l, sigma_s"),
])
def test_unknown_names_get_a_suggestion(text, message):
    with pytest.raises(AnswerSyntaxError) as caught:
        resolve(SCOPE, text)
    assert caught.value.note == notes.UNKNOWN_SYMBOL
    assert message in caught.value.message
    assert caught.value.position == 0


def test_one_spelling_for_two_symbols_is_a_declaration_error():
    with pytest.raises(DeclarationError):
        Scope.of((Symbol("sigma_l", aliases=("s",)), Symbol("sigma_s", aliases=("s",))))
