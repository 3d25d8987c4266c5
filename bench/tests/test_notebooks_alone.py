"""Benchmark 1's lower bound runs what the optional suite runs: the same notebooks, up to the same names."""
import ast
import json

import pytest

from autograder.assignment import ASSIGNMENTS_DIR
from bench.notebooks_alone import NOTEBOOK_NEEDS, run_until_defined


def notebook(path, *sources):
    cells = [{"cell_type": "code", "source": source, "metadata": {}, "outputs": [], "execution_count": None}
             for source in sources]
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": "# x", "metadata": {}}, *cells],
                                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_cells_run_up_to_the_one_that_defines_the_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = notebook(tmp_path / "n.ipynb", "%matplotlib inline\nopen('first', 'w').write(str(1))",
                    ["def f():\n", "    return 2\n", "print(f())"], "raise SystemExit('a later cell ran')")
    run_until_defined(path, ("f",))
    assert (tmp_path / "first").read_text() == "1"


def test_a_notebook_that_never_defines_the_names_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RuntimeError, match="never defines g"):
        run_until_defined(notebook(tmp_path / "n.ipynb", "f = 1"), ("g",))


def test_the_needs_are_the_optional_suites():
    """Each ``_run_cells(student, NOTEBOOK, (names,))`` call in HW2's optional suite, read from its source."""
    suite = ASSIGNMENTS_DIR / "hw2" / "suites" / "optional" / "test_optional_notebooks.py"
    tree = ast.parse(suite.read_text())
    constants = {node.targets[0].id: node.value.value for node in tree.body
                 if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)}
    calls = {constants[call.args[1].id]: ast.literal_eval(call.args[2]) for call in ast.walk(tree)
             if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "_run_cells"}
    assert calls == NOTEBOOK_NEEDS
