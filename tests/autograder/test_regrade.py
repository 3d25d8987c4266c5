"""The regrade supervisor: a grading worker killed, stopped or hung costs only its submission, the regrade
ends with every table written, and internal errors are retried on the next run. Every hostile case is
bounded by construction: scripted graders (regrade_scripts), a few submissions, a deadline of seconds."""
import csv
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.assignment import load_assignment
from autograder.tools.mutations import materialise
from autograder.tools.regrade import read_record, regrade_folder
from gradescope_export_fixture import Entry, Person, metadata_yaml, write_export, zip_export
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
    assert float(table["reference"]["total"]) == 54.5 and table["wrong_answers_factor_of_2"]["q1.a"] == "0"
    assert table["killer"]["internal_error"] == KILLED and table["killer"]["q1.a"] == ""
    text = (out / "summary.md").read_text()
    assert "3 submissions; mean total 54.00 over the 2 graded" in text and "| q1.a | 0.50/1 | 50% |" in text
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
    regrade_folder(step_size, folder, out, jobs=1, progress=False, declarations=True)
    tests = {test.id: test for test in read_record(out / "records" / "wrong_gd_no_factor_2.json").result.tests}
    assert tests["test_gd_least_squares_iterates"].score == 0  # the declared flaw, graded
    assert tests["test_gd_least_squares_min_norm"].score == tests["test_gd_least_squares_min_norm"].max_score > 0
    assert not list(tmp_path.glob("class/wrong_gd_no_factor_2/*.py"))  # the declaration folder is left as it was


def test_a_students_changes_toml_is_never_graded_as_the_reference(tmp_path):
    """Without ``declarations`` (a folder of students' uploads), a submission holding only a changes.toml and
    an expected.toml is graded as those files: the reference's code is never put in its place."""
    step_size = load_assignment("step_size")
    declared = step_size.submissions / "wrong_gd_no_factor_2"
    folder, out = tmp_path / "class", tmp_path / "out"
    (folder / "sneaky").mkdir(parents=True)
    for name in ("changes.toml", "expected.toml"):
        (folder / "sneaky" / name).write_bytes((declared / name).read_bytes())
    regrade_folder(step_size, folder, out, jobs=1, progress=False)
    result = read_record(out / "records" / "sneaky.json").result
    assert result.score == 0 < result.max_score


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
    assert read_record(out / "records" / "reference.json").result.score == 54.5


ADA = Person("Ada Lovelace", "3030000001", "ada@berkeley.edu")
EMILE = Person("Émile Borel", "0301234567", "emile.borel@berkeley.edu")  # a leading zero the SID must keep
GRACE = Person("Grace Hopper", "3030000003", "grace@berkeley.edu")
ALAN = Person("Alan Turing", "3030000004", "alan@berkeley.edu")
PEOPLE = (ADA, EMILE, GRACE, ALAN)


