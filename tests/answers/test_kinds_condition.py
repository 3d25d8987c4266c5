"""Conditions compared as solution sets over the variable's domain (HW2 Q1(a), Q1(c), Q2(c))."""
import pytest
import sympy

from autograder.grading.answers import (Condition, DeclarationError, Reading, Symbol, factor_of_2, sigma_for_sigma_sq,
                                        wrong_sigma)
from autograder.grading.answers.sampling import UNBOUNDED_SPAN

from .hw2 import (BETA, COMPLEX_EIGENVALUES, ETA, REAL_EIGENVALUES, REPEATED_EIGENVALUES, SIGMA,
                  SIGMA_L, SIGMA_S, STABLE_ETA, STABLE_ETA_2D, sigma)
from .outcomes import assert_outcome

# -- HW2 Q1(a): 0 < eta < 1/sigma^2 ---------------------------------------------------------------
Q1A = Condition(ETA, STABLE_ETA, (SIGMA,), mistakes=(*factor_of_2(STABLE_ETA), *sigma_for_sigma_sq(STABLE_ETA, SIGMA)))


@pytest.mark.parametrize("answer", [
    "0 < eta < 1/sigma^2", "eta < 1/sigma^2", "η < 1/σ²", "0 < η < 1/σ²", "\\eta < \\frac{1}{\\sigma^2}",
    "0<\\eta<\\frac{1}{\\sigma^{2}}", "(0, 1/sigma^2)", "eta in (0, 1/sigma^2)",
    "\\eta \\in \\left(0, \\frac{1}{\\sigma^2}\\right)", "eta > 0 and eta < 1/sigma^2",
    "eta > 0, eta < 1/sigma^2", "eta sigma^2 < 1", "|1 - 2 eta sigma^2| < 1", "1/sigma^2 > eta",
    "eta < sigma^-2", "eta ∈ (0, σ⁻²)", ["eta > 0", "eta < 1/sigma^2"], "eta < 1/sigma^2 ∧ eta > 0",
    "0 < \\eta \\cdot \\sigma^2 < 1", "-1 < 1 - 2 eta sigma^2 < 1", "eta < 1/sigma^2 or eta < 0",
    "0 \\leq \\eta < 1/\\sigma^2", "eta in [0, 1/sigma^2)", "$0 < \\eta < \\sigma^{-2}$",
    "eta < 1/sigma^2 \\text{ and } eta > 0", "eta*sigma**2 < 1", "(-inf, 1/sigma^2)",
    "eta < 1/sigma^2 or eta = 1/(2 sigma^2)",
])
def test_q1a_correct(answer):
    assert_outcome(Q1A.check(answer), "correct", "correct")


@pytest.mark.parametrize("answer, note, words", [
    ("eta <= 1/sigma^2", "wrong.boundary_not_strict", "your boundary is not strict"),
    ("0 < η ≤ 1/σ²", "wrong.boundary_not_strict", "your boundary is not strict"),
    ("(0, 1/sigma^2]", "wrong.boundary_not_strict", "your boundary is not strict"),
    ("|1 - 2 eta sigma^2| <= 1", "wrong.boundary_not_strict", "your boundary is not strict"),
    ("eta < 2/sigma^2", "wrong.factor_of_2", "factor of 2"),
    ("eta < 1/(2 sigma^2)", "wrong.factor_of_2", "factor of 2"),
    ("eta <= 2/sigma^2", "wrong.factor_of_2", "factor of 2"),
    ("|1 - eta sigma^2| < 1", "wrong.factor_of_2", "factor of 2"),
    ("eta < 1/sigma", "wrong.sigma_for_sigma_sq", "sigma where sigma^2 belongs"),
    ("eta > 1/sigma^2", "wrong.not_equivalent", "right set of eta values"),
    ("eta < 1", "wrong.not_equivalent", "right set of eta values"),
    ("eta > 0", "wrong.not_equivalent", "right set of eta values"),
    ("eta < 1.001/sigma^2", "wrong.not_equivalent", "right set of eta values"),
    ("0 < eta < 1/sigma^2 or eta = 5", "wrong.not_equivalent", "right set of eta values"),
    ("eta = 1/sigma^2", "wrong.not_equivalent", "right set of eta values"),
    ("eta < 1/sigma^2 and eta > 1/(4 sigma^2)", "wrong.not_equivalent", "right set of eta values"),
])
def test_q1a_wrong(answer, note, words):
    assert_outcome(Q1A.check(answer), "wrong", note, words)


