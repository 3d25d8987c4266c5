"""The loss of ``FullyConnectedNet`` and its gradients (HW2 Q5; the course gives this code, from HW1).

With L layers, h_0 = X (N, D) flattened, h_l = max(0, h_{l-1} W_l + b_l) for l < L, and scores
s = h_{L-1} W_L + b_L (N, C). The loss is the mean softmax cross-entropy plus L2 regularisation

    loss = (1/N) sum_i [log sum_c exp(s_ic) - s_{i, y_i}] + (reg/2) sum_l ||W_l||_F^2,

whose gradients follow by backpropagation: d loss/d s = (softmax(s) - onehot(y)) / N, then for each
layer dW_l = h_{l-1}^T ds_l + reg W_l, db_l = sum_i ds_l, ds_{l-1} = (ds_l W_l^T) * [h_{l-1} > 0].
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def num_layers(params: Mapping[str, np.ndarray]) -> int:
    """HW2 Q5: L, from the parameter names W1..WL."""
    return sum(1 for name in params if name.startswith("W"))


def _hidden(params: Mapping[str, np.ndarray], X: np.ndarray) -> list[np.ndarray]:
    """[h_0, h_1, ..., h_{L-1}]: the input (flattened) and every ReLU layer's output."""
    hidden = [np.asarray(X, dtype=np.float64).reshape(len(X), -1)]
    for layer in range(1, num_layers(params)):
        hidden.append(np.maximum(0.0, hidden[-1] @ params[f"W{layer}"] + params[f"b{layer}"]))
    return hidden


def scores(params: Mapping[str, np.ndarray], X: np.ndarray) -> np.ndarray:
    """HW2 Q5: the class scores s (N, C) that ``loss(X)`` returns when y is None."""
    last = num_layers(params)
    return _hidden(params, X)[-1] @ params[f"W{last}"] + params[f"b{last}"]


def loss_and_grads(params: Mapping[str, np.ndarray], X: np.ndarray, y: np.ndarray,
                   reg: float) -> tuple[float, dict[str, np.ndarray]]:
    """HW2 Q5: (loss, grads) that ``loss(X, y)`` returns, in float64 (formulas in the module docstring)."""
    params = {name: np.asarray(value, dtype=np.float64) for name, value in params.items()}
    y = np.asarray(y, dtype=int)
    hidden = _hidden(params, X)
    last = num_layers(params)
    s = hidden[-1] @ params[f"W{last}"] + params[f"b{last}"]
    shifted = s - s.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    n = len(y)
    loss = -log_probs[np.arange(n), y].mean()
    upstream = np.exp(log_probs)
    upstream[np.arange(n), y] -= 1.0
    upstream /= n
    grads = {}
    for layer in range(last, 0, -1):
        weight = params[f"W{layer}"]
        grads[f"W{layer}"] = hidden[layer - 1].T @ upstream + reg * weight
        grads[f"b{layer}"] = upstream.sum(axis=0)
        loss += 0.5 * reg * np.sum(weight * weight)
        if layer > 1:
            upstream = (upstream @ weight.T) * (hidden[layer - 1] > 0)
    return float(loss), grads
