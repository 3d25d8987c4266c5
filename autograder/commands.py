"""One function per command: parse nothing, call the library, print, return the exit code."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from autograder.assignment import Assignment, DeclarationProblem, load_assignment
from autograder.grading.results import internal_error_result, render_table, terminal_text, write_results_json


class UsageError(Exception):
    pass


def _assignment(name: str, *, declared: bool = False) -> Assignment:
    """``declared``: from the assignment's index when fresh (answer kinds loaded only when needed)."""
    from autograder.assignment_index import load_declared

    try:
        return load_declared(name) if declared else load_assignment(name)
    except (LookupError, DeclarationProblem) as error:
        raise UsageError(str(error)) from None


def _existing(path: Path) -> Path:
    if not path.exists():
        raise UsageError(f"{path} does not exist")
    return path


def grade(args: argparse.Namespace) -> int:
    """Grade one upload. Like the Gradescope entry point, a top-level guard writes an internal-error
    results.json for anything unforeseen (exit 0, the reason on stderr): there is always a results.json.
    A machine that cannot run student code safely gets the misconfigured record, then exit 2 (cli)."""
    from autograder.grading.grade import grade_submission
    from autograder.grading.gradescope import misconfigured_result
    from autograder.sandbox.deployment import SandboxConfigError

    assignment = _assignment(args.assignment, declared=True)
    submission = _existing(args.submission)
    try:
        result = grade_submission(assignment, submission)
        write_results_json(result, args.results)
    except SandboxConfigError as error:  # the grader's set-up, not the student's work
        write_results_json(misconfigured_result(assignment.title, str(error)), args.results)
        raise
    except BaseException as error:  # the top-level guard: always a valid results.json
        traceback.print_exc()
        result = internal_error_result(assignment.title, type(error).__name__)
        write_results_json(result, args.results)
        print(f"internal error: grading did not complete ({type(error).__name__}); wrote an internal-error "
              f"results.json to {args.results}", file=sys.stderr)
    print(terminal_text(render_table(result), sys.stdout.encoding))
    print(terminal_text(f"results written to {args.results}", sys.stdout.encoding))
    return 0


def check(args: argparse.Namespace) -> int:
    from autograder.tools.check import check_submission

    report = check_submission(args.assignment, _existing(args.submission))
    print(terminal_text(report.table, sys.stdout.encoding))
    return 0 if report.ok else 1


def validate(args: argparse.Namespace) -> int:
    from autograder.tools.validate import ValidationReport, validate_assignment

    try:
        assignment = load_assignment(args.assignment)
    except DeclarationProblem as error:  # a declaration mistake: the assignment is not valid
        report = ValidationReport((f"assignments/{args.assignment}/assignment.py: {error}",),
                                  (f"Validating {args.assignment}: its declaration does not load",))
        print(terminal_text(report.text, sys.stdout.encoding))
        return 1
    except LookupError as error:
        raise UsageError(str(error)) from None
    report = validate_assignment(assignment, progress=sys.stderr)
    print(terminal_text(report.text, sys.stdout.encoding))
    return 0 if report.ok else 1


def build(args: argparse.Namespace) -> int:
    from autograder.tools.build import build_all

    for artifact in build_all(_assignment(args.assignment), args.out):
        print(artifact.listing())
    return 0


def regrade(args: argparse.Namespace) -> int:
    from autograder.tools.gradescope_export import ExportError
    from autograder.tools.regrade import regrade_folder

    try:
        summary = regrade_folder(_assignment(args.assignment), _existing(args.folder), args.out,
                                 jobs=args.jobs, force=args.force, declarations=args.declarations or None)
    except ExportError as error:
        raise UsageError(str(error)) from None
    print(terminal_text(summary, sys.stdout.encoding))
    return 0


def demo(args: argparse.Namespace) -> int:
    from autograder.tools.demo import run_demo

    run_demo(sys.stdout)
    return 0


def key(args: argparse.Namespace) -> int:
    from autograder.tools.keysheet import key_sheet

    print(key_sheet(_assignment(args.assignment)))
    return 0


def new(args: argparse.Namespace) -> int:
    from autograder.tools.scaffold import ScaffoldError, new_assignment

    try:
        written = new_assignment(args.assignment)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    root = Path.cwd()
    print("\n".join(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}" for path in written))
    print(f"next: autograder validate {args.assignment}, then replace each part marked REPLACE (docs/authoring.md)")
    return 0


def experiment(args: argparse.Namespace) -> int:
    from assignments.disc3.experiment import run_experiment

    result = run_experiment(args.out, quick=args.quick, device=args.device)
    print(Path(result.table_path).read_text())
    print(f"plot: {result.plot_path}\ntable: {result.table_path}\n{result.seconds:.1f} s on {result.device}")
    return 0


def gradescope(args: argparse.Namespace) -> int:
    from autograder.grading.gradescope import main

    return main()
