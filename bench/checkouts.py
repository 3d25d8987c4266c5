"""``python -m bench.checkouts BEFORE AFTER [--only NAME ...] [--rounds N]``: the same benchmarks on two
checkouts of the grader, alternately in one run (issue 32 item 4: a change measured before and after).

Each checkout is seen through a view, a temporary folder whose ``bench`` is this checkout's (the same
measuring code for both) and whose ``autograder``, ``reference``, ``assignments``, ``tests`` and
``run_autograder`` are the checkout's own; ``python -m bench --only NAME ...`` runs in the view with it first
on ``PYTHONPATH`` (so the ``autograder`` command and every subprocess import that checkout), with this
interpreter (its environment must hold both checkouts' dependencies). Round k runs BEFORE then AFTER, the
next round the other way; each figure is the median over rounds of each checkout's records, and
``after / before`` is printed beside it. The records themselves are kept in ``--records`` (default: a
new temporary folder, named at the end).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.__main__ import BENCHMARKS
from bench.paths import REPO
from bench.timing import median, side_by_side

VIEWED = ("autograder", "reference", "assignments", "tests", "run_autograder")
DEFAULT_BENCHMARKS = ("baseline", "batch", "student_start")


def make_view(checkout: Path, folder: Path) -> Path:
    """``folder`` with this checkout's ``bench`` and ``checkout``'s packages (symbolic links)."""
    folder.mkdir(parents=True)
    (folder / "bench").symlink_to(REPO / "bench", target_is_directory=True)
    for name in VIEWED:
        if not (checkout / name).exists():
            raise SystemExit(f"{checkout} has no {name}: not a checkout of the grader")
        (folder / name).symlink_to(checkout / name)
    return folder


def run_benchmarks(view: Path, names: list[str], quick: bool, results: Path) -> list[dict]:
    """Run ``names`` in ``view``; the records they appended to ``results``."""
    before = len(json.loads(results.read_text())) if results.exists() else 0
    command = [sys.executable, "-m", "bench", "--only", *names, "--results", str(results), *(["--quick"] if quick else [])]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(view), os.environ.get("PYTHONPATH"))))}
    completed = subprocess.run(command, cwd=view, env=environment, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"bench in {view} failed (exit {completed.returncode}):\n{completed.stderr[-3000:]}")
    return json.loads(results.read_text())[before:]


def compare(records: dict[str, list[list[dict]]]) -> str:
    """One line per (benchmark, figure): the median of each side over rounds, and after / before."""
    lines = [f"{'figure':48} {'before':>11} {'after':>11} {'after/before':>12}"]
    rounds = records["before"]
    for index, first in enumerate(rounds[0]):
        for key in first["figures"]:
            values = {side: median([round_records[index]["figures"][key] for round_records in records[side]])
                      for side in ("before", "after")}
            ratio = f"{values['after'] / values['before']:.3f}" if values["before"] else ""
            lines.append(f"{first['benchmark'] + '.' + key:48} {values['before']:11.4g} {values['after']:11.4g} {ratio:>12}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.checkouts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="the checkout before the change (e.g. a worktree of main)")
    parser.add_argument("after", type=Path, help="the checkout after it")
    parser.add_argument("--only", nargs="+", default=list(DEFAULT_BENCHMARKS), choices=BENCHMARKS, metavar="NAME",
                        help=f"the benchmarks to run (default: {' '.join(DEFAULT_BENCHMARKS)})")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default 3)")
    parser.add_argument("--quick", action="store_true", help="each benchmark's --quick size")
    parser.add_argument("--records", type=Path, default=None,
                        help="the folder that keeps both sides' records, before.json and after.json (default: a new temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-checkouts-") as workdir:
        views = {side: make_view(getattr(args, side).absolute(), Path(workdir) / side) for side in ("before", "after")}
        kept = (args.records or Path(tempfile.mkdtemp(prefix="bench-checkouts-records-"))).absolute()
        kept.mkdir(parents=True, exist_ok=True)
        results = {side: kept / f"{side}.json" for side in ("before", "after")}
        records = side_by_side({side: lambda _, side=side: run_benchmarks(views[side], args.only, args.quick,
                                                                          results[side])
                                for side in ("before", "after")}, args.rounds)
    print(f"{args.rounds} alternating rounds of {' '.join(args.only)}; before = {args.before}, after = {args.after}")
    print(compare(records))
    print("records: " + ", ".join(str(path) for path in results.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
