"""Before switching to the student user, the grader checks that user can reach the interpreter and its
libraries: otherwise every code test would fail with a confusing "No module named ..." instead of one
clear internal error (seen with a venv whose Python lives under /root)."""
import shutil
import tempfile
from pathlib import Path

from autograder.sandbox.deployment import interpreter_paths, unreachable_for_others


def test_a_folder_closed_to_others_is_named():
    base = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        base.chmod(0o755)
        (base / "open").mkdir(mode=0o755)
        (base / "open" / "python").write_text("")
        (base / "open" / "python").chmod(0o755)
        (base / "closed").mkdir(mode=0o700)
        (base / "closed" / "lib").mkdir(mode=0o755)
        (base / "unreadable").write_text("")
        (base / "unreadable").chmod(0o711)
        assert unreachable_for_others([base / "open" / "python"]) is None
        assert unreachable_for_others([base / "open" / "python", base / "closed" / "lib"]) == base / "closed"
        assert unreachable_for_others([base / "unreadable"]) == base / "unreadable"
    finally:
        shutil.rmtree(base)


def test_the_interpreter_paths_exist():
    assert all(path.exists() for path in interpreter_paths())
