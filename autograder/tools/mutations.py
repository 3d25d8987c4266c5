"""Known-wrong submissions as declared mutations of the reference submission.

``assignments/<name>/submissions/wrong_<flaw>/`` holds two files: ``expected.toml`` (description, the
scores the flaw must get) and ``changes.toml``, the flaw itself as changes to ``submissions/reference/``:

    remove = ["submission_logs"]                   # files or folders of the reference to leave out
    clear_outputs = ["hw2_optimizer_init.ipynb"]   # notebooks submitted unexecuted

    [[patch]]                  # replace the one occurrence of ``old`` by ``new``; in a notebook, in
    file = "deeplearning/optim.py"   # the one cell whose source holds it (outputs are kept)
    old = 'v = config["momentum"] * v + dw'
    new = 'v = config["momentum"] * v + (1 - config["momentum"]) * dw'

    [[replace_function]]       # the whole definition (decorators included) of a top-level function,
    file = "step_size.py"      # or of a method written "Class.method"
    name = "gd_least_squares"
    source = '''
    def gd_least_squares(X, y, eta, steps):
        ...
    '''

    [answers]                  # answers.toml's value of each key; a value { repeat = [...] } is built
    q1.a = "0 < eta < 2/sigma^2"   # from pieces, [text, n] standing for text n times (long hostile input)

``materialise`` writes the reference with those changes into a folder. A change that no longer applies
(an ``old`` text not found exactly once, a function or answer key not found, an unknown field) raises
``MutationError`` naming the variant and the change: a variant never silently loses its flaw.
"""
from __future__ import annotations

import ast
import contextlib
import json
import re
import shutil
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import nbformat

from autograder.assignment import Assignment
from autograder.grading.tomlread import load_toml, tomllib

REFERENCE = "reference"
STARTER = "starter"  # the student kit's files (materialise_starter)
CHANGES_FILE = "changes.toml"
DECLARATION_FILES = (CHANGES_FILE, "expected.toml")
NOT_SUBMITTED = ("expected.toml", "__pycache__", "*.pyc", ".ipynb_checkpoints")
TOP_LEVEL_FIELDS = {"remove", "clear_outputs", "patch", "replace_function", "answers"}
CHANGE_FIELDS = {"patch": {"file", "old", "new"}, "replace_function": {"file", "name", "source"}}
ANSWERS_FILE = "answers.toml"


class MutationError(ValueError):
    """A declared change that does not apply to the reference; the message names the variant and the change."""


@dataclass(frozen=True)
class KnownWrong:
    """A known-wrong submission: its declaration folder, and what ``expected.toml`` says it must score
    (tests listed under ``[scores]`` by id get that score, every other test full marks)."""

    name: str
    folder: Path
    description: str
    scores: dict[str, float]


def known_wrong(assignment: Assignment) -> list[KnownWrong]:
    """Every ``submissions/wrong_*`` declaration of the assignment, by name."""
    found = []
    for folder in sorted(assignment.submissions.glob("wrong_*")):
        expected = load_toml(folder / "expected.toml") if (folder / "expected.toml").exists() else {}
        found.append(KnownWrong(folder.name, folder, str(expected.get("description", "")),
                                {str(k): float(v) for k, v in expected.get("scores", {}).items()}))
    return found


def materialise(assignment: Assignment, name: str, destination: Path) -> Path:
    """Write submission ``name`` (``reference``, a ``wrong_*`` variant, or ``starter``: the kit's files) into
    ``destination``, which must not exist yet; the reference's ``expected.toml`` is left out."""
    if name == STARTER:
        return materialise_starter(assignment, destination)
    if name != REFERENCE:
        return materialise_declaration(assignment, assignment.submissions / name, destination)
    shutil.copytree(assignment.submissions / REFERENCE, destination, ignore=shutil.ignore_patterns(*NOT_SUBMITTED))
    return destination


def is_declaration(folder: Path) -> bool:
    """A folder that declares a submission as changes of the reference (``changes.toml``, ``expected.toml``)."""
    return (folder.is_dir() and (folder / CHANGES_FILE).is_file()
            and all(path.name in DECLARATION_FILES for path in folder.iterdir()))


def materialise_declaration(assignment: Assignment, folder: Path, destination: Path) -> Path:
    """The reference with the changes declared in ``folder`` (a known-wrong submission, wherever it lives)."""
    materialise(assignment, REFERENCE, destination)
    _apply(lambda: _changes(folder), destination, f"{assignment.name}/{folder.name}")
    return destination


