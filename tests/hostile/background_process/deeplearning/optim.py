"""Hostile: leaves processes behind that escape the call (and try to escape the process group)."""
import os
import subprocess
import time


def start_daemon():
    read_end, write_end = os.pipe()
    first = os.fork()
    if first == 0:
        os.setsid()
        second = os.fork()
        if second:
            os.write(write_end, str(second).encode())
            os._exit(0)
        time.sleep(600)
        os._exit(0)
    os.waitpid(first, 0)
    return int(os.read(read_end, 32))


def sgd_momentum(w, dw, config=None):
    sleeper = subprocess.Popen(["sleep", "600"], start_new_session=True)
    return w, {"daemon_pid": start_daemon(), "sleep_pid": sleeper.pid}
