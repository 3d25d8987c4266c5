"""Known wrong versions of the HW2 Q5 update rules, so a failing test can name the mistake.

Each takes the same (w, dw, config) as the course interface and returns (next_w, state) without
mutating its inputs. Grading knowledge, not the oracle: the right rules are in reference/optim.py.
"""
from __future__ import annotations

import numpy as np


def cs231n_momentum(w, dw, config):
    v = config["momentum"] * config["velocity"] - config["learning_rate"] * dw
    return w + v, {"velocity": v}


def ema_momentum(w, dw, config):
    v = config["momentum"] * config["velocity"] + (1 - config["momentum"]) * dw
    return w - config["learning_rate"] * v, {"velocity": v}


def _adam(w, dw, config, *, increment_first: bool, bias_correction: bool):
    t = config["t"] + 1
    m = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw
    v = config["beta2"] * config["v"] + (1 - config["beta2"]) * dw**2
    power = t if increment_first else config["t"]
    if bias_correction:
        m_hat, v_hat = m / (1 - config["beta1"] ** power), v / (1 - config["beta2"] ** power)
    else:
        m_hat, v_hat = m, v
    return w - config["learning_rate"] * m_hat / (np.sqrt(v_hat) + config["epsilon"]), {"m": m, "v": v, "t": t}


def adam_no_t_increment(w, dw, config):
    return _adam(w, dw, config, increment_first=False, bias_correction=True)


def adam_no_bias_correction(w, dw, config):
    return _adam(w, dw, config, increment_first=True, bias_correction=False)


def rmsprop_old_cache(w, dw, config):
    cache = config["decay_rate"] * config["cache"] + (1 - config["decay_rate"]) * dw**2
    next_w = w - config["learning_rate"] * dw / (np.sqrt(config["cache"]) + config["epsilon"])
    return next_w, {"cache": cache}


KNOWN_VARIANTS = {
    "sgd_momentum": {
        "CS231n's momentum (v = mu*v - lr*dw; w = w + v)": cs231n_momentum,
        "an exponential moving average (v = mu*v + (1-mu)*dw)": ema_momentum,
    },
    "adam": {
        "Adam with t incremented after the bias correction": adam_no_t_increment,
        "Adam without bias correction": adam_no_bias_correction,
    },
    "rmsprop": {
        "RMSProp dividing by the cache from before this step": rmsprop_old_cache,
    },
}
