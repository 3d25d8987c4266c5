"""What student code sees of the filesystem (issue 29, items 2 and 7): with a mount namespace, only the
interpreter, its libraries, its scratch and private temporary folders; in every deployment, nothing it leaves
in the shared temporary folders survives its grading, and another grading's scratch stays out of its reach."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from autograder.sandbox.student import StudentProcess
from sandbox_support import TEST_LIMITS, hw2_arguments

SYSTEM_TOP = {"usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc", "dev", "proc", "tmp", "var"}
PRIVATE_TOP = {"home", "root", "srv", "work", "mnt", "media", "boot", "opt", "run"}
SECRET = "SECRET-OF-ANOTHER-GRADING"
NAMESPACES = pytest.mark.parametrize("namespaces", [True, False], ids=["namespaces", "no_namespaces"])


def interpreter_tops() -> set[str]:
    """The top folders that hold this interpreter or its environment (e.g. ``opt`` for /opt/venv)."""
    return {Path(path).resolve().parts[1] for path in (sys.prefix, sys.base_prefix) if Path(path).resolve().parts[1:]}


def remove_own(paths: list[str]) -> None:
    """What the case left as our own user (where the grader leaves it: that deployment's known limit)."""
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            os.chmod(path, 0o700)
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.unlink(path)


def call(student: StudentProcess, function: str, config: dict) -> dict:
    w, dw, _ = hw2_arguments()
    return getattr(student.module("deeplearning.optim"), function)(w, dw, config)[1]


@pytest.fixture
def other_checkout():
    """A world-readable copy of a course file in another checkout under /tmp, as found there in issue 29."""
    top = Path(tempfile.mkdtemp(prefix="other-checkout-"))
    reference = top / "tests" / "reference"
    reference.mkdir(parents=True)
    for folder in (top, top / "tests", reference):
        folder.chmod(0o755)
    oracle = reference / "momentum.py"
    oracle.write_text("ORACLE = 'sgd_momentum'\n")
    oracle.chmod(0o644)
    yield oracle
    for path in (oracle, reference, top / "tests", top):
        path.unlink() if path.is_file() else path.rmdir()


def test_student_code_sees_only_the_interpreter_its_libraries_and_its_scratch(upload, other_checkout):
    this_checkout = Path(__file__).resolve().parents[2] / "README.md"
    with StudentProcess(upload("read_outside_scratch"), TEST_LIMITS) as student:
        report = call(student, "sgd_momentum", {"paths": [str(other_checkout), str(this_checkout)]})
        root = student.isolation["root"]
    if not root:
        pytest.skip("no mount namespace here: student code sees the machine's files (as the student account, "
                    "only those open to every user)")
    assert report["read"] == {str(other_checkout): "FileNotFoundError", str(this_checkout): "FileNotFoundError"}
    assert set(report["top"]) <= SYSTEM_TOP | interpreter_tops(), report["top"]
    assert not (PRIVATE_TOP - interpreter_tops()) & set(report["top"])


@NAMESPACES
def test_nothing_left_in_the_shared_temporary_folders_survives_the_grading(namespaces, upload, tmp_path):
    grader_file = tmp_path / "grader-file"
    grader_file.write_text("the grader's\n")
    tag = uuid.uuid4().hex
    with StudentProcess(upload("leave_temp_files"), TEST_LIMITS, namespaces=namespaces) as student:
        report = call(student, "sgd_momentum", {"tag": tag, "target": str(grader_file)})
        private = student.isolation["root"]
        seen_during = [path for path in report["made"] if os.path.lexists(path)]
        account = student.account
    if not private and account is None:
        remove_own(report["made"])
        pytest.skip("not root and no mount namespace: what student code leaves is your own user's")
    assert len(report["made"]) == 18 and not report["refused"], report  # 6 kinds in 3 folders: the test bites
    if private:
        assert seen_during == []  # they were never in the machine's folders
    else:
        assert seen_during == report["made"]
    assert not [path for path in report["made"] if os.path.lexists(path)]
    assert grader_file.read_text() == "the grader's\n"  # its links were removed as links


@NAMESPACES
def test_a_concurrent_gradings_scratch_is_out_of_reach(namespaces, upload, tmp_path):
    other = tmp_path / "other" / "deeplearning"
    other.mkdir(parents=True)
    (other / "optim.py").write_text(f"# {SECRET}\n")
    with StudentProcess(upload("scan_other_gradings"), TEST_LIMITS, namespaces=namespaces) as scanner:
        call(scanner, "sgd_momentum", {})  # its thread starts watching
        with StudentProcess(other.parent, TEST_LIMITS, namespaces=namespaces) as neighbour:
            neighbour.start()
            neighbour_scratch = neighbour._scratch_text()
            time.sleep(0.3)
            found = call(scanner, "adam", {})
        private, account, own_scratch = scanner.isolation["root"], scanner.account, scanner._scratch_text()
    if not private and account is None:
        pytest.skip("not root and no mount namespace: both gradings are your own user")
    assert not [text for text in found["files"].values() if SECRET in text]
    assert neighbour_scratch not in str(found)  # not even its name: the graders' scratch folders are unlistable
    if private:  # nothing in its temporary folders but the folder above its own scratch
        assert all(own_scratch.startswith(folder + "/") for folder in found["folders"]), found["folders"]


HW2_LIBRARIES = """
import importlib.util

def use_libraries():
    import numpy as np
    import matplotlib
    import matplotlib.pyplot as plt
    figure = plt.figure()
    plt.plot(np.arange(3.0))
    figure.savefig("plot.png")
    report = {"mean": float(np.arange(5.0).mean()), "cache": matplotlib.get_cachedir(), "torch": None}
    if importlib.util.find_spec("torch") is not None:
        import torch
        x = torch.arange(3.0, requires_grad=True)
        (x * x).sum().backward()
        report["torch"] = x.grad.tolist()
    return report
"""


def test_the_libraries_of_hw2_work_in_that_view(tmp_path):
    """numpy, matplotlib (its font cache in the scratch) and torch (where installed) load and run inside it."""
    with StudentProcess(tmp_path, replace(TEST_LIMITS, wall_seconds=60.0)) as student:  # torch loads slowly
        report = student.probe(HW2_LIBRARIES, "use_libraries")
        scratch, root = student._scratch_text(), student.isolation["root"]
        plotted = (Path(scratch) / "plot.png").stat().st_size > 0
    assert report["mean"] == 2.0 and plotted and report["cache"] == f"{scratch}/.tmp/matplotlib"
    try:
        import torch  # noqa: F401  (the trusted side has it: so must the student's view)
        assert report["torch"] == [0.0, 2.0, 4.0]  # d/dx sum(x^2) = 2x at x = 0, 1, 2
    except ImportError:
        assert report["torch"] is None
    if not root:
        pytest.skip("no mount namespace here: the libraries ran in the machine's view")
