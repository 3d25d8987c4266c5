"""The hostile notebooks of tests/hostile/ (stage "notebook") run through StudentProcess.run_notebook."""
from __future__ import annotations

import pytest

from autograder.sandbox.errors import StudentError
from autograder.sandbox.student import StudentProcess
from sandbox_support import TEST_LIMITS, corpus

LIST_VARIABLES = "def variables(namespace):\n    return sorted(k for k in namespace if not k.startswith('__'))\n"


@pytest.mark.parametrize("name", [case.name for case in corpus.cases("notebook")])
def test_hostile_notebook(name, upload):
    expect = corpus.load_case(name).expect
    folder = upload(name)
    with StudentProcess(folder, TEST_LIMITS) as student:
        if "kind" in expect:
            with pytest.raises(StudentError) as raised:
                student.run_notebook(folder / expect["notebook"])
            assert raised.value.kind == expect["kind"]
            assert expect["message"] in raised.value.message
            return
        cells = student.run_notebook(folder / expect["notebook"])
        assert [cell.status for cell in cells] == expect["statuses"]
        if "probe_kind" in expect:
            with pytest.raises(StudentError) as raised:
                student.probe_namespace(LIST_VARIABLES, "variables")
            assert raised.value.kind == expect["probe_kind"]
            assert "the notebook did not run to the end" in raised.value.message
        else:
            assert {"trained", "after"} <= set(student.probe_namespace(LIST_VARIABLES, "variables"))


def test_a_cell_that_ends_the_process_names_itself_and_stops_the_rest(upload):
    folder = upload("notebook_os_exit")
    with StudentProcess(folder, TEST_LIMITS) as student:
        cells = student.run_notebook(folder / "hw2_optimizer_init.ipynb")
    assert [cell.index for cell in cells] == [1, 2, 3]  # positions in the notebook: cell 0 is markdown
    assert cells[1].message == "your code ended the Python process (exit status 0) while running notebook cell 2"
    assert cells[2].message.startswith("not run: your code ended the Python process")


def test_a_cell_timeout_uses_the_per_cell_limit(upload):
    folder = upload("notebook_infinite_loop")
    with StudentProcess(folder, TEST_LIMITS) as student:
        cells = student.run_notebook(folder / "hw2_optimizer_init.ipynb", timeout_per_cell=1.5)
    assert cells[1].message == "notebook cell 1 did not finish within 1.5 s (the limit for one call): stopped"
