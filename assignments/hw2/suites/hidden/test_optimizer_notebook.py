"""HW2 Q5: the optimizer notebook must be submitted executed, without error outputs (read, never run).
The optional notebooks get feedback in ``suites/optional``."""
from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import fail, require_file

OPTIMIZER_NOTEBOOK = "hw2_optimizer_init.ipynb"


@weight(0.5)
@number("5.7.1")
def test_optimizer_notebook_executed(submission):
    """hw2_optimizer_init.ipynb: executed, with no error outputs"""
    require_file(submission, OPTIMIZER_NOTEBOOK)
    notebook = submission.read_notebook(OPTIMIZER_NOTEBOOK)
    code = [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.strip()]
    if not code or not any(cell.get("execution_count") for cell in code):
        fail("notebook.not_executed", f"{OPTIMIZER_NOTEBOOK} has not been run: submit it with its outputs.")
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                fail("notebook.error_output", f"{OPTIMIZER_NOTEBOOK}: cell {index} shows an error "
                     f"({output.get('ename', 'error')}): run it again without errors.")
