"""Step-size problem set: what is graded, and for how many points.

Q1 Lecture 7: gradient descent from zero on ||X w - y||^2 for a wide X converges to the least-norm
solution X^T (X X^T)^{-1} y (answer: a matrix expression; code: ``gd_least_squares``).
Q2 Nar & Sastry, "Step Size Matters in Deep Learning" (2018), on f(x) = (x^2 + 1)(x - 1)^2(x - 2)^2:
the step-size limits 2/f''(x*) of its two minima and the minimum GD can reach with delta = 0.3
(answers: numbers; code: ``largest_stable_step``). Q3 Nar & Sastry on deep scalar chains: the step bound
at a given minimum, the largest gain an L-layer chain can fit, and the two-layer ReLU bound.

Expected answers come from reference/min_norm.py and reference/step_size.py; code is graded by the pytest
suites in ``suites/``.
"""
from assignments.bank.symbols import LAMBDA
from autograder.grading.answers import Expression, Integer, MatrixExpression, Mistake, Number, Symbol
from autograder.assignment import Assignment, Question, Settings
from reference import step_size

DELTA = Symbol("delta", aliases=("δ", r"\delta"))
LAYERS = Symbol("L", aliases=("layers",), interval=(1, None))
W_1 = Symbol("w_1", aliases=("w1",), positive=False, interval=(None, None))
W_2 = Symbol("w_2", aliases=("w2",), positive=False, interval=(None, None))

delta, layers, lam, w_1, w_2 = DELTA.sym, LAYERS.sym, LAMBDA.sym, W_1.sym, W_2.sym

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
)

ASSIGNMENT = Assignment(
    name="step_size",
    title="Step sizes: the least-norm limit of GD, and which minima GD can reach",
    questions=(*Q1, *Q2, *Q3),
    staff_graded=(),
    settings=Settings(call_seconds=10.0, student_seconds=240.0, cpu_seconds=60, total_seconds=300.0,
                      memory_bytes=4 * 1024**3),
    expected_files=("answers.toml", "step_size.py"),
)
