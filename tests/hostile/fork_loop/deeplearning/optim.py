"""Hostile: a (bounded) fork loop. Each child sleeps; the parent reports what it managed to start."""
import os
import time

HARD_CAP = 200  # keeps a broken sandbox from taking the machine down


def sgd_momentum(w, dw, config=None):
    pids, refused = [], ""
    for _ in range(HARD_CAP):
        try:
            pid = os.fork()
        except OSError as error:
            refused = str(error)
            break
        if pid == 0:
            time.sleep(600)
            os._exit(0)
        pids.append(pid)
    return w, {"pids": pids, "refused": refused}
