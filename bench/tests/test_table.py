"""The README's Performance table: each row from one record (the latest full run with its figures, else the
latest quick one), values and targets as recorded, and only the text between the markers rewritten."""
import pytest

from bench.table import BEGIN, END, rewrite, table


def record(timestamp, quick, **figures):
    return {"benchmark": "baseline", "timestamp": timestamp, "quick": quick, "figures": figures,
            "units": {"ratio": "x", "ours_s": "s"}, "targets": {"ratio": "<= 2"}, "met": {"ratio": figures["ratio"] <= 2}}


SIDES = {"ours_s": 1.2, "baseline_s": 0.3, "ours_checks_s": 0.5, "baseline_checks_s": 0.25}


def test_a_row_reads_the_latest_full_record_and_shows_its_own_figures():
    records = [record("2026-11-01T00:00", False, ratio=4.0, checks_ratio=2.0, **SIDES),
               record("2026-11-02T00:00", False, ratio=1.5, checks_ratio=2.0, **SIDES),
               record("2026-11-03T00:00", True, ratio=9.0, checks_ratio=2.0, **SIDES)]
    [row] = [line for line in table(records).splitlines() if line.startswith("| 4 in-process")]
    assert "| 1.5x (1.20 s / 0.30 s) | <= 2 | met | 2026-11-02 |" in row


def test_a_quick_record_is_used_only_when_no_full_one_has_the_figure():
    records = [record("2026-11-03T00:00", True, ratio=3.0, checks_ratio=2.0, **SIDES)]
    assert "| 3x (1.20 s / 0.30 s) | <= 2 | missed | 2026-11-03, --quick |" in table(records)


def test_rows_without_a_record_are_left_out():
    assert table([]).count("\n") == 1  # the header and its rule only


def test_only_the_text_between_the_markers_changes():
    text = f"# Title\n\nbefore\n{BEGIN}\n| old |\n{END}\nafter\n"
    assert rewrite(text, "| new |") == f"# Title\n\nbefore\n{BEGIN}\n| new |\n{END}\nafter\n"
    with pytest.raises(ValueError):
        rewrite("no markers here", "| new |")


def test_the_load_a_record_was_measured_under_is_shown():
    entry = record("2026-11-03T00:00", False, ratio=3.0, checks_ratio=2.0, **SIDES)
    entry["machine"] = {"load_average": [6.04, 11.51]}
    assert "| missed | 2026-11-03, load 6.0-11.5 |" in table([entry])
