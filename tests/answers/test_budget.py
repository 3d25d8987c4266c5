"""The time budget interrupts long work, keeps an outer alarm, and works off the main thread."""
import signal
import threading
import time

import pytest

from autograder.grading.answers.budget import check_time, time_budget
from autograder.grading.answers.errors import CheckTimeout


def spin(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_busy_loop_is_interrupted():
    with pytest.raises(CheckTimeout) as caught:
        with time_budget(0.05) as budget:
            spin(5)
    assert caught.value.budget is budget


def test_no_interruption_within_budget():
    with time_budget(1.0):
        spin(0.01)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_inner_budget_expiry_is_the_inner_ones():
    with time_budget(5.0) as outer:
        with pytest.raises(CheckTimeout) as caught:
            with time_budget(0.05):
                spin(5)
        assert caught.value.budget is not outer
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 5.0  # the outer alarm is armed again


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
