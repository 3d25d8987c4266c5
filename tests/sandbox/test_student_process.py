"""StudentProcess with well-behaved and simply broken student code: values cross intact, errors
read well, the child is restarted after a fatal error, and nothing of ours is importable there."""
from __future__ import annotations

import dataclasses
import os
import textwrap
import time

import numpy as np
import pytest

from autograder.sandbox.errors import SandboxStartError, StudentError
from autograder.sandbox.limits import MIB, Limits
from autograder.sandbox.student import StudentProcess
from autograder.sandbox.wire import WireError
from sandbox_support import TEST_LIMITS

TOOLS = '''
import os
import sys
import time

import numpy as np

calls = 0


def echo(*args, **kwargs):
    return args, kwargs


def count():
    global calls
    calls += 1
    return calls


def shout(text):
    print("out:", text)
    print("err:", text, file=sys.stderr)
    return len(text)


def divide(a, b):
    return a / b


def spin(seconds):
    end = time.time() + seconds
    while time.time() < end:
        pass


def nap(seconds):
    time.sleep(seconds)


def where():
    with open("written-by-student.txt", "w") as handle:
        handle.write("x")
    return os.getcwd()


NOT_A_FUNCTION = 3
'''


@pytest.fixture
def submission(tmp_path):
    folder = tmp_path / "submission"
    (folder / "deeplearning").mkdir(parents=True)
    (folder / "deeplearning" / "tools.py").write_text(TOOLS)
    return folder


def test_values_cross_with_their_types(submission):
    values = (None, True, -3, 2.5, float("inf"), "naïve", [1, [2.0]], (1, (2,)),
              {"w": np.arange(6, dtype=np.float32).reshape(2, 3), "mask": np.array([True, False]),
               "t": np.int64(5), "lr": np.float32(0.5), "empty": np.zeros((0, 4))})
    with StudentProcess(submission, TEST_LIMITS) as student:
        args, kwargs = student.module("deeplearning.tools").echo(*values, key=np.float64(1.5))
    assert args[:8] == values[:8] and type(args[6]) is list and type(args[7]) is tuple
    received = args[8]
    for name, sent in values[8].items():
        assert type(received[name]) is type(sent) and np.asarray(received[name]).dtype == np.asarray(sent).dtype
        np.testing.assert_array_equal(received[name], sent)
    assert kwargs == {"key": 1.5} and type(kwargs["key"]) is np.float64


def test_an_exception_names_the_function_the_error_and_the_student_line(submission):
    with StudentProcess(submission, TEST_LIMITS) as student:
        with pytest.raises(StudentError) as raised:
            student.module("deeplearning.tools").divide(1, 0)
    error = raised.value
    assert error.kind == "exception"
    assert error.message.startswith("divide raised ZeroDivisionError: division by zero\n")
    line = TOOLS.splitlines().index("    return a / b") + 1
    assert f'File "deeplearning/tools.py", line {line}, in divide' in error.message
    assert "<sandbox" not in error.message and str(submission) not in error.message


def test_missing_module_function_and_non_function(submission):
    with StudentProcess(submission, TEST_LIMITS) as student:
        messages = []
        for module, function in [("deeplearning.optim", "adam"), ("deeplearning.tools", "adam"),
                                 ("deeplearning.tools", "NOT_A_FUNCTION")]:
            with pytest.raises(StudentError) as raised:
                getattr(student.module(module), function)()
            assert raised.value.kind == "missing"
            messages.append(raised.value.message)
    assert messages == ["deeplearning/optim.py was not found in your submission (could not import deeplearning.optim)",
                        "deeplearning.tools has no function adam",
                        "deeplearning.tools.NOT_A_FUNCTION is not a function"]


def test_output_is_captured_per_call(submission):
    with StudentProcess(submission, TEST_LIMITS) as student:
        tools = student.module("deeplearning.tools")
        assert tools.shout("hi") == 2
        assert student.output() == "out: hi\nerr: hi\n"
        tools.count()
        assert student.output() == ""


def test_a_timeout_kills_the_child_and_the_next_call_reimports(submission):
    with StudentProcess(submission, Limits(wall_seconds=1.0)) as student:
        tools = student.module("deeplearning.tools")
        assert [tools.count(), tools.count()] == [1, 2]
        with pytest.raises(StudentError) as raised:
            tools.spin(30)
        assert raised.value.kind == "timeout"
        assert raised.value.message == "deeplearning.tools.spin did not return within 1 s (the limit for one call): stopped"
        assert tools.count() == 1  # a fresh process imported the module again


def test_the_cpu_limit_stops_a_busy_child(submission):
    with StudentProcess(submission, Limits(wall_seconds=30.0, cpu_seconds=1)) as student:
        with pytest.raises(StudentError) as raised:
            student.module("deeplearning.tools").spin(60)
    assert raised.value.kind == "timeout"
    assert raised.value.message == ("deeplearning.tools.spin used more than 1 s of CPU time in all (the limit for one "
                                    "student process), counting every process it started: stopped")


