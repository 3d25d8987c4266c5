"""Number, Integer, InSet, Expression and UnorderedList on HW2-like answers (see hw2.py)."""
import pytest
import sympy

from autograder.grading.answers import (Expression, InSet, Integer, Mistake, Number, Symbol, UnorderedList,
                                eigenvalues_2x2, factor_of_2, missing_abs, sigma_for_sigma_sq,
                                wrong_sigma)
from autograder.grading.answers.kinds_scalar import rounding_slack

from .hw2 import (BEST_RATE, BETA, EIGENVALUES, EPSILON, ETA, ETA_REPEATED_HIGH, ITERATIONS,
                  MOMENTUM_STABLE_BOUND, SIGMA, SIGMA_L, SIGMA_S, SWITCH_ETA, beta, eta, sigma)
from .outcomes import assert_outcome

# -- HW2 Q1(b): T > log(eps) / log|1 - 2 eta sigma^2| -------------------------------------------
Q1B = Expression(ITERATIONS, (ETA, SIGMA, EPSILON), relation_lhs=("T",), relations=("=", ">", ">="),
                 mistakes=(*missing_abs(ITERATIONS), *factor_of_2(ITERATIONS)))


@pytest.mark.parametrize("answer", [
    "log(eps)/log|1-2 eta sigma^2|",
    "log(epsilon)/log(abs(1-2*eta*sigma**2))",
    "T > log(ε)/log|1−2ησ²|",
    "T > \\frac{\\log \\epsilon}{\\log\\left|1-2\\eta\\sigma^2\\right|}",
    "T \\geq \\dfrac{\\ln \\varepsilon}{\\ln |1 - 2 \\eta \\sigma^{2}|}",
    "\\frac{\\log(1/\\epsilon)}{\\log(1/|1-2\\eta\\sigma^2|)}",
    "log(1/eps) / (-log|2 eta sigma^2 - 1|)",
    "ln(ε)/ln(|1 − 2·η·σ²|)",
    "-ln(eps)/-ln|1-2 eta sigma^2|",
    "log(eps)/log(abs(2 sigma^2 eta - 1))",
])
def test_q1b_correct(answer):
    assert Q1B.check(answer).status == "correct"


def test_q1b_notes_tell_identical_from_equivalent():
    assert_outcome(Q1B.check("log(eps)/log|1-2 eta sigma^2|"), "correct", "correct")
    assert_outcome(Q1B.check("log(1/eps)/log(1/|1-2 eta sigma^2|)"), "correct", "correct.equivalent")


@pytest.mark.parametrize("answer, note, words", [
    ("log(eps)/log(1-2 eta sigma^2)", "wrong.missing_abs", "absolute value is missing"),
    ("T > ln(ε)/ln(2ησ² − 1)", "wrong.missing_abs", "absolute value is missing"),
    ("2 log(eps)/log|1-2 eta sigma^2|", "wrong.factor_of_2", "factor of 2"),
    ("log(eps)/(2 log|1-2 eta sigma^2|)", "wrong.factor_of_2", "factor of 2"),
    ("-log(eps)/log|1-2 eta sigma^2|", "wrong.sign", "sign"),
    ("log(eps)/log|1-eta sigma^2|", "wrong.not_equivalent", "not equivalent"),
    ("log(eps)/log|1-2 eta sigma|", "wrong.not_equivalent", "not equivalent"),
    ("eps/|1-2 eta sigma^2|", "wrong.not_equivalent", "not equivalent"),
])
def test_q1b_wrong(answer, note, words):
    assert_outcome(Q1B.check(answer), "wrong", note, words)


@pytest.mark.parametrize("answer, note, words", [
    ("T >", "invalid.syntax", "character 4: unexpected end"),
    ("log(eps)/log|1-2 eta sigm^2|", "invalid.unknown_symbol", "did you mean sigma?"),
    ("S > log(eps)", "invalid.unknown_symbol", "'S'"),
    ("0 < T < log(eps)", "invalid.kind", "relation"),
    ("", "invalid.empty", "empty"),
    (True, "invalid.kind", "true/false"),
])
def test_q1b_invalid(answer, note, words):
    assert_outcome(Q1B.check(answer), "invalid", note, words)


