"""grade_submission starts the student's interpreter before it loads pytest and grades the written answers
(issue 14 item 3), so they overlap; the child is ready and serving by the time the suites run, and gone afterwards."""
import subprocess
import sys
from pathlib import Path

from autograder.assignment import load_assignment
from autograder.grading import grade
from autograder.sandbox.student import StudentProcess

HW2 = load_assignment("hw2")


def test_the_student_process_is_launched_before_the_answers_are_graded(monkeypatch):
    launched_while_grading_answers = []
    answer_results = grade.answer_results

    def watching(assignment, submission):
        launched_while_grading_answers.extend(process.pid for process in StudentProcess._live)
        return answer_results(assignment, submission)

    monkeypatch.setattr(grade, "answer_results", watching)
    result = grade.grade_submission(HW2, HW2.submissions / "reference", suites=("hidden",))
    assert launched_while_grading_answers and None not in launched_while_grading_answers
    assert result.score == sum(test.max_score for test in result.tests)  # the reference: full marks
    assert all(process.pid is None for process in StudentProcess._live)  # closed after grading


FIRST_LAUNCH = """
import sys
from autograder.assignment import load_assignment
from autograder.grading import grade
from autograder.sandbox.student import StudentProcess

launch = StudentProcess.launch
seen = []

def watching(self):
    seen.append("pytest" in sys.modules)
    return launch(self)

StudentProcess.launch = watching
assert "pytest" not in sys.modules
hw2 = load_assignment("hw2")
result = grade.grade_submission(hw2, hw2.submissions / "reference", suites=("hidden",))
print(seen[0], result.score == sum(test.max_score for test in result.tests))
"""


def test_pytest_loads_after_the_student_process_is_launched():
    """A fresh interpreter, as `autograder grade` runs: pytest (about 75 ms to import) loads while the
    child starts, not before it."""
    completed = subprocess.run([sys.executable, "-c", FIRST_LAUNCH], cwd=Path(__file__).resolve().parents[2],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout.split() == ["False", "True"]
