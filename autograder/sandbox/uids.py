"""A uid of its own for each grading, drawn from a declared range (issue 29, item 3; like systemd's DynamicUser).

RLIMIT_NPROC counts the processes of a uid across the whole kernel, and files and signals follow the uid too.
If every grading ran as the one ``student`` account (uid 999 in every image ``setup.sh`` builds), a neighbouring
container, a regrade worker or a concurrent grading holding that account's processes would stop this
grading's student code from forking or starting a thread. So, as root, each StudentProcess draws a uid from
``DYNAMIC_UIDS`` (reserved for this purpose by ``setup.sh`` and ``dev.sh``; no account of the machine may own
one: uids with a ``/etc/passwd`` entry are skipped), with the same number as its gid and no supplementary
groups, and holds it until it closes.

The draw is collision-safe between the gradings of one machine: a uid is ours while we hold an exclusive
``flock`` on its file in ``LEASE_FOLDER`` (root's own, closed to others); a grader that dies releases it with
its descriptors. A lease file reads ``HELD`` while its uid is in use and is emptied on release, so the next
holder of a uid whose grader died holding it knows (``UidLease.stale``) and first kills what that grader left
running under the uid and removes its files in the shared temporary folders. Containers do not share that folder, so the draw is random:
two containers of one kernel meet on the same uid with a chance of 1 in ``len(DYNAMIC_UIDS)`` per pair of
concurrent gradings, where every ``student`` account of theirs would collide always.
"""
from __future__ import annotations

import errno
import fcntl
import os
import pwd
import random
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from autograder.sandbox.processes import succeeds_in_fork

DYNAMIC_UIDS = range(61000, 62000)  # keep in step with setup.sh and dev.sh, which document the reservation
LEASE_FOLDER = Path("/run/dl-autograder/uids")
HELD = b"held\n"


@dataclass
class UidLease:
    """One drawn uid (its gid is the same number), ours while ``handle`` holds the lock on its file. ``stale``:
    the grader that held it before died holding it (what it ran as that uid may still be there)."""

    uid: int
    handle: int
    stale: bool = False

    @property
    def gid(self) -> int:
        return self.uid

    def release(self) -> None:
        if self.handle >= 0:
            os.ftruncate(self.handle, 0)
            os.close(self.handle)  # closing the file releases the flock
            self.handle = -1


def available() -> bool:
    """Whether gradings here can draw uids of their own (root, a kernel that maps the range, a usable lease folder)."""
    return os.geteuid() == 0 and switchable(DYNAMIC_UIDS.start, DYNAMIC_UIDS.stop - 1) and _lease_folder() is not None


def draw(uids: range = DYNAMIC_UIDS) -> UidLease | None:
    """Lock a free uid of ``uids`` (random order); None when we are not root, the kernel refuses these uids
    (a user namespace that does not map them), the lease folder is unusable or every uid is taken."""
    if os.geteuid() != 0 or not switchable(uids.start, uids.stop - 1) or _lease_folder() is None:
        return None
    for uid in random.sample(uids, len(uids)):
        if _has_account(uid):
            continue
        fd = os.open(LEASE_FOLDER / str(uid), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                continue
            raise
        stale = os.pread(fd, len(HELD), 0) == HELD
        os.pwrite(fd, HELD, 0)
        return UidLease(uid, fd, stale)
    return None


def _has_account(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
        return True
    except KeyError:
        return False


def _lease_folder() -> Path | None:
    """``LEASE_FOLDER``, created if missing; None unless it is a real folder of root's closed to others."""
    try:
        LEASE_FOLDER.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(LEASE_FOLDER)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != 0 or info.st_mode & 0o077:
        return None
    return LEASE_FOLDER


@cache
def switchable(*uids: int) -> bool:
    """Whether this kernel lets us become each of ``uids`` (with the same gid): tried in a throwaway fork.
    Inside a container whose user namespace maps fewer ids, setuid to an unmapped uid fails (EINVAL)."""
    def become_each() -> None:
        for uid in uids:
            os.setresgid(uid, uid, 0)
            os.setresuid(uid, uid, 0)  # the saved uid stays 0, so the next one can be tried
            os.setresuid(0, 0, 0)
            os.setresgid(0, 0, 0)

    return succeeds_in_fork(become_each)
