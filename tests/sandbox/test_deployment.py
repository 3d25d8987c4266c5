"""Each deployment keeps its promise (issue 12): as root, student code runs as an unprivileged account
or not at all; a child confines itself as far as the kernel allows; nothing it starts outlives its
grading; it cannot see, read or signal the grader. Where a promise depends on the deployment, the
test says which and is skipped elsewhere (CI runs the suite as root with a `student` account and
the sandbox tests again as a plain user)."""
from __future__ import annotations

import json
import os
import pwd
import sys
import time
from pathlib import Path

import pytest

from autograder import cli
from autograder.grading import gradescope
from autograder.sandbox import deployment
from autograder.sandbox.deployment import SandboxConfigError, namespaces_available, preflight, student_account
from autograder.sandbox.processes import descendants, process_table
from autograder.sandbox.errors import StudentError
from autograder.sandbox.student import StudentProcess
from sandbox_support import CREATE_FILE, READ_FILE, TEST_LIMITS, corpus, hw2_arguments, sandbox_pids

DAEMON = corpus.load_case("daemon_outlives_grading")
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="the rule for root")
MISSING_USER = "no-such-account-here"


def has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@ROOT_ONLY
def test_root_never_runs_student_code_as_root(monkeypatch):
    monkeypatch.setenv(deployment.USER_VARIABLE, MISSING_USER)
    with pytest.raises(SandboxConfigError, match=f"no user '{MISSING_USER}'.*useradd --system.*--student-user"):
        student_account()
    with pytest.raises(SandboxConfigError, match="root account"):
        student_account("root")
    with pytest.raises(SandboxConfigError):
        StudentProcess(Path("/tmp"))


@ROOT_ONLY
def test_root_uses_the_named_account(monkeypatch):
    monkeypatch.setenv(deployment.USER_VARIABLE, "nobody")
    assert student_account().name == "nobody"
    assert student_account("student" if has_user("student") else "nobody").uid != 0


def test_without_root_student_code_runs_as_ourselves(monkeypatch):
    monkeypatch.setattr(deployment.os, "geteuid", lambda: 4242)
    monkeypatch.delenv(deployment.USER_VARIABLE, raising=False)
    assert student_account() is None
    with pytest.raises(SandboxConfigError, match="needs root"):
        student_account("nobody")  # another user: impossible without root, and said so


@ROOT_ONLY
def test_a_command_as_root_without_the_account_exits_2_naming_the_fix(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv(deployment.USER_VARIABLE, MISSING_USER)
    code = cli.main(["grade", "hw2", str(tmp_path), "--results", str(tmp_path / "results.json")])
    assert code == 2
    assert "refusing to run student code as root" in capsys.readouterr().err
    assert not (tmp_path / "results.json").exists()


@ROOT_ONLY
def test_gradescope_as_root_without_the_account_writes_a_misconfigured_results_json(
        monkeypatch, tmp_path, gradescope_schema):
    monkeypatch.setenv(deployment.USER_VARIABLE, MISSING_USER)
    root = tmp_path / "autograder"
    for folder in ("source", "submission", "results"):
        (root / folder).mkdir(parents=True)
    (root / "source" / "ASSIGNMENT").write_text("hw2\n")
    gradescope.run_gradescope(root)
    data = json.loads((root / "results" / "results.json").read_text())
    gradescope_schema(data)
    assert data["score"] == 0
    assert "misconfigured" in data["output"]
    [staff] = data["tests"]
    assert staff["visibility"] == "hidden" and MISSING_USER in staff["output"]


@ROOT_ONLY
def test_an_interpreter_the_account_cannot_execute_is_found_before_grading(monkeypatch, tmp_path):
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)
    monkeypatch.setattr(deployment, "interpreter_paths", lambda: [closed])
    with pytest.raises(SandboxConfigError, match="cannot execute this Python"):
        preflight()


def test_the_notice_says_who_runs_student_code(monkeypatch):
    account = deployment.Account("student", 999, 999)
    assert "'student' (uid 999)" in deployment.Deployment(account, True).notice()
    own = deployment.Deployment(account, False, own_uids=True).notice()
    assert "a uid of its own per grading (61000-61999" in own and "'student' confirms" in own
    me = deployment.Deployment(None, True).notice()
    assert "your own user" in me and "cannot see or signal" in me
    assert "whatever you can" in deployment.Deployment(None, False).notice()


@pytest.mark.parametrize("namespaces", [True, False], ids=["namespaces", "no_namespaces"])
@pytest.mark.parametrize("account", [deployment.Account("student", 999, 999), None], ids=["account", "own_user"])
def test_the_notice_states_each_fact_on_its_own_line(account, namespaces):
    """Who, network, processes, files, system calls (issue 29 item 4): what holds in this deployment, and how."""
    lines = deployment.Deployment(account, namespaces).notice().splitlines()
    assert [line.split(":")[0] for line in lines[1:]] == ["- network", "- processes", "- files", "- system calls"]
    network, processes = lines[1], lines[2]
    assert "refused by the seccomp filter" in network
    assert ("network namespace" in network) == namespaces and ("namespaces are refused" in network) != namespaces
    assert processes.startswith("- processes: hidden") if namespaces else processes.startswith("- processes: visible")
    if not namespaces:
        assert ("can also signal them" in processes) == (account is None)


