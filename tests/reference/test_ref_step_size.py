"""reference.step_size against GD run on Nar & Sastry's f, on deep scalar chains and on a scalar
two-layer ReLU network, from many starting points."""
import math

import numpy as np
import pytest
import sympy
import torch

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


def random_chain_minimum(rng, layers):
    """A minimum of the chain for some lam: any weights are a minimum of the chain fitting their product;
    signs random, magnitudes from 0.4 to 2.5 so that the minima are unbalanced."""
    return rng.choice([-1.0, 1.0], layers) * np.exp(rng.uniform(np.log(0.4), np.log(2.5), layers))


def chain_gradient(w, lam):
    """The gradient of 1/2 (prod w - lam)^2, by hand: (prod w - lam) prod_{j != i} w_j."""
    return np.array([(np.prod(w) - lam) * np.prod(np.delete(w, i)) for i in range(len(w))])


def chain_hessian(w_star, h=1e-5):
    """The Hessian of 1/2 (prod w - prod w*)^2 at w* by central differences of the hand-written gradient."""
    lam = np.prod(w_star)
    basis = np.eye(len(w_star))
    return np.array([(chain_gradient(w_star + h * e, lam) - chain_gradient(w_star - h * e, lam)) / (2 * h) for e in basis])


@pytest.mark.parametrize("layers", [2, 3, 4, 6])
def test_chain_minimum_bound_is_two_over_the_top_hessian_eigenvalue(layers):
    rng = np.random.default_rng(20 + layers)
    for _ in range(10):
        w_star = random_chain_minimum(rng, layers)
        top = np.max(np.linalg.eigvalsh(chain_hessian(w_star)))
        assert step_size.chain_minimum_step_bound(w_star) == pytest.approx(2 / top, rel=1e-6)
        assert step_size.chain_minimum_step_bound(w_star) == pytest.approx(
            step_size.deep_chain_step_bound(np.prod(w_star), w_star))


@pytest.mark.parametrize("layers", [2, 4, 5])
def test_chain_minimum_bound_by_simulation(layers):
    """From near a random minimum, GD just below the bound settles on the minimum; just above it escapes."""
    rng = np.random.default_rng(30 + layers)
    for _ in range(5):
        w_star = random_chain_minimum(rng, layers)
        lam, bound = np.prod(w_star), step_size.chain_minimum_step_bound(w_star)
        start = w_star + 1e-4 * rng.standard_normal(layers)
        converged = run_gd_on_chain(start, lam, 0.97 * bound, 4000)
        assert np.prod(converged) == pytest.approx(lam, abs=1e-9)
        assert np.linalg.norm(converged - w_star) < 1e-2
        escaped = run_gd_on_chain(start, lam, 1.03 * bound, 4000)
        assert not np.linalg.norm(escaped - w_star) < 1e-2


@pytest.mark.parametrize("layers", [2, 3, 4, 5])
@pytest.mark.parametrize("lam", [0.5, 1.5, 3.0])
def test_identity_initialisation_bound_is_tight(layers, lam):
    """Where the paper's tightness holds (lam >= 0.5 for these L): GD from w = (1, ..., 1) fits lam just below
    2/(L lam^(2 - 2/L)) and does not fit it just above."""
    bound = step_size.identity_init_step_bound(layers, lam)
    below = run_gd_on_chain(np.ones(layers), lam, 0.98 * bound, 20000)
    assert np.prod(below) == pytest.approx(lam, abs=1e-9)
    np.testing.assert_allclose(below, lam ** (1 / layers), rtol=1e-9)  # balanced all the way
    above = run_gd_on_chain(np.ones(layers), lam, 1.02 * bound, 20000)
    assert not abs(np.prod(above) - lam) < 1e-4  # a period-2 oscillation around lam, or nan


@pytest.mark.parametrize("layers, lam, fraction", [(2, 0.25, 0.67), (3, 0.25, 0.32), (2, 0.2, 0.5)])
def test_identity_initialisation_bound_is_not_the_largest_converging_step_for_small_lambda(layers, lam, fraction):
    """For small lam the start w = 1 is sharper than the balanced minimum (its curvature L + (1 - lam)-terms against
    L lam^(2 - 2/L)): GD from it diverges, or never fits lam, well below the bound, so the question asks for the
    bound at the minimum, not for the largest step that converges."""
    bound = step_size.identity_init_step_bound(layers, lam)
    assert not abs(np.prod(run_gd_on_chain(np.ones(layers), lam, fraction * bound, 20000)) - lam) < 1e-4
    assert np.prod(run_gd_on_chain(np.ones(layers), lam, 0.2 * bound, 20000)) == pytest.approx(lam, abs=1e-9)