# -- HW2 Q1(d), Q1(e): eta = 1/(sigma_l^2 + sigma_s^2), rate (sigma_l^2 - sigma_s^2)/(sigma_l^2 + sigma_s^2)
Q1D = Expression(SWITCH_ETA, (SIGMA_L, SIGMA_S),
                 mistakes=(*factor_of_2(SWITCH_ETA), *wrong_sigma(SWITCH_ETA, SIGMA_S.sym, SIGMA_L.sym)))
Q1E_RATE = Expression(BEST_RATE, (SIGMA_L, SIGMA_S))


@pytest.mark.parametrize("answer", [
    "1/(sigma_l^2 + sigma_s^2)", "\\frac{1}{\\sigma_\\ell^2+\\sigma_s^2}", "(σ_ℓ² + σ_s²)^{-1}",
    "1/(sigma_max^2 + sigma_min^2)", "\\frac{1}{\\sigma_{\\ell}^{2} + \\sigma_{s}^{2}}",
    "1/(σ_s² + σ_ℓ²)", "1/(sigma_ell**2+sigma_small**2)", "(sigma_l^2+sigma_s^2)^-1",
])
def test_q1d_correct(answer):
    assert Q1D.check(answer).status == "correct"


@pytest.mark.parametrize("answer, note", [
    ("2/(sigma_l^2 + sigma_s^2)", "wrong.factor_of_2"),
    ("1/(2 sigma_l^2 + 2 sigma_s^2)", "wrong.factor_of_2"),
    ("1/(2 sigma_l^2)", "wrong.wrong_sigma"),
    ("1/(sigma_l + sigma_s)^2", "wrong.not_equivalent"),
    ("1/(sigma_l^2 - sigma_s^2)", "wrong.not_equivalent"),
])
def test_q1d_wrong(answer, note):
    assert_outcome(Q1D.check(answer), "wrong", note)


@pytest.mark.parametrize("answer, status", [
    ("(sigma_l^2 - sigma_s^2)/(sigma_l^2 + sigma_s^2)", "correct"),
    ("1 - 2 sigma_s^2/(sigma_l^2 + sigma_s^2)", "correct"),
    ("\\frac{\\sigma_\\ell^2-\\sigma_s^2}{\\sigma_\\ell^2+\\sigma_s^2}", "correct"),
    ("2 sigma_l^2/(sigma_l^2 + sigma_s^2) - 1", "correct"),
    ("(sigma_s^2 - sigma_l^2)/(sigma_l^2 + sigma_s^2)", "wrong"),
    ("(sigma_l - sigma_s)/(sigma_l + sigma_s)", "wrong"),
])
def test_q1e_rate(answer, status):
    assert Q1E_RATE.check(answer).status == status


# -- HW2 Q3(a): lambda = sigma^2 ------------------------------------------------------------------
Q3A = Expression(sigma**2, (SIGMA,), relation_lhs=("lambda",), mistakes=sigma_for_sigma_sq(sigma**2, SIGMA))


@pytest.mark.parametrize("answer, status, note", [
    ("sigma^2", "correct", "correct"), ("σ²", "correct", "correct"), ("\\sigma^2", "correct", "correct"),
    ("lambda = sigma^2", "correct", "correct"), ("\\lambda = \\sigma^{2}", "correct", "correct"),
    ("λ = σ**2", "correct", "correct"), ("sigma*sigma", "correct", "correct"),
    ("sigma", "wrong", "wrong.sigma_for_sigma_sq"), ("sigma^3", "wrong", "wrong.not_equivalent"),
    ("lambda = sigm^2", "invalid", "invalid.unknown_symbol"),
])
def test_q3a(answer, status, note):
    assert_outcome(Q3A.check(answer), status, note)


# -- HW2 Q2(d)/(e): stability bound (2 - beta)/(beta sigma^2) and (1 + sqrt(1 - beta))^2/(2 beta sigma^2)
Q2E = Expression(MOMENTUM_STABLE_BOUND, (SIGMA, BETA), relation_lhs=("eta",), relations=("=", "<", "<="),
                 mistakes=sigma_for_sigma_sq(MOMENTUM_STABLE_BOUND, SIGMA))
Q2D = Expression(ETA_REPEATED_HIGH, (SIGMA, BETA))


