"""The instructor's proof that an assignment's autograder is right.

0. The question index (``autograder.assignment_index``), from which uploads without answers.toml are
   graded, is fresh (rebuilt when stale) and says what assignment.py declares.
1. Oracle self-check: every question's expected answer, written out as plain text, is read back and
   judged correct (the parser, the comparer and the oracle agree).
2. The reference submission earns full marks on every test.
3. Every known-wrong submission (``submissions/wrong_*/``: the reference with the changes declared in
   ``changes.toml``, materialised by ``autograder.tools.mutations``) applies cleanly and gets exactly the scores
   of its ``expected.toml``: tests listed under ``[scores]`` by id get that score, every other test full marks.
4. Every test with points fails for at least one known-wrong submission: a test that cannot fail is a defect.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TextIO

from autograder.assignment import Assignment
from autograder.assignment_index import check_index
from autograder.tools.conventions import convention_problems
from autograder.grading.grade import grade_submission
from autograder.tools.mutations import MutationError, known_wrong, materialised
from autograder.grading.results import GradingResult


@dataclass(frozen=True)
class ValidationReport:
    problems: tuple[str, ...]
    lines: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def text(self) -> str:
        verdict = "VALID" if self.ok else f"NOT VALID: {len(self.problems)} problem(s)"
        return "\n".join([*self.lines, "", *(f"PROBLEM: {p}" for p in self.problems), verdict])


def oracle_self_check(assignment: Assignment) -> list[str]:
    from autograder.tools.keysheet import expected_text

    problems = []
    for question in assignment.questions:
        text = expected_text(question.kind)
        if text is None:
            continue
        outcome = question.kind.check(text)
        if outcome.status != "correct":
            problems.append(f"oracle self-check: {question.key}: the expected answer {text!r} is judged "
                            f"{outcome.status} ({outcome.note}: {outcome.message})")
    return problems


def mismatches(result: GradingResult, declared: dict[str, float]) -> list[str]:
    """Differences between a result and declared scores (undeclared tests must get full marks)."""
    problems = []
    ids = {test.id for test in result.tests}
    for test in result.tests:
        want = declared.get(test.id, test.max_score)
        if not math.isclose(test.score, want, abs_tol=1e-9):
            problems.append(f"{test.id}: scored {test.score:g}, declared {want:g} ({test.output.splitlines()[0][:100] if test.output else ''})")
    problems += [f"{test_id}: declared but no such test" for test_id in declared if test_id not in ids]
    return problems


def validate_assignment(assignment: Assignment, progress: TextIO | None = None) -> ValidationReport:
    def say(text: str) -> None:
        if progress is not None:
            print(text, file=progress, flush=True)

    index_state, problems = check_index(assignment)
    lines = [f"Validating {assignment.name}: {len(assignment.questions)} answer questions",
             f"question index: {index_state}{'' if not problems else f', {len(problems)} problem(s)'}"]
    say(lines[-1])
    problems += convention_problems(assignment)
    self_check = oracle_self_check(assignment)
    problems += self_check
    lines.append(f"oracle self-check: {'ok' if not self_check else f'{len(self_check)} problem(s)'}")
    say(lines[-1])
    reference = grade_submission(assignment, assignment.submissions / "reference")
    reference_problems = mismatches(reference, {})
    problems += [f"reference: {p}" for p in reference_problems]
    lines.append(f"reference: {reference.score:g} / {reference.max_score:g} over {len(reference.tests)} tests")
    say(lines[-1])
    failed_somewhere: set[str] = set()
    for wrong in known_wrong(assignment):
        try:
            with materialised(assignment, wrong.name) as path:
                result = grade_submission(assignment, path)
        except MutationError as error:
            problems.append(str(error))
            lines.append(f"{wrong.name}: does not apply")
            say(lines[-1])
            continue
        found = mismatches(result, wrong.scores)
        problems += [f"{wrong.name}: {p}" for p in found]
        failed_somewhere |= {test.id for test in result.tests if test.score < test.max_score}
        lines.append(f"{wrong.name}: {result.score:g} / {result.max_score:g} "
                     f"{'as declared' if not found else f'{len(found)} mismatch(es)'}")
        say(lines[-1])
    never_fail = [test.id for test in reference.tests if test.max_score > 0 and test.id not in failed_somewhere]
    problems += [f"{test_id}: no known-wrong submission makes this test fail" for test_id in never_fail]
    return ValidationReport(tuple(problems), tuple(lines))
