"""Regrade a folder of submissions in parallel under a supervisor: N warm grader processes (engine, oracle and
sympy imported once, in the forkserver), each given one submission at a time; student code still runs in its
own sandboxed process below the worker.

A pool worker can die, so nothing here waits on one without a deadline. Every tick the supervisor checks each
worker: dead (its exit code; negative: the signal), stopped (SIGSTOP) for ``STOPPED_SECONDS``, or holding a
submission past the deadline (the assignment's ``total_seconds`` plus ``DEADLINE_MARGIN_SECONDS``). Such a
worker is killed with every process below it, its submission gets an internal-error record saying what
happened, a fresh worker takes its place and the regrade goes on.

Feedback-only suites (``optional``) are skipped: they cannot change a score.
Resumable: a submission whose record exists in ``OUT/records/`` is skipped unless ``force``; a record that is
an internal error is regraded on the next run. Records and tables are written atomically. Writes
``scores.csv`` (submission x test), ``summary.md`` (per question: mean, share with full marks, most common
notes and wrong answers; internal errors per cause) and ``scores.png``. Given Gradescope's "Export Submissions"
archive (zip or unpacked, ``autograder.tools.gradescope_export``), scores.csv also names each submission's
submitters, SIDs, emails and time, ``students.csv`` holds one row per student in Gradescope's grades layout, and
summary.md the submissions whose score changed against the one the export recorded.
"""
from __future__ import annotations

import csv
import importlib
import json
import multiprocessing
import os
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter, deque
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Callable

from autograder.assignment import Assignment, load_assignment
from autograder.grading.results import GradingResult, TestResult, internal_error_result
from autograder.tools.gradescope_export import (Export, export_summary, is_export, read_export, submitter_columns,
                                                write_students_csv)
from autograder.tools.mutations import is_declaration, materialise_declaration

GRADER = "autograder.grading.grade:grade_submission"  # module:function, called as grade_submission is
DEADLINE_MARGIN_SECONDS = 60.0  # beyond the assignment's total_seconds, before a worker is killed
STOPPED_SECONDS = 2.0  # a worker stopped this long is killed (our own freeze-then-kill stops processes briefly)
WARM_UP_SECONDS = 120.0  # for a fresh worker to import the engine
START_FAILURES = 3  # workers in a row dying before they are ready: the engine itself is broken
TICK_SECONDS = 0.25
JOBS_PER_WORKER = 50  # then the worker is replaced (what the engine's caches hold stays bounded)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
RECORD_BYTES = 64 * 1024**2  # one reply from a worker
RETIRE_SECONDS = 5.0  # for a worker told to exit to do so
EXIT_SECONDS = 1.0  # for the exit status of a worker whose pipe closed


def find_submissions(folder: Path) -> dict[str, Path]:
    """One subfolder or zip per submission, named by its stem."""
    found = {}
    for path in sorted(folder.iterdir()):
        if path.is_dir() and not path.name.startswith("."):
            found[path.name] = path
        elif path.suffix == ".zip":
            found[path.stem] = path
    return found


