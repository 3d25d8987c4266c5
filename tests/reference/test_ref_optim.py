"""reference.optim against the published notebook vectors and torch.optim over many steps."""
import numpy as np
import pytest
import torch

from reference import optim

RULES = {"sgd": optim.sgd, "sgd_momentum": optim.sgd_momentum, "rmsprop": optim.rmsprop, "adam": optim.adam}


@pytest.mark.parametrize("rule", sorted(optim.NOTEBOOK_VECTORS))
def test_notebook_vectors(rule):
    case = optim.NOTEBOOK_VECTORS[rule]
    w, dw, config = case.inputs()
    next_w, config = RULES[rule](w, dw, config)
    results = {"next_w": next_w, **config}
    for key, published in case.expected.items():
        assert optim.rel_error(published.entries_of(results[key]), published.values) < 1e-6, key
    for key, value in case.expected_scalars.items():
        assert config[key] == value


def test_published_vector_sizes():
    for case in optim.NOTEBOOK_VECTORS.values():
        for published in case.expected.values():
            assert len(published.values) == len(published.flat_indices)
    assert len(optim.NOTEBOOK_VECTORS["adam"].expected["next_w"].values) == 20
    assert optim.NOTEBOOK_VECTORS["sgd_momentum"].expected["velocity"].flat_indices == (0, 1, 2, 3, 4, 19)


def test_notebook_vectors_reject_known_wrong_variants():
    """At the grading tolerance (1e-6) the vectors reject CS231n's momentum, the EMA form and a late t."""
    case = optim.NOTEBOOK_VECTORS["sgd_momentum"]
    w, dw, config = case.inputs()
    published = case.expected["next_w"]
    cs231n = w + (0.9 * config["velocity"] - 1e-3 * dw)
    ema = w - 1e-3 * (0.9 * config["velocity"] + 0.1 * dw)
    assert optim.rel_error(published.entries_of(cs231n), published.values) > 1e-5
    assert optim.rel_error(published.entries_of(ema), published.values) > 1e-5
    adam_case = optim.NOTEBOOK_VECTORS["adam"]
    w, dw, config = adam_case.inputs()
    config["t"] = 4  # the update then uses t = 5, as if t were incremented after use
    late_t, _ = optim.adam(w, dw, config)
    published = adam_case.expected["next_w"]
    assert optim.rel_error(published.entries_of(late_t), published.values) > 1e-5


def gradient_sequence(steps, shape, seed):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(shape) * (1 + 0.5 * np.sin(t)) for t in range(steps)]


def run_ours(rule, config, grads, w0):
    w = w0.copy()
    for g in grads:
        w, config = rule(w, g, config)
    return w, config


def run_torch(optimizer_class, kwargs, grads, w0):
    param = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class([param], **kwargs)
    for g in grads:
        param.grad = torch.tensor(g, dtype=torch.float64)
        optimizer.step()
    return param.detach().numpy()


@pytest.mark.parametrize("rule, config, torch_class, torch_kwargs", [
    ("sgd", {"learning_rate": 0.05}, torch.optim.SGD, {"lr": 0.05}),
    ("sgd_momentum", {"learning_rate": 0.01, "momentum": 0.9}, torch.optim.SGD,
     {"lr": 0.01, "momentum": 0.9, "dampening": 0}),
    ("sgd_momentum", {"learning_rate": 0.02, "momentum": 0.5}, torch.optim.SGD,
     {"lr": 0.02, "momentum": 0.5, "dampening": 0}),
    ("rmsprop", {"learning_rate": 0.01, "decay_rate": 0.99, "epsilon": 1e-8}, torch.optim.RMSprop,
     {"lr": 0.01, "alpha": 0.99, "eps": 1e-8}),
    ("adam", {"learning_rate": 1e-3}, torch.optim.Adam, {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8}),
    ("adam", {"learning_rate": 0.05, "beta1": 0.8, "beta2": 0.99}, torch.optim.Adam,
     {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-8}),
])
def test_matches_torch_over_many_steps(rule, config, torch_class, torch_kwargs):
    grads = gradient_sequence(200, (3, 4), seed=len(rule))
    w0 = np.linspace(-1, 1, 12).reshape(3, 4)
    ours, _ = run_ours(RULES[rule], dict(config), grads, w0)
    theirs = run_torch(torch_class, torch_kwargs, grads, w0)
    np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)


def test_defaults_and_state_from_none():
    w, dw = np.ones(3), np.full(3, 0.5)
    expected_defaults = {
        "sgd": {"learning_rate": 1e-2},
        "sgd_momentum": {"learning_rate": 1e-2, "momentum": 0.9},
        "rmsprop": {"learning_rate": 1e-2, "decay_rate": 0.99, "epsilon": 1e-8},
        "adam": {"learning_rate": 1e-3, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
    }
    for name, rule in RULES.items():
        _, config = rule(w, dw, None)
        assert {k: config[k] for k in expected_defaults[name]} == expected_defaults[name]
    # First steps by hand: momentum v = dw; rmsprop cache = 0.01 dw^2; adam t = 1, step = lr sign(dw).
    next_w, config = optim.sgd_momentum(w, dw)
    np.testing.assert_allclose(config["velocity"], dw)
    np.testing.assert_allclose(next_w, w - 1e-2 * dw)
    _, config = optim.rmsprop(w, dw)
    np.testing.assert_allclose(config["cache"], 0.01 * dw**2)
    next_w, config = optim.adam(w, dw)
    assert config["t"] == 1
    np.testing.assert_allclose(next_w, w - 1e-3, rtol=1e-7)
    _, config = optim.adam(w, dw, config)
    assert config["t"] == 2


def test_inputs_are_not_modified():
    case = optim.NOTEBOOK_VECTORS["rmsprop"]
    w, dw, config = case.inputs()
    old_cache = config["cache"]
    optim.rmsprop(w, dw, config)
    np.testing.assert_array_equal(w, optim.notebook_grid(-0.4, 0.6))
    np.testing.assert_array_equal(old_cache, optim.notebook_grid(0.6, 0.9))
    assert config["cache"] is not old_cache


def test_rel_error():
    assert optim.rel_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert optim.rel_error([1.0], [3.0]) == pytest.approx(0.5)
    assert optim.rel_error([0.0], [1e-9]) == pytest.approx(0.1)  # the 1e-8 floor on the denominator