@pytest.mark.parametrize("answer, note, words", [
    ("1/sigma^2", "invalid.kind", "a condition on eta is expected"),
    ("eta < 1/sigm^2", "invalid.unknown_symbol", "did you mean sigma?"),
    ("eta <", "invalid.syntax", "character 6: unexpected end"),
    ("sigma > 0", "invalid.kind", "does not mention eta"),
    ("eta in (0, 1, 2)", "invalid.kind", "interval"),
    ("(0, 1) < eta", "invalid.kind", "interval"),
    ("eta in 5", "invalid.kind", "interval"),
    ("eta != 0", "invalid.syntax", "not supported"),
    ("", "invalid.empty", "empty"),
])
def test_q1a_invalid(answer, note, words):
    assert_outcome(Q1A.check(answer), "invalid", note, words)


def test_lenient_policy_accepts_either_strictness():
    lenient = Condition(ETA, STABLE_ETA, (SIGMA,), strict="lenient")
    assert_outcome(lenient.check("eta <= 1/sigma^2"), "correct", "correct.boundary_lenient")
    assert_outcome(lenient.check("eta < 1/sigma^2"), "correct", "correct")
    assert_outcome(lenient.check("eta < 2/sigma^2"), "wrong", "wrong.not_equivalent")


def test_strict_boundary_where_the_endpoint_belongs():
    closed = Condition(ETA, sympy.Interval.Lopen(0, 1 / sigma**2), (SIGMA,))
    assert_outcome(closed.check("eta < 1/sigma^2"), "wrong", "wrong.boundary_strict", "endpoint belongs")
    assert_outcome(closed.check("eta <= 1/sigma^2"), "correct", "correct")


def test_lenient_ends_and_the_reason_for_a_graded_end():
    """(0, 1/sigma^2) U (2/sigma^2, 3/sigma^2): either strictness at 1/sigma^2 and 2/sigma^2, none at 3/sigma^2."""
    low, middle, top = 1 / sigma**2, 2 / sigma**2, 3 / sigma**2
    pieces = sympy.Union(sympy.Interval.open(0, low), sympy.Interval.open(middle, top))
    kind = Condition(ETA, pieces, (SIGMA,), lenient_at=(low, middle), ends_reason="at 3/sigma^2 the factor is -1")
    assert_outcome(kind.check("eta < 1/sigma^2 or 2/sigma^2 < eta < 3/sigma^2"), "correct", "correct")
    assert_outcome(kind.check("eta <= 1/sigma^2 or 2/sigma^2 <= eta < 3/sigma^2"), "correct", "correct.boundary_lenient")
    for closed_top in ("eta < 1/sigma^2 or 2/sigma^2 < eta <= 3/sigma^2", "eta <= 1/sigma^2 or 2/sigma^2 <= eta <= 3/sigma^2"):
        assert_outcome(kind.check(closed_top), "wrong", "wrong.boundary_not_strict",
                       "your boundary is not strict: at 3/sigma^2 the factor is -1")
    assert_outcome(kind.check("eta < 1/sigma^2 or 2/sigma^2 < eta < 4/sigma^2"), "wrong", "wrong.not_equivalent")


def test_unknown_policy_is_a_declaration_error():
    with pytest.raises(ValueError):
        Condition(ETA, STABLE_ETA, (SIGMA,), strict="sometimes")


# -- HW2 Q1(c): eta < 1/sigma_l^2 ------------------------------------------------------------------
Q1C = Condition(ETA, STABLE_ETA_2D, (SIGMA_L, SIGMA_S),
                mistakes=wrong_sigma(STABLE_ETA_2D, SIGMA_L, SIGMA_S))


@pytest.mark.parametrize("answer, status, note", [
    ("eta < 1/sigma_l^2", "correct", "correct"), ("η < 1/σ_ℓ²", "correct", "correct"),
    ("\\eta<\\frac{1}{\\sigma_\\ell^2}", "correct", "correct"), ("0 < eta < 1/sigma_max^2", "correct", "correct"),
    ("eta < 1/sigma_s^2", "wrong", "wrong.wrong_sigma"), ("eta <= 1/sigma_s^2", "wrong", "wrong.wrong_sigma"),
    ("eta < 1/(sigma_l^2 + sigma_s^2)", "wrong", "wrong.not_equivalent"),
])
def test_q1c(answer, status, note):
    assert_outcome(Q1C.check(answer), status, note)


