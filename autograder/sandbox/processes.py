"""Finding and killing student processes through ``/proc`` (Linux).

Killing is two-phase so that a fork loop cannot outrun it: every target is first stopped
(SIGSTOP: a stopped process cannot fork), the scan repeats until it finds nothing new, then all
are killed (SIGKILL) and the scan repeats until nothing it selects is alive, reaping those that
were reparented to us. The grader's own process and its ancestors are never signalled.
"""
from __future__ import annotations

import ctypes
import os
import signal
import time
from dataclasses import dataclass
from typing import Callable

FREEZE_ROUNDS = 50
PR_SET_CHILD_SUBREAPER = 36
PR_SET_DUMPABLE = 4
KILL_SECONDS = 5.0


@dataclass(frozen=True)
class ProcessInfo:
    pid: int
    ppid: int
    pgid: int
    sid: int
    uid: int | None  # the real uid; None unless the table was read ``with_uids``
    state: str
    start: int  # clock ticks after boot (``starttime`` in proc(5))
    cpu: int = 0  # clock ticks of CPU: its own and that of its waited-for children (utime+stime+cutime+cstime)

    @property
    def alive(self) -> bool:
        return self.state not in ("Z", "X")


def process_table(with_uids: bool = False) -> dict[int, ProcessInfo]:
    """Every process visible in ``/proc`` (those that vanish while being read are left out). Reading each
    one's real uid (``/proc/PID/status``) makes a scan about 3x slower, so only ``with_uids`` does."""
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            info = _read_process(int(name), with_uids)
            if info is not None:
                table[info.pid] = info
    return table


def _read_process(pid: int, with_uid: bool = True) -> ProcessInfo | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read().decode("ascii", "replace")
        status = ""
        if with_uid:
            with open(f"/proc/{pid}/status", "rb") as handle:
                status = handle.read().decode("ascii", "replace")
    except OSError:
        return None
    try:
        fields = stat[stat.rindex(")") + 2:].split()  # the command name may hold spaces and parentheses
        uid = None
        if with_uid:
            uid = int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])
        return ProcessInfo(pid=pid, state=fields[0], ppid=int(fields[1]), pgid=int(fields[2]),
                           sid=int(fields[3]), uid=uid, start=int(fields[19]), cpu=sum(map(int, fields[11:15])))
    except (ValueError, IndexError, StopIteration):
        return None


