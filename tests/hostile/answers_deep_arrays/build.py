"""Builds the upload: the reference, with an array nested 5,000 levels deep added at the end of answers.toml."""
import runpy
from pathlib import Path

variant = runpy.run_path(str(Path(__file__).resolve().parents[1] / "reference_variant.py"))
HOSTILE_LINE = 'q9 = ' + '[' * 5000 + ']' * 5000


def build(directory: Path) -> Path:
    answers = (variant["REFERENCE"] / "answers.toml").read_text(encoding="utf-8")
    return variant["reference_with"](directory, "answers_deep_arrays", {"answers.toml": answers + HOSTILE_LINE + "\n"})
