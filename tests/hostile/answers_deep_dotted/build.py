"""Builds the upload: the reference, with a dotted key of 5,000 parts added at the end of answers.toml."""
import runpy
from pathlib import Path

variant = runpy.run_path(str(Path(__file__).resolve().parents[1] / "reference_variant.py"))
HOSTILE_LINE = 'q9' + '.a' * 4999 + ' = "1"'


def build(directory: Path) -> Path:
    answers = (variant["REFERENCE"] / "answers.toml").read_text(encoding="utf-8")
    return variant["reference_with"](directory, "answers_deep_dotted", {"answers.toml": answers + HOSTILE_LINE + "\n"})
