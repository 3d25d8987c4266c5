"""read_notebook_file: a valid notebook comes back as nbformat 4; anything else is a clear SubmissionError."""
from __future__ import annotations

import json

import nbformat
import pytest

from autograder.grading.submission import SubmissionError, read_notebook_file


def test_a_valid_notebook_is_read(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# HW2"), nbformat.v4.new_code_cell("x = 1\ny = 2")]
    nbformat.write(notebook, tmp_path / "hw2.ipynb")
    read = read_notebook_file(tmp_path / "hw2.ipynb", "hw2.ipynb")
    assert [cell.cell_type for cell in read.cells] == ["markdown", "code"]
    assert read.cells[1].source == "x = 1\ny = 2"


def test_sources_stored_as_lists_of_lines_are_joined(tmp_path):
    raw = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                      "source": ["x = 1\n", "y = 2"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
    (tmp_path / "nb.ipynb").write_text(json.dumps(raw))
    assert read_notebook_file(tmp_path / "nb.ipynb", "nb.ipynb").cells[0].source == "x = 1\ny = 2"


@pytest.mark.parametrize("content, reason", [
    (b"\xff\xfe{}", "it is not UTF-8 text"),
    (b'{"cells": [}', "it is not JSON (Expecting value: line 1, column 12)"),
    (b"[1, 2]", "it has no list of cells"),
    (b'{"cells": [{"cell_type": "code"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}',
     "is not a valid notebook: "),
])
def test_invalid_notebooks_say_why(tmp_path, content, reason):
    (tmp_path / "nb.ipynb").write_bytes(content)
    with pytest.raises(SubmissionError) as raised:
        read_notebook_file(tmp_path / "nb.ipynb", "nb.ipynb")
    assert str(raised.value).startswith("nb.ipynb is not a valid notebook: ") and reason in str(raised.value)


def test_an_oversized_notebook_is_refused(tmp_path):
    (tmp_path / "nb.ipynb").write_text(" " * 2000)
    with pytest.raises(SubmissionError, match="more than the 1000 allowed"):
        read_notebook_file(tmp_path / "nb.ipynb", "nb.ipynb", max_bytes=1000)