def test_a_kernel_that_refuses_the_seccomp_filter_is_found_before_grading(monkeypatch):
    monkeypatch.setattr(deployment.seccomp, "works_here", lambda: False)
    with pytest.raises(SandboxConfigError, match="refuses the sandbox's seccomp filter"):
        preflight()


def test_the_child_reports_the_namespaces_it_entered(upload):
    with StudentProcess(upload("peek_at_grader"), TEST_LIMITS) as student:
        student.start()
        isolation = student.isolation
    if not namespaces_available():
        pytest.skip("this kernel refuses the namespaces")
    assert isolation == {"network": True, "pid": True, "mount": True, "read_only": True, "hidden": True,
                         "proc": True, "root": True, "capabilities_dropped": True, "seccomp": True}


def test_the_oracle_is_out_of_reach(upload):
    oracle_file = Path(sys.modules["autograder"].__file__).resolve().parents[1] / "reference" / "momentum.py"
    assert oracle_file.exists()
    with StudentProcess(upload("peek_at_grader"), TEST_LIMITS) as student:
        result = student.probe(READ_FILE, "read", str(oracle_file))
        protected = student.account is not None or student.isolation["hidden"]
    if not protected:
        pytest.skip("not root and no namespaces: student code can read what you can")
    assert result in ("PermissionError", "FileNotFoundError")


def test_student_code_cannot_write_into_the_grader_or_its_environment(upload):
    """Only new files are tried, never a change to an existing one, so a broken sandbox cannot damage
    the checkout; anything created is removed."""
    targets = [path / "student-was-here.txt" for path in deployment.grader_paths()]
    try:
        with StudentProcess(upload("peek_at_grader"), TEST_LIMITS) as student:
            results = [student.probe(CREATE_FILE, "create", str(target)) for target in targets]
            protected = student.account is not None or student.isolation["read_only"]
            scratch_writable = student.probe(CREATE_FILE, "create", "new-file-in-scratch.txt")
    finally:
        for target in targets:
            target.unlink(missing_ok=True)
    assert scratch_writable == "created"
    if not protected:
        pytest.skip("not root and no namespaces: student code can write what you can")
    assert all(result in ("PermissionError", "OSError", "FileNotFoundError") for result in results), results


def test_student_code_cannot_see_or_signal_the_grader(upload):
    with StudentProcess(upload("peek_at_grader"), TEST_LIMITS) as student:
        _, seen = student.module("deeplearning.optim").sgd_momentum(*hw2_arguments())
        in_namespace, account = student.isolation["pid"] and student.isolation["proc"], student.account
    if not (in_namespace or account):
        pytest.skip("not root and no PID namespace: student code can signal your processes")
    grader = {os.getcwd(), str(Path(__file__).parent)}
    assert not grader & set(seen["links"])
    if in_namespace:  # only its namespace: its init (1) and its own children
        assert all(pid < 10 for pid in seen["pids"]), seen["pids"]
        assert not any("pytest" in line for line in seen["cmdlines"])
    if account is not None:
        assert os.getpid() not in seen["signalable"]


@pytest.mark.parametrize("namespaces", [True, False], ids=["namespaces", "no_namespaces"])
@pytest.mark.parametrize("function", ["sgd_momentum", "adam"], ids=["returns", "then_exits"])
def test_a_daemon_dies_with_its_grading(function, namespaces, upload):
    """``adam`` ends the student process after starting the daemon: without a PID namespace the
    daemon is then reparented to us, and only the sweep of orphans finds it."""
    with StudentProcess(upload(DAEMON.name), TEST_LIMITS, namespaces=namespaces) as student:
        student.start()
        marker = Path(student._scratch_text(), "daemon-marker")  # its HOME, as in its code
        try:
            getattr(student.module("deeplearning.optim"), function)(*hw2_arguments())
            deadline = time.monotonic() + 3
            while not marker.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            started = marker.exists() and bool(sandbox_pids())
        except StudentError as error:  # adam's os._exit, once its daemon writes
            started = "the daemon is writing: True" in error.output
        account = student.account
    time.sleep(0.4)
    assert started, "the daemon never ran: the test proves nothing"
    assert not sandbox_pids(), "a student daemon outlived its grading"
    if account is not None:
        assert not any(info.uid == account.uid for info in process_table(with_uids=True).values())


def test_student_code_cannot_stop_its_parent(upload):
    with StudentProcess(upload("stop_grader"), TEST_LIMITS) as student:
        optim = student.module("deeplearning.optim")
        _, report = optim.sgd_momentum(*hw2_arguments())
        tree = descendants(process_table(), student.pid) | {student.pid}
        stopped = [pid for pid in tree if process_table().get(pid) and process_table()[pid].state == "T"]
        _, again = optim.sgd_momentum(*hw2_arguments())  # the process answers: nothing is frozen
        protected = student.account is not None or student.isolation["pid"]
    if not protected:
        assert report["signal"].startswith("skipped")
        return
    assert report["signal"] in ("refused", "sent") and again == report
    assert not stopped
