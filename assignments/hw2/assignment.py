"""HW2: what is graded, and for how many points.

Written answers (answers.toml) for Q1-Q4 are declared here (Q1 comes from the question bank, shared with
Discussion 3); code is graded by the pytest suites in ``suites/`` (public: shipped in the student kit;
hidden: against the oracle). Expected answers come from reference/ evaluated on sympy symbols.
"""
import sympy

from assignments.bank import gd_scalar
from assignments.bank.symbols import A, BETA, ETA, LAMBDA, M, SIGMA, W, X, Y
from autograder.grading.answers import (Choice, Condition, Expression, InSet, Integer, Matrix, MatrixExpression, Mistake,
                                        Reading, UnorderedList)
from autograder.assignment import Assignment, CarriedForward, Question, Settings
from reference import instance_noise, momentum

eta, beta, sigma, a, x, y, w, m = ETA.sym, BETA.sym, SIGMA.sym, A.sym, X.sym, Y.sym, W.sym, M.sym
sigma_sq = sigma**2
R = momentum.momentum_matrix(eta, beta, sigma_sq)
ETA_LO, ETA_HI = momentum.repeated_eta(beta, sigma_sq)
ETA_MAX = momentum.max_eta_real_stable(beta, sigma_sq)
# HW2 Q2(d)-(f): why each end of a bound is open or closed, said to a student who gets it wrong.
MINUS_ONE = ("at eta = (2 - beta)/(beta sigma^2) an eigenvalue of R_i is exactly -1, so the iteration does not "
             "converge there: the end is not attained")
REPEATED_ENDS = ("at eta = (1 -+ sqrt(1 - beta))^2/(2 beta sigma^2) the eigenvalues are repeated (real), not complex: "
                 "the ends are not attained (the iteration converges there, but that is the repeated case)")
REPEATED_TOP = "at eta = (1 + sqrt(1 - beta))^2/(2 beta sigma^2) itself the eigenvalue -sqrt(1 - beta) is repeated"
REPEATED_ROOT_MINUS_ONE = ("at eta = (4 - beta)/(2 beta sigma^2) the repeated root tr/2 = 1 - beta/2 - eta beta sigma^2 "
                           "would be -1, which does not converge: the end is not attained")
# Q2(d)-(f) ask "for the case when they are repeated / real / complex, what is the condition on eta, beta, sigma_i
# that keeps them stable?": the eta in that regime that are stable, or, given the regime, what keeps it stable
# (reference/momentum.py). Both readings are right; the feedback says which one an answer was read as.
IN_REGIME = "the eta where the eigenvalues are {} and stable"
GIVEN_REGIME = "given {} eigenvalues, the eta that keep them stable"
G_BETA, G_SIGMA_SQ_MAX, G_SIGMA_SQ_MIN = 0.1, 5.0, 0.05
G_LOW, G_HIGH = momentum.optimal_eta_set(G_BETA, G_SIGMA_SQ_MAX, G_SIGMA_SQ_MIN)
# Where the verdict on an eta changes beyond the optimal set's ends: momentum converges at all only on
# (0, (2 - beta)/(beta sigma_max^2)) = (0, 3.8); at 3.8 R has the eigenvalue -1. A rounded end of the set
# (0.263 for 0.26334) is accepted, but never more than half the way to these limits (3.7974 + 0.0013).
G_STABLE = (0.0, float(momentum.max_eta_real_stable(G_BETA, G_SIGMA_SQ_MAX)))
MOMENTUM_SYMBOLS = (ETA, BETA, SIGMA)
LIMIT_NAMES = ("w", "w_inf", "w_infty")  # "w_inf = x y/(...)" is read as its right-hand side


def _eigenvalues_of(student_matrix):
    """Carried forward: the eigenvalues of the student's own R_i (HW2 Q2(c) from Q2(b))."""
    return tuple(sympy.Matrix(student_matrix).eigenvals(multiple=True))


