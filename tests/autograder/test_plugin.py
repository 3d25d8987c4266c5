"""Our pytest plugin: a suite that cannot load is reported, never silently dropped."""
from autograder.plugin import GradingPlugin, run_suites
from autograder.sandbox.limits import Limits
from autograder.submission import load_submission


def test_a_suite_that_fails_to_load_is_a_visible_internal_error(tmp_path):
    (tmp_path / "suite").mkdir()
    (tmp_path / "suite" / "test_broken.py").write_text("import no_such_module\n")
    (tmp_path / "upload").mkdir()
    (tmp_path / "upload" / "answers.toml").write_text("")
    submission = load_submission(tmp_path / "upload", tmp_path / "scratch")
    [record] = run_suites([tmp_path / "suite"], GradingPlugin(submission, Limits()))
    assert record.note == "internal_error" and not record.passed and record.visibility == "visible"
    assert record.score == record.max_score == 0 and "test_broken.py failed to load" in record.output
