"""HW2's suites are themselves graded: the reference earns full marks, every known-wrong submission
exactly its declared scores, and every test with points fails for at least one of them."""
import shutil

from autograder.assignment import load_assignment
from autograder.grading.grade import grade_submission
from autograder.tools.mutations import materialise
from autograder.tools.validate import validate_assignment

HW2 = load_assignment("hw2")


def test_validate_hw2():
    report = validate_assignment(HW2)
    assert report.ok, report.text


def test_partial_submission_gets_credit_for_what_is_there(tmp_path):
    """Only answers.toml and optim.py: their tests score, everything else says what is missing."""
    reference = HW2.submissions / "reference"
    (tmp_path / "deeplearning").mkdir()
    shutil.copy(reference / "answers.toml", tmp_path / "answers.toml")
    shutil.copy(reference / "deeplearning" / "optim.py", tmp_path / "deeplearning" / "optim.py")
    result = grade_submission(HW2, tmp_path)
    by_id = {test.id: test for test in result.tests}
    assert all(by_id[q.key].score == q.points for q in HW2.questions)
    assert by_id["test_adam_full_vectors"].score == by_id["test_adam_full_vectors"].max_score
    missing = by_id["test_he_initialization_std"]
    assert missing.score == 0 and "missing deeplearning/classifiers/fc_net.py" in missing.output
    assert "missing submission_logs/" in by_id["test_best_model_logs"].output


def test_zip_with_enclosing_folder_grades_like_the_folder(tmp_path):
    """Students zip the homework folder itself: one enclosing folder is unwrapped."""
    folder = tmp_path / "hw2_submission"
    materialise(HW2, "wrong_answers_factor_of_2", folder)
    archive = shutil.make_archive(str(tmp_path / "upload"), "zip", tmp_path, "hw2_submission")
    result = grade_submission(HW2, archive)
    assert result.score == result.max_score - 1
    assert [t.id for t in result.tests if t.score < t.max_score] == ["q1.a"]
