"""Who runs student code, and how confined: decided once per run, before any grading (issue 12).

Three deployments, one rule each:

- **root with a student account** (Gradescope; a Docker container with ``setup.sh`` run): the account
  (``student``, or the one named by ``--student-user`` / ``$AUTOGRADER_STUDENT_USER``) confirms the
  deployment; each grading's student code runs under a uid of its own drawn from ``uids.DYNAMIC_UIDS``
  (``grading_account``), or under the account's uid where the kernel refuses those.
  The oracle's folders are closed to it (``chmod o=``) and, where the kernel allows, covered in its
  mount namespace.
- **root without one**: refused, with the fix. Student code never runs as uid 0.
- **not root** (a laptop, CI): student code runs as you; where unprivileged user namespaces are
  allowed, in its own PID, mount and network namespaces, so it cannot see or signal your processes and
  the oracle's folders are hidden from it. Without them it can read whatever you can read.
"""
from __future__ import annotations

import ctypes
import importlib.util
import os
import pwd
import stat
import sys
import sysconfig
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from autograder.sandbox import seccomp, uids
from autograder.sandbox.leftovers import remove_files_of
from autograder.sandbox.permissions import lock_down
from autograder.sandbox.processes import kill_user

STUDENT_USER = "student"
USER_VARIABLE = "AUTOGRADER_STUDENT_USER"
ROOT_VARIABLE = "AUTOGRADER_ROOT"
ORACLE_PACKAGES = ("reference", "assignments")
CREATE_ACCOUNT = "useradd --system --no-create-home --shell /usr/sbin/nologin {name}"

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_REC, MS_PRIVATE = 0x4000, 0x40000


class SandboxConfigError(RuntimeError):
    """This machine cannot run student code safely; the message names the fix. A grader failure,
    found before grading: never charged to the student."""


@dataclass(frozen=True)
class Account:
    """The unprivileged user the student process switches to (only when we are root)."""

    name: str
    uid: int
    gid: int


@dataclass(frozen=True)
class Deployment:
    account: Account | None
    namespaces: bool
    own_uids: bool = False  # each grading under a uid of its own (uids.DYNAMIC_UIDS)

    @property
    def runs_as(self) -> str:
        return self.account.name if self.account else pwd.getpwuid(os.geteuid()).pw_name

    def notice(self) -> str:
        """What holds for student code in this run, one fact a line (printed once on stderr by every command that
        runs student code; README's table "What each deployment promises" says the same)."""
        return "\n".join([self._who(), self._network(), self._processes(), self._files(), self._system_calls()])

    def _who(self) -> str:
        if self.account is not None:
            if self.own_uids:
                return (f"Student code runs under a uid of its own per grading ({uids.DYNAMIC_UIDS.start}-"
                        f"{uids.DYNAMIC_UIDS.stop - 1}; the account '{self.account.name}' confirms this deployment).")
            return f"Student code runs as the unprivileged user '{self.account.name}' (uid {self.account.uid})."
        return f"Student code runs as your own user ({self.runs_as})."

    def _network(self) -> str:
        if self.namespaces:
            return "- network: refused by the seccomp filter (no socket but AF_UNIX) and by its own network namespace"
        return "- network: refused by the seccomp filter alone (no socket but AF_UNIX; namespaces are refused here)"

    def _processes(self) -> str:
        if self.namespaces:
            return "- processes: hidden: in its own PID namespace it cannot see or signal the grader's processes"
        signal = "cannot signal them" if self.account is not None else "can also signal them (the same user)"
        return ("- processes: visible (no PID namespace): it can list the grader's processes and their command lines "
                f"and {signal}; it cannot trace them or read their environment or memory")

    def _files(self) -> str:
        if self.namespaces:
            return ("- files: an allow-listed root: the interpreter and its libraries read-only, its scratch copy, "
                    "private empty /tmp, /var/tmp and /dev/shm, its own /proc; nothing else")
        if self.account is not None:
            return ("- files: the oracle's folders closed to it (chmod o=), other gradings' scratch not listable, what "
                    "it leaves in /tmp, /var/tmp and /dev/shm removed after the grading; whatever every user may "
                    "read, it may read")
        return ("- files: it can read and write whatever you can. Grade untrusted uploads as root with a 'student' "
                "account")

    @staticmethod
    def _system_calls() -> str:
        return ("- system calls: ptrace, process_vm_readv/writev, mount, unshare, setns, keyctl, bpf, "
                "perf_event_open, userfaultfd and io_uring refused by the seccomp filter, which it cannot remove")


def requested_user(user: str | None = None) -> str | None:
    return user or os.environ.get(USER_VARIABLE) or None


