"""Hostile: NaN compares unequal to everything, which naive 'not (a != b)' checks accept."""
import numpy as np


def sgd_momentum(w, dw, config=None):
    return np.full_like(w, np.nan), {"velocity": np.full_like(w, np.inf), "loss": float("nan")}