def _momentum_counts_at(student_eta):
    """Carried forward: every defensible momentum count at the student's own eta from Q2(g) (the rate bound
    and the simulation at that eta; 128 or 129 at eta = 0.30). A whole interval, or an eta where momentum
    diverges, carries nothing (ValueError)."""
    if not isinstance(student_eta, float):
        raise ValueError("only a single eta carries a count forward")
    return momentum.iteration_counts_momentum_at(student_eta, G_BETA, G_SIGMA_SQ_MAX, G_SIGMA_SQ_MIN)


def _eta_bound(expected, attained, reason, *mistakes):
    """A bound on eta in beta and sigma (HW2 Q2(d)-(f)); "eta = ..." is read as the bound, and so is "eta <= ..."
    for a bound that is ``attained``, "eta < ..." for one that is not (``reason`` says why to a student who
    writes the other)."""
    return Expression(expected, symbols=(BETA, SIGMA), mistakes=tuple(mistakes), relation_lhs=("eta", "eta_max"),
                      relations=("=", "<=" if attained else "<"), ends_reason=reason)


def _momentum_condition(expected, *mistakes, lenient_at=(), reason="", **readings):
    """A condition on eta in beta and sigma (HW2 Q2(c)-(f)); every end is graded, except ``lenient_at``;
    ``readings``: Condition's ``reading``, ``other_reading`` and ``parameters_only`` (Q2(d)-(f))."""
    return Condition(ETA, expected, symbols=MOMENTUM_SYMBOLS, strict="exact", mistakes=tuple(mistakes),
                     lenient_at=lenient_at, ends_reason=reason, **readings)


def _swapped_beta(update):
    """The update with the other momentum convention, a_{t+1} = beta a_t + (1 - beta) g_t."""
    return Mistake("wrong.beta_swapped", "In this homework beta weighs the new gradient: "
                   "a_{t+1} = (1 - beta) a_t + beta g_t.", update(a, x, eta, 1 - beta, sigma_sq))


