"""Hostile: reads the environment for secrets."""
import os


def sgd_momentum(w, dw, config=None):
    return w, {"environment": dict(os.environ)}