def students(out: Path) -> list[dict[str, str]]:
    with open(out / "students.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def hw2_export(parent: Path) -> Path:
    """The reference (recorded at its full 54.5), a group of two whose answers carry factor-of-2 mistakes but
    were recorded at 54.5 (as before a fixed test), and CS231n's momentum with no recorded score."""
    entries = [
        Entry("100000001", lambda folder: materialise(HW2, "reference", folder), (ADA,), score=54.5),
        Entry("100000002", lambda folder: materialise(HW2, "wrong_answers_factor_of_2", folder), (EMILE, GRACE),
              score=54.5),
        Entry("100000003", lambda folder: materialise(HW2, "wrong_cs231n_momentum", folder), (ALAN,)),
    ]
    return write_export(parent, entries)


@pytest.mark.parametrize("packed", ["zip", "folder"])
def test_a_gradescope_export_gives_per_student_rows_and_score_changes(tmp_path, packed):
    """`regrade hw2 EXPORT.zip` (and the unpacked folder): one row per submission naming its submitters, one per
    student in students.csv, the changed scores in summary.md; no metadata in any feedback."""
    root = hw2_export(tmp_path / "download")
    out = tmp_path / "out"
    message = regrade_folder(HW2, zip_export(root) if packed == "zip" else root, out, jobs=2, progress=False)
    assert "graded 3 submission(s)" in message and "students.csv" in message
    rows = scores(out)
    assert set(rows) == {"submission_100000001", "submission_100000002", "submission_100000003"}
    group = rows["submission_100000002"]
    assert (group["submitters"], group["sid"], group["email"]) == (
        "Émile Borel; Grace Hopper", "0301234567; 3030000003", "emile.borel@berkeley.edu; grace@berkeley.edu")
    assert group["submitted_at"] == "2026-02-10 22:13:45 -0800" and group["q1.a"] == "0"  # a declared flaw
    assert float(rows["submission_100000001"]["total"]) == 54.5  # the reference's full marks (README)
    regraded = float(group["total"])
    assert regraded < 54.5
    by_sid = {row["SID"]: row for row in students(out)}
    assert len(by_sid) == 4 and set(by_sid) == {person.sid for person in PEOPLE}  # the group's members each once
    assert by_sid[EMILE.sid]["Total Score"] == by_sid[GRACE.sid]["Total Score"] == group["total"]
    assert by_sid[EMILE.sid]["Submission ID"] == "100000002" and by_sid[EMILE.sid]["Name"] == EMILE.name
    assert (by_sid[ADA.sid]["Total Score"], by_sid[ADA.sid]["Max Points"], by_sid[ADA.sid]["Status"]) == ("54.5", "54.5", "Graded")
    assert list(by_sid[ADA.sid]) == ["Name", "SID", "Email", "Total Score", "Max Points", "Status", "Submission ID",
                                     "Submission Time"]
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "3 submission(s) from 4 student(s) (1 group submission(s), each graded once)" in summary
    assert "1 of the 2 submission(s) with a recorded score changed." in summary
    assert f"| submission_100000002 | Émile Borel, Grace Hopper | 54.5 | {regraded:g} | {regraded - 54.5:+g} |" in summary
    assert "| submission_100000001 |" not in summary.split("Score changes against the export")[1]
    for record in (out / "records").glob("*.json"):  # the feedback students would read
        text = record.read_text(encoding="utf-8")
        assert not [value for person in PEOPLE for value in vars(person).values() if value in text], record.name
    assert not list(out.glob(".regrade-scratch-*"))  # the extracted export is removed


def test_an_unpacked_export_keeps_every_folder_and_never_materialises_a_student_changes_toml(tmp_path):
    """Scripted scores (regrade_scripts): a folder the metadata does not name is graded without submitters and
    noted, a metadata entry without a folder is noted, and a student's upload of changes.toml is graded as the
    files it is, not as a declared change of the reference."""
    def scored(points):
        return lambda folder: write_script(folder, f"score {points}")

    def declaration(folder):
        folder.mkdir()
        (folder / "changes.toml").write_text('[answers]\nq1.a = "1"\n')

    formula = Person("=1+2", "3030000009", "formula@berkeley.edu")  # a name set to run in a spreadsheet
    entries = [Entry("200000001", scored(3), (ADA,), score=5.0), Entry("200000002", scored(5), (GRACE,), score=5.0),
               Entry("200000003", declaration, (ALAN, GRACE, formula))]
    root = write_export(tmp_path / "download", entries, extra_folders=("submission_299999999",))
    (root / "submission_metadata.yml").write_text(
        metadata_yaml(entries + [Entry("200000004", scored(0), (EMILE,))]), encoding="utf-8")
    out = tmp_path / "out"
    regrade_folder(HW2, root.parent, out, jobs=1, progress=False, grader=SCRIPTED)  # the folder above the export
    rows = scores(out)
    assert {name: row["total"] for name, row in rows.items()} == {
        "submission_200000001": "3", "submission_200000002": "5", "submission_200000003": "0",
        "submission_299999999": "1"}
    assert rows["submission_299999999"]["submitters"] == ""
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "submission_299999999/: not in submission_metadata.yml; graded without submitters" in summary
    assert "submission_200000004: in submission_metadata.yml but the export has no such folder" in summary
    assert "1 of the 2 submission(s) with a recorded score changed." in summary
    assert "| submission_200000001 | Ada Lovelace | 5 | 3 | -2 |" in summary
    assert ("- Grace Hopper (3030000003) is a submitter of 2 submissions: submission_200000002, submission_200000003;"
            " students.csv has a row for each") in summary
    names = [row["Name"] for row in students(out)]
    assert sorted(names) == ["", "'=1+2", ADA.name, ALAN.name, GRACE.name, GRACE.name]


def test_metadata_is_read_with_limits_and_ruby_tags_as_plain_values(tmp_path, monkeypatch):
    from autograder.tools import gradescope_export

    path = tmp_path / "submission_metadata.yml"
    path.write_text("submission_1:\n  :submitters: []\n  :score: !ruby/object:BigDecimal 18:0.545e2\n"
                    "  :created_at: !ruby/object:ActiveSupport::TimeWithZone 2026-02-10 22:13:45 -0800\n")
    record = gradescope_export.read_metadata(path)["submission_1"]
    submission = gradescope_export._submission("submission_1", tmp_path, record)
    assert (submission.score, submission.created_at) == (54.5, "2026-02-10 22:13:45 -0800")
    path.write_text("!!python/object/apply:os.system ['true']\n")
    with pytest.raises(gradescope_export.ExportError, match="not readable YAML"):
        gradescope_export.read_metadata(path)
    path.write_text("".join(f"submission_{i}: {{}}\n" for i in range(4)))
    monkeypatch.setattr(gradescope_export, "MAX_SUBMISSIONS", 3)
    with pytest.raises(gradescope_export.ExportError, match="names 4 submissions, more than 3"):
        gradescope_export.read_metadata(path)
    monkeypatch.setattr(gradescope_export, "METADATA_BYTES", 10)
    with pytest.raises(gradescope_export.ExportError, match="more than the"):
        gradescope_export.read_metadata(path)


def test_a_zip_that_is_not_an_export_is_refused_by_name(tmp_path, capsys):
    from autograder.cli import main

    folder = tmp_path / "class"
    materialise(HW2, "reference", folder / "reference")
    archive = shutil.make_archive(str(tmp_path / "class"), "zip", folder)
    assert main(["regrade", "hw2", archive, "--out", str(tmp_path / "out")]) == 2
    assert "class.zip is not a Gradescope export: no submission_metadata.yml" in capsys.readouterr().err
