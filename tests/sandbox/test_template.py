"""The warm template (issue 14): a student process forked from it is confined exactly as a cold one, nothing of
one submission reaches the next, its end reads as a cold child's would, and a template that fails costs only a
cold start. The whole code-level hostile corpus runs again, warm."""
from __future__ import annotations

import os
import signal
import textwrap

import pytest

from autograder.sandbox import template
from autograder.sandbox.deployment import namespaces_available
from autograder.sandbox.errors import StudentError
from autograder.sandbox.student import StudentProcess, child_environment
from sandbox_support import TEST_LIMITS, is_alive, parent_of
from test_hostile_code import GENERIC, REFUSED_CALLS, listeners  # noqa: F401  (listeners: a fixture)
from test_hostile_code import test_escaping_system_calls_are_refused_with_eperm as refused_check
from test_hostile_code import test_hostile_case_fails_with_the_expected_error as hostile_case_check

SNOOP = textwrap.dedent('''
    import os
    import sys

    import numpy as np

    def facts():
        return {"modules": sorted(name for name in sys.modules if name.startswith("deeplearning")),
                "env": dict(os.environ), "fds": len(os.listdir("/proc/self/fd")), "draw": float(np.random.rand()),
                "norm": float(np.linalg.norm(np.array([3.0, 4.0]))), "cwd": os.getcwd()}

    def rig():
        np.linalg.norm = lambda *args, **kwargs: 42.0  # what a hostile submission leaves behind
        global LEFT
        LEFT = "secret of the previous submission"
        return float(np.linalg.norm(np.array([3.0, 4.0])))

    def leave(code):
        os._exit(code)

    def kill_self():
        os.kill(os.getpid(), 9)
    ''')


@pytest.fixture
def warm():
    """The template switched on for this test; afterwards it is killed and switched off again."""
    template.enable()
    yield
    template.disable()


@pytest.fixture
def upload(tmp_path):
    def make(name: str):
        folder = tmp_path / name
        (folder / "deeplearning").mkdir(parents=True)
        (folder / "deeplearning" / "snoop.py").write_text(SNOOP)
        return folder
    return make


def _facts(folder, **options):
    with StudentProcess(folder, TEST_LIMITS, **options) as student:
        facts = student.module("deeplearning.snoop").facts()
        return facts, student.isolation, parent_of(student.pid)


def test_a_warm_child_is_forked_by_the_template_and_confined_as_a_cold_one(upload):
    folder = upload("a")
    cold, cold_isolation, cold_parent = _facts(folder)
    template.enable()
    try:
        warm, warm_isolation, warm_parent = _facts(folder)
        assert warm_parent == template._shared.pid != os.getpid()
    finally:
        template.disable()
    assert cold_parent == os.getpid()
    assert warm_isolation == cold_isolation and warm["fds"] == cold["fds"]
    for facts in (cold, warm):
        assert facts["env"] == child_environment(type(folder)(facts["cwd"]))


def test_nothing_of_one_submission_reaches_the_next(warm, upload):
    with StudentProcess(upload("first"), TEST_LIMITS) as student:
        assert student.module("deeplearning.snoop").rig() == 42.0
        first = student.module("deeplearning.snoop").facts()
    second, _, _ = _facts(upload("second"))
    third, _, _ = _facts(upload("third"))
    assert first["norm"] == 42.0 and second["norm"] == third["norm"] == 5.0
    assert len({first["draw"], second["draw"], third["draw"]}) == 3  # each fork draws its own seed
    with StudentProcess(upload("fourth"), TEST_LIMITS) as student:
        assert student.probe("def left():\n    import deeplearning.snoop as s\n    return hasattr(s, 'LEFT')\n",
                             "left") is False


@pytest.mark.parametrize("function, argument, message", [
    ("leave", 3, "exit status 3"), ("leave", 0, "exit status 0"), ("kill_self", None, "SIGKILL")])
def test_a_warm_childs_end_reads_as_a_cold_childs(upload, function, argument, message):
    folder = upload("ends")

    def ending() -> str:
        with StudentProcess(folder, TEST_LIMITS) as student:
            call = getattr(student.module("deeplearning.snoop"), function)
            with pytest.raises(StudentError) as raised:
                call(*([] if argument is None else [argument]))
            assert student.pid is None  # the child was stopped; the next call starts another
            return raised.value.message.replace(str(folder), "")

    cold = ending()
    template.enable()
    try:
        assert ending() == cold and message in cold
    finally:
        template.disable()


def test_a_dead_template_is_replaced(warm, upload):
    _facts(upload("a"))
    first = template._shared.pid
    os.kill(first, signal.SIGKILL)
    facts, _, _ = _facts(upload("b"))  # cold, or from a new template, depending on when the death is seen
    assert facts["norm"] == 5.0
    facts, _, parent = _facts(upload("c"))
    assert facts["norm"] == 5.0 and parent == template._shared.pid != first and not is_alive(first)


def test_a_template_that_does_not_answer_costs_a_cold_start(warm, upload, monkeypatch):
    _facts(upload("a"))
    stuck = template._shared.pid
    monkeypatch.setattr(template, "REPLY_SECONDS", 0.5)
    os.kill(stuck, signal.SIGSTOP)
    facts, _, parent = _facts(upload("b"))
    assert facts["norm"] == 5.0 and parent == os.getpid()  # started cold
    assert template._shared is None and not is_alive(stuck)


def test_no_template_where_student_code_could_reach_it(warm, upload):
    """Without namespaces and without a student account, a child runs as our own user in our PID namespace."""
    student = StudentProcess(upload("a"), TEST_LIMITS, namespaces=False)
    with student:
        student.start()
        forked = parent_of(student.pid) != os.getpid()
    assert forked == (student.account is not None)
    with StudentProcess(upload("b"), TEST_LIMITS) as student:
        student.start()
        assert (parent_of(student.pid) != os.getpid()) == (student.account is not None or namespaces_available())


@pytest.mark.parametrize("name", GENERIC)
def test_every_hostile_case_fails_the_same_way_warm(name, warm, tmp_path):
    from sandbox_support import corpus

    hostile_case_check(name, lambda case: corpus.load_case(case).upload(tmp_path))


@pytest.mark.parametrize("name", REFUSED_CALLS)
def test_a_warm_child_gets_the_seccomp_filter_too(name, warm, tmp_path, listeners):
    from sandbox_support import corpus

    refused_check(name, True, lambda case: corpus.load_case(case).upload(tmp_path), listeners)
