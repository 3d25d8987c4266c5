"""reference.momentum against the original z/w recursion on random least-squares problems,
numpy's eigenvalues, and a brute-force grid over eta."""
import math

import numpy as np
import pytest
import sympy

from reference import momentum

BETA = 0.1


def random_orthogonal(rng, size):
    q, r = np.linalg.qr(rng.standard_normal((size, size)))
    return q * np.sign(np.diag(r))


def problem_with_singular_values(rng, singular_values, n_rows):
    """X = U diag(s) V^T (n_rows x d) and a y that X cannot fit exactly."""
    d = len(singular_values)
    U = random_orthogonal(rng, n_rows)[:, :d]
    V = random_orthogonal(rng, d)
    X = U @ np.diag(singular_values) @ V.T
    return X, rng.standard_normal(n_rows), V


def run_original(X, y, eta, beta, w0, z0, steps):
    """The homework's recursion z <- (1 - beta) z + beta grad, w <- w - eta z on ||X w - y||^2."""
    w, z = np.array(w0, dtype=float), np.array(z0, dtype=float)
    ws, zs = [w], [z]
    for _ in range(steps):
        z = (1 - beta) * z + beta * 2 * X.T @ (X @ w - y)
        w = w - eta * z
        ws.append(w)
        zs.append(z)
    return np.array(ws), np.array(zs)


def test_svd_basis_recursion_matches_the_original():
    rng = np.random.default_rng(0)
    singular_values = np.array([2.0, 1.1, 0.4])
    X, y, V = problem_with_singular_values(rng, singular_values, n_rows=7)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    eta = 0.3
    ws, zs = run_original(X, y, eta, BETA, rng.standard_normal(3), rng.standard_normal(3), steps=30)
    xs, as_ = (ws - w_star) @ V, zs @ V
    for t in range(30):
        for i, s in enumerate(singular_values):
            a, x = as_[t, i], xs[t, i]
            assert momentum.next_a(a, x, eta, BETA, s**2) == pytest.approx(as_[t + 1, i], abs=1e-10)
            assert momentum.next_x(a, x, eta, BETA, s**2) == pytest.approx(xs[t + 1, i], abs=1e-10)
            state = momentum.momentum_matrix(eta, BETA, s**2) @ np.array([a, x])
            np.testing.assert_allclose(state, [as_[t + 1, i], xs[t + 1, i]], atol=1e-10)


@pytest.mark.parametrize("eta", [0.01, 0.3, 1.7, 3.9])
def test_matrix_determinant_and_eigenvalues(eta):
    sigma_sq = 5.0
    R = momentum.momentum_matrix(eta, BETA, sigma_sq)
    assert np.linalg.det(R) == pytest.approx(1 - BETA)
    ours = np.sort_complex(np.array(momentum.eigenvalues(eta, BETA, sigma_sq), dtype=complex))
    np.testing.assert_allclose(ours, np.sort_complex(np.linalg.eigvals(R)), atol=1e-12)


def regime_etas(sigma_sq):
    lo, hi = momentum.repeated_eta(BETA, sigma_sq)
    top = momentum.max_eta_real_stable(BETA, sigma_sq)
    return {
        "real_low": (0.5 * lo, "real"),
        "repeated_low": (lo, "repeated"),
        "complex": (math.sqrt(lo * hi), "complex"),
        "repeated_high": (hi, "repeated"),
        "real_high": ((hi + top) / 2, "real"),
    }


@pytest.mark.parametrize("case", ["real_low", "repeated_low", "complex", "repeated_high", "real_high"])
def test_each_regime_decays_at_the_spectral_radius(case):
    rng = np.random.default_rng(1)
    sigma_sq = 0.8
    eta, label = regime_etas(sigma_sq)[case]
    X, y, _ = problem_with_singular_values(rng, [math.sqrt(sigma_sq)], n_rows=3)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    ws, zs = run_original(X, y, eta, BETA, w_star + 1.0, np.zeros(1), steps=600)
    size = np.hypot(ws[:, 0] - w_star[0], zs[:, 0])
    observed = (size[600] / size[300]) ** (1 / 300)
    radius = momentum.spectral_radius(eta, BETA, [sigma_sq])
    # A repeated root leaves a factor t: (600/300)^(1/300) ~ 1.0023 on top of the radius.
    assert observed == pytest.approx(radius, rel=3e-3)
    assert momentum.regime(eta, BETA, sigma_sq) == label
    roots = np.linalg.eigvals(momentum.momentum_matrix(eta, BETA, sigma_sq))
    if label == "repeated":
        assert abs(roots[0] - roots[1]) < 1e-6
    else:
        assert (abs(roots[0].imag) > 1e-9) == (label == "complex")