# -- HW2 Q2(c): real, complex and repeated eigenvalues of R_i --------------------------------------
Q2C_REAL = Condition(ETA, REAL_EIGENVALUES, (SIGMA, BETA))
Q2C_COMPLEX = Condition(ETA, COMPLEX_EIGENVALUES, (SIGMA, BETA))
Q2C_REPEATED = Condition(ETA, REPEATED_EIGENVALUES, (SIGMA, BETA))
LOW = "(1-sqrt(1-beta))^2/(2 beta sigma^2)"
HIGH = "(1+sqrt(1-beta))^2/(2 beta sigma^2)"
DISCRIMINANT = "(2 - beta - 2 eta beta sigma^2)^2 - 4(1-beta)"


@pytest.mark.parametrize("kind, answer, status, note", [
    (Q2C_REAL, f"eta <= {LOW} or eta >= {HIGH}", "correct", "correct"),
    (Q2C_REAL, "(0, (1-√(1-β))²/(2βσ²)] ∪ [(1+√(1-β))²/(2βσ²), ∞)", "correct", "correct"),
    (Q2C_REAL, f"(0, {LOW}] U [{HIGH}, inf)", "correct", "correct"),
    (Q2C_REAL, f"{DISCRIMINANT} >= 0", "correct", "correct"),
    (Q2C_REAL, "eta <= (2-beta-2sqrt(1-beta))/(2 beta sigma^2) or eta >= (2-beta+2sqrt(1-beta))/(2 beta sigma^2)",
     "correct", "correct"),
    (Q2C_REAL, f"eta < {LOW} or eta > {HIGH}", "wrong", "wrong.boundary_strict"),
    (Q2C_REAL, f"{DISCRIMINANT} > 0", "wrong", "wrong.boundary_strict"),
    (Q2C_REAL, f"eta <= {LOW}", "wrong", "wrong.not_equivalent"),
    (Q2C_COMPLEX, f"{LOW} < eta < {HIGH}", "correct", "correct"),
    (Q2C_COMPLEX, f"{DISCRIMINANT} < 0", "correct", "correct"),
    (Q2C_COMPLEX, f"eta in ({LOW}, {HIGH})", "correct", "correct"),
    (Q2C_COMPLEX, f"{LOW} <= eta <= {HIGH}", "wrong", "wrong.boundary_not_strict"),
    (Q2C_COMPLEX, f"eta < {HIGH}", "wrong", "wrong.not_equivalent"),
    (Q2C_REPEATED, f"eta = {LOW} or eta = {HIGH}", "correct", "correct"),
    (Q2C_REPEATED, f"{DISCRIMINANT} = 0", "correct", "correct"),
    (Q2C_REPEATED, f"eta = {LOW}", "wrong", "wrong.not_equivalent"),
    (Q2C_REPEATED, f"{LOW} <= eta <= {HIGH}", "wrong", "wrong.not_equivalent"),
])
def test_q2c_eigenvalue_regimes(kind, answer, status, note):
    assert_outcome(kind.check(answer), status, note)


