"""Hostile: a result deep enough to blow a recursive decoder's stack."""


def sgd_momentum(w, dw, config=None):
    value = []
    for _ in range(100000):
        value = [value]
    return value, config
