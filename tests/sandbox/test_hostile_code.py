"""Every code-level hostile submission (stages "call" and "probe" of tests/hostile/) run through
StudentProcess directly: the error kind and message, the parent's survival, no process left after
close() (the autouse guard in conftest.py), and a bound on the time taken (a hang guard only)."""
from __future__ import annotations

import os
import socket
import time
import unittest

import numpy as np
import pytest

from autograder.sandbox.deployment import namespaces_available
from autograder.sandbox.errors import StudentError
from autograder.sandbox.student import StudentProcess
from sandbox_support import TEST_LIMITS, corpus, hw2_arguments, is_alive, sandbox_pids, started_by_student_code

HANG_GUARD_SECONDS = 60  # far above any limit used here: fails only if the sandbox hangs
GENERIC = [case.name for case in corpus.cases("call") + corpus.cases("probe") if "kind" in case.expect]
CHECKED = {case.name: case.expect["check"] for case in corpus.cases("call") if "check" in case.expect}

BUILD_NET = """
from deeplearning.classifiers.fc_net import FullyConnectedNet

def build_net():
    net = FullyConnectedNet([10, 10], input_dim=6, num_classes=3)
    return net.params
"""


def run_case(name: str, upload, namespaces: bool = True, **config: object) -> tuple[object, StudentProcess]:
    """Call the case's function (or its probe) once; returns the value or the StudentError. ``namespaces=False``:
    as where the kernel refuses them (Docker's default profile)."""
    case = corpus.load_case(name)
    student = StudentProcess(upload(name), TEST_LIMITS, namespaces=namespaces)
    try:
        if case.stage == "probe":
            return _outcome(lambda: student.probe(BUILD_NET, "build_net")), student
        module, _, function = case.expect["call"].rpartition(".")
        w, dw, arguments = hw2_arguments()
        arguments.update(config)
        return _outcome(lambda: getattr(student.module(module), function)(w, dw, arguments)), student
    except BaseException:
        student.close()
        raise


def _outcome(call) -> object:
    try:
        return call()
    except StudentError as error:
        return error


@pytest.mark.parametrize("name", GENERIC)
def test_hostile_case_fails_with_the_expected_error(name, upload):
    expect = corpus.load_case(name).expect
    started = time.monotonic()
    outcome, student = run_case(name, upload)
    with student:
        assert isinstance(outcome, StudentError), f"expected a StudentError, got {outcome!r}"
        assert outcome.kind == expect["kind"], outcome.message
        assert expect["message"] in outcome.message
        pids = sandbox_pids()
    assert time.monotonic() - started < HANG_GUARD_SECONDS
    assert not any(is_alive(pid) for pid in pids)


def test_the_next_call_after_a_fatal_error_gets_a_fresh_process(upload):
    outcome, student = run_case("os_exit_in_function", upload)
    with student:
        assert outcome.kind == "exit"
        assert student.pid is None
        # A fresh interpreter: the module the fatal call imported is not loaded in it.
        assert student.probe("import sys\ndef loaded():\n    return 'deeplearning.optim' in sys.modules\n",
                             "loaded") is False
        assert student.pid is not None and is_alive(student.pid)


def test_fork_loop_is_bounded_and_every_child_dies_with_the_call(upload):
    outcome, student = run_case("fork_loop", upload)
    with student:
        _, report = outcome
        assert report["pids"] and not started_by_student_code(student)
        if student.account is not None:  # RLIMIT_NPROC only binds the dedicated user
            assert report["refused"] and len(report["pids"]) < TEST_LIMITS.processes


def test_writing_results_json_never_reaches_the_grader(upload, tmp_path, monkeypatch):
    root = tmp_path / "autograder"
    (root / "results").mkdir(parents=True)
    monkeypatch.setenv("AUTOGRADER_ROOT", str(root))
    outcome, student = run_case("write_results_json", upload)
    with student:
        _, report = outcome
    assert "AUTOGRADER_ROOT" not in report["environment"]
    assert str(root / "results") not in report["written"]
    assert not (root / "results" / "results.json").exists()


def test_fake_results_on_stdout_are_only_output(upload):
    outcome, student = run_case("fake_results_stdout", upload)
    with student:
        next_w, _ = outcome
        assert '"score": 100.0' in student.output()
    np.testing.assert_array_equal(next_w, np.full((4, 5), 42.0))


