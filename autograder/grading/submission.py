"""Submissions as students upload them (issue 4, item 6). TRUSTED side: reads files, never runs them.

A submission is a folder or a ``.zip`` (a folder holding a single ``.zip`` counts as that zip).
It is copied or extracted into a scratch folder holding only regular files: symlinks, special
files, paths that leave the folder (``../``, absolute) and entries that look like a zip bomb are
skipped, each with a warning; junk (``__MACOSX/``, ``.ipynb_checkpoints/``, ``__pycache__/``,
``.DS_Store``) is dropped silently. Files nested one folder deep are found: one enclosing folder
is unwrapped.

Every reader states its limits below and reports a hit as a message for the file it concerns. The
standard library's parsers recurse or allocate without bound (tomllib, json, pathlib's ``mkdir``), so
shapes are checked before anything reaches them: see also ``autograder.grading.tomlread`` for answers.toml.
"""
from __future__ import annotations

import json
import math
import re
import shutil
import stat
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO, Collection

import numpy as np

from autograder.grading.tomlread import TOMLDecodeError, TOMLShapeError, loads_student_toml

if TYPE_CHECKING:
    import nbformat

MIB = 1024 * 1024
IGNORED_DIRECTORIES = frozenset({"__MACOSX", ".ipynb_checkpoints", "__pycache__", ".git"})
IGNORED_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
LISTED_NAMES = 12
CHUNK_BYTES = 1 << 20

