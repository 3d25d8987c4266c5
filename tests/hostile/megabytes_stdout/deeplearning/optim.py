"""Hostile: floods stdout."""


def sgd_momentum(w, dw, config=None):
    line = "spam " * 20
    for _ in range(40000):
        print(line)
    return w, config
