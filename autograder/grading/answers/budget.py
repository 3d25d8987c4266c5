"""A time budget for one check: "could not decide in time" must end as unverified, not hang.

The budget counts CPU time, so that a machine busy with other work does not turn a right answer
into an unverified one (waiting for a core costs nothing); a wall-clock backstop of
``WALL_FACTOR`` times the budget (plus ``WALL_SLACK_S``) still ends a check that waits, sleeps or
is starved. In the main thread of a Unix process both are enforced by signals (``setitimer``:
ITIMER_PROF counts the process's CPU time, ITIMER_REAL wall time), which interrupt even a long
sympy call; an outer timer of either kind (a test runner's own timeout, an enclosing budget) is
kept and still fires on time. Elsewhere (another thread, Windows) the budget is cooperative: long
loops call :func:`check_time`, which reads this thread's CPU time and the wall clock.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from .errors import CheckTimeout

WALL_FACTOR = 10.0
WALL_SLACK_S = 1.0

_running = threading.local()  # .deadlines: this thread's running budgets


@dataclass(frozen=True)
class _Deadline:
    cpu_due: float  # time.thread_time()
    wall_due: float  # time.monotonic()
    budget: object


@dataclass(frozen=True)
class _Timer:
    """One interval timer of ``setitimer``, its signal and the clock it counts."""

    which: int
    signum: int
    clock: Callable[[], float]


def wall_seconds(seconds: float) -> float:
    """The wall-clock backstop of a CPU budget of ``seconds``."""
    return seconds * WALL_FACTOR + WALL_SLACK_S


def _deadlines() -> list[_Deadline]:
    if not hasattr(_running, "deadlines"):
        _running.deadlines = []
    return _running.deadlines


def check_time() -> None:
    """Raise CheckTimeout if a running budget of this thread has expired (cooperative checkpoint);
    of several, the one with the earliest CPU deadline."""
    deadlines = _deadlines()
    if deadlines:
        cpu, wall = time.thread_time(), time.monotonic()
        expired = [entry for entry in deadlines if cpu >= entry.cpu_due or wall >= entry.wall_due]
        if expired:
            raise CheckTimeout(min(expired, key=lambda entry: entry.cpu_due).budget)


@contextmanager
def time_budget(seconds: float) -> Iterator[object]:
    """Run the block under a budget of ``seconds`` of CPU time (and a wall backstop); yields the
    budget's id, which the CheckTimeout raised on expiry carries, so nested budgets can tell whose
    time ran out."""
    budget = object()
    deadlines = _deadlines()
    deadline = _Deadline(time.thread_time() + seconds, time.monotonic() + wall_seconds(seconds), budget)
    deadlines.append(deadline)
    try:
        if _can_use_alarm():
            with ExitStack() as alarms:
                alarms.enter_context(_alarm(_CPU, seconds, budget))
                alarms.enter_context(_alarm(_WALL, wall_seconds(seconds), budget))
                yield budget
        else:
            yield budget
    finally:
        deadlines.remove(deadline)


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


if hasattr(signal, "setitimer"):
    _CPU = _Timer(signal.ITIMER_PROF, signal.SIGPROF, time.process_time)
    _WALL = _Timer(signal.ITIMER_REAL, signal.SIGALRM, time.monotonic)


@contextmanager
def _alarm(timer: _Timer, seconds: float, budget: object) -> Iterator[None]:
    """Raise CheckTimeout(budget) after ``seconds`` on ``timer``'s clock, keeping an outer timer."""
    started = timer.clock()
    previous_handler = signal.getsignal(timer.signum)
    if previous_handler is None:  # installed outside Python: the default action is the best guess
        previous_handler = signal.SIG_DFL
    previous_delay, previous_interval = signal.getitimer(timer.which)
    outer_due = started + previous_delay if previous_delay > 0 else None

    def on_alarm(signum, frame):
        if outer_due is not None and timer.clock() >= outer_due - 1e-3 and callable(previous_handler):
            previous_handler(signum, frame)  # the outer timer's time is up: let it act
        raise CheckTimeout(budget)

    signal.signal(timer.signum, on_alarm)
    delay = seconds if outer_due is None else min(seconds, previous_delay)
    signal.setitimer(timer.which, max(delay, 1e-4))
    try:
        yield
    finally:
        signal.setitimer(timer.which, 0)
        signal.signal(timer.signum, previous_handler)
        if outer_due is not None:
            remaining = outer_due - timer.clock()
            signal.setitimer(timer.which, max(remaining, 1e-4), previous_interval)
