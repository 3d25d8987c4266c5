"""Benchmark 5: how grading cost grows, with a linear fit (R^2) and the growth factor per doubling
(2 means proportional; below 2 a fixed part dominates; above 2 the cost grows faster than the size).

- questions: ``answer_results`` (answers only) for HW2 copies with the first 5, 10, 20 and 30 questions of
  a shuffled order (a new order each round; the mean over rounds), on the reference answers, sympy's cache
  cleared before each run;
- notebook cells: ``StudentProcess.run_notebook`` on notebooks of 10, 100 and 1000 small cells (the student
  process already started);
- logs: loading the reference submission and running the logs suite (``test_logs.py``) with every history
  in ``submission_logs/`` padded to 1, 2, 4 and 8 MB (a longer ``val_accs``).
Sizes are measured round-robin, several rounds; medians (means for questions).
"""
from __future__ import annotations

import random
import shutil
import statistics
import tempfile
from dataclasses import replace
from pathlib import Path

import nbformat
import numpy as np
from sympy.core.cache import clear_cache

from autograder.assignment import Assignment, load_assignment
from autograder.grading.grade import answer_results, limits_for
from autograder.grading.plugin import GradingPlugin, run_suites
from autograder.sandbox.student import StudentProcess
from autograder.grading.submission import load_submission
from bench.report import Figure, Report, Target
from bench.timing import linear_fit, median, seconds, side_by_side

QUESTION_COUNTS = (5, 10, 20, 30)
CELL_COUNTS = (10, 100, 1000)
LOG_MEGABYTES = (1, 2, 4, 8)
MS = 1000.0
MAX_PER_DOUBLING = 2.2


def shuffled_questions(assignment: Assignment, round_index: int) -> tuple:
    """The assignment's questions in a fixed random order for this round."""
    questions = list(assignment.questions)
    random.Random(round_index).shuffle(questions)
    return tuple(questions)


def question_times(assignment: Assignment, rounds: int) -> dict[int, float]:
    """Mean time of ``answer_results`` on the first n questions of each round's shuffled order. Questions
    differ in cost (a condition takes ~30 ms, a choice ~0.1 ms); over the rounds every n gets the same mix
    on average, so the mean of a linear cost is exactly proportional to n."""
    with tempfile.TemporaryDirectory(prefix="bench-questions-") as scratch:
        submission = load_submission(assignment.submissions / "reference", Path(scratch))

        def grade_answers(count: int, round_index: int) -> float:
            copy = replace(assignment, questions=shuffled_questions(assignment, round_index)[:count])
            clear_cache()
            return seconds(lambda: answer_results(copy, submission))

        sides = {count: lambda index, count=count: grade_answers(count, index) for count in QUESTION_COUNTS}
        measured = side_by_side(sides, rounds)
    return {count: statistics.fmean(values) for count, values in measured.items()}


def notebook_times(rounds: int) -> dict[int, float]:
    with tempfile.TemporaryDirectory(prefix="bench-notebooks-") as folder:
        for count in CELL_COUNTS:
            cells = [nbformat.v4.new_code_cell(f"value_{index} = {index} * 2") for index in range(count)]
            nbformat.write(nbformat.v4.new_notebook(cells=cells), Path(folder) / f"cells_{count}.ipynb")
        with StudentProcess(Path(folder)) as student:
            student.probe("def ready():\n    return True\n", "ready")  # start the child outside the timing

            def run_cells(count: int) -> float:
                results: list = []
                elapsed = seconds(lambda: results.extend(student.run_notebook(f"cells_{count}.ipynb")))
                if len(results) != count or any(cell.status != "ok" for cell in results):
                    raise RuntimeError(f"the {count}-cell notebook did not run cleanly")
                return elapsed

            measured = side_by_side({count: lambda _, count=count: run_cells(count) for count in CELL_COUNTS}, rounds)
    return {count: median(values) for count, values in measured.items()}


def padded_logs_submission(reference: Path, target: Path, megabytes: int) -> Path:
    """A copy of ``reference`` whose every history .npz carries ``megabytes`` MB of val_accs."""
    shutil.copytree(reference, target)
    rng = np.random.default_rng(megabytes)
    for path in sorted((target / "submission_logs").glob("*.npz")):
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
        if "val_accs" in arrays:
            arrays["val_accs"] = rng.uniform(0.3, 0.6, size=megabytes * 2**20 // 8)
            np.savez(path, **arrays)
    return target


def log_times(assignment: Assignment, rounds: int) -> dict[int, float]:
    suite = assignment.suites / "hidden" / "test_logs.py"
    with tempfile.TemporaryDirectory(prefix="bench-logs-") as workdir:
        uploads = {size: padded_logs_submission(assignment.submissions / "reference", Path(workdir) / f"mb{size}", size)
                   for size in LOG_MEGABYTES}

        def grade_logs(size: int) -> float:
            with tempfile.TemporaryDirectory(prefix="bench-logs-grade-") as scratch:
                results: list = []

                def load_and_check() -> None:
                    submission = load_submission(uploads[size], Path(scratch), expected=assignment.expected_files)
                    results.extend(run_suites([suite], GradingPlugin(submission, limits_for(assignment))))

                elapsed = seconds(load_and_check)
            if not results or not all(test.passed for test in results):
                raise RuntimeError(f"the logs suite did not pass on the {size} MB logs")
            return elapsed

        measured = side_by_side({size: lambda _, size=size: grade_logs(size) for size in LOG_MEGABYTES}, rounds)
    return {size: median(values) for size, values in measured.items()}


def fit_figures(key: str, unit: str, per: str, times: dict[int, float]) -> list[Figure]:
    """Time per size (``unit`` names the size), and the linear fit's slope (per ``per``), R^2 and growth
    per doubling."""
    sizes = sorted(times)
    fit = linear_fit([float(size) for size in sizes], [times[size] for size in sizes])
    return [*(Figure(f"{key}_{size}_ms", f"{key}: {size} {unit}", times[size] * MS, "ms") for size in sizes),
            Figure(f"{key}_slope_ms", f"{key}: cost per {per}", fit.slope * MS, "ms"),
            Figure(f"{key}_r2", f"{key}: R^2 of the linear fit", fit.r_squared),
            Figure(f"{key}_per_doubling", f"{key}: growth per doubling (two largest sizes)", fit.per_doubling, "x")]


def run(quick: bool) -> Report:
    rounds = 2 if quick else 5
    assignment = load_assignment("hw2")
    parts = {"questions": ("questions", "question", question_times(assignment, rounds * 4)),
             "cells": ("cells", "cell", notebook_times(rounds)),
             "logs": ("MB per history file", "MB per history file", log_times(assignment, rounds))}
    figures = [figure for key, part in parts.items() for figure in fit_figures(key, *part)]
    return Report("growth", "5. How cost grows (questions, notebook cells, log size)", tuple(figures),
                  tuple(Target(f"{key}_per_doubling", MAX_PER_DOUBLING) for key in parts), (
                      f"questions: means of {rounds * 4} rounds, each with its own order of the questions; "
                      f"cells, logs: medians of {rounds} rounds; "
                      f"target: doubling the size costs at most {MAX_PER_DOUBLING}x the time (2 = linear, plus noise)",
                      "logs: the time includes copying the upload to scratch and reading every .npz",
                  ))
