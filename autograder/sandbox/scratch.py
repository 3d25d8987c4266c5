"""The student's working copy: a fresh directory holding only regular files of the submission."""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path


def make_scratch(submission_dir: Path, owner: tuple[int, int] | None) -> Path:
    """Copy ``submission_dir`` into a new temporary directory (symlinks and special files are
    skipped, never followed) with an empty ``.tmp/`` for TMPDIR; hand it to ``owner`` (uid, gid)."""
    scratch = Path(tempfile.mkdtemp(prefix="student-"))
    copy_regular_files(submission_dir, scratch)
    (scratch / ".tmp").mkdir(exist_ok=True)
    if owner is not None:
        for path in [scratch, *scratch.rglob("*")]:
            os.lchown(path, *owner)
    return scratch


def copy_regular_files(source: Path, target: Path) -> None:
    for entry in os.scandir(source):
        destination = target / entry.name
        if entry.is_dir(follow_symlinks=False):
            destination.mkdir()
            copy_regular_files(Path(entry.path), destination)
        elif entry.is_file(follow_symlinks=False):
            shutil.copyfile(entry.path, destination, follow_symlinks=False)


def remove_scratch(scratch: Path) -> None:
    """Delete the directory, even where student code (running as us) removed our permissions."""
    if not scratch.exists():
        return
    if os.geteuid() != 0:
        _grant_owner_access(scratch)
    shutil.rmtree(scratch, ignore_errors=True)


def _grant_owner_access(directory: Path) -> None:
    os.chmod(directory, stat.S_IRWXU)
    for root, dirs, _ in os.walk(directory):
        for name in dirs:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, stat.S_IRWXU)
