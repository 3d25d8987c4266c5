"""Fixtures for the sandbox tests: the student user, hostile uploads, and a guard that fails (and
cleans up after) any test that leaves a student process alive."""
from __future__ import annotations

import os
import pwd
import signal
from pathlib import Path

import pytest

from autograder.sandbox.deployment import STUDENT_USER, requested_user
from sandbox_support import corpus, sandbox_pids


@pytest.fixture(autouse=True)
def no_student_process_survives():
    """Every test closes its StudentProcess; afterwards no student process may be alive. Survivors
    are killed (so one broken test cannot flood the machine) and the test fails."""
    yield
    survivors = sandbox_pids()
    for pid in survivors:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    assert not survivors, f"student processes survived close(): {sorted(survivors)}"


@pytest.fixture
def student_user() -> str:
    """The dedicated student account (``student``, or ``$AUTOGRADER_STUDENT_USER`` as the grader reads it);
    tests that need it are skipped when it does not exist (setup.sh and dev.sh create it) or when we are
    not root."""
    if os.geteuid() != 0:
        pytest.skip("switching to the student user needs root")
    name = requested_user() or STUDENT_USER
    try:
        pwd.getpwnam(name)
    except KeyError:
        pytest.skip(f"no user named {name!r} on this machine (setup.sh creates it)")
    return name


@pytest.fixture
def upload(tmp_path):
    """``upload(name)``: the hostile case ``name`` as an upload folder under a temporary directory."""
    def make(name: str) -> Path:
        return corpus.load_case(name).upload(tmp_path)
    return make
