"""Hostile: looks at every process it can see in /proc: where it runs (cwd, root), its command
line, and whether it accepts a signal (signal 0: nothing is sent)."""
import os


def sgd_momentum(w, dw, config=None):
    me = os.getpid()
    seen = {"pids": [], "links": [], "cmdlines": [], "signalable": []}
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        pid = int(name)
        seen["pids"].append(pid)
        for what in ("cwd", "root"):
            try:
                seen["links"].append(os.readlink(f"/proc/{pid}/{what}"))
            except OSError:
                pass
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                seen["cmdlines"].append(handle.read(300).replace(b"\0", b" ").decode("utf-8", "replace"))
        except OSError:
            pass
        try:
            os.kill(pid, 0)
            seen["signalable"].append(pid)
        except OSError:
            pass
    return w, seen
