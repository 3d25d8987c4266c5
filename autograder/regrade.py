"""Regrade a folder of submissions in parallel: a warm pool of grader processes (engine, oracle and sympy
imported once per worker), each submission still graded with student code in its own sandboxed process.

Feedback-only suites (``optional``) are skipped: they cannot change a score.
Resumable: a submission whose record exists in ``OUT/records/`` is skipped unless ``force``. A crashing
or hanging submission costs only itself. Writes ``scores.csv`` (submission x test), ``summary.md``
(per question: mean, share with full marks, most common notes and wrong answers) and ``scores.png``.
"""
from __future__ import annotations

import csv
import json
import multiprocessing
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from autograder.assignment import Assignment, load_assignment
from autograder.results import GradingResult, TestResult, internal_error_result

_worker_assignment: Assignment | None = None  # set once per pool worker by _warm_up
_worker_shared_account = False


def find_submissions(folder: Path) -> dict[str, Path]:
    """One subfolder or zip per submission, named by its stem."""
    found = {}
    for path in sorted(folder.iterdir()):
        if path.is_dir() and not path.name.startswith("."):
            found[path.name] = path
        elif path.suffix == ".zip":
            found[path.stem] = path
    return found


def _warm_up(name: str, shared_account: bool) -> None:
    global _worker_assignment, _worker_shared_account
    _worker_assignment, _worker_shared_account = load_assignment(name), shared_account
    from autograder import grade  # noqa: F401  (imports sympy, pytest and the engine once per worker)


def _grade_one(job: tuple[str, str, str]) -> str:
    from autograder.grade import SCORED_SUITES, grade_submission

    name, path, record = job
    try:
        result = grade_submission(_worker_assignment, Path(path), suites=SCORED_SUITES,
                                  shared_account=_worker_shared_account)
    except BaseException as error:  # a crash costs only this submission
        result = internal_error_result(name, type(error).__name__)
    Path(record).write_text(json.dumps(asdict(result), allow_nan=False))
    return name


def load_record(path: Path) -> GradingResult:
    data = json.loads(path.read_text())
    data["tests"] = tuple(TestResult(**{**test, "tags": tuple(test["tags"])}) for test in data["tests"])
    data["messages"], data["staff_graded"] = tuple(data["messages"]), tuple(data["staff_graded"])
    return GradingResult(**data)


def regrade_folder(assignment: Assignment, folder: Path, out: Path, *, jobs: int = 2, force: bool = False,
                   progress: bool = True) -> str:
    from tqdm import tqdm

    records = out / "records"
    records.mkdir(parents=True, exist_ok=True)
    submissions = find_submissions(folder)
    todo = [(name, str(path), str(records / f"{name}.json")) for name, path in submissions.items()
            if force or not (records / f"{name}.json").exists()]
    skipped = len(submissions) - len(todo)
    if todo:
        context = multiprocessing.get_context("forkserver" if sys.platform == "linux" else "spawn")
        with context.Pool(max(1, jobs), initializer=_warm_up, initargs=(assignment.name, jobs > 1), maxtasksperchild=50) as pool:
            for _ in tqdm(pool.imap_unordered(_grade_one, todo), total=len(todo), disable=not progress,
                          desc=f"regrading {assignment.name}", unit="submission"):
                pass
    results = {name: load_record(records / f"{name}.json") for name in submissions
               if (records / f"{name}.json").exists()}
    write_scores_csv(results, out / "scores.csv")
    (out / "summary.md").write_text(summary_markdown(assignment, results))
    plot_scores(results, out / "scores.png")
    return (f"graded {len(todo)} submission(s), skipped {skipped} already graded (use --force to redo)\n"
            f"wrote {out / 'scores.csv'}, {out / 'summary.md'}, {out / 'scores.png'}")


def _test_ids(results: dict[str, GradingResult]) -> list[str]:
    ids: dict[str, None] = {}
    for result in results.values():
        for test in result.tests:
            ids.setdefault(test.id)
    return list(ids)


def write_scores_csv(results: dict[str, GradingResult], path: Path) -> None:
    ids = _test_ids(results)
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submission", "total", *ids])
        for name, result in sorted(results.items()):
            scores = {test.id: test.score for test in result.tests}
            writer.writerow([name, f"{result.score:g}", *(f"{scores[i]:g}" if i in scores else "" for i in ids)])


def summary_markdown(assignment: Assignment, results: dict[str, GradingResult]) -> str:
    totals = [result.score for result in results.values()]
    lines = [f"# Regrade summary: {assignment.title}", "",
             f"{len(results)} submissions; mean total {sum(totals) / max(len(totals), 1):.2f}", "",
             "| test | mean | full marks | most common notes | most common wrong answers |", "|---|---|---|---|---|"]
    for test_id in _test_ids(results):
        tests = [t for r in results.values() for t in r.tests if t.id == test_id]
        if not tests or tests[0].max_score == 0:
            continue
        mean = sum(t.score for t in tests) / len(tests)
        full = sum(t.score >= t.max_score for t in tests) / len(tests)
        notes = Counter(t.note for t in tests if t.score < t.max_score).most_common(3)
        answers = Counter(t.answer for t in tests if t.score < t.max_score and t.answer).most_common(3)
        lines.append(f"| {test_id} | {mean:.2f}/{tests[0].max_score:g} | {full:.0%} | "
                     + ", ".join(f"{note} ({count})" for note, count in notes) + " | "
                     + ", ".join(f"`{answer[:40]}` ({count})".replace("|", "\\|") for answer, count in answers) + " |")
    return "\n".join(lines) + "\n"


def plot_scores(results: dict[str, GradingResult], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ids = [i for i in _test_ids(results) if any(t.id == i and t.max_score > 0 for r in results.values() for t in r.tests)]
    figure, (left, right) = plt.subplots(1, 2, figsize=(14, 5), gridspec_kw={"width_ratios": [1, 2]})
    left.hist([r.score for r in results.values()], bins=20, color="tab:blue")
    left.set(title="Total scores", xlabel="points", ylabel="submissions")
    means = []
    for test_id in ids:
        tests = [t for r in results.values() for t in r.tests if t.id == test_id]
        means.append(sum(t.score / t.max_score for t in tests) / len(tests))
    right.bar(range(len(ids)), means, color="tab:green")
    right.set_xticks(range(len(ids)), ids, rotation=90, fontsize=6)
    right.set(title="Mean share of points per test", ylim=(0, 1))
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
