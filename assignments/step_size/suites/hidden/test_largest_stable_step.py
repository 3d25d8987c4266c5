"""Step sizes Q2 hidden checks of step_size.largest_stable_step against the oracle (reference/step_size.py):
Nar & Sastry's f at both minima, and hidden functions with minima off the integers, away from f = 0, and
with curvatures from 0.02 to 100.

The functions are defined once, here: the student process receives their source (``inspect.getsource``),
the oracle calls them directly.
"""
import inspect
import math

from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import as_scalar, fail, rel_error, require_file
from reference import step_size

TOLERANCE = 5e-4  # rel_error; about 0.1 % relative, room for any sensible finite difference
HALVED_HINT = " That is 1/f''(x*): GD is stable when |1 - delta f''(x*)| < 1."


def nar_sastry(x):
    return (x**2 + 1) * (x - 1) ** 2 * (x - 2) ** 2


def offset_quartic(x):
    return (x - 0.3) ** 2 * (1 + (x - 0.3) ** 2) + 5


def log_cosh(x):
    return math.log(math.cosh(3 * (x + 1)))


def exp_minus_linear(x):
    return math.exp(2 * x) - 2 * x


def flat_sextic(x):
    return 0.01 * (x - 2) ** 2 + (x - 2) ** 6


def sharp_cubic(x):
    return 50 * (x + 0.5) ** 2 + 3 * (x + 0.5) ** 3


HIDDEN_MINIMA = ((offset_quartic, 0.3), (log_cosh, -1.0), (exp_minus_linear, 0.0), (flat_sextic, 2.0),
                 (sharp_cubic, -0.5))
FUNCTIONS = (nar_sastry, *(function for function, _ in HIDDEN_MINIMA))
PROBE = "import math\n\n\n" + "\n\n".join(inspect.getsource(function) for function in FUNCTIONS) + '''

def largest_stable_step(name, x_star):
    import step_size
    return step_size.largest_stable_step(globals()[name], x_star)
'''


def _check(student, function, x_star, description):
    what = f"largest_stable_step(f, {x_star:g}) for {description}"
    actual = as_scalar(student.probe(PROBE, "largest_stable_step", function.__name__, x_star), what)
    expected = step_size.largest_stable_step(function, x_star)
    error = rel_error(actual, expected)
    if error > TOLERANCE:
        halved = rel_error(actual, expected / 2) < TOLERANCE
        fail("step.wrong_value", f"{what} is {actual:.6g}: relative error {error:.1e} (allowed {TOLERANCE:.0e})."
             + (HALVED_HINT if halved else ""))


@weight(1)
@number("2.4.2")
def test_largest_stable_step_nar_sastry(submission, student):
    """step_size.py: largest_stable_step on Nar & Sastry's f at its minima x = 1 and x = 2"""
    require_file(submission, "step_size.py")
    for x_star in step_size.MINIMA:
        _check(student, nar_sastry, float(x_star), "f(x) = (x^2 + 1)(x - 1)^2(x - 2)^2")


@weight(2)
@number("2.4.3")
def test_largest_stable_step_hidden_functions(submission, student):
    """step_size.py: largest_stable_step on hidden functions"""
    require_file(submission, "step_size.py")
    for function, x_star in HIDDEN_MINIMA:
        _check(student, function, x_star, "a hidden f")
