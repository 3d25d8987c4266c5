"""A time budget for one check: "could not decide in time" must end as unverified, not hang.

In the main thread of a Unix process the budget is enforced by SIGALRM (``setitimer``), which
interrupts even a long sympy call; an outer alarm (a test runner's own timeout) is kept and still
fires on time. Elsewhere (another thread, Windows) the budget is cooperative: long loops call
:func:`check_time`.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from .errors import CheckTimeout

_running = threading.local()  # .deadlines: this thread's [(monotonic deadline, budget id)]


def _deadlines() -> list[tuple[float, object]]:
    if not hasattr(_running, "deadlines"):
        _running.deadlines = []
    return _running.deadlines


def check_time() -> None:
    """Raise CheckTimeout if a running budget of this thread has expired (cooperative checkpoint)."""
    deadlines = _deadlines()
    if deadlines:
        due, budget = min(deadlines, key=lambda entry: entry[0])
        if time.monotonic() >= due:
            raise CheckTimeout(budget)


@contextmanager
def time_budget(seconds: float) -> Iterator[object]:
    """Run the block under a budget of ``seconds``; yields the budget's id, which the
    CheckTimeout raised on expiry carries, so nested budgets can tell whose time ran out."""
    budget = object()
    deadlines = _deadlines()
    deadlines.append((time.monotonic() + seconds, budget))
    try:
        if _can_use_alarm():
            with _alarm(seconds, budget):
                yield budget
        else:
            yield budget
    finally:
        deadlines.remove(next(entry for entry in deadlines if entry[1] is budget))


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _alarm(seconds: float, budget: object) -> Iterator[None]:
    started = time.monotonic()
    previous_handler = signal.getsignal(signal.SIGALRM)
    if previous_handler is None:  # installed outside Python: the default action is the best guess
        previous_handler = signal.SIG_DFL
    previous_delay, previous_interval = signal.getitimer(signal.ITIMER_REAL)
    outer_due = started + previous_delay if previous_delay > 0 else None

    def on_alarm(signum, frame):
        if outer_due is not None and time.monotonic() >= outer_due - 1e-3 and callable(previous_handler):
            previous_handler(signum, frame)  # the outer alarm's time is up: let it act
        raise CheckTimeout(budget)

    signal.signal(signal.SIGALRM, on_alarm)
    delay = seconds if outer_due is None else min(seconds, previous_delay)
    signal.setitimer(signal.ITIMER_REAL, max(delay, 1e-4))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if outer_due is not None:
            remaining = outer_due - time.monotonic()
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 1e-4), previous_interval)
