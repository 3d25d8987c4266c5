"""``autograder new NAME``: a minimal assignment that ``autograder validate NAME`` finds VALID as written.

One written question, one code test (and a zero-point public check), the oracle module and its test, the
reference submission, one known-wrong submission and the starter, each file commented with what to replace.
The example is docs/authoring.md's: gradient descent on f(w) = a w^2 / 2 (gradient a w), whose iterate is
w_t = (1 - eta a)^t w_0 and converges iff |1 - eta a| < 1, so the largest step size is 2/a.
"""
from __future__ import annotations

import keyword
import re
from pathlib import Path

from autograder.assignment import ASSIGNMENTS_DIR, available_assignments

NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
PLACEHOLDER = "__NAME__"

ASSIGNMENT_PY = '''"""__NAME__: what is graded, and for how many points. Written by `autograder new __NAME__`: replace each part
marked REPLACE, then run `autograder validate __NAME__` (docs/authoring.md says how).

Q1 (an example to replace): gradient descent on f(w) = a w^2 / 2 (gradient a w) converges iff |1 - eta a| < 1, so
the largest step size is 2/a (answer: an expression); code: ``__NAME__.gd``, the iterate after a few steps.
Expected answers come from the oracle, reference/__NAME__.py; code is graded by the pytest suites in ``suites/``.
"""
from autograder.assignment import Assignment, Question, Settings
from autograder.grading.answers import Expression, Mistake, Symbol
from reference import __NAME__ as oracle

# REPLACE: the symbols your questions use, each with the spellings students write (plain, Unicode, LaTeX). An alias
# names one symbol only (the assignment refuses to load otherwise); shared symbols live in assignments/bank/.
CURVATURE = Symbol("a", aliases=("α", r"\\alpha"))

# REPLACE: one Question per answers.toml key. The key is what students write: never rename one once released.
# Written answers are numbered from their keys (q1's k-th key is test 1.k): code tests take other numbers.
Q1 = (
    Question("q1.max_eta", "largest eta for which GD converges on f(w) = a w^2 / 2", 1, Expression(
        oracle.max_stable_step(CURVATURE.sym), symbols=(CURVATURE,), relation_lhs=("eta",), relations=("=", "<"),
        mistakes=(Mistake("wrong.factor_of_2", "GD converges while |1 - eta a| < 1, that is eta < 2/a.",
                          oracle.max_stable_step(CURVATURE.sym) / 2),))),
)

ASSIGNMENT = Assignment(
    name="__NAME__",
    title="__NAME__ (REPLACE with the assignment's title)",
    questions=Q1,
    settings=Settings(call_seconds=10.0, call_cpu_seconds=5, total_seconds=120.0),
    expected_files=("answers.toml", "__NAME__.py"),  # REPLACE: every file grading reads
)
'''

ORACLE_PY = '''"""The oracle of __NAME__ (REPLACE with yours): gradient descent on f(w) = a w^2 / 2, whose gradient is a w.

Each function states its math and cites its question; tests/reference/test_ref___NAME__.py checks each by
another route. Expected answers are always calls into this module, never typed in by hand.
"""


def max_stable_step(a):
    """Q1: GD's iterate is w_t = (1 - eta a)^t w_0, which converges iff |1 - eta a| < 1, that is 0 < eta < 2/a."""
    return 2 / a


def gd(a, w0, eta, steps):
    """Q1 (code): the iterate after ``steps`` steps of w <- w - eta a w from ``w0``, (1 - eta a)^steps w0."""
    return (1 - eta * a) ** steps * w0
'''

