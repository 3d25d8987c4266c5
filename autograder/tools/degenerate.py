"""Degenerate submissions, generated from an assignment's declarations: what unfinished or broken student code
returns, so that ``validate`` can prove no such upload is answered with the grader's internal error.

The graded functions are those whose code differs between the reference and the starter kit (the starter is
the reference with each graded part taken out: ``starter/changes.toml``, or the starter's own files). For each
graded function that returns a value, the family holds the reference with that function changed to:

- raise (``raises``), return None, return a value that is not an array (a string);
- return an array of the wrong shape (``np.stack([x, x])``), of the wrong dtype (int64), non-finite (``x * inf``);
- where it returns a tuple (``next_w, config``): a tuple one value short, its first value alone, a last value
  that is not a dict, an empty dict as its last value (a config missing its keys).

A graded part that returns nothing (HW2's ``weight = ...`` in ``FullyConnectedNet.__init__``, the Solver's
``mean_grad_norm``) is a TODO block of ``starter/changes.toml``: the family holds the starter's own change of
that block alone (it raises), and the block followed by its last name set to None, a string, ``x * inf`` and
the wrong shape. Plus the starter itself. Each member is a ``changes.toml`` table (``[[replace_function]]`` or
``[[patch]]``), materialised like any known-wrong submission: nothing is copied.

What the grading of each must show (``judge``): no test reports an internal error; a returned value that is
degenerate passes no test with points that the function's ``raises`` member fails; the starter earns 0.
"""
from __future__ import annotations

import ast
import tempfile
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from autograder.assignment import Assignment
from autograder.tools.mutations import (ANSWERS_FILE, CHANGES_FILE, REFERENCE, STARTER, load_changes, materialise, materialise_changes,
                                        materialise_starter)

NUMPY = "__import__('numpy')"  # the student module's own name for numpy is not ours to guess
RAISES = "raises"


@dataclass(frozen=True)
class Degenerate:
    """One member of the family: ``function`` (``file:qualified.name``), the ``form`` it takes, its changes
    (a changes.toml table; None for the starter itself) and whether it returns a degenerate value."""

    function: str
    form: str
    changes: dict | None
    returns_value: bool = False

    @property
    def name(self) -> str:
        return STARTER if self.changes is None else f"{self.function}: {self.form}"


def _tuple_forms(value: ast.Tuple) -> dict[str, ast.expr]:
    first, rest = value.elts[0], value.elts[:-1]
    return {f"returns a tuple of {len(rest)} value{'s' if len(rest) != 1 else ''}": ast.Tuple(rest, ast.Load()),
            "returns its first value alone": first,
            "returns a last value that is not a dict": ast.Tuple([*rest, ast.Constant("not a dict")], ast.Load()),
            "returns an empty dict as its last value (a config missing its keys)": ast.Tuple([*rest, ast.Dict([], [])],
                                                                                               ast.Load())}


def _value_forms() -> dict[str, Callable[[ast.expr], ast.expr]]:
    """Each degenerate form of a value, as a rewrite of the expression that computes it."""
    def parsed(template: str) -> Callable[[ast.expr], ast.expr]:
        return lambda x: ast.parse(template.format(x=ast.unparse(x)), mode="eval").body
    return {"returns None": lambda x: ast.Constant(None), "returns a string, not an array": lambda x: ast.Constant("x"),
            "returns the wrong shape": parsed(f"{NUMPY}.stack([{{x}}, {{x}}])"),
            "returns the wrong dtype (int64)": parsed(f"{NUMPY}.asarray({{x}}).astype({NUMPY}.int64)"),
            "returns NaN or infinity": parsed("({x}) * float('inf')")}


class _Returns(ast.NodeTransformer):
    """Rewrite every ``return`` of one function (not of functions nested in it)."""

    def __init__(self, rewrite: Callable[[ast.expr], ast.expr]):
        self.rewrite, self.depth = rewrite, 0

    def visit_FunctionDef(self, node):
        self.depth += 1
        if self.depth == 1:
            self.generic_visit(node)
        self.depth -= 1
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Return(self, node):
        if node.value is not None:
            node.value = self.rewrite(node.value)
        return node


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    """Top-level functions and the methods of top-level classes, by qualified name."""
    found = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef):
            found.update({f"{node.name}.{item.name}": item for item in node.body
                          if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))})
    return found


def _returned(node: ast.FunctionDef) -> list[ast.expr]:
    own = [item for item in ast.walk(node) if isinstance(item, ast.Return) and item.value is not None]
    nested = {id(item) for inner in ast.walk(node) if inner is not node
              and isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) for item in ast.walk(inner)}
    return [item.value for item in own if id(item) not in nested]


