"""Hostile: raises its soft CPU limit back to the hard one (which the kernel allows any process), spends more
CPU than one call may (config["spin_seconds"], 14 s by default) and then returns the right step of SGD with
momentum (HW2 Q1: v = mu v - lr dw, next_w = w + v)."""
import resource
import time

import numpy as np


def sgd_momentum(w, dw, config=None):
    config = dict(config or {})
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))
    deadline = time.process_time() + config.get("spin_seconds", 14.0)
    while time.process_time() < deadline:
        pass
    velocity = config.get("momentum", 0.9) * config.get("velocity", np.zeros_like(w)) - config["learning_rate"] * dw
    config["velocity"] = velocity
    return w + velocity, config
