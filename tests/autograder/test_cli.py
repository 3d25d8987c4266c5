"""The command line: each command through its library call, and a few through the real console script."""
import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.assignment import available_assignments, load_assignment
from autograder.grading.grade import grade_submission
from autograder.tools.build import build_student_kit
from autograder.tools.check import check_submission
from autograder.cli import EXAMPLES, main
from autograder.tools.demo import run_demo
from autograder.tools.keysheet import code_tests, expected_text, key_sheet
from autograder.tools.mutations import materialise, materialised
from autograder.tools.regrade import regrade_folder

HW2 = load_assignment("hw2")
SCRIPT = Path(sys.executable).parent / "autograder"


def run_script(*args, cwd=None):
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def test_version_and_help_with_examples():
    assert run_script("--version").stdout.startswith("autograder ")
    for command, example in EXAMPLES.items():
        help_text = run_script(command, "--help").stdout
        assert "example" in help_text and example in help_text, command


def test_grade_through_the_console_script(tmp_path, gradescope_schema):
    results = tmp_path / "out.json"
    submission = materialise(HW2, "wrong_answers_factor_of_2", tmp_path / "factor_of_2")
    done = run_script("grade", "hw2", str(submission), "--results", str(results))
    assert done.returncode == 0, done.stderr
    gradescope_schema(json.loads(results.read_text()))
    assert "Total: 54.5 / 55.5" in done.stdout and "off by a factor of 2" in done.stdout


QUICK_EXIT = """
import atexit, sys, threading, time
from autograder.cli import exit_quickly
atexit.register(lambda: print("atexit handler ran"))
if sys.argv[1] == "thread":
    threading.Thread(target=lambda: (time.sleep(0.3), print("thread finished", flush=True))).start()
print("buffered output", end="; ")
exit_quickly(3)
"""


