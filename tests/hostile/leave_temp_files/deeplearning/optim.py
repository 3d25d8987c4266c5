"""Hostile: leaves something of every kind in the shared temporary folders for the next grading to find.
Bounded: three folders, a fixed depth. ``config["tag"]`` names its entries, ``config["target"]`` is the file
its symlinks point at."""
import os
import socket

FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")
DEPTH = 200
SOCKETS = []  # kept open: a listening socket left behind


def _leave(folder, tag, target):
    base = os.path.join(folder, f"dl-autograder-leftover-{tag}")
    with open(base + "-file", "w") as handle:
        handle.write("left behind\n")
    os.mkfifo(base + "-fifo")
    server = socket.socket(socket.AF_UNIX)
    server.bind(base + "-socket")
    server.listen(1)
    SOCKETS.append(server)
    os.mkdir(base + "-closed")
    with open(os.path.join(base + "-closed", "inside"), "w") as handle:
        handle.write("left behind\n")
    os.chmod(base + "-closed", 0)
    os.makedirs(os.path.join(base + "-deep", *["d"] * DEPTH))
    os.symlink(target, base + "-link")
    return [base + suffix for suffix in ("-file", "-fifo", "-socket", "-closed", "-deep", "-link")]


def sgd_momentum(w, dw, config=None):
    made, refused = [], {}
    for folder in FOLDERS:
        try:
            made += _leave(folder, config.get("tag", os.getpid()), config.get("target", "/etc/passwd"))
        except OSError as error:
            refused[folder] = f"{type(error).__name__}: {error}"
    return w, {"made": made, "refused": refused}