def materialise_changes(assignment: Assignment, declared: dict, destination: Path, where: str) -> Path:
    """The reference with the changes of ``declared`` (a ``changes.toml`` table built in code, e.g. a
    degenerate submission of ``autograder.tools.degenerate``); ``where`` names it in a MutationError."""
    materialise(assignment, REFERENCE, destination)
    _apply(lambda: changes_of(declared), destination, f"{assignment.name}/{where}")
    return destination


def materialise_starter(assignment: Assignment, destination: Path) -> Path:
    """Write the student kit's files into ``destination``: the reference with the changes of
    ``starter/changes.toml`` (each graded part replaced by a TODO), then the starter's own files (README,
    the answers template, notebooks without solutions) over it. Without a changes.toml the starter folder
    is the kit as it is."""
    starter = assignment.starter
    if not (starter / CHANGES_FILE).exists():
        shutil.copytree(starter, destination, ignore=shutil.ignore_patterns(*NOT_SUBMITTED))
        return destination
    materialise(assignment, REFERENCE, destination)
    _apply(lambda: _declared_changes(starter / CHANGES_FILE), destination, f"{assignment.name}/starter")
    shutil.copytree(starter, destination, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(CHANGES_FILE, *NOT_SUBMITTED))
    return destination


def _apply(read_changes: Callable[[], list[tuple[str, Callable[[Path], None]]]], destination: Path, where: str) -> None:
    try:
        changes = read_changes()
    except MutationError as error:
        raise MutationError(f"{where}: {error}") from None
    for label, apply in changes:
        try:
            apply(destination)
        except MutationError as error:
            raise MutationError(f"{where}: {label}: {error}") from None


