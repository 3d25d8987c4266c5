"""The regrade supervisor: a grading worker killed, stopped or hung costs only its submission, the regrade
ends with every table written, and internal errors are retried on the next run. Every hostile case is
bounded by construction: scripted graders (regrade_scripts), a few submissions, a deadline of seconds."""
import csv
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.assignment import load_assignment
from autograder.tools.mutations import materialise
from autograder.tools.regrade import read_record, regrade_folder
from regrade_scripts import SCRIPTED, write_script

HW2 = load_assignment("hw2")
KILLED = "the grading worker was killed by signal 9 (SIGKILL)"


def scores(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "scores.csv", newline="") as handle:
        return {row["submission"]: row for row in csv.DictReader(handle)}


def is_alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def test_killed_stopped_and_hung_workers_cost_only_their_submission(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    scripts = {"fine_a": "score 3", "fine_b": "score 5", "killed": "kill", "stopped": "stop", "hung": "hang",
               "raised": "raise", "orphaned": "orphan"}
    for name, line in scripts.items():
        write_script(folder / name, line)
    started = time.monotonic()
    summary = regrade_folder(HW2, folder, out, jobs=2, progress=False, grader=SCRIPTED, deadline_seconds=3)
    assert time.monotonic() - started < 60
    records = {name: read_record(out / "records" / f"{name}.json") for name in scripts}
    assert records["fine_a"].result.score == 3 and records["fine_a"].internal_errors == ()
    assert records["killed"].failure == records["orphaned"].failure == KILLED
    assert records["stopped"].failure == "the grading worker was stopped (SIGSTOP) for 2 s and was killed"
    assert records["hung"].failure == "grading did not finish within the 3 s deadline; the worker was killed"
    raised = records["raised"].failure
    assert raised.startswith("grading raised RuntimeError at tests/autograder/regrade_scripts.py:"), raised
    assert KILLED in records["killed"].result.tests[0].output and records["killed"].result.score == 0
    assert not is_alive(int((folder / "orphaned" / "pid").read_text())), "what the dead worker left runs on"
    assert "graded 7 submission(s)" in summary and "5 internal error(s)" in summary

    table = scores(out)
    assert set(table) == set(scripts)
    assert table["fine_b"]["total"] == "5" and table["fine_b"]["internal_error"] == ""
    assert table["killed"]["internal_error"] == KILLED and "internal_error:" not in table["killed"]
    text = (out / "summary.md").read_text()
    assert "7 submissions; mean total 4.00 over the 2 graded (5 could not be graded" in text
    assert f"| {KILLED} | 2 | killed, orphaned |" in text and f"| {raised} | 1 | raised |" in text
    assert (out / "scores.png").stat().st_size > 1000

    for name in ("fine_a", "killed", "stopped", "hung", "raised", "orphaned"):
        write_script(folder / name, "score 1")
    summary = regrade_folder(HW2, folder, out, jobs=2, progress=False, grader=SCRIPTED, deadline_seconds=3)
    assert summary.startswith("graded 5 submission(s), skipped 2 already graded") and "internal error" not in summary
    table = scores(out)
    assert table["fine_a"]["total"] == "3", "a good record is kept without --force"
    assert all(table[name]["total"] == "1" for name in ("killed", "stopped", "hung", "raised", "orphaned"))
    assert "Internal errors" not in (out / "summary.md").read_text()


def test_a_killed_worker_among_real_gradings_leaves_every_row(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    for name in ("reference", "wrong_answers_factor_of_2"):
        materialise(HW2, name, folder / name)
    write_script(folder / "killer", "kill")
    regrade_folder(HW2, folder, out, jobs=2, progress=False, grader=SCRIPTED)
    table = scores(out)
    assert set(table) == {"reference", "wrong_answers_factor_of_2", "killer"}
    assert float(table["reference"]["total"]) == 55.5 and table["wrong_answers_factor_of_2"]["q1.a"] == "0"
    assert table["killer"]["internal_error"] == KILLED and table["killer"]["q1.a"] == ""
    text = (out / "summary.md").read_text()
    assert "3 submissions; mean total 55.00 over the 2 graded" in text and "| q1.a | 0.50/1 | 50% |" in text
    assert f"| {KILLED} | 1 | killer |" in text


def test_workers_that_cannot_start_end_the_regrade(tmp_path):
    write_script(tmp_path / "class" / "only", "score 1")
    with pytest.raises(RuntimeError, match="regrade workers do not start: the grading worker exited with code 1"):
        regrade_folder(HW2, tmp_path / "class", tmp_path / "out", progress=False,
                       grader="regrade_scripts:no_such_grader")


WRITER = """
import sys
from dataclasses import replace
from pathlib import Path
from autograder.assignment import load_assignment
from autograder.tools.regrade import failure_record, write_record

record = failure_record(load_assignment("hw2"), "x" * 4_000_000)
path = Path(sys.argv[1])
write_record(record, path)
print("written", flush=True)
for index in range(10**6):
    write_record(replace(record, failure=str(index) * 1_000_000), path)
"""


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.13, 0.31])
def test_a_record_survives_a_kill_mid_write(tmp_path, delay):
    path = tmp_path / "records" / "someone.json"
    path.parent.mkdir()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "written\n"
        time.sleep(delay)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert read_record(path) is not None, "a kill mid-write left a record that is not valid JSON"


def test_a_declared_submission_is_regraded_materialised(tmp_path):
    """An instructor can regrade assignments/<name>/submissions/ as it is: declarations are materialised."""
    step_size = load_assignment("step_size")
    declared = step_size.submissions / "wrong_gd_no_factor_2"
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    (folder / "wrong_gd_no_factor_2").mkdir()
    for name in ("changes.toml", "expected.toml"):
        (folder / "wrong_gd_no_factor_2" / name).write_bytes((declared / name).read_bytes())
    regrade_folder(step_size, folder, out, jobs=1, progress=False)
    tests = {test.id: test for test in read_record(out / "records" / "wrong_gd_no_factor_2.json").result.tests}
    assert tests["test_gd_least_squares_iterates"].score == 0  # the declared flaw, graded
    assert tests["test_gd_least_squares_min_norm"].score == tests["test_gd_least_squares_min_norm"].max_score > 0
    assert not list(tmp_path.glob("class/wrong_gd_no_factor_2/*.py"))  # the declaration folder is left as it was


WARM_CASES = ("daemon_outlives_grading", "fork_loop", "kill_grader", "stop_grader", "peek_at_grader", "read_reference",
              "monkeypatch_numpy", "os_exit_in_function", "segfault", "background_process")


def test_a_regrade_from_the_warm_template_grades_as_a_cold_grading(tmp_path):
    """Regrade workers fork their student processes from a template; hostile uploads among real ones must get
    exactly the scores and notes that grading each alone (cold, as Gradescope does) gives them."""
    from autograder.grading.grade import SCORED_SUITES, grade_submission
    from hostile.hostile_corpus import load_case

    folder, out = tmp_path / "class", tmp_path / "out"
    materialise(HW2, "reference", folder / "reference")
    for name in WARM_CASES:
        load_case(name).upload(folder)
    regrade_folder(HW2, folder, out, jobs=1, progress=False)
    for name in ("reference", *WARM_CASES):
        warm = read_record(out / "records" / f"{name}.json")
        cold = grade_submission(HW2, folder / name, suites=SCORED_SUITES)
        assert warm is not None and not warm.internal_errors, name
        assert [(test.id, test.score, test.note) for test in warm.result.tests] == \
            [(test.id, test.score, test.note) for test in cold.tests], name
    assert read_record(out / "records" / "reference.json").result.score == 55.5
