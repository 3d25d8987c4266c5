"""``python -m bench [--quick] [--only NAME ...] [--results PATH]``: run the benchmarks in order, print each
table, append each record to bench/results.json; ``--readme`` then regenerates the README's Performance table."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path
from typing import Callable

from bench import table
from bench.report import RESULTS_FILE, Report, append_record, record

# Each is the module bench.NAME, imported only when it runs: `bench.checkouts` runs some of them against an
# older grader, which another benchmark's imports may not fit.
BENCHMARKS = ("end_to_end", "batch", "answer_checks", "baseline", "growth", "container", "student_start", "study")


def benchmark(name: str) -> Callable[[bool], Report]:
    return importlib.import_module(f"bench.{name}").run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds and smaller samples: a smoke test")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, metavar="NAME",
                        help=f"run only these benchmarks ({', '.join(BENCHMARKS)})")
    parser.add_argument("--results", type=Path, default=RESULTS_FILE, help="where records are appended")
    parser.add_argument("--readme", action="store_true",
                        help="afterwards, rewrite the README's Performance table from the latest records")
    args = parser.parse_args(argv)
    started = time.monotonic()
    missed = []
    for name in args.only or BENCHMARKS:
        began, load = time.monotonic(), os.getloadavg()[0]
        report = benchmark(name)(args.quick)
        load = (load, os.getloadavg()[0])
        print(report.table(), f"  ({time.monotonic() - began:.0f} s, load {load[0]:.1f} to {load[1]:.1f})", "",
              sep="\n", flush=True)
        append_record(record(report, args.quick, load), args.results)
        missed += [f"{name}.{key}" for key, met in report.met().items() if not met]
    print(f"all done in {time.monotonic() - started:.0f} s; records appended to {args.results}")
    print("targets missed: " + (", ".join(missed) if missed else "none"))
    if args.readme:
        table.write_readme(args.results)
        print(f"rewrote the Performance table of {table.README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
