"""The time budget counts CPU time, interrupts long work, keeps an outer alarm (of either clock),
has a wall-clock backstop, and works off the main thread."""
import signal
import threading
import time

import pytest

from autograder.grading.answers.budget import check_time, time_budget, wall_seconds
from autograder.grading.answers.errors import CheckTimeout


def spin(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_busy_loop_is_interrupted():
    started = time.monotonic()
    with pytest.raises(CheckTimeout) as caught:
        with time_budget(0.05) as budget:
            spin(5)
    assert caught.value.budget is budget
    assert time.monotonic() - started < wall_seconds(0.05) + 1.0


def test_no_interruption_within_budget():
    with time_budget(1.0):
        spin(0.01)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_inner_budget_expiry_is_the_inner_ones():
    with time_budget(5.0) as outer:
        with pytest.raises(CheckTimeout) as caught:
            with time_budget(0.05):
                spin(5)
        assert caught.value.budget is not outer
        cpu_remaining, _ = signal.getitimer(signal.ITIMER_PROF)
        wall_remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < cpu_remaining <= 5.0  # the outer alarms are armed again
        assert 0 < wall_remaining <= wall_seconds(5.0)


def test_outer_budget_still_fires_inside_an_inner_one():
    with pytest.raises(CheckTimeout) as caught:
        with time_budget(0.05) as outer:
            with time_budget(5.0):
                spin(5)
    assert caught.value.budget is outer


def test_a_foreign_alarm_handler_is_restored_and_still_fires():
    fired = []

    def handler(signum, frame):
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with time_budget(1.0):
            spin(0.01)
        assert signal.getsignal(signal.SIGALRM) is handler
        spin(0.5)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_cooperative_budget_in_another_thread():
    outcome = []

    def work():
        try:
            with time_budget(0.05):
                while True:
                    check_time()
        except CheckTimeout:
            outcome.append("timed out")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == ["timed out"]


def test_waiting_does_not_use_up_the_budget():
    """A busy machine (here: the process sleeping) costs wall time, not CPU time: no timeout."""
    started = time.monotonic()
    with time_budget(0.1):
        time.sleep(0.4)
        spin(0.02)
    assert time.monotonic() - started >= 0.4


def test_waiting_off_the_main_thread_does_not_use_up_the_budget():
    outcome = []

    def work():
        with time_budget(0.1):
            time.sleep(0.4)
            check_time()
        outcome.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == ["done"]


def test_the_wall_clock_backstop_ends_a_check_that_only_waits():
    started = time.monotonic()
    with pytest.raises(CheckTimeout) as caught:
        with time_budget(0.01) as budget:
            time.sleep(30)
    assert caught.value.budget is budget
    assert time.monotonic() - started < wall_seconds(0.01) + 1.0


def test_the_wall_clock_backstop_off_the_main_thread():
    outcome = []

    def work():
        try:
            with time_budget(0.01):
                time.sleep(wall_seconds(0.01) + 0.05)
                check_time()
        except CheckTimeout:
            outcome.append("timed out")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == ["timed out"]


def test_the_budget_is_cpu_time_of_this_thread():
    """Off the main thread, CPU time burnt by another thread does not count against this one."""
    outcome = []

    def work():
        with time_budget(0.2):
            time.sleep(0.5)  # the main thread spins meanwhile
            check_time()
        outcome.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    while thread.is_alive():
        spin(0.01)
    thread.join(10)
    assert outcome == ["done"]
