"""Hostile: forks two spinners (nice 19, soft CPU limit raised to the hard one) that keep burning CPU after the
call has returned, slowing every later check; reports their pids. Bounded: each stops after 120 s of CPU."""
import os
import resource
import time


def sgd_momentum(w, dw, config=None):
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            os.nice(19)
            _, hard = resource.getrlimit(resource.RLIMIT_CPU)
            resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))
            while time.process_time() < 120:
                pass
            os._exit(0)
        pids.append(pid)
    return w, {"pids": pids}
