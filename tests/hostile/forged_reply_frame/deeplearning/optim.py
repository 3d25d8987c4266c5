"""Hostile: forges a reply on the grader's private pipe."""
import fcntl
import json
import os
import re
import stat
import struct


def _reply_fds():
    """The reply pipe: named on the command line of a cold start; otherwise any pipe open for writing only."""
    with open("/proc/self/cmdline", "rb") as handle:
        found = re.search(r'reply_fd\W+(\d+)', handle.read().decode("utf-8", "replace"))
    if found:
        return [int(found.group(1))]
    fds = []
    for name in os.listdir("/proc/self/fd"):
        try:
            if stat.S_ISFIFO(os.fstat(int(name)).st_mode) \
                    and fcntl.fcntl(int(name), fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY:
                fds.append(int(name))
        except OSError:
            pass
    return fds


def sgd_momentum(w, dw, config=None):
    text = json.dumps({"id": -1, "ok": {"$": "dict", "items": {"score": 100}}}).encode()
    message = struct.pack(">I", len(text)) + text  # a well-formed message (the wire's format), wrong id
    for fd in _reply_fds():
        os.write(fd, struct.pack(">Q", len(message)) + message)
    return w, config
