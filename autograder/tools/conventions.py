"""The authoring conventions whose breach nothing else would report (docs/authoring.md, "Conventions"), checked
by ``validate``. Each check reads the assignment's files as text (suites parsed with ``ast``, never imported) and
returns one problem per breach, saying what to change:

- a public check is hidden on Gradescope unless its suite sets ``VISIBILITY = "visible"`` (or the test its own
  ``@visibility``): students would never see the public checks they ran with ``check``;
- written answers are numbered from their keys (``q2``'s k-th key is test number ``2.k``,
  ``autograder.assignment.question_numbers``): a code test's ``@number`` must not be one of those numbers;
- the starter (``assignments/<name>/starter/``, the student kit): none of its own files is a copy of the
  reference's (the kit would ship a solution), and each ``.py`` file of the built kit that differs from the
  reference's holds a ``NotImplementedError("TODO`` where a graded part was taken out.

An alias naming two symbols is refused when the assignment loads (``autograder.assignment.Question``).
"""
from __future__ import annotations

import ast
import tempfile
from pathlib import Path

from autograder.assignment import Assignment, question_numbers
from autograder.tools.keysheet import code_tests, decorator_argument
from autograder.tools.mutations import MutationError, materialise

TODO_MARK = 'NotImplementedError("TODO'


def convention_problems(assignment: Assignment) -> list[str]:
    return [*visibility_problems(assignment), *number_problems(assignment), *starter_problems(assignment)]


def _suite_files(assignment: Assignment, suite: str) -> list[Path]:
    return sorted((assignment.suites / suite).glob("test_*.py"))


def _tests(path: Path) -> tuple[ast.Module, list[ast.FunctionDef]]:
    module = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return module, [node for node in module.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]


def visibility_problems(assignment: Assignment) -> list[str]:
    problems = []
    for path in _suite_files(assignment, "public"):
        module, tests = _tests(path)
        if any(isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "VISIBILITY" for target in node.targets)
               for node in module.body):
            continue
        hidden = [test.name for test in tests if decorator_argument(test, "visibility") is None]
        if hidden:
            problems.append(f"suites/public/{path.name}: {', '.join(hidden)} would be hidden from students on "
                            'Gradescope (tests are hidden by default): set VISIBILITY = "visible" at the top of the '
                            'file (or VISIBILITY = "hidden" to hide them on purpose)')
    return problems


def number_problems(assignment: Assignment) -> list[str]:
    numbers = question_numbers(assignment.questions)
    owner = {number: key for key, number in numbers.items()}
    keys_per_major: dict[str, int] = {}
    for number in numbers.values():
        major = number.split(".")[0]
        keys_per_major[major] = keys_per_major.get(major, 0) + 1
    problems = []
    for test in code_tests(assignment):
        if test.number in owner:
            major = test.number.split(".")[0]
            problems.append(f"suites/{test.suite}/{test.file}: {test.name} is numbered {test.number}, the number of the "
                            f"written answer {owner[test.number]} (q{major}'s keys are {major}.1 to "
                            f"{major}.{keys_per_major[major]}): number it apart, e.g. "
                            f"{major}.{keys_per_major[major] + 1}.1")
    return problems


def starter_problems(assignment: Assignment) -> list[str]:
    starter, reference = assignment.starter, assignment.submissions / "reference"
    if not starter.is_dir():
        return [f"no starter/ folder: the student kit is built from assignments/{assignment.name}/starter/"]
    problems = []
    for path in sorted(starter.rglob("*")):
        twin = reference / path.relative_to(starter)
        if path.is_file() and twin.is_file() and path.read_bytes() == twin.read_bytes():
            problems.append(f"starter/{path.relative_to(starter).as_posix()} is a copy of the reference's: the kit would "
                            "ship the solution (declare the starter's code in starter/changes.toml instead)")
    with tempfile.TemporaryDirectory(prefix=f"{assignment.name}-starter-") as scratch:
        try:
            kit = materialise(assignment, "starter", Path(scratch) / "starter")
        except MutationError as error:
            return [*problems, f"starter: {error}"]
        for path in sorted(kit.rglob("*.py")):
            relative = path.relative_to(kit).as_posix()
            twin = reference / relative
            if not twin.is_file():
                problems.append(f"starter: {relative} has no counterpart in submissions/reference/")
            elif path.read_bytes() != twin.read_bytes() and TODO_MARK not in path.read_text(encoding="utf-8"):
                problems.append(f"starter: {relative} differs from the reference's but holds no {TODO_MARK}...\"): "
                                "each graded part taken out raises it, so a student's run says what is left to do")
    return problems