def graded_functions(assignment: Assignment) -> list[tuple[str, str, ast.FunctionDef]]:
    """(file, qualified name, the reference's definition) of each function the starter changes."""
    reference = assignment.submissions / REFERENCE
    with tempfile.TemporaryDirectory(prefix=f"{assignment.name}-starter-") as scratch:
        starter = materialise(assignment, STARTER, Path(scratch) / STARTER)
        graded = []
        for path in sorted(reference.rglob("*.py")):
            relative = path.relative_to(reference).as_posix()
            if not (starter / relative).exists():
                continue
            ours = _functions(ast.parse(path.read_text(encoding="utf-8")))
            theirs = _functions(ast.parse((starter / relative).read_text(encoding="utf-8")))
            graded += [(relative, name, node) for name, node in ours.items()
                       if name in theirs and ast.dump(node) != ast.dump(theirs[name])]
    return graded


def _function_members(relative: str, name: str, node: ast.FunctionDef) -> list[Degenerate]:
    """The forms of a graded function that returns a value, each as a ``[[replace_function]]``."""
    returned = _returned(node)
    if not returned:
        return []
    where = f"{relative}:{name}"

    def replaced(change: Callable[[ast.FunctionDef], ast.FunctionDef]) -> dict:
        definition = change(ast.parse(textwrap.dedent(ast.unparse(node))).body[0])
        return {"replace_function": [{"file": relative, "name": name,
                                      "source": ast.unparse(ast.fix_missing_locations(definition))}]}

    def returning(rewrite: Callable[[ast.expr], ast.expr]) -> dict:
        return replaced(_Returns(rewrite).visit)

    def raising(definition: ast.FunctionDef) -> ast.FunctionDef:
        definition.body.insert(0, ast.parse("raise RuntimeError('left unfinished')").body[0])
        return definition

    def on_first(form: Callable[[ast.expr], ast.expr]) -> Callable[[ast.expr], ast.expr]:
        return lambda value: (ast.Tuple([form(value.elts[0]), *value.elts[1:]], ast.Load())
                              if isinstance(value, ast.Tuple) and value.elts else form(value))

    members = [Degenerate(where, RAISES, replaced(raising))]
    for form, rewrite in _value_forms().items():  # None stands for the whole value, the others for its first
        members.append(Degenerate(where, form, returning(rewrite if form == "returns None" else on_first(rewrite)), True))
    if all(isinstance(value, ast.Tuple) and len(value.elts) >= 2 for value in returned):
        for form in _tuple_forms(returned[0]):
            members.append(Degenerate(where, form, returning(lambda value, form=form: _tuple_forms(value)[form]), True))
    return members


def _block_members(assignment: Assignment, reference: Path) -> list[Degenerate]:
    """The TODO blocks of ``starter/changes.toml`` inside functions that return nothing: the starter's change
    alone, and the block with its last assigned name made degenerate (each a ``[[patch]]`` of the same text)."""
    declared = assignment.starter / CHANGES_FILE
    if not declared.exists():
        return []
    members = []
    for patch in load_changes(declared).get("patch", []):
        path = reference / patch["file"]
        if path.suffix != ".py":
            continue
        text = path.read_text(encoding="utf-8")
        owner = _owner(text, text.find(patch["old"]) + len(patch["old"]) - len(patch["old"].lstrip("\n")))
        if owner is None or _returned(owner[1]):
            continue  # a function that returns a value: its forms are the function's own
        block = ast.parse(textwrap.dedent(patch["old"]))
        names = [target.id for statement in block.body if isinstance(statement, ast.Assign)
                 for target in statement.targets if isinstance(target, ast.Name)]
        where = f"{patch['file']}:{owner[0]}"
        todo = next((node.value for node in ast.walk(ast.parse(textwrap.dedent(patch["new"])))
                     if isinstance(node, ast.Constant) and isinstance(node.value, str)), f"TODO block {len(members)}")
        members.append(Degenerate(where, f"{RAISES} ({todo})", {"patch": [patch]}))
        if not names:
            continue
        first_line = patch["old"].strip("\n").splitlines()[0]
        indent = first_line[:len(first_line) - len(first_line.lstrip())]
        for form, rewrite in _value_forms().items():
            if "dtype" in form:
                continue  # the net casts every parameter to its dtype afterwards: not degenerate there
            line = f"{indent}{names[-1]} = {ast.unparse(rewrite(ast.Name(names[-1], ast.Load())))}\n"
            members.append(Degenerate(where, f"{names[-1]} {form.replace('returns ', 'is ')} ({todo})",
                                      {"patch": [{**patch, "new": patch["old"] + line}]}))
    return members


