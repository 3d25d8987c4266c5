"""Hostile: disarms unittest and pytest assertions, in case the tests run in this process."""
import unittest

for name in dir(unittest.TestCase):
    if name.startswith("assert"):
        setattr(unittest.TestCase, name, lambda *args, **kwargs: None)
unittest.TestCase.fail = lambda *args, **kwargs: None

try:
    import pytest

    pytest.approx = lambda expected, *args, **kwargs: type("Anything", (), {"__eq__": lambda self, other: True})()
except ImportError:
    pass


def sgd_momentum(w, dw, config=None):
    return w * 0 + 42.0, config
