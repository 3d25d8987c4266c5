"""Build an assignment's two artifacts:

- ``dist/<name>-gradescope.zip``: ``setup.sh`` and ``run_autograder`` at the root, the engine, the oracle
  and the assignment's suites, with the question index (``autograder.assignment_index``) written fresh;
  upload it to Gradescope as is.
- ``dist/<name>-student-kit.zip``: the starter files, the engine and the public checks only: no
  ``reference/``, no hidden suites, no submissions, no expected values (answer formats only).
"""
from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder.assignment import Assignment
from autograder.assignment_index import INDEX_NAME, index_data
from autograder.tools.mutations import STARTER, materialise
from autograder.tools.public import public_format
from autograder.grading.tomlread import load_toml

ROOT = Path(__file__).resolve().parents[2]
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
KIT_REQUIREMENTS = ("numpy", "sympy", "pytest", "gradescope-utils", "nbformat", "tomli")


@dataclass(frozen=True)
class Artifact:
    path: Path
    entries: tuple[tuple[str, int], ...]

    def listing(self) -> str:
        size = self.path.stat().st_size
        lines = [f"{self.path} ({size / 1024:.0f} KiB, {len(self.entries)} files)"]
        folders: dict[str, int] = {}
        for name, _ in self.entries:
            top = name.split("/")[0] if "/" in name else name
            folders[top] = folders.get(top, 0) + 1
        lines += [f"  {name}{'/' if count > 1 or name not in dict(self.entries) else ''}  ({count} files)"
                  for name, count in sorted(folders.items())]
        return "\n".join(lines)


def requirements(only: tuple[str, ...] | None = None) -> str:
    """Runtime pins, from pyproject.toml (the one place versions are declared)."""
    dependencies = load_toml(ROOT / "pyproject.toml")["project"]["dependencies"]
    if only is not None:
        dependencies = [d for d in dependencies if d.split("==")[0].split(";")[0].strip() in only]
    return "\n".join(dependencies) + "\n"


def _files(folder: Path, exclude: tuple[str, ...] = ()) -> list[Path]:
    chosen = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not SKIP_PARTS & set(path.parts) and not relative.startswith(exclude) and path.suffix != ".pyc":
            chosen.append(path)
    return chosen


class _Zip:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self.path = path
        self.entries: list[tuple[str, int]] = []

    def add_file(self, source: Path, name: str) -> None:
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.external_attr = (0o755 if source.stat().st_mode & 0o100 else 0o644) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        data = source.read_bytes()
        self.zip.writestr(info, data)
        self.entries.append((name, len(data)))

    def add_text(self, name: str, text: str) -> None:
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, text, zipfile.ZIP_DEFLATED)
        self.entries.append((name, len(text.encode())))

    def add_tree(self, folder: Path, prefix: str, exclude: tuple[str, ...] = ()) -> None:
        for path in _files(folder, exclude):
            self.add_file(path, f"{prefix}{path.relative_to(folder).as_posix()}")

    def close(self) -> Artifact:
        self.zip.close()
        return Artifact(self.path, tuple(self.entries))


def build_gradescope_zip(assignment: Assignment, out: Path) -> Artifact:
    archive = _Zip(out / f"{assignment.name}-gradescope.zip")
    archive.add_file(ROOT / "setup.sh", "setup.sh")
    archive.add_file(ROOT / "run_autograder", "run_autograder")
    archive.add_text("requirements.txt", requirements())
    archive.add_text("ASSIGNMENT", assignment.name + "\n")
    archive.add_tree(ROOT / "autograder", "autograder/")
    archive.add_tree(ROOT / "reference", "reference/")
    archive.add_file(ROOT / "assignments" / "__init__.py", "assignments/__init__.py")
    archive.add_tree(ROOT / "assignments" / "bank", "assignments/bank/")
    archive.add_tree(assignment.folder, f"assignments/{assignment.name}/", exclude=("submissions", "starter", INDEX_NAME))
    # Written fresh (a local copy may be stale): code-only uploads are graded from it, without the oracle.
    archive.add_text(f"assignments/{assignment.name}/{INDEX_NAME}", json.dumps(index_data(assignment), indent=1))
    return archive.close()


def build_student_kit(assignment: Assignment, out: Path) -> Artifact:
    archive = _Zip(out / f"{assignment.name}-student-kit.zip")
    with tempfile.TemporaryDirectory(prefix="kit-") as scratch:
        archive.add_tree(materialise(assignment, STARTER, Path(scratch) / STARTER), "")
    archive.add_text("requirements.txt", requirements(KIT_REQUIREMENTS))
    archive.add_tree(ROOT / "autograder", "autograder/")
    archive.add_file(ROOT / "assignments" / "__init__.py", "assignments/__init__.py")
    archive.add_text(f"assignments/{assignment.name}/__init__.py", "")
    archive.add_text(f"assignments/{assignment.name}/answer_format.json",
                     json.dumps(public_format(assignment), indent=2, ensure_ascii=False))
    archive.add_tree(assignment.suites / "public", f"assignments/{assignment.name}/suites/public/")
    return archive.close()


def build_all(assignment: Assignment, out: Path) -> list[Artifact]:
    return [build_gradescope_zip(assignment, out), build_student_kit(assignment, out)]
