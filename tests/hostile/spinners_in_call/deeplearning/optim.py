"""Hostile: does its work in two forked spinners and waits for them, so that its own process uses no CPU and
each spinner's CPU limit counts apart (soft limits raised). Bounded: each stops after 120 s of CPU."""
import os
import resource
import time


def sgd_momentum(w, dw, config=None):
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            _, hard = resource.getrlimit(resource.RLIMIT_CPU)
            resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))
            while time.process_time() < 120:
                pass
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    return w, {"pids": pids}
