"""Hostile: a reply big enough to exhaust a careless grader's memory."""
import numpy as np


def sgd_momentum(w, dw, config=None):
    return np.zeros(9_000_000), config
