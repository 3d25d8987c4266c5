"""Each grading under a uid of its own (issue 29, item 3): drawn from the declared range, never shared by two
gradings at once, and a neighbour holding the ``student`` account's process limit does not stop a grading."""
from __future__ import annotations

import os
import pwd
import resource
import time

import pytest

from autograder.sandbox import uids
from autograder.sandbox.limits import Limits
from autograder.sandbox.processes import kill_selected
from autograder.sandbox.student import StudentProcess
from sandbox_support import TEST_LIMITS

IDENTITY = "import os\ndef ids():\n    return os.getuid(), os.getgid(), os.getgroups()\n"
STARTS_THREADS = """
import threading

def start_threads(count):
    try:
        threads = [threading.Thread(target=lambda: None) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return "started"
    except RuntimeError as error:
        return f"refused: {error}"
"""
PROCESS_LIMIT = 8  # the grading's RLIMIT_NPROC here, and what the neighbour holds of the student account
NEIGHBOUR_SECONDS = 60  # the neighbour's processes end by themselves after this, whatever happens


@pytest.fixture
def own_uids(student_user):
    if not uids.available():
        pytest.skip("this kernel or machine gives no uid of its own per grading")
    return student_user


def test_concurrent_gradings_run_under_distinct_uids_of_the_range(tmp_path, own_uids):
    with StudentProcess(tmp_path, TEST_LIMITS, user=own_uids) as first, \
            StudentProcess(tmp_path, TEST_LIMITS, user=own_uids) as second:
        seen = [first.probe(IDENTITY, "ids"), second.probe(IDENTITY, "ids")]
    (uid_1, gid_1, groups_1), (uid_2, gid_2, groups_2) = seen
    assert uid_1 != uid_2 and {uid_1, uid_2} <= set(uids.DYNAMIC_UIDS)
    assert (gid_1, gid_2) == (uid_1, uid_2) and groups_1 == groups_2 == []


def test_a_drawn_uid_is_not_drawn_again_until_released(own_uids):
    lease = uids.draw()
    only_that_one = range(lease.uid, lease.uid + 1)
    try:
        assert uids.draw(only_that_one) is None
    finally:
        lease.release()
    again = uids.draw(only_that_one)
    assert again is not None and again.uid == lease.uid and not again.stale
    again.release()


def test_a_uid_whose_grader_died_holding_it_is_marked_stale(own_uids):
    lease = uids.draw()
    only_that_one = range(lease.uid, lease.uid + 1)
    lease.release()
    grader = os.fork()
    if grader == 0:  # draws the uid and dies without releasing it
        os._exit(3 if uids.draw(only_that_one) is not None else 4)
    _, status = os.waitpid(grader, 0)
    assert os.WEXITSTATUS(status) == 3
    after_death = uids.draw(only_that_one)
    assert after_death is not None and after_death.stale
    after_death.release()


def _start_neighbour(uid: int, gid: int) -> int:
    """A process group of the student account holding its process limit: ``PROCESS_LIMIT`` sleeping
    processes (the neighbour itself included), started under RLIMIT_NPROC = ``PROCESS_LIMIT`` until the
    kernel refuses. Returns the group's id once it holds them."""
    ready_read, ready_write = os.pipe()
    leader = os.fork()
    if leader == 0:
        try:
            os.setpgid(0, 0)
            os.setgroups([])
            os.setgid(gid)
            resource.setrlimit(resource.RLIMIT_NPROC, (PROCESS_LIMIT, PROCESS_LIMIT))
            os.setuid(uid)
            for _ in range(PROCESS_LIMIT):  # bounded: at most this many, the limit stops it sooner
                try:
                    if os.fork() == 0:
                        time.sleep(NEIGHBOUR_SECONDS)
                        os._exit(0)
                except OSError:
                    break
            os.write(ready_write, b"x")
            time.sleep(NEIGHBOUR_SECONDS)
        finally:
            os._exit(0)
    os.close(ready_write)
    os.read(ready_read, 1)
    os.close(ready_read)
    return leader


def test_a_neighbour_holding_the_student_accounts_process_limit_does_not_stop_a_grading(
        tmp_path, own_uids, monkeypatch):
    account = pwd.getpwnam(own_uids)
    limits = Limits(wall_seconds=10.0, processes=PROCESS_LIMIT)
    neighbour = _start_neighbour(account.pw_uid, account.pw_gid)
    try:
        with StudentProcess(tmp_path, limits, user=own_uids) as grading:
            own = grading.probe(STARTS_THREADS, "start_threads", 2)
        monkeypatch.setattr(uids, "draw", lambda: None)  # the control: the shared account, as before issue 29
        with StudentProcess(tmp_path, limits, user=own_uids) as shared:
            assert shared.account.uid == account.pw_uid
            control = shared.probe(STARTS_THREADS, "start_threads", 2)
    finally:  # its processes, reparented to us (a subreaper) as they die, are reaped too
        kill_selected(lambda table: {info.pid for info in table.values() if info.pgid == neighbour})
    assert control.startswith("refused"), "the neighbour did not hold the limit: the test proves nothing"
    assert own == "started"
