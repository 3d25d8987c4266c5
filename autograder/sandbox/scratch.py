"""The student's working copy: a fresh directory holding only regular files of the submission.

Each grader keeps its scratch copies in a folder of its own that others may traverse but not list (0711):
where student code sees the machine's /tmp (mounts refused), it cannot find another grading's scratch by name,
and each scratch is closed to everyone but its grading's uid (0700)."""
from __future__ import annotations

import atexit
import os
import shutil
import stat
import tempfile
from functools import cache
from pathlib import Path


@cache
def scratch_parent() -> Path:
    """This grader's folder of scratch copies (0711, removed at exit once empty)."""
    parent = Path(tempfile.mkdtemp(prefix="dl-autograder-scratch-"))
    parent.chmod(0o711)
    atexit.register(_remove_if_empty, parent)
    return parent


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def make_scratch(submission_dir: Path, owner: tuple[int, int] | None) -> Path:
    """Copy ``submission_dir`` into a new directory of ``scratch_parent`` (symlinks and special files are
    skipped, never followed) with an empty ``.tmp/`` for TMPDIR; hand it to ``owner`` (uid, gid)."""
    scratch = Path(tempfile.mkdtemp(prefix="student-", dir=scratch_parent()))
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
