"""Known wrong versions of HW2 Q5's code, so a failing test can name the mistake.

Update rules take the same (w, dw, config) as the course interface (config None, or lacking keys, as a
student's rule may receive it) and return (next_w, state) without mutating their inputs; gradient-norm readings take the Solver's ``grads`` dict and return
the number logged; losses take (params, X, y, reg) and return (loss, grads) as
``FullyConnectedNet.loss`` does. Grading knowledge, not the oracle: the right versions are in
reference/optim.py, reference/fc_init.grad_norm_mean and reference/fc_net.py.
"""
from __future__ import annotations

from typing import Literal

import numpy as np

from reference import fc_net

Power = Literal["t", "old t", "none"]

# HW2 Q5's update rules: the state each stores back in config, and the defaults of their hyperparameters.
STATE = {"sgd_momentum": ("velocity",), "rmsprop": ("cache",), "adam": ("m", "v", "t")}
DEFAULTS = {
    "sgd_momentum": {"learning_rate": 1e-2, "momentum": 0.9},
    "rmsprop": {"learning_rate": 1e-2, "decay_rate": 0.99, "epsilon": 1e-8},
    "adam": {"learning_rate": 1e-3, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
}


def filled(rule, w, config, t=0):
    """``config`` (None, or a dict lacking some keys) with the rule's defaults and its state filled in:
    zeros shaped like w, and the step count ``t`` (HW2's default is 0)."""
    zeros = {key: (t if key == "t" else np.zeros_like(np.asarray(w, dtype=np.float64))) for key in STATE[rule]}
    return {**DEFAULTS[rule], **zeros, **(config or {})}


def cs231n_momentum(w, dw, config):
    config = filled("sgd_momentum", w, config)
    v = config["momentum"] * config["velocity"] - config["learning_rate"] * dw
    return w + v, {"velocity": v}


def ema_momentum(w, dw, config):
    config = filled("sgd_momentum", w, config)
    v = config["momentum"] * config["velocity"] + (1 - config["momentum"]) * dw
    return w - config["learning_rate"] * v, {"velocity": v}


def _adam(w, dw, config, *, power: Power = "t", bias_correction: bool = True, eps_inside: bool = False, t_default=0):
    """Adam with the bias correction m / (1 - beta1**p), v / (1 - beta2**p), where p is the incremented
    t (right), the t from before this step ("old t"), or left out (p = 1, "none"); ``eps_inside`` divides by
    sqrt(v_hat + epsilon) instead of HW2's sqrt(v_hat) + epsilon; ``t_default`` is t when config lacks it."""
    config = filled("adam", w, config, t=t_default)
    t = config["t"] + 1
    m = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw
    v = config["beta2"] * config["v"] + (1 - config["beta2"]) * dw**2
    p = {"t": t, "old t": config["t"], "none": 1}[power]
    if bias_correction:
        m_hat, v_hat = m / (1 - config["beta1"] ** p), v / (1 - config["beta2"] ** p)
    else:
        m_hat, v_hat = m, v
    eps = config["epsilon"]
    denominator = np.sqrt(v_hat + eps) if eps_inside else np.sqrt(v_hat) + eps
    return w - config["learning_rate"] * m_hat / denominator, {"m": m, "v": v, "t": t}


def adam_no_t_increment(w, dw, config):
    return _adam(w, dw, config, power="old t")


def adam_bias_no_power(w, dw, config):
    return _adam(w, dw, config, power="none")


def adam_no_bias_correction(w, dw, config):
    return _adam(w, dw, config, bias_correction=False)


def adam_eps_inside_sqrt(w, dw, config):
    return _adam(w, dw, config, eps_inside=True)


def adam_lr_t(w, dw, config):
    """Kingma and Ba's "efficient" form: lr_t = lr sqrt(1 - beta2**t) / (1 - beta1**t), next_w = w - lr_t m /
    (sqrt(v) + epsilon), which is HW2's rule with epsilon * sqrt(1 - beta2**t) in place of epsilon."""
    config = filled("adam", w, config)
    t = config["t"] + 1
    m = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw
    v = config["beta2"] * config["v"] + (1 - config["beta2"]) * dw**2
    lr_t = config["learning_rate"] * np.sqrt(1 - config["beta2"] ** t) / (1 - config["beta1"] ** t)
    return w - lr_t * m / (np.sqrt(v) + config["epsilon"]), {"m": m, "v": v, "t": t}


def adam_t_defaults_to_one(w, dw, config):
    return _adam(w, dw, config, t_default=1)


def _rmsprop(w, dw, config, *, old_cache: bool = False, eps_inside: bool = False):
    """RMSProp dividing by the cache from before this step (``old_cache``) or by sqrt(cache + epsilon)
    (``eps_inside``) instead of HW2's sqrt(cache) + epsilon with the updated cache."""
    config = filled("rmsprop", w, config)
    cache = config["decay_rate"] * config["cache"] + (1 - config["decay_rate"]) * dw**2
    used, eps = (config["cache"] if old_cache else cache), config["epsilon"]
    denominator = np.sqrt(used + eps) if eps_inside else np.sqrt(used) + eps
    return w - config["learning_rate"] * dw / denominator, {"cache": cache}


def rmsprop_old_cache(w, dw, config):
    return _rmsprop(w, dw, config, old_cache=True)


def rmsprop_eps_inside_sqrt(w, dw, config):
    return _rmsprop(w, dw, config, eps_inside=True)


EPS_INSIDE = ("epsilon inside the square root, sqrt({0} + epsilon): HW2 divides by sqrt({0}) + epsilon, and the two "
              "differ where the gradients are small (|dw| about 1e-5, where sqrt({0}) is close to epsilon)")
KNOWN_VARIANTS = {
    "sgd_momentum": {
        "CS231n's momentum (v = mu*v - lr*dw; w = w + v)": cs231n_momentum,
        "an exponential moving average (v = mu*v + (1-mu)*dw)": ema_momentum,
    },
    "adam": {
        "Adam with t incremented after the bias correction (increment t first, then use it)": adam_no_t_increment,
        "Adam whose bias correction lacks the power t (m / (1 - beta1) instead of m / (1 - beta1**t), "
        "and likewise for v)": adam_bias_no_power,
        "Adam without bias correction": adam_no_bias_correction,
        "Adam with " + EPS_INSIDE.format("v_hat"): adam_eps_inside_sqrt,
        "Adam's efficient form lr_t = lr * sqrt(1 - beta2**t) / (1 - beta1**t), w - lr_t * m / (sqrt(v) + epsilon): "
        "its epsilon stands beside sqrt(v), not sqrt(v_hat), so it is epsilon * sqrt(1 - beta2**t) in HW2's terms, "
        "and the step differs where the gradients are small; HW2 asks for m_hat / (sqrt(v_hat) + epsilon)": adam_lr_t,
        "Adam whose t defaults to 1 instead of 0 (config.setdefault('t', 0): the first step is t = 1 after "
        "the increment)": adam_t_defaults_to_one,
    },
    "rmsprop": {
        "RMSProp dividing by the cache from before this step": rmsprop_old_cache,
        "RMSProp with " + EPS_INSIDE.format("cache"): rmsprop_eps_inside_sqrt,
    },
}


def _norms(grads, order=None):
    return np.array([np.linalg.norm(g, order) if np.ndim(g) == 2 else np.linalg.norm(np.ravel(g)) for g in grads.values()])


def _entries(grads):
    return np.concatenate([np.ravel(g) for g in grads.values()])


KNOWN_GRAD_NORMS = {
    "the mean of each gradient's spectral norm: np.linalg.norm(dw, 2) of a matrix is its largest singular "
    "value, which measures the matrix as an operator and is smaller than the Euclidean norm of its entries "
    "unless dw has rank 1. HW2 logs the Euclidean norm of each flattened gradient, "
    "np.linalg.norm(dw.ravel()) (the Frobenius norm of a matrix): the size of that gradient as a vector of "
    "parameters": lambda grads: float(np.mean(_norms(grads, 2))),
    "the mean of the squared gradient entries, not the mean of each gradient's norm":
        lambda grads: float(np.mean(_entries(grads) ** 2)),
    "the square root of the summed norms, sqrt(sum of ||dw||), not their mean":
        lambda grads: float(np.sqrt(np.sum(_norms(grads)))),
    "one norm of all the gradients together, sqrt(sum of ||dw||^2), not the mean of each gradient's norm":
        lambda grads: float(np.sqrt(np.sum(_norms(grads) ** 2))),
    "sqrt(sum of ||dw||^2) divided by the number of parameter arrays, not the mean of each gradient's norm":
        lambda grads: float(np.sqrt(np.sum(_norms(grads) ** 2)) / len(grads)),
    "the sum of the gradients' norms, not their mean": lambda grads: float(np.sum(_norms(grads))),
    "the mean of the squared norms, ||dw||^2, not of the norms": lambda grads: float(np.mean(_norms(grads) ** 2)),
    "the mean of each gradient's root mean square entry, sqrt(mean(dw**2)), not of its norm":
        lambda grads: float(np.mean([np.sqrt(np.mean(np.square(g))) for g in grads.values()])),
    "the mean over the weight gradients only (every b left out)":
        lambda grads: float(np.mean([np.linalg.norm(np.ravel(g)) for name, g in grads.items() if name.startswith("W")])),
}


def _regularisation(params, reg, factor=0.5):
    weights = [np.asarray(value, dtype=np.float64) for name, value in params.items() if name.startswith("W")]
    return factor * reg * sum(float(np.sum(w * w)) for w in weights), {
        name: factor * 2 * reg * np.asarray(value, dtype=np.float64) for name, value in params.items() if name.startswith("W")}


def _with_regularisation(loss, grads, params, reg, factor=0.5):
    penalty, penalty_grads = _regularisation(params, reg, factor)
    return loss + penalty, {name: grad + penalty_grads.get(name, 0.0) for name, grad in grads.items()}


def loss_without_regularisation(params, X, y, reg):
    return fc_net.loss_and_grads(params, X, y, 0.0)


def loss_summed_over_batch(params, X, y, reg):
    loss, grads = fc_net.loss_and_grads(params, X, y, 0.0)
    n = len(y)
    return _with_regularisation(n * loss, {name: n * grad for name, grad in grads.items()}, params, reg)


def loss_regularisation_without_half(params, X, y, reg):
    loss, grads = fc_net.loss_and_grads(params, X, y, 0.0)
    return _with_regularisation(loss, grads, params, reg, factor=1.0)


def loss_reg_gradient_missing(params, X, y, reg):
    loss, _ = fc_net.loss_and_grads(params, X, y, reg)
    return loss, fc_net.loss_and_grads(params, X, y, 0.0)[1]


def loss_zero(params, X, y, reg):
    return 0.0, {name: np.zeros(np.shape(value)) for name, value in params.items()}


KNOWN_LOSSES = {
    "a loss of 0 with zero gradients: loss() no longer computes the network's loss": loss_zero,
    "the loss and gradients without the L2 regularisation 0.5 * reg * sum of ||W||^2": loss_without_regularisation,
    "weight gradients without the regularisation's reg * W (the loss itself has 0.5 * reg * sum of ||W||^2)":
        loss_reg_gradient_missing,
    "the cross-entropy summed over the batch instead of averaged over it": loss_summed_over_batch,
    "reg * sum of ||W||^2 as the regularisation, without the factor 0.5": loss_regularisation_without_half,
}
