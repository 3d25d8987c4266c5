"""Lecture 7: momentum as a moving average of gradients, its sum form, the Adam-style update and the look-ahead.

The labels are the notes'. Momentum is a weighted sum of the past gradients u (g here), with beta the weight of
the newest (beta = 1 is plain GD, the convention of HW2 Q2), and that sum's recursion:
(7.6)   a_{t+1} = sum_{tau <= t} u(tau) beta (1 - beta)^(t - tau)        (from a_0 = 0),
(7.7)   a_{t+1} = (1 - beta) a_t + beta g_t,    w_{t+1} = w_t - eta a_{t+1},    g_t = grad L(w_t).
The same method written with a moving *sum* v (the optim.py form; the notes do not print it: it is (7.6) without
its factor beta, an extension of the notes):
    v_{t+1} = rho v_t + g_t,                    w_{t+1} = w_t - alpha v_{t+1}.
From a_0 = v_0 = 0, a_t = beta v_t for every t when rho = 1 - beta, so both give the same iterates exactly when
alpha = eta beta: the sum form needs a learning rate beta times the average form's.
(7.8) The Adam-style update adds a moving average v of the squared gradients, with weight beta_2 (the notes' beta'):
    v_{t+1} = (1 - beta_2) v_t + beta_2 g_t^2,  w_{t+1} = w_t - eta a_{t+1} / (sqrt(v_{t+1}) + epsilon).
The notes print -beta_2 g_t^2 where +beta_2 g_t^2 belongs (``printed_second_moment``): v then goes negative at
the first nonzero gradient and sqrt(v) is NaN.
Look-ahead (Nesterov): the momentum part of the next step, -eta (1 - beta) a_t, is known before the gradient, so
the gradient is taken there: g_t = grad L(w_t - eta (1 - beta) a_t).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from reference import backend

Gradient = Callable[[np.ndarray], np.ndarray]


def momentum_average(a: Any, g: Any, beta: Any) -> Any:
    """(7.7): the moving average of the gradients, a_{t+1} = (1 - beta) a_t + beta g_t."""
    return (1 - beta) * a + beta * g


def mean_gradient_age(beta: Any) -> Any:
    """(7.6): the gradient k steps back has weight beta (1 - beta)^k, so the average's memory, the mean age
    sum_k k beta (1 - beta)^k, is (1 - beta)/beta steps: long for beta near 0."""
    return (1 - beta) / beta


def sum_form_parameters(eta: Any, beta: Any) -> tuple[Any, Any]:
    """(7.7) as a moving sum (beyond the notes): the momentum rho = 1 - beta and the learning rate alpha = eta beta
    that give the same iterates."""
    return 1 - beta, eta * beta


def momentum_step(w: np.ndarray, a: np.ndarray, grad: Gradient, eta: float, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """(7.7): one step; returns (w_{t+1}, a_{t+1})."""
    a = momentum_average(a, grad(w), beta)
    return w - eta * a, a


def sum_form_step(w: np.ndarray, v: np.ndarray, grad: Gradient, alpha: float, rho: float) -> tuple[np.ndarray, np.ndarray]:
    """The moving-sum form (not in the notes): one step v_{t+1} = rho v_t + g_t, w_{t+1} = w_t - alpha v_{t+1};
    returns (w_{t+1}, v_{t+1})."""
    v = rho * v + grad(w)
    return w - alpha * v, v


def second_moment(v: Any, g: Any, beta_2: Any) -> Any:
    """(7.8), corrected: the moving average of the squared gradients, (1 - beta_2) v_t + beta_2 g_t^2."""
    return (1 - beta_2) * v + beta_2 * g**2


def printed_second_moment(v: Any, g: Any, beta_2: Any) -> Any:
    """(7.8) as printed, with the sign error: (1 - beta_2) v_t - beta_2 g_t^2 (negative, so sqrt(v) is NaN)."""
    return (1 - beta_2) * v - beta_2 * g**2


def adam_style_step(w: np.ndarray, a: np.ndarray, v: np.ndarray, g: np.ndarray, eta: float, beta: float,
                    beta_2: float, epsilon: float = 1e-8) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(7.8), corrected: returns (w_{t+1}, a_{t+1}, v_{t+1}) for the gradient g = g_t (no bias correction)."""
    a, v = momentum_average(a, g, beta), second_moment(v, g, beta_2)
    return w - eta * a / (backend.sqrt(v) + epsilon), a, v


def lookahead_point(w: Any, a: Any, eta: Any, beta: Any) -> Any:
    """Lecture 7, look-ahead: where Nesterov momentum takes the gradient, w_t - eta (1 - beta) a_t."""
    return w - eta * (1 - beta) * a


def nesterov_momentum(grad: Gradient, w0: np.ndarray, eta: float, beta: float, steps: int) -> np.ndarray:
    """Lecture 7: ``steps`` steps of (7.7) from w0 and a_0 = 0 with the gradient taken at the look-ahead point;
    returns the final w."""
    w = np.asarray(w0, dtype=float)
    a = np.zeros_like(w)
    for _ in range(steps):
        a = momentum_average(a, grad(lookahead_point(w, a, eta, beta)), beta)
        w = w - eta * a
    return w