@pytest.mark.parametrize("name", ["monkeypatch_numpy", "monkeypatch_builtins", "monkeypatch_unittest"])
def test_monkeypatching_in_the_child_leaves_the_grader_intact(name, upload):
    allclose, assert_equal, builtin_abs = np.allclose, unittest.TestCase.assertEqual, abs
    outcome, student = run_case(name, upload)
    with student:
        next_w, _ = outcome
    assert (np.allclose, unittest.TestCase.assertEqual, abs) == (allclose, assert_equal, builtin_abs)
    w, dw, config = hw2_arguments()
    expected = w - config["learning_rate"] * dw  # any honest step; 42 everywhere is not one
    assert not np.allclose(next_w, expected)
    with pytest.raises(AssertionError):
        unittest.TestCase().assertEqual(float(next_w[0, 0]), float(expected[0, 0]))


def test_rigged_float_subclass_arrives_as_a_plain_value(upload):
    outcome, student = run_case("rigged_float_subclass", upload)
    with student:
        value, config = outcome
    assert type(value) is float and value == 123.5  # the true value, not the lying __float__'s 0.0
    assert type(config["loss"]) is float and config["loss"] == -1.25
    assert type(config["velocity"]) is np.ndarray
    assert not (config["velocity"] == 0).any() and (config["velocity"] - 7.0 == 0).all()
    assert not value == 0.0 and not value < 0.0


def test_nan_results_arrive_as_nan(upload):
    outcome, student = run_case("nan_result", upload)
    with student:
        next_w, config = outcome
    assert np.isnan(next_w).all() and np.isinf(config["velocity"]).all() and np.isnan(config["loss"])


def test_arguments_cross_as_copies(upload):
    case = corpus.load_case("mutates_arguments")
    w, dw, config = hw2_arguments()
    originals = (w.copy(), dw.copy(), {key: np.copy(value) for key, value in config.items()})
    with StudentProcess(upload(case.name), TEST_LIMITS) as student:
        student.module("deeplearning.optim").sgd_momentum(w, dw, config)
    np.testing.assert_array_equal(w, originals[0])
    np.testing.assert_array_equal(dw, originals[1])
    assert config.keys() == originals[2].keys() and config["learning_rate"] == 1e-3


def test_the_oracle_cannot_be_imported(upload):
    outcome, student = run_case("read_reference", upload)
    with student:
        _, report = outcome
    for name, result in report["imports"].items():
        assert result.startswith("ModuleNotFoundError"), f"{name}: {result}"


def test_background_processes_die_with_the_call(upload):
    """A double-forked daemon and a ``sleep`` are killed once the call has returned (issue 29 item 6); the student
    process itself lives on."""
    outcome, student = run_case("background_process", upload)
    with student:
        _, report = outcome
        assert report["daemon_pid"] and report["sleep_pid"] and not started_by_student_code(student)
        assert is_alive(student.pid)


