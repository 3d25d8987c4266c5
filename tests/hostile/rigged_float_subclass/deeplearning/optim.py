"""Hostile: results whose comparison operators always claim a match."""
import numpy as np


class Rigged(np.float64):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __lt__(self, other):
        return True

    __le__ = __gt__ = __ge__ = __lt__

    def __sub__(self, other):
        return Rigged(0.0)

    __rsub__ = __sub__

    def __abs__(self):
        return Rigged(0.0)

    def __float__(self):
        return 0.0


class RiggedArray(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)

    def __sub__(self, other):
        return np.zeros(self.shape)


def sgd_momentum(w, dw, config=None):
    velocity = (w * 0 + 7.0).view(RiggedArray)
    return Rigged(123.5), {"velocity": velocity, "loss": Rigged(-1.25)}