# -- Points: finite sets, "±" in an equality, and several values listed for eta ----------------------
# LOW and HIGH are (1 -+ s)^2/(2 beta sigma^2) with s = sqrt(1 - beta) in (0, 1), so beta sigma^2 LOW < 1/2 <
# beta sigma^2 HIGH: "eta > 1/(2 beta sigma^2)" keeps HIGH only.
@pytest.mark.parametrize("kind, answer, status, note", [
    (Q2C_REPEATED, f"eta in {{{LOW}, {HIGH}}}", "correct", "correct"),
    (Q2C_REPEATED, f"η ∈ {{{HIGH}, {LOW}}}", "correct", "correct"),
    (Q2C_REPEATED, f"{{{LOW}, {HIGH}}}", "correct", "correct"),
    (Q2C_REPEATED, f"\\eta \\in \\left\\{{{LOW}, {HIGH}\\right\\}}", "correct", "correct"),
    (Q2C_REPEATED, "eta = (1 ± sqrt(1-beta))^2/(2 beta sigma^2)", "correct", "correct"),
    (Q2C_REPEATED, "(1 ± sqrt(1-beta))^2/(2 beta sigma^2) = eta", "correct", "correct"),
    (Q2C_REPEATED, "eta in \\{(1 ± sqrt(1-beta))^2/(2 beta sigma^2)\\}", "correct", "correct"),
    (Q2C_REPEATED, [f"eta = {LOW}", f"eta = {HIGH}"], "correct", "correct"),
    (Q2C_REPEATED, f"eta = {LOW}, eta = {HIGH}", "correct", "correct"),
    (Q2C_REPEATED, [f"eta = {LOW}", f"eta = {HIGH}", "eta > 0"], "correct", "correct"),
    (Q2C_REPEATED, [f"eta = {LOW}", f"eta = {HIGH}", "eta > 1/(2 beta sigma^2)"], "wrong", "wrong.not_equivalent"),
    (Q2C_REPEATED, f"\\eta \\in \\{{{LOW}\\}}", "wrong", "wrong.not_equivalent"),
    (Q2C_REPEATED, "eta = (1 ± sqrt(1-beta))/(2 beta sigma^2)", "wrong", "wrong.not_equivalent"),
    (Q2C_REPEATED, f"eta in {{{LOW}, {HIGH}, 1/sigma^2}}", "wrong", "wrong.not_equivalent"),
    # Listing values must not make a wrong answer right where the set is an interval:
    (Q2C_REAL, [f"eta = {LOW}", f"eta = {HIGH}"], "wrong", "wrong.not_equivalent"),
    (Q2C_COMPLEX, [f"eta = {LOW}", f"eta = {HIGH}"], "wrong", "wrong.not_equivalent"),
    (Q2C_COMPLEX, f"eta in {{{LOW}, {HIGH}}}", "wrong", "wrong.not_equivalent"),
    (Q2C_REAL, [f"eta < {LOW}", f"eta > {HIGH}"], "wrong", "wrong.not_equivalent"),  # inequalities all hold
    (Q2C_COMPLEX, [f"eta > {LOW}", f"eta < {HIGH}"], "correct", "correct"),
    (Q1A, "(0, 1/(2 sigma^2)) ∪ \\{1/(2 sigma^2)\\} ∪ (1/(2 sigma^2), 1/sigma^2)", "correct", "correct"),
    (Q1A, "(0, 1/(2 sigma^2)) ∪ (1/(2 sigma^2), 1/sigma^2)", "wrong", "wrong.not_equivalent"),
])
def test_points_and_lists_of_values(kind, answer, status, note):
    assert_outcome(kind.check(answer), status, note)


@pytest.mark.parametrize("answer, note, words", [
    ("eta < (1 ± sqrt(1-beta))^2/(2 beta sigma^2)", "invalid.kind", "'±'"),
    ("0 < eta = (1 ± sqrt(1-beta))^2", "invalid.kind", "'±'"),
    ("eta in {" + ", ".join(str(k) for k in range(1, 30)) + "}", "invalid.too_large", "set is too large"),
    ("eta = 1 ± 2 ± 3 ± 4 ± 5", "invalid.too_large", "'±'"),
    ("eta in {1, 2} < 3", "invalid.kind", "interval"),
])
def test_points_that_cannot_be_read(answer, note, words):
    assert_outcome(Q2C_REPEATED.check(answer), "invalid", note, words)


# -- Other domains ---------------------------------------------------------------------------------
X = Symbol("x", positive=False, interval=(None, None))
OUTSIDE_UNIT = Condition(X, sympy.Union(sympy.Interval.open(-sympy.oo, -1), sympy.Interval.open(1, sympy.oo)))
BETA_HALF = Condition(BETA, sympy.Interval.open(0, sympy.Rational(1, 2)))


@pytest.mark.parametrize("kind, answer, status, note", [
    (OUTSIDE_UNIT, "|x| > 1", "correct", "correct"),
    (OUTSIDE_UNIT, "x < -1 or x > 1", "correct", "correct"),
    (OUTSIDE_UNIT, "x^2 > 1", "correct", "correct"),
    (OUTSIDE_UNIT, "(-inf, -1) U (1, inf)", "correct", "correct"),
    (OUTSIDE_UNIT, "x > 1", "wrong", "wrong.not_equivalent"),
    (OUTSIDE_UNIT, "|x| >= 1", "wrong", "wrong.boundary_not_strict"),
    (BETA_HALF, "beta < 1/2", "correct", "correct"),
    (BETA_HALF, "0 < β < 0.5", "correct", "correct"),
    (BETA_HALF, "beta < 0.5 and beta < 1", "correct", "correct"),
    (BETA_HALF, "beta < 0.6", "wrong", "wrong.not_equivalent"),
    (BETA_HALF, "beta < 0.5 or beta > 0.9", "wrong", "wrong.not_equivalent"),
    (BETA_HALF, "beta < 0.5 or 0.7 < beta < 0.8", "wrong", "wrong.not_equivalent"),
])
def test_other_domains(kind, answer, status, note):
    assert_outcome(kind.check(answer), status, note)