def test_one_call_may_use_only_its_own_cpu_limit_and_sleeping_uses_none(submission):
    """call_cpu_seconds stops a busy call long before the wall limit (CPU time: the machine's load does not
    matter); a call that waits uses no CPU and is not stopped; earlier calls' CPU time does not count."""
    limits = Limits(wall_seconds=30.0, cpu_seconds=60, call_cpu_seconds=1)
    with StudentProcess(submission, limits) as student:
        tools = student.module("deeplearning.tools")
        for _ in range(3):
            tools.spin(0.6)  # 1.8 s of CPU in all, 0.6 s per call: within the limit of one call
        tools.nap(1.5)
        started = time.monotonic()
        with pytest.raises(StudentError) as raised:
            tools.spin(60)
        assert time.monotonic() - started < 15  # the wall limit (30 s) did not stop it
        assert tools.count() == 1  # a fresh process
    assert raised.value.kind == "timeout"
    assert raised.value.message == ("deeplearning.tools.spin used more than 1 s of CPU time in one call, counting every "
                                    "process it started: stopped")


def test_our_packages_cannot_be_imported_in_the_child(submission):
    probe = textwrap.dedent("""
        import importlib

        def try_imports():
            outcome = {}
            for name in ("reference", "assignments", "autograder", "autograder.sandbox"):
                try:
                    importlib.import_module(name)
                    outcome[name] = "imported"
                except ImportError as error:
                    outcome[name] = type(error).__name__
            return outcome
    """)
    with StudentProcess(submission, TEST_LIMITS) as student:
        outcome = student.probe(probe, "try_imports")
    assert outcome == dict.fromkeys(["reference", "assignments", "autograder", "autograder.sandbox"],
                                    "ModuleNotFoundError")


def test_student_writes_stay_in_a_scratch_copy_that_close_deletes(submission):
    with StudentProcess(submission, TEST_LIMITS) as student:
        scratch = student.module("deeplearning.tools").where()
        assert os.path.exists(os.path.join(scratch, "written-by-student.txt"))
    assert not os.path.exists(scratch)
    assert not (submission / "written-by-student.txt").exists()


def test_a_closed_process_refuses_calls(submission):
    student = StudentProcess(submission, TEST_LIMITS)
    student.close()
    student.close()
    with pytest.raises(RuntimeError):
        student.module("deeplearning.tools").count()


def test_values_we_cannot_send_are_our_error_not_the_students(submission):
    with StudentProcess(submission, TEST_LIMITS) as student, pytest.raises(WireError):
        student.module("deeplearning.tools").echo({1, 2})


def test_a_child_that_cannot_start_is_an_internal_error(submission):
    with StudentProcess(submission, Limits(memory_bytes=8 * MIB)) as student, pytest.raises(SandboxStartError):
        student.module("deeplearning.tools").count()


def test_a_function_that_timed_out_is_not_called_again(submission):
    limits = dataclasses.replace(TEST_LIMITS, wall_seconds=0.5)
    with StudentProcess(submission, limits) as student:
        tools = student.module("deeplearning.tools")
        with pytest.raises(StudentError, match="did not return within 0.5 s") as first:
            tools.spin(30)
        started = time.monotonic()
        with pytest.raises(StudentError) as again:
            tools.spin(0)  # would return at once: it is not tried
        assert time.monotonic() - started < 0.3
        assert again.value.kind == "timeout" and again.value.message.startswith("not run: in an earlier check")
        assert first.value.message in again.value.message
        assert tools.count() == 1  # other functions still run, in a fresh process


def test_launch_returns_before_the_child_is_ready_and_waiting_later_costs_no_startup_time(submission):
    """launch() only starts the interpreter; the caller's own work until start() (grading the answers)
    does not count against startup_seconds: here the caller is busy for longer than that allowance."""
    limits = dataclasses.replace(TEST_LIMITS, startup_seconds=3.0)
    with StudentProcess(submission, limits) as student:
        started = time.monotonic()
        student.launch()
        assert student.pid is not None and student.isolation is None  # no hello read yet
        assert time.monotonic() - started < 0.5  # far less than a Python start with numpy
        launched = student.pid
        time.sleep(limits.startup_seconds + 0.5)
        student.start()
        assert student.pid == launched and student.isolation is not None
        assert student.module("deeplearning.tools").count() == 1


def test_closing_a_launched_child_before_it_is_ready_leaves_nothing(submission):
    student = StudentProcess(submission, TEST_LIMITS)
    student.launch()
    scratch = student._child.scratch
    student.close()
    assert student.pid is None and not scratch.exists()  # the guard fixture checks no process survives
