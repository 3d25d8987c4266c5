"""Our pytest plugin: a suite that cannot load is reported, never silently dropped; an optional part not
submitted is not attempted, not failed; the student process starts while the suites are collected, and one that
cannot start runs no test."""
import pytest

from autograder.grading.plugin import GradingPlugin, run_suites
from autograder.sandbox.deployment import SandboxConfigError
from autograder.sandbox.limits import Limits
from autograder.grading.submission import load_submission


def _suite_and_upload(tmp_path, name, source):
    """``suite/NAME`` holding ``source``, and an upload with an empty answers.toml, loaded."""
    (tmp_path / "suite").mkdir()
    (tmp_path / "suite" / name).write_text(source)
    (tmp_path / "upload").mkdir()
    (tmp_path / "upload" / "answers.toml").write_text("")
    return load_submission(tmp_path / "upload", tmp_path / "scratch")


def test_a_suite_that_fails_to_load_is_a_visible_internal_error(tmp_path):
    submission = _suite_and_upload(tmp_path, "test_broken.py", "import no_such_module\n")
    [record] = run_suites([tmp_path / "suite"], GradingPlugin(submission, Limits()))
    assert record.note == "internal_error" and not record.passed and record.visibility == "visible"
    assert record.score == record.max_score == 0 and "test_broken.py failed to load" in record.output


def test_a_skipped_optional_part_is_not_attempted_and_a_failed_one_is_failed(tmp_path):
    submission = _suite_and_upload(
        tmp_path, "test_optional.py",
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
    skipped, failed = run_suites([tmp_path / "suite"], GradingPlugin(submission, Limits()))
    assert (skipped.attempted, skipped.note, skipped.output) == (
        False, "not_attempted", "Not attempted: hw2_momentum.ipynb not submitted (optional)")
    assert failed.attempted and not failed.passed and failed.output.startswith("runGDM is wrong")


def _suite_recording_runs(tmp_path):
    return _suite_and_upload(tmp_path, "test_runs.py", "import os\nRAN = os.environ['RAN_MARKER']\n\n"
                             "def test_uses_student(student):\n    open(RAN, 'w').close()\n")


def test_a_student_process_that_cannot_start_runs_no_test_and_is_the_graders_fault(tmp_path, monkeypatch):
    submission = _suite_recording_runs(tmp_path)
    monkeypatch.setenv("RAN_MARKER", str(tmp_path / "ran"))
    plugin = GradingPlugin(submission, Limits(memory_bytes=8 * 1024**2))  # too little for Python to start
    with pytest.raises(SandboxConfigError, match="did not start"):
        run_suites([tmp_path / "suite"], plugin)
    assert not (tmp_path / "ran").exists() and plugin.results == []


def test_the_student_process_starts_while_the_suites_are_collected(tmp_path, monkeypatch):
    submission = _suite_recording_runs(tmp_path)
    monkeypatch.setenv("RAN_MARKER", str(tmp_path / "ran"))
    events = []
    plugin = GradingPlugin(submission, Limits())
    launch, start = plugin.launch_student, plugin.start_student
    monkeypatch.setattr(plugin, "launch_student", lambda: (events.append("launch"), launch())[1])
    monkeypatch.setattr(plugin, "start_student", lambda: (events.append("wait"), start())[1])
    real_collect = pytest.Module.collect

    def collect(module):
        events.append("collect")
        return real_collect(module)

    monkeypatch.setattr(pytest.Module, "collect", collect)
    [record] = run_suites([tmp_path / "suite"], plugin)
    assert record.passed and (tmp_path / "ran").exists()
    assert events[:3] == ["launch", "collect", "wait"]


def test_suites_keep_pytests_usual_fixtures_and_unittest_classes(tmp_path):
    """The plugins turned off for speed are command-line tools only: a suite written the usual ways still runs."""
    submission = _suite_and_upload(
        tmp_path, "test_usual.py",
        "import logging, unittest, warnings\n"
        "from gradescope_utils.autograder_utils.decorators import weight\n\n"
        "@weight(1)\n"
        "def test_fixtures(tmp_path, monkeypatch, capsys, caplog, recwarn):\n"
        "    '''pytest's own fixtures'''\n"
        "    (tmp_path / 'f').write_text('x')\n"
        "    monkeypatch.setenv('USUAL', '1')\n"
        "    print('hi'); logging.getLogger('t').warning('logged'); warnings.warn('careful')\n"
        "    assert capsys.readouterr().out == 'hi\\n' and 'logged' in caplog.text and len(recwarn) == 1\n\n"
        "class TestCase(unittest.TestCase):\n"
        "    @weight(2)\n"
        "    def test_unittest_style(self):\n"
        "        '''a unittest-style check'''\n"
        "        self.assertEqual(1 + 1, 2)\n")
    records = run_suites([tmp_path / "suite"], GradingPlugin(submission, Limits()))
    assert sorted((record.name, record.passed, record.score) for record in records) == [
        ("a unittest-style check", True, 2.0), ("pytest's own fixtures", True, 1.0)]
