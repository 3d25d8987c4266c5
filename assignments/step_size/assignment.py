"""Step-size problem set: what is graded, and for how many points.

Q1 Lecture 7: gradient descent from zero on ||X w - y||^2 for a wide X converges to the least-norm
solution X^T (X X^T)^{-1} y (answer: a matrix expression; code: ``gd_least_squares``).
Q2 Nar & Sastry, "Step Size Matters in Deep Learning" (2018), on f(x) = (x^2 + 1)(x - 1)^2(x - 2)^2:
the step-size limits 2/f''(x*) of its two minima and the minimum GD can reach with delta = 0.3
(answers: numbers; code: ``largest_stable_step``). Q3 Nar & Sastry on deep scalar chains: the step bound
at a given minimum (code: ``largest_stable_step_chain``, at any minimum), the largest gain an L-layer chain can
fit, the two-layer ReLU bound, the bound from the identity initialisation, and the ReLU bound for vector inputs
and several samples (a necessary condition, not a sufficient one). Q4 Lecture 7: momentum as the moving average
(7.7), the recursion of the weighted sum (7.6); as a moving sum with the learning-rate rescaling between the two
forms (the sum (7.6) without its factor beta: this form extends the notes, which do not print it); the
Adam-style update (7.8) (whose printed form has a sign error, recognised as a declared mistake) and the
look-ahead (Nesterov) gradient (code: ``nesterov_momentum``). Labels are the notes': (7.6) is
a_t = sum_tau u(tau) beta (1 - beta)^(t - tau), (7.7) is a_{t+1} = (1 - beta) a_t + beta u_t,
w_{t+1} = w_t - eta a_{t+1}, with u_t the gradient (g_t here; u_t is accepted).

Expected answers come from reference/min_norm.py, reference/step_size.py and reference/lecture7.py; code is
graded by the pytest suites in ``suites/``.
"""
from assignments.bank.symbols import BETA, LAMBDA
from autograder.grading.answers import Choice, Expression, Integer, MatrixExpression, Mistake, Number, Symbol, yes_no
from autograder.assignment import Assignment, Question, Settings
from reference import lecture7, step_size

DELTA = Symbol("delta", aliases=("δ", r"\delta"))
LAYERS = Symbol("L", aliases=("layers",), interval=(1, None))
W_1 = Symbol("w_1", aliases=("w1",), positive=False, interval=(None, None))
W_2 = Symbol("w_2", aliases=("w2",), positive=False, interval=(None, None))

# Lecture 7 (Q4): the iterate, the moving averages and the gradient at step t. eta has no alias alpha here: alpha
# is the sum form's learning rate, a name that may stand left of "=" in Q4(c).
ETA = Symbol("eta", aliases=("η", r"\eta"))
BETA_2 = Symbol("beta_2", aliases=("beta2", "β_2", "β₂", r"\beta_2", "beta_prime"), interval=(0, 1))
W_T = Symbol("w_t", aliases=("w",), positive=False, interval=(None, None))
A_T = Symbol("a_t", aliases=("a",), positive=False, interval=(None, None))
V_T = Symbol("v_t", aliases=("v",))
G_T = Symbol("g_t", aliases=("g", "u_t", "u"), positive=False, interval=(None, None))  # the notes write u_t

delta, layers, lam, w_1, w_2 = DELTA.sym, LAYERS.sym, LAMBDA.sym, W_1.sym, W_2.sym
eta, beta, beta_2, w_t, a_t, v_t, g_t = ETA.sym, BETA.sym, BETA_2.sym, W_T.sym, A_T.sym, V_T.sym, G_T.sym

# Lecture 7 asks about a wide X (n < d). MatrixExpression draws a separate size for each named dimension,
# so with named dimensions half the draws have n > d, where X X^T is singular; fixed sizes keep X wide.
WIDE_X = {"X": (3, 5), "y": (3, 1)}