@pytest.mark.parametrize("kind, answer, status", [
    (Q2E, "(2-beta)/(beta sigma^2)", "correct"),
    (Q2E, "2/(beta sigma^2) - 1/sigma^2", "correct"),
    (Q2E, "\\frac{2-\\beta}{\\beta\\sigma^2}", "correct"),
    (Q2E, "eta < (2 − β)/(β σ²)", "correct"),
    (Q2E, "(1-beta)/(beta sigma^2)", "wrong"),
    (Q2D, "(1+sqrt(1-beta))^2/(2 beta sigma^2)", "correct"),
    (Q2D, "(2 - beta + 2 sqrt(1-beta))/(2 beta sigma^2)", "correct"),
    (Q2D, "\\frac{(1+\\sqrt{1-\\beta})^2}{2\\beta\\sigma^2}", "correct"),
    (Q2D, "(1-sqrt(1-beta))^2/(2 beta sigma^2)", "wrong"),
])
def test_q2_bounds(kind, answer, status):
    assert kind.check(answer).status == status


def test_q2e_sigma_for_sigma_squared():
    assert_outcome(Q2E.check("(2-beta)/(beta sigma)"), "wrong", "wrong.sigma_for_sigma_sq")


# -- A relation with a declared left-hand name: "=" always; another relation only where declared --------
E_Q1B = "log(eps)/log|1-2 eta sigma^2|"


@pytest.mark.parametrize("kind, answer, status, note, words", [
    (Q1B, f"T = {E_Q1B}", "correct", "correct", None),
    (Q1B, f"{E_Q1B} < T", "correct", "correct", None),  # E < T states T > E
    (Q1B, f"{E_Q1B} <= T", "correct", "correct", None),
    (Q1B, f"T < {E_Q1B}", "wrong", "wrong.relation",
     "'T < ...' is the wrong way round: write T = ..., T > ... or T >= ..."),
    (Q1B, f"T ≤ {E_Q1B}", "wrong", "wrong.relation", "'T <= ...' is the wrong way round"),
    (Q1B, f"{E_Q1B} > T", "wrong", "wrong.relation", "'T < ...' is the wrong way round"),
    (Q1B, f"T < 2 {E_Q1B}", "wrong", "wrong.relation", None),  # the relation is judged before the value
    (Q3A, "lambda > sigma^2", "wrong", "wrong.relation", "the question asks for lambda = ..., not 'lambda > ...'"),
    (Q3A, "\\lambda \\leq \\sigma^2", "wrong", "wrong.relation", "not 'lambda <= ...'"),
    (Q3A, "sigma^2 < lambda", "wrong", "wrong.relation", "not 'lambda > ...'"),
    (Q2E, "eta > (2-beta)/(beta sigma^2)", "wrong", "wrong.relation",
     "'eta > ...' is the wrong way round: write eta = ..., eta < ... or eta <= ..."),
    (Q2E, "eta <= (2-beta)/(beta sigma^2)", "correct", "correct", None),
    (Q2E, "eta = (2-beta)/(beta sigma^2)", "correct", "correct", None),
])
def test_relations_the_question_states(kind, answer, status, note, words):
    assert_outcome(kind.check(answer), status, note, words)


@pytest.mark.parametrize("relations", [(">",), ("=", "≠"), ("=", "in")])
def test_relations_must_include_equality_and_be_known(relations):
    with pytest.raises(ValueError):
        Expression(sigma**2, (SIGMA,), relation_lhs=("lambda",), relations=relations)


def test_unknown_symbol_hint_leaves_out_names_allowed_only_left_of_equals():
    assert_outcome(Q3A.check("lambda = sigma^2 + mu"), "invalid", "invalid.unknown_symbol",
                   "unknown symbol 'mu'; this answer may use sigma")
    assert "lambda" not in Q3A.check("sigma^2 + mu").message
    assert_outcome(Q3A.check("0 < lambda < sigma^2"), "invalid", "invalid.kind", "relation")


# -- HW2 Q3(b): w stands for E[w_t], declared as aliases; E alone is never Euler's number ----------
W = Symbol("w", aliases=("E[w]", "E[w_t]"), positive=False, interval=(None, None))
DECAYED_W = Expression((1 - eta) * W.sym, (W, ETA))


@pytest.mark.parametrize("answer", [
    "(1 - eta) w", "(1 - eta) E[w]", "(1-eta) E[w_t]", "(1-\\eta)\\mathbb{E}[w_t]",
    "(1-\\eta)\\mathbb{E}\\left[w_{t}\\right]", "E[w] - eta E[w_t]",
])
def test_expectation_reads_as_the_declared_symbol(answer):
    assert_outcome(DECAYED_W.check(answer), "correct", "correct")


