"""First-order update rules (HW2 Q5).

Every rule has the interface

    next_w, config = update(w, dw, config=None)

- w: the current weights (a numpy array of any shape);
- dw: the gradient of the loss with respect to w (same shape);
- config: a dict of hyperparameters and of the rule's state (velocity, moments, step count).
  ``None`` means "first step, use the defaults"; each rule fills missing keys with
  ``config.setdefault`` and returns the dict with its updated state, which the Solver passes
  back in on the next step.

A rule may update w in place (``sgd`` does), but it must return the new weights either way.
"""
import numpy as np


def sgd(w, dw, config=None):
    """Vanilla stochastic gradient descent: w <- w - learning_rate * dw.

    config: learning_rate (default 1e-2).
    """
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-2)

    w -= config["learning_rate"] * dw
    return w, config


def sgd_momentum(w, dw, config=None):
    """Stochastic gradient descent with momentum, as a moving *sum* of the gradients:

        v      <- momentum * v + dw          (no factor 1 - momentum in front of dw)
        next_w <- w - learning_rate * v

    config:
    - learning_rate: scalar learning rate (default 1e-2).
    - momentum: scalar in [0, 1) (default 0.9); momentum = 0 is plain SGD.
    - velocity: array shaped like w and dw; zeros when missing. The new velocity must be stored
      back in config['velocity'] so that the next step continues from it.
    """
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    v = config.get("velocity", np.zeros_like(w))

    ###########################################################################
    # TODO: update the velocity v and compute next_w with the formulas in    #
    # the docstring. Rebind the local name v: it is stored in config below.  #
    ###########################################################################
    v = config["momentum"] * v + dw
    next_w = w - config["learning_rate"] * v
    ###########################################################################
    #                             END OF YOUR CODE                            #
    ###########################################################################
    config["velocity"] = v

    return next_w, config


def rmsprop(w, dw, config=None):
    """RMSProp (optional): a moving average of squared gradients sets a per-entry step size.

        cache  <- decay_rate * cache + (1 - decay_rate) * dw**2
        next_w <- w - learning_rate * dw / (sqrt(cache) + epsilon)

    The update uses the cache *after* this step's update.

    config:
    - learning_rate: scalar learning rate (default 1e-2).
    - decay_rate: scalar in [0, 1), the decay of the squared-gradient cache (default 0.99).
    - epsilon: small scalar that keeps the division finite (default 1e-8).
    - cache: moving average of the squared gradients (default zeros shaped like w).
    """
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("decay_rate", 0.99)
    config.setdefault("epsilon", 1e-8)
    config.setdefault("cache", np.zeros_like(w))

    ###########################################################################
    # TODO (optional): compute next_w and store the new cache in             #
    # config['cache'].                                                        #
    ###########################################################################
    config["cache"] = config["decay_rate"] * config["cache"] + (1 - config["decay_rate"]) * dw**2
    next_w = w - config["learning_rate"] * dw / (np.sqrt(config["cache"]) + config["epsilon"])
    ###########################################################################
    #                             END OF YOUR CODE                            #
    ###########################################################################

    return next_w, config


def adam(w, dw, config=None):
    """Adam: moving averages of the gradient and of its square, with bias correction.

    Increment the step count *first*, then

        t      <- t + 1
        m      <- beta1 * m + (1 - beta1) * dw
        v      <- beta2 * v + (1 - beta2) * dw**2
        m_hat  =  m / (1 - beta1**t)
        v_hat  =  v / (1 - beta2**t)
        next_w <- w - learning_rate * m_hat / (sqrt(v_hat) + epsilon)

    config:
    - learning_rate: scalar learning rate (default 1e-3).
    - beta1: decay of the moving average of the gradient (default 0.9).
    - beta2: decay of the moving average of the squared gradient (default 0.999).
    - epsilon: small scalar that keeps the division finite (default 1e-8).
    - m: moving average of the gradient (default zeros shaped like w).
    - v: moving average of the squared gradient (default zeros shaped like w).
    - t: number of steps taken so far (default 0).
    Store the new m, v and t back in config.
    """
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-3)
    config.setdefault("beta1", 0.9)
    config.setdefault("beta2", 0.999)
    config.setdefault("epsilon", 1e-8)
    config.setdefault("m", np.zeros_like(w))
    config.setdefault("v", np.zeros_like(w))
    config.setdefault("t", 0)

    ###########################################################################
    # TODO: compute next_w and store the new m, v and t in config.           #
    ###########################################################################
    config["t"] += 1
    config["m"] = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw
    config["v"] = config["beta2"] * config["v"] + (1 - config["beta2"]) * dw**2
    m_hat = config["m"] / (1 - config["beta1"] ** config["t"])
    v_hat = config["v"] / (1 - config["beta2"] ** config["t"])
    next_w = w - config["learning_rate"] * m_hat / (np.sqrt(v_hat) + config["epsilon"])
    ###########################################################################
    #                             END OF YOUR CODE                            #
    ###########################################################################

    return next_w, config
