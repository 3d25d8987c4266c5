"""Student-facing sentences for everything that can end a call on the student side.

The student process reports facts (kind, exception type, text, traceback); it is untrusted, so
every fact is checked for type and cut to length here before it is put into a sentence.
"""
from __future__ import annotations

import signal
from dataclasses import dataclass

from autograder.sandbox.errors import StudentError
from autograder.sandbox.limits import Limits, format_bytes

DETAIL_CHARS = 1000
TRACEBACK_LINES = 15
TRACEBACK_CHARS = 4000


@dataclass(frozen=True)
class Call:
    """What was running, for messages: ``label`` names it fully ("deeplearning.optim.adam"),
    ``short`` as a student would ("adam"); a cell "finishes" where a function "returns"."""

    label: str
    short: str
    finish: str = "return"


def timeout_error(call: Call, seconds: float, output: str, budget: float | None = None) -> StudentError:
    """``seconds``: one call's limit; ``budget``: set when what stopped the call was the budget of all calls."""
    if budget is not None:
        return StudentError("timeout", f"{call.label} was stopped when the {budget:g} s allowed for all checks "
                                       "together ran out", output)
    return StudentError("timeout", f"{call.label} did not {call.finish} within {seconds:g} s (the limit for one "
                                   "call): stopped", output)


def death_error(call: Call, returncode: int | None, limits: Limits, output: str,
                facts: dict | None = None) -> StudentError:
    """The process ended without replying: ``returncode`` as Popen reports it (negative: signal). ``facts``: what
    the trusted side read from the kernel about it (``cpu_seconds`` it used, ``memory``: the out-of-memory
    killer struck), so that a SIGKILL is put down to a limit only when one was hit."""
    facts = facts or {}
    if returncode is None:
        return StudentError("protocol", f"the student process closed its reply channel while running {call.short}: "
                                        "it was stopped", output)
    if returncode >= 0:
        return StudentError("exit", f"your code ended the Python process (exit status {returncode}) "
                                    f"while running {call.short}", output)
    signum = -returncode
    cpu = facts.get("cpu_seconds")
    past_hard_cpu = isinstance(cpu, float) and cpu >= limits.cpu_seconds
    if signum == signal.SIGXCPU or (signum == signal.SIGKILL and past_hard_cpu):
        return cpu_error(call, limits, output, in_all=past_hard_cpu)
    name = _signal_name(signum)
    if signum == signal.SIGKILL and facts.get("memory") is True:
        return StudentError("crash", f"the Python process running {call.short} was killed ({name}) by the kernel's "
                                     "out-of-memory killer: it used too much memory", output)
    if signum == signal.SIGKILL:
        return StudentError("crash", f"the Python process running {call.short} was killed ({name}), and no limit "
                                     "of the grader was hit: your code killed itself or its process group", output)
    return StudentError("crash", f"the Python process running {call.short} crashed ({name})", output)


def cpu_error(call: Call, limits: Limits, output: str, in_all: bool = False) -> StudentError:
    """A call stopped at a CPU limit, named: one call's (``call_cpu_seconds``), or the student process's in all
    (``cpu_seconds``, ``in_all``; also when one call may use as much). Both count every process the call started."""
    if in_all or limits.call_cpu_seconds >= limits.cpu_seconds:
        limit = f"{limits.cpu_seconds} s of CPU time in all (the limit for one student process)"
    else:
        limit = f"{limits.call_cpu_seconds} s of CPU time in one call"
    return StudentError("timeout", f"{call.label} used more than {limit}, counting every process it started: "
                                   "stopped", output)


def protocol_error(call: Call, reason: str, output: str) -> StudentError:
    return StudentError("protocol", f"the student process sent an invalid reply while running {call.short} "
                                    f"({reason}): it was restarted", output)


def failure_error(call: Call, facts: object, limits: Limits, scratch: str, output: str) -> StudentError:
    """The error for a failure the student process reported in its reply."""
    if not isinstance(facts, dict):
        return protocol_error(call, "malformed error report", output)
    kind = facts.get("kind")
    module = _text(facts.get("module"), DETAIL_CHARS)
    error = _exception_text(facts, scratch)
    if kind == "exit":
        code = _text(facts.get("code"), 100)
        where = f"importing {module}" if facts.get("during") == "import" else f"running {call.short}"
        return StudentError("exit", f"your code called sys.exit({code}) while {where}", output)
    if kind == "memory":
        return StudentError("memory", f"{call.short} ran out of memory (limit {format_bytes(limits.memory_bytes)}): "
                                      f"{error}", output)
    if kind == "exception":
        return StudentError("exception", f"{call.short} raised {error}", output)
    if kind == "import":
        subject = f"could not import {module}" if module else f"{call.short} failed to import a module"
        return StudentError("import", f"{subject}: {error}", output)
    if kind == "missing":
        return StudentError("missing", _missing_sentence(facts), output)
    if kind == "bad_result":
        return StudentError("bad_result", f"{call.short} returned a value that cannot be graded: "
                                          f"{_text(facts.get('detail'), DETAIL_CHARS)}", output)
    if kind == "too_large":
        size = facts.get("size") if type(facts.get("size")) is int else 0
        return StudentError("bad_result", f"{call.short} returned {format_bytes(size)} of data, more than the "
                                          f"{format_bytes(limits.reply_bytes)} limit", output)
    return protocol_error(call, "unknown failure kind", output)


def _missing_sentence(facts: dict) -> str:
    what = facts.get("what")
    module = _text(facts.get("module"), DETAIL_CHARS)
    name = _text(facts.get("name"), DETAIL_CHARS)
    if what == "module":
        return f"{module.replace('.', '/')}.py was not found in your submission (could not import {module})"
    if what == "function":
        return f"{module} has no function {name}"
    return f"{module}.{name} is not a function"


def _exception_text(facts: dict, scratch: str) -> str:
    """``"ValueError: shapes differ"`` followed by the last lines of the student-side traceback."""
    summary = f"{_text(facts.get('type'), 200)}: {_text(facts.get('detail'), DETAIL_CHARS)}"
    trace = _text(facts.get("traceback"), 10 * TRACEBACK_CHARS).replace(scratch.rstrip("/") + "/", "")
    lines = trace.rstrip("\n").splitlines()[-TRACEBACK_LINES:]
    tail = "\n".join(lines)[-TRACEBACK_CHARS:]
    return f"{summary}\n{tail}" if tail else summary


def _text(value: object, limit: int) -> str:
    text = value if type(value) is str else ""
    return text if len(text) <= limit else text[:limit] + " ..."


def _signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"
