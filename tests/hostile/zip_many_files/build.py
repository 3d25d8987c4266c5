"""Builds the upload: 12000 empty files, more than any submission needs."""
import zipfile
from pathlib import Path


def build(directory: Path) -> Path:
    path = directory / "submission.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as bundle:
        for index in range(12000):
            bundle.writestr(f"junk/{index}.txt", "")
    return path
