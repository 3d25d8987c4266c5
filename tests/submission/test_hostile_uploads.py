"""The hostile uploads of tests/hostile/ (stages "zip", "answers", and the unreadable notebooks)
through load_submission and Submission's readers."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from autograder.grading.submission import SubmissionError, load_submission

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
import hostile_corpus as corpus  # noqa: E402  (lives beside the corpus it reads)

HW2_FILES = ("deeplearning/optim.py", "deeplearning/classifiers/fc_net.py", "answers.toml", "hw2_optimizer_init.ipynb")


@pytest.mark.parametrize("name", [case.name for case in corpus.cases("zip")])
def test_hostile_upload(name, tmp_path):
    case = corpus.load_case(name)
    upload = case.upload(tmp_path / "build")
    expect = case.expect
    if "error" in expect:
        with pytest.raises(SubmissionError, match=expect["error"]):
            load_submission(upload, tmp_path / "scratch", expected=HW2_FILES)
        return
    submission = load_submission(upload, tmp_path / "scratch", expected=HW2_FILES)
    matching = [warning for warning in submission.warnings if expect["warning"] in warning]
    assert len(matching) == expect.get("warnings", 1), submission.warnings
    for relative in expect.get("present", []):
        assert submission.find(relative) is not None
    for relative in expect.get("absent", []):
        assert submission.find(relative) is None and not (submission.root / relative).exists()
    assert not any(path.is_symlink() for path in (tmp_path / "scratch").rglob("*"))


def test_zip_slip_writes_nothing_outside_the_extraction_folder(tmp_path):
    upload = corpus.load_case("zip_dotdot_paths").upload(tmp_path / "build")
    before = set(Path("/tmp").iterdir())
    submission = load_submission(upload, tmp_path / "deep" / "scratch", expected=HW2_FILES)
    assert submission.files == ("deeplearning/optim.py",)
    assert {path.name for path in tmp_path.rglob("*evil*")} == set()
    assert {path.name for path in set(Path("/tmp").iterdir()) - before if "evil" in path.name} == set()


@pytest.mark.parametrize("name", [case.name for case in corpus.cases("answers")])
def test_hostile_answers(name, tmp_path):
    case = corpus.load_case(name)
    answers = load_submission(case.upload(tmp_path / "build"), tmp_path / "scratch", expected=HW2_FILES).read_answers()
    if "error" in case.expect:
        assert answers.values == {} and case.expect["error"] in answers.error
    else:
        assert answers.error is None and sorted(answers.values) == case.expect["keys"]


def test_answer_strings_are_data_and_never_run(tmp_path):
    case = corpus.load_case("answers_with_code")
    answers = load_submission(case.upload(tmp_path / "build"), tmp_path / "scratch", expected=HW2_FILES).read_answers()
    assert answers.values["q1.a"] == "__import__('os').system('touch /tmp/pwned-by-answers')"
    assert answers.values["q1.f"] == "2/lambda_max\x00; DROP TABLE answers; --"
    assert all(type(value) is str for value in answers.values.values())
    assert not Path("/tmp/pwned-by-answers").exists()


@pytest.mark.parametrize("name", [case.name for case in corpus.cases("notebook") if "kind" in case.expect])
def test_unreadable_notebooks(name, tmp_path):
    case = corpus.load_case(name)
    submission = load_submission(case.upload(tmp_path / "build"), tmp_path / "scratch", expected=HW2_FILES)
    with pytest.raises(SubmissionError, match=r"is not a valid notebook"):
        submission.read_notebook(case.expect["notebook"])
