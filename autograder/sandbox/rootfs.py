"""The student process's view of the filesystem: an allow-list, where mount namespaces work (issue 29, item 2).

The trusted side lists what the new root holds (``plan``); the child, as its namespace's init and before any
student code, builds it and pivots into it (``enter``, run from this file's source: the standard library only).
The root is a small read-only tmpfs holding:

- read-only: the system's programs and libraries (``SYSTEM_PATHS``), the few files of ``/etc`` that the
  interpreter and its libraries read (``ETC_PATHS``), the interpreter's installation and virtual environment
  (prefixes and ``sysconfig`` paths), and the grader's extra import paths;
- read-write: the student's scratch copy, at the same path as outside (so its paths in feedback match);
- private and empty: ``/tmp``, ``/var/tmp``, ``/dev/shm`` (tmpfs mounts of at most the file limit each, gone
  with the process), a minimal ``/dev`` (``DEVICES`` bound from the machine's, and the ``/proc/self/fd``
  links), and a fresh ``/proc`` of its own PID namespace.

Nothing else: no ``/home``, ``/root``, ``/srv``, ``/work``, no other checkout, no other grading's scratch.
Symlinks among these paths (``/lib -> usr/lib``) are recreated as links. Sources are opened (``O_PATH``)
before anything is mounted, so that the staging tmpfs over ``/tmp`` cannot hide one that lies under ``/tmp``.
Where a step fails before the pivot, the staging mount is dropped and the child goes on in the machine's
view, confined as before (covered oracle folders; the report says ``root: false``).
"""
from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

SYSTEM_PATHS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_PATHS = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf",
             "/etc/passwd", "/etc/group", "/etc/alternatives", "/etc/mime.types")
DEVICES = ("null", "zero", "full", "random", "urandom")
DEVICE_LINKS = {"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0", "stdout": "/proc/self/fd/1",
                "stderr": "/proc/self/fd/2"}
PRIVATE_TEMP_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")
DEV_BYTES = 64 * 1024
STAGE = "/tmp"  # where the root is assembled (in the child's own mount namespace) before the pivot

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_REMOUNT, MS_BIND, MS_REC = 0x20, 0x1000, 0x4000
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 0x400, 0x800, 0x200000
ST_RELATIME = 0x1000
MNT_DETACH = 2
KEPT_FLAGS = MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME  # statvfs's f_flag bits, the same values
PIVOT_ROOT_SYSCALL = {"x86_64": 155, "aarch64": 41}
O_PATH = 0o10000000


def plan(scratch: str, extra_paths: list[str], temp_bytes: int) -> dict:
    """The steps that build the root, in order (each step's target lies in what earlier steps made: the
    scratch and import paths come after the tmpfs folders they may lie in), with this file's source for the
    child to run. Paths that do not exist, or lie inside one already bound, are left out. ``temp_bytes``: the
    size of each private temporary folder."""
    steps: list[dict] = []
    bound: list[str] = []

    def add(path: str, writable: bool = False) -> None:
        path = os.path.abspath(path)
        if not os.path.exists(path) or any(_within(path, done) for done in bound):
            return
        if os.path.islink(path) and path in SYSTEM_PATHS + ETC_PATHS:
            steps.append({"link": path, "target": os.readlink(path)})
        else:
            steps.append({"bind": path, "source": os.path.realpath(path), "writable": writable})
        bound.append(path)

    for path in SYSTEM_PATHS + ETC_PATHS:
        add(path)
    steps.append({"tmpfs": "/dev", "bytes": DEV_BYTES, "mode": "755"})
    for name in DEVICES:
        steps.append({"bind": f"/dev/{name}", "source": f"/dev/{name}", "writable": True})
    for name, target in DEVICE_LINKS.items():
        steps.append({"link": f"/dev/{name}", "target": target})
    for folder in PRIVATE_TEMP_FOLDERS:
        steps.append({"tmpfs": folder, "bytes": temp_bytes, "mode": "1777"})
    for path in interpreter_paths() + list(extra_paths):
        add(path)
    add(scratch, writable=True)
    steps.append({"proc": "/proc"})
    return {"steps": steps, "source": Path(__file__).read_text(encoding="utf-8")}


def interpreter_paths() -> list[str]:
    """Where this interpreter and its packages live: its prefixes and its ``sysconfig`` folders."""
    paths = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, os.path.dirname(sys.executable)]
    paths += [sysconfig.get_paths()[name] for name in ("stdlib", "platstdlib", "purelib", "platlib")]
    return [path for path in dict.fromkeys(paths) if path and path != "/"]


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def enter(libc, root: dict) -> bool:
    """In the child (its mount and PID namespaces' init, still privileged there): build the root of ``plan``
    and pivot into it. False (the machine's view left as it was) if anything before the pivot fails."""
    syscall = PIVOT_ROOT_SYSCALL.get(os.uname().machine)
    if syscall is None:
        return False
    sources = {}
    try:
        for step in root["steps"]:
            if "bind" in step:
                sources[step["bind"]] = os.open(step["source"], O_PATH | os.O_CLOEXEC)
    except OSError:
        _close(sources)
        return False
    if libc.mount(b"none", STAGE.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, b"mode=755,size=1m") != 0:
        _close(sources)
        return False
    umask = os.umask(0o022)  # the folders made here must be traversable by the student's uid
    try:
        for step in root["steps"]:
            _build(libc, step, sources)
        _mount(libc, None, STAGE, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
        os.chdir(STAGE)
        if libc.syscall(syscall, b".", b".") != 0:
            raise OSError("pivot_root refused")
    except OSError:
        os.chdir("/")
        libc.umount2(STAGE.encode(), MNT_DETACH)
        return False
    finally:
        os.umask(umask)
        _close(sources)
    if libc.umount2(b".", MNT_DETACH) != 0:  # the machine's root, now stacked on ours: gone from view
        raise SystemExit("could not detach the machine's root after the pivot")
    os.chdir("/")
    return True


def _build(libc, step: dict, sources: dict) -> None:
    """One step of the plan, under the staging mount."""
    if "link" in step:
        target = STAGE + step["link"]
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.symlink(step["target"], target)
    elif "tmpfs" in step:
        target = STAGE + step["tmpfs"]
        os.makedirs(target, exist_ok=True)
        options = f"mode={step['mode']},size={step['bytes']}".encode()
        _mount(libc, b"none", target, b"tmpfs", MS_NOSUID | MS_NODEV, options)
    elif "proc" in step:
        target = STAGE + step["proc"]
        os.makedirs(target, exist_ok=True)
        _mount(libc, b"proc", target, b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    else:
        _bind(libc, STAGE + step["bind"], sources[step["bind"]], step["writable"])


def _bind(libc, target: str, source_fd: int, writable: bool) -> None:
    """Bind the opened source onto ``target`` (created: a folder, or an empty file); read-only unless
    ``writable``, keeping the source mount's nosuid/nodev/noexec/atime flags (a user namespace may not drop them)."""
    source = f"/proc/self/fd/{source_fd}"
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644))
    _mount(libc, source.encode(), target, None, MS_BIND | MS_REC)
    if not writable:
        flags = os.statvfs(source).f_flag
        kept = (flags & KEPT_FLAGS) | (MS_RELATIME if flags & ST_RELATIME else 0)
        _mount(libc, None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | kept)


def _mount(libc, source: bytes | None, target: str, kind: bytes | None, flags: int, data: bytes | None = None) -> None:
    if libc.mount(source, target.encode(), kind, flags, data) != 0:
        raise OSError(f"mount of {target} refused")


def _close(fds: dict) -> None:
    for fd in fds.values():
        os.close(fd)
