"""Grade one submission: answers through the answer checker, code through the pytest suites.

Every failure costs only the tests it touches; the result is always a complete GradingResult.
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from autograder.assignment import Assignment, Question, number_order, question_numbers
from autograder.grading.outcome import Outcome
from autograder.grading.results import GradingResult, TestResult, VISIBLE
from autograder.sandbox.limits import Limits
from autograder.sandbox.student import StudentProcess
from autograder.grading.submission import AnswersFile, Submission, SubmissionError, load_submission

ANSWERS_FILE = "answers.toml"
SCORED_SUITES = ("public", "hidden")
ALL_SUITES = (*SCORED_SUITES, "optional")  # optional: feedback-only tests carrying no points


def is_blank(value: Any) -> bool:
    """No answer: absent, an empty string, or a template list of empty strings (``[["", ""], ["", ""]]``)."""
    if isinstance(value, (list, tuple)):
        return all(is_blank(item) for item in value)
    return value is None or (isinstance(value, str) and not value.strip())


def grade_answer(question: Question, answers: dict[str, Any], assignment: Assignment) -> Outcome:
    """Check one answers.toml value against the oracle; carried-forward credit when declared."""
    raw = answers.get(question.key)
    if is_blank(raw):
        return Outcome("invalid", "invalid.missing", f"No answer given for {question.key} in {ANSWERS_FILE}.")
    try:
        outcome = question.kind.check(raw)
    except Exception as error:  # a bug in a comparer must cost only this question
        return Outcome("invalid", "internal_error", f"Internal error while checking this answer ({type(error).__name__}); "
                       "staff will review it.")
    forward = question.carried_forward
    if outcome.status != "wrong" or forward is None or forward.source not in answers:
        return outcome
    try:
        earlier = assignment.question(forward.source).kind.read(answers[forward.source])
        consistent = question.kind.check(raw, expected=forward.expected(earlier))
    except Exception:
        return outcome
    if consistent.status != "correct":
        return outcome
    if forward.fraction >= 1:  # full follow-through: not a mistake of this part
        return Outcome("correct", "correct.carried_forward",
                       f"Correct for your own answer to {forward.source} (error carried forward), "
                       "so it earns all the points.", 1.0)
    return Outcome("wrong", "partial.carried_forward",
                   f"{outcome.message.rstrip('. ')}. It is consistent with your own answer to {forward.source}, "
                   f"so it earns {forward.fraction:.0%} of the points.", forward.fraction)


def answer_results(assignment: Assignment, submission: Submission) -> list[TestResult]:
    """One result per question; the answer kinds (sympy, the oracle) are loaded only for an answers file."""
    numbers = question_numbers(assignment.questions)
    answers_file = _read_answers(submission) if submission.find(ANSWERS_FILE) else None
    if answers_file is not None and not answers_file.error:
        assignment = assignment.with_answer_kinds()
    results = []
    for question in assignment.questions:
        if answers_file is None:
            outcome = Outcome("invalid", "invalid.no_answers_file", submission.missing_message(ANSWERS_FILE))
        elif answers_file.error:
            outcome = Outcome("invalid", "invalid.answers_file", answers_file.error)
        else:
            outcome = grade_answer(question, answers_file.values, assignment)
        raw = None if answers_file is None or answers_file.error else answers_file.values.get(question.key)
        results.append(TestResult(
            id=question.key,
            name=question.test_name,
            number=numbers[question.key],
            score=question.points * outcome.fraction,
            max_score=question.points,
            output=_outcome_text(outcome),
            visibility=question.visibility,
            tags=question.tags,
            note=outcome.note,
            answer=None if raw is None else str(raw)[:200],
            passed=outcome.status in ("correct", "staff"),
            attempted=outcome.note not in ("invalid.missing", "invalid.no_answers_file"),
        ))
    return results


def _read_answers(submission: Submission) -> AnswersFile:
    """The answers file, or why not; a defect in reading it costs the written answers, never the code tests."""
    try:
        return submission.read_answers()
    except Exception as error:
        return AnswersFile(error=f"the autograder could not read {ANSWERS_FILE} (internal error: "
                                 f"{type(error).__name__}); staff will review it")


def _outcome_text(outcome: Outcome) -> str:
    label = {"correct": "Correct", "wrong": "Not correct", "invalid": "Could not read your answer",
             "unverified": "Flagged for staff review", "staff": "Kept for staff"}[outcome.status]
    message = outcome.message.strip()
    if not message or message == "Correct.":
        return label + "."
    if message.lower().startswith(label.lower()):
        return message[0].upper() + message[1:]
    return f"{label}: {message}"


def limits_for(assignment: Assignment) -> Limits:
    settings = assignment.settings
    return replace(Limits(), wall_seconds=settings.call_seconds, total_seconds=settings.student_seconds,
                   cpu_seconds=settings.cpu_seconds, call_cpu_seconds=settings.call_cpu_seconds,
                   memory_bytes=settings.memory_bytes)


def grade_submission(assignment: Assignment, path: Path, *, suites: tuple[str, ...] = ALL_SUITES,
                     shared_account: bool = False) -> GradingResult:
    """Grade a folder or zip exactly as Gradescope would. Never raises for anything a submission does.
    ``shared_account``: other graders run student code concurrently (parallel regrades)."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        try:
            submission = load_submission(Path(path), Path(scratch), expected=assignment.expected_files)
        except SubmissionError as error:
            return _unreadable(assignment, str(error), time.monotonic() - started)
        suite_paths = [assignment.suites / name for name in suites]
        limits = limits_for(assignment)
        student = None
        try:
            if any(suite.exists() for suite in suite_paths):
                student = StudentProcess(submission.root, limits, exclusive_account=not shared_account)
                student.launch()  # its interpreter starts while pytest loads and the answers are graded
            # Imported here, after the launch: pytest and the suites' helpers load while the child starts.
            from autograder.grading.plugin import GradingPlugin, run_suites

            plugin = GradingPlugin(submission, limits, shared_account=shared_account, student=student)
            tests = answer_results(assignment, submission)
            tests += run_suites(suite_paths, plugin)
        finally:
            if student is not None:
                student.close()
    tests += [_staff_test(part) for part in assignment.staff_graded]
    return GradingResult(
        assignment=assignment.title,
        tests=tuple(sorted(tests, key=lambda test: number_order(test.number))),
        execution_time=time.monotonic() - started,
        messages=tuple(submission.warnings),
        staff_graded=assignment.staff_graded,
    )


def _staff_test(part: str) -> TestResult:
    return TestResult(id=f"staff:{part}", name=f"{part}: graded by staff", number="99", score=0.0, max_score=0.0,
                      output="Graded by staff from your written submission; no autograded points.",
                      visibility=VISIBLE, note="staff", passed=True)


def _unreadable(assignment: Assignment, message: str, seconds: float) -> GradingResult:
    test = TestResult(id="submission", name="submission: could not be read", number="0", score=0.0, max_score=0.0,
                      output=message, visibility=VISIBLE, note="invalid.submission")
    return GradingResult(assignment.title, (test,), seconds, messages=(message,))
