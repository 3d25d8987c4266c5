"""Builds the upload: a loose-file submission whose optim.py is a symlink to a file outside it."""
import os
from pathlib import Path


def build(directory: Path) -> Path:
    folder = directory / "upload"
    (folder / "deeplearning").mkdir(parents=True)
    (folder / "answers.toml").write_text("[q1]\na = \"1\"\n")
    os.symlink("/etc/passwd", folder / "deeplearning" / "optim.py")
    os.symlink("/", folder / "root")
    return folder
