"""Our pytest plugin: runs an assignment's suites against one submission and turns each test into a
TestResult.

Points, numbering, visibility, tags and partial credit come from gradescope-utils' decorators
(``weight``, ``number``, ``visibility``, ``tags``, ``partial_credit``), so suites read like any
Gradescope Python autograder. Fixtures: ``submission`` (the uploaded files, trusted side) and ``student``
(a StudentProcess: the only way a suite reaches student code).
"""
from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest

from autograder.assignment import ASSIGNMENTS_DIR
from autograder.checks import CheckFailed
from autograder.grading.results import HIDDEN, TestResult, clamp_score, internal_error_test
from autograder.sandbox.deployment import SandboxConfigError
from autograder.sandbox.errors import SandboxStartError, StudentError
from autograder.sandbox.limits import Limits
from autograder.sandbox.student import StudentProcess
from autograder.grading.submission import Submission, SubmissionError

OUTPUT_LIMIT = 4000
UNUSED_PLUGINS = ("pastebin", "junitxml", "doctest", "setuponly", "setupplan", "stepwise", "faulthandler")


class GradingPlugin:
    def __init__(self, submission: Submission, limits: Limits, visibility: str = HIDDEN, shared_account: bool = False,
                 student: StudentProcess | None = None):
        """``shared_account``: other graders run student code as the same user at the same time (a parallel
        regrade), so closing must not kill every process of that user. ``student``: the submission's student
        process, already launched (``grade_submission`` launches it before pytest loads); else made here."""
        self.submission_value = submission
        self.limits = limits
        self.shared_account = shared_account
        self.default_visibility = visibility
        self.results: list[TestResult] = []
        self.start_error: SandboxConfigError | None = None  # the student process could not start: no test ran
        self._student = student

    @pytest.fixture
    def submission(self) -> Submission:
        return self.submission_value

    def launch_student(self) -> None:
        """Start the student process's interpreter without waiting for it (``start_student`` waits), so
        that it starts while the written answers are graded."""
        if self._student is None:
            self._student = StudentProcess(self.submission_value.root, self.limits,
                                           exclusive_account=not self.shared_account)
        self._student.launch()

    def start_student(self) -> None:
        """Start the student process before any test: one that cannot start is this machine's fault
        (SandboxConfigError, raised out of the grading), never a test the student fails."""
        try:
            self.launch_student()
            self._student.start()
        except SandboxStartError as error:
            self.close()
            raise SandboxConfigError(str(error)) from None

    def pytest_configure(self, config: pytest.Config) -> None:
        """A failure's feedback comes from its exception (``_explain``), never from pytest's report, so the report
        gets pytest's cheapest traceback, the exception's text: its default ("long") parses the source of every
        frame, about 10 ms per failed test. (``--tb`` belongs to the terminal plugin, which a grading leaves out.)"""
        config.option.tbstyle = "value"

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Wait for the student process once the suites are collected, before any test: a process that cannot
        start runs no test (``start_error``, raised by ``run_suites``) rather than failing each one."""
        try:
            self.start_student()
        except SandboxConfigError as error:
            self.start_error = error
            items.clear()

    @pytest.fixture
    def student(self) -> StudentProcess:
        """One student process per submission, started before the suites run, shared by them."""
        if self._student is None:
            self.start_student()
        return self._student

    def close(self) -> None:
        if self._student is not None:
            self._student.close()
            self._student = None

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        function = getattr(item, "obj", None)
        if function is not None and hasattr(function, "__score__"):
            function.__score__ = None

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """A suite that cannot even be collected is our defect: say so instead of silently losing its tests."""
        if report.failed:
            name = Path(report.nodeid).name or "suite"
            self.results.append(internal_error_test(f"internal_error:{name}", name, f"suite {report.nodeid} failed to load"))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        if call.when == "call" or (call.when == "setup" and not report.passed):
            self.results.append(self._record(item, call))
        return report

    def _record(self, item: pytest.Item, call: pytest.CallInfo) -> TestResult:
        function = item.obj
        weight = float(_attribute(function, "__weight__", 0.0))
        visibility = _attribute(function, "__visibility__", None) or _module_visibility(item) or self.default_visibility
        error = call.excinfo.value if call.excinfo is not None else None
        partial = getattr(function, "__score__", None)
        if error is None:
            score = weight if partial is None else clamp_score(partial, weight)
            output, note = ("" if partial is None or partial >= weight else f"Partial credit: {partial:g}/{weight:g}."), "passed"
        else:
            score = 0.0
            output, note = _explain(error, item)
        return TestResult(
            id=item.name,
            name=_test_name(item),
            number=str(_attribute(function, "__number__", "")),
            score=score,
            max_score=weight,
            output=_truncate(output),
            visibility=visibility,
            tags=tuple(_attribute(function, "__tags__", ())),
            note=note,
            passed=error is None,
            attempted=not isinstance(error, pytest.skip.Exception),
        )


def _attribute(function, name: str, default):
    while function is not None:
        if hasattr(function, name):
            return getattr(function, name)
        function = getattr(function, "__wrapped__", None)
    return default


def _module_visibility(item: pytest.Item) -> str | None:
    return getattr(item.module, "VISIBILITY", None)


def _test_name(item: pytest.Item) -> str:
    doc = inspect.getdoc(item.obj) or ""
    name = doc.splitlines()[0].strip() if doc else item.originalname
    parameters = getattr(item, "callspec", None)
    return f"{name} [{parameters.id}]" if parameters is not None else name


def _explain(error: BaseException, item: pytest.Item) -> tuple[str, str]:
    """A message a student can act on, and a stable note. Our own code's internals are never shown."""
    if isinstance(error, StudentError):
        text = error.message
        if error.output.strip():
            text += f"\n\nYour code printed:\n```\n{error.output.strip()}\n```"
        return text, f"student.{error.kind}"
    if isinstance(error, CheckFailed):
        return str(error), error.note
    if isinstance(error, SubmissionError):  # a file of the upload that cannot be read, or passes a limit
        return f"{str(error).rstrip('.')}.", "invalid.submission_file"
    if isinstance(error, pytest.skip.Exception):
        return f"Not attempted: {error.msg}", "not_attempted"
    if isinstance(error, AssertionError):
        return str(error) or "This check failed.", "failed"
    return (f"Internal error in this test ({type(error).__name__}); it costs only this test. "
            "Please tell course staff."), "internal_error"


