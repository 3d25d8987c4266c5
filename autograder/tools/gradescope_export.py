"""Gradescope's "Export Submissions" archive, read as it comes, and the per-student tables a regrade of it writes.

The format, from Gradescope's help center on exporting submissions (an assignment's Review Grades page, "Export
Submissions") and the structure of real exports, as the author knew them (not re-checked against a live export
when this was written: no network here; the fixture, tests/autograder/gradescope_export_fixture.py, is built to
the same description): a zip ``assignment_NNNNNNN_export.zip`` whose one top folder
``assignment_NNNNNNN_export/`` holds one folder per (active) submission, ``submission_NNNNNNNNN/``, with the
files the student uploaded, and ``submission_metadata.yml``: YAML written by Ruby, whose keys are Ruby symbols
(``:name:`` is the key ``:name``), mapping each submission folder's name to its record::

    submission_123456789:
      :submitters:              # one entry per member of a group submission
      - :name: Ada Lovelace
        :sid: '3031234567'
        :email: ada@berkeley.edu
      :created_at: 2026-02-10 22:13:45.123456000 -08:00
      :score: 54.5              # the score Gradescope holds (absent before grading)
      :status: processed
      :results: {...}           # the autograder's results.json, for programming assignments
      :history: [...]           # earlier submissions (no folder of their own)

Only ``:submitters:``, ``:created_at:`` and ``:score:`` are read. The metadata stays on the staff side: the
student process is given only the submission's own folder, and nothing read here reaches a grading or its
feedback. Ruby-tagged values (``!ruby/object:...``, which Ruby's YAML writer emits for its own classes) are read
as the plain YAML value under the tag, and a ``BigDecimal`` score (``18:0.545e2``: precision, then the value,
Ruby's own dump format) as its value: a safeguard, as the exports we know write plain numbers. The file is staff data, but large: it is read with the limits below, by PyYAML's safe loader (no object
is ever built from a tag).
"""
from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from autograder.grading.submission import MIB, SubmissionError, SubmissionLimits, load_submission

METADATA_FILE = "submission_metadata.yml"
SUBMISSION_FOLDER = re.compile(r"submission_(\d+)")
METADATA_BYTES = 256 * MIB  # a 1,000-student export with results and history is tens of MB
MAX_SUBMISSIONS = 20_000
MAX_SUBMITTERS = 50  # per submission: Gradescope's groups are a few students
MAX_FIELD_CHARS = 500  # of a name, SID, email or time
# The unpacked export: a course of about 1,000 students, each a few notebooks and logs.
EXPORT_LIMITS = SubmissionLimits(max_files=500_000, max_total_bytes=32 * 1024 * MIB)
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # a newline in a name would break a row of summary.md
FORMULA_STARTS = ("=", "+", "-", "@")
STUDENTS_COLUMNS = ("Name", "SID", "Email", "Total Score", "Max Points", "Status", "Submission ID", "Submission Time")


class ExportError(Exception):
    """The archive or its metadata cannot be read as a Gradescope export; the message says why."""


@dataclass(frozen=True)
class Submitter:
    name: str
    sid: str
    email: str


@dataclass(frozen=True)
class ExportedSubmission:
    """One submission folder of the export: ``name`` is the folder's (``submission_123456789``)."""

    name: str
    path: Path
    submitters: tuple[Submitter, ...] = ()
    created_at: str = ""
    score: float | None = None

    @property
    def submission_id(self) -> str:
        """Gradescope's id, the number of the folder's name (the grades CSV's "Submission ID")."""
        match = SUBMISSION_FOLDER.fullmatch(self.name)
        return match.group(1) if match else self.name


@dataclass(frozen=True)
class Export:
    root: Path
    submissions: tuple[ExportedSubmission, ...]
    notes: tuple[str, ...] = ()  # what did not match: folders without metadata, metadata without a folder


