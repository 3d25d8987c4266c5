"""Hostile: idles past any wall-clock limit (a CPU limit alone would not catch this)."""
import time


def sgd_momentum(w, dw, config=None):
    time.sleep(3600)
    return w, config