MAX_FOLDER_DEPTH = 32     # folders above one file (HW2's deepest file sits 2 deep, 3 in an enclosing folder)
MAX_PATH_CHARS = 400      # characters of one path inside the upload
MAX_NAME_BYTES = 255      # one file or folder name, in UTF-8 (Linux's own limit)
MAX_WARNINGS = 20         # skipped-file warnings listed one by one; the rest are counted
SHOWN_NAME_CHARS = 80     # of a hostile name, shown in a warning
MAX_JSON_DEPTH = 64       # arrays and objects inside each other (a notebook nests about 6)
MAX_JSON_VALUES = 2_000_000  # values in one JSON file (notebook or log)
MAX_NOTEBOOK_CELLS = 10_000
MAX_NPZ_ARRAYS = 64       # arrays in one .npz log (HW2's hold 3 to 12)
_UNSTORABLE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # control characters, non-UTF-8 bytes
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


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
        file of that name is elsewhere. The listing is of the deepest folder of ``relative`` that was
        submitted (``submission_logs/``'s files for a missing ``submission_logs/sgd.json``)."""
        folder = ""
        for depth in range(relative.count("/"), 0, -1):
            candidate = "/".join(relative.split("/")[:depth]) + "/"
            if any(name.startswith(candidate) for name in self.files):
                folder = candidate
                break
        inside = {name[len(folder):] for name in self.files if name.startswith(folder)}
        entries = sorted({folder + name.split("/")[0] + ("/" if "/" in name else "") for name in inside})
        listing = ", ".join(entries[:LISTED_NAMES]) + (", ..." if len(entries) > LISTED_NAMES else "")
        where = f"found in {folder}" if folder else "found"
        message = f"missing {relative} ({where}: {listing or 'nothing'})"
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
            tree = loads_student_toml(text, relative)
        except TOMLShapeError as error:
            return AnswersFile(error=str(error))
        except TOMLDecodeError as error:
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
    adopted = _adopt_lone_notebook(root, files, tuple(expected), notes)
    files = tuple(sorted((*files, adopted))) if adopted else files
    if len(notes) > MAX_WARNINGS:
        notes[MAX_WARNINGS:] = [f"... and {len(notes) - MAX_WARNINGS} more warnings like these"]
    return Submission(root, files, tuple(notes), limits)


def read_notebook_file(path: Path, name: str, max_bytes: int = SubmissionLimits.max_notebook_bytes) -> nbformat.NotebookNode:
    """The notebook at ``path`` (called ``name`` in messages), upgraded to nbformat 4 and validated;
    SubmissionError with a clear reason otherwise. Lone surrogates (``"\\ud800"`` in the JSON, which no
    file or terminal can encode) become U+FFFD, so a notebook that holds them in an output still runs."""
    prefix = f"{name} is not a valid notebook"
    data = read_json_file(path, name, max_bytes, prefix)
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise SubmissionError(f"{prefix}: it has no list of cells")
    if len(data["cells"]) > MAX_NOTEBOOK_CELLS:
        raise SubmissionError(f"{prefix}: it has {len(data['cells']):,} cells; at most {MAX_NOTEBOOK_CELLS:,} "
                              "are allowed")
    import nbformat  # here, not at the top: about 70 ms (with jsonschema) that only notebooks need

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = _without_surrogates(data)
            major, minor = nbformat.reader.get_version(data)  # what nbformat.reads does after json.loads
            if major not in nbformat.versions:
                raise nbformat.NBFormatError(f"unsupported nbformat version {major}")
            notebook = nbformat.convert(nbformat.versions[major].to_notebook_json(data, minor=minor), 4)
            nbformat.validate(notebook)
    except Exception as error:  # nbformat raises assorted types on malformed input
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
        raise SubmissionError(f"{prefix}: {reason}") from None
    return notebook


def read_json_file(path: Path, name: str, max_bytes: int, prefix: str | None = None) -> object:
    """The JSON file at ``path`` as data, checked for size (``max_bytes``), depth (MAX_JSON_DEPTH) and
    count (MAX_JSON_VALUES) before ``json`` sees it; SubmissionError ``"{prefix}: why"`` otherwise."""
    prefix = prefix or f"{name} is not valid JSON"
    size = path.stat().st_size
    if size > max_bytes:
        raise SubmissionError(f"{name} is {size} bytes, more than the {max_bytes} allowed")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SubmissionError(f"{prefix}: it is not UTF-8 text") from None
    structure = _JSON_STRING.sub('""', text)
    depth = _json_depth(_NOT_BRACKET.sub("", structure))
    if depth > MAX_JSON_DEPTH:
        raise SubmissionError(f"{prefix}: it nests arrays or objects more than {MAX_JSON_DEPTH} levels deep")
    values = structure.count(",") + 1
    if values > MAX_JSON_VALUES:
        raise SubmissionError(f"{prefix}: it holds about {values:,} values; at most {MAX_JSON_VALUES:,} are allowed")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SubmissionError(f"{prefix}: it is not JSON ({error.msg}: line {error.lineno}, "
                              f"column {error.colno})") from None
    except RecursionError:  # the depth scan and json disagree only on invalid JSON; this is the backstop
        raise SubmissionError(f"{prefix}: its JSON is nested too deeply") from None


def read_npz_file(path: Path, name: str, max_bytes: int) -> dict[str, np.ndarray]:
    """The arrays of the ``.npz`` file at ``path`` (``np.savez`` keys), read as data: no pickles, at most
    MAX_NPZ_ARRAYS arrays and ``max_bytes`` on disk and expanded, every array's header checked against the
    bytes its entry really holds before anything is allocated. SubmissionError with the reason otherwise."""
    size = path.stat().st_size
    if size > max_bytes:
        raise SubmissionError(f"{name} is {size} bytes, more than the {max_bytes} allowed")
    try:
        with zipfile.ZipFile(path) as bundle:
            entries = bundle.infolist()
            if len(entries) > MAX_NPZ_ARRAYS:
                raise SubmissionError(f"{name} holds {len(entries):,} arrays; at most {MAX_NPZ_ARRAYS} are allowed")
            expanded = sum(entry.file_size for entry in entries)
            if expanded > max_bytes:
                raise SubmissionError(f"{name} expands to {expanded:,} bytes, more than the {max_bytes:,} allowed")
            return {entry.filename.removesuffix(".npy"): _npy_entry(bundle, entry, name) for entry in entries}
    except SubmissionError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, TypeError, SyntaxError, RecursionError,
            MemoryError, NotImplementedError, RuntimeError) as error:  # numpy and zipfile on malformed input
        raise SubmissionError(f"{name} could not be read as an .npz file ({type(error).__name__})") from None


def _npy_entry(bundle: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str) -> np.ndarray:
    with bundle.open(entry) as stream:
        version = np.lib.format.read_magic(stream)
        if version not in ((1, 0), (2, 0)):
            raise SubmissionError(f"{name}: {entry.filename} uses .npy version {version}; 1.0 or 2.0 is needed")
        header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, _, dtype = header(stream)
    if dtype.hasobject:
        raise SubmissionError(f"{name}: {entry.filename} holds Python objects; only numbers are accepted")
    claimed = math.prod(shape) * dtype.itemsize
    if claimed > entry.file_size:
        raise SubmissionError(f"{name}: {entry.filename} claims {claimed:,} bytes of data but holds only "
                              f"{entry.file_size:,} bytes")
    with bundle.open(entry) as stream:
        return np.lib.format.read_array(stream, allow_pickle=False)


def _json_depth(brackets: str) -> int:
    """The deepest nesting of a string of brackets, stopping as soon as it passes MAX_JSON_DEPTH."""
    depth = deepest = 0
    for bracket in brackets:
        depth += 1 if bracket in "[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_JSON_DEPTH:
                break
    return deepest


