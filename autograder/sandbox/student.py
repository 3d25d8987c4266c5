"""The trusted handle on one student process (issue 4, "Isolation").

``StudentProcess`` runs student code in ONE long-lived child Python started as
``python -I -B -u -c <bootstrap>`` (nothing of our repository on its path), in a scratch copy of
the submission, in its own session, under rlimits, as the ``student`` user when we are root, with
the network unshared where the kernel allows. Requests and replies travel as length-prefixed
``wire`` frames on two dedicated pipes; stdout and stderr go to a file we read back, truncated.
A call that fails in a way that ends or compromises the child (timeout, exit, crash, malformed
reply) kills its whole process tree; the next call starts a fresh child.

    with StudentProcess(submission.root) as student:
        next_w, config = student.module("deeplearning.optim").sgd_momentum(w, dw, config)
"""
from __future__ import annotations

import atexit
import fcntl
import json
import os
import pwd
import subprocess
import sys
import tempfile
import time
import weakref
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from autograder.sandbox import accounting, font_cache, rootfs, seccomp, template, wire
from autograder.sandbox.channel import Channel, ChannelClosed, ChannelOversize, ChannelTimeout
from autograder.sandbox.errors import SandboxStartError, StudentError
from autograder.sandbox.limits import Limits
from autograder.sandbox.messages import Call, cpu_error, death_error, failure_error, protocol_error, timeout_error
from autograder.sandbox.notebook_cells import CELL_STATUSES, CellResult, prepare_cell
from autograder.sandbox.deployment import (
    Account, grader_paths, grading_account, namespaces_available, oracle_paths, prepare_account, student_account)
from autograder.sandbox.leftovers import remove_files_of
from autograder.sandbox.processes import (
    become_subreaper, become_undumpable, descendants, exit_returncode, kill_orphans, kill_selected, kill_tree,
    kill_user, orphans, process_info, process_table, start_time, tree)
from autograder.sandbox.scratch import make_scratch, remove_scratch
from autograder.grading.submission import SubmissionError, read_notebook_file

HIDDEN_PACKAGES = ("reference", "assignments", "autograder")
CPU_CHECK_SECONDS = 0.5  # how often a running call's CPU time is measured (a scan of /proc: about 9 ms)
MATPLOTLIB_CONFIG = Path(".tmp", "matplotlib")  # in the scratch: the student process's MPLCONFIGDIR
BOOTSTRAP = """\
import builtins, types
child = types.ModuleType("_sandbox_child")
child.__builtins__ = dict(vars(builtins))
exec(compile({child!r}, "<sandbox child>", "exec"), child.__dict__)
child.main({wire!r}, {config!r})
"""
TEMPLATE_BOOTSTRAP = BOOTSTRAP.replace("child.main({wire!r}, {config!r})", "child.serve_template({wire!r}, {control_fd})")


