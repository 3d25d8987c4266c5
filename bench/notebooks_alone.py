"""The student's own notebook work in a grading, without a grader: benchmark 1's lower bound.

HW2's optional suite runs ``hw2_momentum.ipynb`` until ``runGDM`` is defined and ``hw2_q6_features.ipynb``
until ``better_init`` is (its cell 10 defines it, then trains the model). This script does the same in a
plain interpreter: each notebook's code cells (IPython-only lines skipped as the student process does) in
a fresh namespace, with the notebook's folder as working directory and the cells' output discarded. Run
with ``student.child_environment`` (one thread per library, matplotlib's Agg backend and the font seed),
it is what the student process computes, less the sandbox and the grader: no grader that runs these
notebooks can finish faster. It runs the notebooks' code unconfined, as the invoking user: point it at the
bundled reference (benchmark 1 does), never at an upload.

    python -m bench.notebooks_alone SUBMISSION_DIR
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path

from autograder.sandbox.notebook_cells import prepare_cell

# what assignments/hw2/suites/optional/test_optional_notebooks.py asks run_notebook for (until_defined)
NOTEBOOK_NEEDS = {"hw2_momentum.ipynb": ("runGDM",), "hw2_q6_features.ipynb": ("better_init",)}


def run_until_defined(notebook: Path, needed: tuple[str, ...]) -> None:
    # Plain json and a plain ``in``, not grading.submission.read_notebook_file and student.DEFINED_PROBE:
    # the grader reads the notebook in its own process, and importing those (about 0.2 s with nbformat)
    # here would lift the bound above what the student's part costs.
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    namespace: dict = {"__name__": "__main__"}
    os.chdir(notebook.parent)
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        code, _ = prepare_cell(source)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(code, f"{notebook.name} cell {index}", "exec"), namespace)
        if all(name in namespace for name in needed):
            return
    raise RuntimeError(f"{notebook.name} never defines {', '.join(needed)}")


def main(submission: Path) -> None:
    for name, needed in NOTEBOOK_NEEDS.items():
        run_until_defined(submission.resolve() / name, needed)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
