import json
import math

import pytest

from autograder.results import (GradingResult, TestResult, clamp_score, internal_error_result, render_gradescope,
                                render_table, write_results_json)


def record(test_id="q1.a", score=1.0, max_score=1.0, **extra):
    return TestResult(id=test_id, name=f"{test_id}: a question", number="1.1", score=score, max_score=max_score,
                      output="feedback", **extra)


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
