"""``autograder check``: the student's local check before submitting.

Public checks only: every answers.toml value is read (parsed and shape-checked, never compared: the kit
holds no expected values) and the public suites run (files, interfaces, shapes, published vectors).
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder.grading.answers import AnswerShapeError, AnswerSyntaxError
from autograder.assignment import ASSIGNMENTS_DIR
from autograder.grading.grade import ANSWERS_FILE, is_blank
from autograder.grading.plugin import GradingPlugin, run_suites
from autograder.tools.public import load_public_format, reader
from autograder.grading.results import VISIBLE
from autograder.sandbox.limits import Limits
from autograder.grading.submission import Submission, SubmissionError, load_submission


@dataclass(frozen=True)
class CheckLine:
    item: str
    status: str  # "ok", "missing", "invalid", "passed", "failed"
    message: str = ""


@dataclass(frozen=True)
class CheckReport:
    lines: tuple[CheckLine, ...]

    @property
    def ok(self) -> bool:
        return all(line.status in ("ok", "passed") for line in self.lines)

    @property
    def table(self) -> str:
        width = max([len(line.item) for line in self.lines] + [10])
        rows = [f"{line.status.upper():<8} {line.item:<{width}}  {line.message}".rstrip() for line in self.lines]
        problems = sum(line.status not in ("ok", "passed") for line in self.lines)
        verdict = ("All public checks pass. Hidden tests check correctness after you submit."
                   if not problems else f"{problems} item(s) need attention (see above).")
        return "\n".join([*rows, "", verdict])


def check_files(expected: list[str], submission: Submission) -> list[CheckLine]:
    """A line for each file that grading needs and the upload lacks (answers.toml is checked with the answers);
    several missing from one folder make one line."""
    missing = [name for name in expected if name != ANSWERS_FILE and submission.find(name) is None]
    by_folder: dict[str, list[str]] = {}
    for name in missing:
        by_folder.setdefault(name.rpartition("/")[0], []).append(name)
    lines = []
    for folder, names in by_folder.items():
        if folder and len(names) > 2:
            listed = ", ".join(name.rpartition("/")[2] for name in names)
            lines.append(CheckLine(f"{folder}/", "missing", f"{len(names)} files that grading needs: {listed}"))
        else:
            lines += [CheckLine(name, "missing", submission.missing_message(name)) for name in names]
    return lines


def check_answers(questions: list[dict], submission: Submission) -> list[CheckLine]:
    if submission.find(ANSWERS_FILE) is None:
        return [CheckLine(ANSWERS_FILE, "missing", submission.missing_message(ANSWERS_FILE))]
    answers_file = submission.read_answers()
    if answers_file.error:
        return [CheckLine(ANSWERS_FILE, "invalid", answers_file.error)]
    lines = [CheckLine(f"{ANSWERS_FILE}: {key}", "invalid", "unknown key (typo?)") for key in answers_file.unknown_keys]
    for question in questions:
        item = f"{question['key']} ({question['kind']})"
        value = answers_file.values.get(question["key"])
        if is_blank(value):
            lines.append(CheckLine(item, "missing", "no answer yet"))
            continue
        try:
            reader(question).read(value)
        except (AnswerSyntaxError, AnswerShapeError) as error:
            lines.append(CheckLine(item, "invalid", str(error)))
        else:
            lines.append(CheckLine(item, "ok", "readable"))
    return lines


def check_submission(name: str, path: Path) -> CheckReport:
    public = load_public_format(name)
    with tempfile.TemporaryDirectory(prefix="check-") as scratch:
        try:
            submission = load_submission(Path(path), Path(scratch), expected=public["expected_files"])
        except SubmissionError as error:
            return CheckReport((CheckLine(str(path), "invalid", str(error)),))
        lines = check_files(public["expected_files"], submission) + check_answers(public["questions"], submission)
        plugin = GradingPlugin(submission, Limits(), visibility=VISIBLE)
        for test in run_suites([ASSIGNMENTS_DIR / name / "suites" / "public"], plugin):
            status = "passed" if test.passed else "failed"
            lines.append(CheckLine(test.name, status, "" if test.passed else test.output.splitlines()[0][:200]))
    return CheckReport(tuple(lines))
