"""reference.notebooks: the Q2(h) data and runs against the course's recomputed numbers and the
momentum theory; the Q6 model's shape, gradient norms by finite differences, He init by sampling."""
import math

import numpy as np
import pytest
import torch

from reference import momentum, notebooks


@pytest.fixture(scope="module")
def data():
    return notebooks.momentum_notebook_data()


def test_data_shape_and_published_singular_values(data):
    X, y = data
    assert X.shape == (500, 2) and y.shape == (500, 1)
    assert set(np.unique(y)) == {0.0, 1.0}
    np.testing.assert_array_equal(y[:, 0], (X[:, 1] > 0).astype(float))
    np.testing.assert_allclose(np.linalg.svd(X, compute_uv=False), [96.81, 22.36], atol=0.01)
    state = np.random.get_state()[1][:5].copy()
    notebooks.momentum_notebook_data()
    np.testing.assert_array_equal(np.random.get_state()[1][:5], state)  # global RNG untouched


def test_runs_reach_the_published_least_squares_optimum(data):
    X, y = data
    w_star = np.linalg.lstsq(X, y, rcond=None)[0][:, 0]
    optimum = float(np.sum((X @ w_star - y[:, 0]) ** 2))
    assert optimum == pytest.approx(102.7517109, abs=1e-6)
    np.testing.assert_allclose(w_star, [-0.08741, 0.38542], atol=1e-5)
    for run in (notebooks.run_gd, notebooks.run_gdm):
        grads, ws, losses = run(X, y, 100, 1e-4)
        assert grads.shape == ws.shape == (100, 2) and losses.shape == (100,)
        assert losses[-1] == pytest.approx(102.7517109, abs=1e-6)
        np.testing.assert_allclose(grads[0], -2 * X.T @ y[:, 0])  # gradient at w = 0
        assert losses[0] == pytest.approx(np.sum((y[:, 0] - X @ ws[0]) ** 2))


def test_momentum_run_follows_the_written_recursion(data):
    """runGDM is the Q2 recursion with z_0 chosen so that z_1 = g_0: compare with a direct loop."""
    X, y = data
    beta, eta = 0.6, 1e-4
    w, z = np.zeros(2), None
    expected = []
    for _ in range(20):
        g = 2 * X.T @ (X @ w - y[:, 0])
        z = g if z is None else (1 - beta) * z + beta * g
        w = w - eta * z
        expected.append(w)
    _, ws, _ = notebooks.run_gdm(X, y, 20, eta, beta)
    np.testing.assert_allclose(ws, expected, rtol=1e-12)


def test_momentum_stability_limit_on_the_notebook_data(data):
    """Stable iff eta < (2 - beta)/(beta sigma_max^2) = 2.49e-4 for beta = 0.6 (course facts §4)."""
    X, y = data
    sigma_sq_max = np.linalg.svd(X, compute_uv=False)[0] ** 2
    limit = momentum.max_eta_real_stable(0.6, sigma_sq_max)
    assert limit == pytest.approx(2.49e-4, rel=2e-3)
    *_, inside = notebooks.run_gdm(X, y, 3000, 0.98 * limit, 0.6)
    *_, outside = notebooks.run_gdm(X, y, 3000, 1.02 * limit, 0.6)
    assert inside[-1] == pytest.approx(102.7517109, abs=1e-6)
    assert outside[-1] > 1e6
    gd_limit = 1 / sigma_sq_max
    *_, gd_inside = notebooks.run_gd(X, y, 3000, 0.98 * gd_limit)
    *_, gd_outside = notebooks.run_gd(X, y, 3000, 1.02 * gd_limit)
    assert gd_inside[-1] == pytest.approx(102.7517109, abs=1e-6) and gd_outside[-1] > 1e6


def test_q6_model_counts():
    model = notebooks.q6_model()
    assert len(model) == 9
    assert sum(p.numel() for p in model.parameters()) == 1321
    assert model(torch.zeros(10, 1)).shape == (10, 1)
    kinds = [type(m).__name__ for m in model]
    assert kinds == ["Linear", "ReLU"] * 4 + ["Linear"]


def test_weight_grad_norms_by_finite_differences():
    torch.manual_seed(0)
    model = notebooks.q6_model().double()
    x = torch.linspace(-1, 1, 30, dtype=torch.float64)[:, None]
    y = torch.sin(3 * x)
    norms = notebooks.weight_grad_norms(model, x, y)
    assert sorted(norms) == ["0.weight", "2.weight", "4.weight", "6.weight", "8.weight"]
    weight = model[8].weight
    h = 1e-6
    numeric = torch.zeros_like(weight)
    with torch.no_grad():
        for j in range(weight.shape[1]):
            original = weight[0, j].item()
            weight[0, j] = original + h
            up = torch.mean((model(x) - y) ** 2).item()
            weight[0, j] = original - h
            down = torch.mean((model(x) - y) ** 2).item()
            weight[0, j] = original
            numeric[0, j] = (up - down) / (2 * h)
    assert norms["8.weight"] == pytest.approx(float(numeric.norm()), rel=1e-6)


def test_he_init_by_sampling():
    generator = torch.Generator().manual_seed(0)
    layer = torch.nn.Linear(500, 400)
    notebooks.he_init_(layer, generator=generator)
    std = layer.weight.std().item()
    n = layer.weight.numel()
    assert abs(std / math.sqrt(2 / 500) - 1) <= 6 / math.sqrt(2 * n)
    assert not layer.bias.any()
    relu = torch.nn.ReLU()
    notebooks.he_init_(relu)  # not a Linear: left alone, no error
    model = notebooks.q6_model()
    model.apply(notebooks.he_init_)
    assert all(not m.bias.any() for m in model if isinstance(m, torch.nn.Linear))
