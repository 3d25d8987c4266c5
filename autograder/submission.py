"""Submissions as students upload them (issue 4, item 6). TRUSTED side: reads files, never runs them.

A submission is a folder or a ``.zip`` (a folder holding a single ``.zip`` counts as that zip).
It is copied or extracted into a scratch folder holding only regular files: symlinks, special
files, paths that leave the folder (``../``, absolute) and entries that look like a zip bomb are
skipped, each with a warning; junk (``__MACOSX/``, ``.ipynb_checkpoints/``, ``__pycache__/``,
``.DS_Store``) is dropped silently. Files nested one folder deep are found: one enclosing folder
is unwrapped.
"""
from __future__ import annotations

import json
import re
import stat
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Collection

import nbformat

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

MIB = 1024 * 1024
IGNORED_DIRECTORIES = frozenset({"__MACOSX", ".ipynb_checkpoints", "__pycache__", ".git"})
IGNORED_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
LISTED_NAMES = 12
CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class SubmissionLimits:
    """Caps on what one upload may expand to. An entry larger than ``ratio_floor_bytes`` that
    expands more than ``max_ratio``-fold is treated as a zip bomb and skipped."""

    max_files: int = 5000
    max_total_bytes: int = 256 * MIB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * MIB
    max_notebook_bytes: int = 64 * MIB
    max_answers_bytes: int = 1 * MIB


class SubmissionError(Exception):
    """The submission (or one file of it) cannot be read; the message says why, for the student."""


@dataclass(frozen=True)
class AnswersFile:
    """``answers.toml`` as data: tables flattened to dotted keys (``[q1] a = "..."`` -> ``"q1.a"``).
    ``error`` says why the file could not be read (then ``values`` is empty); ``unknown_keys``
    lists keys that are not among the known ones. Values are never evaluated."""

    values: dict[str, object] = field(default_factory=dict)
    error: str | None = None
    unknown_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Submission:
    root: Path
    files: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    limits: SubmissionLimits = SubmissionLimits()

    def find(self, relative: str) -> Path | None:
        parts = _safe_parts(relative)
        if not parts:
            return None
        path = self.root.joinpath(*parts)
        return path if path.is_file() else None

    def missing_message(self, relative: str) -> str:
        """``"missing deeplearning/optim.py (found: answers.toml, optim.py)"``, with a hint when a
        file of that name is elsewhere."""
        top = sorted({name.split("/")[0] + ("/" if "/" in name else "") for name in self.files})
        listing = ", ".join(top[:LISTED_NAMES]) + (", ..." if len(top) > LISTED_NAMES else "")
        message = f"missing {relative} (found: {listing or 'nothing'})"
        name = PurePosixPath(relative).name
        elsewhere = [path for path in self.files if PurePosixPath(path).name.lower() == name.lower()]
        if elsewhere:
            message += f"; your {elsewhere[0]} must be at {relative}"
            if PurePosixPath(elsewhere[0]).name != name:
                message += " (names are case-sensitive)"
        return message

    def read_answers(self, relative: str = "answers.toml", known_keys: Collection[str] | None = None) -> AnswersFile:
        path = self.find(relative)
        if path is None:
            return AnswersFile(error=self.missing_message(relative))
        size = path.stat().st_size
        if size > self.limits.max_answers_bytes:
            return AnswersFile(error=f"{relative} is {size} bytes, more than the {self.limits.max_answers_bytes} allowed")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            return AnswersFile(error=f"{relative} is not UTF-8 text (byte 0x{error.object[error.start]:02x} "
                                     f"at position {error.start}): save it as UTF-8")
        try:
            tree = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            return AnswersFile(error=f"{relative} is not valid TOML: {error}")
        values: dict[str, object] = {}
        duplicates = _flatten(tree, "", values)
        if duplicates:
            return AnswersFile(error=f"{relative} gives {', '.join(duplicates)} more than once")
        unknown = () if known_keys is None else tuple(sorted(set(values) - set(known_keys)))
        return AnswersFile(values, None, unknown)

    def read_notebook(self, relative: str) -> nbformat.NotebookNode:
        path = self.find(relative)
        if path is None:
            raise SubmissionError(self.missing_message(relative))
        return read_notebook_file(path, relative, self.limits.max_notebook_bytes)


