"""Reads the hostile corpus: one folder per hostile submission, each with an ``expected.toml``.

``expected.toml`` keys: ``description`` and ``outcome`` (what the whole autograder must do with
it, for end-to-end runs), ``stage`` (``call``, ``probe``, ``notebook``, ``answers`` or ``zip``:
which layer meets it first) and an ``[expect]`` table that the layer's own tests assert.
A folder with a ``build.py`` builds its upload at test time (``build(directory) -> Path``), so
the repository never holds a zip bomb or a symlink; otherwise the upload is the folder's files.
"""
from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

HOSTILE_DIR = Path(__file__).resolve().parent
CORPUS_FILES = ("expected.toml", "build.py")
STAGES = ("call", "probe", "notebook", "answers", "zip")


@dataclass(frozen=True)
class HostileCase:
    name: str
    folder: Path
    description: str
    outcome: str
    stage: str
    expect: dict = field(default_factory=dict)

    def upload(self, workdir: Path) -> Path:
        """The submission as a student would upload it, built or copied under ``workdir``."""
        Path(workdir).mkdir(parents=True, exist_ok=True)
        builder = self.folder / "build.py"
        if builder.exists():
            spec = importlib.util.spec_from_file_location(f"hostile_build_{self.name}", builder)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module.build(Path(workdir))
        target = Path(workdir) / self.name
        shutil.copytree(self.folder, target, ignore=shutil.ignore_patterns(*CORPUS_FILES))
        return target


def load_case(name: str) -> HostileCase:
    folder = HOSTILE_DIR / name
    data = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    if data["stage"] not in STAGES:
        raise ValueError(f"{name}: unknown stage {data['stage']!r}")
    return HostileCase(name, folder, data["description"], data["outcome"], data["stage"], data.get("expect", {}))


def all_cases() -> list[HostileCase]:
    return [load_case(folder.name) for folder in sorted(HOSTILE_DIR.iterdir()) if (folder / "expected.toml").exists()]


def cases(stage: str) -> list[HostileCase]:
    return [case for case in all_cases() if case.stage == stage]
