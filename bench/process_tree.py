"""Run a command and measure its wall time and the peak memory of its whole process tree: the sum of the
resident set sizes (RSS) of the process and all its descendants, sampled from /proc every ~20 ms.

Shared pages (libraries, copy-on-write after fork) count once per process, so the sum overstates what a
cgroup limit such as Gradescope's 768 MB would charge; a spike shorter than the sampling period is missed.
The tree's CPU time is a lower bound (``run_measured``).
"""
from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.02
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class MeasuredRun:
    seconds: float
    peak_rss_bytes: int
    returncode: int
    output: str
    cpu_seconds: float = 0.0  # user + system time of the whole tree: a lower bound (see run_measured)


def _parents() -> dict[int, int]:
    """pid -> parent pid for every process we can see."""
    parents = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(entry.name)] = int(fields[1])
    return parents


def tree_pids(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def tree_rss_bytes(root: int) -> int:
    total = 0
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/statm") as statm:
                total += int(statm.read().split()[1]) * PAGE_BYTES
        except (OSError, IndexError):
            continue
    return total


def tree_cpu_ticks(root: int) -> dict[tuple[int, int], int]:
    """(pid, start time) -> user + system clock ticks so far, for the process and its descendants."""
    ticks = {}
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        ticks[(pid, int(fields[19]))] = int(fields[11]) + int(fields[12])
    return ticks


def run_measured(command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
                 timeout: float = 600.0) -> MeasuredRun:
    """Wall time from start to exit (the sampler runs in a thread, so it does not delay the exit's
    detection), the peak tree RSS seen by the sampler, and the tree's CPU time: the larger of what
    ``getrusage`` counts (processes reaped inside the tree: not the student processes, which are killed,
    so their parents never reap them) and the sum of the last CPU time the sampler saw of each process
    (the last sampling period of each is missed). Both are lower bounds."""
    peak = 0
    seen_ticks: dict[tuple[int, int], int] = {}
    done = threading.Event()
    cpu_before = _children_cpu_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, text=True)

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_bytes(process.pid))
            seen_ticks.update(tree_cpu_ticks(process.pid))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        output, _ = process.communicate(timeout=timeout)
    finally:
        elapsed = time.perf_counter() - started
        done.set()
        sampler.join()
        if process.poll() is None:
            process.kill()
            process.wait()
    sampled = sum(seen_ticks.values()) / CLOCK_TICKS
    return MeasuredRun(elapsed, peak, process.returncode, output, max(_children_cpu_seconds() - cpu_before, sampled))


def _children_cpu_seconds() -> float:
    """CPU time of our reaped descendants so far (a process's own count includes those it reaped, so the
    student processes count when the grader has waited for them). Measured runs must not overlap."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
