"""Hostile: kills the grader and everything else it can see.

Bounded like the fork loop: when it runs as the grader's own user (a sandbox without the student
user, or a broken one) the kills would succeed and take the machine down, so it only reports that.
"""
import os
import signal


def sgd_momentum(w, dw, config=None):
    grader_uid = os.stat(f"/proc/{os.getppid()}").st_uid
    if os.getuid() in (0, grader_uid):
        return w, {"refused": 0, "skipped": "running as the grader's user: not tried"}
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
    return w, {"refused": refused, "skipped": ""}
