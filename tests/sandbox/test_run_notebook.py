"""StudentProcess.run_notebook on ordinary notebooks: one namespace, errors do not stop later
cells, IPython-only lines are skipped, output is kept per cell, probes read the namespace."""
from __future__ import annotations

import nbformat
import pytest

from autograder.sandbox.notebook_cells import prepare_cell
from autograder.sandbox.student import StudentProcess
from sandbox_support import TEST_LIMITS


def write_notebook(path, *sources: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# title")]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def test_cells_share_one_namespace_and_errors_do_not_stop_the_notebook(tmp_path):
    write_notebook(tmp_path / "work" / "nb.ipynb",
                   "%matplotlib inline\nimport numpy as np\nlosses = [1.0, 0.5]\nprint('epoch', len(losses))",
                   "1 / 0",
                   "!pip install torch\nlosses.append(0.25)",
                   "with open('data.txt') as handle:\n    text = handle.read()")
    (tmp_path / "work" / "data.txt").write_text("beside the notebook")
    with StudentProcess(tmp_path, TEST_LIMITS) as student:
        cells = student.run_notebook("work/nb.ipynb")  # relative to the submission
        losses, text = student.probe_namespace(
            "def read(namespace):\n    return namespace['losses'], namespace['text']\n", "read")
    assert [cell.status for cell in cells] == ["ok", "error", "ok", "ok"]
    assert cells[0].output == "epoch 2\n" and "%matplotlib inline" in cells[0].note
    assert cells[1].error_name == "ZeroDivisionError" and "division by zero" in cells[1].message
    assert losses == [1.0, 0.5, 0.25]
    assert text == "beside the notebook"  # the working directory is the notebook's folder


def test_a_torch_model_can_be_inspected_through_a_probe(tmp_path):
    """The default memory limit leaves room for torch (its import reserves ~0.6 GiB)."""
    pytest.importorskip("torch", reason="torch is not installed (the Python 3.10 run leaves it out)")
    write_notebook(tmp_path / "nb.ipynb",
                   "import torch\ntorch.manual_seed(0)\nmodel = torch.nn.Sequential(torch.nn.Linear(6, 4), torch.nn.ReLU(), "
                   "torch.nn.Linear(4, 3))\nloss = model(torch.randn(5, 6)).sum()\nloss.backward()")
    count_parameters = "def count(namespace):\n    return sum(p.numel() for p in namespace['model'].parameters())\n"
    with StudentProcess(tmp_path) as student:
        cells = student.run_notebook(tmp_path / "nb.ipynb", timeout_per_cell=60)
        assert [cell.status for cell in cells] == ["ok"], cells
        assert student.probe_namespace(count_parameters, "count") == 6 * 4 + 4 + 4 * 3 + 3


def test_probe_namespace_needs_a_notebook(tmp_path):
    with StudentProcess(tmp_path, TEST_LIMITS) as student, pytest.raises(RuntimeError):
        student.probe_namespace("def f(namespace):\n    return 1\n", "f")


@pytest.mark.parametrize("source, code, note", [
    ("x = 1", "x = 1", ""),
    ("%matplotlib inline\nx = 1", "pass\nx = 1", "skipped IPython-only lines: %matplotlib inline"),
    ("for i in range(2):\n    !echo hi\n    x = i", "for i in range(2):\n    pass\n    x = i",
     "skipped IPython-only lines: !echo hi"),
    ("%time y = f()", "y = f()", "skipped IPython-only lines: %time"),
    ("\n%%time\nz = 2", "z = 2", "skipped IPython-only lines: %%time"),
    ("%%bash\nrm -rf /", "", "skipped the whole cell: %%bash is IPython-only"),
])
def test_prepare_cell(source, code, note):
    assert prepare_cell(source) == (code, note)


def test_cells_after_the_needed_names_are_defined_do_not_run(tmp_path):
    """until_defined: once every asked-for name exists, later cells (long training) are "not_needed"."""
    write_notebook(tmp_path / "nb.ipynb", "a = 1", "def better_init(m):\n    return m", "import time\ntime.sleep(60)",
                   "a = 2")
    read_a = "def value(namespace):\n    return namespace['a']\n"
    with StudentProcess(tmp_path, TEST_LIMITS) as student:
        cells = student.run_notebook("nb.ipynb", until_defined=("better_init",))
        assert [cell.status for cell in cells] == ["ok", "ok", "not_needed", "not_needed"]
        assert student.probe_namespace(read_a, "value") == 1
        cells = student.run_notebook("nb.ipynb", until_defined=("never_defined",))
        assert [cell.status for cell in cells][2] == "timeout"  # without the name, every cell runs
