"""A Gradescope "Export Submissions" archive built from the bundled sample submissions, in the layout of a real
export (see ``autograder.tools.gradescope_export``): ``assignment_NNNNNNN_export/`` holding one
``submission_NNNNNNNNN/`` folder per submission and ``submission_metadata.yml``, YAML as Ruby writes it
(symbol keys ``:name:``, quoted SIDs, timestamps with nanoseconds and an offset, the autograder's results and
the submission history inside each record).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from autograder.tools.gradescope_export import Submitter as Person

EXPORT_NAME = "assignment_7654321_export"


@dataclass(frozen=True)
class Entry:
    """One submission of the export: ``write(folder)`` fills its folder; ``score`` is what Gradescope recorded
    (None: the key is absent, as before the autograder ran)."""

    submission_id: str
    write: Callable[[Path], object]
    submitters: tuple[Person, ...]
    created_at: str = "2026-02-10 22:13:45.123456000 -08:00"
    score: float | None = None

    @property
    def folder(self) -> str:
        return f"submission_{self.submission_id}"


def metadata_yaml(entries: list[Entry]) -> str:
    lines = ["---"]
    for entry in entries:
        lines.append(f"{entry.folder}:")
        lines.append("  :submitters:")
        for person in entry.submitters:
            lines += [f"  - :name: {person.name}", f"    :sid: '{person.sid}'", f"    :email: {person.email}"]
        lines.append(f"  :created_at: {entry.created_at}")
        if entry.score is not None:
            lines += [f"  :score: {entry.score}", "  :status: processed", "  :results:",
                      f"    score: {entry.score}", "    execution_time: 41.2", "    tests:",
                      "    - name: 'q1.a: stability condition on eta'", "      score: 1.0", "      max_score: 1.0"]
        else:
            lines.append("  :status: unprocessed")
        lines += ["  :history:", "  - :id: 1", "    :created_at: 2026-02-09 10:00:00.000000000 -08:00",
                  f"    :score: {0.0 if entry.score is not None else 'null'}"]
    return "\n".join(lines) + "\n"


def write_export(parent: Path, entries: list[Entry], extra_folders: tuple[str, ...] = ()) -> Path:
    """The unpacked export under ``parent``; ``extra_folders``: submission folders the metadata does not name."""
    root = parent / EXPORT_NAME
    root.mkdir(parents=True)
    for entry in entries:
        entry.write(root / entry.folder)
    for name in extra_folders:
        (root / name).mkdir()
        (root / name / "script").write_text("score 1")
    (root / "submission_metadata.yml").write_text(metadata_yaml(entries), encoding="utf-8")
    return root


def zip_export(root: Path) -> Path:
    """``assignment_NNNNNNN_export.zip`` beside the folder, its one top folder the export's (as downloaded)."""
    return Path(shutil.make_archive(str(root), "zip", root.parent, root.name))
