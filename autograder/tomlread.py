"""TOML reading on Python 3.10 (tomli) and 3.11+ (tomllib)."""
from __future__ import annotations

from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError


def load_toml(path: Path) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def loads_toml(text: str) -> dict:
    return tomllib.loads(text)
