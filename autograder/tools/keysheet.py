"""The answer key sheet: the oracle's answer to every question, written in the notation students use, and the
code tests with their points.

``expected_text`` is also the oracle self-check's input: each expected answer must read back as correct.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

import sympy

from autograder.assignment import Assignment, number_order, question_numbers


def _plain(expression) -> str:
    return sympy.sstr(expression).replace("Abs(", "abs(").replace("**", "^")


def _set_text(variable: str, solution: sympy.Set) -> str:
    if isinstance(solution, sympy.Union):
        return " or ".join(_set_text(variable, part) for part in solution.args)
    if isinstance(solution, sympy.FiniteSet):
        return " or ".join(f"{variable} = {_plain(point)}" for point in solution.args)
    if isinstance(solution, sympy.Interval):
        left = "(" if solution.left_open else "["
        right = ")" if solution.right_open else "]"
        high = "inf" if solution.end == sympy.oo else _plain(solution.end)
        return f"{left}{_plain(solution.start)}, {high}{right}"
    raise TypeError(f"cannot write {solution!r} as text")


def expected_text(kind):
    """The expected answer as a student would write it in answers.toml (None for free text)."""
    name = type(kind).__name__
    if name == "Expression":
        return _plain(kind.expected)
    if name == "Condition":
        return _set_text(kind.variable.name, kind.expected)
    if name == "Matrix":
        return [[_plain(entry) for entry in row] for row in kind.expected.tolist()]
    if name == "UnorderedList":
        return [_plain(entry) for entry in kind.expected]
    if name == "Choice":
        return kind.correct
    if name == "Integer":
        return min(kind.accepted)
    if name == "Number":
        return kind.value
    if name == "InSet":
        return (kind.low + kind.high) / 2
    if name == "MatrixExpression":
        return kind.expected
    return None


def describe_expected(kind) -> str:
    name = type(kind).__name__
    if name == "Integer":
        return "any of " + ", ".join(str(v) for v in sorted(kind.accepted))
    if name == "InSet":
        below, above = kind.slack(kind.low, kind.high)
        return (f"any number in [{kind.low:.6g}, {kind.high:.6g}] (rounded ends accepted: "
                f"[{kind.low - below:.6g}, {kind.high + above:.6g}])")
    if name == "Choice":
        right = " or ".join((kind.correct, *kind.also_correct))
        reason = "; a reason may follow a colon" if kind.explained else ""
        review = f"; with a reason, {', '.join(kind.staff_review)} go to staff review" if kind.staff_review else ""
        return f"{right} (options: {', '.join(kind.options)}{reason}{review})"
    if name == "Condition" and kind.other_reading is not None:
        other = kind.other_reading
        return (f"{expected_text(kind)} (read as {kind.reading}); or {_set_text(kind.variable.name, other.expected)} "
                f"(read as {other.name})")
    text = expected_text(kind)
    return "(free text, graded by staff)" if text is None else str(text)


def key_sheet(assignment: Assignment) -> str:
    numbers = question_numbers(assignment.questions)
    lines = [f"Answer key: {assignment.title} (computed by reference/; instructors only)", ""]
    width = max(len(question.key) for question in assignment.questions)
    for question in assignment.questions:
        lines.append(f"{numbers[question.key]:>5}  {question.key:<{width}} {question.points:g} pt  {question.title}")
        lines.append(f"       {describe_expected(question.kind)}")
    tests = code_tests(assignment)
    if tests:
        lines += ["", "Code tests (suites/public and suites/hidden; the hidden ones check against reference/):"]
        lines += [f"{test.number:>7}  {test.name:<44} {test.points:g} pt  {test.suite}: {test.description}"
                  for test in tests]
    if assignment.staff_graded:
        lines += ["", "Graded by staff: " + "; ".join(assignment.staff_graded)]
    return "\n".join(lines)


@dataclass(frozen=True)
class CodeTest:
    suite: str
    name: str
    number: str
    points: float
    description: str
    file: str = ""  # the suite file's name, test_*.py


def code_tests(assignment: Assignment) -> list[CodeTest]:
    """The code tests of the assignment's suites as declared (``@weight``, ``@number``, the docstring's first
    line), read from the source without importing it."""
    found = []
    for path in sorted(assignment.suites.glob("*/test_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                number, weight = decorator_argument(node, "number"), decorator_argument(node, "weight")
                doc = (ast.get_docstring(node) or "").strip().splitlines()
                found.append(CodeTest(path.parent.name, node.name, "" if number is None else str(number),
                                      float(weight or 0), doc[0] if doc else "", path.name))
    return sorted(found, key=lambda test: number_order(test.number))


def decorator_argument(function: ast.FunctionDef, name: str) -> object:
    """The literal first argument of ``@name(...)`` (or ``@module.name(...)``) on ``function``; None without one
    (or not a literal)."""
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", getattr(decorator.func, "attr", None)) == name \
                and decorator.args and isinstance(decorator.args[0], ast.Constant):
            return decorator.args[0].value
    return None