Q2 = (
    Question("q2.a_a", "a_{t+1}[i] in terms of a and x", 1, Expression(
        momentum.next_a(a, x, eta, beta, sigma_sq), symbols=(A, X, *MOMENTUM_SYMBOLS), relation_lhs=("a_{t+1}",),
        mistakes=(Mistake("wrong.sigma_not_squared", "The gradient in direction i is 2 sigma_i^2 x: square sigma.",
                          (1 - beta) * a + 2 * beta * sigma * x),
                  Mistake("wrong.factor_of_2", "Off by a factor of 2: the gradient of ||Xw - y||^2 is 2 X^T(Xw - y).",
                          (1 - beta) * a + beta * sigma_sq * x),
                  _swapped_beta(momentum.next_a)))),
    Question("q2.a_x", "x_{t+1}[i] in terms of a and x", 1, Expression(
        momentum.next_x(a, x, eta, beta, sigma_sq), symbols=(A, X, *MOMENTUM_SYMBOLS), relation_lhs=("x_{t+1}",),
        mistakes=(Mistake("wrong.factor_of_2", "Off by a factor of 2: the gradient of ||Xw - y||^2 is 2 X^T(Xw - y).",
                          -eta * (1 - beta) * a + (1 - eta * beta * sigma_sq) * x),
                  Mistake("wrong.stale_momentum", "x moves along the new momentum: x_{t+1} = x_t - eta a_{t+1}, "
                          "not eta a_t.", x - eta * a),
                  _swapped_beta(momentum.next_x)))),
    Question("q2.b", "the 2x2 matrix R_i (state [a, x])", 2, Matrix(R, symbols=MOMENTUM_SYMBOLS, per_entry_credit=True)),
    Question("q2.c_eigenvalues", "both eigenvalues of R_i", 1,
             UnorderedList(tuple(momentum.eigenvalues(eta, beta, sigma_sq)), symbols=MOMENTUM_SYMBOLS),
             carried_forward=CarriedForward("q2.b", _eigenvalues_of, 0.5)),
    Question("q2.c_real", "eta for real eigenvalues", 1, Condition(
        ETA, momentum.real_eta_set(beta, sigma_sq), symbols=MOMENTUM_SYMBOLS, strict="lenient")),
    Question("q2.c_repeated", "eta for repeated eigenvalues", 1, Condition(
        ETA, momentum.repeated_eta_set(beta, sigma_sq), symbols=MOMENTUM_SYMBOLS, strict="exact")),
    Question("q2.c_complex", "eta for complex eigenvalues", 1, _momentum_condition(
        momentum.complex_eta_set(beta, sigma_sq), reason=REPEATED_ENDS)),
    Question("q2.d_max_eta", "largest eta with repeated eigenvalues", 1, _eta_bound(
        momentum.max_eta_repeated(beta, sigma_sq), True, REPEATED_TOP,
        Mistake("wrong.smaller_root", "That is the smaller repeated-eigenvalue eta; the question asks for the largest.",
                ETA_LO))),
    Question("q2.e_max_eta", "stability bound on eta with real eigenvalues", 1, _eta_bound(
        momentum.max_eta_real_stable(beta, sigma_sq), False, MINUS_ONE,
        Mistake("wrong.factor_of_2", "Off by a factor of 2: an eigenvalue reaches -1 at eta = (2 - beta)/(beta sigma^2).",
                (2 - beta) / (2 * beta * sigma_sq)))),
    Question("q2.f_max_eta", "largest eta with complex eigenvalues", 1, _eta_bound(
        momentum.max_eta_complex(beta, sigma_sq), False, REPEATED_ENDS,
        Mistake("wrong.smaller_root", "That is where the complex regime starts; the question asks where it ends.",
                ETA_LO))),
    Question("q2.g_eta", "eta for the fastest momentum convergence (beta = 0.1, sigma^2 = 5 and 0.05)", 1,
             InSet(float(G_LOW), float(G_HIGH), sig_figs=3, limits=G_STABLE, variable=ETA)),
    # A count computed at the student's own eta earns the points (it is the count that eta gives; the eta
    # itself is graded in q2.g_eta). Plain GD's count is asked "at its best eta", 1/(sigma_max^2 + sigma_min^2),
    # which does not depend on q2.g_eta (plain GD diverges on the whole of momentum's optimal set).
    Question("q2.g_iterations_momentum", "iterations to reach 99.9% with momentum", 1,
             Integer(momentum.iteration_counts_momentum(G_BETA, G_SIGMA_SQ_MAX, G_SIGMA_SQ_MIN)),
             carried_forward=CarriedForward("q2.g_eta", _momentum_counts_at, 1.0)),
    Question("q2.g_iterations_gd", "iterations to reach 99.9% with plain GD at its best eta", 1,
             Integer(momentum.iteration_counts_gd(G_SIGMA_SQ_MAX, G_SIGMA_SQ_MIN))),
    Question("q2.i", "which converges faster in the notebook", 0.5, Choice("momentum", {
        "momentum": ("gd with momentum", "gdm", "gradient descent with momentum", "momentum gd", "heavy ball"),
        "gd": ("gradient descent", "plain gd", "vanilla gd", "sgd")})),
    # Q2(d)-(f): the stable eta of each regime; an end is closed where it is attained and the iteration converges
    # there. Listed after the keys of earlier releases, so that their test numbers stay.
    Question("q2.d_condition", "Q2(d): stable eta when the eigenvalues are repeated", 1, _momentum_condition(
        momentum.repeated_stable_eta_set(beta, sigma_sq),
        Mistake("wrong.largest_only", "At the smaller repeated-eigenvalue eta the double root sqrt(1 - beta) is stable "
                "too: both repeated points converge.", sympy.FiniteSet(ETA_HI)),
        reading=IN_REGIME.format("repeated"),
        other_reading=Reading(GIVEN_REGIME.format("repeated"), momentum.repeated_root_stable_eta_set(beta, sigma_sq),
                              ends_reason=REPEATED_ROOT_MINUS_ONE))),
    Question("q2.e_condition", "Q2(e): stable eta when the eigenvalues are real", 1, _momentum_condition(
        momentum.real_stable_eta_set(beta, sigma_sq),
        Mistake("wrong.upper_piece_only", "Below the smaller repeated-eigenvalue eta the roots are real and stable too.",
                sympy.Interval.open(ETA_HI, ETA_MAX)),
        Mistake("wrong.lower_piece_only", "Above the larger repeated-eigenvalue eta the roots are real again, and "
                "stable until one reaches -1 at eta = (2 - beta)/(beta sigma^2).", sympy.Interval.open(0, ETA_LO)),
        Mistake("wrong.no_stability_bound", "Those are the real eigenvalues; above the larger repeated-eigenvalue eta "
                "they are stable only until one reaches -1.", momentum.real_eta_set(beta, sigma_sq)),
        lenient_at=(ETA_LO, ETA_HI), reason=MINUS_ONE, reading=IN_REGIME.format("real"),
        other_reading=Reading(GIVEN_REGIME.format("real"), momentum.real_roots_stable_eta_set(beta, sigma_sq),
                              ends_reason=MINUS_ONE))),
    Question("q2.f_condition", "Q2(f): stable eta when the eigenvalues are complex", 1, _momentum_condition(
        momentum.complex_stable_eta_set(beta, sigma_sq),
        Mistake("wrong.real_bound", "(2 - beta)/(beta sigma^2) bounds the real regime; the complex regime ends at the "
                "larger repeated-eigenvalue eta, and all of it is stable (modulus sqrt(1 - beta)).",
                sympy.Interval.open(ETA_LO, ETA_MAX)),
        reason=REPEATED_ENDS, reading=IN_REGIME.format("complex"),
        other_reading=Reading(GIVEN_REGIME.format("complex") + ": every eta, since their modulus is sqrt(1 - beta) < 1",
                              momentum.complex_roots_stable_eta_set(beta, sigma_sq)),
        parameters_only=True)),
)

