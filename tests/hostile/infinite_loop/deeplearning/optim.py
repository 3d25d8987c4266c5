"""Hostile: burns CPU forever."""


def sgd_momentum(w, dw, config=None):
    while True:
        pass
