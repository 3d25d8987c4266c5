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


def off_main_thread(seconds, body, main=lambda: None):
    """Run ``body`` under a budget of ``seconds`` in another thread (``main`` runs meanwhile in this
    one while that thread lives): "done" or "timed out"."""
    outcome = []

    def work():
        try:
            with time_budget(seconds):
                body()
            outcome.append("done")
        except CheckTimeout:
            outcome.append("timed out")

    thread = threading.Thread(target=work)
    thread.start()
    give_up = time.monotonic() + 10
    while thread.is_alive() and time.monotonic() < give_up:
        main()
        thread.join(0.01)
    assert outcome, "the thread did not end within 10 s"
    return outcome[0]


def test_cooperative_budget_in_another_thread():
    def busy():
        while True:
            check_time()

    assert off_main_thread(0.05, busy) == "timed out"


def test_waiting_does_not_use_up_the_budget():
    """A busy machine (here: the process sleeping) costs wall time, not CPU time: no timeout."""
    started = time.monotonic()
    with time_budget(0.1):
        time.sleep(0.4)
        spin(0.02)
    assert time.monotonic() - started >= 0.4


def sleep_then_check(seconds):
    def body():
        time.sleep(seconds)
        check_time()
    return body


def test_waiting_off_the_main_thread_does_not_use_up_the_budget():
    assert off_main_thread(0.1, sleep_then_check(0.4)) == "done"


def test_the_wall_clock_backstop_ends_a_check_that_only_waits():
    started = time.monotonic()
    with pytest.raises(CheckTimeout) as caught:
        with time_budget(0.01) as budget:
            time.sleep(30)
    assert caught.value.budget is budget
    assert time.monotonic() - started < wall_seconds(0.01) + 1.0


def test_the_wall_clock_backstop_off_the_main_thread():
    assert off_main_thread(0.01, sleep_then_check(wall_seconds(0.01) + 0.05)) == "timed out"


def test_the_budget_is_cpu_time_of_this_thread():
    """Off the main thread, CPU time burnt by another thread (here: this one spinning) does not count."""
    assert off_main_thread(0.2, sleep_then_check(0.5), main=lambda: spin(0.01)) == "done"