def test_identity_initialisation_bound_is_the_balanced_minimum_and_the_rho_bound():
    L, lam, delta = sympy.symbols("L lam delta", positive=True)
    balanced = [sympy.Rational(3, 2) ** sympy.Rational(1, 4)] * 4
    assert sympy.simplify(step_size.identity_init_step_bound(4, sympy.Rational(3, 2))
                          - step_size.chain_minimum_step_bound(balanced)) == 0
    # Solving delta = bound(lam) for lam gives rho_bound(L, delta).
    assert sympy.simplify(step_size.identity_init_step_bound(3, step_size.rho_bound(3, delta)) - delta) == 0
    assert step_size.identity_init_step_bound(2, lam) == 1 / lam


def relu_network(rng, d=3, hidden=6, outputs=2, samples=4):
    """A two-layer ReLU network f(x) = V relu(W x) and sample inputs with every pre-activation away from 0."""
    while True:
        W, V = rng.standard_normal((hidden, d)), rng.standard_normal((outputs, hidden))
        X = rng.standard_normal((samples, d))
        if np.min(np.abs(X @ W.T)) > 0.05:
            return W, V, X


def relu_loss_hessian(W, V, X):
    """The Hessian in (W, V) of 1/2 sum_i ||f(x_i) - y_i||^2 with y_i = f(x_i) (a minimum), by torch autograd."""
    X_t = torch.tensor(X)
    targets = torch.relu(X_t @ torch.tensor(W).T) @ torch.tensor(V).T
    shapes = (W.shape, V.shape)

    def loss(flat):
        W_t, V_t = flat[:W.size].reshape(shapes[0]), flat[W.size:].reshape(shapes[1])
        return 0.5 * torch.sum((torch.relu(X_t @ W_t.T) @ V_t.T - targets) ** 2)

    flat = torch.tensor(np.concatenate([W.ravel(), V.ravel()]))
    return torch.autograd.functional.hessian(loss, flat).numpy()


def relu_outputs(W, V, X):
    return np.maximum(X @ W.T, 0) @ V.T


def test_relu_bound_is_necessary_at_random_minima():
    """2/s_max (the largest step that can converge to the minimum) never exceeds 1/max_i ||x_i|| ||f(x_i)||."""
    rng = np.random.default_rng(40)
    for _ in range(20):
        W, V, X = relu_network(rng)
        top = np.max(np.linalg.eigvalsh(relu_loss_hessian(W, V, X)))
        assert 2 / top <= step_size.relu_step_bound(X, relu_outputs(W, V, X)) * (1 + 1e-9)


def test_relu_bound_is_attained_by_the_balanced_scalar_network():
    """Scalar input x = 1, one unit, v = w = sqrt(lam): the Hessian's top eigenvalue is v^2 + w^2 = 2 lam."""
    lam = 2.5
    W, V, X = np.array([[np.sqrt(lam)]]), np.array([[np.sqrt(lam)]]), np.array([[1.0]])
    top = np.max(np.linalg.eigvalsh(relu_loss_hessian(W, V, X)))
    assert 2 / top == pytest.approx(step_size.relu_step_bound(X, relu_outputs(W, V, X)))
    assert step_size.relu_step_bound(X, relu_outputs(W, V, X)) == pytest.approx(1 / lam)


def run_gd_on_relu(W, V, X, targets, delta, steps):
    """GD on 1/2 sum_i ||V relu(W x_i) - y_i||^2 (hand-written gradients): the final (W, V), None once it blows up."""
    for _ in range(steps):
        pre = X @ W.T
        hidden = np.maximum(pre, 0)
        residual = hidden @ V.T - targets
        grad_V = residual.T @ hidden
        grad_W = ((residual @ V) * (pre > 0)).T @ X
        W, V = W - delta * grad_W, V - delta * grad_V
        if not (np.all(np.abs(W) < 1e3) and np.all(np.abs(V) < 1e3)):
            return None
    return W, V


