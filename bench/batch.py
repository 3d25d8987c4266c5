"""Benchmark 2: regrading a class. 200 HW2 submissions are generated (copies of the reference and every
``wrong_*`` submission, materialised from its declaration, in turn); ``regrade_folder`` grades samples of them with 1 and with 2 jobs.

Grading all 200 twice would take most of the 10-minute budget, so each round takes the next block of
the 200 as its sample and grades it with jobs=1 and jobs=2, in alternating order. Throughput is reported
two ways (see ``RegradeRate``): over the whole call, and steady (from the records' finishing times), which
is what a 200-submission regrade approaches; the target applies to the steady rate. Medians over rounds.
A third side regrades the same sample without the optional notebooks (see ``end_to_end``) with 2 jobs; a
fourth, with 2 jobs, a sample of the same size in which every fourth submission is an upload of the hostile
corpus (``tests/hostile``: loops, sleeps, fork bombs, huge allocations, zip bombs, ...), taken in a fixed
shuffled order so that successive samples meet different cases.
"""
from __future__ import annotations

import random
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder.assignment import Assignment, load_assignment
from autograder.tools.mutations import materialise_all
from autograder.tools.regrade import read_record, regrade_folder
from bench.end_to_end import OPTIONAL_NOTEBOOKS
from bench.paths import HOSTILE_DIR
from bench.report import Figure, Report, Target
from bench.timing import median, seconds, side_by_side

CLASS_SIZE = 200
HOSTILE_EVERY = 4  # a quarter of the mixed sample
HOSTILE_ORDER_SEED = 14


def generate_class(folder: Path, source: Path, count: int) -> list[Path]:
    """``count`` submissions cycling through ``source``'s reference and wrong_* folders."""
    variants = sorted(path for path in source.iterdir() if path.is_dir())
    made = []
    for index in range(count):
        variant = variants[index % len(variants)]
        made.append(Path(shutil.copytree(variant, folder / f"s{index:03d}_{variant.name}")))
    return made


def hostile_cases() -> list:
    """Every case of the hostile corpus, in a fixed shuffled order."""
    sys.path.insert(0, str(HOSTILE_DIR))
    import hostile_corpus

    cases = hostile_corpus.all_cases()
    random.Random(HOSTILE_ORDER_SEED).shuffle(cases)
    return cases


def mixed_sample(folder: Path, bundled: list[Path], hostile: list, start: int) -> list[str]:
    """``folder`` filled with ``bundled`` (copied), every ``HOSTILE_EVERY``-th replaced by the next hostile
    upload from ``hostile[start:]`` (cyclically); returns the names of the hostile cases used."""
    folder.mkdir(parents=True)
    used = []
    for index, path in enumerate(bundled):
        if index % HOSTILE_EVERY != HOSTILE_EVERY - 1:
            shutil.copytree(path, folder / path.name)
            continue
        case = hostile[(start + len(used)) % len(hostile)]
        upload = case.upload(folder.parent / f"{folder.name}-build" / case.name)
        shutil.move(str(upload), folder / f"h{index:03d}_{case.name}{upload.suffix if upload.is_file() else ''}")
        used.append(case.name)
    return used


@dataclass(frozen=True)
class RegradeRate:
    """``overall``: submissions per second of the whole call (pool start and summary files included);
    ``steady``: the rate a long regrade settles to, from the finishing times of the records (``steady_rate``):
    with ``jobs`` workers the first ``jobs`` records finish together, so it counts from the ``jobs``-th one."""

    overall: float
    steady: float


def steady_rate(finished: list[float], jobs: int) -> float:
    """Submissions per second from the finishing times (seconds) of more than ``jobs`` submissions."""
    ordered = sorted(finished)
    return (len(ordered) - jobs) / (ordered[-1] - ordered[jobs - 1])


def regrade_rate(assignment: Assignment, folder: Path, out: Path, jobs: int) -> RegradeRate:
    elapsed = seconds(lambda: regrade_folder(assignment, folder, out, jobs=jobs, force=True, progress=False,
                                                  declarations=True))
    finished = [path.stat().st_mtime_ns / 1e9 for path in (out / "records").glob("*.json")]
    return RegradeRate(len(finished) / elapsed, steady_rate(finished, jobs))


