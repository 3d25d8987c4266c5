"""reference.lecture7 against torch.optim, a block-matrix form of momentum, closed-form sums and sympy."""
import numpy as np
import pytest
import sympy
import torch

from reference import lecture7

ETA, BETA, BETA_2 = 0.05, 0.3, 0.1


def quadratic(seed, d=4):
    """L(w) = 1/2 w^T H w - b^T w with H positive definite (eigenvalues 1 to 6); returns (H, b, grad)."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    H = q @ np.diag(np.linspace(1.0, 6.0, d)) @ q.T
    b = rng.standard_normal(d)
    return H, b, lambda w: H @ w - b


def torch_iterates(optimizer_factory, H, b, w0, steps, learning_rates=None):
    """Iterates of a torch optimizer on the quadratic (float64); ``learning_rates`` sets the rate of each step."""
    p = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_factory([p])
    H_t, b_t = torch.tensor(H), torch.tensor(b)
    iterates = []
    for t in range(steps):
        if learning_rates is not None:
            optimizer.param_groups[0]["lr"] = learning_rates[t]
        optimizer.zero_grad()
        (0.5 * p @ H_t @ p - b_t @ p).backward()
        optimizer.step()
        iterates.append(p.detach().numpy().copy())
    return iterates


def run(step, w0, steps, *args):
    """The iterates w_1 .. w_steps of a one-step function (w, state, *args) -> (w, state) from state 0."""
    w, state, iterates = np.array(w0), np.zeros_like(w0), []
    for _ in range(steps):
        w, state = step(w, state, *args)
        iterates.append(w)
    return iterates


@pytest.mark.parametrize("beta", [0.05, 0.3, 0.9])
def test_the_recursion_7_7_unrolls_to_the_notes_sum_7_6(beta):
    """The notes' (7.6), a_{t+1} = sum_{tau <= t} u(tau) beta (1 - beta)^(t - tau), is what the recursion (7.7)
    gives from a_0 = 0; the moving sum v of the sum form is (7.6) without its factor beta (a_t = beta v_t)."""
    gradients = np.random.default_rng(3).standard_normal((25, 4))
    a = v = np.zeros(4)
    rho, _ = lecture7.sum_form_parameters(ETA, beta)
    for t in range(len(gradients)):
        a = lecture7.momentum_average(a, gradients[t], beta)
        v = rho * v + gradients[t]
        notes_sum = sum(gradients[tau] * beta * (1 - beta) ** (t - tau) for tau in range(t + 1))
        np.testing.assert_allclose(a, notes_sum, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(beta * v, notes_sum, rtol=1e-12, atol=1e-14)


def test_average_form_is_the_block_matrix_recurrence():
    """(7.7) on the quadratic is linear: [a; w]_{t+1} = M [a; w]_t + c with
    M = [[(1 - beta) I, beta H], [-eta (1 - beta) I, I - eta beta H]] and c = [-beta b; eta beta b]."""
    H, b, grad = quadratic(0)
    d = len(b)
    I = np.eye(d)
    M = np.block([[(1 - BETA) * I, BETA * H], [-ETA * (1 - BETA) * I, I - ETA * BETA * H]])
    c = np.concatenate([-BETA * b, ETA * BETA * b])
    w0 = np.ones(d)
    state = np.concatenate([np.zeros(d), w0])
    for w in run(lecture7.momentum_step, w0, 30, grad, ETA, BETA):
        state = M @ state + c
        np.testing.assert_allclose(w, state[d:], rtol=1e-12, atol=1e-12)


def test_sum_form_is_torch_sgd_momentum():
    """The moving-sum form is torch's SGD with momentum rho and no dampening: buf = rho buf + g, p -= lr buf."""
    H, b, grad = quadratic(1)
    w0 = np.linspace(-1, 1, len(b))
    rho, alpha = 0.7, 0.02
    ours = run(lecture7.sum_form_step, w0, 40, grad, alpha, rho)
    theirs = torch_iterates(lambda params: torch.optim.SGD(params, lr=alpha, momentum=rho), H, b, w0, 40)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("eta, beta", [(0.05, 0.3), (0.1, 0.9), (0.01, 0.05)])
def test_the_two_forms_agree_with_the_rescaled_learning_rate(eta, beta):
    """(7.7) with (eta, beta) and the moving-sum form with rho = 1 - beta, alpha = eta beta give the same iterates;
    the unscaled alpha = eta does not."""
    H, b, grad = quadratic(2)
    w0 = np.ones(len(b))
    rho, alpha = lecture7.sum_form_parameters(eta, beta)
    assert (rho, alpha) == pytest.approx((1 - beta, eta * beta))
    average = run(lecture7.momentum_step, w0, 50, grad, eta, beta)
    np.testing.assert_allclose(run(lecture7.sum_form_step, w0, 50, grad, alpha, rho), average, rtol=1e-10)
    unscaled = run(lecture7.sum_form_step, w0, 50, grad, eta, rho)
    assert not np.allclose(unscaled[0], average[0])


def test_sum_form_parameters_symbolically():
    """a_t = beta v_t by induction: (1 - beta) beta v_t + beta g_t = beta (rho v_t + g_t) exactly when rho = 1 - beta."""
    eta, beta, v, g = sympy.symbols("eta beta v g", positive=True)
    rho, alpha = lecture7.sum_form_parameters(eta, beta)
    assert sympy.expand(lecture7.momentum_average(beta * v, g, beta) - beta * (rho * v + g)) == 0
    assert sympy.simplify(eta * beta * v - alpha * v) == 0


