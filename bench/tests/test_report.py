"""Targets, tables and the results.json record."""
import json

from bench.report import Figure, Report, Target, append_record, machine, record

REPORT = Report("demo", "Demo", (Figure("ratio", "a ratio", 1.7, "x"), Figure("rate", "a rate", 5.0, "/s"),
                                 Figure("count", "a count", 12)),
                (Target("ratio", 1.5), Target("rate", 4.0, at_most=False)), ("a note",))


def test_targets_compare_in_their_direction():
    assert Target("x", 1.5).met(1.5) and not Target("x", 1.5).met(1.51)
    assert Target("x", 4, at_most=False).met(4) and not Target("x", 4, at_most=False).met(3.9)
    assert REPORT.met() == {"ratio": False, "rate": True}


def test_table_marks_missed_targets():
    lines = REPORT.table().splitlines()
    assert lines[0] == "== Demo =="
    assert "MISSED" in next(line for line in lines if line.startswith("a ratio"))
    assert "met" in next(line for line in lines if line.startswith("a rate"))
    assert next(line for line in lines if line.startswith("a count")).split() == ["a", "count", "12"]
    assert lines[-1] == "  note: a note"


def test_records_are_appended_with_the_machine(tmp_path):
    path = tmp_path / "results.json"
    append_record(record(REPORT, quick=True), path)
    append_record(record(REPORT, quick=False), path)
    records = json.loads(path.read_text())
    assert [entry["quick"] for entry in records] == [True, False]
    entry = records[0]
    assert entry["figures"] == {"ratio": 1.7, "rate": 5.0, "count": 12}
    assert entry["targets"] == {"ratio": "<= 1.5", "rate": ">= 4"}
    assert entry["met"] == {"ratio": False, "rate": True}
    assert entry["machine"]["cpu_count"] >= 1 and entry["machine"]["python"].count(".") == 2
    assert machine()["cpu_model"]


def test_a_record_keeps_the_load_it_was_measured_under(tmp_path):
    entry = record(REPORT, quick=False, load=(1.5, 3.25))
    assert entry["machine"]["load_average"] == [1.5, 3.25]
    assert "load_average" not in record(REPORT, quick=False)["machine"]
