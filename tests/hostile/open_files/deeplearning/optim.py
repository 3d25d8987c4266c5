"""Hostile: exhausts file descriptors."""


def sgd_momentum(w, dw, config=None):
    handles = [open("many.txt", "w")]
    for _ in range(100000):
        handles.append(open("many.txt"))
    return w, config
