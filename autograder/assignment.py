"""What an assignment grades, declared once: questions (answers.toml keys), code suites, points, limits.

An assignment lives in ``assignments/<name>/assignment.py`` and exposes ``ASSIGNMENT``. Questions shared by
several assignments are declared once in ``assignments/bank/`` and imported.
"""
from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from autograder.grading.results import HIDDEN

ASSIGNMENTS_DIR = Path(__file__).resolve().parent.parent / "assignments"


@dataclass(frozen=True)
class CarriedForward:
    """Error carried forward: grade against the student's own earlier answer ``source`` (e.g. the
    eigenvalues of the student's own R_i in HW2 Q2(c)); ``expected`` maps the parsed earlier answer to the
    expected value, and a match earns ``fraction`` of the points."""

    source: str
    expected: Callable[[Any], Any]
    fraction: float = 0.5


class DeclarationProblem(ValueError):
    """An assignment's declaration is wrong in a way that would only show when a student's answer is checked;
    raised when the assignment loads."""


@dataclass(frozen=True)
class Question:
    """One ``answers.toml`` key. ``kind`` is an answer kind from ``autograder.grading.answers`` (it holds the
    oracle's expected value, the symbols and the common mistakes); None in a declaration read from the
    assignment's index (``autograder.assignment_index``), which grades uploads without answers."""

    key: str
    title: str
    points: float
    kind: Any
    carried_forward: CarriedForward | None = None
    visibility: str = HIDDEN
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind is not None:
            check_aliases(self.key, self.kind)

    @property
    def test_name(self) -> str:
        return f"{self.key}: {self.title}"


def check_aliases(key: str, kind: Any) -> None:
    """Every spelling of the question's declared symbols (name and aliases: ``alpha``, ``α``, ``\\alpha``) names one
    symbol: ``alpha`` declared for both η and a would otherwise fail the first answer that is read."""
    if not dataclasses.is_dataclass(kind):
        return
    from autograder.grading.answers.errors import DeclarationError
    from autograder.grading.answers.symbols import MatrixSymbol, Scope, Symbol

    declared = []
    for declared_field in dataclasses.fields(kind):
        value = getattr(kind, declared_field.name)
        declared += [item for item in (value if isinstance(value, tuple) else (value,))
                     if isinstance(item, (Symbol, MatrixSymbol))]
    try:
        Scope.of(tuple(declared))
    except DeclarationError as error:
        raise DeclarationProblem(f"{key}: {error}: an alias must name one symbol") from None


@dataclass(frozen=True)
class Settings:
    """Per-assignment limits on student code, with their defaults; the feedback names a limit when it is hit
    ("did not return within 20 s", "used more than 60 s of CPU time", "ran out of memory (limit 4 GiB)").

    call_seconds: wall-clock limit on one call into student code or one notebook cell (a function that
    ran past it is not called again: its later checks fail at once with that reason);
    student_seconds: wall-clock budget of all calls into student code together;
    cpu_seconds: CPU time of one student process over its life, every process it started included (a
    restarted one gets a fresh budget);
    call_cpu_seconds: CPU time of one call or notebook cell, every process it started included (a busy loop
    stops there however loaded the machine is, while a wall-clock limit must leave room for load). Both are
    measured by the grader, so student code cannot lift them (``sandbox/limits.py``);
    total_seconds: budget for the whole grading run (Gradescope's own limit is larger);
    memory_bytes: address-space limit (RLIMIT_AS) of the student process."""

    call_seconds: float = 20.0
    student_seconds: float = 240.0
    cpu_seconds: int = 60
    call_cpu_seconds: int = 60
    total_seconds: float = 600.0
    memory_bytes: int = 4 * 1024**3


@dataclass(frozen=True)
class Assignment:
    name: str
    title: str
    questions: tuple[Question, ...]
    staff_graded: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)
    expected_files: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return ASSIGNMENTS_DIR / self.name

    @property
    def suites(self) -> Path:
        """Pytest suites: ``public/`` (shipped in the student kit), ``hidden/``, and ``optional/``
        (feedback only, no points; skipped by regrades)."""
        return self.folder / "suites"

    @property
    def submissions(self) -> Path:
        """``reference/`` (full marks, real files) and ``wrong_*/``: each a declaration, ``changes.toml`` (the
        flaw as changes to the reference, see ``autograder.tools.mutations``) and ``expected.toml``."""
        return self.folder / "submissions"

    @property
    def starter(self) -> Path:
        return self.folder / "starter"

    def with_answer_kinds(self) -> Assignment:
        """This assignment with every question's answer kind: itself, or, for a declaration read from the
        index, the one assignment.py declares (importing it evaluates the oracle's expected answers)."""
        if all(question.kind is not None for question in self.questions):
            return self
        return load_assignment(self.name)

    def question(self, key: str) -> Question:
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(key)


def question_numbers(questions: tuple[Question, ...]) -> dict[str, str]:
    """Gradescope sorts tests by number: ``q2.c_real`` becomes ``2.k`` for its k-th key in question 2."""
    numbers: dict[str, str] = {}
    counts: dict[str, int] = {}
    for question in questions:
        major = question.key.split(".")[0].lstrip("q")
        counts[major] = counts.get(major, 0) + 1
        numbers[question.key] = f"{major}.{counts[major]}"
    return numbers


def number_order(number: str) -> tuple[int, ...]:
    """Gradescope's order of test numbers: part by part (5.10 after 5.9); unnumbered tests last."""
    return tuple(int(part) if part.isdigit() else 10**6 for part in number.split(".")) if number else (10**6,)


def available_assignments() -> list[str]:
    return sorted(p.parent.name for p in ASSIGNMENTS_DIR.glob("*/assignment.py"))


def load_assignment(name: str) -> Assignment:
    """Import ``assignments/<name>/assignment.py`` and return its ``ASSIGNMENT``; DeclarationProblem when a question
    is declared wrong."""
    if name not in available_assignments():
        known = ", ".join(available_assignments()) or "none"
        raise LookupError(f"unknown assignment {name!r} (known: {known})")
    module = importlib.import_module(f"assignments.{name}.assignment")
    return module.ASSIGNMENT