def _without_surrogates(value: object) -> object:
    """``value`` (JSON data, depth already bounded) with every lone surrogate replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    return value


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
        notes.append(f"skipped {_shown(entry.filename)}: its path leaves the submission folder")
        return
    if not parts or _ignored(parts):
        return
    mode = entry.external_attr >> 16
    skip_reason = _path_problem(parts, is_folder=entry.is_dir()) or _entry_skip_reason(entry, mode, budget.limits)
    if skip_reason:
        notes.append(f"skipped {_shown(entry.filename)}: {skip_reason}")
        return
    destination = target.joinpath(*parts)
    try:
        if entry.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            return
        destination.parent.mkdir(parents=True, exist_ok=True)
        sink = open(destination, "xb")
    except (FileExistsError, NotADirectoryError, IsADirectoryError):
        notes.append(f"skipped {_shown(entry.filename)}: another entry of the zip already uses that path")
        return
    except OSError as error:
        notes.append(f"skipped {_shown(entry.filename)}: it cannot be extracted ({error.strerror})")
        return
    try:
        with sink, bundle.open(entry) as source:
            budget.add_file()
            _copy_stream(source, sink, budget)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as error:
        destination.unlink()
        notes.append(f"skipped {_shown(entry.filename)}: it cannot be extracted ({error})")


def _path_problem(parts: list[str], is_folder: bool = False) -> str:
    """Why a path of the upload is not stored, or ``""``: too deep, too long, or a name that no file system
    or terminal takes as it is (control characters, bytes that are not UTF-8)."""
    folders = len(parts) - (0 if is_folder else 1)
    if folders > MAX_FOLDER_DEPTH:
        return f"it sits {folders:,} folders deep; at most {MAX_FOLDER_DEPTH} are allowed"
    length = sum(len(part) for part in parts) + len(parts) - 1
    if length > MAX_PATH_CHARS:
        return f"its path is {length:,} characters long; at most {MAX_PATH_CHARS} are allowed"
    if any(_UNSTORABLE_NAME.search(part) for part in parts):
        return "its name holds control characters or bytes that are not UTF-8"
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in parts):
        return f"a name in its path is longer than {MAX_NAME_BYTES} bytes"
    return ""


def _shown(name: str) -> str:
    """A student-given name as a warning quotes it: escaped (repr) and cut to SHOWN_NAME_CHARS."""
    cut = name if len(name) <= SHOWN_NAME_CHARS else name[:SHOWN_NAME_CHARS] + "..."
    return repr(cut)


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
    """Copy regular files; recursion is bounded by MAX_FOLDER_DEPTH, since deeper folders are skipped."""
    target.mkdir(exist_ok=True)
    for entry in sorted(source.iterdir()):
        relative = f"{prefix}{entry.name}"
        if _ignored([entry.name]):
            continue
        problem = _path_problem(relative.split("/"), is_folder=entry.is_dir() and not entry.is_symlink())
        if problem:
            notes.append(f"skipped {_shown(relative)}: {problem}")
        elif entry.is_symlink():
            notes.append(f"skipped {_shown(relative)}: symbolic links are not accepted")
        elif entry.is_dir():
            _copy_folder(entry, target / entry.name, budget, notes, f"{relative}/")
        elif entry.is_file():
            _copy_file(entry, target / entry.name, budget)
        else:
            notes.append(f"skipped {_shown(relative)}: only regular files are accepted")


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


def _adopt_lone_notebook(root: Path, files: tuple[str, ...], expected: tuple[str, ...], notes: list[str]) -> str | None:
    """A notebook saved under another name (``hw2_optimizer_init_sol.ipynb``, ``Copy of HW2_Optimizer_Init.ipynb``)
    is graded as the one the assignment expects, when the assignment expects one notebook, it is the only
    notebook submitted and its name holds the expected one's (letters and digits, any case): another notebook
    (``hw2_momentum.ipynb``) is never graded in its place. The feedback says so. Returns the expected name when
    it was adopted (a copy in the scratch folder)."""
    wanted = [relative for relative in expected if relative.endswith(".ipynb")]
    notebooks = [name for name in files if name.lower().endswith(".ipynb")]
    if len(wanted) != 1 or len(notebooks) != 1 or wanted[0] in files or not (parts := _safe_parts(wanted[0])):
        return None
    if _name_key(PurePosixPath(wanted[0]).stem) not in _name_key(PurePosixPath(notebooks[0]).stem):
        return None
    destination = root.joinpath(*parts)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root.joinpath(notebooks[0]), destination)
    except OSError:  # e.g. a file where the expected folder belongs: graded as missing, as before
        return None
    notes.append(f"graded your notebook {notebooks[0]} as {wanted[0]}, the notebook this assignment expects "
                 "(it is the only notebook you submitted)")
    return wanted[0]


def _name_key(name: str) -> str:
    """A file name as compared for adoption: its letters and digits, lower case."""
    return "".join(character for character in name.lower() if character.isalnum())


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
