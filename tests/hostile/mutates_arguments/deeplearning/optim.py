"""Hostile: edits the caller's arrays and config, in case they are shared with the grader."""


def sgd_momentum(w, dw, config=None):
    w[...] = 0.0
    dw[...] = 0.0
    config.clear()
    config["learning_rate"] = 1e9
    return w, config
