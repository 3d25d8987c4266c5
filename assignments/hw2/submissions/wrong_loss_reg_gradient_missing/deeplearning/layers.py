"""Layers with a forward and a backward pass (complete: carried over from HW1).

Each ``*_forward`` returns ``(out, cache)``; the matching ``*_backward`` takes the upstream
gradient and that cache and returns the gradients of the inputs.
"""
import numpy as np


def affine_forward(x, w, b):
    """out = x.reshape(N, D) @ w + b for x of shape (N, d_1, ..., d_k) with D = d_1 * ... * d_k."""
    out = x.reshape(x.shape[0], -1) @ w + b
    return out, (x, w, b)


def affine_backward(dout, cache):
    """Gradients (dx, dw, db) of the affine layer; dx has the shape of the original x."""
    x, w, _ = cache
    dx = (dout @ w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T @ dout
    db = dout.sum(axis=0)
    return dx, dw, db


def relu_forward(x):
    """out = max(0, x), elementwise."""
    return np.maximum(0, x), x


def relu_backward(dout, cache):
    """dx = dout where x > 0, else 0."""
    x = cache
    return dout * (x > 0)


def affine_relu_forward(x, w, b):
    """An affine layer followed by a ReLU."""
    a, affine_cache = affine_forward(x, w, b)
    out, relu_cache = relu_forward(a)
    return out, (affine_cache, relu_cache)


def affine_relu_backward(dout, cache):
    """Gradients (dx, dw, db) of ``affine_relu_forward``."""
    affine_cache, relu_cache = cache
    return affine_backward(relu_backward(dout, relu_cache), affine_cache)


def softmax_loss(x, y):
    """Mean cross-entropy of the softmax of scores x (N, C) against labels y (N,).

    Returns (loss, dx) with dx = (softmax(x) - onehot(y)) / N.
    """
    shifted = x - x.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    n = x.shape[0]
    loss = -log_probs[np.arange(n), y].mean()
    dx = np.exp(log_probs)
    dx[np.arange(n), y] -= 1
    return loss, dx / n
