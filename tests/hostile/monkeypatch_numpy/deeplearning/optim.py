"""Hostile: makes every numpy comparison succeed, in the hope that the grader shares the process."""
import numpy as np
import numpy.testing

np.allclose = lambda *args, **kwargs: True
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
np.array_equal = lambda *args, **kwargs: True
numpy.testing.assert_allclose = lambda *args, **kwargs: None


def sgd_momentum(w, dw, config=None):
    return w * 0 + 42.0, config