def test_repeated_eigenvalue_is_plus_or_minus_sqrt_one_minus_beta():
    lo, hi = momentum.repeated_eta(BETA, 2.0)
    assert momentum.eigenvalues(lo, BETA, 2.0)[0] == pytest.approx(math.sqrt(1 - BETA))
    assert momentum.eigenvalues(hi, BETA, 2.0)[0] == pytest.approx(-math.sqrt(1 - BETA))
    assert momentum.max_eta_repeated(BETA, 2.0) == hi == momentum.max_eta_complex(BETA, 2.0)


@pytest.mark.parametrize("sigma_sq", [5.0, 0.05, 1.0])
def test_real_stability_limit_by_simulation(sigma_sq):
    rng = np.random.default_rng(2)
    top = momentum.max_eta_real_stable(BETA, sigma_sq)
    assert top == pytest.approx((2 - BETA) / (BETA * sigma_sq))
    X, y, _ = problem_with_singular_values(rng, [math.sqrt(sigma_sq)], n_rows=2)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    hi = momentum.repeated_eta(BETA, sigma_sq)[1]
    inside, outside = (hi + top) / 2, 1.02 * top  # the real regime above eta_hi, then past -1
    assert momentum.regime(inside, BETA, sigma_sq) == "real"
    for eta, converges in [(inside, True), (outside, False)]:
        ws, _ = run_original(X, y, eta, BETA, w_star + 1.0, np.zeros(1), steps=3000)
        error = abs(ws[-1, 0] - w_star[0])
        assert (error < 1e-3) == converges


def test_sets_partition_the_positive_axis():
    real = momentum.real_eta_set(BETA, 5)
    repeated = momentum.repeated_eta_set(BETA, 5)
    complex_ = momentum.complex_eta_set(BETA, 5)
    assert sympy.Union(real, repeated, complex_) == sympy.Interval.open(0, sympy.oo)
    for eta in [0.01, 0.2, 0.5, 1.0, 2.0, 3.5]:
        member = [float(eta) in s for s in (real, repeated, complex_)]
        label = momentum.regime(eta, BETA, 5.0)
        assert member == [label == "real", label == "repeated", label == "complex"]
    stable = momentum.real_stable_eta_set(BETA, 5)
    assert stable.sup == sympy.Rational(19, 5)  # (2 - 0.1)/(0.1 * 5)
    assert sympy.Rational(19, 5) not in stable


def worst_radius_on_grid(etas, sigma_sqs):
    worst = np.zeros_like(etas)
    for s in sigma_sqs:
        R = np.empty((len(etas), 2, 2))
        R[:, 0, 0], R[:, 0, 1] = 1 - BETA, 2 * BETA * s
        R[:, 1, 0], R[:, 1, 1] = -etas * (1 - BETA), 1 - 2 * etas * BETA * s
        worst = np.maximum(worst, np.abs(np.linalg.eigvals(R)).max(axis=1))
    return worst


def test_optimal_set_by_brute_force_grid():
    etas = np.linspace(0.001, 4.5, 45000)
    worst = worst_radius_on_grid(etas, [5.0, 0.05])
    minimisers = etas[worst <= worst.min() + 1e-10]
    lo, hi = momentum.optimal_eta_set(BETA, 5.0, 0.05)
    step = etas[1] - etas[0]
    assert lo == pytest.approx(minimisers.min(), abs=step) and lo == pytest.approx(0.2633, abs=1e-4)
    assert hi == pytest.approx(minimisers.max(), abs=step) and hi == pytest.approx(3.797, abs=1e-3)
    assert momentum.optimal_momentum_rate(BETA, 5.0, 0.05) == pytest.approx(worst.min(), abs=1e-12)
    assert worst.min() == pytest.approx(math.sqrt(0.9))
    middle = worst_radius_on_grid(etas, [5.0, 1.3, 0.2, 0.05])
    np.testing.assert_allclose(middle, worst)