@pytest.mark.parametrize("case", ["alone", "thread"])
def test_the_quick_exit_keeps_atexit_handlers_output_and_the_exit_code(case):
    """Skipping the interpreter's teardown loses nothing: output on a pipe (block-buffered) is flushed, the
    atexit handlers (student processes, temporary folders) run, and a live thread is waited for."""
    done = subprocess.run([sys.executable, "-c", QUICK_EXIT, case], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith("buffered output; ") and "atexit handler ran" in done.stdout
    assert ("thread finished" in done.stdout) == (case == "thread")


def test_bad_usage_exits_2_with_a_message(capsys):
    assert main(["grade", "hw9", "."]) == 2
    assert "unknown assignment 'hw9' (known: " in capsys.readouterr().err
    assert main(["grade", "hw2", "/no/such/submission"]) == 2


def test_key_sheet_lists_every_code_test_with_the_points_grading_gives_it(tmp_path):
    step_size = load_assignment("step_size")
    sheet = key_sheet(step_size)
    assert "test_largest_stable_step_chain_random_minima" in sheet and "test_nesterov_momentum_iterates" in sheet
    graded = grade_submission(step_size, step_size.submissions / "reference", suites=("public", "hidden"))
    points = {test.id: test.max_score for test in graded.tests if not test.id.startswith(("q", "staff:"))}
    assert points == {test.name: test.points for test in code_tests(step_size) if test.suite != "optional"}


def test_key_sheet_lists_every_question():
    sheet = key_sheet(HW2)
    assert all(question.key in sheet for question in HW2.questions)
    assert "1/(sigma_l^2 + sigma_s^2)" in sheet and "any of 65, 66, 126, 131, 132" in sheet


def test_check_reference_ok_and_starter_needs_attention():
    assert check_submission("hw2", HW2.submissions / "reference").ok
    with materialised(HW2, "starter") as starter:
        report = check_submission("hw2", starter)
    assert not report.ok
    statuses = {line.item.split(" ")[0]: line.status for line in report.lines}
    assert statuses["q2.b"] == "missing"  # the template's empty matrix is "no answer yet", not invalid
    assert "NotImplementedError" in report.table


def test_check_flags_unreadable_answers_without_judging_them():
    with materialised(HW2, "wrong_answers_garbage") as garbage:
        report = check_submission("hw2", garbage)
    invalid = {line.item.split(" ")[0] for line in report.lines if line.status == "invalid"}
    assert {"q1.a", "q1.e", "q2.i"} <= invalid
    # a wrong but readable answer is not flagged: the kit cannot know it is wrong
    with materialised(HW2, "wrong_answers_factor_of_2") as factor_of_2:
        assert check_submission("hw2", factor_of_2).ok


def test_check_names_every_missing_file_that_grading_needs():
    with materialised(HW2, "wrong_logs_missing") as no_logs:
        report = check_submission("hw2", no_logs)
    [logs] = [line for line in report.lines if line.item == "submission_logs/"]
    assert logs.status == "missing" and logs.message.startswith("17 files that grading needs: ")
    assert "w_stds_he.json" in logs.message and not report.ok


@pytest.mark.parametrize("name", available_assignments())
def test_every_expected_file_is_in_the_reference(name):
    assignment = load_assignment(name)
    reference = assignment.submissions / "reference"
    assert [path for path in assignment.expected_files if not (reference / path).is_file()] == []


def test_student_kit_holds_no_hidden_answers(tmp_path):
    kit = build_student_kit(HW2, tmp_path).path
    names = zipfile.ZipFile(kit).namelist()
    assert not [n for n in names if n.startswith("reference/") or "/hidden/" in n or "/submissions/" in n]
    assert "assignments/hw2/answer_format.json" in names and "assignments/hw2/assignment.py" not in names
    answer_format = zipfile.ZipFile(kit).read("assignments/hw2/answer_format.json").decode()
    for question in HW2.questions:
        answer = expected_text(question.kind)
        if isinstance(answer, str) and len(answer) > 10 and type(question.kind).__name__ != "Choice":
            assert answer not in answer_format, question.key
    assert '"correct"' not in answer_format and '"accepted"' not in answer_format


def test_student_journey_from_the_kit(tmp_path):
    """Unpack the kit, fill in the work, run the local check with the oracle made unimportable."""
    kit = tmp_path / "kit"
    zipfile.ZipFile(build_student_kit(HW2, tmp_path).path).extractall(kit)
    shutil.copy(HW2.submissions / "reference" / "answers.toml", kit / "answers.toml")
    shutil.copytree(HW2.submissions / "reference" / "deeplearning", kit / "deeplearning", dirs_exist_ok=True)
    shutil.copy(HW2.submissions / "reference" / "hw2_optimizer_init.ipynb", kit)
    shutil.copytree(HW2.submissions / "reference" / "submission_logs", kit / "submission_logs")
    blocked = ("import sys, runpy; sys.modules['reference'] = None; "
               "sys.argv = ['autograder', 'check', 'hw2', '.']; runpy.run_module('autograder', run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", blocked], cwd=kit, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All public checks pass" in done.stdout
    (kit / "answers.toml").write_text((kit / "answers.toml").read_text().replace('"0 < eta < 1/sigma^2"', '"0 < eta < 1/sigm^2"'))
    done = subprocess.run([sys.executable, "-c", blocked], cwd=kit, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "did you mean sigma" in done.stdout


def test_build_lists_both_artifacts(tmp_path):
    assert main(["build", "hw2", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "hw2-gradescope.zip").exists() and (tmp_path / "hw2-student-kit.zip").exists()


def test_regrade_writes_tables_and_resumes(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name in ("reference", "wrong_answers_factor_of_2", "wrong_answers_garbage"):
        materialise(HW2, name, folder / name)
    hostile = Path(__file__).resolve().parent.parent / "hostile" / "exit_at_import"
    shutil.copytree(hostile, folder / "hostile_exit", ignore=shutil.ignore_patterns("expected.toml"))
    shutil.make_archive(str(folder / "zipped_reference"), "zip", HW2.submissions / "reference")
    out = tmp_path / "out"
    summary = regrade_folder(HW2, folder, out, jobs=2, progress=False)
    assert "graded 5 submission(s)" in summary
    rows = {row["submission"]: row for row in csv.DictReader(open(out / "scores.csv"))}
    assert set(rows) == {"reference", "zipped_reference", "wrong_answers_factor_of_2", "wrong_answers_garbage", "hostile_exit"}
    assert float(rows["reference"]["total"]) == float(rows["zipped_reference"]["total"]) == 55.5
    assert rows["wrong_answers_factor_of_2"]["q1.a"] == "0" and float(rows["hostile_exit"]["total"]) == 0
    text = (out / "summary.md").read_text()
    assert "| q1.a |" in text and "wrong.factor_of_2" in text and (out / "scores.png").stat().st_size > 1000
    assert "graded 0 submission(s), skipped 5" in regrade_folder(HW2, folder, out, jobs=2, progress=False)


def test_demo_shows_feedback_for_each_sample():
    out = io.StringIO()
    run_demo(out)
    text = out.getvalue()
    assert "=== hw2/reference" in text and "Total: 55.5 / 55.5" in text
    assert "off by a factor of 2" in text and "CS231n's momentum" in text


def test_experiment_quick_writes_plot_and_table(tmp_path, capsys):
    assert main(["experiment", "disc3", "--quick", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "disc3_errors.png").stat().st_size > 1000
    table = (tmp_path / "disc3_table.md").read_text()
    assert all(optimizer in table for optimizer in ("sgd", "adam")) and "plot:" in capsys.readouterr().out