def descendants(table: dict[int, ProcessInfo], root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for info in table.values():
        children.setdefault(info.ppid, []).append(info.pid)
    found, stack = set(), [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def become_subreaper() -> None:
    """Make this (trusted) process the reaper of orphaned descendants: student processes whose
    parent was killed are reparented here, not to init (which, in some containers, never reaps
    them: zombies of the student user would count against its RLIMIT_NPROC forever)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def become_undumpable() -> None:
    """Make this (trusted) process's ``/proc/PID/environ``, ``mem`` and ``maps`` root's and refuse ptrace to
    its own user: where student code runs as our user without a PID namespace (a plain user whose kernel
    refuses namespaces), it can still list us but cannot read our environment or memory."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def succeeds_in_fork(probe: Callable[[], None], expected: type[BaseException] | None = None) -> bool:
    """Whether ``probe`` runs in a throwaway fork without raising (with ``expected``: raising exactly that), so
    that what it changes in the process (ids, a seccomp filter) never reaches this one."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            probe()
            code = 0 if expected is None else 1
        except BaseException as error:
            code = 0 if expected is not None and isinstance(error, expected) else 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def tree(table: dict[int, ProcessInfo], root: int) -> set[int]:
    """``root`` (a session leader we started), its descendants and its session and process group."""
    grouped = {info.pid for info in table.values() if root in (info.sid, info.pgid)}
    return grouped | descendants(table, root) | ({root} & table.keys())


def kill_tree(root: int) -> bool:
    """Kill ``tree(root)``; ``root`` itself is left for its Popen to reap. Returns whether nothing is left alive."""
    return kill_selected(lambda table: tree(table, root), spare={root})


def process_info(pid: int) -> ProcessInfo | None:
    """One process as ``/proc`` shows it now; None if it is gone."""
    return _read_process(pid)


def start_time(pid: int) -> int:
    """When ``pid`` started (clock ticks after boot); 0 if it is gone."""
    info = _read_process(pid)
    return 0 if info is None else info.start


def exit_returncode(pid: int) -> int | None:
    """The return code of our child ``pid`` as Popen gives it (negative: a signal) once it has ended, else None.
    The child is left unreaped (WNOWAIT): while it is a zombie its pid, and so its process group and session
    id, cannot be reused, so a kill_tree that follows cannot hit an unrelated process. ChildProcessError: it
    is not our child (or was reaped)."""
    info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    if info is None:
        return None
    return info.si_status if info.si_code == os.CLD_EXITED else -info.si_status


def orphans(table: dict[int, ProcessInfo], spare: set[int] = frozenset(), since: int = 0) -> set[int]:
    """Our children that we did not start ourselves (orphans reparented to us, the subreaper) and
    that started at or after ``since``, with everything below them; ``spare`` (children we did
    start) excepted."""
    me = os.getpid()
    found = {info.pid for info in table.values() if info.ppid == me and info.start >= since and info.pid not in spare}
    return found.union(*(descendants(table, pid) for pid in found))


def kill_orphans(since: int, spare: set[int] = frozenset()) -> bool:
    """Kill every ``orphans`` started at or after ``since``."""
    return kill_selected(lambda table: orphans(table, spare, since))


def kill_user(uid: int) -> bool:
    """Kill every process whose real uid is ``uid`` (never root's, never our own user's)."""
    if uid in (0, os.getuid(), os.geteuid()):
        raise ValueError(f"refusing to kill every process of uid {uid}")
    return kill_selected(lambda table: {info.pid for info in table.values() if info.uid == uid}, with_uids=True)


def kill_selected(select: Callable[[dict[int, ProcessInfo]], set[int]], spare: set[int] = frozenset(),
                  with_uids: bool = False) -> bool:
    """Freeze, then kill, every process ``select`` picks from the process table (read ``with_uids`` when
    ``select`` looks at them); reap those that ended up as our zombies (except ``spare``). Returns whether
    nothing selected is left alive."""
    protected = _protected()
    frozen: set[int] = set()
    for _ in range(FREEZE_ROUNDS):
        table = process_table(with_uids)
        new = {pid for pid in select(table) if pid in table and table[pid].alive} - protected - frozen
        if not new:
            break
        _signal_all(new, signal.SIGSTOP)
        frozen |= new
    _signal_all(frozen, signal.SIGKILL)
    deadline = time.monotonic() + KILL_SECONDS
    pause = 0.0005  # a killed process is gone within milliseconds: look again soon, then less often
    while True:
        table = process_table(with_uids)
        selected = {pid for pid in select(table) if pid in table} - protected
        alive = {pid for pid in selected if table[pid].alive}
        ours = {pid for pid in selected - alive - spare if table[pid].ppid == os.getpid()}
        if not alive and not ours:
            return True
        if time.monotonic() > deadline:
            return not alive
        _signal_all(alive, signal.SIGKILL)
        _reap(ours)
        time.sleep(pause)
        pause = min(2 * pause, 0.01)


def _reap(pids: set[int]) -> None:
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass


def _protected() -> set[int]:
    """Our own process and its ancestors, and init."""
    table = process_table()
    protected, pid = {1}, os.getpid()
    while pid in table and pid not in protected:
        protected.add(pid)
        pid = table[pid].ppid
    return protected


def _signal_all(pids: set[int], signum: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, signum)
        except (ProcessLookupError, PermissionError):
            pass
