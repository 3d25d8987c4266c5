"""Grading results as plain records, and the one writer of Gradescope's results.json.

Gradescope's schema (https://gradescope-autograders.readthedocs.io/en/latest/specs/): top-level ``score``,
``output``, ``output_format``, ``execution_time``, ``stdout_visibility`` and ``tests[]``, each test with
``name``, ``number``, ``score``, ``max_score``, ``status``, ``output``, ``output_format``, ``visibility``,
``tags`` and ``extra_data``. Nothing else in the project writes that schema.

Every string the writer and the table show passes through ``safe_text``: student text (file names, printed
output, notebook outputs, answers) may hold lone surrogates, which no encoder accepts, and control
characters, which rewrite a terminal.
"""
from __future__ import annotations

import json
import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HIDDEN = "after_published"
VISIBLE = "visible"
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
REPLACEMENT = "\ufffd"
# C0 and C1 controls but tab and newline, DEL, lone surrogates, and the bidirectional overrides and isolates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class TestResult:
    """One graded test. ``id`` is stable across runs (the answers.toml key, or the pytest test name) and
    names the test in known-wrong submissions' expectations and regrade tables; ``note`` is the stable
    answer note counted in statistics; ``answer`` is what the student wrote (answers only)."""

    __test__ = False  # not a pytest test class

    id: str
    name: str
    number: str
    score: float
    max_score: float
    output: str
    visibility: str = HIDDEN
    tags: tuple[str, ...] = ()
    note: str = ""
    answer: str | None = None
    passed: bool | None = None  # None: passed iff full marks (a 0-point test states it explicitly)
    attempted: bool = True  # False: not submitted (a skipped test, a blank answer)

    def __post_init__(self) -> None:
        if self.passed is None:
            object.__setattr__(self, "passed", self.score >= self.max_score)

    @property
    def unmarked(self) -> bool:
        """An optional part (0 points) that was not submitted: shown neither passed nor failed."""
        return not self.attempted and self.max_score == 0


@dataclass(frozen=True)
class GradingResult:
    assignment: str
    tests: tuple[TestResult, ...]
    execution_time: float = 0.0
    messages: tuple[str, ...] = ()
    staff_graded: tuple[str, ...] = field(default=())

    @property
    def score(self) -> float:
        return sum(test.score for test in self.tests)

    @property
    def max_score(self) -> float:
        return sum(test.max_score for test in self.tests)


def safe_text(text: object) -> str:
    """``text`` as a string any UTF-8 file or terminal can show as it is: a Windows line end becomes a
    newline, and every other control character (tab and newline stay), lone surrogate and bidirectional
    override becomes U+FFFD."""
    return _UNSAFE.sub(REPLACEMENT, str(text).replace("\r\n", "\n"))


def terminal_text(text: str, encoding: str | None) -> str:
    """``text`` re-encodable in a terminal's ``encoding`` (``PYTHONIOENCODING=ascii``): what it cannot
    show is written as a backslash escape."""
    encoding = encoding or "utf-8"
    return safe_text(text).encode(encoding, "backslashreplace").decode(encoding, "replace")


def clamp_score(score: float, max_score: float) -> float:
    """A score is a finite number in [0, max_score]: never above what the work earned."""
    if not isinstance(score, (int, float)) or not math.isfinite(score):
        return 0.0
    return float(min(max(score, 0.0), max_score))


def summary_markdown(result: GradingResult) -> str:
    """The top-level output: hidden tests hide their points, so the total is stated here."""
    lines = [f"**{result.assignment}: {_fmt(result.score)} / {_fmt(result.max_score)} autograded points**", ""]
    lines += [f"- {message}" for message in result.messages]
    if result.staff_graded:
        lines.append("")
        lines.append("Graded by staff (no autograded points): " + "; ".join(result.staff_graded) + ".")
    return safe_text("\n".join(lines).strip() + "\n")


def render_gradescope(result: GradingResult) -> dict:
    """The only function that knows Gradescope's JSON schema."""
    tests = []
    for test in result.tests:
        entry = {
            "name": safe_text(test.name),
            "number": safe_text(test.number),
            "score": clamp_score(test.score, test.max_score),
            "max_score": float(test.max_score),
            "status": "passed" if test.passed else "failed",
            "output": safe_text(test.output),
            "output_format": "md",
            "visibility": test.visibility if test.visibility in VISIBILITIES else HIDDEN,
            "tags": [safe_text(tag) for tag in test.tags],
            "extra_data": {"note": safe_text(test.note)},
        }
        if test.unmarked:
            del entry["status"]  # Gradescope shows a 0-point test without a status as neither passed nor failed
        tests.append(entry)
    return {
        "score": sum(t["score"] for t in tests),
        "output": summary_markdown(result),
        "output_format": "md",
        "execution_time": round(float(result.execution_time), 3),
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def write_results_json(result: GradingResult, path: Path) -> None:
    """Write atomically: a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(render_gradescope(result), indent=2, allow_nan=False)
    handle, temporary = tempfile.mkstemp(prefix=".results-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def internal_error_test(test_id: str, label: str, what: str) -> TestResult:
    """A visible, failed, zero-point record for our own failure: it costs no points and says so."""
    return TestResult(id=test_id, name=f"{label}: internal error", number="0", score=0.0, max_score=0.0,
                      output=f"The autograder hit an internal error: {what}. Your work is not lost: "
                      "staff have been notified and will regrade it.",
                      visibility=VISIBLE, note="internal_error", passed=False)


def internal_error_result(assignment: str, message: str) -> GradingResult:
    """What the top-level guard writes when grading itself failed: valid, zero points, a clear message."""
    test = internal_error_test("internal_error", "autograder", f"it could not grade this submission ({message})")
    return GradingResult(assignment, (test,), messages=("Internal error: grading did not complete; staff will regrade.",))


def render_table(result: GradingResult) -> str:
    """A terminal table: number, name, score, and the first line of feedback for anything not full marks.
    Cells are ``safe_text`` on one line (tabs become spaces)."""
    rows = [("#", "test", "score", "feedback")]
    for test in result.tests:
        first_line = "" if test.passed else (safe_text(test.output).strip().splitlines() or [""])[0]
        if test.unmarked:
            first_line = "not attempted: " + first_line.removeprefix("Not attempted: ")
        rows.append((_cell(test.number), _cell(test.name), f"{_fmt(test.score)}/{_fmt(test.max_score)}",
                     _cell(first_line)[:70]))
    widths = [min(max(len(row[i]) for row in rows), cap) for i, cap in enumerate((6, 58, 9, 70))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(f"Total: {_fmt(result.score)} / {_fmt(result.max_score)}")
    lines += [f"Note: {_cell(message)}" for message in result.messages]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(safe_text(text).split())


def _fmt(value: float) -> str:
    return f"{value:g}"
