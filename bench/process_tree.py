"""Run a command and measure its wall time and the peak memory of its whole process tree: the sum of the
resident set sizes (RSS) of the process and all its descendants, sampled from /proc every ~20 ms.

Shared pages (libraries, copy-on-write after fork) count once per process, so the sum overstates what a
cgroup limit such as Gradescope's 768 MB would charge; a spike shorter than the sampling period is missed.
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.02
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class MeasuredRun:
    seconds: float
    peak_rss_bytes: int
    returncode: int
    output: str


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


def run_measured(command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
                 timeout: float = 600.0) -> MeasuredRun:
    """Wall time from start to exit (the sampler runs in a thread, so it does not delay the exit's
    detection) and the peak tree RSS seen by the sampler."""
    peak = 0
    done = threading.Event()
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, text=True)

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_bytes(process.pid))
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
    return MeasuredRun(elapsed, peak, process.returncode, output)
