"""HW2's optimizer and initialisation checks (the hidden suites ``test_optim.py`` and ``test_fc_net.py``)
run two ways on one submission, each in a fresh interpreter, for benchmark 4:

    python -m bench.code_checks in_process SUBMISSION   # the usual course autograder
    python -m bench.code_checks isolated SUBMISSION     # ours

``in_process`` is written the way most courses write it: unittest TestCases with gradescope-utils'
``weight``/``number`` decorators, run by gradescope-utils' JSONTestRunner, importing the student's modules
directly into the grading process. Its test methods call the very check functions of our suites, with a
``student`` whose ``module`` is a plain import and whose ``probe`` runs in this process, so both sides do
the same computations and differ only in isolation. ``isolated`` is our path: the submission copied to
scratch, pytest with our plugin, student code in a sandboxed child process. Each prints one JSON line:
score, max_score and ``checks_seconds`` (the runner alone, after the framework's imports).
"""
from __future__ import annotations

import importlib
import importlib.util
import io
import json
import sys
import tempfile
import time
import unittest
from pathlib import Path

from autograder.assignment import ASSIGNMENTS_DIR

HIDDEN_SUITES = ASSIGNMENTS_DIR / "hw2" / "suites" / "hidden"
SUITES = ("test_optim.py", "test_fc_net.py")


class InProcessStudent:
    """The in-process stand-in for our StudentProcess: the same two entry points, no isolation."""

    def module(self, dotted: str):
        return importlib.import_module(dotted)

    def probe(self, source: str, function: str, *args: object) -> object:
        namespace: dict = {}
        exec(compile(source, "<probe>", "exec"), namespace)
        return namespace[function](*args)


def _load_suite(path: Path):
    spec = importlib.util.spec_from_file_location(f"baseline_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _test_method(check, submission, student):
    """A TestCase method running ``check(submission, student)``, with the check's decorations and docstring."""
    def test(self):
        check(submission, student)

    for attribute in ("__weight__", "__number__", "__visibility__", "__tags__", "__doc__"):
        if hasattr(check, attribute):
            setattr(test, attribute, getattr(check, attribute))
    return test


def baseline_suite(suite_module, submission, student) -> unittest.TestSuite:
    checks = {name: value for name, value in vars(suite_module).items() if name.startswith("test_") and callable(value)}
    case = type(suite_module.__name__, (unittest.TestCase,),
                {name: _test_method(check, submission, student) for name, check in checks.items()})
    return unittest.defaultTestLoader.loadTestsFromTestCase(case)


def run_in_process(path: Path) -> dict:
    from gradescope_utils.autograder_utils.json_test_runner import JSONTestRunner

    from autograder.grading.submission import Submission

    root = Path(path).resolve()
    sys.path.insert(0, str(root))
    submission = Submission(root, tuple(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()))
    started = time.perf_counter()
    suite = unittest.TestSuite(baseline_suite(_load_suite(HIDDEN_SUITES / name), submission,
                                              InProcessStudent()) for name in SUITES)
    stream = io.StringIO()
    JSONTestRunner(stream=stream, visibility="visible").run(suite)
    elapsed = time.perf_counter() - started
    tests = json.loads(stream.getvalue())["tests"]
    return {"score": sum(t["score"] for t in tests), "max_score": sum(t.get("max_score", 0) for t in tests),
            "tests": len(tests), "checks_seconds": elapsed}


def run_isolated(path: Path) -> dict:
    """As ``grade_submission`` runs the code tests: the student process is launched first, and pytest loads
    while it starts (so ``checks_seconds`` includes pytest's import here)."""
    from autograder.assignment_index import load_declared
    from autograder.grading.grade import limits_for
    from autograder.grading.submission import load_submission
    from autograder.sandbox.student import StudentProcess

    assignment = load_declared("hw2")  # as `grade` loads it: from the question index, no sympy or oracle
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-isolated-") as scratch:
        submission = load_submission(Path(path), Path(scratch), expected=assignment.expected_files)
        student = StudentProcess(submission.root, limits_for(assignment))
        student.launch()
        from autograder.grading.plugin import GradingPlugin, run_suites

        plugin = GradingPlugin(submission, limits_for(assignment), student=student)
        tests = run_suites([HIDDEN_SUITES / name for name in SUITES], plugin)
    elapsed = time.perf_counter() - started
    return {"score": sum(t.score for t in tests), "max_score": sum(t.max_score for t in tests),
            "tests": len(tests), "checks_seconds": elapsed}


RUNNERS = {"in_process": run_in_process, "isolated": run_isolated}


def main(argv: list[str]) -> int:
    mode, path = argv
    print(json.dumps(RUNNERS[mode](Path(path))))
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    if sys.argv[1] == "isolated":  # ours ends as the `autograder` command does
        from autograder.cli import exit_quickly

        exit_quickly(code)
    sys.exit(code)
