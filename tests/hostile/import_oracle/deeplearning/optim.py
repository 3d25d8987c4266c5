"""Hostile: borrows the staff solution."""
from reference import optim as staff  # noqa: F401


def sgd_momentum(w, dw, config=None):
    return staff.sgd_momentum(w, dw, config)
