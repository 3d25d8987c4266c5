"""The answer bank for benchmark 3: many answers per HW2 question, each paired with the kind that checks it.

Four sources: every ``answers.toml`` of the HW2 reference and known-wrong submissions (materialised); the oracle's
expected answer written in plain, Unicode and LaTeX notation; the HW2 answer cases of the assignment tests
(``tests/assignments/hw2_answer_cases.py``, several hundred answers over the real declarations); and the
parametrized tables of the answer tests (``tests/answers/test_*.py``, HW2-like declarations). The two test
sources are used when they can be imported. A table row is paired with the kind in its ``kind`` column, or
else with the one module-level kind its test function uses.
"""
from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sympy

from autograder.grading.answers import AnswerKind
from autograder.assignment import Assignment
from autograder.tools.keysheet import expected_text
from autograder.tools.mutations import materialise_all
from autograder.grading.tomlread import load_toml
from bench.paths import REPO

ANSWER_TESTS = REPO / "tests" / "answers"
HW2_ANSWER_CASES = REPO / "tests" / "assignments" / "hw2_answer_cases.py"
UNICODE = ((r"\bsigma_l\b", "σ_ℓ"), (r"\bsigma_s\b", "σ_s"), (r"\beta\b", "η"), (r"\bbeta\b", "β"),
           (r"\bsigma\b", "σ"), (r"\bepsilon\b", "ε"), (r"\blambda\b", "λ"), (r"sqrt", "√"), (r"\^2\b", "²"),
           (r"\^T\b", "ᵀ"), (r"\*", "·"), (r"<=", "≤"), (r">=", "≥"), (r" - ", " − "))


@dataclass(frozen=True)
class Probe:
    """One answer to check: ``source`` says where it comes from, ``key`` which question or table."""

    source: str
    key: str
    kind: AnswerKind
    answer: object


def _flatten(table: dict, prefix: str = "") -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in table.items():
        if isinstance(value, dict):
            values.update(_flatten(value, f"{prefix}{name}."))
        else:
            values[f"{prefix}{name}"] = value
    return values


def submission_answers(assignment: Assignment) -> list[Probe]:
    probes = []
    with tempfile.TemporaryDirectory(prefix="bench-answers-") as scratch:
        for folder in materialise_all(assignment, Path(scratch)):
            if not (folder / "answers.toml").exists():
                continue
            values = _flatten(load_toml(folder / "answers.toml"))
            probes += [Probe(f"submission:{folder.name}", q.key, q.kind, values[q.key])
                       for q in assignment.questions if q.key in values]
    return probes


def _map_strings(value: object, function) -> object:
    if isinstance(value, str):
        return function(value)
    if isinstance(value, (list, tuple)):
        return [_map_strings(item, function) for item in value]
    return value


def unicode_text(plain: str) -> str:
    for pattern, replacement in UNICODE:
        plain = re.sub(pattern, replacement, plain)
    return plain


def _latex_set(variable: str, solution: sympy.Set) -> str:
    if isinstance(solution, sympy.Union):
        return " or ".join(_latex_set(variable, part) for part in solution.args)
    if isinstance(solution, sympy.FiniteSet):
        return " or ".join(f"{variable} = {sympy.latex(point)}" for point in solution.args)
    low = "<" if solution.left_open else r"\leq"
    high = "<" if solution.right_open else r"\leq"
    if solution.end == sympy.oo:
        relation = ">" if solution.left_open else r"\geq"
        return f"{variable} {relation} {sympy.latex(solution.start)}"
    return f"{sympy.latex(solution.start)} {low} {variable} {high} {sympy.latex(solution.end)}"


def latex_text(kind: AnswerKind) -> object:
    """The expected answer in LaTeX (sympy's printer), or None where the notation makes no difference."""
    name = type(kind).__name__
    if name == "Expression":
        return sympy.latex(kind.expected)
    if name == "Condition":
        return _latex_set(sympy.latex(kind.variable.sym), kind.expected)
    if name == "Matrix":
        return [[sympy.latex(entry) for entry in row] for row in kind.expected.tolist()]
    if name == "UnorderedList":
        return [sympy.latex(entry) for entry in kind.expected]
    if name == "MatrixExpression":
        return kind.expected.replace("^T", r"^\top").replace("lambda", r"\lambda")
    return None


def notation_answers(assignment: Assignment) -> list[Probe]:
    probes = []
    for question in assignment.questions:
        plain = expected_text(question.kind)
        if plain is None:
            continue
        written = {"plain": plain, "unicode": _map_strings(plain, unicode_text), "latex": latex_text(question.kind)}
        probes += [Probe(f"notation:{notation}", question.key, question.kind, answer)
                   for notation, answer in written.items() if answer is not None]
    return probes


def answer_case_answers(assignment: Assignment) -> list[Probe]:
    """The rows of ``hw2_answer_cases.CASES`` for the assignment's keys (empty if the file is missing)."""
    if not HW2_ANSWER_CASES.exists():
        return []
    spec = importlib.util.spec_from_file_location("bench_hw2_answer_cases", HW2_ANSWER_CASES)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    keys = {question.key: question for question in assignment.questions}
    return [Probe("tests:hw2_answer_cases", case.key, keys[case.key].kind, case.answer)
            for case in module.CASES if case.key in keys]


def parametrize_rows(function) -> list[dict[str, object]]:
    rows = []
    for mark in getattr(function, "pytestmark", ()):
        if mark.name != "parametrize":
            continue
        names = mark.args[0]
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        for row in mark.args[1]:
            values = getattr(row, "values", row)  # pytest.param(...) keeps its values in .values
            values = values if len(names) > 1 else (values,)
            rows.append(dict(zip(names, values)))
    return rows


def table_answers() -> list[Probe]:
    """Rows with an ``answer`` column of the answer tests' parametrized tables (empty if not importable)."""
    probes = []
    for path in sorted(ANSWER_TESTS.glob("test_*.py")):
        try:
            module = importlib.import_module(f"tests.answers.{path.stem}")
        except ImportError:
            continue
        for name, function in vars(module).items():
            if not (name.startswith("test_") and callable(function)):
                continue
            used = {n for n in function.__code__.co_names if isinstance(getattr(module, n, None), AnswerKind)}
            for row in parametrize_rows(function):
                kind = row.get("kind", getattr(module, next(iter(used)), None) if len(used) == 1 else None)
                if "answer" in row and isinstance(kind, AnswerKind):
                    probes.append(Probe(f"tests:{path.stem}", name, kind, row["answer"]))
    return probes


def answer_bank(assignment: Assignment) -> list[Probe]:
    """All probes, each (kind, answer) pair once."""
    unique: dict[tuple[int, str], Probe] = {}
    for probe in (submission_answers(assignment) + notation_answers(assignment) + answer_case_answers(assignment)
                  + table_answers()):
        unique.setdefault((id(probe.kind), repr(probe.answer)), probe)
    return list(unique.values())
