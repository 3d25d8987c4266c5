"""Hostile: stops (SIGSTOP) its parent process: the grader, or the regrade worker that runs it.

Bounded like kill_grader: where the parent is the grader's own process under the grader's own user
(a sandbox with neither the student account nor a PID namespace), stopping it would freeze the
test run, so it only reports that. Elsewhere the signal is refused (another user) or ignored (the
parent is the PID namespace's init) and the grading goes on."""
import os
import signal


def sgd_momentum(w, dw, config=None):
    parent = os.getppid()
    own_namespace = parent == 1 and os.getpid() < 10
    if not own_namespace and os.stat(f"/proc/{parent}").st_uid == os.getuid():
        return w, {"signal": "skipped: the parent is the grader, under our own user"}
    try:
        os.kill(parent, signal.SIGSTOP)
    except PermissionError:
        return w, {"signal": "refused"}
    return w, {"signal": "sent"}
