"""Hostile: rigs the builtins a test's rel_error or comparisons might use."""
import builtins

builtins.abs = lambda value: 0.0
builtins.max = lambda *args, **kwargs: 0.0
builtins.min = lambda *args, **kwargs: 0.0
builtins.round = lambda *args, **kwargs: 0
builtins.sum = lambda *args, **kwargs: 0.0
builtins.all = lambda *args, **kwargs: True
builtins.any = lambda *args, **kwargs: False


def sgd_momentum(w, dw, config=None):
    return w * 0 + 42.0, config
