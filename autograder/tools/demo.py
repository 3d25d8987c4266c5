"""``autograder demo``: grade HW2's bundled sample submissions (the reference and a few flawed ones, each
materialised from its declaration) and show the feedback a student would see."""
from __future__ import annotations

from typing import TextIO

from autograder.assignment import load_assignment
from autograder.grading.grade import grade_submission
from autograder.tools.mutations import materialised
from autograder.grading.results import render_table

SAMPLES = (
    ("reference", "the reference submission: full marks"),
    ("wrong_answers_factor_of_2", "a written answer off by a factor of 2"),
    ("wrong_cs231n_momentum", "CS231n's momentum instead of HW2's"),
    ("wrong_answers_garbage", "unreadable and hostile answer strings"),
)


def run_demo(out: TextIO, assignment_name: str = "hw2") -> None:
    assignment = load_assignment(assignment_name)
    for folder, description in SAMPLES:
        if not (assignment.submissions / folder).exists():
            continue
        with materialised(assignment, folder) as path:
            result = grade_submission(assignment, path)
        print(f"\n=== {assignment.name}/{folder}: {description} ===", file=out)
        if folder == "reference":
            print(render_table(result), file=out)
        else:
            print(f"Total: {result.score:g} / {result.max_score:g}; the feedback on every test without full marks:", file=out)
            for test in result.tests:
                if not test.passed:
                    print(f"  {test.number:<6} {test.name} ({test.score:g}/{test.max_score:g})", file=out)
                    print("         " + test.output.strip()[:300].replace("\n", "\n         "), file=out)
        print(f"(graded in {result.execution_time:.1f} s)", file=out)
