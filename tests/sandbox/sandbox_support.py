"""Helpers shared by the sandbox tests: small limits, the hostile corpus, process checks."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

from autograder.sandbox.limits import MIB, Limits

HOSTILE_DIR = Path(__file__).resolve().parents[1] / "hostile"
sys.path.insert(0, str(HOSTILE_DIR))
import hostile_corpus as corpus  # noqa: E402  (lives beside the corpus it reads)

CHILD_MARKER = b"<sandbox child>"  # in every student process's command line, forks included
TEST_LIMITS = Limits(wall_seconds=3.0, file_bytes=8 * MIB)

__all__ = ["corpus", "TEST_LIMITS", "sandbox_pids", "is_alive", "hw2_arguments",
           "READ_FILE", "WRITE_FILE", "CREATE_FILE", "started_by_student_code"]

# Trusted probes that try a file operation in the student process and say how it ended.
READ_FILE = """
def read(path):
    try:
        with open(path) as handle:
            return handle.read()
    except OSError as error:
        return type(error).__name__
"""
WRITE_FILE = """
def write(path):
    try:
        with open(path, "w") as handle:
            handle.write("{}")
        return "written"
    except OSError as error:
        return type(error).__name__
"""
CREATE_FILE = """
def create(path):
    try:
        with open(path, "x") as handle:
            handle.write("student was here")
        return "created"
    except OSError as error:
        return type(error).__name__
"""


def _state(pid: int | str) -> bytes | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def is_alive(pid: int) -> bool:
    return _state(pid) not in (None, b"Z", b"X")


def parent_of(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return int(handle.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def descends_from_us(pid: int) -> bool:
    """True for our own children and grandchildren (the grader is a subreaper, so escaped orphans come
    back to us): other test runs on the same machine are none of our business."""
    ours = os.getpid()
    for _ in range(64):
        pid = parent_of(pid)
        if pid == ours:
            return True
        if pid <= 1:
            return False
    return False


def sandbox_pids() -> set[int]:
    """Live processes of this test run started from a student process's command line (forks keep it), except
    a warm template (which runs no student code)."""
    from autograder.sandbox import template

    found = set()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                cmdline = handle.read()
        except OSError:
            continue
        if CHILD_MARKER in cmdline and is_alive(int(name)) and descends_from_us(int(name)):
            found.add(int(name))
    return found - template.pids()


def hw2_arguments() -> tuple[np.ndarray, np.ndarray, dict]:
    """The shapes of HW2's optimizer checks (4x5 weights), with a velocity in the config."""
    w = np.linspace(-0.4, 0.6, num=20).reshape(4, 5)
    dw = np.linspace(-0.6, 0.4, num=20).reshape(4, 5)
    return w, dw, {"learning_rate": 1e-3, "velocity": np.linspace(0.6, 0.9, num=20).reshape(4, 5)}


def started_by_student_code(student) -> set[int]:
    """The live processes below the student process that it did not have before student code ran (its own, from
    its hello: in a PID namespace the waiting process, init and the server): what student code started."""
    from autograder.sandbox.processes import descendants, process_table

    table = process_table()
    return {pid for pid in descendants(table, student.pid) if table[pid].alive} - student._child.own