def test_optimal_point_when_the_intervals_do_not_meet():
    # Condition number 5000 > ((1 + sqrt(0.9))/(1 - sqrt(0.9)))^2 ~ 1443: no common complex range.
    etas = np.linspace(3.7, 3.8, 50001)  # eta_hi(5) ~ 3.797 < crossing < (2 - beta)/(beta 5) = 3.8
    worst = worst_radius_on_grid(etas, [5.0, 0.001])
    lo, hi = momentum.optimal_eta_set(BETA, 5.0, 0.001)
    assert lo == hi == pytest.approx(etas[np.argmin(worst)], abs=2 * (etas[1] - etas[0]))
    assert momentum.optimal_momentum_rate(BETA, 5.0, 0.001) == pytest.approx(worst.min(), abs=1e-6)
    assert worst.min() > math.sqrt(0.9)


def settling_time(ratios, fraction=1e-3):
    outside = np.nonzero(ratios > fraction)[0]
    return int(outside[-1]) + 1


def test_iteration_counts_by_simulating_the_original_recursions():
    rng = np.random.default_rng(3)
    X, y, V = problem_with_singular_values(rng, [math.sqrt(5.0), math.sqrt(0.05)], n_rows=4)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]

    def loss_gap(ws):
        return np.sum((ws @ X.T - y) ** 2, axis=1) - np.sum((X @ w_star - y) ** 2)

    w0 = w_star + V[:, 0] + V[:, 1]  # the documented start: unit error along both directions
    ws, _ = run_original(X, y, 1.0, BETA, w0, np.zeros(2), steps=600)
    distance = np.linalg.norm(ws - w_star, axis=1)
    momentum_sim = (settling_time(distance / distance[0]), settling_time(loss_gap(ws) / loss_gap(ws)[:1]))
    readings = momentum.momentum_readings()
    assert (readings["simulated_distance"], readings["simulated_loss"]) == momentum_sim

    eta_gd = 1 / (5.0 + 0.05)
    ws_gd, _ = run_original(X, y, eta_gd, 1.0, w0, np.zeros(2), steps=1500)  # beta = 1 is plain GD
    distance_gd = np.linalg.norm(ws_gd - w_star, axis=1)
    gd_sim = (settling_time(distance_gd / distance_gd[0]), settling_time(loss_gap(ws_gd) / loss_gap(ws_gd)[:1]))
    gd = momentum.gd_readings()
    assert (gd["simulated_distance"], gd["simulated_loss"]) == gd_sim

    # Rate readings by hand: sqrt(0.9)^T <= 1e-3 first at T = 132 (bound 131.1), 0.9^T at T = 66;
    # GD's rate 4.95/5.05: bound 345.4 -> 346, loss 172.7 -> 173.
    assert momentum.iteration_counts_momentum() == {131, 132, 66, momentum_sim[0], momentum_sim[1]}
    assert momentum.iteration_counts_gd() == {345, 346, 173, *gd_sim}
    assert math.sqrt(0.9) ** 132 <= 1e-3 < math.sqrt(0.9) ** 131
    assert (4.95 / 5.05) ** 346 <= 1e-3 < (4.95 / 5.05) ** 345


def test_sympy_and_numbers_agree():
    eta, beta, s = sympy.symbols("eta beta sigma_sq", positive=True)
    values = {eta: 0.7, beta: 0.1, s: 5.0}
    lo, hi = momentum.repeated_eta(beta, s)
    for expression, number in [
        (lo, momentum.repeated_eta(0.1, 5.0)[0]),
        (hi, momentum.repeated_eta(0.1, 5.0)[1]),
        (momentum.max_eta_real_stable(beta, s), momentum.max_eta_real_stable(0.1, 5.0)),
        (momentum.eigenvalues(eta, beta, s)[0], momentum.eigenvalues(0.7, 0.1, 5.0)[0]),
        (momentum.spectral_radius(eta, beta, [s]), momentum.spectral_radius(0.7, 0.1, [5.0])),
    ]:
        assert complex(expression.subs(values)) == pytest.approx(complex(number), rel=1e-12)
    R = momentum.momentum_matrix(eta, beta, s)
    assert isinstance(R, sympy.MatrixBase)
    assert sympy.simplify(R.det() - (1 - beta)) == 0
    # The discriminant vanishes at both repeated etas; lambda = -1 is a root at the real limit.
    lam = sympy.Symbol("lam")
    poly = R.charpoly(lam).as_expr()
    for repeated in (lo, hi):
        assert sympy.simplify(sympy.discriminant(poly, lam).subs(eta, repeated)) == 0
    assert sympy.simplify(poly.subs({lam: -1, eta: momentum.max_eta_real_stable(beta, s)})) == 0
    b = sympy.Rational(1, 10)
    exact_lo, exact_hi = momentum.optimal_eta_set(b, 5, sympy.Rational(1, 20))
    assert float(exact_lo) == pytest.approx(0.26334039) and float(exact_hi) == pytest.approx(3.79736660)
    assert momentum.optimal_momentum_rate(b, 5, sympy.Rational(1, 20)) == sympy.sqrt(sympy.Rational(9, 10))
    assert momentum.regime(exact_hi, b, 5) == "repeated"


