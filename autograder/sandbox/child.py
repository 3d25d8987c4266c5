"""The student side of the trust boundary: the program that runs inside the student process.

``student.py`` starts ``python -I -B -u -c <bootstrap>``; the bootstrap executes this file's text
and calls ``main(wire_source, config_json)`` (a cold start), or, in a regrade worker's warm template,
``serve_template``, which loads the wire once and forks per student process; each fork then goes the same
way as a cold start (``confine_and_serve``). Before any student code can run, ``main`` confines
the process, removes our packages from the import system, then answers requests from the trusted
side, one at a time, on a dedicated pipe. Everything here after the first student import is under
student control, so the trusted side treats every reply as untrusted data.

Confinement, as far as the kernel allows (``isolate``): new network, mount and PID namespaces (as
root directly; otherwise inside a user namespace that maps our ids to themselves). In the mount
namespace the grader's own code and environment are read-only, the oracle's folders are covered
by empty read-only mounts, and a fresh ``/proc`` shows only the namespace's processes. Three
processes result: the one we were started as (it waits and reports the server's exit status, so
the trusted side reads a crash as before), the namespace's
init (pid 1: it reaps orphans; when it ends the kernel kills every process of the namespace, so no
student process outlives its grading), and the server (pid 2), which sets the rlimits, switches to
the student user (root only), drops every capability and serves. Where namespaces are refused
(e.g. a container without the privilege), only the network is unshared where possible and the
trusted side's process sweeps do the rest.

Only the standard library is imported at module level: ``wire`` (which needs numpy) is executed
from its source once the process is confined (in the template: before it forks, with no student code run). Both run with a snapshot of the builtins taken
before any student code, so rigging ``builtins.min`` cannot break the protocol.
"""
from __future__ import annotations

import builtins
import ctypes
import importlib
import json
import math
import os
import resource
import select
import signal
import socket
import sys
import traceback
import types
from typing import Callable

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_BIND, MS_REMOUNT, MS_REC, MS_PRIVATE = 0x1000, 0x20, 0x4000, 0x40000
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
PR_SET_PDEATHSIG = 1
SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC = 1, 1
REQUEST_BYTES = 1 << 16  # the largest request from the grader on the control socket (a spawn: its config)
LINUX_CAPABILITY_VERSION_3 = 0x20080522
OWN_FILENAMES = ("<sandbox child>", "<sandbox wire>", "<sandbox bootstrap>", "<frozen importlib")
TRACEBACK_LINES = 30
MAX_FD = 1 << 16


def main(wire_source: str, config_json: str) -> None:
    """A cold start: confine this fresh interpreter, load the wire (and numpy), serve."""
    confine_and_serve(json.loads(config_json), lambda: load_wire(wire_source))


def load_wire(wire_source: str) -> types.ModuleType:
    wire = types.ModuleType("_sandbox_wire")
    wire.__builtins__ = dict(vars(builtins))  # a snapshot: student code rigging builtins cannot reach ours
    exec(compile(wire_source, "<sandbox wire>", "exec"), wire.__dict__)
    return wire


def confine_and_serve(config: dict, wire_loader: Callable[[], types.ModuleType]) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    isolation = isolate(libc, config)  # in a PID namespace only the server process returns
    _set_limits(config["limits"], apply_processes=config["uid"] is not None)
    if config["uid"] is not None:
        _drop_privileges(config["uid"], config["gid"])
    isolation["capabilities_dropped"] = _drop_capabilities(libc)
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writing past the file limit raises OSError instead
    _hide_packages(config["hidden_packages"])
    wire = wire_loader()
    isolation["seccomp"] = _install_seccomp(libc, config["seccomp"])
    sys.path[:0] = [config["scratch"], *config["extra_paths"]]
    os.chdir(config["scratch"])
    server = Server(wire, config)
    server.reply({"hello": {"pid": os.getpid(), "uid": os.getuid(), "isolation": isolation}})
    server.serve()