@dataclass(frozen=True)
class Record:
    """What a regrade keeps per submission (``records/NAME.json``): the result, and ``failure`` when grading
    did not complete (the worker was killed, stopped, past its deadline or raised)."""

    result: GradingResult
    failure: str | None = None

    @property
    def internal_errors(self) -> tuple[str, ...]:
        """The causes: the failure, or each test that hit an internal error. Non-empty: regraded next run."""
        if self.failure:
            return (self.failure,)
        return tuple(f"internal error in test {test.id}" for test in self.result.tests if test.note == "internal_error")

    def to_json(self) -> str:
        data: dict[str, Any] = asdict(self.result)
        if self.failure:
            data["internal_error"] = self.failure
        return json.dumps(data, allow_nan=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> Record:
        data = json.loads(text)
        failure = data.pop("internal_error", None)
        data["tests"] = tuple(TestResult(**{**test, "tags": tuple(test["tags"])}) for test in data["tests"])
        data["messages"], data["staff_graded"] = tuple(data["messages"]), tuple(data["staff_graded"])
        return cls(GradingResult(**data), failure)


def failure_record(assignment: Assignment, what: str) -> Record:
    return Record(internal_error_result(assignment.title, what), what)


def read_record(path: Path) -> Record | None:
    """The record, or None when there is none (or it cannot be read: it is graded again)."""
    try:
        return Record.from_json(path.read_bytes())
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load_record(path: Path) -> GradingResult:
    return Record.from_json(path.read_bytes()).result


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """``write`` fills a temporary file in the same folder, which then replaces ``path``: a reader, or a
    rerun after a kill, finds the old file or the new one, never part of one."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_record(record: Record, path: Path) -> None:
    text = record.to_json()
    write_atomically(path, lambda temporary: temporary.write_text(text))


def regrade_folder(assignment: Assignment, folder: Path, out: Path, *, jobs: int = 2, force: bool = False,
                   progress: bool = True, grader: str = GRADER, deadline_seconds: float | None = None,
                   declarations: bool | None = None) -> str:
    """Grade every submission in ``folder`` without a record in ``out/records`` (all with ``force``; those whose
    record is an internal error always), then write the tables. ``grader`` (module:function) grades one
    submission as ``grade_submission`` does; ``deadline_seconds`` per submission defaults to the assignment's
    ``total_seconds`` plus ``DEADLINE_MARGIN_SECONDS``. With ``declarations`` (by default: only when ``folder``
    is the assignment's own ``submissions/``), a subfolder that declares a submission as changes of the
    reference (``changes.toml``) is graded materialised; otherwise it is graded as the files it holds, so a
    student who uploads a changes.toml is never graded as the reference.
    ``folder`` may instead be Gradescope's export, a zip (extracted into a scratch folder in ``out``) or
    unpacked: each ``submission_NNN/`` is graded as uploaded, its metadata kept on this side (ExportError when
    it cannot be read)."""
    records = out / "records"
    records.mkdir(parents=True, exist_ok=True)
    for leftover in records.glob(".*.tmp"):  # a write interrupted by a kill
        leftover.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix=".regrade-scratch-", dir=out) as scratch:
        export = read_export(folder, Path(scratch) / "export") if is_export(folder) else None
        if export is not None:  # students' uploads: a changes.toml among them is a file, never a declaration
            submissions = {submission.name: submission.path for submission in export.submissions}
        else:
            if declarations is None:
                declarations = folder.resolve() == assignment.submissions.resolve()
            submissions = {name: materialise_declaration(assignment, path, Path(scratch) / name)
                           if declarations and is_declaration(path) else path
                           for name, path in find_submissions(folder).items()}
        return _regrade(assignment, submissions, out, records, jobs=jobs, force=force, progress=progress,
                        grader=grader, deadline_seconds=deadline_seconds, export=export)


def _regrade(assignment: Assignment, submissions: dict[str, Path], out: Path, records: Path, *, jobs: int,
             force: bool, progress: bool, grader: str, deadline_seconds: float | None, export: Export | None) -> str:
    from tqdm import tqdm

    todo = []
    for name, path in submissions.items():
        record = None if force else read_record(records / f"{name}.json")
        if record is None or record.internal_errors:
            todo.append((name, path))
    deadline = assignment.settings.total_seconds + DEADLINE_MARGIN_SECONDS if deadline_seconds is None else deadline_seconds
    failed = 0
    with tqdm(total=len(todo), disable=not progress, desc=f"regrading {assignment.name}", unit="submission") as bar:
        def save(name: str, record: Record) -> None:
            nonlocal failed
            write_record(record, records / f"{name}.json")
            if record.internal_errors:
                failed += 1
                bar.set_postfix(internal_errors=failed, refresh=False)
            bar.update()

        if todo:
            with Supervisor(assignment, jobs, grader, deadline) as supervisor:
                supervisor.run(todo, save)
    results = {name: record for name in submissions if (record := read_record(records / f"{name}.json"))}
    write_atomically(out / "scores.csv", lambda path: write_scores_csv(results, path, export))
    summary = summary_markdown(assignment, results, export)
    write_atomically(out / "summary.md", lambda path: path.write_text(summary))
    write_atomically(out / "scores.png", lambda path: plot_scores(results, path))
    written = [out / "scores.csv", out / "summary.md", out / "scores.png"]
    if export is not None:
        max_points = max((record.result.max_score for record in results.values() if not record.failure), default=0.0)
        write_atomically(out / "students.csv",
                         lambda path: write_students_csv(export, _totals(results), max_points, path))
        written.insert(1, out / "students.csv")
    errors = sum(bool(record.internal_errors) for record in results.values())
    return (f"graded {len(todo)} submission(s), skipped {len(submissions) - len(todo)} already graded "
            "(use --force to redo)\n"
            + (f"{errors} internal error(s), regraded on the next run; see summary.md\n" if errors else "")
            + f"wrote {', '.join(map(str, written))}")


def _totals(results: dict[str, Record]) -> dict[str, float | None]:
    """Each submission's total; None where grading did not complete or a test hit an internal error."""
    return {name: None if record.internal_errors else record.result.score for name, record in results.items()}


def _work(connection: Connection, assignment_name: str, grader: str, shared_account: bool) -> None:
    """A warm worker: one submission at a time from the supervisor, a record back. Both ways are JSON
    (``send_bytes``): nothing on this pipe is ever unpickled."""
    from autograder.grading.grade import SCORED_SUITES
    from autograder.sandbox.deployment import SandboxConfigError
    from autograder.sandbox import template
    from autograder.sandbox.processes import become_subreaper

    try:
        assignment = load_assignment(assignment_name)
        module, _, function = grader.partition(":")
        grade = getattr(importlib.import_module(module), function)
        become_subreaper()  # orphans of student processes stay below this worker, where a tree kill finds them
        template.enable()  # student processes forked from a warm interpreter, not started cold
        connection.send_bytes(b'{"ready": true}')
        while True:
            try:
                job = json.loads(connection.recv_bytes())
            except EOFError:  # the supervisor is done with this worker
                return
            try:
                result = grade(assignment, Path(job["path"]), suites=SCORED_SUITES, shared_account=shared_account)
                record = Record(result)
            except SandboxConfigError as error:  # this machine's fault, and its message names the fix
                record = failure_record(assignment, f"grading raised SandboxConfigError: {str(error)[:200]}")
            except (Exception, SystemExit) as error:  # a crash costs only this submission
                traceback.print_exc()  # for staff, on the regrade's terminal
                record = failure_record(assignment, f"grading raised {type(error).__name__}{_where(error)}")
            connection.send_bytes(record.to_json().encode())
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group; the supervisor cleans up
        return


def _where(error: BaseException) -> str:
    """Where our code raised it (the innermost frame of the project's own files), e.g. ' at autograder/grading/grade.py:42'."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.is_relative_to(PROJECT_ROOT):
            return f" at {path.relative_to(PROJECT_ROOT)}:{frame.lineno}"
    return ""


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    since: float  # started (warming up), or given its current job
    ready: bool = False
    job: str | None = None  # the submission it holds
    stopped_since: float | None = None
    done: int = 0


class Supervisor:
    """The workers, what each holds and since when; kills and replaces those in trouble."""

    def __init__(self, assignment: Assignment, jobs: int, grader: str, deadline: float):
        self.assignment, self.jobs, self.grader, self.deadline = assignment, max(1, jobs), grader, deadline
        self.context = multiprocessing.get_context("forkserver" if sys.platform == "linux" else "spawn")
        if sys.platform == "linux":
            from autograder.sandbox.processes import become_subreaper

            # Import the engine once, in the forkserver: a replacement worker starts warm.
            self.context.set_forkserver_preload(["autograder.grading.grade", f"assignments.{assignment.name}.assignment"])
            become_subreaper()  # what a dead worker leaves is reparented here, to be found and killed
        self.workers: list[_Worker] = []
        self.helpers: set[int] | None = None  # our children that are not orphans (forkserver, resource tracker)
        self.start_failures = 0

    def __enter__(self) -> Supervisor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for worker in self.workers:
            worker.connection.close()  # an idle worker reads EOF and exits
        for worker in self.workers:
            worker.process.join(RETIRE_SECONDS if worker.job is None else 0)
            self._kill(worker)
        self.workers.clear()

    def run(self, todo: list[tuple[str, Path]], save: Callable[[str, Record], None]) -> None:
        """Grade ``todo`` (name, path); ``save`` receives one record per submission, in finishing order."""
        pending = deque(todo)
        self.workers = [self._start() for _ in range(min(self.jobs, len(pending)))]
        while pending or any(worker.job for worker in self.workers):
            for worker in self.workers:
                if worker.ready and worker.job is None and pending:
                    self._assign(worker, pending)
            wait([w.connection for w in self.workers] + [w.process.sentinel for w in self.workers], TICK_SECONDS)
            for index, worker in enumerate(self.workers):
                trouble = self._check(worker, save)
                if trouble is None:
                    if worker.done >= JOBS_PER_WORKER and worker.job is None:
                        self._retire(worker)
                        self.workers[index] = self._start()
                    continue
                self._kill(worker)
                if worker.job is not None:
                    save(worker.job, failure_record(self.assignment, trouble))
                elif not worker.ready:
                    self.start_failures += 1
                    if self.start_failures >= START_FAILURES:
                        raise RuntimeError(f"regrade workers do not start: {trouble}")
                self.workers[index] = self._start()

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_work, args=(theirs, self.assignment.name, self.grader, self.jobs > 1),
                                       daemon=True, name="regrade-worker")
        process.start()
        theirs.close()
        if sys.platform == "linux":
            from autograder.sandbox.processes import process_table

            table = process_table()
            if self.helpers is None:
                self.helpers = {pid for pid, info in table.items() if info.ppid == os.getpid()}
            if process.pid in table:
                self.helpers.add(table[process.pid].ppid)  # the forkserver, restarted if it was killed
        return _Worker(process, ours, time.monotonic())

    def _assign(self, worker: _Worker, pending: deque[tuple[str, Path]]) -> None:
        name, path = pending.popleft()
        try:
            worker.connection.send_bytes(json.dumps({"name": name, "path": str(path)}).encode())
        except OSError:  # it died meanwhile: the next check replaces it, the job waits for another
            pending.appendleft((name, path))
            return
        worker.job, worker.since = name, time.monotonic()

    def _check(self, worker: _Worker, save: Callable[[str, Record], None]) -> str | None:
        """Take what the worker sent; say what is wrong with it, if anything."""
        now = time.monotonic()
        try:
            if worker.connection.poll():
                reply = worker.connection.recv_bytes(RECORD_BYTES)
                if not worker.ready:
                    worker.ready, worker.since, self.start_failures = True, now, 0
                elif worker.job is not None:
                    save(worker.job, Record.from_json(reply))
                    worker.job, worker.done = None, worker.done + 1
                return None
        except (EOFError, OSError, ValueError, KeyError, TypeError) as error:
            worker.process.join(EXIT_SECONDS)  # its pipe closes a moment before its exit status arrives
            if worker.process.is_alive():
                return f"the grading worker sent an unreadable reply ({type(error).__name__})"
        if not worker.process.is_alive():
            return _exit_description(worker.process.exitcode)
        if _is_stopped(worker.process.pid):
            worker.stopped_since = worker.stopped_since or now
            if now - worker.stopped_since >= STOPPED_SECONDS:
                return f"the grading worker was stopped (SIGSTOP) for {STOPPED_SECONDS:g} s and was killed"
        else:
            worker.stopped_since = None
        if worker.job is not None and now - worker.since > self.deadline:
            return f"grading did not finish within the {self.deadline:g} s deadline; the worker was killed"
        if not worker.ready and now - worker.since > WARM_UP_SECONDS:
            return f"the grading worker did not start within {WARM_UP_SECONDS:g} s"
        return None

    def _retire(self, worker: _Worker) -> None:
        worker.connection.close()
        worker.process.join(RETIRE_SECONDS)
        self._kill(worker)

    def _kill(self, worker: _Worker) -> None:
        """Kill the worker, every process below it and whatever an earlier death left reparented to us."""
        if sys.platform == "linux":
            from autograder.sandbox.processes import ProcessInfo, descendants, kill_selected, orphans

            spare = {w.process.pid for w in self.workers if w is not worker} | (self.helpers or set())

            def select(table: dict[int, ProcessInfo]) -> set[int]:
                tree = {worker.process.pid} & table.keys() | descendants(table, worker.process.pid)
                return tree | orphans(table, spare)

            kill_selected(select)
        elif worker.process.is_alive():
            worker.process.kill()
        worker.process.join(RETIRE_SECONDS)
        worker.connection.close()


def _exit_description(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = f" ({signal.Signals(-exitcode).name})"
        except ValueError:
            name = ""
        return f"the grading worker was killed by signal {-exitcode}{name}"
    return f"the grading worker exited with code {exitcode}"


def _is_stopped(pid: int | None) -> bool:
    """State T (stopped by a signal) or t (stopped by a tracer) in ``/proc/PID/stat``."""
    from autograder.sandbox.processes import process_info

    info = None if pid is None else process_info(pid)
    return info is not None and info.state in ("T", "t")


def _test_ids(results: dict[str, Record]) -> list[str]:
    """Every graded test's id, in first-seen order (internal-error records are not tests)."""
    ids: dict[str, None] = {}
    for record in results.values():
        for test in record.result.tests:
            if test.note != "internal_error":
                ids.setdefault(test.id)
    return list(ids)


def write_scores_csv(results: dict[str, Record], path: Path, export: Export | None = None) -> None:
    """One row per submission; the last column names its internal errors (empty when there were none). For an
    export, the submitters, their SIDs and emails and the submission time follow the submission's name."""
    ids = _test_ids(results)
    people = {s.name: submitter_columns(s) for s in export.submissions} if export else {}
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submission", *(["submitters", "sid", "email", "submitted_at"] if export else []), "total",
                         *ids, "internal_error"])
        for name, record in sorted(results.items()):
            scores = {test.id: test.score for test in record.result.tests}
            writer.writerow([name, *people.get(name, []), f"{record.result.score:g}",
                             *(f"{scores[i]:g}" if i in scores else "" for i in ids), "; ".join(record.internal_errors)])