def test_readings_split_ceiling_and_strict_only_at_an_integer_bound():
    # 0.5^3 = 0.125 exactly: "within" holds at T = 3, "T > bound" asks for 4; the loss (0.25^T) bound is 1.5.
    readings = momentum.iteration_readings(0.5, 0.125)
    assert (readings["distance_ceil"], readings["distance_strict"]) == (3, 4)
    assert (readings["loss_ceil"], readings["loss_strict"], readings["loss_rounded"]) == (2, 2, 2)
    assert 0.5**3 <= 0.125 < 0.5**2 and 0.25**2 <= 0.125 < 0.25**1


def each_direction_settling(ws, w_star, V, fraction=1e-3):
    """First t after which the error along every singular direction is within ``fraction`` of its start."""
    along = np.abs((ws - w_star) @ V)
    return settling_time((along / along[0]).max(axis=1), fraction)


@pytest.mark.parametrize("eta, expected", [
    (0.30, {128, 129, 131, 132, 66, 67}),  # inside the optimal set: the HW2 Q2(g) example of issue 13
    (0.25, None),  # below the set: a slower rate, every reading re-derived below
    (3.79, None),  # just below eta_hi(5): complex roots in both directions
])
def test_readings_at_a_students_eta_by_simulating_the_original_recursion(eta, expected):
    """HW2 Q2(g) carried forward: the counts at any stable eta, against the z/w recursion on a random problem
    with singular values sqrt(5), sqrt(0.05) and the rate bound computed from numpy's eigenvalues."""
    rng = np.random.default_rng(4)
    X, y, V = problem_with_singular_values(rng, [math.sqrt(5.0), math.sqrt(0.05)], n_rows=5)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    w0 = w_star + V[:, 0] + V[:, 1]
    steps = 2000
    ws, _ = run_original(X, y, eta, BETA, w0, np.zeros(2), steps=steps)
    distance = np.linalg.norm(ws - w_star, axis=1)
    gap = np.sum((ws @ X.T - y) ** 2, axis=1) - np.sum((X @ w_star - y) ** 2)
    radius = max(np.abs(np.linalg.eigvals(momentum.momentum_matrix(eta, BETA, s))).max() for s in (5.0, 0.05))
    bound = math.log(1e-3) / math.log(radius)
    derived = {
        "distance_ceil": math.ceil(bound), "distance_strict": math.floor(bound) + 1, "distance_rounded": round(bound),
        "loss_ceil": math.ceil(bound / 2), "loss_strict": math.floor(bound / 2) + 1, "loss_rounded": round(bound / 2),
        "simulated_distance": settling_time(distance / distance[0]),
        "simulated_each_direction": each_direction_settling(ws, w_star, V),
        "simulated_loss": settling_time(gap / gap[0]),
    }
    assert momentum.momentum_readings_at(eta) == derived
    if expected is not None:
        assert momentum.iteration_counts_momentum_at(eta) == expected


@pytest.mark.parametrize("eta", [0.0, -0.1, 3.8, 3.801, 5.0])
def test_no_reading_where_momentum_does_not_converge(eta):
    """(0, (2 - beta)/(beta sigma_max^2)) = (0, 3.8) is the stable range: at 3.8 an eigenvalue is -1."""
    with pytest.raises(ValueError):
        momentum.momentum_readings_at(eta)


def test_readings_leave_out_a_simulation_past_the_step_cap():
    """At eta = 0.001 the rate bound is about 69,000 steps: only the rate readings are given."""
    readings = momentum.momentum_readings_at(0.001)
    assert 4 * readings["distance_ceil"] > momentum.MAX_SIMULATED_STEPS
    assert not any(name.startswith("simulated") for name in readings)
    rate = momentum.spectral_radius(0.001, BETA, [5.0, 0.05])
    assert readings["distance_ceil"] == math.ceil(math.log(1e-3) / math.log(rate))


