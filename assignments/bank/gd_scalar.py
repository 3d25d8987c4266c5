"""HW2 Q1 = Discussion 3 Q1: gradient descent on sigma w = y, and on two such problems sharing one eta.

Declared once; both assignments import ``QUESTIONS`` (same answers.toml keys, same points, same feedback).
Expected answers are computed by reference/gd_scalar.py on sympy symbols.
"""
import sympy

from assignments.bank.symbols import EPSILON, ETA, SIGMA, SIGMA_L, SIGMA_S
from autograder.grading.answers import Choice, Condition, Expression, Mistake
from autograder.assignment import Question
from reference import gd_scalar

eta, sigma, sigma_l, sigma_s, epsilon = ETA.sym, SIGMA.sym, SIGMA_L.sym, SIGMA_S.sym, EPSILON.sym

DIMENSIONS = {"sigma_l": ("σ_ℓ", "σ_l", "sigma_ell", r"\sigma_\ell", r"\sigma_l", "sigma_large", "sigma_max",
                          "large", "larger", "largest", "the large one", "the larger one", "the largest one"),
              "sigma_s": ("σ_s", r"\sigma_s", "sigma_small", "sigma_min",
                          "small", "smaller", "smallest", "the small one", "the smaller one", "the smallest one")}
ETA_NAMES = ("eta", "eta_opt", "eta^*")  # "eta = 1/(...)" is read as its right-hand side

QUESTIONS = (
    Question("q1.a", "stability condition on eta", 1, Condition(
        ETA, gd_scalar.stable_eta_interval(sigma), symbols=(ETA, SIGMA), strict="exact",
        ends_reason="at eta = 1/sigma^2 the step factor 1 - 2 eta sigma^2 is -1: w_t oscillates and does not converge",
        mistakes=(Mistake("wrong.factor_of_2", "Your bound is off by a factor of 2: the step factor is 1 - 2 eta sigma^2.",
                          sympy.Interval.open(0, 2 / sigma**2)),
                  Mistake("wrong.sigma_not_squared", "Your bound uses sigma where sigma^2 belongs.",
                          sympy.Interval.open(0, 1 / sigma)),
                  Mistake("wrong.monotone_only", "That keeps 1 - 2 eta sigma^2 positive; stability only needs "
                          "|1 - 2 eta sigma^2| < 1, so the factor may be negative.",
                          sympy.Interval.open(0, gd_scalar.stable_eta_bound(sigma) / 2))))),
    # Q1(b) asks for the bound E in "you need T > E iterations", a real number: the ratio is the answer, and
    # the whole count it gives (ceil(E), floor(E) + 1, "T >= ceil(E)") is right too; one iteration off is not.
    Question("q1.b", "iterations T > E to get within epsilon", 1, Expression(
        gd_scalar.iterations_bound(eta, sigma, epsilon), symbols=(ETA, SIGMA, EPSILON), relation_lhs=("T", "E"),
        relations=("=", ">", ">="), count_bound=True,
        mistakes=(Mistake("wrong.missing_abs", "The step factor 1 - 2 eta sigma^2 can be negative: take its absolute value.",
                          sympy.log(epsilon) / sympy.log(1 - 2 * eta * sigma**2)),
                  Mistake("wrong.inverted", "Your ratio is upside down.",
                          sympy.log(sympy.Abs(1 - 2 * eta * sigma**2)) / sympy.log(epsilon))))),
    Question("q1.c", "2-D problem: condition on eta for convergence", 1, Condition(
        ETA, sympy.Interval.open(0, gd_scalar.stable_eta_bound_2d(sigma_l, sigma_s)), symbols=(ETA, SIGMA_L, SIGMA_S),
        strict="exact", ends_reason="at eta = 1/sigma_l^2 the factor 1 - 2 eta sigma_l^2 is -1: that direction "
                                    "oscillates and does not converge",
        mistakes=(Mistake("wrong.wrong_sigma", "Both directions must be stable: the bound comes from the larger sigma.",
                          sympy.Interval.open(0, 1 / sigma_s**2)),))),
    Question("q1.c_limiting", "which sigma limits eta", 0.5, Choice(gd_scalar.LIMITING_SIGMA, DIMENSIONS)),
    Question("q1.d_switch", "eta at which both dimensions converge equally fast", 1, Expression(
        gd_scalar.switch_eta(sigma_l, sigma_s), symbols=(SIGMA_L, SIGMA_S), relation_lhs=ETA_NAMES,
        mistakes=(Mistake("wrong.factor_of_2", "Off by a factor of 2: solve 1 - 2 eta sigma_s^2 = -(1 - 2 eta sigma_l^2).",
                          2 / (sigma_l**2 + sigma_s**2)),))),
    Question("q1.d_faster_small_eta", "which dimension converges faster below that eta", 0.5,
             Choice(gd_scalar.FASTER_BELOW_SWITCH, DIMENSIONS)),
    Question("q1.e", "eta with the fastest overall convergence", 1, Expression(
        gd_scalar.optimal_eta(sigma_l, sigma_s), symbols=(SIGMA_L, SIGMA_S), relation_lhs=ETA_NAMES,
        mistakes=(Mistake("wrong.stability_edge", "The largest stable eta is not the fastest: balance the two rates.",
                          gd_scalar.stable_eta_bound_2d(sigma_l, sigma_s)),))),
    Question("q1.e_rate", "convergence factor at the best eta", 1, Expression(
        gd_scalar.optimal_rate(sigma_l, sigma_s), symbols=(SIGMA_L, SIGMA_S))),
    Question("q1.f", "do sigma_i in between change the range or the best eta?", 0.5, Choice(
        "yes" if gd_scalar.MIDDLE_SIGMAS_CHANGE_ANSWER else "no",
        {"yes": ("y", "true", "they do"), "no": ("n", "false", "neither", "they don't", "they do not")})),
)
