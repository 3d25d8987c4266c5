"""The warm template: student processes forked from a ready interpreter instead of started cold (issue 14).

A regrade worker grades one submission after another; a cold student process spends about 0.13 s of CPU
starting Python and importing numpy before the sandbox confines it. With ``enable()``, the worker's
StudentProcesses start theirs from a template instead: one ``python -I -B -u`` per worker, started as a cold
child is (the same environment, no code of ours on its path), which loads the child's code and numpy once
and then forks on request (``child.serve_template``). Each fork then confines itself exactly as a cold child
does, as its own session, with its own pipes and output file, fresh random seeds and the student's
environment. No student code ever runs in the template, so nothing of one submission reaches the next.

The template is used only where student code cannot reach it: as root with a student account (the template
stays root) or inside the child's own PID namespace. On a plain user's machine without namespaces a student
process could signal or trace it, so there every child starts cold. A template that fails in any way (dead,
stopped, a reply past its deadline) is killed and the child starts cold; the next launch starts a new one.
"""
from __future__ import annotations

import json
import select
import socket
import subprocess
import sys
import time
from typing import Callable

from autograder.sandbox.processes import exit_returncode, kill_tree

ANSWER_BYTES = 4096  # the largest answer from the template on the control socket (spawned, exited)
REPLY_SECONDS = 10.0  # for the template to answer a request
START_SECONDS = 30.0  # for a template to become ready

_enabled = False
_shared: Template | None = None


class TemplateError(Exception):
    """The template did not answer as it should: it is discarded."""


def enable() -> None:
    """Start this process's student processes from a template (a regrade worker calls this once)."""
    global _enabled
    _enabled = True


def disable(stop: bool = True) -> None:
    """Back to cold starts; the running template, if any, is killed (``stop``) or kept for a later ``enable``."""
    global _enabled
    _enabled = False
    if stop and _shared is not None:
        discard(_shared)


def enabled() -> bool:
    return _enabled


def shared(program: Callable[[int], str], env: dict[str, str]) -> Template | None:
    """This process's template, started on first use as ``python -I -B -u -c program(control_fd)`` with ``env``;
    None when not enabled or when it cannot start (children then start cold)."""
    global _shared
    if not _enabled:
        return None
    if _shared is not None and not _shared.alive:
        discard(_shared)
    if _shared is None:
        try:
            _shared = Template(program, env)
        except (TemplateError, OSError) as error:
            print(f"autograder: the warm template did not start ({error}); student processes start cold",
                  file=sys.stderr)
            return None
    return _shared


def discard(template: Template) -> None:
    """Kill a failed template and every child it forked (one whose fork was not answered in time included)."""
    global _shared
    kill_tree(template.pid)
    template.close()
    if _shared is template:
        _shared = None


def pids() -> set[int]:
    """The running template's pid (our child, never an orphan to kill), if any."""
    return {_shared.pid} if _shared is not None else set()


class Template:
    def __init__(self, program: Callable[[int], str], env: dict[str, str]) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-B", "-u", "-c", program(theirs.fileno())],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, cwd="/", env=env, start_new_session=True,
                pass_fds=(theirs.fileno(),), close_fds=True)
        finally:
            theirs.close()
        self.control = ours
        self.ended: dict[int, int] = {}  # pid -> return code, reported and not yet reaped
        self.pid = self.process.pid
        try:
            self._next(lambda message: message.get("ready") is True, time.monotonic() + START_SECONDS)
        except TemplateError:
            self.close()
            raise

    @property
    def alive(self) -> bool:
        return self.process.poll() is None and self.control.fileno() >= 0

    def spawn(self, config: dict, env: dict[str, str], fds: tuple[int, int, int]) -> TemplateChild:
        """Fork a student process served on the pipes ``fds`` (request read end, reply write end, output file)."""
        payload = json.dumps({"spawn": {"config": config, "env": env}}).encode()
        try:
            socket.send_fds(self.control, [payload], list(fds))
        except OSError as error:
            raise TemplateError(f"could not send a request: {error}") from None
        message = self._next(lambda message: isinstance(message.get("spawned"), int),
                             time.monotonic() + REPLY_SECONDS)
        return TemplateChild(self, message["spawned"])

    def returncode(self, pid: int, timeout: float = 0.0) -> int | None:
        """The child's return code once the template has reported its end (waiting up to ``timeout``)."""
        deadline = time.monotonic() + timeout
        while pid not in self.ended:
            if not self._receive(max(0.0, deadline - time.monotonic())):
                return None
        return self.ended[pid]

    def reap(self, pid: int) -> None:
        self.ended.pop(pid, None)
        try:
            self.control.send(json.dumps({"reap": pid}).encode())
        except OSError:
            pass

    def close(self) -> None:
        self.control.close()
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=REPLY_SECONDS)
        except subprocess.TimeoutExpired:  # a process killed with SIGKILL always ends; never wait forever
            pass

    def _next(self, wanted, deadline: float) -> dict:
        """Receive until the message ``wanted`` accepts (reports of ended children are recorded on the way)."""
        while True:
            message = self._receive(deadline - time.monotonic())
            if message is None:
                raise TemplateError("no answer in time")
            if wanted(message):
                return message

    def _receive(self, timeout: float) -> dict | None:
        """One message within ``timeout`` seconds (None: none came); TemplateError if the template is gone."""
        if self.control.fileno() < 0:
            raise TemplateError("closed")
        if not select.select([self.control], [], [], max(0.0, timeout))[0]:
            return None
        try:
            data = self.control.recv(ANSWER_BYTES)
            message = json.loads(data)
        except (OSError, ValueError) as error:
            raise TemplateError(f"unreadable answer: {error}") from None
        if not data or not isinstance(message, dict):
            raise TemplateError("the template ended")
        if isinstance(message.get("exited"), int) and isinstance(message.get("returncode"), int):
            self.ended[message["exited"]] = message["returncode"]
        return message


class TemplateChild:
    """A student process forked by the template: the part of ``subprocess.Popen`` that StudentProcess uses."""

    def __init__(self, template: Template, pid: int) -> None:
        self.template = template
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        return self.exit_status(0.0)

    def wait(self, timeout: float = REPLY_SECONDS) -> int | None:
        """Wait for the end (the caller has killed the child), then let the template reap it."""
        returncode = self.exit_status(timeout)
        if returncode is not None:
            self.template.reap(self.pid)
        return returncode

    def exit_status(self, timeout: float) -> int | None:
        """The return code once ended (waiting up to ``timeout``), the child left unreaped, as
        ``student._exit_status`` gives a cold child's; None while it runs."""
        if self.returncode is None:
            try:
                self.returncode = self.template.returncode(self.pid, timeout)
            except TemplateError:
                discard(self.template)  # its children were reparented to us, the subreaper
                try:
                    self.returncode = exit_returncode(self.pid)
                except ChildProcessError:  # already reaped by a sweep: it was killed
                    self.returncode = -9
        return self.returncode