Q3 = (
    Question("q3.a", "lambda for instance noise", 1, Expression(
        instance_noise.ridge_lambda(sigma), symbols=(SIGMA, M), relation_lhs=("lambda",),
        mistakes=(Mistake("wrong.sigma_not_squared", "lambda is a variance: sigma^2, not sigma.", sigma),
                  Mistake("wrong.unnormalised", "The loss (16) averages over the m points, so lambda = sigma^2; "
                          "m sigma^2 belongs to the unaveraged sum.", m * instance_noise.ridge_lambda(sigma))))),
    Question("q3.b", "E[w_{t+1}] with w standing for E[w_t]", 1, Expression(
        instance_noise.expected_next_w(w, eta, x, y, sigma), symbols=(W, ETA, X, Y, SIGMA),
        relation_lhs=("E[w_{t+1}]", "w_{t+1}"),
        mistakes=(Mistake("wrong.no_noise", "The noise adds sigma^2 to x^2 in expectation.",
                          instance_noise.expected_next_w(w, eta, x, y, 0)),
                  Mistake("wrong.factor_of_2",
                          "Off by a factor of 2: the loss 1/2 (x~ w - y)^2 has gradient x~ (x~ w - y).",
                          instance_noise.expected_next_w(w, 2 * eta, x, y, sigma))))),
    Question("q3.c", "condition on eta for E[w_t] to converge", 1, Condition(
        ETA, sympy.Interval.open(0, instance_noise.stable_eta_bound(x, sigma)), symbols=(ETA, X, SIGMA), strict="exact",
        ends_reason="at eta = 2/(x^2 + sigma^2) the factor 1 - eta (x^2 + sigma^2) is -1: E[w_t] oscillates and does not "
                    "converge",
        mistakes=(Mistake("wrong.factor_of_2", "Off by a factor of 2: |1 - eta (x^2 + sigma^2)| < 1.",
                          sympy.Interval.open(0, instance_noise.stable_eta_bound(x, sigma) / 2)),
                  Mistake("wrong.no_noise",
                          "The noise adds sigma^2 to x^2 in expectation: |1 - eta (x^2 + sigma^2)| < 1.",
                          sympy.Interval.open(0, instance_noise.stable_eta_bound(x, 0)))))),
    Question("q3.d", "limit of E[w_t] with noise", 1, Expression(
        instance_noise.expected_limit(x, y, sigma), symbols=(X, Y, SIGMA), relation_lhs=LIMIT_NAMES,
        mistakes=(Mistake("wrong.no_noise",
                          "That is the limit without noise: the noise adds sigma^2 to x^2 in expectation.",
                          instance_noise.limit_without_noise(x, y)),))),
    Question("q3.d_no_noise", "limit without noise", 0.5, Expression(
        instance_noise.limit_without_noise(x, y), symbols=(X, Y, SIGMA), relation_lhs=LIMIT_NAMES,
        mistakes=(Mistake("wrong.noise_kept", "Without noise sigma = 0: the limit is the exact fit.",
                          instance_noise.expected_limit(x, y, sigma)),))),
)