def summary_markdown(assignment: Assignment, results: dict[str, Record], export: Export | None = None) -> str:
    graded = [record.result for record in results.values() if not record.failure]
    totals = [result.score for result in graded]
    failures = len(results) - len(graded)
    lines = [f"# Regrade summary: {assignment.title}", "",
             f"{len(results)} submissions; mean total {sum(totals) / max(len(totals), 1):.2f}"
             + (f" over the {len(graded)} graded ({failures} could not be graded: see Internal errors)" if failures else ""),
             "", "| test | mean | full marks | most common notes | most common wrong answers |", "|---|---|---|---|---|"]
    for test_id in _test_ids(results):
        tests = [t for r in graded for t in r.tests if t.id == test_id]
        if not tests or tests[0].max_score == 0:
            continue
        mean = sum(t.score for t in tests) / len(tests)
        full = sum(t.score >= t.max_score for t in tests) / len(tests)
        notes = Counter(t.note for t in tests if t.score < t.max_score).most_common(3)
        answers = Counter(t.answer for t in tests if t.score < t.max_score and t.answer).most_common(3)
        lines.append(f"| {test_id} | {mean:.2f}/{tests[0].max_score:g} | {full:.0%} | "
                     + ", ".join(f"{note} ({count})" for note, count in notes) + " | "
                     + ", ".join(f"`{answer[:40]}` ({count})".replace("|", "\\|") for answer, count in answers) + " |")
    causes: dict[str, list[str]] = {}
    for name, record in sorted(results.items()):
        for cause in record.internal_errors:
            causes.setdefault(cause, []).append(name)
    if causes:
        lines += ["", "## Internal errors", "",
                  f"{sum(bool(r.internal_errors) for r in results.values())} submission(s) hit an internal error; "
                  "they are regraded on the next run (no --force needed).", "",
                  "| cause | submissions | which |", "|---|---|---|"]
        for cause, names in sorted(causes.items(), key=lambda item: (-len(item[1]), item[0])):
            shown = ", ".join(names[:5]) + (f", ... ({len(names) - 5} more)" if len(names) > 5 else "")
            lines.append(f"| {cause} | {len(names)} | {shown} |".replace("\n", " "))
    if export is not None:
        lines += export_summary(export, _totals(results))
    return "\n".join(lines) + "\n"


def plot_scores(results: dict[str, Record], path: Path) -> None:
    """Total scores of the graded submissions, and the mean share of points per test (PNG at ``path``)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    graded = [record.result for record in results.values() if not record.failure]
    ids = [i for i in _test_ids(results) if any(t.id == i and t.max_score > 0 for r in graded for t in r.tests)]
    figure, (left, right) = plt.subplots(1, 2, figsize=(14, 5), gridspec_kw={"width_ratios": [1, 2]})
    left.hist([r.score for r in graded], bins=20, color="tab:blue")
    left.set(title="Total scores", xlabel="points", ylabel="submissions")
    means = []
    for test_id in ids:
        tests = [t for r in graded for t in r.tests if t.id == test_id]
        means.append(sum(t.score / t.max_score for t in tests) / len(tests))
    right.bar(range(len(ids)), means, color="tab:green")
    right.set_xticks(range(len(ids)), ids, rotation=90, fontsize=6)
    right.set(title="Mean share of points per test", ylim=(0, 1))
    figure.tight_layout()
    figure.savefig(path, dpi=120, format="png")
    plt.close(figure)
