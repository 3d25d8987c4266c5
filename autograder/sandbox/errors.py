"""What can go wrong on the student side of the trust boundary, in words a student can act on."""
from __future__ import annotations

KINDS = frozenset({
    "timeout",           # a call ran past its wall-clock or CPU limit and was stopped
    "exit",              # student code ended the process or raised SystemExit
    "crash",             # the process died on a signal (segfault, killed)
    "memory",            # MemoryError under the address-space limit
    "exception",         # the student function raised
    "import",            # the student module could not be imported
    "bad_result",        # the result cannot cross the boundary (custom object, too large, ...)
    "protocol",          # the reply was malformed or forged
    "missing",           # the module or function does not exist
    "invalid_notebook",  # the notebook file cannot be read
})


class StudentError(Exception):
    """A failure caused by student code. ``message`` is one clear sentence for the student (with
    the student-side traceback's last lines where there is one); ``output`` is the call's captured
    stdout/stderr, already truncated."""

    def __init__(self, kind: str, message: str, output: str = "") -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown StudentError kind {kind!r}")
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.output = output

    def __repr__(self) -> str:
        return f"StudentError({self.kind!r}, {self.message!r})"


class SandboxStartError(RuntimeError):
    """The student process could not be started. No student code has run at that point, so this
    is an internal error of the grader (bad setup), never the student's fault."""