def distance(weights, minimum):
    return np.inf if weights is None else max(np.max(np.abs(a - b)) for a, b in zip(weights, minimum))


def test_relu_bound_is_not_sufficient():
    """Rescaling (W, V) to (W/c, c V) keeps f, and so the bound, but sharpens the minimum: with a step that meets
    the bound, GD from near the rescaled minimum does not converge, while from near the original it does."""
    rng = np.random.default_rng(41)
    W, V, X = relu_network(rng)
    targets = relu_outputs(W, V, X)
    bound = step_size.relu_step_bound(X, targets)
    sharpness = np.max(np.linalg.eigvalsh(relu_loss_hessian(W, V, X)))
    delta = 0.9 * min(2 / sharpness, bound)
    noise_W, noise_V = 1e-4 * rng.standard_normal(W.shape), 1e-4 * rng.standard_normal(V.shape)
    settled = run_gd_on_relu(W + noise_W, V + noise_V, X, targets, delta, 20000)
    assert distance(settled, (W, V)) < 1e-2
    np.testing.assert_allclose(relu_outputs(*settled, X), targets, atol=1e-9)
    c = 4.0
    rescaled = (W / c, c * V)
    assert step_size.relu_step_bound(X, relu_outputs(*rescaled, X)) == pytest.approx(bound)
    assert 2 / np.max(np.linalg.eigvalsh(relu_loss_hessian(*rescaled, X))) < delta <= bound
    escaped = run_gd_on_relu(rescaled[0] + noise_W / c, rescaled[1] + c * noise_V, X, targets, delta, 20000)
    assert distance(escaped, rescaled) > 1e-2


@pytest.mark.parametrize("layers", [2, 3])
def test_the_chain_has_no_global_lipschitz_constant(layers):
    """Nar & Sastry q3.g (no): the top eigenvalue of the Hessian (central differences of the gradient) along
    w = c (1, ..., 1) grows without bound, like c^(2L - 2)."""
    lam, tops = 1.0, []
    for c in (2.0, 4.0, 8.0, 16.0):
        w, h = c * np.ones(layers), 1e-6 * c
        hessian = np.array([(chain_gradient(w + h * e, lam) - chain_gradient(w - h * e, lam)) / (2 * h)
                            for e in np.eye(layers)])
        tops.append(np.max(np.linalg.eigvalsh((hessian + hessian.T) / 2)))
    assert all(later > 2 ** (2 * layers - 2) * 0.9 * earlier for earlier, later in zip(tops, tops[1:]))


def test_the_step_size_bounds_the_gain_only_for_deep_chains():
    """Nar & Sastry q3.h (yes): for least squares (L = 1) the step bound at the fit 2/x^2 (x = 1) is the same for
    every gain; for L >= 2 the bound at the flattest minimum falls as the gain grows, so a step delta caps it."""
    gains = [0.5, 2.0, 8.0, 32.0]
    assert [step_size.chain_minimum_step_bound([gain]) for gain in gains] == pytest.approx([2.0] * 4)
    for layers in (2, 3, 4):
        bounds = [step_size.chain_minimum_step_bound([gain ** (1 / layers)] * layers) for gain in gains]
        assert all(later < earlier for earlier, later in zip(bounds, bounds[1:]))
        delta = 0.1
        assert step_size.chain_minimum_step_bound([step_size.rho_bound(layers, delta) ** (1 / layers)] * layers) \
            == pytest.approx(delta)


def test_disproportionate_minima_need_a_small_step():
    """Nar & Sastry q3.i (yes): at the two-layer minimum (c, lam/c), the top Hessian eigenvalue (central
    differences) is c^2 + lam^2/c^2, so the step bound is largest when balanced and tends to 0 either way."""
    lam = 2.0
    bounds = {}
    for c in (1e-2, 0.1, math.sqrt(lam), 10.0, 100.0):
        top = np.max(np.linalg.eigvalsh(chain_hessian(np.array([c, lam / c]))))
        bounds[c] = 2 / top
        assert step_size.chain_minimum_step_bound([c, lam / c]) == pytest.approx(bounds[c], rel=1e-5)
    assert max(bounds, key=bounds.get) == math.sqrt(lam)
    assert bounds[1e-2] < 1e-3 and bounds[100.0] < 1e-3