def test_expected_set_undefined_everywhere_is_undecided():
    assert UNBOUNDED_SPAN[1] < 30  # sigma is sampled below 30, where log(sigma - 30) is not real
    undefined = Condition(ETA, sympy.Interval.open(0, sympy.log(sigma - 30)), (SIGMA,))
    assert_outcome(undefined.check("eta < 1"), "unverified", "unverified.undecided")


def test_expected_override_for_error_carried_forward():
    assert Q1A.check("eta < 2/sigma^2", expected=sympy.Interval.open(0, 2 / sigma**2)).status == "correct"


# -- a union with a finite set: (0, 1) ∪ {2} -------------------------------------------------------
INTERVAL_AND_POINT = Condition(ETA, sympy.Union(sympy.Interval.open(0, 1 / sigma**2), sympy.FiniteSet(2 / sigma**2)),
                               (SIGMA,))


@pytest.mark.parametrize("answer", [
    "(0, 1/sigma^2) ∪ {2/sigma^2}", "(0, 1/sigma^2) U {2/sigma^2}", "{2/sigma^2} ∪ (0, 1/sigma^2)",
    r"\left(0, \frac{1}{\sigma^2}\right) \cup \{\frac{2}{\sigma^2}\}", r"(0, 1/\sigma^2) U \{2/\sigma^2\}",
    "eta in (0, 1/sigma^2) ∪ {2/sigma^2}", "0 < eta < 1/sigma^2 or eta = 2/sigma^2",
])
def test_an_interval_with_a_point_is_read_as_that_union(answer):
    assert_outcome(INTERVAL_AND_POINT.check(answer), "correct", "correct")


@pytest.mark.parametrize("answer, note", [
    ("(0, 1/sigma^2) ∪ {3/sigma^2}", "wrong.not_equivalent"),  # another point
    ("(0, 1/sigma^2) ∪ {2/sigma^2, 3/sigma^2}", "wrong.not_equivalent"),  # one point too many
    ("(0, 1/sigma^2]  ∪ {2/sigma^2}", "wrong.boundary_not_strict"),
    ("(0, 1/sigma^2)", "wrong.not_equivalent"),  # the point is missing
])
def test_an_interval_with_the_wrong_point_is_wrong(answer, note):
    assert_outcome(INTERVAL_AND_POINT.check(answer), "wrong", note)


def test_plain_braces_around_one_item_still_group():
    assert_outcome(Q1A.check("eta < {1}/{sigma^2}"), "correct", "correct")


# -- two readings of one question (HW2 Q2(f): the complex and stable eta, or what keeps complex roots stable) --
TWO_READINGS = Condition(ETA, COMPLEX_EIGENVALUES, (BETA, SIGMA), reading="the eta in the complex regime",
                         other_reading=Reading("given complex roots, what keeps them stable",
                                               sympy.Interval.open(0, sympy.oo)),
                         parameters_only=True)


@pytest.mark.parametrize("answer, words", [
    ("(1 - sqrt(1-beta))^2/(2 beta sigma^2) < eta < (1 + sqrt(1-beta))^2/(2 beta sigma^2)", "the eta in the complex regime"),
    ("eta > 0", "given complex roots"),
    ("0 < beta < 2", "given complex roots"),  # a condition on beta alone that holds on the whole domain 0 < beta < 1
])
def test_either_reading_is_right_and_named(answer, words):
    assert_outcome(TWO_READINGS.check(answer), "correct", "correct", words)


@pytest.mark.parametrize("answer", ["0 < beta < 1/2", "eta > 1/sigma^2", "beta > 1"])
def test_a_set_of_neither_reading_is_wrong(answer):
    assert_outcome(TWO_READINGS.check(answer), "wrong", "wrong.not_equivalent")


def test_without_parameters_only_a_condition_on_beta_alone_is_refused():
    one_reading = Condition(ETA, COMPLEX_EIGENVALUES, (BETA, SIGMA))
    assert_outcome(one_reading.check("0 < beta < 2"), "invalid", "invalid.kind", "does not mention eta")


def test_a_second_reading_needs_the_first_named():
    with pytest.raises(DeclarationError):
        Condition(ETA, COMPLEX_EIGENVALUES, (BETA, SIGMA), other_reading=Reading("x", sympy.Interval.open(0, 1)))
