"""Hostile (or just forgotten): waits for a human."""


def sgd_momentum(w, dw, config=None):
    answer = input("learning rate? ")
    return w, config