def load_submission(path: Path, scratch: Path, *, expected: Collection[str] = (),
                    limits: SubmissionLimits = SubmissionLimits()) -> Submission:
    """Copy or extract the upload at ``path`` into ``scratch/submission`` and find its root.

    The root is the top folder, or its only subfolder when the top holds nothing else. When
    ``expected`` files are named, the root is instead the top folder or one of its subfolders,
    whichever holds the most of them (the top on a tie), so that a zip of just ``deeplearning/``
    is not unwrapped. Raises SubmissionError when the upload cannot be read at all or is too large.
    """
    path = Path(path)
    target = Path(scratch) / "submission"
    target.mkdir(parents=True)
    notes: list[str] = []
    budget = _Budget(limits)
    archive = _single_zip(path)
    if archive is not None:
        _extract_zip(archive, target, budget, notes)
    elif path.is_dir():
        _copy_folder(path, target, budget, notes)
    elif path.is_file():
        _copy_file(path, target / path.name, budget)
    else:
        raise SubmissionError(f"nothing was submitted: {path.name} does not exist")
    root = _choose_root(target, tuple(expected), notes)
    files = tuple(sorted(item.relative_to(root).as_posix() for item in root.rglob("*") if item.is_file()))
    return Submission(root, files, tuple(notes), limits)


