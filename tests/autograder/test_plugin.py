"""Our pytest plugin: a suite that cannot load is reported, never silently dropped; an optional part not
submitted is not attempted, not failed."""
from autograder.grading.plugin import GradingPlugin, run_suites
from autograder.sandbox.limits import Limits
from autograder.grading.submission import load_submission


def test_a_suite_that_fails_to_load_is_a_visible_internal_error(tmp_path):
    (tmp_path / "suite").mkdir()
    (tmp_path / "suite" / "test_broken.py").write_text("import no_such_module\n")
    (tmp_path / "upload").mkdir()
    (tmp_path / "upload" / "answers.toml").write_text("")
    submission = load_submission(tmp_path / "upload", tmp_path / "scratch")
    [record] = run_suites([tmp_path / "suite"], GradingPlugin(submission, Limits()))
    assert record.note == "internal_error" and not record.passed and record.visibility == "visible"
    assert record.score == record.max_score == 0 and "test_broken.py failed to load" in record.output


def test_a_skipped_optional_part_is_not_attempted_and_a_failed_one_is_failed(tmp_path):
    (tmp_path / "suite").mkdir()
    (tmp_path / "suite" / "test_optional.py").write_text(
        "import pytest\n"
        "from gradescope_utils.autograder_utils.decorators import weight\n\n"
        "@weight(0)\n"
        "def test_notebook_feedback(submission):\n"
        "    '''an optional notebook (feedback only)'''\n"
        "    pytest.skip('hw2_momentum.ipynb not submitted (optional)')\n\n"
        "@weight(0)\n"
        "def test_notebook_checked(submission):\n"
        "    '''an optional notebook that was submitted'''\n"
        "    assert False, 'runGDM is wrong'\n")
    (tmp_path / "upload").mkdir()
    (tmp_path / "upload" / "answers.toml").write_text("")
    submission = load_submission(tmp_path / "upload", tmp_path / "scratch")
    skipped, failed = run_suites([tmp_path / "suite"], GradingPlugin(submission, Limits()))
    assert (skipped.attempted, skipped.note, skipped.output) == (
        False, "not_attempted", "Not attempted: hw2_momentum.ipynb not submitted (optional)")
    assert failed.attempted and not failed.passed and failed.output.startswith("runGDM is wrong")