def child_environment(scratch: Path) -> dict[str, str]:
    """A minimal environment: nothing of ours (no AUTOGRADER_ROOT), one thread per library."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(scratch),
        "TMPDIR": str(scratch / ".tmp"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(scratch / MATPLOTLIB_CONFIG),
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1",
        "MALLOC_ARENA_MAX": "2",
    }


@dataclass
class _Child:
    process: subprocess.Popen
    channel: Channel
    output_fd: int
    scratch: Path
    started: int
    isolation: dict  # what it reported in its hello ({} before)
    ready: bool = False  # its hello has arrived
    own: frozenset[int] = frozenset()  # its processes at its hello, before any student code: never student's
    oom_kills: int | None = None  # the out-of-memory killer's count when it was launched


@dataclass(frozen=True)
class _NotebookState:
    generation: int
    stopped: StudentError | None


class ModuleProxy:
    """``proxy.name(*args, **kwargs)`` calls ``name`` of the student module in the child."""

    def __init__(self, process: StudentProcess, dotted: str) -> None:
        self._process = process
        self._dotted = dotted

    def __getattr__(self, name: str) -> Callable[..., object]:
        if name.startswith("_"):
            raise AttributeError(name)

        def call_in_child(*args: object, **kwargs: object) -> object:
            return self._process._call(self._dotted, name, args, kwargs)

        call_in_child.__name__ = name
        return call_in_child

    def __repr__(self) -> str:
        return f"<student module {self._dotted}>"


class StudentProcess:
    _open_by_uid: Counter = Counter()
    _live: weakref.WeakSet = weakref.WeakSet()

    def __init__(self, submission_dir: Path, limits: Limits = Limits(), *, user: str | None = None,
                 extra_paths: tuple[Path, ...] | list[Path] = (), exclusive_account: bool = True,
                 namespaces: bool = True) -> None:
        """``user``: see ``deployment.student_account`` (as root, an unprivileged account is required:
        SandboxConfigError otherwise). ``extra_paths`` are added to the child's ``sys.path``
        after the submission, as they are (not copied): they must be readable by the student user,
        so outside ``source/``. ``exclusive_account``: no other grader (another process, e.g. a
        parallel regrade worker) runs student code as the same user meanwhile, so every process of
        that user may be killed when the last StudentProcess of this grader stops its child; this
        catches processes that escaped the child's tree. Pass False when graders share the user.
        ``namespaces=False`` confines the child as on a machine that refuses namespaces (for tests of
        the fallback: rlimits, the student account and the process sweeps alone)."""
        self.submission_dir = Path(submission_dir).resolve()
        if not self.submission_dir.is_dir():
            raise ValueError(f"{submission_dir} is not a directory")
        self.limits = limits
        self.account: Account | None = student_account(user)
        self._uid_lease = None
        if self.account is not None:
            self.account, self._uid_lease = grading_account(self.account)
        self.extra_paths = tuple(str(Path(path).resolve()) for path in extra_paths)
        self.exclusive_account = exclusive_account
        self.namespaces = namespaces
        self._child: _Child | None = None
        self._generation = 0
        self._next_id = 1
        self._last_output = ""
        self._notebook: _NotebookState | None = None
        self._closed = False
        self._spent = 0.0
        self._timed_out: dict[str, str] = {}  # function -> how it ran past its limit
        if self.account is not None:
            StudentProcess._open_by_uid[self.account.uid] += 1
        StudentProcess._live.add(self)

    def __enter__(self) -> StudentProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def runs_as(self) -> str:
        return self.account.name if self.account else pwd.getpwuid(os.geteuid()).pw_name

    @property
    def pid(self) -> int | None:
        """The current child's process id (None while none is running)."""
        return None if self._child is None else self._child.process.pid

    @property
    def network_isolated(self) -> bool | None:
        """Whether the current child has no network (None before it has started)."""
        return None if self._ready_child() is None else self._child.isolation.get("network") is True

    @property
    def isolation(self) -> dict | None:
        """What confines the current child, as it reported: namespaces entered ("network", "pid",
        "mount"), the grader's code read-only ("read_only"), oracle folders covered ("hidden"), a
        private /proc ("proc"), capabilities dropped."""
        return None if self._ready_child() is None else dict(self._child.isolation)

    def _ready_child(self) -> _Child | None:
        return self._child if self._child is not None and self._child.ready else None

    def launch(self) -> None:
        """Start the child's process without waiting until it is ready (its hello), so that its
        interpreter starts while the caller does other work (grading the written answers); ``start``
        or the first call waits for it. Raises SandboxConfigError as ``start`` does."""
        if self._closed:
            raise RuntimeError("this StudentProcess is closed")
        if self._child is None:
            self._child = self._launch_child()
            self._generation += 1

    def start(self) -> None:
        """Start the child now rather than on first use: a child that cannot start is a fault of this
        machine's set-up, found before any test (SandboxConfigError, or SandboxStartError)."""
        self._ensure_child()

    def module(self, dotted: str) -> ModuleProxy:
        if not all(part.isidentifier() for part in dotted.split(".")):
            raise ValueError(f"{dotted!r} is not a module name")
        return ModuleProxy(self, dotted)

    def probe(self, source: str, function: str, *args: object, **kwargs: object) -> object:
        """Run the TRUSTED helper ``function`` defined in ``source`` inside the child: it may import
        student modules and build student objects, and must return plain data. Its result is still
        untrusted (student code ran in that process): check it like any student result. Never put
        oracle values into ``source`` or the arguments."""
        return self._once(Call(function, function), "probe", {"source": source, "function": function,
                                                               "args": list(args), "kwargs": kwargs})

    def run_notebook(self, path: Path | str, timeout_per_cell: float | None = None,
                     until_defined: tuple[str, ...] = ()) -> list[CellResult]:
        """Run the code cells of the notebook at ``path`` (relative paths are relative to the
        submission) in one fresh namespace; a cell error does not stop later cells, a cell that ends
        the process (timeout, os._exit, crash) does. The notebook is read here, on the trusted side;
        its cells run with the notebook's folder in the scratch copy as working directory.
        ``until_defined``: stop once the namespace holds all these names (later cells, such as long
        training runs, are "not_needed")."""
        path = self.submission_dir / path
        try:
            notebook = read_notebook_file(path, path.name)
        except (SubmissionError, OSError) as error:
            raise StudentError("invalid_notebook", str(error)) from None
        timeout = timeout_per_cell or self.limits.wall_seconds
        self._request("reset_namespace", {"workdir": self._workdir_for(path)}, Call("the notebook", "the notebook"),
                      self.limits.wall_seconds)
        generation = self._generation
        results: list[CellResult] = []
        stopped: StudentError | None = None
        done = False
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            code, note = prepare_cell(cell.source)
            if stopped is not None:
                results.append(CellResult(index, "not_run", message=f"not run: {stopped.message}", note=note))
            elif done:
                results.append(CellResult(index, "not_needed", note=note))
            elif not code.strip():
                results.append(CellResult(index, "ok", note=note))
            else:
                result, stopped = self._run_cell(index, code, note, timeout)
                results.append(result)
                self._notebook = _NotebookState(generation, stopped)
                done = bool(until_defined) and stopped is None and self.probe_namespace(
                    DEFINED_PROBE, "defined", list(until_defined))
        self._notebook = _NotebookState(generation, stopped)
        return results

    def probe_namespace(self, source: str, function: str, *args: object) -> object:
        """Like ``probe``, with the last notebook's namespace (a dict) as the first argument."""
        if self._notebook is None:
            raise RuntimeError("probe_namespace needs run_notebook first")
        stopped = self._notebook.stopped
        if stopped is None and self._notebook.generation != self._generation:
            stopped = StudentError("crash", "the student process was restarted after the notebook ran")
        if stopped is not None:
            raise StudentError(stopped.kind, f"the notebook did not run to the end, so its variables are gone: "
                                             f"{stopped.message}")
        return self._request("probe_namespace", {"source": source, "function": function, "args": list(args)},
                             Call(function, function), self.limits.wall_seconds)

    def output(self) -> str:
        """Captured stdout and stderr of the last call, truncated with a marker."""
        return self._last_output

    def close(self) -> None:
        """Kill the child and everything it started, delete the scratch copy. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._stop_child()
        if self._owns_account():  # where mounts were refused, its files in /tmp would reach the next grading
            remove_files_of(self.account.uid, self.account.gid)
        if self.account is not None:
            StudentProcess._open_by_uid[self.account.uid] -= 1
        if self._uid_lease is not None:
            self._uid_lease.release()
        StudentProcess._live.discard(self)

    def _call(self, dotted: str, function: str, args: tuple, kwargs: dict) -> object:
        """A function that ran past a time limit once is not called again: its later checks fail at
        once with that reason, so a hanging function costs one call limit, not one per test."""
        return self._once(Call(f"{dotted}.{function}", function), "call",
                          {"module": dotted, "function": function, "args": list(args), "kwargs": kwargs})

    def _once(self, call: Call, op: str, args: dict) -> object:
        """``_request``, unless ``call`` ran past a time limit before (a student function, or a probe that
        reaches one): then it fails at once with that reason."""
        if call.label in self._timed_out:
            raise StudentError("timeout", f"not run: in an earlier check {self._timed_out[call.label]}; "
                                          f"{call.short} is not called again")
        try:
            return self._request(op, args, call, self.limits.wall_seconds)
        except StudentError as error:
            if error.kind == "timeout" and not error.message.startswith("not run"):
                self._timed_out[call.label] = error.message
            raise

    def _run_cell(self, index: int, code: str, note: str, timeout: float) -> tuple[CellResult, StudentError | None]:
        call = Call(f"notebook cell {index}", f"notebook cell {index}", finish="finish")
        try:
            reply = self._request("run_cell", {"code": code, "filename": f"<notebook cell {index}>"}, call, timeout)
        except StudentError as error:
            status = error.kind if error.kind in ("timeout", "exit") else "crash"
            return CellResult(index, status, message=error.message, output=error.output, note=note), error
        if not isinstance(reply, dict) or reply.get("status") not in CELL_STATUSES:
            return CellResult(index, "error", "ProtocolError", "malformed cell report", self._last_output, note), None
        if reply["status"] == "ok":
            return CellResult(index, "ok", output=self._last_output, note=note), None
        if reply["status"] == "exit":
            code = reply.get("detail") if type(reply.get("detail")) is str else ""
            return CellResult(index, "exit", "SystemExit", f"your code called sys.exit({code[:100]})",
                              self._last_output, note), None
        error = failure_error(call, {**reply, "kind": "exception"}, self.limits, self._scratch_text(), "")
        name = reply.get("type") if type(reply.get("type")) is str else "Error"
        message = error.message.removeprefix(f"{call.short} raised ")
        return CellResult(index, reply["status"], name, message, self._last_output, note), None

    def _workdir_for(self, notebook: Path) -> str:
        scratch = self._ensure_child().scratch
        try:
            return str(scratch / notebook.resolve().parent.relative_to(self.submission_dir))
        except ValueError:
            return str(scratch)

    def _scratch_text(self) -> str:
        return str(self._child.scratch) if self._child else "/nonexistent"

    def _request(self, op: str, args: dict, call: Call, timeout: float) -> object:
        left = self.limits.total_seconds - self._spent
        if left <= 0:
            raise StudentError("timeout", f"not run: your code already used the {self.limits.total_seconds:g} s "
                                          f"allowed for all checks together (earlier calls were stopped at their limit)")
        started = time.monotonic()
        try:
            return self._request_within(op, args, call, min(timeout, left),
                                        budget=self.limits.total_seconds if left < timeout else None)
        finally:
            self._spent += time.monotonic() - started

    def _request_within(self, op: str, args: dict, call: Call, timeout: float, budget: float | None = None) -> object:
        """One request within ``timeout`` seconds; ``budget``: the time left was the budget of all calls
        (``total_seconds``), not one call's limit, and the feedback says so."""
        child = self._ensure_child()
        request_id = self._next_id
        self._next_id += 1
        os.ftruncate(child.output_fd, 0)
        payload = wire.encode({"id": request_id, "op": op, "args": args})
        deadline = time.monotonic() + timeout
        start = accounting.mark(child.own)
        try:
            child.channel.send(payload, deadline)
            frame = self._receive_within_cpu(child, deadline, start, call)
        except ChannelTimeout:
            raise timeout_error(call, timeout, self._stop_child(), budget) from None
        except ChannelClosed:
            returncode = _exit_status(child.process)
            facts = self._death_facts(child)  # from its zombie: before _stop_child reaps it
            raise death_error(call, returncode, self.limits, self._stop_child(), facts) from None
        except ChannelOversize as oversize:
            raise protocol_error(call, f"a reply of {oversize.size} bytes", self._stop_child()) from None
        self._end_call_processes(child, start)
        self._last_output = self._read_output(child)
        try:
            reply = wire.decode(frame)
        except wire.WireError as error:
            raise protocol_error(call, str(error)[:200], self._stop_child()) from None
        if not isinstance(reply, dict) or reply.get("id") != request_id or len(reply.keys() & {"ok", "error"}) != 1:
            raise protocol_error(call, "a reply that does not answer the request", self._stop_child())
        if "error" in reply:
            raise failure_error(call, reply["error"], self.limits, str(child.scratch), self._last_output)
        return reply["ok"]

    def _receive_within_cpu(self, child: _Child, deadline: float, start: accounting.Mark, call: Call) -> bytearray:
        """The reply; while it is awaited, every ``CPU_CHECK_SECONDS`` the CPU time of all the child's processes is
        measured here, and a call past ``call_cpu_seconds`` (or a child past ``cpu_seconds`` in all) is stopped:
        the child's own RLIMIT_CPU is a soft limit it can raise, and its forks count apart."""
        while time.monotonic() < deadline and not child.channel.wait_for_reply(
                min(deadline, time.monotonic() + CPU_CHECK_SECONDS)):
            total = accounting.cpu_seconds(list(self._student_processes(child, process_table()).values()))
            over_call = total - start.cpu > self.limits.call_cpu_seconds
            if over_call or total > self.limits.cpu_seconds:
                raise cpu_error(call, self.limits, self._stop_child(), in_all=not over_call)
        return child.channel.receive(deadline, self.limits.reply_bytes)

    def _student_processes(self, child: _Child, table: dict) -> dict:
        """The child's processes in ``table``: its tree, session and group, and those that escaped it and were
        reparented to us since it started."""
        pids = tree(table, child.process.pid) | orphans(table, StudentProcess._running_children(), child.started)
        return {pid: table[pid] for pid in pids if pid in table}

    def _end_call_processes(self, child: _Child, start: accounting.Mark) -> None:
        """No process that student code started outlives its call (a spinner forked with a raised soft limit,
        a daemon): all but the child's own are killed once it has replied. Unless no process at all was created
        meanwhile (in our PID namespace), when there is nothing to look for (a scan of /proc costs about 9 ms)."""
        if accounting.last_pid() != start.last_pid:
            kill_selected(lambda table: set(self._student_processes(child, table)) - child.own)

    def _death_facts(self, child: _Child) -> dict:
        """What the kernel says of a child that died without replying: the CPU seconds it used (read from its
        zombie, with what it reaped) and whether the out-of-memory killer struck since it was launched."""
        info = process_info(child.process.pid)
        kills = accounting.oom_kills()
        return {"cpu_seconds": accounting.cpu_seconds([info]) if info is not None else None,
                "memory": None not in (kills, child.oom_kills) and kills > child.oom_kills}

    def _ensure_child(self) -> _Child:
        self.launch()
        if not self._child.ready:
            self._await_hello(self._child)
        return self._child

    def _launch_child(self) -> _Child:
        owner = (self.account.uid, self.account.gid) if self.account else None
        oracle = oracle_paths()
        if self.account is not None:
            prepare_account(self.account, oracle)  # in every command, not only under /autograder
        become_subreaper()
        become_undumpable()
        namespaces = self.namespaces and namespaces_available()
        if not namespaces:
            self._kill_account_processes()  # leftovers of an earlier child that escaped its tree
        scratch = make_scratch(self.submission_dir, owner)
        font_cache.copy_seed(scratch / MATPLOTLIB_CONFIG, owner)  # matplotlib need not scan the fonts again
        config = {
            "scratch": str(scratch), "extra_paths": list(self.extra_paths), "hidden_packages": list(HIDDEN_PACKAGES),
            "hidden_paths": [str(path) for path in oracle if str(path) not in self.extra_paths],
            "read_only_paths": [str(path) for path in grader_paths() if not scratch.resolve().is_relative_to(path)],
            "namespaces": namespaces,
            "seccomp": seccomp.child_config(),
            "root": rootfs.plan(str(scratch), list(self.extra_paths), self.limits.file_bytes) if namespaces else None,
            "uid": owner[0] if owner else None, "gid": owner[1] if owner else None,
            "limits": {name: getattr(self.limits, name) for name in
                       ("memory_bytes", "cpu_seconds", "call_cpu_seconds", "file_bytes", "open_files", "processes", "reply_bytes")},
        }
        # The template only where student code cannot reach it: it runs as root, or in a PID namespace of its own.
        warm = None
        if template.enabled() and (owner or namespaces):
            warm = template.shared(lambda control_fd: TEMPLATE_BOOTSTRAP.format(
                child=_source("child"), wire=_source("wire"), control_fd=control_fd), child_environment(Path("/")))
        if warm is not None:
            try:
                return self._start_process(config, scratch, warm)
            except template.TemplateError:
                template.discard(warm)  # then a cold start, on fresh pipes
        return self._start_process(config, scratch, None)

    def _start_process(self, config: dict, scratch: Path, warm: template.Template | None) -> _Child:
        """The child: forked by ``warm``, or a cold ``python -I -B -u -c <bootstrap>``."""
        output_fd, child_output_fd = _output_file()
        request_read, request_write = _pipe()
        reply_read, reply_write = _pipe()
        config = {**config, "request_fd": request_read, "reply_fd": reply_write}
        try:
            if warm is not None:
                process = warm.spawn(config, child_environment(scratch), (request_read, reply_write, child_output_fd))
            else:
                program = BOOTSTRAP.format(child=_source("child"), wire=_source("wire"), config=json.dumps(config))
                process = subprocess.Popen(
                    [sys.executable, "-I", "-B", "-u", "-c", program], stdin=subprocess.DEVNULL,
                    stdout=child_output_fd, stderr=child_output_fd, cwd=scratch, env=child_environment(scratch),
                    start_new_session=True, pass_fds=(request_read, reply_write), close_fds=True)
        except BaseException:
            for fd in (output_fd, request_write, reply_read):
                os.close(fd)
            raise
        finally:
            for fd in (request_read, reply_write, child_output_fd):
                os.close(fd)
        return _Child(process, Channel(request_write, reply_read, process), output_fd, scratch,
                      start_time(process.pid), {}, oom_kills=accounting.oom_kills())

    def _await_hello(self, child: _Child) -> None:
        """The child's first frame says it is confined and serving. ``startup_seconds`` count from now, not
        from its launch: the grader's own work meanwhile (the answers) must not use up the child's time."""
        try:
            hello = wire.decode(child.channel.receive(time.monotonic() + self.limits.startup_seconds,
                                                      self.limits.reply_bytes))
            child.isolation = {key: value is True for key, value in hello["hello"]["isolation"].items()}
            child.own = frozenset({child.process.pid} | descendants(process_table(), child.process.pid))
        except (ChannelTimeout, ChannelClosed, ChannelOversize, wire.WireError, KeyError, TypeError) as error:
            output = self._stop_child()
            raise SandboxStartError(f"the student process did not start ({type(error).__name__}): {output}") from None
        child.ready = True

    def _stop_child(self) -> str:
        """Kill the child's whole tree, delete its scratch copy; return its last output."""
        child, self._child = self._child, None
        if child is None:
            return self._last_output
        kill_tree(child.process.pid)
        child.process.wait()
        # Student processes that escaped the tree (double fork + setsid, then the child died) were
        # reparented to us, the subreaper: every such orphan started since this child goes too.
        kill_orphans(child.started, spare=StudentProcess._running_children())
        if not child.isolation.get("pid"):  # in a PID namespace the kernel has killed them all
            self._kill_account_processes()
        child.channel.close()
        self._last_output = self._read_output(child)
        os.close(child.output_fd)
        remove_scratch(child.scratch)
        return self._last_output

    @staticmethod
    def _running_children() -> set[int]:
        return {process.pid for process in StudentProcess._live if process.pid is not None} | template.pids()

    def _kill_account_processes(self) -> None:
        """Kill every process of the student user, unless another StudentProcess of ours (or, when
        not ``exclusive_account``, another grader) may have a child running as that user (``_owns_account``).
        Only without a PID namespace: it would kill the children of any other grader of this machine
        that shares the account."""
        if self._owns_account():
            kill_user(self.account.uid)

    def _owns_account(self) -> bool:
        """No other grading runs student code under our account now: its uid was drawn for this grading
        (``uids``), or it is the shared account, ``exclusive_account`` and no other StudentProcess of ours has it."""
        return self.account is not None and (
            self._uid_lease is not None
            or (self.exclusive_account and StudentProcess._open_by_uid[self.account.uid] <= 1))

    def _read_output(self, child: _Child) -> str:
        return read_truncated(child.output_fd, self.limits.output_bytes)