def read_notebook_file(path: Path, name: str, max_bytes: int = SubmissionLimits.max_notebook_bytes) -> nbformat.NotebookNode:
    """The notebook at ``path`` (called ``name`` in messages), upgraded to nbformat 4 and validated;
    SubmissionError with a clear reason otherwise."""
    prefix = f"{name} is not a valid notebook"
    size = path.stat().st_size
    if size > max_bytes:
        raise SubmissionError(f"{name} is {size} bytes, more than the {max_bytes} allowed for a notebook")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SubmissionError(f"{prefix}: it is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SubmissionError(f"{prefix}: it is not JSON ({error.msg}: line {error.lineno}, "
                              f"column {error.colno})") from None
    except RecursionError:
        raise SubmissionError(f"{prefix}: its JSON is nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise SubmissionError(f"{prefix}: it has no list of cells")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(text, as_version=4)
            nbformat.validate(notebook)
    except Exception as error:  # nbformat raises assorted types on malformed input
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
        raise SubmissionError(f"{prefix}: {reason}") from None
    return notebook


class _Budget:
    """Counts files and bytes written, whatever the archive's headers claim."""

    def __init__(self, limits: SubmissionLimits) -> None:
        self.limits = limits
        self.files = 0
        self.bytes = 0

    def add_file(self) -> None:
        self.files += 1
        if self.files > self.limits.max_files:
            raise SubmissionError(f"the submission holds more than {self.limits.max_files} files")

    def add_bytes(self, count: int) -> None:
        self.bytes += count
        if self.bytes > self.limits.max_total_bytes:
            raise SubmissionError(f"the submission expands to more than {self.limits.max_total_bytes // MIB} MiB")


def _flatten(tree: dict, prefix: str, values: dict[str, object]) -> list[str]:
    """Copy ``tree``'s leaves into ``values`` under dotted keys; return the keys given twice."""
    duplicates = []
    for key, value in tree.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            duplicates += _flatten(value, f"{dotted}.", values)
        elif dotted in values:
            duplicates.append(dotted)
        else:
            values[dotted] = value
    return duplicates


def _safe_parts(name: str) -> list[str] | None:
    """The path components of an archive or user-given name; ``None`` when it would leave the
    folder (absolute, drive letter, ``..``, NUL)."""
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return None
    parts = [part for part in name.split("/") if part not in ("", ".")]
    return None if ".." in parts else parts


def _ignored(parts: list[str]) -> bool:
    name = parts[-1]
    return (any(part in IGNORED_DIRECTORIES for part in parts) or name in IGNORED_FILES
            or name.startswith("._") or name.endswith(".pyc"))


def _single_zip(path: Path) -> Path | None:
    if path.is_file():
        return path if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path) else None
    if not path.is_dir():
        return None
    visible = [entry for entry in path.iterdir() if not _ignored([entry.name])]
    if len(visible) == 1 and visible[0].suffix.lower() == ".zip" and visible[0].is_file() \
            and not visible[0].is_symlink():
        return visible[0]
    return None


def _extract_zip(archive: Path, target: Path, budget: _Budget, notes: list[str]) -> None:
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SubmissionError(f"{archive.name} is not a valid zip file ({error})") from None
    with bundle:
        entries = bundle.infolist()
        if len(entries) > 2 * budget.limits.max_files:
            raise SubmissionError(f"{archive.name} holds {len(entries)} entries, more than "
                                  f"{2 * budget.limits.max_files}")
        for entry in entries:
            _extract_entry(bundle, entry, target, budget, notes)


def _extract_entry(bundle: zipfile.ZipFile, entry: zipfile.ZipInfo, target: Path, budget: _Budget,
                   notes: list[str]) -> None:
    parts = _safe_parts(entry.filename)
    if parts is None:
        notes.append(f"skipped {entry.filename!r}: its path leaves the submission folder")
        return
    if not parts or _ignored(parts):
        return
    mode = entry.external_attr >> 16
    skip_reason = _entry_skip_reason(entry, mode, budget.limits)
    if skip_reason:
        notes.append(f"skipped {entry.filename!r}: {skip_reason}")
        return
    destination = target.joinpath(*parts)
    try:
        if entry.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            return
        destination.parent.mkdir(parents=True, exist_ok=True)
        sink = open(destination, "xb")
    except (FileExistsError, NotADirectoryError, IsADirectoryError):
        notes.append(f"skipped {entry.filename!r}: another entry of the zip already uses that path")
        return
    except OSError as error:
        notes.append(f"skipped {entry.filename!r}: it cannot be extracted ({error.strerror})")
        return
    try:
        with sink, bundle.open(entry) as source:
            budget.add_file()
            _copy_stream(source, sink, budget)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as error:
        destination.unlink()
        notes.append(f"skipped {entry.filename!r}: it cannot be extracted ({error})")


def _entry_skip_reason(entry: zipfile.ZipInfo, mode: int, limits: SubmissionLimits) -> str:
    if stat.S_ISLNK(mode):
        return "symbolic links are not accepted"
    if not entry.is_dir() and stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        return "only regular files are accepted"
    if entry.flag_bits & 0x1:
        return "encrypted entries are not accepted"
    if entry.file_size > limits.ratio_floor_bytes and entry.file_size > limits.max_ratio * max(entry.compress_size, 1):
        ratio = entry.file_size / max(entry.compress_size, 1)
        return f"it expands {ratio:.0f}-fold to {entry.file_size} bytes, which looks like a zip bomb"
    return ""


def _copy_folder(source: Path, target: Path, budget: _Budget, notes: list[str], prefix: str = "") -> None:
    target.mkdir(exist_ok=True)
    for entry in sorted(source.iterdir()):
        relative = f"{prefix}{entry.name}"
        if _ignored([entry.name]):
            continue
        if entry.is_symlink():
            notes.append(f"skipped {relative!r}: symbolic links are not accepted")
        elif entry.is_dir():
            _copy_folder(entry, target / entry.name, budget, notes, f"{relative}/")
        elif entry.is_file():
            _copy_file(entry, target / entry.name, budget)
        else:
            notes.append(f"skipped {relative!r}: only regular files are accepted")


def _copy_file(source: Path, destination: Path, budget: _Budget) -> None:
    budget.add_file()
    with open(source, "rb") as reader, open(destination, "xb") as sink:
        _copy_stream(reader, sink, budget)


def _copy_stream(source: BinaryIO, sink: BinaryIO, budget: _Budget) -> None:
    while True:
        chunk = source.read(CHUNK_BYTES)
        if not chunk:
            return
        budget.add_bytes(len(chunk))
        sink.write(chunk)


def _choose_root(top: Path, expected: tuple[str, ...], notes: list[str]) -> Path:
    folders = sorted(item for item in top.iterdir() if item.is_dir())
    loose = sorted(item for item in top.iterdir() if not item.is_dir())

    def found(root: Path) -> int:
        return sum(1 for relative in expected if (parts := _safe_parts(relative)) and root.joinpath(*parts).is_file())

    best = max([top, *folders], key=found) if expected else top
    if expected and found(best) > 0:
        root = best
    else:
        root = folders[0] if len(folders) == 1 and not loose else top
    others = [item.name for item in [*folders, *loose] if item != root]
    if root != top and others:
        notes.append(f"graded the folder {root.name}/ only; ignored at the top: {', '.join(others[:LISTED_NAMES])}")
    return root