def test_adam_style_step_is_torch_adam_without_bias_correction():
    """torch's Adam with betas (1 - beta, 1 - beta_2) and eps = 0 divides by the bias corrections
    (1 - beta1^t) and sqrt(1 - beta2^t); a step-t rate eta (1 - beta1^t) / sqrt(1 - beta2^t) undoes them."""
    H, b, grad = quadratic(3)
    w0 = np.linspace(1, 2, len(b))
    beta1, beta2 = 1 - BETA, 1 - BETA_2
    steps = 25
    rates = [ETA * (1 - beta1**t) / np.sqrt(1 - beta2**t) for t in range(1, steps + 1)]
    theirs = torch_iterates(lambda params: torch.optim.Adam(params, lr=ETA, betas=(beta1, beta2), eps=0.0),
                                  H, b, w0, steps, rates)
    w, a, v = np.array(w0), np.zeros_like(w0), np.zeros_like(w0)
    for expected in theirs:
        w, a, v = lecture7.adam_style_step(w, a, v, grad(w), ETA, BETA, BETA_2, epsilon=0.0)
        np.testing.assert_allclose(w, expected, rtol=1e-10)


def test_second_moment_is_the_weighted_average_of_squared_gradients():
    """Unrolled from v_0 = 0: v_t = sum_k beta_2 (1 - beta_2)^(t - 1 - k) g_k^2 >= 0."""
    g = np.random.default_rng(4).standard_normal((12, 3))
    v = np.zeros(3)
    for t in range(1, 13):
        v = lecture7.second_moment(v, g[t - 1], BETA_2)
        weights = BETA_2 * (1 - BETA_2) ** np.arange(t - 1, -1, -1)
        np.testing.assert_allclose(v, weights @ g[:t] ** 2, rtol=1e-12)
    assert np.all(v > 0)


def test_printed_second_moment_goes_negative_and_the_step_is_nan():
    """The printed (7.8): from v_0 = 0 the first nonzero gradient makes v = -beta_2 g^2 < 0, so sqrt(v) is NaN."""
    g = np.array([0.5, -2.0])
    v = lecture7.printed_second_moment(np.zeros(2), g, BETA_2)
    np.testing.assert_allclose(v, -BETA_2 * g**2)
    with np.errstate(invalid="ignore"):
        assert np.all(np.isnan(np.sqrt(v)))
    right = lecture7.second_moment(np.zeros(2), g, BETA_2)
    np.testing.assert_allclose(right, BETA_2 * g**2)


def test_nesterov_is_torch_sgd_nesterov():
    """Sutskever's form v <- mu v - eps grad(w + mu v), w <- w + v is (7.7) with the look-ahead gradient for
    mu = 1 - beta, eps = eta beta, v = -eta a. torch's nesterov=True keeps p = w + mu v (the look-ahead point) and
    buf = -v/eps, so after each step w = p + mu eps buf."""
    H, b, grad = quadratic(5)
    w0 = np.linspace(-2, 1, len(b))
    mu, eps = 1 - BETA, ETA * BETA
    p = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=eps, momentum=mu, nesterov=True)
    H_t, b_t = torch.tensor(H), torch.tensor(b)
    for steps in range(1, 31):
        optimizer.zero_grad()
        (0.5 * p @ H_t @ p - b_t @ p).backward()
        optimizer.step()
        buffer = optimizer.state[p]["momentum_buffer"].numpy()
        w_torch = p.detach().numpy() + mu * eps * buffer
        np.testing.assert_allclose(lecture7.nesterov_momentum(grad, w0, ETA, BETA, steps), w_torch, rtol=1e-10)


def test_lookahead_point_is_where_the_momentum_part_of_the_step_lands():
    """w_{t+1} = w_t - eta (1 - beta) a_t - eta beta g_t: the first two terms are known before g_t."""
    w, a, eta, beta, g = sympy.symbols("w a eta beta g", real=True)
    next_w = w - eta * lecture7.momentum_average(a, g, beta)
    assert sympy.expand(next_w.subs(g, 0) - lecture7.lookahead_point(w, a, eta, beta)) == 0


def test_nesterov_differs_from_plain_momentum():
    H, b, grad = quadratic(6)
    w0 = np.ones(len(b))
    plain = run(lecture7.momentum_step, w0, 5, grad, ETA, BETA)[-1]
    assert not np.allclose(lecture7.nesterov_momentum(grad, w0, ETA, BETA, 5), plain)
    np.testing.assert_allclose(lecture7.nesterov_momentum(grad, w0, ETA, BETA, 1),
                               run(lecture7.momentum_step, w0, 1, grad, ETA, BETA)[-1])


@pytest.mark.parametrize("beta", [0.01, 0.1, 0.5, 0.9])
def test_mean_gradient_age_by_an_impulse(beta):
    """(7.6)'s memory, by simulation: one unit gradient g_0 and zeros after it leave the weight a_{k+1} of a
    gradient k steps back; the mean age sum_k k a_{k+1} matches (1 - beta)/beta, and grows as beta falls to 0."""
    a, weights = lecture7.momentum_average(0.0, 1.0, beta), []
    for _ in range(20000):
        weights.append(a)
        a = lecture7.momentum_average(a, 0.0, beta)
    weights = np.array(weights)
    assert weights.sum() == pytest.approx(1.0, abs=1e-9)
    assert np.arange(len(weights)) @ weights == pytest.approx(lecture7.mean_gradient_age(beta), rel=1e-6)
    assert lecture7.mean_gradient_age(beta / 2) > lecture7.mean_gradient_age(beta)
