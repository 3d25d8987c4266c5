"""Hostile: forks two spinners (nice 19, soft CPU limit raised to the hard one) and returns while they burn CPU,
slowing every later check; or, with config["wait"], waits for them, so that its own process uses no CPU and
each spinner's CPU limit counts apart. Reports their pids. Bounded: each stops after 120 s of CPU."""
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
    if (config or {}).get("wait"):
        for pid in pids:
            os.waitpid(pid, 0)
    return w, {"pids": pids}
