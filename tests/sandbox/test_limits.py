"""Limits validate their values; sizes print in binary units; the CPU limits hold whatever student code does."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from autograder.sandbox.errors import StudentError
from autograder.sandbox.limits import GIB, KIB, MIB, Limits, format_bytes
from autograder.sandbox.student import StudentProcess
from sandbox_support import TEST_LIMITS, hw2_arguments, started_by_student_code


def test_defaults_match_the_issue():
    limits = Limits()
    assert (limits.wall_seconds, limits.cpu_seconds, limits.memory_bytes) == (20.0, 60, 2 * GIB)
    assert (limits.file_bytes, limits.processes, limits.open_files, limits.output_bytes) == (64 * MIB, 64, 256, 64 * KIB)


@pytest.mark.parametrize("field, value", [("wall_seconds", 0), ("cpu_seconds", 1.5), ("call_cpu_seconds", 0),
                                          ("memory_bytes", -1),
                                          ("processes", 0)])
def test_bad_values_are_refused(field, value):
    with pytest.raises(ValueError, match=field):
        Limits(**{field: value})


@pytest.mark.parametrize("count, text", [(2 * GIB, "2 GiB"), (64 * KIB, "64 KiB"), (1536 * KIB, "1.5 MiB"),
                                         (100, "100 bytes")])
def test_format_bytes(count, text):
    assert format_bytes(count) == text


# Limits the student cannot lift (issue 29 item 6): CPU time measured on the trusted side, over every process
# of the call; the cases are in tests/hostile (check = "cpu_limit"). Small limits: a call may use 1 s of CPU.
CPU_LIMITS = dataclasses.replace(TEST_LIMITS, wall_seconds=20.0, call_cpu_seconds=1, cpu_seconds=30)
ONE_CALL = "used more than 1 s of CPU time in one call, counting every process it started: stopped"


def _call(student: StudentProcess, **config: object) -> object:
    w, dw, arguments = hw2_arguments()
    try:
        return student.module("deeplearning.optim").sgd_momentum(w, dw, {**arguments, **config})
    except StudentError as error:
        return error


@pytest.mark.parametrize("namespaces", [True, False], ids=["namespaces", "no_namespaces"])
def test_raising_the_soft_cpu_limit_does_not_lift_the_calls_limit(namespaces, upload):
    """It spends 3 s of CPU (three times the call's limit) and then returns the right step: stopped all the same,
    the limit named (the wall-clock limit, 20 s, would say "did not return")."""
    with StudentProcess(upload("cpu_limit_raised"), CPU_LIMITS, namespaces=namespaces) as student:
        outcome = _call(student, spin_seconds=3.0)
    assert isinstance(outcome, StudentError), outcome
    assert outcome.kind == "timeout" and outcome.message == f"deeplearning.optim.sgd_momentum {ONE_CALL}"


def test_within_the_limit_the_same_upload_gets_its_values(upload):
    """The control: the same code spending 0.3 s returns the momentum step (HW2 Q1: v = 0.9 v - lr dw)."""
    w, dw, arguments = hw2_arguments()
    with StudentProcess(upload("cpu_limit_raised"), CPU_LIMITS) as student:
        next_w, config = _call(student, spin_seconds=0.3)
    velocity = 0.9 * arguments["velocity"] - arguments["learning_rate"] * dw
    np.testing.assert_allclose(next_w, w + velocity)


@pytest.mark.parametrize("namespaces", [True, False], ids=["namespaces", "no_namespaces"])
def test_spinners_forked_in_a_call_do_not_outlive_it(namespaces, upload):
    with StudentProcess(upload("forked_spinners"), CPU_LIMITS, namespaces=namespaces) as student:
        _, report = _call(student)
        assert len(report["pids"]) == 2 and not started_by_student_code(student)
        server = student.pid
        _, again = _call(student)  # the student process itself lives on and serves the next call
        assert student.pid == server and len(again["pids"]) == 2


@pytest.mark.parametrize("namespaces", [True, False], ids=["namespaces", "no_namespaces"])
def test_the_cpu_of_every_process_of_a_call_counts(namespaces, upload):
    """Two forked spinners and a parent that only waits: each spinner's own RLIMIT_CPU would let it run to the wall
    limit (20 s, where the message would say "did not return"); their sum stops the call at 1 s of CPU."""
    with StudentProcess(upload("forked_spinners"), CPU_LIMITS, namespaces=namespaces) as student:
        outcome = _call(student, wait=True)
    assert isinstance(outcome, StudentError) and outcome.message == f"deeplearning.optim.sgd_momentum {ONE_CALL}"


def test_a_process_that_kills_itself_is_not_said_to_use_too_much_memory(upload, tmp_path):
    folder = tmp_path / "suicide"
    (folder / "deeplearning").mkdir(parents=True)
    (folder / "deeplearning" / "optim.py").write_text(
        "import os, signal\n\ndef sgd_momentum(w, dw, config=None):\n    os.killpg(0, signal.SIGKILL)\n")
    with StudentProcess(folder, TEST_LIMITS) as student:
        outcome = _call(student)
    assert outcome.kind == "crash" and "memory" not in outcome.message
    assert "killed (SIGKILL), and no limit of the grader was hit: your code killed itself or its process group" \
        in outcome.message