STEP_LIMIT_X1, STEP_LIMIT_X2 = (step_size.max_stable_step(step_size.f_second(x)) for x in step_size.MINIMA)
HALVED = ("You used 1/f''(x*): GD can converge to x* when |1 - delta f''(x*)| <= 1, i.e. delta <= 2/f''(x*) "
          "(at equality sub-linearly).")
SWAPPED = "That is the limit of the other minimum."

# Q3(a): the minimum w* = (w_1, w_2, lambda/(w_1 w_2)) of 1/2 (w_3 w_2 w_1 - lambda)^2, so that the three
# symbols are independent (with w_3 as a fourth symbol, answers that use w_1 w_2 w_3 = lambda would be
# equivalent only on that surface, and the comparer samples every symbol freely).
CHAIN_MINIMUM = (w_1, w_2, lam / (w_1 * w_2))
CHAIN_BOUND = step_size.deep_chain_step_bound(lam, CHAIN_MINIMUM)
RHO_BOUND = step_size.rho_bound(layers, delta)
RELU_BOUND = step_size.relu_bound(delta)
IDENTITY_BOUND = step_size.identity_init_step_bound(layers, lam)
RELU_FACTOR_OF_2 = ("Off by a factor of 2: delta < 2/s with s >= ||J_i||^2 >= 2 ||x_i|| ||f(x_i)|| (AM-GM), so "
                    "max_i ||x_i|| ||f(x_i)|| <= 1/delta.")
NECESSARY = ("a minimum that GD with step delta converges to must meet it (the Hessian's top eigenvalue is at "
             "least 2 ||x_i|| ||f(x_i)||), but rescaling (W, V) to (W/c, c V) keeps f, and the condition with it, "
             "while making the minimum as sharp as we like.")
RELU_CHOICES = {"necessary": ("necessary only", "only necessary", "necessary but not sufficient", "necessary not sufficient"),
                "sufficient": ("sufficient only", "only sufficient", "sufficient but not necessary"),
                "both": ("necessary and sufficient", "if and only if", "iff"),
                "neither": ("neither necessary nor sufficient",)}
RELU_FEEDBACK = {
    "necessary": "Necessary, not sufficient: " + NECESSARY,
    "sufficient": "it is necessary, not sufficient: " + NECESSARY,
    "both": "it is necessary only, not sufficient: " + NECESSARY,
    "neither": "it is necessary (though not sufficient): " + NECESSARY,
}

# Nar & Sastry's yes/no claims (checked in tests/reference/test_ref_step_size.py).
NO_GLOBAL_LIPSCHITZ = ("the chain's Hessian grows without bound with the weights (along w = c (1, ..., 1) its top "
                       "eigenvalue grows like c^(2L - 2)), so its gradient has no global Lipschitz constant and the "
                       "classical delta < 2/Lipschitz argument does not apply: the bound depends on the minimum.")
STEP_BOUNDS_GAIN = ("GD with step delta converges only to minima with L |lambda|^(2 - 2/L) <= 2/delta, so the gain, "
                    "the Lipschitz constant of the learned function, is at most (2/(L delta))^(L/(2L - 2)); for least "
                    "squares (L = 1) the curvature x^2 does not depend on the fitted gain, and any gain can be fit.")
DISPROPORTIONATE = ("at the minimum (c, lambda/c) the bound is 2/(c^2 + lambda^2/c^2), which tends to 0 as c grows or "
                    "shrinks: the further the w_i are from balanced, the smaller delta must be.")
# Lecture 7's claims: a long memory for beta near 0, and beta' << beta (Adam's defaults, in the notes' convention).
ADAM_BETA, ADAM_BETA_PRIME = 1 - 0.9, 1 - 0.999  # optim.py's beta1 = 0.9, beta2 = 0.999 (course-facts 2.1)
LONG_MEMORY = (f"in (7.6) the gradient k steps back has weight beta (1 - beta)^k: the mean age of the averaged gradients "
               f"is (1 - beta)/beta steps ({lecture7.mean_gradient_age(0.01):.0f} at beta = 0.01, "
               f"{lecture7.mean_gradient_age(0.5):.0f} at beta = 0.5), so beta near 0 remembers longer.")
