"""The ``autograder`` command line: thin commands over library calls.

Exit codes: 0 the command did its job (for ``grade``: grading completed, whatever the score);
1 something needs attention (``check``: an answer or file is invalid; ``validate``: a declared
expectation failed); 2 bad usage (unknown assignment, missing path).
"""
from __future__ import annotations

import argparse
import sys
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograder",
        description="Grade EECS 182 assignments: written answers and code, with student code isolated.",
        epilog="examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES.values())
        + "\n\nexit codes: 0 done; 1 needs attention (check: invalid answers; validate: a failed "
        "expectation); 2 bad usage",
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

    regrade = _command(commands, "regrade", "Regrade a folder of submissions (one subfolder or zip each) in parallel.")
    regrade.add_argument("assignment")
    regrade.add_argument("folder", type=Path)
    regrade.add_argument("--jobs", type=int, default=2)
    regrade.add_argument("--out", type=Path, default=Path("regrade-out"))
    regrade.add_argument("--force", action="store_true", help="regrade submissions already graded in --out")

    _command(commands, "demo", "Grade the bundled sample submissions and show the feedback a student sees.")

    key = _command(commands, "key", "Print the answer key computed by the oracle (instructors only).")
    key.add_argument("assignment")

    experiment = _command(commands, "experiment", "Run an instructor experiment (disc3: the ReLU optimizer study).")
    experiment.add_argument("name", choices=["disc3"])
    experiment.add_argument("--quick", action="store_true", help="a small size, seconds on a CPU")
    experiment.add_argument("--out", type=Path, default=Path("experiment-out"))
    experiment.add_argument("--device", default=None, help="cpu or cuda (default: cuda when available)")

    commands.add_parser("gradescope", help="Gradescope's entry point (used by run_autograder).")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from autograder import commands

    try:
        return getattr(commands, args.command)(args)
    except commands.UsageError as error:
        print(f"autograder {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