def serve_template(wire_source: str, control_fd: int) -> None:
    """The warm template of a regrade worker (issue 14): numpy and this code loaded once, then one fork per
    student process, which confines itself exactly as a cold start does (``confine_and_serve``). No student
    code ever runs here, and nothing of one student process reaches the next: each fork starts from this
    process as it was when it became ready, plus its own request (the config, environment and pipes).

    On ``control_fd`` (a SOCK_SEQPACKET socket to the trusted side), one JSON message each way per event:
    ``{"spawn": {"config", "env"}}`` with the request pipe, reply pipe and output file attached (SCM_RIGHTS)
    is answered ``{"spawned": pid}``; a fork that ends is reported ``{"exited": pid, "returncode": n}``
    (negative: the signal) and left a zombie, so that its pid cannot be reused, until ``{"reap": pid}``
    (after the trusted side has killed its tree). End of file on the socket, or the trusted side's death,
    ends the template."""
    for fd in (0, 1, 2):  # so that no descriptor received later lands there
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)
    wire = load_wire(wire_source)
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    control = socket.socket(fileno=control_fd)
    wake_read, wake_write = os.pipe()
    for fd in (wake_read, wake_write):
        os.set_blocking(fd, False)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    signal.set_wakeup_fd(wake_write)
    running: set[int] = set()  # forked; its end not yet reported
    ended: set[int] = set()  # reported; a zombie until reaped
    control.send(b'{"ready": true}')
    while True:
        ready, _, _ = select.select([control, wake_read], [], [])
        if wake_read in ready:
            while _drained(wake_read):
                pass
        for pid in sorted(running):
            returncode = _ended(pid)
            if returncode is not None:
                running.discard(pid)
                ended.add(pid)
                control.send(json.dumps({"exited": pid, "returncode": returncode}).encode())
        if control not in ready:
            continue
        message, fds, _, _ = socket.recv_fds(control, REQUEST_BYTES, 3)
        if not message:
            os._exit(0)
        request = json.loads(message)
        if "reap" in request:
            if request["reap"] in ended:
                ended.discard(request["reap"])
                os.waitpid(request["reap"], 0)
            continue
        pid = os.fork()
        if pid == 0:
            _run_fork(wire, request["spawn"], fds)
        for fd in fds:
            os.close(fd)
        running.add(pid)
        control.send(json.dumps({"spawned": pid}).encode())


def _drained(fd: int) -> bool:
    try:
        return bool(os.read(fd, 512))
    except BlockingIOError:
        return False


def _ended(pid: int) -> int | None:
    """A forked child's return code as Popen would give it (negative: a signal) once it has ended, else None
    (the twin of ``processes.exit_returncode``: this file imports nothing of ours)."""
    info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    if info is None:
        return None
    return info.si_status if info.si_code == os.CLD_EXITED else -info.si_status


def _run_fork(wire: types.ModuleType, spawn: dict, fds: list[int]) -> None:
    """In a fresh fork of the template: become what ``subprocess.Popen`` makes of a cold start (a new session,
    stdin /dev/null, stdout and stderr the output file, only the two pipes open besides, the student
    environment), draw fresh random seeds, then confine and serve. Never returns."""
    code = 1
    try:
        os.setsid()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        request_fd, reply_fd, output_fd = fds
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(output_fd, 1)
        os.dup2(output_fd, 2)
        _close_fds_except(request_fd, reply_fd)
        os.environ.clear()
        os.environ.update(spawn["env"])
        if "numpy.random" in sys.modules:  # Python's random re-seeds itself after a fork
            sys.modules["numpy.random"].seed()
        confine_and_serve({**spawn["config"], "request_fd": request_fd, "reply_fd": reply_fd}, lambda: wire)
        code = 0
    except SystemExit as error:
        print(error.code if isinstance(error.code, str) else "", file=sys.stderr)
        code = error.code if isinstance(error.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        _flush_output()
        os._exit(code)


def isolate(libc: ctypes.CDLL, config: dict) -> dict:
    """Enter new namespaces where allowed; returns what was achieved (reported to the trusted side)."""
    facts = {"network": False, "pid": False, "mount": False, "read_only": False, "hidden": False, "proc": False,
             "root": False}
    os.umask(0o077)  # what student code creates is its own, even in a shared /tmp
    root = os.geteuid() == 0
    flags = CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWPID
    uid, gid = os.getuid(), os.getgid()
    if not config["namespaces"] or libc.unshare(flags if root else CLONE_NEWUSER | flags) != 0:
        facts["network"] = libc.unshare(CLONE_NEWNET) == 0 if root else _enter_user_and_network_namespace(libc)
        return facts
    if not root:
        _map_ids(uid, gid)
    facts["network"] = True
    # Our mounts must never propagate back to the machine's namespace: without this, nothing is mounted.
    facts["mount"] = libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) == 0
    if facts["mount"]:
        facts["read_only"] = all(_read_only(libc, path) for path in config["read_only_paths"])
        facts["hidden"] = all(_cover(libc, path) for path in config["hidden_paths"])
    facts["pid"] = True
    _become_namespace_init(libc, facts, config["root"] if facts["mount"] else None)
    return facts