SECOND_MOMENT_MEMORY = (f"the squared gradients are averaged over a much longer memory: Adam's defaults are "
                        f"beta = {ADAM_BETA:.1f} and beta' = {ADAM_BETA_PRIME:.3f}, mean ages "
                        f"{lecture7.mean_gradient_age(ADAM_BETA):.0f} and "
                        f"{lecture7.mean_gradient_age(ADAM_BETA_PRIME):.0f} steps.")

MOMENTUM_AVERAGE = lecture7.momentum_average(a_t, g_t, beta)
SUM_FORM_RHO, SUM_FORM_ALPHA = lecture7.sum_form_parameters(eta, beta)
SECOND_MOMENT = lecture7.second_moment(v_t, g_t, beta_2)
PRINTED_7_8 = ("That is (7.8) as printed in the notes, which has a sign error: -beta' g_t^2 where +beta' g_t^2 "
               "belongs. From v_0 = 0 it makes v negative at the first nonzero gradient, and sqrt(v) is NaN.")
LOOKAHEAD = lecture7.lookahead_point(w_t, a_t, eta, beta)

Q1 = (
    Question("q1.min_norm", "the limit of GD from w = 0 on ||Xw - y||^2 for a wide X (n < d)", 1, MatrixExpression(
        "X^T (X X^T)^{-1} y", matrices=WIDE_X, relation_lhs=("w",))),
)

Q2 = (
    Question("q2.limit_x1", "largest step size delta for which GD can converge to x = 1", 1, Number(
        float(STEP_LIMIT_X1), mistakes=(Mistake("wrong.factor_of_2", HALVED, float(STEP_LIMIT_X1) / 2),
                                        Mistake("wrong.swapped", SWAPPED, float(STEP_LIMIT_X2))))),
    Question("q2.limit_x2", "largest step size delta for which GD can converge to x = 2", 1, Number(
        float(STEP_LIMIT_X2), mistakes=(Mistake("wrong.factor_of_2", HALVED, float(STEP_LIMIT_X2) / 2),
                                        Mistake("wrong.swapped", SWAPPED, float(STEP_LIMIT_X1))))),
    Question("q2.reachable", "the minimum GD can converge to with delta = 0.3", 1,
             Integer(step_size.reachable_minima(0.3))),
)