def _truncate(text: str) -> str:
    if len(text) <= OUTPUT_LIMIT:
        return text
    return text[:OUTPUT_LIMIT] + f"\n... [output truncated: {len(text) - OUTPUT_LIMIT} characters dropped]"


def run_suites(paths: list[Path], plugin: GradingPlugin) -> list[TestResult]:
    """Run pytest in this (trusted) process over ``paths``; student code runs only behind ``student``.
    Raises SandboxConfigError when student code cannot run safely on this machine."""
    existing = [str(path) for path in paths if path.exists()]
    if not existing:
        return []
    arguments = [
        *existing, "-p", "no:cacheprovider", "--assert=plain", "--import-mode=importlib",
        # Module names come from paths relative to rootdir: the folder above assignments/ keeps
        # assignments/hw2/suites/public/test_public.py apart from another assignment's file of that name.
        "-c", os.devnull, "--rootdir", str(ASSIGNMENTS_DIR.parent), "-o", "python_files=test_*.py",
        "-p", "no:terminal", "-p", "no:warnings",
        # Plugins that happen to be installed here (hypothesis, platformdirs; a pytest-randomly would reorder
        # the tests) have no say in a grading.
        "--disable-plugin-autoload",
        # Both run gc.collect() at the end of every session (about 60 ms in a grader holding sympy), to report
        # exceptions nobody could catch: nothing a grading reads.
        "-p", "no:unraisableexception", "-p", "no:threadexception",
        # Command-line tools a grading never uses (about 14 ms of set-up per grading); the fixtures a suite may
        # use (tmp_path, monkeypatch, caplog, capsys, recwarn) and unittest-style suites (which need "debugging") stay.
        *(option for name in UNUSED_PLUGINS for option in ("-p", f"no:{name}")),
    ]
    try:
        plugin.launch_student()  # its interpreter starts while pytest starts and collects the suites
        code = pytest.main(arguments, plugins=[plugin])
    finally:
        plugin.close()
    if plugin.start_error is not None:
        raise plugin.start_error
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) and not plugin.results:
        plugin.results.append(internal_error_test("internal_error:suites", "suites",
                                                  f"the code tests could not run (pytest exit code {int(code)})"))
    return plugin.results

