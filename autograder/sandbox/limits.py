"""Resource limits for one student process (issue 4, "Isolation")."""
from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB


@dataclass(frozen=True)
class Limits:
    """What one student child process may use.

    ``wall_seconds`` bounds each call (function call, probe or notebook cell); ``cpu_seconds`` bounds
    the CPU time of one child over its whole life (a restarted child gets a fresh budget), and
    ``call_cpu_seconds`` that of one call: a busy loop stops there whatever the machine's load, which a
    wall-clock limit cannot promise. Both are enforced where student code cannot lift them (issue 29 item 6):
    the trusted side measures the CPU time of all the child's processes in ``/proc`` while a call runs and
    stops the call past either limit, and kills every process a call started once it returns (forked
    spinners do not outlive it). The child's own RLIMIT_CPU (soft: ``call_cpu_seconds`` from now, hard:
    ``cpu_seconds`` + 1, a SIGKILL) only makes the common case exact: student code may raise the soft one.
    Everything else the child sets on itself before student code runs is final: the other rlimits are hard
    (soft = hard), capabilities are dropped under no_new_privs, and the seccomp filter can be neither removed
    nor loosened.
    ``memory_bytes`` is address space (RLIMIT_AS): ``import torch`` reserves about 0.6 GiB and
    matplotlib 0.2 GiB more, so 2 GiB leaves room for HW2's training while a 10 GB array fails with
    MemoryError. ``processes`` (RLIMIT_NPROC, which also counts threads) only applies when the child
    runs as the dedicated student user: the count is per user. ``output_bytes`` of stdout/stderr are
    kept per call; ``reply_bytes`` bounds one encoded reply. ``total_seconds`` bounds the wall-clock time
    of all calls of one StudentProcess together, so a submission that hangs in every test still finishes
    well inside Gradescope's limit: once it is spent, further calls fail at once.
    """

    wall_seconds: float = 20.0
    total_seconds: float = 300.0
    cpu_seconds: int = 60
    call_cpu_seconds: int = 60
    memory_bytes: int = 2 * GIB
    file_bytes: int = 64 * MIB
    processes: int = 64
    open_files: int = 256
    output_bytes: int = 64 * KIB
    reply_bytes: int = 64 * MIB
    startup_seconds: float = 30.0

    def __post_init__(self) -> None:
        for name in ("wall_seconds", "startup_seconds", "total_seconds"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")
        for name in ("cpu_seconds", "call_cpu_seconds", "memory_bytes", "file_bytes", "processes", "open_files",
                     "output_bytes", "reply_bytes"):
            value = getattr(self, name)
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} must be a positive int, got {value!r}")


def format_bytes(count: int) -> str:
    """``2147483648`` -> ``"2 GiB"``; ``65536`` -> ``"64 KiB"``."""
    for unit, size in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if count >= size:
            return f"{count / size:.3g} {unit}"
    return f"{count} bytes"
