"""Hostile: a graded function that kills its process without unwinding."""
import os


def sgd_momentum(w, dw, config=None):
    os._exit(0)
