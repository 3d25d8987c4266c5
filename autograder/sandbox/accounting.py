"""What the kernel counts for a grading's student processes, read on the trusted side where student code
cannot change it (issue 29, items 5 and 6): their CPU time, whether a process was created at all, and how
often the out-of-memory killer struck.

A child's own RLIMIT_CPU is only a soft limit that student code can raise, and every process it forks starts
its own count; the CPU time ``/proc/PID/stat`` shows for each process (its own and that of the children it
waited for) is the kernel's, so the sum over a child's processes bounds a call whatever the student changed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from autograder.sandbox.processes import ProcessInfo, process_info

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Mark:
    """The start of a call: the CPU seconds its student process had used, and the last pid handed out."""

    cpu: float
    last_pid: int


def cpu_seconds(infos: list[ProcessInfo]) -> float:
    """The CPU time of these processes and of every child they reaped (``cutime``, ``cstime``): a process
    that ended and was reaped by one of them still counts."""
    return sum(info.cpu for info in infos) / CLOCK_TICKS


def mark(pids: frozenset[int]) -> Mark:
    """Read at the start of a call, from ``pids`` alone (no scan of the process table)."""
    infos = [info for info in map(process_info, pids) if info is not None]
    return Mark(cpu_seconds(infos), last_pid())


def last_pid() -> int:
    """The last pid (or thread id) the kernel handed out in this PID namespace (``/proc/loadavg``): unchanged
    over a call means no process or thread was created in it, or below it, while the call ran. (Only a call
    that creates as many processes as ``pid_max`` could come back to the same number.)"""
    return int(Path("/proc/loadavg").read_text(encoding="ascii").split()[4])


def oom_kills() -> int | None:
    """How many processes of our cgroup the out-of-memory killer has killed (cgroup v2 ``memory.events``, v1
    ``memory.oom_control``); None where neither can be read."""
    try:
        cgroup = Path("/proc/self/cgroup").read_text(encoding="ascii")
    except OSError:
        return None
    candidates = []
    for line in cgroup.splitlines():
        _, controllers, path = line.split(":", 2)
        if controllers == "":
            candidates.append(Path("/sys/fs/cgroup", path.lstrip("/"), "memory.events"))
        elif "memory" in controllers.split(","):
            candidates.append(Path("/sys/fs/cgroup/memory", path.lstrip("/"), "memory.oom_control"))
    for candidate in candidates:
        try:
            for line in candidate.read_text(encoding="ascii").splitlines():
                name, _, value = line.partition(" ")
                if name == "oom_kill":
                    return int(value)
        except (OSError, ValueError):
            continue
    return None
