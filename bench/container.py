"""Benchmark 6: one submission within Gradescope's CPU budget (0.5 vCPU-equivalent per container).

Two estimates of the same ``run_autograder`` (the HW2 reference, laid out as in ``end_to_end``), alternated
with the import floor under the same conditions:

- ``half_core``: pinned to one core by ``taskset -c CORE``, with a busy loop pinned to that core in its own
  session. The kernel shares a core between sessions (autogroups), so the grader's tree gets half of the
  core while one of its processes runs, and up to two thirds while the grader and the student process run
  at once (the student process has its own session). Other work on that core slows all sides alike.
- ``quota``: twice the CPU time (user + system) of the whole tree, unpinned: the wall time a 0.5-CPU quota
  (Docker's ``--cpus 0.5``) could not beat. It is insensitive to other load on the machine.

``notebooks_half_core`` is benchmark 1's lower bound (the student's part of the optional notebooks alone,
``bench/notebooks_alone.py``) on half a core the same way, so the grader's own share can be told from the
student's work here too.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

from bench.end_to_end import FLOOR, MIB, gradescope_root, notebooks_alone, run_autograder
from bench.paths import REFERENCE_SUBMISSION
from bench.process_tree import MeasuredRun, run_measured
from bench.report import Figure, Report, Target
from bench.timing import median, side_by_side

CORE = "0"
CPU_SHARE = 0.5  # Gradescope's default container: 0.5 vCPU
BUSY_LOOP = [sys.executable, "-c", "while True: pass"]


def on_half_a_core(measure: Callable[[list[str]], MeasuredRun]) -> MeasuredRun:
    """``measure(prefix)`` with ``prefix`` pinning its command to ``CORE``, while a busy loop holds that core."""
    pin = ["taskset", "-c", CORE]
    busy = subprocess.Popen([*pin, *BUSY_LOOP], start_new_session=True, stdin=subprocess.DEVNULL)
    try:
        return measure(pin)
    finally:
        busy.kill()
        busy.wait()


def run(quick: bool) -> Report:
    rounds = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="bench-container-") as workdir:
        root = gradescope_root(Path(workdir), "hw2", REFERENCE_SUBMISSION)
        runs = side_by_side({
            "floor_half_core": lambda _: on_half_a_core(lambda pin: run_measured([*pin, *FLOOR])),
            "half_core": lambda _: on_half_a_core(lambda pin: run_autograder(root, pin)),
            "floor": lambda _: run_measured(FLOOR),
            "unpinned": lambda _: run_autograder(root),
            "notebooks_half_core": lambda _: on_half_a_core(lambda pin: notebooks_alone(Path(workdir), pin)),
        }, rounds)
    wall = {side: median([r.seconds for r in values]) for side, values in runs.items()}
    quota = {side: median([max(r.seconds, r.cpu_seconds / CPU_SHARE) for r in runs[side]]) for side in ("floor", "unpinned")}
    return Report("container", "6. One submission within Gradescope's 0.5 vCPU (run_autograder, HW2 reference)", (
        Figure("half_core_s", "run_autograder on half a core (taskset + busy loop)", wall["half_core"], "s"),
        Figure("floor_half_core_s", "floor on half a core", wall["floor_half_core"], "s"),
        Figure("half_core_ratio", "ratio of the two", wall["half_core"] / wall["floor_half_core"], "x"),
        Figure("notebooks_alone_half_core_s", "the student's part of the optional notebooks alone, half a core",
               wall["notebooks_half_core"], "s"),
        Figure("notebooks_alone_half_core_ratio", "ratio of that to the floor on half a core: the lower bound",
               wall["notebooks_half_core"] / wall["floor_half_core"], "x"),
        Figure("grader_share_half_core_ratio", "run_autograder / the notebooks alone, both on half a core",
               wall["half_core"] / wall["notebooks_half_core"], "x"),
        Figure("quota_s", "run_autograder under a 0.5 CPU quota: max(wall, CPU time / 0.5)", quota["unpinned"], "s"),
        Figure("floor_quota_s", "floor, the same", quota["floor"], "s"),
        Figure("quota_ratio", "ratio of the two", quota["unpinned"] / quota["floor"], "x"),
        Figure("slowdown", "half a core / unpinned (same run_autograder)", wall["half_core"] / wall["unpinned"], "x"),
        Figure("peak_rss_mb", "peak RSS of the process tree on half a core",
               max(r.peak_rss_bytes for r in runs["half_core"]) / MIB, "MB"),
    ), (Target("half_core_ratio", 1.5), Target("grader_share_half_core_ratio", 1.25),
         Target("peak_rss_mb", 768)), (
        f"{rounds} alternating round(s); medians; core {CORE}, shared with whatever else runs there",
        "per round (s): " + "; ".join(f"{side} " + ", ".join(f"{r.seconds:.2f}" for r in values)
                                      for side, values in runs.items()),
        "CPU time per round (s): " + "; ".join(f"{side} " + ", ".join(f"{r.cpu_seconds:.2f}" for r in runs[side])
                                               for side in ("floor", "unpinned")),
    ))
