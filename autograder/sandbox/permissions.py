"""File permissions that keep the student user out of the grader's folders (issue 4)."""
from __future__ import annotations

import os
import stat
from pathlib import Path


def lock_down(*paths: Path) -> bool:
    """When running as root, remove every permission of "others" (``chmod o=``) from the given
    folders and files, so a student process (another uid, not in their group) can neither list,
    read, traverse nor write them. Returns whether anything was changed (False when not root).

    Only the named paths are changed: without ``o+x`` on a folder nothing below it can be reached.
    The Python interpreter and the packages the student process imports must therefore live
    outside these folders.
    """
    if os.geteuid() != 0:
        return False
    for path in paths:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            raise ValueError(f"refusing to lock down {path}: it is a symlink")
        os.chmod(path, stat.S_IMODE(mode) & ~stat.S_IRWXO)
    return True