def test_capital_e_is_not_eulers_number():
    without_alias = Expression((1 - eta) * W.sym, (Symbol("w", positive=False, interval=(None, None)), ETA))
    assert_outcome(without_alias.check("(1 - eta) E[w]"), "invalid", "invalid.unknown_symbol",
                   "unknown symbol 'E[w]'")
    assert_outcome(DECAYED_W.check("(1 - eta) E w"), "invalid", "invalid.unknown_symbol", "unknown symbol 'E'")
    assert_outcome(Expression(sympy.E * eta, (ETA,)).check("e eta"), "correct", "correct")


# -- Logarithms with a base: log_b x = log x / log b ---------------------------------------------
@pytest.mark.parametrize("answer, note", [
    ("\\log_{|1-2\\eta\\sigma^2|}(\\epsilon)", "correct"),
    ("log_{|1 - 2 eta sigma^2|}(eps)", "correct"),
    ("\\log_{|1-2\\eta\\sigma^2|} \\epsilon", "correct"),
    ("T > \\log_{|2\\eta\\sigma^2 - 1|}\\epsilon", "correct"),  # sympy stores |2x - 1| as |1 - 2x|
])
def test_q1b_as_a_logarithm_with_a_base(answer, note):
    assert_outcome(Q1B.check(answer), "correct", note)


def test_log_base_two():
    assert_outcome(Number(3.0).check("log_2(8)"), "correct", "correct")
    assert_outcome(Number(3.0).check("\\log_{2} 8"), "correct", "correct")
    assert_outcome(Number(2.0).check("log_10(100)"), "correct", "correct")
    assert Number(1.0).check("log_1(8)").status == "invalid"  # ln 1 = 0: no finite value


# -- HW2 Q2(a): x_{t+1} = -eta (1 - beta) a + (1 - 2 eta beta sigma^2) x, with a, x any real ------
A = Symbol("a", positive=False, interval=(None, None))
X = Symbol("x", positive=False, interval=(None, None))
Q2A_X = Expression(-eta * (1 - beta) * A.sym + (1 - 2 * eta * beta * sigma**2) * X.sym, (ETA, SIGMA, BETA, A, X))


@pytest.mark.parametrize("answer, status", [
    ("x - eta((1-beta) a + 2 beta sigma^2 x)", "correct"),
    ("-eta(1-beta)a + (1-2 eta beta sigma^2)x", "correct"),
    ("x - \\eta\\left((1-\\beta)a + 2\\beta\\sigma^2 x\\right)", "correct"),
    ("x - eta((1-beta) a + 2 sigma^2 beta x)", "correct"),
    ("x - eta((1-beta) a + 2 beta sigma^2 |x|)", "wrong"),
    ("x - eta((1-beta) a + 2 beta sigma^2)", "wrong"),
])
def test_q2a_with_real_variables(answer, status):
    assert Q2A_X.check(answer).status == status


def test_a_name_with_a_step_subscript_left_of_equals():
    declared = Expression(Q2A_X.expected, Q2A_X.symbols, relation_lhs=("x_{t+1}",))
    for answer in ("x_{t+1} = x - eta((1-beta) a + 2 beta sigma^2 x)", "xₜ₊₁ = x - eta((1-beta) a + 2 beta sigma^2 x)"):
        assert_outcome(declared.check(answer), "correct", "correct")
    assert_outcome(declared.check("x_{t-1} = x"), "invalid", "invalid.unknown_symbol", "'x_{t-1}'")  # not x_{t+1}
    assert_outcome(declared.check("x - eta a_{t+1}"), "invalid", "invalid.unknown_symbol", "'a_{t+1}'")


# -- Number ---------------------------------------------------------------------------------------
QUARTER = Number(0.25, mistakes=factor_of_2(0.25))