def export_root(path: Path) -> Path | None:
    """The folder holding ``submission_metadata.yml``: ``path`` itself or its one subfolder; None for a plain
    folder of submissions."""
    if not path.is_dir():
        return None
    if (path / METADATA_FILE).is_file():
        return path
    folders = [entry for entry in path.iterdir() if entry.is_dir() and not entry.name.startswith((".", "__MACOSX"))]
    if len(folders) == 1 and (folders[0] / METADATA_FILE).is_file():
        return folders[0]
    return None


def is_export(path: Path) -> bool:
    """A zip (only an export is accepted as a zip) or a folder holding ``submission_metadata.yml``."""
    return path.is_file() or export_root(path) is not None


def read_export(path: Path, scratch: Path) -> Export:
    """The export at ``path`` (the zip, extracted into ``scratch`` with ``EXPORT_LIMITS``, or the unpacked
    folder, used in place). Every submission folder is graded; a folder the metadata does not name is kept,
    without submitters, and noted, as is a metadata entry without a folder."""
    notes: list[str] = []
    if path.is_file():
        try:
            extracted = load_submission(path, scratch, limits=EXPORT_LIMITS)
        except SubmissionError as error:
            raise ExportError(f"{path.name}: {error}") from None
        notes += extracted.warnings
        root = export_root(extracted.root)  # the zip's one top folder (assignment_NNNNNNN_export/), or its top
    else:
        root = export_root(path)
    if root is None:
        raise ExportError(f"{path.name} is not a Gradescope export: no {METADATA_FILE} at its top or in its one folder")
    metadata = read_metadata(root / METADATA_FILE)
    folders = {entry.name: entry for entry in sorted(root.iterdir()) if entry.is_dir() and not entry.name.startswith(".")}
    submissions = []
    for name, folder in folders.items():
        if name not in metadata:
            notes.append(f"{name}/: not in {METADATA_FILE}; graded without submitters")
        submissions.append(_submission(name, folder, metadata.get(name)))
    notes += [f"{name}: in {METADATA_FILE} but the export has no such folder" for name in metadata if name not in folders]
    return Export(root, tuple(submissions), tuple(notes))


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where the wheel has it
    """The safe loader, reading a Ruby-tagged node as the plain value under its tag."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    value = loader.construct_scalar(node)
    if suffix.endswith("BigDecimal") and ":" in value:
        return value.split(":", 1)[1]  # Ruby's BigDecimal#_dump: "precision:value"
    return value


_Loader.add_multi_constructor("!", _untagged)


def read_metadata(path: Path) -> dict[str, dict]:
    """``submission_metadata.yml``: folder name -> its record, keys without their leading colon."""
    size = path.stat().st_size
    if size > METADATA_BYTES:
        raise ExportError(f"{METADATA_FILE} is {size // MIB} MiB, more than the {METADATA_BYTES // MIB} MiB read")
    try:
        data = yaml.load(path.read_bytes(), Loader=_Loader)  # a safe loader: tags never build objects
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        raise ExportError(f"{METADATA_FILE} is not readable YAML: {str(error)[:300]}") from None
    if not isinstance(data, dict):
        raise ExportError(f"{METADATA_FILE} is not a mapping of submission folders to their records")
    if len(data) > MAX_SUBMISSIONS:
        raise ExportError(f"{METADATA_FILE} names {len(data)} submissions, more than {MAX_SUBMISSIONS}")
    return {str(name): _symbol_keys(record) for name, record in data.items()}


def _symbol_keys(value: object) -> dict:
    """A record with its Ruby-symbol keys (``:name``) as plain names; not a mapping: empty."""
    return {str(key).lstrip(":"): item for key, item in value.items()} if isinstance(value, dict) else {}


def _submission(name: str, folder: Path, record: dict | None) -> ExportedSubmission:
    if record is None:
        return ExportedSubmission(name, folder)
    people = record.get("submitters")
    submitters = tuple(Submitter(*(_text(person.get(key)) for key in ("name", "sid", "email")))
                       for person in map(_symbol_keys, people[:MAX_SUBMITTERS] if isinstance(people, list) else ()))
    return ExportedSubmission(name, folder, submitters, _time(record.get("created_at")), _score(record.get("score")))


def _text(value: object) -> str:
    """A field as one line of text. A leading ``=``, ``+``, ``-`` or ``@`` gets a ``'`` before it, so that a name
    a student set in their profile cannot run as a formula where staff open the CSV in a spreadsheet."""
    text = CONTROL.sub(" ", "" if value is None else str(value)[:MAX_FIELD_CHARS]).strip()
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _time(value: object) -> str:
    """As Gradescope's grades CSV writes a submission time: ``2026-02-10 22:13:45 -0800``."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %z").strip()
    return _text(value)