def _owner(text: str, offset: int) -> tuple[str, ast.FunctionDef] | None:
    """The innermost graded-level function (top-level, or a method) holding character ``offset`` of ``text``."""
    line = text.count("\n", 0, offset) + 1
    for name, node in _functions(ast.parse(text)).items():
        if node.lineno <= line <= node.end_lineno:
            return name, node
    return None


def degenerate_family(assignment: Assignment) -> list[Degenerate]:
    """The starter, then every graded function's and TODO block's degenerate forms. The code's members leave
    out answers.toml: the written answers are not what they vary, and without it a grading needs no sympy."""
    members = []
    for relative, name, node in graded_functions(assignment):
        members += _function_members(relative, name, node)
    members += _block_members(assignment, assignment.submissions / REFERENCE)
    if (assignment.submissions / REFERENCE / ANSWERS_FILE).exists():
        members = [replace(member, changes={**member.changes, "remove": [ANSWERS_FILE]}) for member in members]
    return [Degenerate(STARTER, STARTER, None), *members]


def materialise_degenerate(assignment: Assignment, member: Degenerate, destination: Path) -> Path:
    if member.changes is None:
        return materialise_starter(assignment, destination)
    return materialise_changes(assignment, member.changes, destination, member.name)


@dataclass(frozen=True)
class FamilyReport:
    """What grading the family showed: problems, one line per member, and, for each graded function, the
    tests with points that its ``raises`` member fails (the tests that check it)."""

    problems: tuple[str, ...]
    lines: tuple[str, ...]
    checked_by: dict[str, frozenset[str]]


def grade_family(assignment: Assignment, say: Callable[[str], None] = lambda text: None) -> FamilyReport:
    """Grade every member (the code suites; the starter with all suites) and judge it: no internal error; the
    starter earns 0; a degenerate returned value passes no test with points that its function's ``raises``
    member fails."""
    from autograder.grading.grade import ALL_SUITES, SCORED_SUITES, grade_submission

    problems: list[str] = []
    lines: list[str] = []
    checked_by: dict[str, frozenset[str]] = {}
    answers = {question.key for question in assignment.questions}
    for member in degenerate_family(assignment):
        with tempfile.TemporaryDirectory(prefix=f"{assignment.name}-degenerate-") as scratch:
            path = materialise_degenerate(assignment, member, Path(scratch) / "submission")
            result = grade_submission(assignment, path, suites=ALL_SUITES if member.changes is None else SCORED_SUITES)
        scored = [test for test in result.tests if test.max_score > 0]
        code = [test for test in scored if test.id not in answers]  # the code's members leave answers.toml out
        found = [f"{member.name}: {test.id} reports an internal error" for test in result.tests
                 if test.note == "internal_error"]
        if member.changes is None:
            found += [f"{member.name}: {test.id} earns {test.score:g} of {test.max_score:g}" for test in scored if test.score > 0]
        if member.form.startswith(RAISES):
            checked_by[member.function] = checked_by.get(member.function, frozenset()) | {
                test.id for test in code if test.score < test.max_score}
        if member.returns_value:
            found += [f"{member.name}: passes {test.id}, which its function's '{RAISES}' form fails"
                      for test in code if test.score >= test.max_score and test.id in checked_by.get(member.function, ())]
        problems += found
        lines.append(f"degenerate {member.name}: {result.score:g} / {result.max_score:g}"
                     f"{'' if not found else f', {len(found)} problem(s)'}")
        say(lines[-1])
    return FamilyReport(tuple(problems), tuple(lines), checked_by)


def changed_functions(assignment: Assignment, folder: Path) -> set[str]:
    """The functions (``file:qualified.name``) that a known-wrong submission's changes.toml changes."""
    declared = load_changes(folder / CHANGES_FILE)
    reference = assignment.submissions / REFERENCE
    found = {f"{change['file']}:{change['name']}" for change in declared.get("replace_function", [])}
    for patch in declared.get("patch", []):
        path = reference / patch.get("file", "")
        if path.suffix == ".py" and path.is_file():
            text = path.read_text(encoding="utf-8")
            start = text.find(patch.get("old", ""))
            owner = _owner(text, start + len(patch["old"]) - len(patch["old"].lstrip("\n"))) if start >= 0 else None
            if owner is not None:
                found.add(f"{patch['file']}:{owner[0]}")
    return found