ORACLE_TEST_PY = '''"""reference/__NAME__.py by another route (REPLACE with your oracle's tests): a simulated gradient descent."""
import pytest

from reference import __NAME__ as oracle


def simulate(a, w0, eta, steps):
    w = w0
    for _ in range(steps):
        w = w - eta * a * w
    return w


@pytest.mark.parametrize("a, w0, eta, steps", [(2.0, 1.0, 0.3, 5), (0.5, -3.0, 1.0, 0), (4.0, 2.0, 0.45, 40)])
def test_gd_is_the_simulated_loop(a, w0, eta, steps):
    assert oracle.gd(a, w0, eta, steps) == pytest.approx(simulate(a, w0, eta, steps), rel=1e-12)


@pytest.mark.parametrize("a", [0.5, 2.0, 10.0])
def test_max_stable_step_is_where_simulated_gd_stops_converging(a):
    bound = oracle.max_stable_step(a)
    assert abs(simulate(a, 1.0, bound * 0.999, 20_000)) < 1e-10  # |1 - eta a| = 0.998: 0.998^20000 ~ e^-40
    assert abs(simulate(a, 1.0, bound * 1.001, 20_000)) > 1e10  # |1 - eta a| = 1.002
'''

PUBLIC_SUITE_PY = '''"""__NAME__ public checks: shipped in the student kit (`autograder check __NAME__ .`). REPLACE with yours: the
interfaces and published test vectors students may see; expected values worked out by hand (the kit has no oracle)."""
from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import require_file

VISIBILITY = "visible"  # without it, Gradescope hides these checks from students (its default is hidden)


@weight(0)
@number("0.1")
def test_files_present(submission):
    """__NAME__.py is present"""
    require_file(submission, "__NAME__.py")
'''

HIDDEN_SUITE_PY = '''"""__NAME__ hidden checks (REPLACE with yours): __NAME__.gd against the oracle (reference/__NAME__.py) on inputs
students have not seen, naming a known wrong variant in the feedback. Every test with points must fail for some
known-wrong submission in submissions/ (`autograder validate __NAME__` checks it)."""
from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import as_array, fail, rel_error, require_file
from reference import __NAME__ as oracle

CASES = ((2.0, 1.0, 0.3, 5), (0.5, -3.0, 1.5, 7), (4.0, 2.0, 0.45, 12))  # (a, w0, eta, steps)
TOLERANCE = 1e-9


@weight(2)
@number("1.2.1")  # q1's written answers are 1.1, 1.2, ... (one per key): a code test takes a number apart
def test_gd(submission, student):
    """__NAME__.py: gd(a, w0, eta, steps) matches gradient descent on f(w) = a w^2 / 2"""
    require_file(submission, "__NAME__.py")
    for a, w0, eta, steps in CASES:
        what = f"a = {a:g}, w0 = {w0:g}, eta = {eta:g}, {steps} steps"
        actual = as_array(student.module("__NAME__").gd(a, w0, eta, steps), f"gd({what})", ())
        if rel_error(actual, oracle.gd(a, w0, eta, steps)) > TOLERANCE:
            ascent = rel_error(actual, (1 + eta * a) ** steps * w0) <= TOLERANCE
            fail("gd.wrong_iterate", f"gd gives the wrong w ({what})."
                 + (" Your update adds the gradient step (w + eta a w): descent subtracts it." if ascent else ""))
'''

REFERENCE_PY = '''"""__NAME__: the reference solution (REPLACE with yours). It must earn full marks (`autograder validate __NAME__`)."""


def gd(a, w0, eta, steps):
    """Gradient descent on f(w) = a w^2 / 2 from ``w0``: ``steps`` updates w <- w - eta f'(w), with f'(w) = a w."""
    w = w0
    for _ in range(steps):
        w = w - eta * a * w
    return w
'''

REFERENCE_ANSWERS = '''# __NAME__: the reference answers (REPLACE with yours), one per Question key of assignment.py.
q1.max_eta = "2/a"
'''

REFERENCE_EXPECTED = '''description = "The full-marks reference: gd filled in, every answer correct."
flaw = "none"
'''

WRONG_CHANGES = '''# A known-wrong submission (REPLACE with the mistakes you expect students to make): the reference plus these
# changes (the format: autograder/tools/mutations.py). Each test with points must fail for one of them.
[[patch]]
file = "__NAME__.py"
old = "w = w - eta * a * w"
new = "w = w + eta * a * w"

[answers]
q1.max_eta = "1/a"
'''