# -- HW2 Q2(d)-(f): the stable eta of each regime, against eigenvalues of a step matrix built from the recursion
CONDITION_BETAS = (0.05, 0.1, 0.5, 0.9)
CONDITION_SIGMA_SQS = (0.05, 1.0, 5.0)
CONDITION_SETS = {"repeated": momentum.repeated_stable_eta_set, "real": momentum.real_stable_eta_set,
                  "complex": momentum.complex_stable_eta_set}


def step_matrix(eta, beta, sigma_sq):
    """R column by column: one step of the homework's z/w recursion on ||sqrt(sigma_sq) w||^2 (w* = 0, so x = w)
    from the unit states (z, x) = (1, 0) and (0, 1)."""
    X = np.array([[math.sqrt(sigma_sq)]])
    columns = []
    for z0, x0 in ((1.0, 0.0), (0.0, 1.0)):
        ws, zs = run_original(X, np.zeros(1), eta, beta, [x0], [z0], steps=1)
        columns.append([zs[1, 0], ws[1, 0]])
    return np.array(columns).T


def regime_and_stability(eta, beta, sigma_sq):
    """("real" | "complex", stable) read off numpy's eigenvalues of the step matrix (away from the ends)."""
    roots = np.linalg.eigvals(step_matrix(eta, beta, sigma_sq))
    return ("complex" if abs(roots[0].imag) > 1e-9 else "real"), bool(np.abs(roots).max() < 1)


def condition_ends(beta, sigma_sq):
    """eta_lo, eta_hi (discriminant tr^2 - 4 det = 0) and the root -1 (1 + tr + det = 0), solved here by hand:
    tr = 2 - beta - 2 eta beta sigma^2, det = 1 - beta."""
    s = math.sqrt(1 - beta)
    lo, hi = ((2 - beta - 2 * s) / (2 * beta * sigma_sq), (2 - beta + 2 * s) / (2 * beta * sigma_sq))
    return lo, hi, (4 - 2 * beta) / (2 * beta * sigma_sq)


def final_error(eta, beta, sigma_sq, steps=3000):
    X = np.array([[math.sqrt(sigma_sq)]])
    ws, _ = run_original(X, np.zeros(1), eta, beta, [1.0], [0.0], steps=steps)
    return abs(ws[-1, 0])


@pytest.mark.parametrize("beta", CONDITION_BETAS)
@pytest.mark.parametrize("sigma_sq", CONDITION_SIGMA_SQS)
def test_stable_sets_of_each_regime_on_both_sides_of_every_end(beta, sigma_sq):
    ends = condition_ends(beta, sigma_sq)
    assert 0 < ends[0] < ends[1] < ends[2]
    etas = [end * factor for end in ends for factor in (1 - 1e-3, 1 + 1e-3, 0.9, 1.1)]
    etas += [ends[0] / 2, math.sqrt(ends[0] * ends[1]), (ends[1] + ends[2]) / 2, 2 * ends[2]]
    for eta in etas:
        regime, stable = regime_and_stability(eta, beta, sigma_sq)
        found = {name: bool(sympy.Float(eta, 30) in make(beta, sigma_sq)) for name, make in CONDITION_SETS.items()}
        assert found == {"repeated": False, "real": regime == "real" and stable,
                         "complex": regime == "complex" and stable}, eta
        if regime == "complex":
            assert stable  # the modulus is sqrt(det R) = sqrt(1 - beta)