def run(quick: bool) -> Report:
    rounds, sample = (1, 4) if quick else (2, 12)
    assignment = load_assignment("hw2")
    scores: dict[tuple[str, str], dict[int, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as workdir:
        work = Path(workdir)
        materialise_all(assignment, work / "variants")
        submissions = generate_class(work / "class", work / "variants", CLASS_SIZE)
        hostile = hostile_cases()
        hostile_used: list[str] = []
        for round_index in range(rounds):
            block = submissions[round_index * sample:(round_index + 1) * sample]
            for path in block:
                shutil.copytree(path, work / f"full{round_index}" / path.name)
                shutil.copytree(path, work / f"lean{round_index}" / path.name,
                                ignore=shutil.ignore_patterns(*OPTIONAL_NOTEBOOKS))
            hostile_used += mixed_sample(work / f"mixed{round_index}", block, hostile, len(hostile_used))

        internal_errors: list[str] = []

        def regrade(variant: str, jobs: int, round_index: int) -> RegradeRate:
            out = work / f"out_{variant}{round_index}_jobs{jobs}"
            rate = regrade_rate(assignment, work / f"{variant}{round_index}", out, jobs)
            for path in (out / "records").glob("*.json"):
                record = read_record(path)
                if record is None or record.internal_errors:
                    internal_errors.append(f"{variant}/{path.stem}")
                if record is not None:
                    scores.setdefault((variant, path.stem), {})[jobs] = record.result.score
            return rate

        rates = side_by_side({"jobs1": lambda index: regrade("full", 1, index),
                              "jobs2": lambda index: regrade("full", 2, index),
                              "lean_jobs2": lambda index: regrade("lean", 2, index),
                              "mixed_jobs2": lambda index: regrade("mixed", 2, index)}, rounds)
    overall = {side: median([rate.overall for rate in values]) for side, values in rates.items()}
    steady = {side: median([rate.steady for rate in values]) for side, values in rates.items()}
    differing = [f"{name}: {by_jobs[1]:g} with 1 job, {by_jobs[2]:g} with 2"
                 for (variant, name), by_jobs in sorted(scores.items())
                 if variant == "full" and by_jobs[1] != by_jobs[2]]
    notes = [f"measured on {rounds} sample(s) of {sample} of the {CLASS_SIZE} generated submissions "
             f"({rounds * sample} graded per side), not on all {CLASS_SIZE}; medians over samples",
             "steady = (records - jobs) / (time from the jobs-th finished record to the last): without the pool's "
             "start and the summary files, which a 200-submission regrade pays once",
             "per sample, overall (/s): " + "; ".join(f"{side} " + ", ".join(f"{r.overall:.2f}" for r in values)
                                                     for side, values in rates.items()),
             f"lean = the same submissions without {' and '.join(OPTIONAL_NOTEBOOKS)} (checks with no points)",
             f"mixed = the same submissions with every {HOSTILE_EVERY}th replaced by a hostile upload: "
             + ", ".join(hostile_used)]
    if internal_errors:
        notes.append(f"{len(internal_errors)} record(s) with an internal error: " + ", ".join(internal_errors[:5]))
    if differing:
        notes.append(f"{len(differing)} submission(s) scored differently with 1 and 2 jobs, e.g. "
                     + "; ".join(differing[:3]))
    return Report("batch", "2. Batch regrade (regrade_folder, HW2)", (
        Figure("jobs1_per_s", "jobs=1: submissions per second, steady", steady["jobs1"], "/s"),
        Figure("jobs2_per_s", "jobs=2: submissions per second, steady", steady["jobs2"], "/s"),
        Figure("scaling", "scaling 1 -> 2 jobs, steady", steady["jobs2"] / steady["jobs1"], "x"),
        Figure("jobs1_overall_per_s", "jobs=1: per second over the whole call", overall["jobs1"], "/s"),
        Figure("jobs2_overall_per_s", "jobs=2: per second over the whole call", overall["jobs2"], "/s"),
        Figure("class_minutes_jobs2", f"{CLASS_SIZE} submissions at the jobs=2 steady rate",
               CLASS_SIZE / steady["jobs2"] / 60, "min"),
        Figure("lean_jobs2_per_s", "jobs=2 steady, optional notebooks left out", steady["lean_jobs2"], "/s"),
        Figure("mixed_jobs2_per_s", f"jobs=2 steady, 1 in {HOSTILE_EVERY} a hostile upload", steady["mixed_jobs2"], "/s"),
        Figure("mixed_jobs2_overall_per_s", "the same, over the whole call", overall["mixed_jobs2"], "/s"),
        Figure("internal_errors", "records with an internal error (all sides)", len(internal_errors)),
    ), (Target("jobs2_per_s", 4.0, at_most=False), Target("mixed_jobs2_per_s", 2.0, at_most=False),
        Target("internal_errors", 0)), tuple(notes))
