"""Builds the upload: the reference as a zip, with members 60 and 1,500 folders deep."""
import runpy
from pathlib import Path

variant = runpy.run_path(str(Path(__file__).resolve().parents[1] / "reference_variant.py"))


def build(directory: Path) -> Path:
    return variant["reference_zip"](directory, {"d/" * 60 + "x.py": "x = 1\n", "d/" * 1500 + "y.py": "y = 1\n"})