@contextlib.contextmanager
def materialised(assignment: Assignment, name: str) -> Iterator[Path]:
    """``materialise`` into a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"{assignment.name}-{name}-") as scratch:
        yield materialise(assignment, name, Path(scratch) / name)


def materialise_all(assignment: Assignment, folder: Path) -> list[Path]:
    """The reference and every known-wrong submission as subfolders of ``folder`` (e.g. to regrade them)."""
    names = [REFERENCE, *(wrong.name for wrong in known_wrong(assignment))]
    return [materialise(assignment, name, folder / name) for name in names]


# ------------------------------------------------------------------------------------------------
# Reading a declaration
# ------------------------------------------------------------------------------------------------

def _changes(folder: Path) -> list[tuple[str, Callable[[Path], None]]]:
    """(label, function applying it to a folder) for each change declared in ``folder/changes.toml``."""
    if not folder.is_dir():
        raise MutationError("no such known-wrong submission")
    stray = sorted(path.name for path in folder.iterdir() if path.name not in DECLARATION_FILES)
    if stray:
        raise MutationError(f"holds {', '.join(stray)}: a variant is declared in changes.toml, not copied")
    return _declared_changes(folder / CHANGES_FILE)


def _declared_changes(path: Path) -> list[tuple[str, Callable[[Path], None]]]:
    return changes_of(load_changes(path))


def load_changes(path: Path) -> dict:
    """The table of a ``changes.toml``, read but not yet checked."""
    if not path.exists():
        raise MutationError(f"no {path.name}")
    try:
        return load_toml(path)
    except (tomllib.TOMLDecodeError, ValueError) as error:
        raise MutationError(f"changes.toml: {error}") from None


def changes_of(declared: dict) -> list[tuple[str, Callable[[Path], None]]]:
    """(label, function applying it to a folder) for each change of a ``changes.toml`` table."""
    unknown = sorted(set(declared) - TOP_LEVEL_FIELDS)
    if unknown:
        raise MutationError(f"changes.toml: unknown field(s) {', '.join(unknown)} "
                            f"(known: {', '.join(sorted(TOP_LEVEL_FIELDS))})")
    changes: list[tuple[str, Callable[[Path], None]]] = []
    for path in declared.get("remove", []):
        changes.append((f"remove {path!r}", lambda root, path=path: _remove(root, path)))
    for path in declared.get("clear_outputs", []):
        changes.append((f"clear_outputs {path!r}", lambda root, path=path: _clear_outputs(root / path)))
    for kind, apply in (("patch", _patch), ("replace_function", _replace_function)):
        for index, fields in enumerate(declared.get(kind, []), start=1):
            label = f"[[{kind}]] #{index} in {fields.get('file', '?')}"
            if set(fields) != CHANGE_FIELDS[kind]:
                raise MutationError(f"{label}: fields {sorted(fields)}, expected {sorted(CHANGE_FIELDS[kind])}")
            changes.append((label, lambda root, apply=apply, fields=fields: apply(root / fields["file"], **fields)))
    for key, value in _flatten(declared.get("answers", {})).items():
        changes.append((f"[answers] {key}", lambda root, key=key, value=value: _set_answer(root / ANSWERS_FILE, key, value)))
    if not changes:
        raise MutationError("changes.toml declares no change")
    return changes


def _flatten(table: dict, prefix: str = "") -> dict[str, object]:
    """Dotted keys from nested tables; ``{ repeat = [...] }`` is a value, not a table."""
    flat: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict) and set(value) != {"repeat"}:
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = _built(value) if isinstance(value, dict) else value
    return flat


def _built(value: dict) -> str:
    """``{ repeat = ["X", ["*X", 3]] }`` is "X*X*X*X": each piece a text, or [text, times]."""
    pieces = []
    for piece in value["repeat"]:
        text, times = (piece, 1) if isinstance(piece, str) else piece
        pieces.append(text * times)
    return "".join(pieces)


# ------------------------------------------------------------------------------------------------
# The changes
# ------------------------------------------------------------------------------------------------

def _existing(path: Path) -> Path:
    if not path.exists():
        raise MutationError(f"{path.name} is not in the reference")
    return path


def _remove(root: Path, path: str) -> None:
    target = _existing(root / path)
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink()


def _clear_outputs(path: Path) -> None:
    notebook = nbformat.read(_existing(path), as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(notebook, path)


def _replaced_once(text: str, old: str, new: str, where: str) -> str:
    count = text.count(old)
    if count != 1:
        raise MutationError(f"{old!r} occurs {count} times in {where}, expected once")
    return text.replace(old, new)


def _patch(path: Path, *, old: str, new: str, **_) -> None:
    if path.suffix != ".ipynb":
        path.write_text(_replaced_once(_existing(path).read_text(encoding="utf-8"), old, new, path.name), encoding="utf-8")
        return
    notebook = nbformat.read(_existing(path), as_version=4)
    cells = [cell for cell in notebook.cells if old in cell.source]
    if len(cells) != 1:
        raise MutationError(f"{old!r} is in {len(cells)} cells of {path.name}, expected one")
    cells[0].source = _replaced_once(cells[0].source, old, new, f"its cell of {path.name}")
    nbformat.write(notebook, path)


def _replace_function(path: Path, *, name: str, source: str, **_) -> None:
    text = _existing(path).read_text(encoding="utf-8")
    body = ast.parse(text).body
    node = None
    for part in name.split("."):
        found = [item for item in body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                 and item.name == part]
        if len(found) != 1:
            raise MutationError(f"{len(found)} definitions of {part!r} in {path.name}, expected one")
        node = found[0]
        body = node.body
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        raise MutationError(f"{name!r} in {path.name} is not a function")
    lines = text.splitlines(keepends=True)
    start = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)]) - 1
    replacement = textwrap.indent(textwrap.dedent(source).strip("\n") + "\n", " " * node.col_offset)
    changed = "".join(lines[:start]) + replacement + "".join(lines[node.end_lineno:])
    try:
        ast.parse(changed)
    except SyntaxError as error:
        raise MutationError(f"the new source of {name!r} does not parse: {error}") from None
    path.write_text(changed, encoding="utf-8")


def _set_answer(path: Path, key: str, value: object) -> None:
    """Rewrite the line ``key = ...`` of answers.toml (a one-line value) with ``value``, and read it back."""
    text = _existing(path).read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(key)}[ \t]*=[ \t]*(.*)$", re.MULTILINE)
    found = pattern.findall(text)
    if len(found) != 1:
        raise MutationError(f"{len(found)} lines '{key} = ...' in {path.name}, expected one")
    try:
        tomllib.loads(f"value = {found[0]}")
    except tomllib.TOMLDecodeError:
        raise MutationError(f"the reference's value of {key} spans several lines; write it on one") from None
    changed = pattern.sub(lambda _: f"{key} = {toml_value(value)}", text)
    try:
        read_back = tomllib.loads(changed)
    except tomllib.TOMLDecodeError as error:
        raise MutationError(f"{key} = {toml_value(value)} is not TOML: {error}") from None
    for part in key.split("."):
        read_back = read_back[part]
    if read_back != value:
        raise MutationError(f"{key} reads back as {read_back!r}, not {value!r}")
    path.write_text(changed, encoding="utf-8")


def toml_value(value: object) -> str:
    """TOML text for an answer: a string holding a backslash becomes a literal string '...' where it can
    (LaTeX as students write it), any other string a basic string."""
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, str):
        if "\\" in value and "'" not in value and "\n" not in value:
            return f"'{value}'"
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return repr(value)