@pytest.mark.parametrize("beta", CONDITION_BETAS)
@pytest.mark.parametrize("sigma_sq", CONDITION_SIGMA_SQS)
def test_the_ends_themselves(beta, sigma_sq):
    """eta_lo and eta_hi: a double root, the recursion converges (Q2(d)), in neither open set of (e) and (f);
    (2 - beta)/(beta sigma^2): an eigenvalue -1, the error does not decay, so (e)'s upper end is open."""
    exact = sympy.Rational(str(beta)), sympy.Rational(str(sigma_sq))
    lo, hi = momentum.repeated_eta(*exact)
    top = momentum.max_eta_real_stable(*exact)
    assert [float(end) for end in (lo, hi, top)] == pytest.approx(condition_ends(beta, sigma_sq))
    sets = {name: make(*exact) for name, make in CONDITION_SETS.items()}
    assert [[end in sets[name] for end in (lo, hi, top)] for name in ("repeated", "real", "complex")] == [
        [True, True, False], [False, False, False], [False, False, False]]
    lo_f, hi_f, top_f = condition_ends(beta, sigma_sq)
    assert final_error(lo_f, beta, sigma_sq) < 1e-6 and final_error(hi_f, beta, sigma_sq) < 1e-6
    assert final_error(top_f, beta, sigma_sq) > 1e-2
    roots = np.linalg.eigvals(step_matrix(top_f, beta, sigma_sq))
    assert np.abs(roots).max() == pytest.approx(1.0, abs=1e-9)


def recursion_matrix(eta, beta, sigma_sq):
    """R from the homework's recursion itself (one direction, g = 2 sigma^2 x): its columns are one step from
    [a, x] = [1, 0] and [0, 1]."""
    def step(a, x):
        a = (1 - beta) * a + beta * 2 * sigma_sq * x
        return a, x - eta * a
    return np.array([step(1.0, 0.0), step(0.0, 1.0)]).T


CONDITIONAL_CASES = [(0.1, 5.0), (0.5, 0.3), (0.9, 2.0)]


@pytest.mark.parametrize("beta, sigma_sq", CONDITIONAL_CASES)
def test_conditional_readings_on_a_grid_of_eta(beta, sigma_sq):
    """HW2 Q2(d)-(f), the conditional reading, on a grid of eta from numpy's eigenvalues of the recursion: a
    repeated root tr/2 is in (-1, 1) exactly on Q2(d)'s set; real roots are stable exactly on Q2(e)'s; complex
    roots are stable at every eta (Q2(f)'s set is all eta > 0)."""
    repeated = momentum.repeated_root_stable_eta_set(beta, sigma_sq)
    real = momentum.real_roots_stable_eta_set(beta, sigma_sq)
    complex_ = momentum.complex_roots_stable_eta_set(beta, sigma_sq)
    seen = set()
    for eta in np.linspace(1e-3, 6 / (beta * sigma_sq), 4001):
        R = recursion_matrix(eta, beta, sigma_sq)
        roots = np.linalg.eigvals(R)
        radius = max(abs(roots))
        if abs(radius - 1) < 1e-6:
            continue  # on an end: graded by the tests of the ends
        assert (abs(np.trace(R) / 2) < 1) == (float(eta) in repeated)
        if abs(roots[0].imag) > 1e-9:
            seen.add("complex")
            assert radius < 1 and float(eta) in complex_
            assert radius == pytest.approx(math.sqrt(1 - beta))
        else:
            seen.add("real")
            assert (radius < 1) == (float(eta) in real)
    assert seen == {"real", "complex"}


@pytest.mark.parametrize("beta, sigma_sq", CONDITIONAL_CASES)
def test_conditional_ends(beta, sigma_sq):
    """The ends of the conditional sets, from sympy on the recursion's trace and the characteristic polynomial:
    tr/2 = -1 at the top of Q2(d)'s set, an eigenvalue -1 at the top of Q2(e)'s; both repeated points lie
    inside Q2(d)'s set and below Q2(e)'s top, so the conditional sets hold the regime sets."""
    eta, lam = sympy.symbols("eta lambda")
    b, s = sympy.Rational(str(beta)), sympy.Rational(str(sigma_sq))
    R = sympy.Matrix([[1 - b, 2 * b * s], [-eta * (1 - b), 1 - 2 * eta * b * s]])  # the recursion, by hand
    (top_d,) = sympy.solve(sympy.Eq(R.trace() / 2, -1), eta)
    assert momentum.repeated_root_stable_eta_set(b, s) == sympy.Interval.open(0, top_d)
    (top_e,) = sympy.solve(R.charpoly(lam).as_expr().subs(lam, -1), eta)
    assert momentum.real_roots_stable_eta_set(b, s) == sympy.Interval.open(0, top_e)
    lo, hi = momentum.repeated_eta(b, s)
    assert all(sympy.simplify(point - top_d) < 0 and sympy.simplify(point - top_e) < 0 for point in (lo, hi))
    assert momentum.complex_roots_stable_eta_set(b, s) == sympy.Interval.open(0, sympy.oo)
