import json
import math

import pytest

from autograder.grading.results import (GradingResult, TestResult, clamp_score, internal_error_result, render_gradescope,
                                render_table, safe_text, terminal_text, write_results_json)


def record(test_id="q1.a", score=1.0, max_score=1.0, output="feedback", **extra):
    return TestResult(id=test_id, name=f"{test_id}: a question", number="1.1", score=score, max_score=max_score,
                      output=output, **extra)


def test_render_gradescope_matches_schema_and_totals(gradescope_schema):
    result = GradingResult("HW", (record(), record("q1.b", 0.0, 2.0, note="wrong.factor_of_2")), 1.25)
    data = render_gradescope(result)
    gradescope_schema(data)
    assert data["score"] == 1.0
    assert data["stdout_visibility"] == "hidden"
    assert "1 / 3" in data["output"]  # hidden tests hide points, so the summary states the total
    assert data["tests"][1]["status"] == "failed" and data["tests"][1]["extra_data"] == {"note": "wrong.factor_of_2"}


@pytest.mark.parametrize("score, expected", [(5.0, 1.0), (-1.0, 0.0), (math.nan, 0.0), (math.inf, 0.0), (0.5, 0.5)])
def test_scores_never_exceed_what_was_earned(score, expected):
    assert clamp_score(score, 1.0) == expected
    data = render_gradescope(GradingResult("HW", (record(score=score),)))
    assert data["tests"][0]["score"] == expected and data["score"] == expected


def test_an_optional_part_not_attempted_is_neither_passed_nor_failed(gradescope_schema):
    optional = record("test_optional", 0.0, 0.0, output="Not attempted: hw2_momentum.ipynb not submitted (optional)",
                      passed=False, attempted=False)
    graded = record("test_graded", 0.0, 1.0, passed=False, attempted=False)  # a part with points still fails
    data = render_gradescope(GradingResult("HW", (optional, graded)))
    gradescope_schema(data)
    assert "status" not in data["tests"][0] and data["tests"][1]["status"] == "failed"
    table = render_table(GradingResult("HW", (optional,), messages=("graded the folder hw2/ only",)))
    assert "not attempted: hw2_momentum.ipynb not submitted (optional)" in table
    assert table.endswith("Total: 0 / 0\nNote: graded the folder hw2/ only")


def test_the_schema_requires_a_status_for_a_test_with_points(gradescope_schema):
    data = render_gradescope(GradingResult("HW", (record(),)))
    del data["tests"][0]["status"]
    with pytest.raises(Exception):
        gradescope_schema(data)


def test_write_is_atomic_and_replaces_existing(tmp_path, gradescope_schema):
    target = tmp_path / "results" / "results.json"
    target.parent.mkdir()
    target.write_text("stale")
    write_results_json(GradingResult("HW", (record(),)), target)
    gradescope_schema(json.loads(target.read_text()))
    assert [p.name for p in target.parent.iterdir()] == ["results.json"]  # no temporary file left behind


def test_internal_error_result_is_valid_and_scores_zero(gradescope_schema):
    data = render_gradescope(internal_error_result("hw2", "RuntimeError"))
    gradescope_schema(data)
    assert data["score"] == 0 and "internal error" in data["tests"][0]["output"]


def test_unknown_visibility_falls_back_to_hidden_until_published():
    data = render_gradescope(GradingResult("HW", (record(visibility="sometimes"),)))
    assert data["tests"][0]["visibility"] == "after_published"


def test_table_lists_each_test_and_the_total():
    table = render_table(GradingResult("HW", (record(), record("q1.b", 0.0, 2.0))))
    assert "q1.b: a question" in table and "0/2" in table and "Total: 1 / 3" in table


HOSTILE_TEXT = "bad \ud800 \udfff esc \x1b[2J bell \x07 nul \x00 del \x7f c1 \x9b bidi \u202e end\r\nnext\tline σ"


def test_safe_text_replaces_surrogates_and_controls_but_keeps_tabs_newlines_and_unicode():
    text = safe_text(HOSTILE_TEXT)
    assert text == ("bad \ufffd \ufffd esc \ufffd[2J bell \ufffd nul \ufffd del \ufffd c1 \ufffd bidi \ufffd end\n"
                    "next\tline σ")
    text.encode("utf-8")  # no lone surrogate left


def test_results_json_and_the_table_hold_no_surrogate_or_control_character(tmp_path, gradescope_schema):
    test = TestResult(id="t\ud800", name=f"name {HOSTILE_TEXT}", number="1\x1b", score=0.0, max_score=1.0,
                      output=f"output {HOSTILE_TEXT}", tags=("tag\x07",), note="note\ud800")
    result = GradingResult("HW", (test,), messages=(f"skipped {HOSTILE_TEXT}",))
    target = tmp_path / "results.json"
    write_results_json(result, target)
    text = target.read_text(encoding="utf-8")
    data = json.loads(text)
    gradescope_schema(data)
    assert not any(escape in text for escape in ("\\ud800", "\\udfff", "\\u001b", "\\u0007", "\\u0000", "\\u202e"))
    assert data["tests"][0]["output"] == "output " + safe_text(HOSTILE_TEXT)
    table = render_table(result)
    assert safe_text(table) == table and "\t" not in table and "\r" not in table
    assert "\n" not in table.splitlines()[2]  # one line per test, whatever the feedback held


def test_terminal_text_fits_any_terminal_encoding():
    assert terminal_text("σ² \ud800 ok", "ascii") == "\\u03c3\\xb2 \\ufffd ok"
    assert terminal_text("σ² ok", "utf-8") == "σ² ok"
    assert terminal_text("σ", None) == "σ"
