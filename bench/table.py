"""The README's Performance table, regenerated from ``bench/results.json``: one row per headline figure
(value, the figures it was computed from, target, met or missed, and when and how it was measured), each
read from one record: the latest full run that has it, else the latest ``--quick`` one. ``python -m bench.table`` rewrites the table between the markers in
README.md; ``python -m bench --readme`` does it after a run.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.paths import REPO
from bench.report import RESULTS_FILE

README = REPO / "README.md"
BEGIN = "<!-- bench table: written by `python -m bench.table` from bench/results.json; do not edit by hand -->"
END = "<!-- end of bench table -->"


@dataclass(frozen=True)
class Row:
    """``figure`` of the latest ``benchmark`` record; ``label`` and ``detail`` are format strings over its figures."""

    benchmark: str
    figure: str
    group: str
    label: str
    detail: str = ""


ROWS = (
    Row("end_to_end", "ratio", "1 one submission", '`run_autograder` / floor `python -c "import numpy, sympy, torch"`',
        "{run_autograder_s:.2f} s / {floor_s:.2f} s"),
    Row("end_to_end", "without_notebooks_ratio", "1", "the same without the optional notebooks",
        "{without_notebooks_s:.2f} s"),
    Row("end_to_end", "notebooks_alone_ratio", "1", "lower bound: the student's part of those notebooks alone, "
        "no grader (`bench/notebooks_alone.py`) / floor", "{notebooks_alone_s:.2f} s"),
    Row("end_to_end", "grader_share_ratio", "1", "`run_autograder` / that lower bound: the grader's own share",
        "{run_autograder_s:.2f} s / {notebooks_alone_s:.2f} s"),
    Row("end_to_end", "peak_rss_mb", "1", "peak RSS of the whole process tree"),
    Row("batch", "jobs2_per_s", "2 batch regrade", "`regrade --jobs 2` on the bundled submissions, steady rate",
        "1 job: {jobs1_per_s:.2f} /s, scaling {scaling:.2f}x"),
    Row("batch", "mixed_jobs2_per_s", "2", "the same, every 4th upload from the hostile corpus",
        "over the whole call: {mixed_jobs2_overall_per_s:.2f} /s"),
    Row("batch", "internal_errors", "2", "records with an internal error, all regrades of the run"),
    Row("answer_checks", "median_ms", "3 answer checks", "median per check over {checks:.0f} answers"),
    Row("answer_checks", "p99_ms", "3", "p99 per check"),
    Row("answer_checks", "hostile_worst_s", "3", "worst of {hostile_checks:.0f} hostile checks"),
    Row("baseline", "ratio", "4 in-process baseline",
        "ours / unittest + gradescope-utils' JSONTestRunner importing the student modules, same checks",
        "{ours_s:.2f} s / {baseline_s:.2f} s"),
    Row("baseline", "checks_ratio", "4", "the same, checks only (after each side's imports)",
        "{ours_checks_s:.2f} s / {baseline_checks_s:.2f} s"),
    Row("baseline", "command_ratio", "4", "`autograder grade hw2 SUB --results R` / a gradescope-utils `run_autograder`, "
        "whole processes, code-only upload", "{command_s:.2f} s / {run_autograder_s:.2f} s"),
    Row("growth", "questions_per_doubling", "5 growth", "time per doubling of the questions"),
    Row("growth", "cells_per_doubling", "5", "time per doubling of the notebook cells"),
    Row("growth", "logs_per_doubling", "5", "time per doubling of the log size"),
    Row("container", "half_core_ratio", "6 Gradescope's 0.5 vCPU",
        "`run_autograder` / floor, both on half a core (`taskset` + a busy loop)",
        "{half_core_s:.2f} s / {floor_half_core_s:.2f} s"),
    Row("container", "notebooks_alone_half_core_ratio", "6", "lower bound: the notebooks alone / floor, on half a core",
        "{notebooks_alone_half_core_s:.2f} s"),
    Row("container", "grader_share_half_core_ratio", "6", "`run_autograder` / that lower bound: the grader's own share",
        "{half_core_s:.2f} s / {notebooks_alone_half_core_s:.2f} s"),
    Row("container", "quota_ratio", "6", "the same from CPU time, as under a 0.5 CPU quota",
        "{quota_s:.2f} s / {floor_quota_s:.2f} s"),
    Row("container", "peak_rss_mb", "6", "peak RSS of the process tree on half a core"),
    Row("student_start", "start_ms", "7 student process start", "a cold `StudentProcess.start()`",
        "interpreter {interpreter_ms:.0f} ms, numpy {numpy_ms:.0f} ms, scratch copy {scratch_ms:.0f} ms, "
        "sandbox set-up {sandbox_setup_ms:.0f} ms"),
    Row("student_start", "warm_start_ms", "7", "the same from a regrade worker's warm template (a fork)",
        "{warm_ratio:.2f}x the cold start"),
    Row("study", "study_s", "8 Discussion 3 study", "`autograder experiment disc3 --device cpu`, whole study, "
        "{workers:.0f} workers (one per core)", "1 worker: {one_worker_s:.1f} s, CPU {cpu_s:.1f} s"),
)


def source_record(records: list[dict], row: Row) -> dict | None:
    """The record a row is read from: the latest full run of its benchmark with every figure the row names,
    else the latest ``--quick`` one (records are oldest first); None when there is none."""
    def usable(entry: dict) -> bool:
        try:
            row.label.format(**entry["figures"]), row.detail.format(**entry["figures"])
        except KeyError:  # a record from before one of the figures existed
            return False
        return entry["benchmark"] == row.benchmark and row.figure in entry["figures"]

    found = [entry for entry in records if usable(entry)]
    full = [entry for entry in found if not entry["quick"]]
    return (full or found or [None])[-1]


def table(records: list[dict]) -> str:
    """The Markdown table; a row with no record to read it from is left out."""
    lines = ["| benchmark | figure | value | target | | measured |", "|---|---|---|---|---|---|"]
    for row in ROWS:
        entry = source_record(records, row)
        if entry is None:
            continue
        figures = entry["figures"]
        label, detail = row.label.format(**figures), row.detail.format(**figures)
        unit = entry["units"].get(row.figure, "")
        value = f"{_number(figures[row.figure])}{'' if unit in ('', 'x') else ' '}{unit}"
        met = entry["met"].get(row.figure)
        verdict = "" if met is None else ("met" if met else "missed")
        load = entry.get("machine", {}).get("load_average")
        when = (entry["timestamp"][:10] + (", --quick" if entry["quick"] else "")
                + (f", load {min(load):.1f}-{max(load):.1f}" if load else ""))
        lines.append(f"| {row.group} | {label} | {value}{f' ({detail})' if detail else ''} | "
                     f"{entry['targets'].get(row.figure, '')} | {verdict} | {when} |")
    return "\n".join(lines)


def _number(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def rewrite(text: str, new_table: str) -> str:
    """``text`` with what lies between the markers replaced by ``new_table``."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no table markers ({BEGIN!r} ... {END!r})")
    return text[:start + len(BEGIN)] + "\n" + new_table + "\n" + text[end:]


def write_readme(results: Path = RESULTS_FILE, readme: Path = README) -> str:
    new_table = table(json.loads(results.read_text()))
    readme.write_text(rewrite(readme.read_text(), new_table))
    return new_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.table", description=__doc__)
    parser.add_argument("--results", type=Path, default=RESULTS_FILE)
    parser.add_argument("--readme", type=Path, default=README)
    parser.add_argument("--print", action="store_true", help="print the table instead of writing the README")
    args = parser.parse_args(argv)
    if args.print:
        print(table(json.loads(args.results.read_text())))
    else:
        print(write_readme(args.results, args.readme))
    return 0


if __name__ == "__main__":
    sys.exit(main())
