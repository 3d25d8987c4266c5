"""The computations of two ungraded notebooks, for checks and demonstrations.

HW2 Q2(h): "Accelerating Gradient Descent with Momentum (coding part)". Data: seed 0, 500 points
X ~ N((-3, 0), diag(3, 1)^2) (the code passes standard deviations 3 and 1), y = 1[X[:, 1] > 0] as a
(500, 1) float column. Loss ||y - X w||^2 (a sum), gradient 2 X^T X w - 2 X^T y. Both runs start at
w = 0 (shape (2, 1)) and record, per step, the gradient at the old w, the new w and the loss at the new w.
Momentum smooths the gradient as smoothed = (1 - beta) smoothed + beta grad, with smoothed = grad on
the first step (the written Q2 convention; beta = 1 is plain GD).

HW2 Q6: "Visualizing Features from Local Linearization of Neural Nets (Part II)": the 4-hidden-layer
ReLU model, the per-weight gradient norms it prints, and He initialisation. Torch is imported
lazily so the rest of ``reference`` does not need it.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import torch

MOMENTUM_NOTEBOOK_SEED = 0
MOMENTUM_NOTEBOOK_N = 500
Q6_WIDTH = 20
Q6_HIDDEN_LAYERS = 4


def momentum_notebook_data() -> tuple[np.ndarray, np.ndarray]:
    """HW2 Q2(h): (X (500, 2), y (500, 1)) as drawn after np.random.seed(0) (without touching the
    global generator: RandomState(0) gives the same stream)."""
    rng = np.random.RandomState(MOMENTUM_NOTEBOOK_SEED)
    X = rng.normal([-3, 0], [3, 1], [MOMENTUM_NOTEBOOK_N, 2])
    y = (X[:, 1] > 0).astype(float)[:, np.newaxis]
    return X, y


def run_gd(
    X: np.ndarray, y: np.ndarray, maxiter: int = 100, stepsize: float = 1e-4
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """HW2 Q2(h) ``runGD``: (grads (maxiter, 2), ws (maxiter, 2), losses (maxiter,))."""
    return _descend(X, y, maxiter, stepsize, lambda smoothed, grad: grad)


def run_gdm(
    X: np.ndarray, y: np.ndarray, maxiter: int = 100, stepsize: float = 1e-4, beta: float = 0.6
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """HW2 Q2(h) ``runGDM``: as ``run_gd`` but stepping along
    smoothed = (1 - beta) smoothed + beta grad (smoothed = grad before the first update)."""
    return _descend(X, y, maxiter, stepsize, lambda smoothed, grad: (1 - beta) * smoothed + beta * grad)


def _descend(
    X: np.ndarray,
    y: np.ndarray,
    maxiter: int,
    stepsize: float,
    smooth: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    w = np.zeros((X.shape[1], 1))
    grads, ws, losses = [], [], []
    smoothed = None
    for _ in range(maxiter):
        grad = 2 * (X.T @ X @ w) - 2 * X.T @ y
        smoothed = smooth(grad if smoothed is None else smoothed, grad)
        w = w - stepsize * smoothed
        grads.append(grad[:, 0])
        ws.append(w[:, 0])
        losses.append(float(np.linalg.norm(y - X @ w) ** 2))
    return np.array(grads), np.array(ws), np.array(losses)


def q6_model() -> "torch.nn.Sequential":
    """HW2 Q6: 1 -> 20 -> 20 -> 20 -> 20 -> 1 with a ReLU after each hidden layer
    (9 modules, 1321 parameters)."""
    from torch import nn

    layers: list[nn.Module] = []
    fan_in = 1
    for _ in range(Q6_HIDDEN_LAYERS):
        layers += [nn.Linear(fan_in, Q6_WIDTH), nn.ReLU()]
        fan_in = Q6_WIDTH
    layers.append(nn.Linear(fan_in, 1))
    return nn.Sequential(*layers)


def weight_grad_norms(model: "torch.nn.Module", x: "torch.Tensor", y: "torch.Tensor") -> dict[str, float]:
    """HW2 Q6 ``print_gnorms``: the full-batch MSE loss is back-propagated once (gradients are zeroed
    first and left in place) and, for each parameter named ``*.weight``, ||grad||_2 is returned."""
    from torch import nn

    model.zero_grad()
    nn.MSELoss()(model(x), y).backward()
    return {
        name: float(param.grad.norm())
        for name, param in model.named_parameters()
        if name.endswith(".weight")
    }


def he_init_(module: "torch.nn.Module", generator: "torch.Generator | None" = None) -> None:
    """HW2 Q6 ``better_init``: for nn.Linear, weight ~ N(0, 2/in_features) and bias = 0, in place;
    other modules are left alone (use as ``model.apply(he_init_)``)."""
    import torch
    from torch import nn

    if isinstance(module, nn.Linear):
        with torch.no_grad():
            module.weight.normal_(0.0, math.sqrt(2.0 / module.in_features), generator=generator)
            if module.bias is not None:
                module.bias.zero_()