@pytest.mark.parametrize("answer, status, note", [
    ("0.25", "correct", "correct"), ("1/4", "correct", "correct"), (0.25, "correct", "correct"),
    ("25%", "correct", "correct"), ("2.5e-1", "correct", "correct"), ("\\frac{1}{4}", "correct", "correct"),
    ("eta = 0.25", "correct", "correct"), ("0.2502", "correct", "correct"), (".25", "correct", "correct"),
    ("0.26", "wrong", "wrong.not_equivalent"), ("0.5", "wrong", "wrong.factor_of_2"),
    ("1/8", "wrong", "wrong.factor_of_2"), ("abc", "invalid", "invalid.unknown_symbol"),
    (True, "invalid", "invalid.kind"), ("0.2 < 0.3", "invalid", "invalid.kind"),
    ("eta < 0.3", "invalid", "invalid.unknown_symbol"),
    ("sqrt(-1)", "invalid", "invalid.kind"), ("1/0", "invalid", "invalid.kind"),
    ("", "invalid", "invalid.empty"), ([0.25, 0.5], "invalid", "invalid.kind"),
])
def test_number(answer, status, note):
    assert_outcome(QUARTER.check(answer), status, note)


@pytest.mark.parametrize("answer, status", [
    ("0.123", "correct"), ("0.1235", "correct"), ("0.1234567", "correct"), ("0.12", "wrong"),
    ("0.124", "wrong"), ("0.1229", "wrong"),
])
def test_number_significant_figures(answer, status):
    assert Number(0.123456, sig_figs=3).check(answer).status == status


def test_number_expected_override():
    assert Number(1.0).check("0.5", expected=0.5).status == "correct"
    assert Number(0.0, atol=1e-6).check("1e-7").status == "correct"


# -- Integer (HW2 Q2(g): iterations, every defensible reading accepted) ---------------------------
ITERATION_COUNT = Integer(frozenset({1000, 1001}))


@pytest.mark.parametrize("answer, status, note", [
    ("1000", "correct", "correct"), (1000, "correct", "correct"), ("1e3", "correct", "correct"),
    (1000.0, "correct", "correct"), ("1001", "correct", "correct"), ("T = 1001", "correct", "correct"),
    ("999", "wrong", "wrong.not_equivalent"), ("12.5", "wrong", "wrong.not_integer"),
    ("sqrt(2)", "wrong", "wrong.not_integer"), ("1,000", "invalid", "invalid.kind"),
    ("ten", "invalid", "invalid.unknown_symbol"),
])
def test_integer(answer, status, note):
    assert_outcome(ITERATION_COUNT.check(answer), status, note)


def test_integer_expected_override():
    assert Integer(frozenset({1})).check("7", expected=7).status == "correct"
    assert Integer(frozenset({1})).check("7", expected=[6, 8]).status == "wrong"


# -- InSet (HW2 Q2(g): any eta of the optimal set) ------------------------------------------------
@pytest.mark.parametrize("kind, answer, status", [
    (InSet(0.2, 0.4), "0.3", "correct"), (InSet(0.2, 0.4), "0.2", "correct"),
    (InSet(0.2, 0.4), "0.1999", "correct"), (InSet(0.2, 0.4), "1/3", "correct"),
    (InSet(0.2, 0.4), "0.19", "wrong"), (InSet(0.2, 0.4), "0.41", "wrong"),
    (InSet(0.2, 0.4, closed=(False, True)), "0.2", "wrong"),
    (InSet(0.2, 0.4, closed=(False, True)), "0.4", "correct"),
    (InSet(0.0, None, closed=(False, False)), "5e3", "correct"),
    (InSet(0.0, None, closed=(False, False)), "-1", "wrong"),
])
def test_in_set(kind, answer, status):
    assert kind.check(answer).status == status


def test_in_set_override():
    assert InSet(0.2, 0.4).check("0.9", expected=(0.8, 1.0)).status == "correct"


# A closed end accepts itself rounded to sig_figs (half a unit: 0.0005 at 0.2634, 0.005 at 3.797 for 3 figures),
# capped at half the distance to a limit beyond it: (3.8 - 3.797)/2 = 0.0015, so 3.7984 in, 3.7986 and 3.8 out.
ROUNDED = InSet(0.2634, 3.797, sig_figs=3, limits=(0.0, 3.8))


@pytest.mark.parametrize("answer, status", [
    ("0.263", "correct"), ("0.2630", "correct"), ("0.2629", "correct"), ("0.2628", "wrong"), ("0.26", "wrong"),
    ("3.797", "correct"), ("3.7984", "correct"), ("3.7986", "wrong"), ("3.80", "wrong"), ("3.8", "wrong"),
])
def test_in_set_rounded_end_never_reaches_the_limit(answer, status):
    assert ROUNDED.check(answer).status == status


