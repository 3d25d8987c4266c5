"""Hostile: ends the interpreter as soon as the grader imports this module."""
import sys

sys.exit(0)


def sgd_momentum(w, dw, config=None):
    return w, config
