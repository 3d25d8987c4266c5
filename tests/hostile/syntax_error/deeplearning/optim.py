"""Broken: a syntax error at line 5."""


def sgd_momentum(w, dw, config=None)
    return w, config