@pytest.mark.parametrize("answer, status", [
    ("[0.2634, 3.797]", "correct"), ("0.263 <= eta <= 3.798", "correct"), ("(0.2634, 3.797)", "correct"),
    ("[0.2638, 3.797]", "correct"), ("[0.2640, 3.797]", "wrong"), ("[0.2628, 3.797]", "wrong"),
    ("[0.2634, 3.7956]", "correct"), ("[0.2634, 3.7954]", "wrong"), ("[0.2634, 3.8]", "wrong"),
    ("eta > 0.2634", "wrong"), ("eta < 0.2634 or eta > 3.797", "wrong"), ("[0.2634, 3.797, 4]", "invalid"),
])
def test_in_set_whole_interval_as_the_answer(answer, status):
    """Each end within its slack of the set's end, on either side: 0.0005 at 0.2634, 0.0015 at 3.797."""
    assert InSet(0.2634, 3.797, limits=(0.0, 3.8), variable=ETA).check(answer).status == status


def test_rounding_slack():
    assert rounding_slack(0.2634, 3) == pytest.approx(0.0005)
    assert rounding_slack(3.797, 3) == pytest.approx(0.005)
    assert rounding_slack(3.797, 3, limit=3.8) == pytest.approx(0.0015)
    assert rounding_slack(3.797, 4, limit=3.8) == pytest.approx(0.0005)
    assert rounding_slack(0.0, 3) == 0.0


def test_in_set_limit_must_lie_beyond_its_end():
    with pytest.raises(ValueError, match="beyond"):
        InSet(0.2, 0.4, limits=(0.3, None))


def test_number_tolerance_must_stay_below_half_way_to_a_mistake():
    with pytest.raises(ValueError, match="half way"):
        Number(0.25, rtol=0.5, mistakes=factor_of_2(0.25))
    assert Number(0.25, rtol=0.49, mistakes=(Mistake("wrong.factor_of_2", "", 0.5),)).value == 0.25


# -- UnorderedList (HW2 Q2(c): both eigenvalues of R_i) -------------------------------------------
Q2C = UnorderedList(EIGENVALUES, (ETA, SIGMA, BETA))
TR = "(2 - beta - 2 eta beta sigma^2)"


@pytest.mark.parametrize("answer", [
    f"({TR} ± sqrt({TR}^2 - 4(1-beta)))/2",
    f"({TR} - sqrt({TR}^2 - 4(1-beta)))/2, ({TR} + sqrt({TR}^2 - 4(1-beta)))/2",
    [f"({TR} + sqrt({TR}^2 - 4(1-beta)))/2", f"({TR} - sqrt({TR}^2 - 4(1-beta)))/2"],
    f"[({TR} + sqrt({TR}^2 - 4(1-beta)))/2, ({TR} - sqrt({TR}^2 - 4(1-beta)))/2]",
    "1 - beta/2 - eta beta sigma^2 ± sqrt((1 - beta/2 - eta beta sigma^2)^2 - (1 - beta))",
    "\\frac{2-\\beta-2\\eta\\beta\\sigma^2 \\pm \\sqrt{(2-\\beta-2\\eta\\beta\\sigma^2)^2-4(1-\\beta)}}{2}",
    "(2 − β − 2ηβσ² ± √((2 − β − 2ηβσ²)² − 4(1 − β)))/2",
])
def test_q2c_eigenvalues_correct(answer):
    assert_outcome(Q2C.check(answer), "correct", "correct")


@pytest.mark.parametrize("answer, note", [
    (f"({TR} ± sqrt({TR}^2 + 4(1-beta)))/2", "wrong.not_equivalent"),
    (f"{TR} ± sqrt({TR}^2 - 4(1-beta))", "wrong.not_equivalent"),
    (f"{TR}/2", "wrong.count"),
    (f"({TR} ± sqrt({TR}^2 - 4(1-beta)))/2, 1", "wrong.count"),
])
def test_q2c_eigenvalues_wrong(answer, note):
    assert_outcome(Q2C.check(answer), "wrong", note)


def test_q2c_error_carried_forward_from_the_students_own_matrix():
    students_r = sympy.Matrix([[1 - beta, beta * sigma**2], [-eta * (1 - beta), 1 - eta * beta * sigma**2]])
    own = "(2 - beta - eta beta sigma^2 ± sqrt((2 - beta - eta beta sigma^2)^2 - 4(1-beta)))/2"
    assert Q2C.check(own).status == "wrong"
    assert Q2C.check(own, expected=eigenvalues_2x2(students_r)).status == "correct"