WRONG_EXPECTED = '''description = "gradient ascent (w + eta a w) and the factor-2 mistake in Q1"

# The scores the flaw must get, by test id (the bare id: a code test's function name, a written answer's key);
# tests not listed keep full marks.
[scores]
test_gd = 0
"q1.max_eta" = 0
'''

STARTER_CHANGES = '''# The student kit's code: the reference with each graded part replaced by a TODO (REPLACE with yours). Every
# .py file that differs from the reference must raise NotImplementedError("TODO: ...") where a part was taken out.
[[replace_function]]
file = "__NAME__.py"
name = "gd"
source = \'\'\'
def gd(a, w0, eta, steps):
    """Gradient descent on f(w) = a w^2 / 2 from ``w0``: ``steps`` updates w <- w - eta f'(w), with f'(w) = a w.
    Return the final w."""
    raise NotImplementedError("TODO: gradient descent from w0")
\'\'\'
'''

STARTER_ANSWERS = '''# __NAME__: written answers (REPLACE with your instructions). Fill in each value, then check before you submit:
#
#     python -m autograder check __NAME__ .
#
# q1.max_eta: the largest step size eta for which gradient descent converges on f(w) = a w^2 / 2 (symbols: a).
q1.max_eta = ""
'''

STARTER_README = '''# __NAME__: starter kit (REPLACE with your instructions)

| where | what |
|---|---|
| `answers.toml` | the written answers; each key says what is asked |
| `__NAME__.py` | `gd(a, w0, eta, steps)`: gradient descent on f(w) = a w²/2 |

Check your work before you submit: `python -m autograder check __NAME__ .`
'''

FILES = {
    "assignments/__NAME__/__init__.py": "",
    "assignments/__NAME__/assignment.py": ASSIGNMENT_PY,
    "assignments/__NAME__/suites/public/test___NAME___public.py": PUBLIC_SUITE_PY,
    "assignments/__NAME__/suites/hidden/test___NAME__.py": HIDDEN_SUITE_PY,
    "assignments/__NAME__/submissions/reference/__NAME__.py": REFERENCE_PY,
    "assignments/__NAME__/submissions/reference/answers.toml": REFERENCE_ANSWERS,
    "assignments/__NAME__/submissions/reference/expected.toml": REFERENCE_EXPECTED,
    "assignments/__NAME__/submissions/wrong_gd_ascent/changes.toml": WRONG_CHANGES,
    "assignments/__NAME__/submissions/wrong_gd_ascent/expected.toml": WRONG_EXPECTED,
    "assignments/__NAME__/starter/changes.toml": STARTER_CHANGES,
    "assignments/__NAME__/starter/answers.toml": STARTER_ANSWERS,
    "assignments/__NAME__/starter/README.md": STARTER_README,
    "reference/__NAME__.py": ORACLE_PY,
    "tests/reference/test_ref___NAME__.py": ORACLE_TEST_PY,
}


class ScaffoldError(Exception):
    pass


def new_assignment(name: str, root: Path = ASSIGNMENTS_DIR.parent) -> list[Path]:
    """Write the files of a new assignment ``name`` under the project folder ``root``; the paths written."""
    if not NAME.fullmatch(name) or keyword.iskeyword(name) or name == "bank":
        raise ScaffoldError(f"{name!r} cannot name an assignment: lowercase letters, digits and _, starting with a "
                            "letter (it is a Python package and a module name)")
    taken = [path for path in (root / relative.replace(PLACEHOLDER, name) for relative in FILES) if path.exists()]
    if name in available_assignments() or taken:
        raise ScaffoldError(f"{name} exists already ({(taken or [root / 'assignments' / name])[0]}): nothing written")
    written = []
    for relative, text in FILES.items():
        path = root / relative.replace(PLACEHOLDER, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace(PLACEHOLDER, name), encoding="utf-8")
        written.append(path)
    return written
