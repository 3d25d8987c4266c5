"""An assignment's declaration without its answer kinds, kept as data: grading an upload with no
answers.toml then never imports ``assignments/<name>/assignment.py``, whose kinds hold the oracle's
expected answers (sympy, the oracle's evaluation and the answer kinds): on HW2 the grader's own work
before student code runs drops from 1.55 s to 0.59 s (medians of 8 alternated runs, 0.38x).

``assignments/<name>/index.json`` holds the title, settings, expected files, staff-graded parts and, per
question, key, title, points, visibility and tags, with the SHA-256 of the sources that declare them
(``SOURCES``). ``build`` writes it into the Gradescope zip; local commands cache it beside assignment.py.
A file whose hash differs from the sources' (edited since) is stale: it is rebuilt from assignment.py,
never trusted.

Trust: the file is the grader's own (written by ``build`` or a local command from our sources, in the
grader's folder; student code runs under another account and cannot write there), it is read by
``json`` into strings and numbers only, so even a damaged file could mislabel tests but never run code,
and its hash must match the sources it was made from.

The expected answers themselves are not stored: rebuilding sympy values from ``srepr`` text or a pickle
costs about what the oracle costs (both re-run sympy's constructors and assumptions; measured on HW2:
0.26-0.50 s against 0.33-0.59 s for importing assignment.py once sympy is loaded), so only this index pays.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

from autograder.assignment import ASSIGNMENTS_DIR, Assignment, Question, Settings, load_assignment

ROOT = ASSIGNMENTS_DIR.parent
INDEX_NAME = "index.json"
# What a question's declaration depends on: the assignment's modules, the shared bank, the oracle, the
# answer kinds, the declaration classes and their defaults (results.py: the default visibility), and this
# module (it fixes the file's format).
SOURCES = ("assignments/{name}/*.py", "assignments/bank/*.py", "reference/*.py",
           "autograder/grading/answers/*.py", "autograder/assignment.py", "autograder/grading/results.py",
           "autograder/assignment_index.py")


def index_path(name: str) -> Path:
    return ASSIGNMENTS_DIR / name / INDEX_NAME


def sources_hash(name: str) -> str:
    """SHA-256 over the relative path and bytes of every source file, in path order."""
    digest = hashlib.sha256()
    files = sorted({path for pattern in SOURCES for path in ROOT.glob(pattern.format(name=name))})
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def index_data(assignment: Assignment) -> dict:
    return {
        "sources_sha256": sources_hash(assignment.name),
        "name": assignment.name,
        "title": assignment.title,
        "staff_graded": list(assignment.staff_graded),
        "settings": asdict(assignment.settings),
        "expected_files": list(assignment.expected_files),
        "questions": [{"key": q.key, "title": q.title, "points": q.points, "visibility": q.visibility,
                       "tags": list(q.tags)} for q in assignment.questions],
    }


def declared(data: dict) -> Assignment:
    """The Assignment an index describes; its questions have no kind (``with_answer_kinds`` loads them)."""
    questions = tuple(Question(q["key"], q["title"], q["points"], None, visibility=q["visibility"],
                               tags=tuple(q["tags"])) for q in data["questions"])
    return Assignment(name=data["name"], title=data["title"], questions=questions,
                      staff_graded=tuple(data["staff_graded"]), settings=Settings(**data["settings"]),
                      expected_files=tuple(data["expected_files"]))


def write_index(assignment: Assignment, path: Path | None = None) -> Path:
    """Write the index atomically (a concurrent reader sees the old file or the new one, never half)."""
    path = path or index_path(assignment.name)
    handle, temporary = tempfile.mkstemp(prefix=".index-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(index_data(assignment), file, indent=1, ensure_ascii=False)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)
    return path


def read_fresh_index(name: str, path: Path | None = None) -> dict | None:
    """The index when it exists and matches the sources; None when missing, unreadable or stale."""
    try:
        data = json.loads((path or index_path(name)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("sources_sha256") != sources_hash(name):
        return None
    return data


def load_declared(name: str, path: Path | None = None) -> Assignment:
    """The assignment for grading: from a fresh index when there is one (no sympy, no oracle); otherwise
    assignment.py is imported, and the index rebuilt where the folder is writable."""
    data = read_fresh_index(name, path)
    if data is not None:
        try:
            return declared(data)
        except (KeyError, TypeError, ValueError):  # a damaged file that kept its hash: rebuilt as if stale
            pass
    assignment = load_assignment(name)
    try:
        write_index(assignment, path)
    except OSError:  # a read-only copy of the grader (Gradescope's locked source): grade without caching
        pass
    return assignment


def check_index(assignment: Assignment) -> tuple[str, list[str]]:
    """For ``validate``: the state of the index ("fresh", or rebuilt when missing or stale) and the ways it
    differs from what assignment.py declares (none, unless ``SOURCES`` misses a file the declaration reads)."""
    state = "fresh"
    data = read_fresh_index(assignment.name)
    if data is None:
        write_index(assignment)
        state, data = "rebuilt (it was missing or stale)", index_data(assignment)
    indexed, actual = declared(data), without_kinds(assignment)
    problems = [f"index.json: {field} differs from assignment.py" for field in vars(actual)
                if getattr(indexed, field) != getattr(actual, field)]
    return state, problems


def without_kinds(assignment: Assignment) -> Assignment:
    return replace(assignment, questions=tuple(replace(q, kind=None, carried_forward=None)
                                               for q in assignment.questions))