# -- An iteration count from its bound (count_bound): ceil(E), floor(E) + 1 -----------------------
Q1B_COUNT = Expression(ITERATIONS, (ETA, SIGMA, EPSILON), relation_lhs=("T",), relations=("=", ">", ">="),
                       mistakes=missing_abs(ITERATIONS), count_bound=True)
E_TEXT = "log(eps)/log|1-2 eta sigma^2|"


@pytest.mark.parametrize("answer", [
    E_TEXT, f"ceil({E_TEXT})", f"floor({E_TEXT}) + 1", f"1 + floor({E_TEXT})", f"T = ceil({E_TEXT})",
    f"T >= ceil({E_TEXT})", f"T > floor({E_TEXT})", f"T >= floor({E_TEXT}) + 1", f"ceil({E_TEXT} + 1) - 1",
])
def test_count_bound_takes_the_smallest_whole_count(answer):
    assert Q1B_COUNT.check(answer).status == "correct"


@pytest.mark.parametrize("answer, note, words", [
    (f"floor({E_TEXT})", "wrong.count_off_by_one", "1 iteration too few"),
    (f"T >= floor({E_TEXT})", "wrong.count_off_by_one", "1 iteration too few"),
    (f"ceil({E_TEXT}) - 1", "wrong.count_off_by_one", "1 iteration too few"),
    (f"T > ceil({E_TEXT})", "wrong.count_off_by_one", "1 iteration too many"),
    (f"floor({E_TEXT}) + 2", "wrong.count_off_by_one", "1 iteration too many"),
    (f"ceil({E_TEXT}) + 2", "wrong.not_equivalent", "2 iterations too many"),
    ("ceil(log(eps)/log(1-2 eta sigma^2))", "wrong.missing_abs", "absolute value"),
    (f"ceil(2*{E_TEXT})", "wrong.not_equivalent", "not equivalent"),
    (f"ceil({E_TEXT})*2", "wrong.not_equivalent", "not equivalent"),
])
def test_count_bound_rejects_other_roundings(answer, note, words):
    assert_outcome(Q1B_COUNT.check(answer), "wrong", note, words)


def test_without_count_bound_a_rounded_expression_is_not_the_expression():
    """ceil(E) differs from E at almost every sampled point: only a count question reads it as E's count."""
    assert_outcome(Q1B.check(f"ceil({E_TEXT})"), "wrong", "wrong.not_equivalent")
    assert Q1B.check(f"ceil({E_TEXT}) - {E_TEXT} + {E_TEXT}").status == "wrong"


# -- a prime where the question declares the primed name (Lecture 7's beta', the notes' β′) ----------------------
BETA_PRIME = Symbol("beta_2", aliases=("beta_prime",), interval=(0, 1))
G = Symbol("g", positive=False, interval=(None, None))
SECOND_MOMENT = Expression((1 - BETA_PRIME.sym) * ETA.sym + BETA_PRIME.sym * G.sym**2, symbols=(ETA, G, BETA_PRIME))


@pytest.mark.parametrize("answer", [
    "(1 - beta') eta + beta' g^2", "(1 - β′) η + β′ g²", "(1 - β') η + β' g^2", r"(1-\beta')\eta + \beta' g^2",
    r"(1-\beta^\prime)\eta + \beta^{\prime} g^2", "(1 - beta_2) eta + beta_2 g^2", "(1 - beta') eta + beta' * g^2",
])
def test_a_primed_name_is_the_declared_name(answer):
    assert_outcome(SECOND_MOMENT.check(answer), "correct", "correct")


def test_a_primed_name_that_is_not_declared_stays_a_transpose():
    # beta' where only beta is declared (HW2): a transpose of a number, not a new symbol
    only_beta = Expression(1 - BETA.sym, symbols=(BETA,))
    assert_outcome(only_beta.check("1 - beta'"), "invalid", "invalid.kind", "a transpose applies to matrices only")
    assert_outcome(only_beta.check("1 - β′"), "invalid", "invalid.unknown_symbol", "unknown symbol")


def test_the_prime_and_the_unprimed_name_are_different_symbols():
    with_both = Expression(BETA.sym - BETA_PRIME.sym, symbols=(BETA, BETA_PRIME))
    assert_outcome(with_both.check("beta - beta'"), "correct", "correct")
    assert_outcome(with_both.check("beta' - beta"), "wrong", "wrong.sign")
