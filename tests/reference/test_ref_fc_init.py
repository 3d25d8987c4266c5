"""reference.fc_init: He and random standard deviations by sampling, shapes and dtypes, the
gradient-norm log by hand, and the sampling tolerance against repeated experiments."""
import math

import numpy as np
import pytest

from reference import fc_init


def test_he_std_matches_the_notebook_numbers():
    assert fc_init.he_std(3072) == pytest.approx(0.02551551815399, rel=1e-12)  # printed in cell 25
    assert fc_init.he_std(50) == pytest.approx(0.2)


def test_layer_dims_and_shapes():
    dims = fc_init.layer_dims([50] * 10, 3072, 10)
    assert dims == [3072] + [50] * 10 + [10]
    params = fc_init.init_params([50] * 10, initialization="he", rng=np.random.default_rng(0))
    assert sorted(params) == sorted([f"W{i}" for i in range(1, 12)] + [f"b{i}" for i in range(1, 12)])
    for i in range(1, 12):
        assert params[f"W{i}"].shape == (dims[i - 1], dims[i])
        assert params[f"b{i}"].shape == (dims[i],)
        assert params[f"W{i}"].dtype == np.float32
        assert not params[f"b{i}"].any()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_follows_the_argument(dtype):
    params = fc_init.init_params([7], input_dim=5, num_classes=3, dtype=dtype, rng=np.random.default_rng(1))
    assert {p.dtype for p in params.values()} == {np.dtype(dtype)}


def test_he_std_by_sampling_each_layer():
    params = fc_init.init_params(
        [400, 300], input_dim=800, num_classes=200, dtype=np.float64,
        initialization="he", rng=np.random.default_rng(2),
    )
    for i, fan_in in enumerate([800, 400, 300], start=1):
        W = params[f"W{i}"]
        expected = math.sqrt(2 / fan_in)
        assert abs(W.std() / expected - 1) <= fc_init.std_tolerance(W.size)
        assert abs(W.mean()) <= 6 * expected / math.sqrt(W.size)
        kurtosis = np.mean((W / W.std()) ** 4)
        assert abs(kurtosis - 3) < 0.1  # normal, not uniform (1.8)


@pytest.mark.parametrize("weight_scale", [1e-2, 0.3])
def test_random_std_by_sampling(weight_scale):
    params = fc_init.init_params(
        [300], input_dim=500, num_classes=100, weight_scale=weight_scale,
        dtype=np.float64, rng=np.random.default_rng(3),
    )
    for key in ("W1", "W2"):
        W = params[key]
        assert abs(W.std() / weight_scale - 1) <= fc_init.std_tolerance(W.size)


def test_zero_init_and_unknown_scheme():
    params = fc_init.init_params([4, 4], input_dim=3, num_classes=2, initialization="zero")
    assert all(not p.any() for p in params.values())
    with pytest.raises(ValueError):
        fc_init.init_params([4], initialization="xavier")


def test_grad_norm_mean_by_hand():
    grads = {"W1": np.array([[3.0, 4.0]]), "b1": np.array([0.0, 0.0]), "W2": np.array([[1.0], [0.0]])}
    assert fc_init.grad_norm_mean(grads) == pytest.approx((5.0 + 0.0 + 1.0) / 3)


def test_std_tolerance_matches_repeated_experiments():
    """The spread of the sample std over many repeats is sigma/sqrt(2n): z = 1 should cover ~68%."""
    rng = np.random.default_rng(4)
    n, repeats = 400, 4000
    relative = rng.standard_normal((repeats, n)).std(axis=1) - 1
    assert relative.std() == pytest.approx(fc_init.std_tolerance(n, z=1.0), rel=0.05)
    assert np.mean(np.abs(relative) <= fc_init.std_tolerance(n, z=1.0)) == pytest.approx(0.683, abs=0.03)
    assert np.all(np.abs(relative) <= fc_init.std_tolerance(n))
