"""No crash path (issue 12, item 4): whatever an upload holds, ``autograder grade`` writes a valid
results.json and prints a table any terminal can encode; a hostile answers.toml or log costs only
the tests that read it. The hostile cases added for it are graded here in full, scores exact."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import commands
from autograder.grading import grade as grading
from autograder.assignment import load_assignment
from autograder.grading.grade import grade_submission
from autograder.tools.mutations import materialised
from autograder.grading.results import render_table, safe_text, write_results_json
from autograder.sandbox.deployment import SandboxConfigError
from hostile.hostile_corpus import load_case

HW2 = load_assignment("hw2")
ANSWER_KEYS = {question.key for question in HW2.questions}
SCRIPT = Path(sys.executable).parent / "autograder"
# (case, tests that must fail: "answers" for every written answer, else test ids)
GRADED = [
    ("answers_deep_arrays", "answers"),
    ("answers_deep_dotted", "answers"),
    ("answers_deep_inline_tables", "answers"),
    ("zip_deep_member_path", ()),
    ("zip_long_member_path", ()),
    ("logs_deep_and_huge", ("test_optimizer_experiment_logs", "test_initialization_logs")),
]


@pytest.mark.parametrize("name, failing", GRADED, ids=[name for name, _ in GRADED])
def test_a_hostile_part_costs_only_the_tests_that_read_it(name, failing, tmp_path, gradescope_schema):
    case = load_case(name)
    result = grade_submission(HW2, case.upload(tmp_path / "upload"))
    lost = {test.id for test in result.tests if test.max_score > 0 and test.score < test.max_score}
    assert lost == (ANSWER_KEYS if failing == "answers" else set(failing)), [
        (test.id, test.output) for test in result.tests if test.id in lost]
    assert result.score == pytest.approx(case.expect["max_score"])
    if "error" in case.expect:  # answers: the same clear message on every written answer
        assert all(case.expect["error"] in test.output for test in result.tests if test.id in ANSWER_KEYS)
    elif case.expect["warning"]:  # uploads: the skipped members are named in the summary
        assert [message for message in result.messages if case.expect["warning"] in message]
    write_results_json(result, tmp_path / "results.json")
    gradescope_schema(json.loads((tmp_path / "results.json").read_text(encoding="utf-8")))


def test_the_logs_messages_say_which_limit(tmp_path):
    result = grade_submission(HW2, load_case("logs_deep_and_huge").upload(tmp_path / "upload"))
    by_id = {test.id: test.output for test in result.tests}
    assert "optimizer_experiment_adam.npz: train_accs.npy claims 8,000,000,000,000 bytes" in by_id[
        "test_optimizer_experiment_logs"]
    assert ("submission_logs/w_stds_he.json is not valid JSON: it nests arrays or objects more than 64 levels deep"
            in by_id["test_initialization_logs"])


def test_lone_surrogates_and_controls_never_reach_an_ascii_terminal_or_results_json(tmp_path):
    """The real console script, as on a machine whose terminal speaks ASCII (PYTHONIOENCODING=ascii, LANG=C)."""
    upload = load_case("notebook_lone_surrogates").upload(tmp_path / "upload")
    results = tmp_path / "results.json"
    environment = {**os.environ, "PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}
    done = subprocess.run([str(SCRIPT), "grade", "hw2", str(upload), "--results", str(results)], env=environment,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    done.stdout.decode("ascii")
    text = results.read_text(encoding="utf-8")
    assert "\\ud800" not in text and "\\u001b" not in text
    notebook_test = next(test for test in json.loads(text)["tests"] if test["number"] == "5.7.1")
    assert "shows an error (Err\ufffd\ufffd[2J)" in notebook_test["output"]


def grade_args(tmp_path) -> argparse.Namespace:
    upload = tmp_path / "upload"
    upload.mkdir()
    return argparse.Namespace(assignment="hw2", submission=upload, results=tmp_path / "out" / "results.json")


def test_an_unforeseen_error_still_writes_an_internal_error_results_json(tmp_path, monkeypatch, capsys,
                                                                         gradescope_schema):
    def explode(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(grading, "grade_submission", explode)
    args = grade_args(tmp_path)
    assert commands.grade(args) == 0
    data = json.loads(args.results.read_text())
    gradescope_schema(data)
    assert data["score"] == 0 and data["tests"][0]["extra_data"]["note"] == "internal_error"
    assert "(RecursionError)" in data["tests"][0]["output"]
    captured = capsys.readouterr()
    assert "internal error: grading did not complete (RecursionError); wrote an internal-error results.json" in captured.err
    assert "autograder: internal error" in captured.out


def test_a_misconfigured_machine_writes_its_record_and_exits_through_the_cli(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise SandboxConfigError("no student account")

    monkeypatch.setattr(grading, "grade_submission", refuse)
    args = grade_args(tmp_path)
    with pytest.raises(SandboxConfigError):
        commands.grade(args)
    assert json.loads(args.results.read_text())["tests"][0]["extra_data"]["note"] == "internal_error.misconfigured"


def test_a_table_of_hostile_feedback_is_safe_text():
    with materialised(HW2, "wrong_answers_garbage") as garbage:
        result = grade_submission(HW2, garbage)
    table = render_table(result)
    assert table == safe_text(table)
