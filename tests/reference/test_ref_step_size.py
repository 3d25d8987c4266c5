"""reference.step_size against GD run on Nar & Sastry's f, on deep scalar chains and on a scalar
two-layer ReLU network, from many starting points."""
import math

import numpy as np
import pytest
import sympy

from reference import step_size


def run_gd_on_f(starts, delta, steps=3000):
    """GD x <- x - delta f'(x) from every start at once; runs that leave [-5, 5] are frozen at nan."""
    x = np.array(starts, dtype=float)
    for _ in range(steps):
        x = x - delta * (np.polyval(F_PRIME_COEFFS, x))
        x[np.abs(x) > 5] = np.nan
    return x


# f'(x) from numpy's own polynomial arithmetic, independent of reference.step_size.f_prime.
F_COEFFS = np.polymul(np.polymul([1, 0, 1], np.polymul([1, -1], [1, -1])), np.polymul([1, -2], [1, -2]))
F_PRIME_COEFFS = np.polyder(F_COEFFS)


def test_derivatives_against_sympy():
    x = sympy.Symbol("x")
    expression = step_size.f(x)
    assert sympy.expand(step_size.f_prime(x) - sympy.diff(expression, x)) == 0
    assert sympy.expand(step_size.f_second(x) - sympy.diff(expression, x, 2)) == 0
    assert [step_size.f_second(m) for m in step_size.MINIMA] == [4, 10]
    assert step_size.f(1.0) == step_size.f(2.0) == 0.0
    np.testing.assert_allclose(np.polyval(F_COEFFS, [0.3, 1.7]), [step_size.f(0.3), step_size.f(1.7)])


@pytest.mark.parametrize("minimum", [1, 2])
def test_limits_are_two_over_curvature(minimum):
    limit = step_size.STEP_LIMITS[minimum]
    assert step_size.max_stable_step(step_size.f_second(minimum)) == pytest.approx(limit)
    assert step_size.largest_stable_step(step_size.f, minimum) == pytest.approx(limit, rel=1e-6)


@pytest.mark.parametrize("minimum", [1, 2])
def test_gd_near_each_minimum_just_below_and_above_its_limit(minimum):
    limit = step_size.STEP_LIMITS[minimum]
    offsets = np.concatenate([-np.geomspace(1e-4, 2e-2, 15), np.geomspace(1e-4, 2e-2, 15)])
    below = run_gd_on_f(minimum + offsets, 0.97 * limit)
    above = run_gd_on_f(minimum + offsets, 1.03 * limit)
    assert np.all(np.abs(below - minimum) < 1e-8)
    assert not np.any(np.abs(above - minimum) < 1e-3)
    assert minimum in step_size.reachable_minima(0.97 * limit)
    assert minimum not in step_size.reachable_minima(1.03 * limit)


@pytest.mark.parametrize("delta", [0.05, 0.15, 0.3, 0.45, 0.6])
def test_minima_reached_from_a_grid_of_starts(delta):
    final = run_gd_on_f(np.linspace(-0.5, 3.5, 800), delta, steps=4000)  # no start sits on a minimum
    reached = {m for m in step_size.MINIMA if np.any(np.abs(final - m) < 1e-8)}
    assert reached == step_size.reachable_minima(delta)


@pytest.mark.parametrize("minimum", [1, 2])
def test_gd_at_the_limit_converges_sub_linearly(minimum):
    """At delta = 2/f''(x*) the multiplier is -1: the error e_t alternates in sign, and twice-iterated
    GD is e -> e - c e^3 + ..., so 1/e_t^2 grows linearly (e_t ~ (2 c t)^(-1/2)). Seen here from both sides
    of x*: the slope of 1/e_t^2 is the same on t in [1000, 10000] and [10000, 40000] and for every start."""
    limit = step_size.STEP_LIMITS[minimum]
    x = minimum + np.concatenate([-np.geomspace(1e-3, 2e-2, 8), np.geomspace(1e-3, 2e-2, 8)])
    inverse_square = {}
    for t in range(1, 40001):
        previous = x - minimum
        x = x - limit * np.polyval(F_PRIME_COEFFS, x)
        if t in (1000, 10000, 40000):
            assert np.all(np.sign(x - minimum) == -np.sign(previous))
            inverse_square[t] = 1 / (x - minimum) ** 2
    slopes = np.concatenate([(inverse_square[10000] - inverse_square[1000]) / 9000,
                             (inverse_square[40000] - inverse_square[10000]) / 30000])
    assert np.all(slopes > 0)
    np.testing.assert_allclose(slopes, np.median(slopes), rtol=0.02)
    assert np.all(np.abs(x - minimum) < 2e-3)
    assert minimum in step_size.reachable_minima(limit)


def test_reachable_minima_at_the_limits():
    assert step_size.reachable_minima(0.2) == {1, 2}
    assert step_size.reachable_minima(0.5) == {1}
    assert step_size.reachable_minima(0.5 + 1e-9) == frozenset()
    with pytest.raises(ValueError):
        step_size.reachable_minima(0.0)


