"""Builds the upload: optim.py as a symlink into the grader's source, and a folder symlink to it."""
import stat
import zipfile
from pathlib import Path


def symlink(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix, so external_attr holds a file mode
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def build(directory: Path) -> Path:
    path = directory / "submission.zip"
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr(symlink("deeplearning/optim.py", "/autograder/source/reference/optim.py"),
                        "/autograder/source/reference/optim.py")
        bundle.writestr(symlink("source", "/autograder/source"), "/autograder/source")
        bundle.writestr("answers.toml", "[q1]\na = \"1\"\n")
    return path