# HW2 Q4: w ~ N(0, I_d), y = X w + sqrt(lambda) e; the posterior mean is Sigma_WY Sigma_YY^{-1} y (reference/ridge.py).
POSTERIOR_MEAN = "X^T (X X^T + lambda I)^{-1} y"
Q4 = (
    Question("q4.sigma_wy", "Sigma_WY", 1, MatrixExpression("X^T", matrices={"X": ("n", "d")}, scalars=(LAMBDA,))),
    Question("q4.sigma_yy", "Sigma_YY", 1, MatrixExpression("X X^T + lambda I", matrices={"X": ("n", "d")}, scalars=(LAMBDA,))),
    Question("q4.posterior_mean", "the posterior mean E[W | Y = y]", 1, MatrixExpression(
        POSTERIOR_MEAN, matrices={"X": ("n", "d"), "y": ("n", 1)}, scalars=(LAMBDA,), relation_lhs=("w", "w_hat", "mu"),
        mistakes=(Mistake("wrong.not_inverted", "Sigma_YY enters inverted: E[W | Y = y] = Sigma_WY Sigma_YY^{-1} y.",
                          "X^T (X X^T + lambda I) y"),
                  Mistake("wrong.no_noise_variance", "The noise adds lambda I to Sigma_YY = X X^T + lambda I "
                          "(y = X w + sqrt(lambda) e).", "X^T (X X^T + I)^{-1} y")))),
)

# The experiment logs the Q5 checks read (suites/hidden/test_logs.py); `check` names each one missing.
SUBMISSION_LOGS = tuple(f"submission_logs/{name}" for name in (
    *(f"optimizer_experiment_{rule}.npz" for rule in ("sgd", "sgd_momentum", "adam")),
    *(f"sgd_momentum_compare_{rule}_{seed}.npz" for rule in ("sgd", "sgd_momentum") for seed in (100, 200, 300)),
    *(f"{kind}_{init}.{ext}" for kind, ext in (("initialization_experiment", "npz"), ("w_stds", "json"))
      for init in ("he", "random", "zero")),
    "results.json", "best_fc_model.npz"))

ASSIGNMENT = Assignment(
    name="hw2",
    title="HW2: optimizers, momentum, instance noise, ridge",
    questions=(*gd_scalar.QUESTIONS, *Q2, *Q3, *Q4),
    staff_graded=("Q1(g)", "Q2(h) and Q2(i) explanations", "Q3(a) derivation", "Q4 proofs", "Q5(a)", "Q6 discussion"),
    # call_cpu_seconds: the reference's heaviest call, the Q6 notebook's training cell, uses about 1.2 s of CPU
    settings=Settings(call_seconds=20.0, student_seconds=240.0, cpu_seconds=60, call_cpu_seconds=10,
                      total_seconds=600.0, memory_bytes=4 * 1024**3),
    expected_files=("answers.toml", "deeplearning/optim.py", "deeplearning/classifiers/fc_net.py",
                    "deeplearning/solver.py", "hw2_optimizer_init.ipynb", *SUBMISSION_LOGS),
)
