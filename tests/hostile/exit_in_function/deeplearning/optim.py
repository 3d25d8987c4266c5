"""Hostile: a graded function that tries to end the grader with a clean exit status."""
import sys


def sgd_momentum(w, dw, config=None):
    sys.exit(0)
