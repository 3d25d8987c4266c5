"""Notebook code cells as plain Python: IPython-only syntax is skipped with a note (trusted side)."""
from __future__ import annotations

from dataclasses import dataclass

CELL_STATUSES = ("ok", "error", "timeout", "exit", "crash", "not_run", "not_needed")
TIMING_MAGICS = ("%time", "%timeit")
BODY_CELL_MAGICS = ("%%time", "%%timeit", "%%capture")


@dataclass(frozen=True)
class CellResult:
    """One code cell's run. ``index`` is the cell's position in the notebook (0-based, markdown
    cells counted); ``status`` is one of ``CELL_STATUSES``: "exit" is sys.exit (the namespace
    survives) or the process ending (it does not), "not_run" follows a cell that ended the process, "not_needed" follows the cell that defined every name
    the caller asked for (``run_notebook(until_defined=...)``).
    ``message`` explains any status but "ok" (with the student-side traceback); ``note`` says what
    was skipped."""

    index: int
    status: str
    error_name: str | None = None
    message: str = ""
    output: str = ""
    note: str = ""


def prepare_cell(source: str) -> tuple[str, str]:
    """The Python code to run for a cell's ``source`` and a note naming what was skipped.

    ``%%time``/``%%timeit``/``%%capture`` cells run their body once; any other cell magic
    (``%%bash``, ...) skips the whole cell. A ``%time``/``%timeit`` line runs its statement once;
    other lines starting with ``%`` or ``!`` become ``pass`` (indentation kept, so blocks still parse).
    """
    lines = source.splitlines()
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    skipped = []
    if first is not None and lines[first].lstrip().startswith("%%"):
        magic = lines[first].split()[0]
        if magic not in BODY_CELL_MAGICS:
            return "", f"skipped the whole cell: {magic} is IPython-only"
        skipped.append(lines[first].strip())
        lines = lines[first + 1:]
    code = []
    for line in lines:
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        magic, _, statement = stripped.partition(" ")
        if magic in TIMING_MAGICS and statement.strip():
            skipped.append(magic)
            code.append(indent + statement)
        elif stripped.startswith(("%", "!")):
            skipped.append(stripped)
            code.append(indent + "pass")
        else:
            code.append(line)
    note = f"skipped IPython-only lines: {'; '.join(skipped)}" if skipped else ""
    return "\n".join(code), note
