"""Hostile answers end as invalid, fast and in bounded memory, and nothing in them ever runs.

Each case runs in a forked child capped at +1 GiB of address space and 60 s of CPU time.
"""
import builtins
import os
import subprocess
import sys

import pytest
import sympy
import sympy.parsing.sympy_parser

from autograder.grading.answers import (Choice, Condition, Expression, FreeText, Matrix, MatrixExpression,
                                Number, UnorderedList)

from .forked import run_forked
from .hw2 import BETA, EIGENVALUES, EPSILON, ETA, ITERATIONS, LAMBDA, R, SIGMA, SIGMA_YY, STABLE_ETA

KINDS = {
    "expression": Expression(ITERATIONS, (ETA, SIGMA, EPSILON)),
    "condition": Condition(ETA, STABLE_ETA, (SIGMA,)),
    "matrix": Matrix(R, (ETA, SIGMA, BETA)),
    "list": UnorderedList(EIGENVALUES, (ETA, SIGMA, BETA)),
    "number": Number(0.25),
    "matrix_expression": MatrixExpression(SIGMA_YY, {"X": ("n", "d")}, (LAMBDA,)),
    "choice": Choice("yes", {"yes": (), "no": ()}),
}

HOSTILE = [
    ("__import__('os').system('id')", "invalid.syntax"),
    ("exec('import os')", "invalid.syntax"),
    ("eval('2+2')", "invalid.syntax"),
    ("().__class__.__bases__[0].__subclasses__()", "invalid.syntax"),
    ("__builtins__", "invalid.syntax"),
    ("x.__dict__", "invalid.syntax"),
    ("open('/etc/passwd').read()", "invalid.syntax"),
    ("lambda x: x", "invalid.syntax"),
    ("[x for x in range(10)]", "invalid.unknown_symbol"),
    ("{k: v for k in eta}", "invalid.syntax"),
    ("a" * 1_000_000, "invalid.too_long"),
    ("(" * 10_000 + ")" * 10_000, "invalid.too_long"),
    ("(" * 80 + "eta" + ")" * 80, "invalid.too_deep"),
    ("9^9^9^9", "invalid.too_large"),
    ("2**2**2**2**2**2", "invalid.too_large"),
    ("factorial(10^10)", "invalid.unknown_symbol"),
    ("(10^10)!", "invalid.syntax"),
    ("10^(10^10)", "invalid.too_large"),
    ("9" * 5000, "invalid.too_long"),
    ("1e999999", "invalid.too_large"),
    ("[" + ",".join(["[" + ",".join(["0"] * 1000) + "]"] * 1000) + "]", "invalid.too_long"),
    ("\\input{/etc/passwd}", "invalid.syntax"),
    ("\\def\\x{1}", "invalid.syntax"),
    ("$(id)", "invalid.unknown_symbol"),
    ("`id`", "invalid.syntax"),
    ("eta; import os", "invalid.syntax"),
    ("\x00\x01\x02", "invalid.syntax"),
    ("eta in \\{" + ",".join(["1"] * 400) + "\\}", "invalid.kind"),  # a condition: invalid.too_large
    ("\\{" * 300 + "1" + "\\}" * 300, "invalid.too_deep"),
    ("\\log_" * 300 + "2", "invalid.syntax"),
    ("log_{" * 200 + "2" + "}" * 200, "invalid.too_deep"),
    ("a_{" + "t+" * 400 + "1}", "invalid.unknown_symbol"),
    ("E[" * 300 + "w" + "]" * 300, "invalid.too_deep"),
    ("eta^*" * 300, "invalid.unknown_symbol"),
    ("eta = " + " ± ".join(["1"] * 6), "invalid.kind"),  # a condition: too many '±'
]


def check_everywhere(answer):
    return {name: list(vars(kind.check(answer)).values()) for name, kind in KINDS.items()}


@pytest.mark.parametrize("answer, expression_note", HOSTILE, ids=[str(k) for k in range(len(HOSTILE))])
def test_hostile_answers_are_invalid_everywhere(answer, expression_note):
    outcomes = run_forked(lambda: check_everywhere(answer))
    for name, (status, note, message, fraction) in outcomes.items():
        assert status == "invalid", (name, note, message)
        assert message and fraction == 0.0
    assert outcomes["expression"][1] == expression_note


def test_a_million_entry_matrix_as_a_toml_list():
    outcomes = run_forked(lambda: check_everywhere([[0] * 1000] * 1000))
    assert {name: outcome[0] for name, outcome in outcomes.items()} == dict.fromkeys(KINDS, "invalid")
    assert outcomes["matrix"][1] == "invalid.too_large"


def test_free_text_keeps_hostile_text_for_staff():
    outcome = FreeText().check("__import__('os').system('id')")
    assert (outcome.status, outcome.fraction) == ("staff", 0.0)


GUARDED_MODULES = {"os", "subprocess", "shutil", "socket", "ctypes", "pty", "posix"}
VALID = [
    ("expression", "log(epsilon)/log|1-2 eta sigma^2|", "correct"),
    ("condition", "0 < \\eta < \\frac{1}{\\sigma^2}", "correct"),
    ("condition", "eta <= 1/sigma^2", "wrong"),
    ("matrix", "[[1-beta, 2 beta sigma^2], [-eta(1-beta), 1-2 eta beta sigma^2]]", "correct"),
    ("list", "(2 - beta - 2 eta beta sigma^2 ± sqrt((2 - beta - 2 eta beta sigma^2)^2 - 4(1-beta)))/2",
     "correct"),
    ("number", "1/4", "correct"),
    ("matrix_expression", "XX^T + λI", "correct"),
    ("choice", "Yes", "correct"),
]


def run_with_execution_forbidden():
    """Forbid every way to run text as code, then check valid and hostile answers."""
    def forbidden(*args, **kwargs):
        raise RuntimeError("code execution attempted")

    real_import = builtins.__import__

    def guarded_import(name, *args, **kwargs):
        if name.split(".")[0] in GUARDED_MODULES or name.split(".")[0] not in sys.modules:
            raise RuntimeError(f"import of {name} attempted")
        return real_import(name, *args, **kwargs)

    for kind_name, answer, _ in VALID:  # warm up: lazy imports happen before the guard
        KINDS[kind_name].check(answer)
    builtins.eval = builtins.exec = builtins.compile = forbidden
    builtins.__import__ = guarded_import
    sympy.sympify = sympy.parse_expr = sympy.parsing.sympy_parser.parse_expr = forbidden
    os.system = os.popen = os.execv = os.execvp = subprocess.Popen = forbidden
    valid = [KINDS[kind_name].check(answer).status for kind_name, answer, _ in VALID]
    hostile = [[outcome[0] for outcome in check_everywhere(answer).values()] for answer, _ in HOSTILE[:10]]
    return {"valid": valid, "hostile": hostile}


def test_nothing_runs_even_when_execution_is_forbidden():
    result = run_forked(run_with_execution_forbidden)
    assert result["valid"] == [status for _, _, status in VALID]
    assert all(statuses == ["invalid"] * len(KINDS) for statuses in result["hostile"])
