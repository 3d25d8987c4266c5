"""Hostile: asks for far more memory than the sandbox allows."""
import numpy as np


def sgd_momentum(w, dw, config=None):
    hog = np.ones(10 * 10**9 // 8)
    return w + hog[: w.size].reshape(w.shape), config