def student_account(user: str | None = None) -> Account | None:
    """The account student code runs as; ``None`` means "as ourselves" (only when not root).

    As root: ``user``, else ``$AUTOGRADER_STUDENT_USER``, else ``student``; refused if missing or uid 0."""
    name = requested_user(user)
    if os.geteuid() != 0:
        if name is not None and _uid_of(name) not in (None, os.geteuid()):
            raise SandboxConfigError(f"running student code as {name!r} needs root; without root it runs as you")
        return None
    name = name or STUDENT_USER
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise SandboxConfigError(
            f"refusing to run student code as root: there is no user {name!r}. Create it "
            f"({CREATE_ACCOUNT.format(name=name)}) or name another unprivileged account with --student-user NAME "
            f"or ${USER_VARIABLE}.") from None
    if entry.pw_uid == 0:
        raise SandboxConfigError(f"refusing to run student code as {name!r}: it is a root account (uid 0)")
    return Account(entry.pw_name, entry.pw_uid, entry.pw_gid)


def _uid_of(name: str) -> int | None:
    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        return None


def preflight(user: str | None = None) -> Deployment:
    """Check, before grading anything, that student code can run here safely; lock the oracle's
    folders against the student account (root). Raises SandboxConfigError naming the fix."""
    account = student_account(user)
    if not seccomp.works_here():
        raise SandboxConfigError("this kernel (or the container's seccomp profile) refuses the sandbox's seccomp "
                                 "filter, without which student code could open internet sockets and trace the "
                                 "grader: run on Linux >= 4.14 with seccomp() allowed (Docker's default profile does)")
    if account is not None:
        prepare_account(account, oracle_paths())
    return Deployment(account, namespaces_available(), account is not None and uids.available())


def grading_account(account: Account) -> tuple[Account, uids.UidLease | None]:
    """What one grading runs as: ``account`` with a uid (and gid) drawn for it alone where the kernel allows
    (``uids.draw``: the lease must be released when the grading ends), else ``account`` itself. A uid whose
    last grader died holding it first loses whatever that grader left behind (its processes, its temporary files)."""
    lease = uids.draw()
    if lease is None:
        return account, None
    if lease.stale:
        kill_user(lease.uid)
        remove_files_of(lease.uid, lease.gid)
    return Account(account.name, lease.uid, lease.gid), lease


def prepare_account(account: Account, oracle: list[Path]) -> None:
    """Before student code runs as ``account``: it must be able to execute this Python (else
    SandboxConfigError naming the fix), and ``oracle`` is closed to it (``chmod o=``)."""
    blocked = unreachable_for_others(interpreter_paths())
    if blocked is not None:
        raise SandboxConfigError(
            f"the student account {account.name!r} cannot execute this Python: {blocked} is closed to other "
            "users. Install the interpreter and its virtual environment where others may read them (outside "
            "/root; setup.sh and dev.sh do).")
    lock_down(*oracle)


def oracle_paths() -> list[Path]:
    """The folders student code must never read: the oracle and the assignments (hidden suites,
    declarations), and on Gradescope the unzipped source, the results and the submitter's metadata."""
    paths = []
    for name in ORACLE_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            paths += [Path(location).resolve() for location in spec.submodule_search_locations]
    root = Path(os.environ.get(ROOT_VARIABLE, "/autograder"))
    paths += [root / "source", root / "results", root / "submission_metadata.json"]
    return [path for path in dict.fromkeys(paths) if os.path.lexists(path)]


def grader_paths() -> list[Path]:
    """What student code may read but never change: this checkout (or install) of the engine, the
    virtual environment and the interpreter's installation (read-only in its mount namespace)."""
    engine = Path(__file__).resolve().parents[2]
    paths = [engine, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()]
    return [path for path in dict.fromkeys(paths) if path.is_dir() and path != Path("/")]


@cache
def namespaces_available() -> bool:
    """Whether a child may enter new network, mount and PID namespaces (in a user namespace when not
    root), as ``child.isolate`` will: tried in a throwaway fork."""
    flags = CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWPID | (0 if os.geteuid() == 0 else CLONE_NEWUSER)
    pid = os.fork()
    if pid == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        ok = libc.unshare(flags) == 0 and libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) == 0
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def interpreter_paths() -> list[Path]:
    """What the student process must read: the interpreter, its standard library, its site-packages."""
    paths = sysconfig.get_paths()
    return [Path(sys.executable), Path(paths["stdlib"]), Path(paths["purelib"])]


def unreachable_for_others(paths: list[Path]) -> Path | None:
    """The first of ``paths`` (or a folder above one) that a user outside its owner and group cannot
    traverse or read, or None. The student user is such a user."""
    for path in paths:
        resolved = path.resolve()
        for step in [*reversed(resolved.parents), resolved]:
            mode = step.stat().st_mode
            if not mode & stat.S_IXOTH or (step == resolved and not mode & stat.S_IROTH):
                return step
    return None