def read_truncated(fd: int, limit: int) -> str:
    """The file's text, its middle replaced by "... [output truncated: N bytes dropped] ..." when it
    is longer than ``limit`` bytes; undecodable bytes become U+FFFD."""
    size = os.fstat(fd).st_size
    if size <= limit:
        return os.pread(fd, size, 0).decode("utf-8", "replace")
    half = limit // 2
    head = os.pread(fd, half, 0).decode("utf-8", "replace")
    tail = os.pread(fd, half, size - half).decode("utf-8", "replace")
    return f"{head}\n... [output truncated: {size - 2 * half} bytes dropped] ...\n{tail}"


def _output_file() -> tuple[int, int]:
    """An unlinked temporary file: our read/write descriptor and the child's append-only one (so
    truncating it between calls works while the child keeps writing)."""
    fd, path = tempfile.mkstemp(prefix="student-output-")
    try:
        child_fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    finally:
        os.unlink(path)
    return fd, child_fd


DEFINED_PROBE = """
def defined(namespace, names):
    return all(name in namespace for name in names)
"""


PIPE_BYTES = 1 << 20  # Linux's default /proc/sys/fs/pipe-max-size


def _pipe() -> tuple[int, int]:
    """A pipe that holds ``PIPE_BYTES`` where the kernel allows (64 KiB otherwise): a 2 MB array then crosses in
    two wake-ups of the reader instead of about 30, which took about 9 ms per array of that size."""
    read_fd, write_fd = os.pipe()
    try:
        fcntl.fcntl(write_fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except OSError:  # a lower pipe-max-size, or the user's pipe quota spent: the default size works too
        pass
    return read_fd, write_fd


def _exit_status(process: subprocess.Popen | template.TemplateChild, timeout: float = 1.0) -> int | None:
    """The child's return code as Popen reports it (negative: a signal) once it has exited, or None; the child
    is left unreaped (``exit_returncode``), so the kill_tree that follows cannot hit an unrelated process."""
    if isinstance(process, template.TemplateChild):
        return process.exit_status(timeout)
    deadline = time.monotonic() + timeout
    while True:
        try:
            returncode = exit_returncode(process.pid)
        except ChildProcessError:  # already reaped
            return process.returncode
        if returncode is not None:
            return returncode
        if time.monotonic() > deadline:
            return None
        time.sleep(0.01)


def _source(module: str) -> str:
    """The source of one of the sandbox's modules that the child runs (``child``, ``wire``), read rather
    than imported: the grader needs neither to launch it."""
    return Path(__file__).with_name(f"{module}.py").read_text(encoding="utf-8")


@atexit.register
def _close_all() -> None:
    for process in list(StudentProcess._live):
        process.close()
