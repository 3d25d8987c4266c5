"""Benchmark 2: regrading a class. 200 HW2 submissions are generated (copies of the reference and every
``wrong_*`` submission, in turn); ``regrade_folder`` grades samples of them with 1 and with 2 jobs.

Grading all 200 twice would take most of the 10-minute budget, so each round takes the next block of
the 200 as its sample (every variant appears across rounds) and grades it with jobs=1 and jobs=2, in
alternating order. Throughput is submissions per second including the pool's start (each worker imports
the engine once) and the summary files ``regrade_folder`` writes; the figures are medians over rounds.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from autograder.assignment import load_assignment
from autograder.regrade import load_record, regrade_folder
from bench.report import Figure, Report, Target
from bench.timing import median, seconds, side_by_side

CLASS_SIZE = 200


def generate_class(folder: Path, source: Path, count: int) -> list[Path]:
    """``count`` submissions cycling through ``source``'s reference and wrong_* folders."""
    variants = sorted(path for path in source.iterdir() if path.is_dir())
    made = []
    for index in range(count):
        variant = variants[index % len(variants)]
        made.append(Path(shutil.copytree(variant, folder / f"s{index:03d}_{variant.name}")))
    return made


def run(quick: bool) -> Report:
    rounds, sample = (1, 4) if quick else (3, 10)
    assignment = load_assignment("hw2")
    scores: dict[str, set[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as workdir:
        work = Path(workdir)
        submissions = generate_class(work / "class", assignment.submissions, CLASS_SIZE)
        samples = []
        for round_index in range(rounds):
            samples.append(work / f"sample{round_index}")
            for path in submissions[round_index * sample:(round_index + 1) * sample]:
                shutil.copytree(path, samples[-1] / path.name)

        def regrade(jobs: int, round_index: int) -> float:
            """Submissions per second of one regrade of this round's sample."""
            out = work / f"out{round_index}_jobs{jobs}"
            elapsed = seconds(lambda: regrade_folder(assignment, samples[round_index], out, jobs=jobs, force=True,
                                                     progress=False))
            for path in (out / "records").glob("*.json"):
                scores.setdefault(path.stem, set()).add(load_record(path).score)
            return sample / elapsed

        rates = side_by_side({"jobs1": lambda index: regrade(1, index), "jobs2": lambda index: regrade(2, index)}, rounds)
    one, two = median(rates["jobs1"]), median(rates["jobs2"])
    inconsistent = sorted(name for name, values in scores.items() if len(values) > 1)
    notes = [f"measured on {rounds} sample(s) of {sample} of the {CLASS_SIZE} generated submissions "
             f"({rounds * sample} graded per side), not on all {CLASS_SIZE}",
             f"per round: jobs=1 {', '.join(f'{r:.2f}' for r in rates['jobs1'])}/s, "
             f"jobs=2 {', '.join(f'{r:.2f}' for r in rates['jobs2'])}/s"]
    if inconsistent:
        notes.append(f"scores differed between jobs=1 and jobs=2 for {', '.join(inconsistent)}")
    return Report("batch", "2. Batch regrade (regrade_folder, HW2)", (
        Figure("jobs1_per_s", "jobs=1: submissions per second", one, "/s"),
        Figure("jobs2_per_s", "jobs=2: submissions per second", two, "/s"),
        Figure("scaling", "scaling 1 -> 2 jobs", two / one, "x"),
        Figure("class_minutes_jobs2", f"projected time for {CLASS_SIZE} with jobs=2", CLASS_SIZE / two / 60, "min"),
    ), (Target("jobs2_per_s", 4.0, at_most=False),), tuple(notes))