def _score(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        score = float(value)
    except (TypeError, ValueError):
        return None
    return score if score == score and abs(score) != float("inf") else None


def write_students_csv(export: Export, totals: dict[str, float | None], max_points: float, path: Path) -> None:
    """One row per submitter (a group's submission gives each member its score), in the first columns of
    Gradescope's own "Download Grades" CSV (its single-Name layout), which staff turn into gradebook imports:
    Name, SID, Email, Total Score, Max Points, Status, Submission ID, Submission Time. ``totals``: each submission's regraded total, None where
    grading hit an internal error (then Status is "Ungraded" and the score is left empty, never 0). A folder
    without submitters gets one row without a name, so that nothing graded is left out."""
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(STUDENTS_COLUMNS)
        for submission in export.submissions:
            total = totals.get(submission.name)
            graded = ("Graded", f"{total:g}") if total is not None else ("Ungraded", "")
            for person in submission.submitters or (Submitter("", "", ""),):
                writer.writerow([person.name, person.sid, person.email, graded[1], f"{max_points:g}", graded[0],
                                 submission.submission_id, submission.created_at])


def submitter_columns(submission: ExportedSubmission) -> list[str]:
    """scores.csv's columns for an export: submitters, SIDs, emails (a group's joined by "; "), time."""
    return ["; ".join(getattr(person, field) for person in submission.submitters) for field in ("name", "sid", "email")] \
        + [submission.created_at]


def export_summary(export: Export, totals: dict[str, float | None]) -> list[str]:
    """summary.md's lines on the export: students counted, what did not match, students in more than one
    submission, and the table of submissions whose regraded total differs from the score the export recorded
    (largest change first)."""
    seen: dict[Submitter, list[str]] = {}
    for submission in export.submissions:
        for person in submission.submitters:
            seen.setdefault(person, []).append(submission.name)
    lines = ["", "## Gradescope export", "",
             f"{len(export.submissions)} submission(s) from {len(seen)} student(s) "
             f"({sum(len(s.submitters) > 1 for s in export.submissions)} group submission(s), each graded once)."]
    lines += [f"- {note}" for note in export.notes]
    lines += [f"- {person.name} ({person.sid or person.email}) is a submitter of {len(names)} submissions: "
              f"{', '.join(names)}; students.csv has a row for each" for person, names in seen.items() if len(names) > 1]
    changes = {s.name: totals[s.name] - s.score for s in export.submissions
               if s.score is not None and totals.get(s.name) is not None}
    changed = sorted((s for s in export.submissions if abs(changes.get(s.name, 0.0)) > 1e-9),
                     key=lambda s: (-abs(changes[s.name]), s.name))
    lines += ["", "### Score changes against the export", ""]
    if not changes:
        lines.append("The export records no score to compare with.")
        return lines
    lines.append(f"{len(changed)} of the {len(changes)} submission(s) with a recorded score changed.")
    if changed:
        lines += ["", "| submission | submitters | exported | regraded | change |", "|---|---|---|---|---|"]
        for s in changed:
            names = ", ".join(person.name or person.email for person in s.submitters).replace("|", "\\|")
            lines.append(f"| {s.name} | {names} | {s.score:g} | {totals[s.name]:g} | {changes[s.name]:+g} |")
    return lines
