"""The ``autograder`` command line: thin commands over library calls.

Exit codes: 0 the command did its job (for ``grade``: grading completed, whatever the score);
1 something needs attention (``check``: an answer or file is invalid; ``validate``: a declared
expectation failed); 2 bad usage (unknown assignment, missing path) or a machine that cannot run
student code safely (as root without an unprivileged account for it).
"""
from __future__ import annotations

import argparse
import atexit
import os
import sys
import threading
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

EXAMPLES = {
    "grade": "autograder grade hw2 my_submission.zip --results results.json",
    "check": "autograder check hw2 .",
    "validate": "autograder validate hw2",
    "build": "autograder build hw2",
    "regrade": "autograder regrade hw2 submissions/ --jobs 2 --out regrade-out",
    "demo": "autograder demo",
    "key": "autograder key hw2",
    "new": "autograder new demo_hw && autograder validate demo_hw",
    "experiment": "autograder experiment disc3 --quick",
}


def _version() -> str:
    try:
        return version("dl-autograder")
    except PackageNotFoundError:
        return "unknown"


def _command(subparsers, name: str, help_text: str) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        name, help=help_text, description=help_text, epilog=f"example:\n  {EXAMPLES[name]}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


STUDENT_CODE_COMMANDS = ("grade", "check", "validate", "regrade", "demo")


def _student_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--student-user", metavar="NAME", default=None,
                        help="as root, the unprivileged account that confirms this deployment (default: "
                        "$AUTOGRADER_STUDENT_USER, else 'student'): each grading's student code runs under a uid of its "
                        "own drawn from 61000-61999, or as this account where that range is unavailable; student code "
                        "never runs as root")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograder",
        description="Grade EECS 182 assignments: written answers and code, with student code isolated.",
        epilog="examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES.values())
        + "\n\nexit codes: 0 done; 1 needs attention (check: invalid answers; validate: a failed "
        "expectation); 2 bad usage, or no safe way to run student code here (as root: no 'student' account)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    grade = _command(commands, "grade", "Grade a submission folder or zip exactly as Gradescope would.")
    grade.add_argument("assignment")
    grade.add_argument("submission", type=Path)
    grade.add_argument("--results", type=Path, default=Path("results.json"), help="where to write results.json")

    check = _command(commands, "check", "Students: check your work before submitting (public checks only).")
    check.add_argument("assignment")
    check.add_argument("submission", type=Path, nargs="?", default=Path("."))

    validate = _command(commands, "validate", "Instructors: prove the autograder right (reference full marks, "
                        "known-wrong submissions their declared scores, every test able to fail).")
    validate.add_argument("assignment")

    build = _command(commands, "build", "Build the Gradescope zip and the student kit into dist/.")
    build.add_argument("assignment")
    build.add_argument("--out", type=Path, default=Path("dist"))

    regrade = _command(commands, "regrade", "Regrade a folder of submissions (one subfolder or zip each), or "
                       "Gradescope's \"Export Submissions\" archive (the zip or its unpacked folder), in parallel.")
    regrade.add_argument("assignment")
    regrade.add_argument("folder", type=Path, metavar="SUBMISSIONS",
                         help="a folder of submissions, or Gradescope's export: assignment_NNN_export.zip or its folder "
                         "(also writes students.csv, one row per student, and the score changes in summary.md)")
    regrade.add_argument("--jobs", type=int, default=2)
    regrade.add_argument("--out", type=Path, default=Path("regrade-out"))
    regrade.add_argument("--force", action="store_true", help="regrade submissions already graded in --out")
    regrade.add_argument("--declarations", action="store_true",
                         help="grade a subfolder holding only changes.toml/expected.toml as the reference with those "
                              "changes (the instructors' known-wrong submissions; automatic for the assignment's own "
                              "submissions/ folder, never for students' uploads without this flag)")

    _command(commands, "demo", "Grade the bundled sample submissions and show the feedback a student sees.")

    key = _command(commands, "key", "Print the answer key computed by the oracle (instructors only).")
    key.add_argument("assignment")

    new = _command(commands, "new", "Instructors: start an assignment from a minimal one that validates as written "
                   "(assignments/NAME, its oracle in reference/ and the oracle's test), each part to replace commented.")
    new.add_argument("assignment", help="its name: lowercase letters, digits and _ (a Python package)")

    experiment = _command(commands, "experiment", "Run an instructor experiment (disc3: the ReLU optimizer study).")
    experiment.add_argument("name", choices=["disc3"])
    experiment.add_argument("--quick", action="store_true", help="a small size, seconds on a CPU")
    experiment.add_argument("--out", type=Path, default=Path("experiment-out"))
    experiment.add_argument("--device", default=None, help="cpu or cuda (default: cuda when available)")

    commands.add_parser("gradescope", help="Gradescope's entry point (used by run_autograder).")
    for name in STUDENT_CODE_COMMANDS:
        _student_user_option(commands.choices[name])
    return parser


def _prepare_sandbox(args: argparse.Namespace) -> None:
    """Before a command that runs student code: who runs it and how confined, said once (stderr);
    SandboxConfigError when it cannot run safely here. The account travels in the environment so
    that regrade workers use the same one."""
    from autograder.sandbox.deployment import USER_VARIABLE, preflight

    if args.student_user:
        os.environ[USER_VARIABLE] = args.student_user
    print(preflight().notice(), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from autograder import commands
    from autograder.sandbox.deployment import SandboxConfigError

    try:
        if args.command in STUDENT_CODE_COMMANDS:
            _prepare_sandbox(args)
        return getattr(commands, args.command)(args)
    except (commands.UsageError, SandboxConfigError) as error:
        print(f"autograder {args.command}: {error}", file=sys.stderr)
        return 2


def run() -> None:
    """The entry point of ``autograder`` and ``python -m autograder``: ``main()``, then ``exit_quickly``."""
    exit_quickly(main())


def exit_quickly(code: int) -> None:
    """End the process once a command has written everything. The interpreter's own teardown (freeing
    pytest, numpy, sympy: about 50 ms per grading) only delays whoever waits on it (Gradescope, a script),
    so it is skipped; the atexit handlers still run (they stop student processes and remove temporary
    folders) and stdio is flushed. While another thread is alive the exit is the normal one."""
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or broken pipe: nothing more can reach it
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
