"""The HW2 answer bank: answers.toml values a student could write, with the verdict a careful TA would give.

One row per answer: the key, the value as it would appear in answers.toml (a string, a number or a list),
the expected status and note (exact), the words the student must see in the message, and the share of the
points. Expected verdicts are derived by hand in the comments of each section, never copied from the grader.
Rows the engine gets wrong are kept with ``engine_bug`` (the reason): the test marks them xfail (strict).

Correct answers carry note "correct" when sympy can confirm them symbolically (the same canonical form, or a
difference that ``cancel`` reduces to 0: rational rewrites) and "correct.equivalent" when only the numeric
check can (a rewrite through log, abs, max or a square root).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

CORRECT = "correct"
EQUIVALENT = "correct.equivalent"
LENIENT = "correct.boundary_lenient"
NOT_EQUIVALENT = "wrong.not_equivalent"
NOT_STRICT = "wrong.boundary_not_strict"
SYNTAX = "invalid.syntax"
UNKNOWN = "invalid.unknown_symbol"
KIND = "invalid.kind"
SHAPE = "invalid.shape"
NOT_EQUIVALENT_WORDS = "not equivalent to the expected one"
WRONG_SET_WORDS = "does not give the right set of eta values"


@dataclass(frozen=True)
class Case:
    """``fraction`` None means 1 when correct, else 0. ``others`` are further answers.toml keys (error carried
    forward). ``engine_bug``: why the engine gets this row wrong (the lead fixes the engine, not the row)."""

    answer: Any
    status: str
    note: str
    words: str | None = None
    fraction: float | None = None
    others: dict[str, Any] = field(default_factory=dict)
    engine_bug: str | None = None
    key: str = ""

    @property
    def expected_fraction(self) -> float:
        if self.fraction is not None:
            return self.fraction
        return 1.0 if self.status == "correct" else 0.0


def right(answer: Any, note: str = CORRECT, words: str | None = None, **others: Any) -> Case:
    return Case(answer, "correct", note, words, others=others)


def wrong(answer: Any, note: str, words: str, fraction: float = 0.0, **others: Any) -> Case:
    return Case(answer, "wrong", note, words, fraction, others)


def invalid(answer: Any, note: str, words: str, **others: Any) -> Case:
    return Case(answer, "invalid", note, words, others=others)


def engine_bug(case: Case, reason: str) -> Case:
    return replace(case, engine_bug=reason)


def for_key(key: str, *cases: Case) -> list[Case]:
    return [replace(case, key=key) for case in cases]


# Shared spellings (plain) of the HW2 Q2 quantities, derived in the Q2 section.
TRACE = "(2 - beta - 2*eta*beta*sigma^2)"
ETA_LO = "(1 - sqrt(1 - beta))^2/(2*beta*sigma^2)"
ETA_HI = "(1 + sqrt(1 - beta))^2/(2*beta*sigma^2)"
ETA_LO_TEX = r"\frac{(1-\sqrt{1-\beta})^2}{2\beta\sigma^2}"
ETA_HI_TEX = r"\frac{(1+\sqrt{1-\beta})^2}{2\beta\sigma^2}"
R_PLAIN = [["1 - beta", "2*beta*sigma^2"], ["-eta*(1 - beta)", "1 - 2*eta*beta*sigma^2"]]
R_FACTOR_2 = [["1 - beta", "beta*sigma^2"], ["-eta*(1 - beta)", "1 - eta*beta*sigma^2"]]
R_LOWER_LEFT = [["1 - beta", "2*beta*sigma^2"], ["-eta", "1 - 2*eta*beta*sigma^2"]]
R_TRIANGULAR = [["1 - beta", "2*beta*sigma^2"], ["0", "1 - 2*eta*beta*sigma^2"]]

# HW2 Q1(a). One GD step on sigma^2 (w - w*)^2 gives w_{t+1} - w* = (1 - 2 eta sigma^2)(w_t - w*): stable iff
# |1 - 2 eta sigma^2| < 1 iff 0 < eta < 1/sigma^2, open at both ends (eta = 1/sigma^2 gives factor -1).
# eta is declared positive, so "0 <= eta" and "-1/sigma^2 < eta" add nothing to the domain.
# Declared mistakes: (0, 2/sigma^2) factor of 2; (0, 1/sigma) sigma not squared; (0, 1/(2 sigma^2)) the
# factor kept positive.
Q1_A = for_key(
    "q1.a",
    right("0 < eta < 1/sigma^2"),
    right("η < 1/σ²"),
    right(r"\eta < \frac{1}{\sigma^2}"),
    right("(0, 1/sigma^2)"),
    right("0<eta and eta<sigma^(-2)"),
    right("|1 - 2 eta sigma^2| < 1"),
    right("eta sigma^2 < 1"),
    right("0 < 2 eta sigma^2 < 2"),
    right("eta in (0, 1/sigma^2)"),
    right("η ∈ (0, 1/σ²)"),
    right("0 < η < σ⁻²"),
    right("0 ≤ η < 1/σ²"),
    right("-1/sigma^2 < eta < 1/sigma^2"),
    right(r"\eta \in \left(0, \frac{1}{\sigma^2}\right)"),
    right(r"$0 < \eta < \dfrac{1}{\sigma^{2}}$"),
    right(r"0 \lt \eta \lt \sigma^{-2}"),
    right(["eta > 0", "eta < 1/sigma^2"]),
    wrong("0 < eta < 2/sigma^2", "wrong.factor_of_2", "off by a factor of 2"),
    wrong("0 <= eta <= 1/sigma^2", NOT_STRICT, "not strict"),
    wrong("(0, 1/sigma^2]", NOT_STRICT, "not strict"),
    wrong("eta <= 1/sigma^2", NOT_STRICT, "the step factor 1 - 2 eta sigma^2 is -1: w_t oscillates"),
    wrong(r"0 < \eta \leq \frac{1}{\sigma^2}", NOT_STRICT, "not strict"),
    wrong("eta < 1/sigma", "wrong.sigma_not_squared", "sigma where sigma^2 belongs"),
    wrong("0 < eta < 1/(2 sigma^2)", "wrong.monotone_only", "|1 - 2 eta sigma^2| < 1"),
    wrong("eta > 0", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong("eta = 1/sigma^2", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong("eta < 1/sigma^2 or eta > 5/sigma^2", NOT_EQUIVALENT, WRONG_SET_WORDS),
    invalid("eta < 1/sigm^2", UNKNOWN, "unknown symbol 'sigm' (did you mean sigma?)"),
    invalid("eta <", SYNTAX, "at character 6: unexpected end of your answer"),
    invalid("__import__('os')", SYNTAX, "at character 1: unexpected '_'"),
    invalid("1/sigma^2", KIND, "a condition on eta is expected"),
    invalid(0.5, KIND, "a condition on eta is expected"),
    invalid(r"\eta < \fract{1}{\sigma^2}", SYNTAX, r"unknown command '\fract' (did you mean \frac?)"),
    invalid("9^9^9^9 < eta", "invalid.too_large", "the exponent is too large"),
    invalid("(" * 5000 + "eta" + ")" * 5000, "invalid.too_long", "your answer is too long"),
)

# HW2 Q1(b). |w_T - w*| = |1 - 2 eta sigma^2|^T |w_0 - w*| <= epsilon |w_0 - w*| iff T log|1 - 2 eta sigma^2| <=
# log epsilon iff T >= E = log(epsilon)/log|1 - 2 eta sigma^2| (both logs negative for a stable eta).
# Forms: ln(1/eps)/ln(1/|.|) = (-log eps)/(-log|.|); |1 - 2 eta sigma^2| = |2 eta sigma^2 - 1| =
# max(1 - 2 eta sigma^2, 2 eta sigma^2 - 1). Declared mistakes: the abs dropped; the ratio inverted.
Q1_B = for_key(
    "q1.b",
    right("log(epsilon)/log|1 - 2 eta sigma^2|"),
    right("T > log(ε)/log|1 − 2ησ²|"),
    right(r"\frac{\log \epsilon}{\log\left|1-2\eta\sigma^2\right|}"),
    right("log(epsilon)/log(|1-2*eta*sigma^2|)"),
    right("log(epsilon)/log(abs(2 eta sigma^2 - 1))"),
    right("T >= log(eps)/log(|1-2 eta sigma^2|)"),
    right("E = log(eps)/log|1-2 eta sigma^2|"),
    right("log(ϵ)/log(|1-2ησ^2|)"),
    right("ln(1/eps)/ln(1/|1-2*eta*sigma^2|)", EQUIVALENT),
    right(r"\frac{\ln(1/\varepsilon)}{-\ln|1-2\eta\sigma^2|}"),
    right("log(eps)/log(max(1-2eta sigma^2, 2 eta sigma^2-1))", EQUIVALENT),
    wrong("log(epsilon)/log(1 - 2 eta sigma^2)", "wrong.missing_abs", "take its absolute value"),
    wrong("log|1-2 eta sigma^2|/log(epsilon)", "wrong.inverted", "upside down"),
    wrong("-log(epsilon)/log|1-2 eta sigma^2|", "wrong.sign", "off by a sign"),
    wrong("log(epsilon)/log|1-2 eta sigma|", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("epsilon/|1 - 2 eta sigma^2|", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("T > ", SYNTAX, "unexpected end of your answer"),
    invalid("T", UNKNOWN, "unknown symbol 'T'"),
    invalid("log(epsilon)/log|1 - 2 eta sigma^2", SYNTAX, "at character"),
    invalid("log(epsilon)/log|1 - 2 eta sgima^2|", UNKNOWN, "unknown symbol 'sgima'"),
    right(r"\log_{|1-2\eta\sigma^2|}(\epsilon)"),  # log_b x = log x / log b
    # The ratio does not depend on the base of the logarithm, as long as both logs share it.
    right("log10(epsilon)/log10|1 - 2 eta sigma^2|"),
    right("T > log2(eps)/log2(|1 - 2 eta sigma^2|)"),
    right(r"\frac{\log_{10}\epsilon}{\log_{10}|1-2\eta\sigma^2|}"),
    wrong("log10(epsilon)/log|1 - 2 eta sigma^2|", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    # T < E is readable and claims too few iterations: wrong (not unreadable), and the message says which way.
    wrong("T < log(epsilon)/log|1 - 2 eta sigma^2|", "wrong.relation", "wrong way round: write T = ..., T > ..."),
    # The question asks for the real bound E, so the ratio is right as it is; the whole count the bound gives is
    # right too. For integer T: T >= E iff T >= ceil(E); T > E iff T >= floor(E) + 1; T > floor(E) iff
    # T >= floor(E) + 1. So ceil(E), floor(E) + 1, "T >= ceil(E)", "T > floor(E)" name the smallest count, and
    # floor(E) (one too few), "T > ceil(E)" and ceil(E) + 1 (one too many) do not.
    right("ceil(log(epsilon)/log|1 - 2 eta sigma^2|)"),
    right("T = ceil(log(ε)/log|1 − 2ησ²|)"),
    right("⌈log(ε)/log|1 − 2ησ²|⌉"),
    right(r"\left\lceil \frac{\log\epsilon}{\log\left|1-2\eta\sigma^2\right|} \right\rceil"),
    right("floor(log(epsilon)/log|1 - 2 eta sigma^2|) + 1"),
    right(r"\lfloor \frac{\log\epsilon}{\log|1-2\eta\sigma^2|} \rfloor + 1"),
    right("T >= ceil(log(eps)/log|1 - 2 eta sigma^2|)"),
    right("T > floor(log(eps)/log|1 - 2 eta sigma^2|)"),
    right("ceil(log10(epsilon)/log10|1 - 2 eta sigma^2|)"),
    wrong("floor(log(epsilon)/log|1 - 2 eta sigma^2|)", "wrong.count_off_by_one", "1 iteration too few"),
    wrong("⌊log(ε)/log|1 − 2ησ²|⌋", "wrong.count_off_by_one", "1 iteration too few"),
    wrong("T > ceil(log(epsilon)/log|1 - 2 eta sigma^2|)", "wrong.count_off_by_one", "1 iteration too many"),
    wrong("ceil(log(epsilon)/log|1 - 2 eta sigma^2|) + 1", "wrong.count_off_by_one", "1 iteration too many"),
    wrong("ceil(log(epsilon)/log|1 - 2 eta sigma^2|) + 3", NOT_EQUIVALENT, "3 iterations too many"),
    wrong("ceil(log(epsilon)/log(1 - 2 eta sigma^2))", "wrong.missing_abs", "take its absolute value"),
    wrong("ceil(log(epsilon))/log|1 - 2 eta sigma^2|", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("2*ceil(log(epsilon)/log|1 - 2 eta sigma^2|)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("⌈log(ε)/log|1 − 2ησ²|", SYNTAX, "expected '⌉'"),
    invalid("ceil(log(epsilon), 2)", SYNTAX, "ceil takes one argument"),
)

# HW2 Q1(c). Both coordinates must be stable: eta < 1/sigma_l^2 and eta < 1/sigma_s^2; with sigma_l > sigma_s
# (declared by the domains sigma_s < 1 < sigma_l) that is 0 < eta < 1/sigma_l^2.
# Declared mistake: the bound from sigma_s.
Q1_C = for_key(
    "q1.c",
    right("0 < eta < 1/sigma_l^2"),
    right("η < 1/σ_ℓ²"),
    right(r"0<\eta<\frac{1}{\sigma_\ell^2}"),
    right("(0, 1/sigma_l^2)"),
    right("eta < 1/sigma_max^2"),
    right("0 < eta < 1/sigma_L^2"),
    right("eta < 1/σₗ²"),
    right("eta < sigma_l^-2"),
    right("eta < min(1/sigma_l^2, 1/sigma_s^2)"),
    right("eta < 1/max(sigma_l, sigma_s)^2"),
    right("|1-2 eta sigma_l^2| < 1 and |1 - 2 eta sigma_s^2| < 1"),
    wrong("0 < eta < 1/sigma_s^2", "wrong.wrong_sigma", "the bound comes from the larger sigma"),
    wrong("0 < eta <= 1/sigma_l^2", NOT_STRICT, "not strict"),
    wrong("0 < η ≤ 1/σ_ℓ²", NOT_STRICT, "the factor 1 - 2 eta sigma_l^2 is -1"),
    wrong("0 < eta < 2/sigma_l^2", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong("0 < eta < 1/sigma_l", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong("0 < eta < 1/(sigma_l sigma_s)", NOT_EQUIVALENT, WRONG_SET_WORDS),
    invalid("eta < 1/sigma^2", UNKNOWN, "unknown symbol 'sigma' (did you mean sigma_s?)"),
    invalid("eta < 1/sigma_l^2 and", SYNTAX, "unexpected end of your answer"),
    invalid("sigma_l^2", KIND, "a condition on eta is expected"),
)

# HW2 Q1(c), Q1(d): eta < 1/sigma_l^2 is set by sigma_l; below the switch eta = 1/(sigma_l^2 + sigma_s^2),
# |1 - 2 eta sigma_l^2| < |1 - 2 eta sigma_s^2| (at small eta the larger sigma^2 shrinks faster): sigma_l.
# Labels are compared by canonical name, then without case, spaces, underscores and LaTeX braces.
Q1_C_LIMITING = for_key(
    "q1.c_limiting",
    right("sigma_l"),
    right("σ_ℓ"),
    right("Sigma_L"),
    right(" sigma_l "),
    right(r"\sigma_\ell"),
    right(r"$\sigma_\ell$"),
    right("sigma_ell"),
    right("sigma l"),
    right("σₗ"),
    right("large"),
    right("LARGE"),
    right("the large one"),
    right("the largest one"),
    right("Larger"),
    right("sigma_max"),
    wrong("sigma_s", "wrong.choice", "not the right choice"),
    wrong("small", "wrong.choice", "not the right choice"),
    wrong("σ_s", "wrong.choice", "not the right choice"),
    invalid("sigma", "invalid.choice", "answer one of: sigma_l, sigma_s"),
    invalid("sigma_1", "invalid.choice", "answer one of: sigma_l, sigma_s"),
    invalid(1, "invalid.choice", "answer one of: sigma_l, sigma_s"),
    invalid("", "invalid.missing", "No answer given for q1.c_limiting"),
)

Q1_D_FASTER_SMALL_ETA = for_key(
    "q1.d_faster_small_eta",
    right("sigma_l"),
    right("σ_l"),
    right("Sigma_l"),
    right(r"\sigma_{\ell}"),
    right("large"),
    right("the larger one"),
    wrong("sigma_s", "wrong.choice", "not the right choice"),
    wrong("SIGMA_S", "wrong.choice", "not the right choice"),
    wrong("small", "wrong.choice", "not the right choice"),
    wrong("the small one", "wrong.choice", "not the right choice"),
    wrong("smaller", "wrong.choice", "not the right choice"),
    wrong("sigma_min", "wrong.choice", "not the right choice"),
    invalid("neither", "invalid.choice", "answer one of: sigma_l, sigma_s"),
    invalid("both", "invalid.choice", "answer one of: sigma_l, sigma_s"),
)

# HW2 Q1(d). The rates are equal when 1 - 2 eta sigma_s^2 = -(1 - 2 eta sigma_l^2), i.e. 2 = 2 eta (sigma_l^2 +
# sigma_s^2): eta = 1/(sigma_l^2 + sigma_s^2). Declared mistake: 2/(sigma_l^2 + sigma_s^2) (from the step factor
# 1 - eta sigma^2).
Q1_D_SWITCH = for_key(
    "q1.d_switch",
    right("1/(sigma_l^2 + sigma_s^2)"),
    right("(σ_ℓ² + σ_s²)^(-1)"),
    right(r"\frac{1}{\sigma_\ell^2+\sigma_s^2}"),
    right("1/(σ_l^2+σ_s^2)"),
    right("eta = 1/(sigma_l^2+sigma_s^2)"),
    right("η = 1/(σ_ℓ²+σ_s²)"),
    right("(1/sigma_l^2) (1/(1 + sigma_s^2/sigma_l^2))"),
    wrong("2/(sigma_l^2+sigma_s^2)", "wrong.factor_of_2", "Off by a factor of 2"),
    wrong("1/(sigma_l + sigma_s)^2", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("1/sigma_l^2 + 1/sigma_s^2", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("1/(sigma_l^2 - sigma_s^2)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("1/(sigma_l^2+sigma_z^2)", UNKNOWN, "unknown symbol 'sigma_z' (did you mean sigma_s?)"),
    invalid("1/(sigma_l^2 + sigma_s^2", SYNTAX, "expected ')'"),
    invalid("eta < 1/(sigma_l^2 + sigma_s^2) < 2", KIND, "not an expression"),
)

# HW2 Q1(e). The worst rate max(|1 - 2 eta sigma_l^2|, |1 - 2 eta sigma_s^2|) falls with eta while the sigma_s
# term dominates and rises once the sigma_l term does: its minimum is at the switch, 1/(sigma_l^2 + sigma_s^2).
# Declared mistake: the stability edge 1/sigma_l^2.
Q1_E = for_key(
    "q1.e",
    right("1/(sigma_l^2 + sigma_s^2)"),
    right("1/(σ_ℓ²+σ_s²)"),
    right(r"\frac{1}{\sigma_\ell^{2}+\sigma_{s}^{2}}"),
    right("eta = 1/(sigma_l^2+sigma_s^2)"),
    right(r"\eta_{opt} = \frac{1}{\sigma_\ell^2+\sigma_s^2}"),
    right("(sigma_l^2 + sigma_s^2)^-1"),
    wrong("1/sigma_l^2", "wrong.stability_edge", "not the fastest"),
    wrong("2/(sigma_l^2+sigma_s^2)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("1/(2 sigma_l^2)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("1/(sigma_l sigma_s)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("1/(sigma_l^2+sigma_s^2))", SYNTAX, "at character 24: unexpected ')'"),
    invalid("1/(sigma_l^2+sigma^2)", UNKNOWN, "unknown symbol 'sigma'"),
    right(r"\eta^* = \frac{1}{\sigma_\ell^2+\sigma_s^2}"),
)

# HW2 Q1(e). At eta = 1/(sigma_l^2 + sigma_s^2): 1 - 2 sigma_s^2/(sigma_l^2 + sigma_s^2) =
# (sigma_l^2 - sigma_s^2)/(sigma_l^2 + sigma_s^2) = 2 sigma_l^2/(sigma_l^2 + sigma_s^2) - 1 = (k - 1)/(k + 1) with
# k = sigma_l^2/sigma_s^2; with sigma_l > sigma_s it is also |1 - 2 sigma_l^2/(...)|.
Q1_E_RATE = for_key(
    "q1.e_rate",
    right("(sigma_l^2 - sigma_s^2)/(sigma_l^2 + sigma_s^2)"),
    right("1 - 2 sigma_s^2/(sigma_l^2+sigma_s^2)"),
    right("2σ_ℓ²/(σ_ℓ²+σ_s²) − 1"),
    right(r"\frac{\sigma_\ell^2-\sigma_s^2}{\sigma_\ell^2+\sigma_s^2}"),
    right("(sigma_l^2/sigma_s^2 - 1)/(sigma_l^2/sigma_s^2 + 1)"),
    right("|1 - 2 sigma_l^2/(sigma_l^2+sigma_s^2)|", EQUIVALENT),
    right("max(|1 - 2 sigma_l^2/(sigma_l^2+sigma_s^2)|, |1 - 2 sigma_s^2/(sigma_l^2+sigma_s^2)|)", EQUIVALENT),
    wrong("(sigma_s^2 - sigma_l^2)/(sigma_l^2 + sigma_s^2)", "wrong.sign", "off by a sign"),
    wrong("(sigma_l - sigma_s)/(sigma_l + sigma_s)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("sigma_s^2/sigma_l^2", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("(κ-1)/(κ+1)", UNKNOWN, "unknown symbol 'κ'"),
    invalid("(sigma_l^2 - sigma_s^2)/", SYNTAX, "unexpected end of your answer"),
)

# HW2 Q1(f). A sigma_i between sigma_s and sigma_l has |1 - 2 eta sigma_i^2| below the larger of the two end
# rates (the rate is convex in sigma_i^2), so neither the stable range nor the best eta changes: "no".
Q1_F = for_key(
    "q1.f",
    right("no"),
    right("No"),
    right("NO"),
    right(" no "),
    right("no."),
    right("n"),
    right("false"),
    right(False),
    right("neither"),
    right("they do not"),
    wrong("yes", "wrong.choice", "not the right choice"),
    wrong("Y", "wrong.choice", "not the right choice"),
    wrong(True, "wrong.choice", "not the right choice"),
    invalid("maybe", "invalid.choice", "answer one of: yes, no"),
    invalid("No, neither changes", "invalid.choice", "answer one of: yes, no"),
)

# HW2 Q2(a). z_{t+1} = (1 - beta) z_t + beta g_t with g_t = 2 X^T X (w_t - w*); in the singular directions
# (a = V^T z, x = V^T (w - w*)) a_{t+1} = (1 - beta) a + 2 beta sigma^2 x and x_{t+1} = x - eta a_{t+1}
# = -eta (1 - beta) a + (1 - 2 eta beta sigma^2) x. Declared mistakes: sigma not squared; the factor 2 of the
# gradient dropped; beta swapped (a_{t+1} = beta a + (1 - beta) g: beta a + 2 (1 - beta) sigma^2 x, and
# x - eta of that); x moved by the old momentum (x - eta a).
Q2_A_A = for_key(
    "q2.a_a",
    right("(1-beta) a + 2 beta sigma^2 x"),
    right("a - beta a + 2 beta sigma^2 x"),
    right("(1 − β)a + 2βσ²x"),
    right("(1-β)·a + 2·β·σ²·x"),
    right(r"(1-\beta)a_t + 2\beta\sigma^2 x_t"),
    right("(1-beta)*a_i + beta*(2*sigma^2*x_i)"),
    wrong("(1-beta) a + 2 beta sigma x", "wrong.sigma_not_squared", "square sigma"),
    wrong("(1-beta) a + beta sigma^2 x", "wrong.factor_of_2", "factor of 2"),
    wrong("beta a + 2(1-beta) sigma^2 x", "wrong.beta_swapped", "beta weighs the new gradient"),
    wrong("-(1-beta) a - 2 beta sigma^2 x", "wrong.sign", "off by a sign"),
    wrong("(1-beta) a - 2 beta sigma^2 x", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("(1-beta) a + 2 beta sigma^2 z", UNKNOWN, "unknown symbol 'z'; this answer may use a, beta, eta, sigma, x"),
    invalid("(1-beta)a + 2 beta sigma^2 x +", SYNTAX, "at character 31"),
    invalid("(1-beta) a + 2 beta sigma^2 x_t[i]", UNKNOWN, "unknown symbol 'i'"),
    right("a_{t+1} = (1-beta) a_t + 2 beta sigma^2 x_t"),
)

Q2_A_X = for_key(
    "q2.a_x",
    right("-eta (1-beta) a + (1 - 2 eta beta sigma^2) x"),
    right("x - eta((1-beta) a + 2 beta sigma^2 x)"),
    right("x - eta (1-beta) a - 2 eta beta sigma^2 x"),
    right("−η(1−β)a + (1 − 2ηβσ²)x"),
    right(r"-\eta(1-\beta)a + (1-2\eta\beta\sigma^2)x"),
    right("-eta(1-beta)a + (1-2 eta beta sigma^2)x_t"),
    wrong("-eta(1-beta) a + (1 - eta beta sigma^2) x", "wrong.factor_of_2", "factor of 2"),
    wrong("x - eta a", "wrong.stale_momentum", "x_{t+1} = x_t - eta a_{t+1}"),
    wrong("-eta beta a + (1 - 2 eta (1-beta) sigma^2) x", "wrong.beta_swapped", "beta weighs the new gradient"),
    wrong("x + eta((1-beta) a + 2 beta sigma^2 x)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("x - 2 eta sigma^2 x", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    # a_{t+1} reads as a name, but the answer must be in a_t and x_t: not one of this answer's symbols.
    invalid("x - eta*a_{t+1}", UNKNOWN, "unknown symbol 'a_{t+1}'; this answer may use a, beta, eta, sigma, x"),
    invalid("x - eta*(", SYNTAX, "unexpected end of your answer"),
    invalid("x - eta*gamma*a", UNKNOWN, "unknown symbol 'gamma'"),
)

# HW2 Q2(b). [a, x]_{t+1} = R [a, x]_t with R = [[1 - beta, 2 beta sigma^2], [-eta (1 - beta), 1 - 2 eta beta sigma^2]]
# (the rows of Q2(a)). Entries are checked one by one; with per-entry credit a partly right R earns the share of
# right entries (2 points: each entry is 1/4 of them). A transpose is named as such and earns nothing.
Q2_B = for_key(
    "q2.b",
    right(R_PLAIN),
    right([["1-beta", "2 beta sigma^2"], ["-eta(1-beta)", "1 - 2 eta beta sigma^2"]]),
    right([["(1-beta)", "2*beta*sigma**2"], ["eta*(beta-1)", "1-2*eta*beta*sigma**2"]]),
    right([["1-β", "2βσ²"], ["−η(1−β)", "1−2ηβσ²"]]),
    right([["1-β", "2βσ²"], ["-η + ηβ", "1-2ηβσ²"]]),
    right([[r"1 - \beta", r"2\beta\sigma^2"], [r"-\eta(1-\beta)", r"1-2\eta\beta\sigma^2"]]),
    right("[[1-beta, 2 beta sigma^2], [-eta(1-beta), 1 - 2 eta beta sigma^2]]"),
    right("[1-β, 2βσ²; −η(1−β), 1−2ηβσ²]"),
    right(r"\begin{pmatrix} 1-\beta & 2\beta\sigma^2 \\ -\eta(1-\beta) & 1-2\eta\beta\sigma^2 \end{pmatrix}"),
    right(r"\begin{bmatrix} 1-\beta & 2\beta\sigma^2 \\ -\eta(1-\beta) & 1-2\eta\beta\sigma^2 \end{bmatrix}"),
    wrong([["1-beta", "-eta(1-beta)"], ["2 beta sigma^2", "1 - 2 eta beta sigma^2"]], "wrong.transposed", "transpose"),
    wrong(R_FACTOR_2, NOT_EQUIVALENT, "entries (1, 2), (2, 2) (row, column) are not right", 0.5),
    wrong(R_LOWER_LEFT, NOT_EQUIVALENT, "entries (2, 1) (row, column) are not right", 0.75),
    wrong([["1-beta", "2 beta sigma^2"], ["eta(1-beta)", "1 - 2 eta beta sigma^2"]], NOT_EQUIVALENT, "entries (2, 1)",
          0.75),
    wrong([["1-beta", "2 beta sigma^2"], ["-eta(1-beta)", 1]], NOT_EQUIVALENT, "entries (2, 2)", 0.75),
    wrong([["1-beta", "2 beta sigma"], ["-eta(1-beta)", "1 - 2 eta beta sigma"]], NOT_EQUIVALENT,
          "entries (1, 2), (2, 2)", 0.5),
    wrong([["beta", "2 beta sigma^2"], ["-eta beta", "1 - 2 eta beta sigma^2"]], NOT_EQUIVALENT,
          "entries (1, 1), (2, 1)", 0.5),
    wrong([[1, 0], [0, 1]], NOT_EQUIVALENT, "entries (1, 1), (1, 2), (2, 1), (2, 2)"),
    invalid([["1-beta", "2 beta sigma^2", "0"], ["-eta(1-beta)", "1 - 2 eta beta sigma^2", "0"]], SHAPE,
            "a 2x2 matrix is expected; yours is 2x3"),
    invalid([["1-beta", "2 beta sigma^2"], ["-eta(1-beta)", "1 - 2 eta beta sigma^2"], ["0", "0"]], SHAPE,
            "a 2x2 matrix is expected; yours is 3x2"),
    invalid(["1-beta", "2 beta sigma^2", "-eta(1-beta)", "1 - 2 eta beta sigma^2"], SHAPE, "yours is 1x4"),
    invalid([["1-beta", "2 beta sigma^2"], ["-eta(1-beta)", "1 - 2 eta beta sigma^2", "0"]], SHAPE,
            "rows of your matrix have different lengths"),
    invalid([["1-beta", "2 beta sigma^2"], ["-eta(1-beta)", "1 - 2 eta beta sigmaa^2"]], UNKNOWN,
            "unknown symbol 'sigmaa' (did you mean sigma?)"),
    invalid([["1-beta", "2 beta sigma^2"], ["-eta(1-beta)", "1 - 2 eta beta sigma^2 +"]], SYNTAX, "in item 2"),
    invalid([["1-beta", "2 beta sigma^2"], ["-eta(1-beta)", ""]], "invalid.empty", "your answer is empty"),
    invalid("1-beta", KIND, "a matrix is expected"),
    invalid([["__import__('os')", "0"], ["0", "0"]], SYNTAX, "unexpected '_'"),
    invalid([["1"] * 11] * 11, "invalid.too_large", "your matrix is too large"),
)

# HW2 Q2(c). tr R = 2 - beta - 2 eta beta sigma^2, det R = (1 - beta)(1 - 2 eta beta sigma^2) + 2 eta beta sigma^2
# (1 - beta) = 1 - beta, so lambda = (tr +- sqrt(tr^2 - 4 (1 - beta)))/2 = tr/2 +- sqrt(tr^2/4 - (1 - beta)), any order.
# Carried forward (half the points): eigenvalues of the student's own wrong R_i.
#   R_FACTOR_2: tr = 2 - beta - eta beta sigma^2, det = (1 - beta)(1 - eta beta sigma^2) + eta beta sigma^2 (1 - beta)
#     = 1 - beta;  R_LOWER_LEFT: tr as R's, det = (1 - beta)(1 - 2 eta beta sigma^2) + 2 eta beta sigma^2
#     = 1 - beta + 2 eta beta^2 sigma^2;  R_TRIANGULAR: the diagonal, 1 - beta and 1 - 2 eta beta sigma^2.
FACTOR_2_EIGENVALUES = "(2 - beta - eta*beta*sigma^2 ± sqrt((2 - beta - eta*beta*sigma^2)^2 - 4*(1 - beta)))/2"
LOWER_LEFT_EIGENVALUES = f"({TRACE} ± sqrt({TRACE}^2 - 4*(1 - beta + 2*eta*beta^2*sigma^2)))/2"
Q2_C_EIGENVALUES = for_key(
    "q2.c_eigenvalues",
    right([f"({TRACE} + sqrt({TRACE}^2 - 4*(1 - beta)))/2", f"({TRACE} - sqrt({TRACE}^2 - 4*(1 - beta)))/2"]),
    right([f"({TRACE} - sqrt({TRACE}^2 - 4*(1 - beta)))/2", f"({TRACE} + sqrt({TRACE}^2 - 4*(1 - beta)))/2"]),
    right(f"({TRACE} ± sqrt({TRACE}^2 - 4(1-beta)))/2"),
    right(f"({TRACE} +/- sqrt({TRACE}^2 - 4(1-beta)))/2"),
    right(f"({TRACE} + sqrt({TRACE}^2 - 4(1-beta)))/2, ({TRACE} - sqrt({TRACE}^2 - 4(1-beta)))/2"),
    right(f"[({TRACE} + sqrt({TRACE}^2 - 4(1-beta)))/2, ({TRACE} - sqrt({TRACE}^2 - 4(1-beta)))/2]"),
    right("1 - β/2 - ηβσ² ± √((1 - β/2 - ηβσ²)² − (1 − β))"),
    right(r"\frac{2-\beta-2\eta\beta\sigma^2 \pm \sqrt{(2-\beta-2\eta\beta\sigma^2)^2-4(1-\beta)}}{2}"),
    right(r"1 - \frac{\beta}{2} - \eta\beta\sigma^2"
          r" \pm \sqrt{\left(1 - \frac{\beta}{2} - \eta\beta\sigma^2\right)^2 - (1-\beta)}"),
    right(f"({TRACE} ± sqrt({TRACE}^2 - 4(1-beta)))/2", **{"q2.b": R_FACTOR_2}),
    wrong(FACTOR_2_EIGENVALUES, "partial.carried_forward", "consistent with your own answer to q2.b", 0.5,
          **{"q2.b": R_FACTOR_2}),
    wrong(LOWER_LEFT_EIGENVALUES, "partial.carried_forward", "earns 50% of the points", 0.5, **{"q2.b": R_LOWER_LEFT}),
    wrong("1-beta, 1 - 2 eta beta sigma^2", "partial.carried_forward", "consistent with your own answer", 0.5,
          **{"q2.b": R_TRIANGULAR}),
    wrong(FACTOR_2_EIGENVALUES, NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong(FACTOR_2_EIGENVALUES, NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS, **{"q2.b": R_PLAIN}),
    wrong(FACTOR_2_EIGENVALUES, NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS, **{"q2.b": "[[1 - beta, 2 beta sigma^2]"}),
    wrong(LOWER_LEFT_EIGENVALUES, NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS, **{"q2.b": R_FACTOR_2}),
    wrong([f"({TRACE} + sqrt({TRACE}^2 - 4*(1 - beta)))/2"], "wrong.count", "2 values are expected; your answer has 1"),
    wrong("1 - β/2 - ηβσ² ± √((1 - β/2 - ηβσ²)² − 1 + β) ± 0", "wrong.count", "your answer has 4"),
    wrong(f"({TRACE} ± sqrt({TRACE}^2 - 4(1-beta)))", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong(f"({TRACE} ± sqrt({TRACE}^2 + 4(1-beta)))/2", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid(f"({TRACE} ± sqrt({TRACE}^2 - 4(1-beta))/2", SYNTAX, "expected ')'"),
    invalid(f"({TRACE} ± sqrt({TRACE}^2 - 4(1-lambda)))/2", UNKNOWN, "unknown symbol 'lambda'"),
    invalid("lambda^2 - (2-beta-2 eta beta sigma^2) lambda + 1 - beta = 0", UNKNOWN, "unknown symbol 'lambda'"),
    invalid("__import__('os')", SYNTAX, "unexpected '_'"),
)

# HW2 Q2(c). The eigenvalues are repeated iff tr^2 = 4 (1 - beta), i.e. tr = +-2 sqrt(1 - beta):
# eta = (2 - beta -+ 2 sqrt(1 - beta))/(2 beta sigma^2) = (1 -+ sqrt(1 - beta))^2/(2 beta sigma^2) (eta_lo, eta_hi),
# also = beta/(2 sigma^2 (1 +- sqrt(1 - beta))^2) since (1 - s)(1 + s) = beta for s = sqrt(1 - beta).
# Real and distinct iff tr^2 > 4 (1 - beta): eta < eta_lo or eta > eta_hi (declared lenient: eta_lo and eta_hi,
# where the root is real and double, may be included). Complex iff eta_lo < eta < eta_hi (exact: strict).
Q2_C_REAL = for_key(
    "q2.c_real",
    right(f"eta < {ETA_LO} or eta > {ETA_HI}"),
    right(f"(0, {ETA_LO}) U ({ETA_HI}, inf)"),
    right(rf"\eta < {ETA_LO_TEX} \lor \eta > {ETA_HI_TEX}"),
    right(rf"\eta \in (0, {ETA_LO_TEX}) \cup ({ETA_HI_TEX}, \infty)"),
    right(f"{TRACE}^2 > 4(1-beta)"),
    right("eta < beta/(2 sigma^2 (1+sqrt(1-beta))^2) or eta > beta/(2 sigma^2 (1-sqrt(1-beta))^2)"),
    right("eta < (2 - beta - 2 sqrt(1-beta))/(2 beta sigma^2) or eta > (2 - beta + 2 sqrt(1-beta))/(2 beta sigma^2)"),
    right("η ≤ (1 − √(1 − β))²/(2βσ²) or η ≥ (1 + √(1 − β))²/(2βσ²)", LENIENT),
    right(f"{TRACE}^2 - 4(1-beta) >= 0", LENIENT),
    wrong(f"eta < {ETA_LO}", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong(f"{ETA_LO} < eta < {ETA_HI}", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong("eta < (1-sqrt(1-beta))/(2 beta sigma^2) or eta > (1+sqrt(1-beta))/(2 beta sigma^2)", NOT_EQUIVALENT,
          WRONG_SET_WORDS),
    wrong(f"eta < {ETA_LO} or eta > {ETA_HI} and eta < (2-beta)/(beta sigma^2)", NOT_EQUIVALENT, WRONG_SET_WORDS),
    invalid(f"eta < {ETA_LO} or", SYNTAX, "unexpected end of your answer"),
    invalid(f"eta < {ETA_LO} or eta > {ETA_HI.replace('beta', 'b')}", UNKNOWN, "unknown symbol 'b'"),
    invalid(ETA_LO, KIND, "a condition on eta is expected"),
)

Q2_C_REPEATED = for_key(
    "q2.c_repeated",
    right(f"eta = {ETA_LO} or eta = {ETA_HI}"),
    right(rf"\eta = {ETA_LO_TEX} \lor \eta = {ETA_HI_TEX}"),
    right("η = (1 − √(1 − β))²/(2βσ²) or η = (1 + √(1 − β))²/(2βσ²)"),
    right(f"{TRACE}^2 = 4(1-beta)"),
    right("eta = (2 - beta - 2 sqrt(1-beta))/(2 beta sigma^2) or eta = (2 - beta + 2 sqrt(1-beta))/(2 beta sigma^2)"),
    right("eta = beta/(2 sigma^2 (1+sqrt(1-beta))^2) or eta = beta/(2 sigma^2 (1-sqrt(1-beta))^2)"),
    wrong(f"eta = {ETA_LO}", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong("eta = (1-sqrt(1-beta))/(2 beta sigma^2) or eta = (1+sqrt(1-beta))/(2 beta sigma^2)", NOT_EQUIVALENT,
          WRONG_SET_WORDS),
    wrong(f"{ETA_LO} <= eta <= {ETA_HI}", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong(f"{ETA_LO} < eta < {ETA_HI}", NOT_EQUIVALENT, WRONG_SET_WORDS),
    invalid(f"eta == {ETA_LO} || eta == {ETA_HI}", SYNTAX, "could not read your answer at character"),
    invalid(f"eta = {ETA_LO} or eta = ", SYNTAX, "unexpected end of your answer"),
    right("η = (1 ± √(1 − β))²/(2βσ²)"),
    right(rf"\eta \in \{{{ETA_LO_TEX}, {ETA_HI_TEX}\}}"),
    right([f"eta = {ETA_LO}", f"eta = {ETA_HI}"]),  # several values listed for eta: its possible values
)

Q2_C_COMPLEX = for_key(
    "q2.c_complex",
    right(f"{ETA_LO} < eta < {ETA_HI}"),
    right("((1-√(1-β))²/(2βσ²), (1+√(1-β))²/(2βσ²))"),
    right(rf"{ETA_LO_TEX} < \eta < {ETA_HI_TEX}"),
    right(f"eta > {ETA_LO} and eta < {ETA_HI}"),
    right(f"{TRACE}^2 < 4(1-beta)"),
    right(f"|{TRACE}| < 2 sqrt(1-beta)"),
    right("beta/(2 sigma^2 (1+sqrt(1-beta))^2) < eta < beta/(2 sigma^2 (1-sqrt(1-beta))^2)"),
    wrong(f"{ETA_LO} <= eta <= {ETA_HI}", NOT_STRICT, "not strict"),
    wrong(f"{ETA_LO} < eta <= {ETA_HI}", NOT_STRICT, "the eigenvalues are repeated (real), not complex"),
    wrong("(1-sqrt(1-beta))/(2 beta sigma^2) < eta < (1+sqrt(1-beta))/(2 beta sigma^2)", NOT_EQUIVALENT,
          WRONG_SET_WORDS),
    wrong(f"eta > {ETA_LO}", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong(f"{ETA_LO} < eta < (2-beta)/(beta sigma^2)", NOT_EQUIVALENT, WRONG_SET_WORDS),
    invalid(f"{ETA_LO} < eta < (1+sqrt(1-beta))^2/(2 beta sigma^2", SYNTAX, "expected ')'"),
    invalid(f"{ETA_LO} < eta < {ETA_HI.replace('sigma', 'sigam')}", UNKNOWN, "unknown symbol 'sigam'"),
)

# HW2 Q2(d)-(f), bounds in beta and sigma ("eta = ..." and "eta < ..." are read as the bound).
# (d) the largest repeated-eigenvalue eta, eta_hi; (f) the complex regime (eta_lo, eta_hi) ends at eta_hi.
# (e) With real eigenvalues above eta_hi both are negative; the smaller reaches -1 when 1 + tr + det = 0:
# 1 + 2 - beta - 2 eta beta sigma^2 + 1 - beta = 0, eta = (2 - beta)/(beta sigma^2) = 2/(beta sigma^2) - 1/sigma^2.
# Declared mistakes: eta_lo for (d) and (f); (2 - beta)/(2 beta sigma^2) for (e).
Q2_D_MAX_ETA = for_key(
    "q2.d_max_eta",
    right(ETA_HI),
    right("(1 + √(1 − β))²/(2βσ²)"),
    right(ETA_HI_TEX),
    right("(2 - beta + 2 sqrt(1-beta))/(2 beta sigma^2)"),
    right("beta/(2 sigma^2 (1-sqrt(1-beta))^2)"),
    right("1/(2 beta sigma^2) (1 + sqrt(1-beta))^2"),
    right(f"eta = {ETA_HI}"),
    right(f"eta <= {ETA_HI}"),
    wrong(f"eta < {ETA_HI}", "wrong.relation", "itself the eigenvalue -sqrt(1 - beta) is repeated"),
    wrong(ETA_LO, "wrong.smaller_root", "the question asks for the largest"),
    wrong("(1+sqrt(1-beta))^2/(beta sigma^2)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("(1+sqrt(1-beta))/(2 beta sigma^2)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("(1+sqrt(1-beta))^2/(2 beta sigma^2", SYNTAX, "at character 35"),
    invalid("(1+sqrt(1-b))^2/(2 beta sigma^2)", UNKNOWN, "unknown symbol 'b'"),
    invalid("(1+sqrt(1-beta))^2/(2 beta sigma^2) + 0 eta", UNKNOWN, "unknown symbol 'eta'"),
)

Q2_E_MAX_ETA = for_key(
    "q2.e_max_eta",
    right("(2-beta)/(beta sigma^2)"),
    right("(2 − β)/(βσ²)"),
    right(r"\frac{2-\beta}{\beta\sigma^2}"),
    right("2/(beta sigma^2) - 1/sigma^2"),
    right("eta < (2-beta)/(beta sigma^2)"),
    right(r"\eta_{max} = \frac{2 - \beta}{\beta \sigma^2}"),
    wrong("eta <= (2-beta)/(beta sigma^2)", "wrong.relation", "an eigenvalue of R_i is exactly -1"),
    wrong(r"\eta \leq \frac{2-\beta}{\beta\sigma^2}", "wrong.relation", "does not converge there"),
    wrong("(2-beta)/(2 beta sigma^2)", "wrong.factor_of_2", "an eigenvalue reaches -1"),
    wrong("2/(beta sigma^2)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("(2-beta)/beta sigma^2", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("(1+beta)/(beta sigma^2)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong(ETA_HI, NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("(2-beta)/(beta sigma^2))", SYNTAX, "at character 24: unexpected ')'"),
    invalid("(2-beta)/(beta s^2)", UNKNOWN, "unknown symbol 's'"),
)

Q2_F_MAX_ETA = for_key(
    "q2.f_max_eta",
    right(ETA_HI),
    right("(1+√(1−β))²/(2βσ²)"),
    right(r"\frac{\left(1+\sqrt{1-\beta}\right)^{2}}{2\beta\sigma^{2}}"),
    right("(2-beta+2 sqrt(1-beta))/(2 beta sigma^2)"),
    right(rf"\eta_{{\max}} = {ETA_HI_TEX}"),
    right(f"eta < {ETA_HI}"),
    wrong(f"η ≤ (1 + √(1 − β))²/(2βσ²)", "wrong.relation", "the eigenvalues are repeated (real), not complex"),
    wrong(ETA_LO, "wrong.smaller_root", "where the complex regime starts"),
    wrong("(2-beta)/(beta sigma^2)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("(1+sqrt(beta))^2/(2 beta sigma^2)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("(1+sqrt(1-beta))^2/(2 beta sigma)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("sqrt(", SYNTAX, "unexpected end of your answer"),
    invalid(f"{ETA_LO} < eta < {ETA_HI}", KIND, "not an expression"),
)

# HW2 Q2(d)-(f), the stable eta of each regime (0 < beta < 1, so 0 < eta_lo < eta_hi < (2 - beta)/(beta sigma^2)).
# (d) At eta_lo and eta_hi the double root is +sqrt(1 - beta) or -sqrt(1 - beta), of modulus < 1: R is a Jordan block,
# x_t ~ t (1 - beta)^(t/2) -> 0, so both are stable: the set is {eta_lo, eta_hi}. Declared mistake: eta_hi alone.
# The homework asks "for the case when they are repeated / real / complex, what is the condition on eta, beta, sigma_i
# that keeps them stable?", which also reads as: given the regime, what keeps it stable. Both readings are right,
# and the message names the one an answer was read as.
# (d), given repeated roots: the root is tr/2 = 1 - beta/2 - eta beta sigma^2, stable iff |tr/2| < 1; for eta > 0 the
# lower side always holds, the upper gives eta < (4 - beta)/(2 beta sigma^2), open (there tr/2 = -1).
# (e) Real distinct roots: eta < eta_lo (both positive, the larger below 1 since the product is 1 - beta and the sum
# tr < 2) or eta > eta_hi (both negative; the smaller reaches -1 when 1 + tr + det = 0, eta = (2 - beta)/(beta sigma^2)).
# The set is (0, eta_lo) U (eta_hi, (2 - beta)/(beta sigma^2)). At eta_lo and eta_hi the double root is real and stable,
# so either strictness is right there (lenient ends); at (2 - beta)/(beta sigma^2) the root -1 does not decay: a
# closed upper end is wrong, with that reason. Declared mistakes: the upper piece only, the lower piece only, the
# real set of (c) without the stability bound.
# (e), given real roots: both roots of l^2 - tr l + (1 - beta) lie in (-1, 1) iff 1 - tr + det > 0 (eta > 0) and
# 1 + tr + det > 0 (eta < (2 - beta)/(beta sigma^2)), their product being in (0, 1): (0, (2 - beta)/(beta sigma^2)),
# open at the top for the same reason as above.
# (f) Complex roots are conjugate with |lambda|^2 = det = 1 - beta < 1: all of (eta_lo, eta_hi) is stable. The ends
# are repeated roots, not complex: closed ends are wrong (the iteration does converge there, but that is (d)).
# Declared mistake: (eta_lo, (2 - beta)/(beta sigma^2)), the real regime's bound.
# (f), given complex roots: their modulus is sqrt(1 - beta) < 1 for any eta (0 < beta < 2): every eta > 0. A condition
# on beta alone that holds on the domain 0 < beta < 1 says the same; one that fails on part of it does not.
TOP = "(2 - beta)/(beta*sigma^2)"
TOP_TEX = r"\frac{2-\beta}{\beta\sigma^2}"
REPEATED_TOP = "(4 - beta)/(2*beta*sigma^2)"
IN_REGIME = "read as the eta where the eigenvalues are {} and stable"
GIVEN_REGIME = "read as given {} eigenvalues, the eta that keep them stable"
Q2_D_CONDITION = for_key(
    "q2.d_condition",
    right(f"eta = {ETA_LO} or eta = {ETA_HI}", words=IN_REGIME.format("repeated")),
    right("η = (1 ± √(1 − β))²/(2βσ²)"),
    right(rf"\eta = {ETA_LO_TEX} \lor \eta = {ETA_HI_TEX}"),
    right(rf"\eta \in \{{{ETA_LO_TEX}, {ETA_HI_TEX}\}}"),
    right(f"{TRACE}^2 = 4(1-beta)"),
    right(f"{TRACE}^2 = 4(1-beta) and eta < {TOP}"),  # the stability bound changes nothing at the two points
    right("eta = beta/(2 sigma^2 (1+sqrt(1-beta))^2) or eta = beta/(2 sigma^2 (1-sqrt(1-beta))^2)"),
    wrong(f"eta = {ETA_HI}", "wrong.largest_only", "both repeated points converge"),
    right(f"0 < eta < {REPEATED_TOP}", words=GIVEN_REGIME.format("repeated")),
    right("|1 - beta/2 - eta beta sigma^2| < 1", words=GIVEN_REGIME.format("repeated")),
    right("0 < η < (4 − β)/(2βσ²)", words=GIVEN_REGIME.format("repeated")),
    right(rf"\left|\frac{{{TRACE}}}{{2}}\right| < 1", words=GIVEN_REGIME.format("repeated")),
    right(r"0 < \eta < \frac{4-\beta}{2\beta\sigma^2}", words=GIVEN_REGIME.format("repeated")),
    wrong(f"0 < eta <= {REPEATED_TOP}", NOT_STRICT, "would be -1, which does not converge"),
    wrong(f"0 < eta < {REPEATED_TOP} + 1/sigma^2", NOT_EQUIVALENT, WRONG_SET_WORDS),  # beyond the end
    wrong(f"0 < eta < {REPEATED_TOP} - 1/(4 sigma^2)", NOT_EQUIVALENT, WRONG_SET_WORDS),  # short of it
    wrong(f"eta = {ETA_LO}", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong(f"{ETA_LO} <= eta <= {ETA_HI}", NOT_EQUIVALENT, WRONG_SET_WORDS),
    wrong(f"0 < eta < {TOP}", NOT_EQUIVALENT, WRONG_SET_WORDS),
    invalid(f"eta = {ETA_LO} or eta = ", SYNTAX, "unexpected end of your answer"),
    invalid(f"eta = {ETA_LO.replace('beta', 'b')}", UNKNOWN, "unknown symbol 'b'"),
    invalid(ETA_HI, KIND, "a condition on eta is expected"),
)

Q2_E_CONDITION = for_key(
    "q2.e_condition",
    right(f"eta < {ETA_LO} or {ETA_HI} < eta < {TOP}", words=IN_REGIME.format("real")),
    right(f"(0, {ETA_LO}) U ({ETA_HI}, {TOP})"),
    right("η < (1 − √(1 − β))²/(2βσ²) or (1 + √(1 − β))²/(2βσ²) < η < (2 − β)/(βσ²)"),
    right(rf"\eta < {ETA_LO_TEX} \lor {ETA_HI_TEX} < \eta < {TOP_TEX}"),
    right(f"{TRACE}^2 > 4(1-beta) and eta < {TOP}"),
    right(f"eta < {ETA_LO} or {ETA_HI} < eta < 2/(beta sigma^2) - 1/sigma^2"),
    right(f"eta <= {ETA_LO} or {ETA_HI} <= eta < {TOP}", LENIENT),  # double roots are real and stable
    right(rf"\eta \leq {ETA_LO_TEX} \lor {ETA_HI_TEX} \leq \eta < {TOP_TEX}", LENIENT),
    right(f"{TRACE}^2 >= 4(1-beta) and eta < {TOP}", LENIENT),
    wrong(f"eta < {ETA_LO} or {ETA_HI} < eta <= {TOP}", NOT_STRICT, "an eigenvalue of R_i is exactly -1"),
    wrong(f"eta <= {ETA_LO} or {ETA_HI} <= eta <= {TOP}", NOT_STRICT, "does not converge there"),
    wrong(f"(0, {ETA_LO}) U ({ETA_HI}, {TOP}]", NOT_STRICT, "not strict"),
    wrong(f"{ETA_HI} < eta < {TOP}", "wrong.upper_piece_only", "real and stable too"),
    wrong(f"eta < {ETA_LO}", "wrong.lower_piece_only", "the roots are real again"),
    wrong(f"eta < {ETA_LO} or eta > {ETA_HI}", "wrong.no_stability_bound", "stable only until one reaches -1"),
    # half the bound, (2 - beta)/(2 beta sigma^2), lies below eta_hi = (2 - beta + 2 sqrt(1 - beta))/(2 beta sigma^2):
    # the upper piece is empty, so this is the lower piece only
    wrong(f"eta < {ETA_LO} or {ETA_HI} < eta < (2 - beta)/(2 beta sigma^2)", "wrong.lower_piece_only", "real again"),
    wrong(f"eta < {ETA_LO} or {ETA_HI} < eta < 2/(beta sigma^2)", NOT_EQUIVALENT, WRONG_SET_WORDS),
    right(f"0 < eta < {TOP}", words=GIVEN_REGIME.format("real")),
    right("η < (2 − β)/(βσ²)", words=GIVEN_REGIME.format("real")),
    right(rf"0 < \eta < {TOP_TEX}", words=GIVEN_REGIME.format("real")),
    right(f"{ETA_LO} <= eta <= {ETA_HI} or 0 < eta < {TOP}", words=GIVEN_REGIME.format("real")),  # the same set
    wrong(f"0 < eta <= {TOP}", NOT_STRICT, GIVEN_REGIME.format("real") + "): at eta = (2 - beta)/(beta sigma^2)"),
    wrong("0 < eta < 2/(beta*sigma^2)", NOT_EQUIVALENT, WRONG_SET_WORDS),  # beyond the end
    wrong("0 < eta < (2 - beta)/(beta*sigma^2) - 1/(4 sigma^2)", NOT_EQUIVALENT, WRONG_SET_WORDS),  # short of it
    invalid(f"eta < {ETA_LO} or {ETA_HI} < eta < (2 - beta)/(beta*sigma^2", SYNTAX, "expected ')'"),
    invalid(f"eta < {ETA_LO} or {ETA_HI} < eta < (2 - beta)/(b*sigma^2)", UNKNOWN, "unknown symbol 'b'"),
    invalid(TOP, KIND, "a condition on eta is expected"),
)

Q2_F_CONDITION = for_key(
    "q2.f_condition",
    right(f"{ETA_LO} < eta < {ETA_HI}", words=IN_REGIME.format("complex")),
    right("((1-√(1-β))²/(2βσ²), (1+√(1-β))²/(2βσ²))"),
    right(rf"{ETA_LO_TEX} < \eta < {ETA_HI_TEX}"),
    right(f"{TRACE}^2 < 4(1-beta)"),
    right(f"{TRACE}^2 < 4(1-beta) and eta < {TOP}"),  # true on the whole complex range
    right(f"|{TRACE}| < 2 sqrt(1-beta)"),
    wrong(f"{ETA_LO} <= eta <= {ETA_HI}", NOT_STRICT, "the eigenvalues are repeated (real), not complex"),
    wrong(rf"{ETA_LO_TEX} < \eta \leq {ETA_HI_TEX}", NOT_STRICT, "not strict"),
    wrong(f"{ETA_LO} < eta < {TOP}", "wrong.real_bound", "bounds the real regime"),
    wrong(f"eta < {ETA_HI}", NOT_EQUIVALENT, WRONG_SET_WORDS),
    right("eta > 0", words=GIVEN_REGIME.format("complex")),
    right("0 < beta < 2", words=GIVEN_REGIME.format("complex") + ": every eta"),  # true on all of 0 < beta < 1
    right("0 < β < 2", words=GIVEN_REGIME.format("complex")),
    right(r"0 < \beta < 2", words=GIVEN_REGIME.format("complex")),
    right("eta > 0 and 0 < beta < 2", words=GIVEN_REGIME.format("complex")),
    wrong("0 < beta < 1/2", NOT_EQUIVALENT, WRONG_SET_WORDS),  # fails on half of the domain of beta
    wrong("eta > 1/(100 sigma^2)", NOT_EQUIVALENT, WRONG_SET_WORDS),
    invalid("0 < bta < 2", UNKNOWN, "unknown symbol 'bta'"),
    wrong(f"{ETA_LO} < eta < (1+sqrt(1-beta))/(2 beta sigma^2)", NOT_EQUIVALENT, WRONG_SET_WORDS),
    invalid(f"{ETA_LO} < eta < (1+sqrt(1-beta))^2/(2 beta sigma^2", SYNTAX, "expected ')'"),
    invalid(f"{ETA_LO} < eta < {ETA_HI.replace('sigma', 'sigam')}", UNKNOWN, "unknown symbol 'sigam'"),
)

# HW2 Q2(g), beta = 0.1, sigma^2 in {5, 0.05}. Every R_i has det 1 - beta, so its spectral radius is at least
# sqrt(0.9), reached on [eta_lo(sigma_i^2), eta_hi(sigma_i^2)]; the best eta set is the intersection
# [eta_lo(0.05), eta_hi(5)] = [(1 - sqrt(0.9))^2/0.01, (1 + sqrt(0.9))^2/1] = [0.263340, 3.797367].
# Beyond the set the verdict changes at the ends of the stable range (0, (2 - beta)/(beta sigma_max^2)) = (0, 1.9/0.5)
# = (0, 3.8): at eta = 3.8 the sigma^2 = 5 matrix has tr = 1.9 - 3.8 = -1.9 = -(1 + det), an eigenvalue of exactly
# -1 (no convergence). A closed end accepts that end rounded to 3 significant figures (half a unit: 0.0005 below
# 0.26334), never beyond half the way to the stable range's end: above 3.797367 that caps the slack at
# (3.8 - 3.797367)/2 = 0.001317. Accepted: [0.262840, 3.798683]. So 0.263 (the low end as a student rounds it) is
# right, 0.2628 is not; 3.7986 is right, 3.7987, 3.799 and the limit 3.8 itself (and 3.801, divergent) are not.
Q2_G_ETA = for_key(
    "q2.g_eta",
    right(1),
    right(1.0),
    right("1"),
    right("1.0"),
    right(0.5),
    right(2),
    right("3.79"),
    right(3.797),
    right(3.7974),
    right(3.7986),
    right(0.2634),
    right(0.2632),
    right("0.263"),
    right(0.2629),
    right("eta = 1"),
    right("η = 1"),
    right(r"\frac{1}{2}"),
    right("50%"),
    right("1e0"),
    right("sqrt(0.26334*3.79737)"),
    right("(1-sqrt(0.9))^2/(2*0.1*0.05)"),
    right("(1+√0.9)²/(2·0.1·5)"),
    *(wrong(outside, "wrong.outside_set", "outside the set of right answers")
      for outside in (0.2628, 0.26, 3.7987, 3.799, 3.8, "3.80", "(2 - 0.1)/(0.1*5)", 3.801, 3.802)),
    wrong(4, "wrong.outside_set", "outside the set of right answers"),
    wrong(0, "wrong.outside_set", "outside the set of right answers"),
    wrong(-1, "wrong.outside_set", "outside the set of right answers"),
    invalid("eta", UNKNOWN, "unknown symbol 'eta'"),
    # The whole optimal set as the answer: right when each end is within the slack above of the set's end, on
    # either side (inward too: 0.26334 + 0.0005, 3.797367 - 0.001317), whatever the strictness.
    right("[0.2633, 3.7974]"),
    right("0.2633 <= eta <= 3.7974"),
    right("0.263 ≤ η ≤ 3.797"),
    right(r"0.2633 \leq \eta \leq 3.7974"),
    right("(0.2633, 3.7974)"),
    right("[0.2638, 3.7961]"),
    *(wrong(interval, "wrong.outside_set", "your interval is not the set of right answers")
      for interval in ("[0.2628, 3.7974]", "[0.2639, 3.7974]", "[0.2633, 3.7960]", "[0.2633, 3.7987]", "[0.2633, 3.8]",
                       "0 < eta < 3.8", "eta >= 0.2633", "[0.3, 3.7]", "eta < 0.2633 or eta > 3.7974")),
    invalid("[0.3, 3.7, 4]", KIND, "not a single expression"),
    invalid("1/sigma^2", UNKNOWN, "unknown symbol 'sigma'"),
    invalid("0.5.", SYNTAX, "at character 4: unexpected '.'"),
    invalid(True, KIND, "true/false is not an answer"),
    invalid("1/0", KIND, "not a finite number"),
    invalid("sqrt(-1)", KIND, "not a real number"),
    invalid("9^9^9^9", "invalid.too_large", "the exponent is too large"),
)

# HW2 Q2(g), iterations to reach 99.9% (0.1% of the initial error left), derived independently:
# momentum rate sqrt(0.9): T = log(0.001)/log(sqrt(0.9)) = 131.13 -> 131 (rounded) or 132 (first T past it); the loss
# gap shrinks at rate^2: 65.56 -> 66. Simulating z_0 = 0, x_0 = (1, 1) at eta = 1 (sqrt(eta_lo eta_hi)), the
# distance stays within 0.1% from t = 126 on and the loss gap from t = 65. Accepted: {65, 66, 126, 131, 132}.
# Plain GD at eta = 1/(5 + 0.05): rate 4.95/5.05 = 0.980198 in both directions, T = 345.38 -> 345, 346; loss 172.69
# -> 173 (the simulation agrees: 346 and 173). Accepted: {173, 345, 346}.
Q2_G_ITERATIONS_MOMENTUM = for_key(
    "q2.g_iterations_momentum",
    right(65),
    right(66),
    right(126),
    right(131),
    right(132),
    right("131"),
    right(132.0),
    right("132.0"),
    right("1.32e2"),
    right("T = 132"),
    *(wrong(near_miss, NOT_EQUIVALENT, "not one of the accepted values") for near_miss in (64, 67, 125, 127, 130, 133)),
    wrong(346, NOT_EQUIVALENT, "not one of the accepted values"),
    wrong(-132, NOT_EQUIVALENT, "not one of the accepted values"),
    wrong(131.5, "wrong.not_integer", "not a whole number"),
    wrong("131.1", "wrong.not_integer", "not a whole number"),
    invalid("131 iterations", UNKNOWN, "unknown symbol 'iterations'"),
    invalid("about 131", SYNTAX, "unexpected '131'"),
    invalid("1e400", "invalid.too_large", "too large or too small"),
    invalid("", "invalid.missing", "No answer given for q2.g_iterations_momentum"),
    # Error carried forward from the student's own q2.g_eta (correct, full points: the count is the one that eta gives).
    # eta = 0.30 is in the optimal set: rate sqrt(0.9) (131, 132; loss 66); simulated from z_0 = 0, x_0 = (1, 1) the
    # distance stays within 0.1% from t = 128, every direction from t = 129, the loss gap from t = 67 (the
    # reference test re-derives these with the w/z recursion). eta = 0.25 is below the set: for sigma^2 = 0.05,
    # tr R = 1.9 - 2 (0.25)(0.1)(0.05) = 1.8975, det R = 0.9, roots 0.94875 +- sqrt(0.94875^2 - 0.9) = 0.96, 0.9375;
    # log(0.001)/log(0.96) = 169.2 -> 169, 170; loss 84.6 -> 85. eta = 5 diverges and carries nothing.
    right(128, "correct.carried_forward", **{"q2.g_eta": 0.30}),
    right(129, "correct.carried_forward", **{"q2.g_eta": "0.30"}),
    right(67, "correct.carried_forward", **{"q2.g_eta": 0.3}),
    right(170, "correct.carried_forward", **{"q2.g_eta": 0.25}),
    right(169, "correct.carried_forward", **{"q2.g_eta": 0.25}),
    right(132, **{"q2.g_eta": 0.30}),
    *(wrong(near_miss, NOT_EQUIVALENT, "not one of the accepted values", **{"q2.g_eta": 0.30})
      for near_miss in (127, 130, 68)),
    wrong(171, NOT_EQUIVALENT, "not one of the accepted values", **{"q2.g_eta": 0.25}),
    wrong(128, NOT_EQUIVALENT, "not one of the accepted values", **{"q2.g_eta": 1.0}),
    wrong(346, NOT_EQUIVALENT, "not one of the accepted values", **{"q2.g_eta": 5.0}),
    wrong(128, NOT_EQUIVALENT, "not one of the accepted values", **{"q2.g_eta": "[0.2633, 3.7974]"}),
    wrong(128, NOT_EQUIVALENT, "not one of the accepted values", **{"q2.g_eta": "eta"}),
)

Q2_G_ITERATIONS_GD = for_key(
    "q2.g_iterations_gd",
    right(173),
    right(345),
    right(346),
    right("345"),
    right(346.0),
    right("3.45e2"),
    *(wrong(near_miss, NOT_EQUIVALENT, "not one of the accepted values") for near_miss in (172, 174, 344, 347)),
    wrong(132, NOT_EQUIVALENT, "not one of the accepted values"),
    wrong(345.5, "wrong.not_integer", "not a whole number"),
    invalid("≈345", SYNTAX, "unexpected '≈'"),
    invalid("10^10^10", "invalid.too_large", "the exponent is too large"),
    invalid([345, 346], KIND, "not a single expression"),
    # Plain GD's count is asked at GD's own best eta, whatever the student's momentum eta: nothing carries forward.
    wrong(258, NOT_EQUIVALENT, "not one of the accepted values", **{"q2.g_eta": 0.2}),
    right(346, **{"q2.g_eta": 0.30}),
)

# HW2 Q2(i). In the notebook momentum's worst rate sqrt(0.9) = 0.9487 beats plain GD's 0.9802: "momentum".
Q2_I = for_key(
    "q2.i",
    right("momentum"),
    right("Momentum"),
    right(" MOMENTUM "),
    right("momentum."),
    right("GD with momentum"),
    right("gd-with-momentum"),
    right("Gradient Descent with Momentum"),
    right("gdm"),
    right("Momentum GD"),
    right("heavy-ball"),
    wrong("gd", "wrong.choice", "not the right choice"),
    wrong("GD", "wrong.choice", "not the right choice"),
    wrong("sgd", "wrong.choice", "not the right choice"),
    wrong("plain gd", "wrong.choice", "not the right choice"),
    wrong("vanilla GD", "wrong.choice", "not the right choice"),
    wrong("gradient descent", "wrong.choice", "not the right choice"),
    invalid("adam", "invalid.choice", "answer one of: momentum, gd"),
    invalid("both", "invalid.choice", "answer one of: momentum, gd"),
    invalid("momentum" * 300, "invalid.too_long", "too long"),
)

# HW2 Q3(a). E[(x~^T w - y)^2] = (x^T w - y)^2 + sigma^2 ||w||^2, so the loss (16), averaged over the m points, is
# ridge with lambda = sigma^2. Declared mistakes: sigma; m sigma^2 (the unaveraged sum).
Q3_A = for_key(
    "q3.a",
    right("sigma^2"),
    right("σ²"),
    right(r"\sigma^2"),
    right(r"\lambda = \sigma^2"),
    right("lambda = sigma^2"),
    right("λ = σ^2"),
    right("sigma^2 = lambda"),
    right("sigma*sigma"),
    right("sigma**2"),
    right("|sigma|^2"),
    right("sqrt(sigma^4)"),
    wrong("sigma", "wrong.sigma_not_squared", "lambda is a variance"),
    wrong("m sigma^2", "wrong.unnormalised", "averages over the m points"),
    wrong("n σ²", "wrong.unnormalised", "averages over the m points"),
    wrong("2 sigma^2", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("sigma^2/2", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("lambda", UNKNOWN, "unknown symbol 'lambda'"),
    invalid("sigmma^2", UNKNOWN, "unknown symbol 'sigmma' (did you mean sigma?)"),
    invalid("sigma^", SYNTAX, "unexpected end of your answer"),
    # A readable claim about lambda, but not its value: wrong (not unreadable), and the message asks for lambda = ...
    wrong("lambda > sigma^2", "wrong.relation", "the question asks for lambda = ..., not 'lambda > ...'"),
)

# HW2 Q3(b). SGD on 1/2 (x~ w - y)^2 steps w - eta x~ (x~ w - y); the fresh noise is independent of w_t with
# E[x~] = x, E[x~^2] = x^2 + sigma^2, so E[w_{t+1}] = (1 - eta (x^2 + sigma^2)) w + eta x y.
# Declared mistakes: the noise left out; the loss taken without its 1/2 (eta doubled).
Q3_B = for_key(
    "q3.b",
    right("(1 - eta(x^2+sigma^2)) w + eta x y"),
    right("w - eta((x^2 + sigma^2) w - x y)"),
    right("w - eta x (x w - y) - eta sigma^2 w"),
    right("(1 - ηx² - ησ²)w + ηxy"),
    right(r"(1-\eta(x^2+\sigma^2))w + \eta x y"),
    right("w_t - eta((x^2+sigma^2) w_t - x y)"),
    wrong("(1 - eta x^2) w + eta x y", "wrong.no_noise", "adds sigma^2 to x^2"),
    wrong("(1 - 2 eta (x^2+sigma^2)) w + 2 eta x y", "wrong.factor_of_2", "factor of 2"),
    wrong("(1 - eta(x^2+sigma^2)) w - eta x y", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("(1 - eta(x^2+sigma)) w + eta x y", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("(1 - eta(x+sigma)^2) w + eta x y", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("(1 - eta(x^2+sigma^2)) w + eta x y +", SYNTAX, "at character 37"),
    invalid("factorial(10^10)", UNKNOWN, "unknown symbol 'factorial'"),
    # The question says w stands for E[w_t], so E[w] is w (declared as an alias), never Euler's e times w.
    right("(1 - eta(x^2+sigma^2)) E[w] + eta x y"),
    # A left-hand side naming the quantity asked for is read as the answer's value side; "=" only.
    right("E[w_{t+1}] = (1 - eta(x^2+sigma^2)) w + eta x y"),
    right("w_{t+1} = w - eta x (x w - y) - eta sigma^2 w"),
    right("E[wₜ₊₁] = (1 − η(x² + σ²))w + ηxy"),
    right(r"\mathbb{E}[w_{t+1}] = (1-\eta(x^2+\sigma^2))w + \eta x y"),
    wrong("E[w_{t+1}] = (1 - eta x^2) w + eta x y", "wrong.no_noise", "adds sigma^2 to x^2"),
    wrong("E[w_{t+1}] < (1 - eta(x^2+sigma^2)) w + eta x y", "wrong.relation", "the question asks for"),
    invalid("E[w_{t-1}] = (1 - eta(x^2+sigma^2)) w + eta x y", UNKNOWN, "unknown symbol 'E[w_{t-1}]'"),
)

# HW2 Q3(c). E[w_t] - w_lim is multiplied by 1 - eta (x^2 + sigma^2) each step: converges iff
# |1 - eta (x^2 + sigma^2)| < 1 iff 0 < eta < 2/(x^2 + sigma^2), strict. Declared mistakes: 1/(x^2 + sigma^2);
# 2/x^2 (no noise).
Q3_C = for_key(
    "q3.c",
    right("0 < eta < 2/(x^2+sigma^2)"),
    right("η < 2/(x² + σ²)"),
    right(r"0 < \eta < \frac{2}{x^2+\sigma^2}"),
    right("(0, 2/(x^2+sigma^2))"),
    right("|1 - eta(x^2+sigma^2)| < 1"),
    right("eta > 0 and eta < 2/(x^2+sigma^2)"),
    right("eta < 2 (x^2+sigma^2)^(-1)"),
    right("eta*(x^2+sigma^2) < 2"),
    wrong("0 < eta <= 2/(x^2+sigma^2)", NOT_STRICT, "not strict"),
    wrong("[0, 2/(x^2+sigma^2)]", NOT_STRICT, "not strict"),
    wrong("eta <= 2/(x^2 + sigma^2)", NOT_STRICT, "E[w_t] oscillates and does not converge"),
    wrong("0 < eta < 1/(x^2+sigma^2)", "wrong.factor_of_2", "factor of 2"),
    wrong("0 < eta < 2/x^2", "wrong.no_noise", "adds sigma^2 to x^2"),
    wrong("eta < 2/(x^2 + sigma)", NOT_EQUIVALENT, WRONG_SET_WORDS),
    invalid("eta < 2/(x^2+sigma^2", SYNTAX, "expected ')'"),
    invalid("eta < 2/(x^2+s^2)", UNKNOWN, "unknown symbol 's'; this answer may use eta, sigma, x"),
    invalid("2/(x^2+sigma^2)", KIND, "a condition on eta is expected"),
)

# HW2 Q3(d). The fixed point of w = (1 - eta (x^2 + sigma^2)) w + eta x y is x y/(x^2 + sigma^2)
# (= y/(x + sigma^2/x)); without noise (sigma = 0) it is y/x. Declared mistakes: y/x for (d); the noisy limit for
# the noiseless one.
Q3_D = for_key(
    "q3.d",
    right("x y/(x^2+sigma^2)"),
    right("xy/(x² + σ²)"),
    right(r"\frac{xy}{x^2+\sigma^2}"),
    right("y/(x + sigma^2/x)"),
    right("y x (x^2+sigma^2)^-1"),
    right(r"w_\infty = \frac{xy}{x^2+\sigma^2}"),
    right("w = xy/(x^2+sigma^2)"),
    wrong("y/x", "wrong.no_noise", "the limit without noise"),
    wrong("x y/(x^2+sigma)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("x y/x^2+sigma^2", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("x y/(x^2 - sigma^2)", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("x y/(x^2+sigma^2", SYNTAX, "expected ')'"),
    invalid("xy/(x^2 + sigma^2) + 0*eta", UNKNOWN, "unknown symbol 'eta'"),
    invalid("xy/(x^2 + sigma^2) + lambda", UNKNOWN, "this answer may use sigma, x, y"),
)

Q3_D_NO_NOISE = for_key(
    "q3.d_no_noise",
    right("y/x"),
    right(r"\frac{y}{x}"),
    right("y÷x"),
    right("x y/x^2"),
    right("y x^(-1)"),
    right("x^-1 y"),
    right("w = y/x"),
    wrong("x y/(x^2+sigma^2)", "wrong.noise_kept", "Without noise sigma = 0"),
    wrong("x/y", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("y", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("xy", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("y/", SYNTAX, "unexpected end of your answer"),
    invalid("y/z", UNKNOWN, "unknown symbol 'z'"),
)

# HW2 Q4. With w ~ N(0, I_d) and y = X w + sqrt(lambda) e, e ~ N(0, I_n): Sigma_WY = E[w y^T] = E[w w^T] X^T = X^T
# (d x n) and Sigma_YY = X E[w w^T] X^T + lambda I = X X^T + lambda I (n x n). Compared on random X of shape n x d;
# an answer of another shape is named by its shape (X^T X + lambda I is d x d).
Q4_SIGMA_WY = for_key(
    "q4.sigma_wy",
    right("X^T"),
    right(r"X^\top"),
    right(r"X^{\top}"),
    right("X^{T}"),
    right("Xᵀ"),
    right("X'"),
    right(r"\mathbf{X}^\top"),
    right("I X^T"),
    right("X^T I"),
    wrong("X", "wrong.shape", "a n x d matrix; a d x n matrix is expected"),
    wrong("X^T X", "wrong.shape", "a d x d matrix; a d x n matrix is expected"),
    wrong("(X^T)^T", "wrong.shape", "a n x d matrix"),
    wrong("2 X^T", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("lambda X^T", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("(X^T X + lambda I)^-1 X^T", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("X^T + lambda I", SHAPE, "adding the identity needs a square matrix, not d x n"),
    invalid("X^-1", SHAPE, "a matrix power needs a square matrix"),
    invalid("Y^T", UNKNOWN, "unknown symbol 'Y'; this answer may use I, X, lambda"),
    invalid("X^", SYNTAX, "unexpected end of your answer"),
    invalid(1, KIND, "a matrix expression is expected"),
)

Q4_SIGMA_YY = for_key(
    "q4.sigma_yy",
    right("X X^T + lambda I"),
    right("lambda I + X X^T"),
    right("X*X^T + lambda*I"),
    right("X (X^T) + lambda I"),
    right("X X' + lam I"),
    right("(X X^T + lambda I)^T"),
    right("XX^T + λI"),
    right("λI + XXᵀ"),
    right(r"X X^\top + \lambda I"),
    right(r"\mathbf{X}\mathbf{X}^\top + \lambda \mathbf{I}"),
    wrong("X^T X + lambda I", "wrong.shape", "a d x d matrix; a n x n matrix is expected"),
    wrong("X^T X", "wrong.shape", "a d x d matrix"),
    wrong("X X^T", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("X X^T + I", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("X X^T + lambda^2 I", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("X X^T - lambda I", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("(X X^T + lambda I)^{-1}", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    invalid("X X^T + lambda", SHAPE, "did you mean lambda I?"),
    invalid("X^T + lambda I", SHAPE, "needs a square matrix"),
    invalid("X X^T + sigma^2 I", UNKNOWN, "unknown symbol 'sigma'"),
    invalid("X X^T + lambda I +", SYNTAX, "unexpected end of your answer"),
    invalid("X" + "*X" * 600, "invalid.too_long", "too many parts"),
    right(r"XX^\top + \lambda I_n"),
)

# HW2 Q4, the posterior mean: jointly Gaussian (W, Y) give E[W | Y = y] = Sigma_WY Sigma_YY^{-1} y
# = X^T (X X^T + lambda I)^{-1} y (d x 1); by the push-through identity X^T (X X^T + lambda I)^{-1}
# = (X^T X + lambda I)^{-1} X^T, so the ridge form is the same vector. Declared mistakes: Sigma_YY not inverted;
# lambda dropped from Sigma_YY (which is then X X^T + I).
Q4_POSTERIOR_MEAN = for_key(
    "q4.posterior_mean",
    right("X^T (X X^T + lambda I)^{-1} y"),
    right("(X^T X + lambda I)^{-1} X^T y"),  # the ridge (primal) form
    right("w = X^T (X X^T + lambda I)^-1 y"),
    right("Xᵀ(XXᵀ + λI)⁻¹y"),
    right(r"X^\top (X X^\top + \lambda I)^{-1} y"),
    right(r"\mathbf{X}^\top(\mathbf{X}\mathbf{X}^\top + \lambda \mathbf{I}_n)^{-1}\mathbf{y}"),
    wrong("X^T (X X^T + lambda I) y", "wrong.not_inverted", "Sigma_YY enters inverted"),
    wrong("X^T (X X^T + I)^{-1} y", "wrong.no_noise_variance", "adds lambda I"),
    wrong("X^T (X X^T + 2 lambda I)^{-1} y", NOT_EQUIVALENT, NOT_EQUIVALENT_WORDS),
    wrong("X^T (X X^T + lambda I)^{-1}", "wrong.shape", "a d x n matrix; a d x 1 matrix is expected"),
    invalid("(X X^T + lambda I)^{-1} X^T y", SHAPE, "the shapes do not match in a product"),
    invalid("X^T (X X^T + lambda I)^{-1} z", UNKNOWN, "unknown symbol 'z'"),
    invalid("X^T (X X^T + lambda I)^{-1 y", SYNTAX, "expected"),
)

CASES: list[Case] = [
    *Q1_A, *Q1_B, *Q1_C, *Q1_C_LIMITING, *Q1_D_SWITCH, *Q1_D_FASTER_SMALL_ETA, *Q1_E, *Q1_E_RATE, *Q1_F,
    *Q2_A_A, *Q2_A_X, *Q2_B, *Q2_C_EIGENVALUES, *Q2_C_REAL, *Q2_C_REPEATED, *Q2_C_COMPLEX,
    *Q2_D_MAX_ETA, *Q2_E_MAX_ETA, *Q2_F_MAX_ETA, *Q2_D_CONDITION, *Q2_E_CONDITION, *Q2_F_CONDITION, *Q2_G_ETA, *Q2_G_ITERATIONS_MOMENTUM, *Q2_G_ITERATIONS_GD, *Q2_I,
    *Q3_A, *Q3_B, *Q3_C, *Q3_D, *Q3_D_NO_NOISE,
    *Q4_SIGMA_WY, *Q4_SIGMA_YY, *Q4_POSTERIOR_MEAN,
]
