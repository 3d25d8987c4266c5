"""Builds the upload: the reference as a zip, with a member named by 10,000 characters."""
import runpy
from pathlib import Path

variant = runpy.run_path(str(Path(__file__).resolve().parents[1] / "reference_variant.py"))


def build(directory: Path) -> Path:
    return variant["reference_zip"](directory, {"a" * 10_000 + ".py": "x = 1\n"})