def run_gd_on_chain(w0, lam, delta, steps):
    """GD on 1/2 (w_L ... w_1 - lam)^2; returns the final weights (nan once they blow up)."""
    w = np.array(w0, dtype=float)
    for _ in range(steps):
        product = np.prod(w)
        w = w - delta * (product - lam) * product / w
        if not np.all(np.abs(w) < 1e3):
            return np.full_like(w, np.nan)
    return w


def test_deep_chain_bound_by_simulation():
    rng = np.random.default_rng(0)
    lam, w_star = 2.0, np.array([1.0, 1.6, 1.25])
    bound = step_size.deep_chain_step_bound(lam, w_star)
    assert bound == pytest.approx(2 / ((2 / 1.0) ** 2 + (2 / 1.6) ** 2 + (2 / 1.25) ** 2))
    for _ in range(10):
        start = w_star + 1e-3 * rng.standard_normal(3)
        converged = run_gd_on_chain(start, lam, 0.97 * bound, 4000)
        assert np.prod(converged) == pytest.approx(lam, abs=1e-9)
        assert np.linalg.norm(converged - w_star) < 1e-2
        escaped = run_gd_on_chain(start, lam, 1.03 * bound, 4000)
        assert not np.linalg.norm(escaped - w_star) < 1e-2  # nan (blown up) also counts as escaped


@pytest.mark.parametrize("layers", [2, 3, 4])
def test_rho_bound_is_the_flattest_minimum(layers):
    rng = np.random.default_rng(layers)
    delta = 0.1
    lam = step_size.rho_bound(layers, delta)
    balanced = np.full(layers, lam ** (1 / layers))
    assert step_size.deep_chain_step_bound(lam, balanced) == pytest.approx(delta)
    for _ in range(20):  # AM-GM: any other factorisation of lam is sharper
        w = np.exp(rng.normal(size=layers))
        w *= (lam / np.prod(w)) ** (1 / layers)
        assert step_size.deep_chain_step_bound(lam, w) <= delta * (1 + 1e-12)


@pytest.mark.parametrize("layers", [2, 3])
def test_rho_bound_by_simulation(layers):
    rng = np.random.default_rng(10 + layers)
    delta = 0.1
    rho = step_size.rho_bound(layers, delta)
    for _ in range(8):
        noise = 1e-2 * rng.standard_normal(layers)
        fit = run_gd_on_chain((0.95 * rho) ** (1 / layers) + noise, 0.95 * rho, delta, 6000)
        assert np.prod(fit) == pytest.approx(0.95 * rho, abs=1e-8)
        no_fit = run_gd_on_chain((1.05 * rho) ** (1 / layers) + noise, 1.05 * rho, delta, 6000)
        assert not abs(np.prod(no_fit) - 1.05 * rho) < 1e-4


def test_relu_bound_by_simulation():
    """v relu(w x) on x = 1: with the ReLU active this is the two-layer chain, so gains up to 1/delta."""
    rng = np.random.default_rng(1)
    delta = 0.2

    def run(lam, v, w, steps=5000):
        for _ in range(steps):
            hidden = max(w, 0.0)
            residual = v * hidden - lam
            v, w = v - delta * residual * hidden, w - delta * residual * v * (w > 0)
            if abs(v) > 1e3 or abs(w) > 1e3:
                return math.nan
        return v * max(w, 0.0)

    bound = step_size.relu_bound(delta)
    assert bound == pytest.approx(step_size.rho_bound(2, delta))
    for _ in range(8):
        v0, w0 = 1 + 0.05 * rng.standard_normal(2)
        assert run(0.95 * bound, math.sqrt(0.95 * bound) * v0, math.sqrt(0.95 * bound) * w0) == pytest.approx(
            0.95 * bound, abs=1e-8
        )
        assert not abs(run(1.05 * bound, math.sqrt(1.05 * bound) * v0, math.sqrt(1.05 * bound) * w0) - 1.05 * bound) < 1e-4


def test_sympy_and_numbers_agree():
    delta, lam = sympy.symbols("delta lam", positive=True)
    assert float(step_size.rho_bound(3, delta).subs(delta, 0.1)) == pytest.approx(step_size.rho_bound(3, 0.1))
    assert step_size.rho_bound(2, delta) == 1 / delta
    assert step_size.relu_bound(delta) == 1 / delta
    w = sympy.symbols("w1:4", positive=True)
    chain = step_size.deep_chain_step_bound(lam, w)
    values = {lam: 2.0, w[0]: 1.0, w[1]: 1.6, w[2]: 1.25}
    assert float(chain.subs(values)) == pytest.approx(step_size.deep_chain_step_bound(2.0, [1.0, 1.6, 1.25]))
    assert step_size.max_stable_step(sympy.Integer(10)) == sympy.Rational(1, 5)
