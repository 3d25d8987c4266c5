"""lock_down (chmod o= when root) and what the student user can and cannot do (skipped unless a
``student`` user exists: Gradescope's setup.sh creates it)."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from autograder.sandbox.permissions import lock_down
from autograder.sandbox.student import StudentProcess
from sandbox_support import READ_FILE, TEST_LIMITS, WRITE_FILE

IDENTITY = "import os\ndef ids():\n    return os.getuid(), os.geteuid(), os.getgid(), os.getgroups()\n"


@pytest.fixture
def world_readable_tree():
    """Folders under /tmp that any user could read before lock_down (tmp_path is not: its parents
    are private), removed afterwards."""
    top = Path(tempfile.mkdtemp(prefix="lock-down-"))
    os.chmod(top, 0o755)
    for name in ("source", "results"):
        (top / name).mkdir(mode=0o755)
        os.chmod(top / name, 0o755)
    (top / "source" / "oracle.py").write_text("ANSWER = 42\n")
    os.chmod(top / "source" / "oracle.py", 0o644)
    yield top
    for path in sorted(top.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    top.rmdir()


@pytest.mark.skipif(os.geteuid() != 0, reason="lock_down only acts as root")
def test_lock_down_removes_every_permission_of_others(world_readable_tree):
    source, results = world_readable_tree / "source", world_readable_tree / "results"
    assert lock_down(source, results)
    for path in (source, results):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & stat.S_IRWXO == 0 and mode & stat.S_IRWXU == stat.S_IRWXU


@pytest.mark.skipif(os.geteuid() != 0, reason="lock_down only acts as root")
def test_lock_down_refuses_a_symlink(world_readable_tree):
    link = world_readable_tree / "link"
    link.symlink_to(world_readable_tree / "source")
    with pytest.raises(ValueError, match="symlink"):
        lock_down(link, world_readable_tree / "results")
    link.unlink()


@pytest.mark.skipif(os.geteuid() == 0, reason="checks the non-root behaviour")
def test_lock_down_does_nothing_without_root(tmp_path):
    assert not lock_down(tmp_path, tmp_path)


def test_the_student_runs_as_its_own_user_without_groups(tmp_path, student_user):
    with StudentProcess(tmp_path, TEST_LIMITS, user=student_user) as student:
        uid, euid, gid, groups = student.probe(IDENTITY, "ids")
    assert uid == euid == student.account.uid and gid == student.account.gid and groups == []


def test_the_student_cannot_read_or_write_locked_folders(tmp_path, world_readable_tree, student_user):
    """Where mounts are refused, ``chmod o=`` is what keeps the oracle closed (with a mount namespace the
    tree is not even in the student's view: test_filesystem_view.py)."""
    oracle = world_readable_tree / "source" / "oracle.py"
    results = world_readable_tree / "results" / "results.json"
    with StudentProcess(tmp_path, TEST_LIMITS, user=student_user, namespaces=False) as student:
        assert student.probe(READ_FILE, "read", str(oracle)) == "ANSWER = 42\n"  # readable before
        lock_down(world_readable_tree / "source", world_readable_tree / "results")
        assert student.probe(READ_FILE, "read", str(oracle)) == "PermissionError"
        assert student.probe(WRITE_FILE, "write", str(results)) == "PermissionError"
    assert not results.exists()
