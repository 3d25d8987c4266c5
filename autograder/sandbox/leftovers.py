"""What a grading's account leaves behind in the shared temporary folders, removed after the grading (issue 29,
items 2 and 7).

Where the child has its own mount namespace its /tmp, /var/tmp and /dev/shm are private, empty tmpfs mounts
that vanish with it; where mounts are refused, student code sees the machine's, and anything it leaves
there (files, FIFOs, sockets, folders) would reach the next grading. So after each grading, with every
process of the account dead, every entry the account owns in those folders goes, whatever is inside it.
Safely: through descriptors of folders opened with O_NOFOLLOW, never following a symlink (a link is removed
as a link); an entry of another owner is never removed unless it lies inside a folder of the account (only
the account, or root, can create entries there); folders of others are searched only where the account
could have written (writable by others, or by the account's group), at most ``SEARCH_DEPTH`` levels down.
"""
from __future__ import annotations

import os
import stat

SHARED_TEMP_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")
SEARCH_DEPTH = 8  # levels of other owners' writable folders searched for the account's entries
FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def remove_files_of(uid: int, gid: int, folders: tuple[str, ...] = SHARED_TEMP_FOLDERS) -> int:
    """Remove every entry owned by ``uid`` in ``folders`` (see the module's rules); returns how many top
    entries were removed. Never for root or our own uid: that would remove the grader's files."""
    if uid in (0, os.getuid(), os.geteuid()):
        raise ValueError(f"refusing to remove the files of uid {uid}")
    removed = 0
    for folder in folders:
        try:
            fd = os.open(folder, FOLDER_FLAGS)
        except OSError:
            continue
        try:
            removed += _sweep(fd, uid, gid, SEARCH_DEPTH)
        finally:
            os.close(fd)
    return removed


def _sweep(folder_fd: int, uid: int, gid: int, depth: int) -> int:
    removed = 0
    for entry in list(os.scandir(folder_fd)):
        try:
            info = entry.stat(follow_symlinks=False)
            if info.st_uid == uid:
                _remove(folder_fd, entry.name, info)
                removed += 1
            elif stat.S_ISDIR(info.st_mode) and depth > 0 and _writable_by(info, gid):
                sub = os.open(entry.name, FOLDER_FLAGS, dir_fd=folder_fd)
                try:
                    removed += _sweep(sub, uid, gid, depth - 1)
                finally:
                    os.close(sub)
        except FileNotFoundError:
            pass
    return removed


def _writable_by(info: os.stat_result, gid: int) -> bool:
    """Whether an account that does not own this folder could create entries in it."""
    return bool(info.st_mode & stat.S_IWOTH or (info.st_gid == gid and info.st_mode & stat.S_IWGRP))


def _remove(folder_fd: int, name: str, info: os.stat_result) -> None:
    if not stat.S_ISDIR(info.st_mode):
        os.unlink(name, dir_fd=folder_fd)
        return
    _empty_folder(folder_fd, name)
    os.rmdir(name, dir_fd=folder_fd)


def _empty_folder(parent_fd: int, name: str) -> None:
    """Remove everything below ``parent_fd/name``, however deep, holding one descriptor at a time: go down
    into the first subfolder left, and back up through ``..`` (nothing else can move these folders: every
    process of the account is dead) once a folder is empty."""
    current = os.open(name, FOLDER_FLAGS, dir_fd=parent_fd)
    path: list[str] = []  # the names from ``name`` down to the current folder
    try:
        while True:
            subfolder = None
            for entry in list(os.scandir(current)):
                if entry.is_dir(follow_symlinks=False):
                    subfolder = entry.name
                else:
                    os.unlink(entry.name, dir_fd=current)
            if subfolder is not None:
                below = os.open(subfolder, FOLDER_FLAGS, dir_fd=current)
                os.close(current)
                current = below
                path.append(subfolder)
                continue
            if not path:
                return
            above = os.open("..", FOLDER_FLAGS, dir_fd=current)
            os.close(current)
            current = above
            os.rmdir(path.pop(), dir_fd=current)
    finally:
        os.close(current)