def _map_ids(uid: int, gid: int) -> None:
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        try:
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
        except OSError:
            pass


def _read_only(libc: ctypes.CDLL, path: str) -> bool:
    """Make ``path`` read-only in our mount namespace (a read-only bind mount onto itself)."""
    if not os.path.isdir(path):
        return True
    return _bind_read_only(libc, path.encode(), path.encode(), MS_REC)


def _cover(libc: ctypes.CDLL, path: str) -> bool:
    """Cover a folder with an empty read-only tmpfs, a file with /dev/null; True if hidden (or absent)."""
    if not os.path.lexists(path):
        return True
    target = path.encode()
    if os.path.isdir(path):
        return libc.mount(b"none", target, b"tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                          b"size=4k,mode=000") == 0
    return _bind_read_only(libc, b"/dev/null", target)


def _bind_read_only(libc: ctypes.CDLL, source: bytes, target: bytes, flags: int = 0) -> bool:
    """Bind ``source`` onto ``target``, then make that mount read-only (two steps: the kernel
    ignores MS_RDONLY on the first bind)."""
    if libc.mount(source, target, None, MS_BIND | flags, None) != 0:
        return False
    return libc.mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY, None) == 0


def _become_namespace_init(libc: ctypes.CDLL, facts: dict, root: dict | None) -> None:
    """Fork the namespace's init (pid 1), which pivots into the ``root`` of ``rootfs.plan`` (with its own /proc)
    where given and possible, else mounts a fresh /proc, and forks the server (pid 2).
    The original process and init only wait: each reports the server's exit status upwards, so the
    trusted side sees the server's exit code or signal as its own child's."""
    status_read, status_write = os.pipe()
    init = os.fork()
    if init:
        os.close(status_write)
        _wait_and_report(init, status_read)
    os.close(status_read)
    facts["root"] = root is not None and _enter_root(libc, root)
    facts["proc"] = facts["root"] or libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None) == 0
    server = os.fork()
    if server:
        _reap_until(server, status_write)
    os.close(status_write)


def _enter_root(libc: ctypes.CDLL, root: dict) -> bool:
    """Pivot into the allow-listed root, built by ``rootfs.enter`` run from its source (this file imports
    nothing of ours)."""
    rootfs = types.ModuleType("_sandbox_rootfs")
    exec(compile(root["source"], "<sandbox rootfs>", "exec"), rootfs.__dict__)
    return rootfs.enter(libc, root)


def _reap_until(server: int, status_write: int) -> None:
    """Namespace init: reap every orphan until the server ends, pass its raw wait status on, exit
    (the kernel then kills whatever is left in the namespace)."""
    _close_fds_except(status_write)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(1)
        except InterruptedError:
            continue
        if pid == server:
            os.write(status_write, str(status).encode())
            os._exit(0)


def _wait_and_report(init: int, status_read: int) -> None:
    """The process the trusted side started: wait for init, then end as the server ended."""
    _close_fds_except(status_read)
    os.waitpid(init, 0)
    text = os.read(status_read, 64)
    status = int(text) if text.strip().isdigit() else int(signal.SIGKILL)  # no report: as if killed
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        if signum not in (signal.SIGKILL, signal.SIGSTOP):
            signal.signal(signum, signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.kill(os.getpid(), signum)
        os._exit(128 + signum)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)


def _close_fds_except(*keep: int) -> None:
    """Close every descriptor past stderr but ``keep``. The waiting processes keep no end of the protocol
    pipes (the trusted side must see the server's death as the end of its reply pipe); a fork of the
    template keeps only its own two pipes."""
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, MAX_FD)