Q3 = (
    Question("q3.chain_bound", "L = 3, minimum (w_1, w_2, lambda/(w_1 w_2)): largest step size that can converge there",
             1, Expression(CHAIN_BOUND, symbols=(LAMBDA, W_1, W_2), relation_lhs=("delta",), relations=("=", "<", "<="), mistakes=(
                 Mistake("wrong.factor_of_2", "Off by a factor of 2: the Hessian's top eigenvalue s needs delta < 2/s.",
                         CHAIN_BOUND / 2),))),
    Question("q3.rho_bound", "the largest |lambda| an L-layer scalar chain can fit with step size delta", 1, Expression(
        RHO_BOUND, symbols=(LAYERS, DELTA), relation_lhs=("rho", "lambda"), relations=("=", "<", "<="), mistakes=(
            Mistake("wrong.exponent", "The exponent is L/(2L - 2), not L/(L - 1): the flattest minimum has "
                    "sum_i (lambda/w_i)^2 = L |lambda|^(2 - 2/L), and that must stay below 2/delta.", RHO_BOUND**2),))),
    Question("q3.relu_bound", "the largest gain a two-layer scalar ReLU network can fit with step size delta", 1,
             Expression(RELU_BOUND, symbols=(DELTA,), relation_lhs=("rho", "lambda"), relations=("=", "<", "<="), mistakes=(
                 Mistake("wrong.factor_of_2", "Off by a factor of 2: it is the L = 2 chain bound (2/(2 delta))^1.",
                         2 * RELU_BOUND),))),
    # The paper's claim: from w_i = 1 GD stays balanced, so the bound at the balanced minimum is tight. Not "the
    # largest step that converges" from w = 1: for small lambda the start is sharper than that minimum, and GD
    # diverges well below the bound (0.67x it for L = 2, lambda = 0.25; tests/reference/test_ref_step_size.py).
    Question("q3.d_identity_init_step", "identity initialisation: GD from w_i = 1 on an L-layer chain fitting lambda > 0"
             " stays balanced; the step-size bound at the minimum it reaches (tight for this initialisation, as Nar &"
             " Sastry state it)", 1, Expression(
                 IDENTITY_BOUND, symbols=(LAYERS, LAMBDA), relation_lhs=("delta",), relations=("=", "<", "<="), mistakes=(
                     Mistake("wrong.factor_of_2", "Off by a factor of 2: the Hessian's top eigenvalue s needs delta < 2/s.",
                             IDENTITY_BOUND / 2),
                     Mistake("wrong.at_initialisation", "That is the bound at the initialisation w_i = 1; GD must be "
                             "stable at the minimum it reaches, the balanced w_i = lambda^(1/L).", 2 / layers),
                     Mistake("wrong.initial_weights", "You used lambda / w_i with the initial w_i = 1; at the balanced "
                             "minimum GD reaches, w_i = lambda^(1/L).", 2 / (layers * lam**2))))),
    Question("q3.e_relu_vector_bound", "ReLU network V relu(W x), vector inputs x_i, several samples: the bound on "
             "max_i ||x_i|| ||f(x_i)|| at a minimum GD with step delta converges to", 1, Expression(
                 RELU_BOUND, symbols=(DELTA,), relation_lhs=("M",), relations=("=", "<", "<="), mistakes=(
                     Mistake("wrong.factor_of_2", RELU_FACTOR_OF_2, 2 * RELU_BOUND),
                     Mistake("wrong.factor_of_2", RELU_FACTOR_OF_2, RELU_BOUND / 2)))),
    Question("q3.f_relu_vector_condition", "ReLU network, vector inputs: is max_i ||x_i|| ||f(x_i)|| <= 1/delta "
             "necessary or sufficient for GD to converge to the minimum", 1, Choice(
                 "necessary", RELU_CHOICES, feedback=RELU_FEEDBACK)),
    Question("q3.g_global_lipschitz", "deep scalar chain (L >= 2): does the loss's gradient have a global Lipschitz "
             "constant?", 0.5, yes_no(False, NO_GLOBAL_LIPSCHITZ)),
    Question("q3.h_step_bounds_lipschitz", "does the step size bound the Lipschitz constant (the gain) of the function "
             "GD can learn, unlike for least squares?", 0.5, yes_no(True, STEP_BOUNDS_GAIN)),
    Question("q3.i_disproportionate_small_delta", "must delta be very small for GD to converge to a minimum whose w_i "
             "are disproportionate (far from balanced)?", 0.5, yes_no(True, DISPROPORTIONATE)),
)

