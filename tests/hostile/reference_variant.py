"""Variants of HW2's reference submission for the hostile corpus: "the reference, with these files
replaced" (``reference_with``), and the same as a zip with extra members (``reference_zip``). The
base is stated once, each variant in its ``build.py``; the code in it earns its points."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "assignments" / "hw2" / "submissions" / "reference"


def reference_with(directory: Path, name: str, files: dict[str, str | bytes]) -> Path:
    """A copy of the reference under ``directory/name`` with ``files`` (path -> content) written over it."""
    target = Path(directory) / name
    shutil.copytree(REFERENCE, target, ignore=shutil.ignore_patterns("expected.toml"))
    for relative, content in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return target


def reference_zip(directory: Path, extra: dict[str, str]) -> Path:
    """The reference as ``directory/submission.zip``, with ``extra`` members (name -> text) added."""
    path = Path(directory) / "submission.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for item in sorted(REFERENCE.rglob("*")):
            if item.is_file() and item.name != "expected.toml":
                bundle.write(item, item.relative_to(REFERENCE).as_posix())
        for member, text in extra.items():
            bundle.writestr(member, text)
    return path