def test_megabytes_of_stdout_are_truncated_with_a_marker(upload):
    outcome, student = run_case("megabytes_stdout", upload)
    with student:
        output = student.output()
    dropped = 40000 * len("spam " * 20 + "\n") - 2 * (TEST_LIMITS.output_bytes // 2)
    assert f"... [output truncated: {dropped} bytes dropped]" in output
    assert len(output.encode()) < TEST_LIMITS.output_bytes + 200
    assert isinstance(outcome, tuple)


def test_undecodable_output_is_replaced(upload):
    outcome, student = run_case("undecodable_stdout", upload)
    with student:
        output = student.output()
    assert "before \ufffd" in output and "after" in output and "broken two-byte sequence" in output
    output.encode("utf-8")


NAMESPACES = pytest.mark.parametrize("namespaces", [True, False], ids=["namespaces", "no_namespaces"])
REFUSED_CALLS = [name for name, check in CHECKED.items() if check == "refused_call"]


def test_network_access_is_refused(upload):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        outcome, student = run_case("network_access", upload, port=server.getsockname()[1])
        with student:
            assert student.isolation["seccomp"]
    assert outcome[1]["network"] == "PermissionError: [Errno 1] Operation not permitted"


@pytest.fixture
def listeners():
    """A TCP listener on 127.0.0.1 and one on ::1 (where this machine has IPv6): the ports the hostile code
    aims at, never an outside address. Yields (port, port6) and checks afterwards that nobody connected."""
    opened = []
    for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        try:
            server = socket.socket(family)
            server.bind((host, 0))
        except OSError:  # no IPv6 here: the socket call is refused before any address is looked at anyway
            opened.append(None)
            continue
        server.listen(1)
        server.setblocking(False)
        opened.append(server)
    yield tuple(server.getsockname()[1] if server else 9 for server in opened)
    for server in filter(None, opened):
        with server:
            with pytest.raises(BlockingIOError):
                server.accept()


@NAMESPACES
@pytest.mark.parametrize("name", REFUSED_CALLS)
def test_escaping_system_calls_are_refused_with_eperm(name, namespaces, upload, listeners):
    """The seccomp filter, with or without namespaces: each attempt gets EPERM as an ordinary OSError, and the
    call still returns (the student process lives on)."""
    port, port6 = listeners
    outcome, student = run_case(name, upload, namespaces=namespaces, port=port, port6=port6, grader_pid=os.getpid())
    with student:
        assert isinstance(outcome, tuple), outcome
        assert student.isolation["seccomp"] and student.isolation["pid"] == (namespaces and namespaces_available())
    attempts = outcome[1]["attempts"]
    assert attempts and set(attempts.values()) == {"PermissionError errno 1"}, attempts
    if name == "internet_socket":
        assert outcome[1]["unix_socketpair"] is True  # AF_UNIX stays: multiprocessing and torch need it


@NAMESPACES
def test_the_graders_environment_cannot_be_read(namespaces, upload, monkeypatch):
    monkeypatch.setenv("SECRET_TOKEN", "do-not-leak")
    outcome, student = run_case("read_grader_environ", upload, namespaces=namespaces, grader_pid=os.getpid())
    with student:
        own_proc = student.isolation["proc"]
    report = outcome[1]
    assert "do-not-leak" not in report["stolen"] and report["stolen"] == ""
    expected = "FileNotFoundError errno 2" if own_proc else "PermissionError errno 13"
    assert report["attempts"] == {"environ": expected}


def test_environment_is_minimal(upload, monkeypatch):
    monkeypatch.setenv("SECRET_TOKEN", "do-not-leak")
    outcome, student = run_case("read_environment", upload)
    with student:
        environment = outcome[1]["environment"]
    assert "SECRET_TOKEN" not in environment and "AUTOGRADER_ROOT" not in environment
    assert environment["OMP_NUM_THREADS"] == "1"
    assert set(environment) <= {"PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "MPLBACKEND", "MPLCONFIGDIR",
                                "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                "NUMEXPR_NUM_THREADS", "MALLOC_ARENA_MAX", "LC_CTYPE"}


def test_killing_the_grader_is_refused_as_the_student_user(upload, student_user):
    case = corpus.load_case("kill_grader")
    w, dw, config = hw2_arguments()
    with StudentProcess(upload(case.name), TEST_LIMITS, user=student_user) as student:
        _, report = student.module("deeplearning.optim").sgd_momentum(w, dw, config)
    assert report["skipped"] == "" and report["refused"] > 0 and os.getppid() > 1


def test_killing_the_grader_is_not_even_tried_as_the_graders_user(upload):
    outcome, student = run_case("kill_grader", upload)
    with student:
        _, report = outcome
    if student.account is not None:
        pytest.skip("runs as the student user here: see the test above")
    assert report == {"refused": 0, "skipped": "running as the grader's user: not tried"}


def test_every_code_case_is_exercised():
    dedicated = {"fork_loop", "write_results_json", "fake_results_stdout", "wrong_value_graded_wrong",
                 "rigged_float_subclass", "nan_result", "mutates_arguments", "read_reference",
                 "background_process", "megabytes_stdout", "undecodable_stdout", "network_access",
                 "read_environment", "kill_grader", "refused_call", "read_grader_environ",  # the last two: above
                 "daemon_outlives_grading", "peek_at_grader", "stop_grader",  # these three: test_deployment.py
                 "leave_temp_files", "scan_other_gradings", "read_outside_scratch",  # test_filesystem_view.py
                 "cpu_limit"}  # test_limits.py
    assert set(CHECKED.values()) <= dedicated
    for case in corpus.cases("call") + corpus.cases("probe"):
        assert case.name in GENERIC or case.name in CHECKED, case.name
    assert len(corpus.all_cases()) >= 30
