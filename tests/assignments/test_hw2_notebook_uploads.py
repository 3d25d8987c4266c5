"""HW2 uploads of a lone notebook (issue 28 item 5): it is graded as hw2_optimizer_init.ipynb only when it is
plausibly that notebook, and a notebook past a limit is a message to the student on each test that reads it,
never the grader's internal error."""
import json

from autograder.assignment import load_assignment
from autograder.grading.grade import SCORED_SUITES, grade_submission
from autograder.grading.submission import MAX_NOTEBOOK_CELLS

HW2 = load_assignment("hw2")
NOTEBOOK_TESTS = ("test_notebook_sgd_batch_size", "test_optimizer_notebook_executed")


def notebook(cells):
    cell = {"cell_type": "code", "metadata": {}, "source": "batch_sizes = {'sgd': 400}", "execution_count": 1,
            "outputs": []}
    return json.dumps({"cells": [cell] * cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4})


def graded(tmp_path, name, cells):
    (tmp_path / "upload").mkdir()
    (tmp_path / "upload" / name).write_text(notebook(cells))
    result = grade_submission(HW2, tmp_path / "upload", suites=SCORED_SUITES)
    assert not [test.id for test in result.tests if test.note == "internal_error"]
    return {test.id: test for test in result.tests}, result


def test_the_momentum_notebook_alone_is_not_graded_as_the_optimizer_notebook(tmp_path):
    tests, result = graded(tmp_path, "hw2_momentum.ipynb", 3)
    for test_id in NOTEBOOK_TESTS:
        assert tests[test_id].score == 0
        assert "missing hw2_optimizer_init.ipynb (found: hw2_momentum.ipynb)" in tests[test_id].output
    assert not any("graded your notebook" in message for message in result.messages)


def test_a_renamed_optimizer_notebook_alone_is_graded_as_it(tmp_path):
    tests, result = graded(tmp_path, "hw2_optimizer_init_final.ipynb", 3)
    assert tests["test_notebook_sgd_batch_size"].score == tests["test_notebook_sgd_batch_size"].max_score
    assert any("graded your notebook hw2_optimizer_init_final.ipynb" in message for message in result.messages)


def test_a_notebook_past_the_cell_limit_is_told_so_on_each_test_that_reads_it(tmp_path):
    tests, _ = graded(tmp_path, "hw2_optimizer_init.ipynb", MAX_NOTEBOOK_CELLS + 1)
    for test_id in NOTEBOOK_TESTS:
        assert tests[test_id].score == 0 and tests[test_id].note == "invalid.submission_file"
        assert (f"hw2_optimizer_init.ipynb is not a valid notebook: it has {MAX_NOTEBOOK_CELLS + 1:,} cells; at most "
                f"{MAX_NOTEBOOK_CELLS:,} are allowed.") == tests[test_id].output
