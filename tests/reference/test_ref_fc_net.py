"""reference.fc_net against torch autograd on the same network, and a zero network by hand."""
import math

import numpy as np
import pytest
import torch

from reference import fc_net
from reference.fc_init import init_params


def torch_loss(params, X, y, reg):
    """The same loss written with torch's layers; autograd gives the gradients."""
    tensors = {name: torch.tensor(value, dtype=torch.float64, requires_grad=True) for name, value in params.items()}
    h = torch.tensor(X, dtype=torch.float64).reshape(len(X), -1)
    last = len(params) // 2
    for layer in range(1, last):
        h = torch.relu(h @ tensors[f"W{layer}"] + tensors[f"b{layer}"])
    scores = h @ tensors[f"W{last}"] + tensors[f"b{last}"]
    loss = torch.nn.functional.cross_entropy(scores, torch.tensor(y)) + 0.5 * reg * sum(
        (tensors[f"W{layer}"] ** 2).sum() for layer in range(1, last + 1))
    loss.backward()
    return float(loss.detach()), scores.detach().numpy(), {name: t.grad.numpy() for name, t in tensors.items()}


@pytest.mark.parametrize("hidden_dims, reg, seed", [([5, 4], 0.1, 0), ([7], 0.0, 1), ([6, 6, 3], 0.5, 2)])
def test_matches_torch_autograd(hidden_dims, reg, seed):
    rng = np.random.default_rng(seed)
    params = init_params(hidden_dims, input_dim=6, num_classes=3, weight_scale=0.5, dtype=np.float64,
                         rng=rng)
    params = {name: value + (0.1 * rng.normal(size=value.shape) if name.startswith("b") else 0)
              for name, value in params.items()}
    X, y = rng.normal(size=(8, 2, 3)), rng.integers(3, size=8)
    expected_loss, expected_scores, expected_grads = torch_loss(params, X, y, reg)
    loss, grads = fc_net.loss_and_grads(params, X, y, reg)
    assert loss == pytest.approx(expected_loss, rel=1e-12)
    np.testing.assert_allclose(fc_net.scores(params, X), expected_scores, rtol=1e-12)
    assert sorted(grads) == sorted(params)
    for name, grad in grads.items():
        np.testing.assert_allclose(grad, expected_grads[name], rtol=1e-10, atol=1e-14)


def test_zero_network_by_hand():
    """All parameters zero: every score is 0, so loss = log C, and only b_L has a gradient,
    (1/C - onehot(y)) averaged over the batch; W_L's gradient is 0 because h_{L-1} = 0."""
    params = {"W1": np.zeros((4, 3)), "b1": np.zeros(3), "W2": np.zeros((3, 5)), "b2": np.zeros(5)}
    y = np.array([0, 0, 2, 4])
    loss, grads = fc_net.loss_and_grads(params, np.ones((4, 4)), y, reg=0.3)
    assert loss == pytest.approx(math.log(5))
    np.testing.assert_allclose(grads["b2"], [0.2 - 0.5, 0.2, 0.2 - 0.25, 0.2, 0.2 - 0.25])
    for name in ("W1", "b1", "W2"):
        assert not grads[name].any()