Q4 = (
    Question("q4.a_momentum_average", "(7.7): momentum as a moving average of gradients, a_{t+1} from a_t, g_t "
             "(the notes' u_t), beta", 1,
             Expression(MOMENTUM_AVERAGE, symbols=(A_T, G_T, BETA), relation_lhs=("a_{t+1}",), mistakes=(
                 Mistake("wrong.swapped_weights", "The weights are swapped: in (7.7) beta weights the new gradient "
                         "(beta = 1 is plain GD).", lecture7.momentum_average(a_t, g_t, 1 - beta)),
                 Mistake("wrong.moving_sum", "That is a moving sum (the sum (7.6) without its factor beta), not the "
                         "average (7.7): the two weights add up to 1.", (1 - beta) * a_t + g_t)))),
    Question("q4.b_sum_form_momentum", "the moving sum v_t = sum_tau g_tau (1 - beta)^(t - tau) ((7.6) without its "
             "factor beta; a form the notes do not print) as v_{t+1} = rho v_t + g_t, w_{t+1} = w_t - alpha v_{t+1}: "
             "the rho that gives the iterates of (7.7)", 1, Expression(
                 SUM_FORM_RHO, symbols=(ETA, BETA), relation_lhs=("rho", "ρ"), mistakes=(
                     Mistake("wrong.new_gradient_weight", "beta is the weight of the new gradient in (7.7); the old "
                             "average keeps 1 - beta.", beta),))),
    Question("q4.c_sum_form_learning_rate", "the moving-sum form (beyond the notes): the learning rate alpha that gives "
             "the iterates of (7.7) (the rescaling between the two forms)", 1, Expression(
                 SUM_FORM_ALPHA, symbols=(ETA, BETA), relation_lhs=("alpha", "α"), mistakes=(
                     Mistake("wrong.not_rescaled", "The learning rate must be rescaled: the sum (7.6) is beta times the "
                             "moving sum, a_t = beta v_t, so eta a_{t+1} = (eta beta) v_{t+1}.", eta),
                     Mistake("wrong.rescaled_inverse", "Rescaled the wrong way: a_t = beta v_t, so alpha = eta beta, "
                             "not eta / beta.", eta / beta)))),
    Question("q4.d_adam_second_moment", "(7.8): the Adam-style moving average of squared gradients, v_{t+1} from v_t, "
             "g_t, beta_2 (the notes' beta')", 1, Expression(
                 SECOND_MOMENT, symbols=(V_T, G_T, BETA_2), relation_lhs=("v_{t+1}",), mistakes=(
                     Mistake("wrong.printed_sign_error", PRINTED_7_8, lecture7.printed_second_moment(v_t, g_t, beta_2)),
                     Mistake("wrong.swapped_weights", "The weights are swapped: as in (7.7), beta' weights the new "
                             "squared gradient.", lecture7.second_moment(v_t, g_t, 1 - beta_2)),
                     Mistake("wrong.not_squared", "The second moment averages squared gradients, g_t^2.",
                             lecture7.momentum_average(v_t, g_t, beta_2))))),
    Question("q4.e_lookahead_point", "look-ahead (Nesterov): the point where the gradient g_t is taken, from w_t, a_t, "
             "eta, beta", 1, Expression(
                 LOOKAHEAD, symbols=(W_T, A_T, ETA, BETA), mistakes=(
                     Mistake("wrong.no_lookahead", "That is plain momentum; Nesterov's gradient is taken where the "
                             "momentum part of the next step lands.", w_t),
                     Mistake("wrong.whole_average", "Only (1 - beta) a_t of the next average is known before the "
                             "gradient: the look-ahead is w_t - eta (1 - beta) a_t.", w_t - eta * a_t),
                     Mistake("wrong.lookahead_sign", "The look-ahead goes the way of the step: w_t - eta (1 - beta) a_t.",
                             lecture7.lookahead_point(w_t, -a_t, eta, beta))))),
    Question("q4.f_small_beta_memory", "(7.6): does beta near 0 mean a longer memory of past gradients?", 0.5,
             yes_no(True, LONG_MEMORY)),
    Question("q4.g_second_moment_weight", "(7.8): is beta' much smaller than beta (beta' << beta)?", 0.5,
             yes_no(True, SECOND_MOMENT_MEMORY)),
)

ASSIGNMENT = Assignment(
    name="step_size",
    title="Step sizes: the least-norm limit of GD, and which minima GD can reach",
    questions=(*Q1, *Q2, *Q3, *Q4),
    staff_graded=(),
    settings=Settings(call_seconds=10.0, student_seconds=240.0, cpu_seconds=60, call_cpu_seconds=5,
                      total_seconds=300.0, memory_bytes=4 * 1024**3),
    expected_files=("answers.toml", "step_size.py"),
)