def _limit_call_cpu(limits: dict) -> None:
    """SIGXCPU once this call has used ``call_cpu_seconds`` (rounded up to whole seconds, RLIMIT_CPU's unit),
    or the process ``cpu_seconds`` in all, whichever comes first."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = math.ceil(usage.ru_utime + usage.ru_stime)
    soft = min(limits["cpu_seconds"], used + limits["call_cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (soft, limits["cpu_seconds"] + 1))


def _set_limits(limits: dict, apply_processes: bool) -> None:
    pairs = [
        (resource.RLIMIT_AS, limits["memory_bytes"], limits["memory_bytes"]),
        (resource.RLIMIT_CPU, limits["cpu_seconds"], limits["cpu_seconds"] + 1),
        (resource.RLIMIT_FSIZE, limits["file_bytes"], limits["file_bytes"]),
        (resource.RLIMIT_NOFILE, limits["open_files"], limits["open_files"]),
        (resource.RLIMIT_CORE, 0, 0),
    ]
    if apply_processes:
        pairs.append((resource.RLIMIT_NPROC, limits["processes"], limits["processes"]))
    for which, soft, hard in pairs:
        resource.setrlimit(which, (soft, hard))


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _install_seccomp(libc: ctypes.CDLL, seccomp: dict) -> bool:
    """Install the trusted side's seccomp filter (``autograder/sandbox/seccomp.py``) on every thread of this
    process (TSYNC), under no_new_privs; no student code may run without it, so a refusal ends the process.
    Nothing can remove it afterwards, here or in any process started from here."""
    code = bytes.fromhex(seccomp["program"])
    program = (ctypes.c_char * len(code)).from_buffer_copy(code)
    fprog = _SockFprog(len(code) // 8, ctypes.addressof(program))
    libc.syscall.restype = ctypes.c_long
    if libc.syscall(ctypes.c_long(seccomp["syscall"]), ctypes.c_ulong(SECCOMP_SET_MODE_FILTER),
                    ctypes.c_ulong(SECCOMP_FILTER_FLAG_TSYNC), ctypes.byref(fprog)) != 0:
        raise SystemExit(f"could not install the seccomp filter: {os.strerror(ctypes.get_errno())}")
    return True


def _drop_privileges(uid: int, gid: int) -> None:
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    if os.getuid() != uid or os.geteuid() != uid or os.getgid() != gid:
        raise SystemExit("could not switch to the student user")


def _enter_user_and_network_namespace(libc: ctypes.CDLL) -> bool:
    """Without root, a user namespace lets us unshare the network; our ids map to themselves."""
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        return False
    _map_ids(uid, gid)
    return True


class _CapabilityHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapabilityData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _drop_capabilities(libc: ctypes.CDLL) -> bool:
    """No capability at all, not even inside our own user namespace (so the covering mounts cannot be
    removed); with no_new_privs none can come back."""
    header = _CapabilityHeader(LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapabilityData * 2)()
    return libc.capset(ctypes.byref(header), data) == 0


class _HiddenPackages:
    """A meta-path finder that refuses our packages by name (the editable-install finder that
    would find them has been removed; this also covers a regular install in site-packages)."""

    def __init__(self, names: list[str]) -> None:
        self.names = frozenset(names)

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> None:
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def _hide_packages(names: list[str]) -> None:
    def ours(hook: object) -> bool:
        module = getattr(hook, "__module__", "") or ""
        return module.startswith("__editable__") or "__editable__" in repr(hook)

    sys.meta_path[:] = [finder for finder in sys.meta_path if not ours(finder)]
    sys.path_hooks[:] = [hook for hook in sys.path_hooks if not ours(hook)]
    sys.path[:] = [entry for entry in sys.path if entry and "__editable__" not in entry]
    for module in [name for name in sys.modules if name.startswith("__editable__")]:
        del sys.modules[module]
    sys.path_importer_cache.clear()
    sys.meta_path.insert(0, _HiddenPackages(names))


class Failure(Exception):
    """A request that ended in a student-side error, as facts for the trusted side to word."""

    def __init__(self, kind: str, error: BaseException | None = None, **facts: object) -> None:
        super().__init__(kind)
        self.facts = {"kind": kind, **facts}
        if error is not None:
            self.facts.update(describe(error))


class Server:
    def __init__(self, wire: types.ModuleType, config: dict) -> None:
        self.wire = wire
        self.request_fd = config["request_fd"]
        self.reply_fd = config["reply_fd"]
        self.limits = config["limits"]
        self.reply_bytes = config["limits"]["reply_bytes"]
        self.workdir = config["scratch"]
        self.namespace: dict = {}

    def serve(self) -> None:
        while True:
            frame = self.wire.read_frame(self.request_fd)
            if frame is None:
                return
            request = self.wire.decode(frame)
            self.reply(self.handle(request), request["id"])

    def handle(self, request: dict) -> dict:
        try:
            os.chdir(self.workdir)
        except OSError:
            pass
        _limit_call_cpu(self.limits)
        try:
            value = getattr(self, "op_" + request["op"])(**request["args"])
        except Failure as failure:
            return {"error": failure.facts}
        finally:
            _flush_output()
        return {"ok": value}

    def reply(self, message: dict, request_id: int = 0) -> None:
        message = {"id": request_id, **message}
        try:
            payload = self.wire.encode(message)
        except BaseException as error:  # a student result that cannot be encoded, however it fails
            payload = self.wire.encode({"id": request_id, "error": {"kind": "bad_result", **describe(error)}})
        if len(payload) > self.reply_bytes:
            payload = self.wire.encode({"id": request_id, "error": {"kind": "too_large", "size": len(payload)}})
        self.wire.write_frame(self.reply_fd, payload)

    def op_call(self, module: str, function: str, args: list, kwargs: dict) -> object:
        target = _import_student_module(module)
        try:
            callable_ = getattr(target, function)
        except AttributeError:
            raise Failure("missing", what="function", name=function, module=module) from None
        except BaseException as error:
            raise Failure("exception", error) from None
        if not callable(callable_):
            raise Failure("missing", what="callable", name=function, module=module)
        return _run(callable_, args, kwargs)

    def op_probe(self, source: str, function: str, args: list, kwargs: dict) -> object:
        return _run(_probe_function(source, function), args, kwargs)

    def op_reset_namespace(self, workdir: str) -> None:
        self.workdir = workdir
        if workdir not in sys.path:
            sys.path.insert(0, workdir)
        self.namespace = {"__name__": "__main__", "__builtins__": builtins}

    def op_run_cell(self, code: str, filename: str) -> dict:
        try:
            exec(compile(code, filename, "exec"), self.namespace)
        except SystemExit as error:
            return {"status": "exit", "type": "SystemExit", "detail": _exit_code_text(error)}
        except BaseException as error:
            return {"status": "error", **describe(error)}
        return {"status": "ok"}

    def op_probe_namespace(self, source: str, function: str, args: list) -> object:
        return _run(_probe_function(source, function), [self.namespace, *args], {})


def _probe_function(source: str, function: str) -> object:
    """The trusted helper ``function`` defined in ``source``; running the source may import
    student modules, so its failures are classified like a student call's."""
    namespace = {"__name__": "_sandbox_probe", "__builtins__": builtins}
    _run(exec, [compile(source, "<grader probe>", "exec"), namespace], {})
    return namespace[function]


