"""grade_submission starts the student's interpreter before it grades the written answers (issue 14 item 3),
so the two overlap; the child is ready and serving by the time the suites run, and gone afterwards."""
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