def _import_student_module(dotted: str) -> types.ModuleType:
    try:
        return importlib.import_module(dotted)
    except SystemExit as error:
        raise Failure("exit", code=_exit_code_text(error), during="import", module=dotted) from None
    except ModuleNotFoundError as error:
        if error.name and (dotted == error.name or dotted.startswith(error.name + ".")):
            raise Failure("missing", what="module", module=dotted) from None
        raise Failure("import", error, module=dotted) from None
    except MemoryError as error:
        raise Failure("memory", error) from None
    except BaseException as error:
        raise Failure("import", error, module=dotted) from None


def _run(function: object, args: list, kwargs: dict) -> object:
    try:
        return function(*args, **kwargs)
    except SystemExit as error:
        raise Failure("exit", code=_exit_code_text(error), during="call") from None
    except MemoryError as error:
        raise Failure("memory", error) from None
    except (ImportError, SyntaxError) as error:
        raise Failure("import", error) from None
    except BaseException as error:
        raise Failure("exception", error) from None


def _exit_code_text(error: SystemExit) -> str:
    code = error.code
    return "" if code is None else _safe_text(repr, code)


def describe(error: BaseException) -> dict:
    """The exception's type, text and the student-side traceback, each computed defensively:
    student exceptions may have rigged ``__str__``."""
    lines: list[str] = []
    try:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if not frame.filename.startswith(OWN_FILENAMES)]
        lines = traceback.format_list(frames) + list(traceback.format_exception_only(type(error), error))
    except BaseException:
        lines = []
    text = "".join(lines[-TRACEBACK_LINES:])
    return {"type": _safe_text(lambda e: type(e).__name__, error),
            "detail": _safe_text(str, error),
            "traceback": text}


def _safe_text(render: object, value: object) -> str:
    try:
        text = render(value)
        return text if type(text) is str else "<unprintable>"
    except BaseException:
        return "<unprintable>"


def _flush_output() -> None:
    for stream in (sys.__stdout__, sys.__stderr__, sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
