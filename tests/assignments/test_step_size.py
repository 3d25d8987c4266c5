"""The step-size problem set: the autograder grades its own reference and known-wrong submissions as
declared, and the hidden suites' own inputs are what they claim to be."""
import importlib.util

import numpy as np
import pytest

from autograder.assignment import load_assignment
from autograder.checks import rel_error
from autograder.grading.tomlread import load_toml
from autograder.tools.validate import validate_assignment
from reference import lecture7, min_norm, step_size

STEP_SIZE = load_assignment("step_size")


def hidden_suite(name):
    path = STEP_SIZE.suites / "hidden" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"step_size_hidden_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GD_SUITE = hidden_suite("test_gd_least_squares")
STEP_SUITE = hidden_suite("test_largest_stable_step")
CHAIN_SUITE = hidden_suite("test_largest_stable_step_chain")
NESTEROV_SUITE = hidden_suite("test_nesterov_momentum")
# f''(x*) by hand: (x-a)^2 (1 + (x-a)^2) + 5 -> 2; log cosh(3u) -> 9 sech^2(0) = 9; e^{2x} - 2x -> 4 e^0 = 4;
# 0.01 u^2 + u^6 -> 0.02; 50 u^2 + 3 u^3 -> 100 at u = 0.
HAND_CURVATURES = {"offset_quartic": 2.0, "log_cosh": 9.0, "exp_minus_linear": 4.0, "flat_sextic": 0.02,
                   "sharp_cubic": 100.0}


def test_validate_step_size():
    report = validate_assignment(STEP_SIZE)
    assert report.ok, report.text


@pytest.mark.parametrize("function, x_star", STEP_SUITE.HIDDEN_MINIMA, ids=lambda v: getattr(v, "__name__", str(v)))
def test_hidden_functions_have_their_minimum_at_x_star(function, x_star):
    h = 1e-5
    assert abs(function(x_star + h) - function(x_star - h)) / (2 * h) < 1e-6  # f'(x*) = 0
    assert min(function(x_star + 0.05), function(x_star - 0.05)) > function(x_star)
    oracle = step_size.largest_stable_step(function, x_star)
    assert oracle == pytest.approx(2 / HAND_CURVATURES[function.__name__], rel=1e-6)


def test_hidden_functions_travel_as_source():
    """The probe carries every function the suite asks the student process for."""
    for function in STEP_SUITE.FUNCTIONS:
        assert f"def {function.__name__}(x):" in STEP_SUITE.PROBE


@pytest.mark.parametrize("problem", GD_SUITE.PROBLEMS, ids=lambda p: f"{p[1]}x{p[2]}")
def test_hidden_problems_are_wide_and_the_step_count_suffices(problem):
    seed, n, d, singular_values = problem
    X, y = GD_SUITE.wide_problem(*problem)
    assert X.shape == (n, d) and n < d
    np.testing.assert_allclose(np.linalg.svd(X, compute_uv=False), sorted(singular_values, reverse=True))
    eta = 0.5 / max(singular_values) ** 2
    expected = np.linalg.pinv(X) @ y
    np.testing.assert_allclose(min_norm.gd_least_squares(X, y, eta, GD_SUITE.LIMIT_STEPS), expected, atol=1e-10)
    # Without the factor 2 GD still reaches the limit in time: that mistake is caught by the iterates only.
    np.testing.assert_allclose(GD_SUITE.half_gradient(X, y, eta, GD_SUITE.LIMIT_STEPS), expected, atol=1e-10)


@pytest.mark.parametrize("answer, status", [
    ("X^T (X X^T)^{-1} y", "correct"),
    ("X^T ((X X^T)^{-1} y)", "correct"),
    ("w = Xᵀ(XXᵀ)⁻¹y", "correct"),
    ("(X^T X)^{-1} X^T y", "wrong"),
    ("X^T y", "wrong"),
    ("(X X^T)^{-1} y", "wrong"),
    ("X^T (X X^T)^{-1} y^T", "invalid"),
    # The pseudo-inverse: for this wide X of full row rank, pinv(X) = X^T (X X^T)^{-1}.
    ("pinv(X) y", "correct"),
    ("w = X^+ y", "correct"),
    ("X⁺y", "correct"),
    ("X^\\dagger y", "correct"),
    ("X^{+} y", "correct"),
    ("pinv(X)", "wrong"),
    ("pinv(X^T) y", "invalid"),
    ("y^T pinv(X)^T", "wrong"),
])
def test_min_norm_answer_forms(answer, status):
    """Regrouping the product is still right (X stays wide in every draw); the overdetermined formula is wrong."""
    assert STEP_SIZE.question("q1.min_norm").kind.check(answer).status == status


def test_starter_template_documents_every_key():
    template = load_toml(STEP_SIZE.starter / "answers.toml")
    keys = {f"{table}.{key}" for table, values in template.items() for key in values}
    assert keys == {question.key for question in STEP_SIZE.questions}
    assert all(value == "" for values in template.values() for value in values.values())


def test_chain_suite_minima_are_unbalanced_and_every_known_variant_differs():
    minima = CHAIN_SUITE.random_minima()
    assert sorted({len(w) for w in minima}) == list(CHAIN_SUITE.LAYER_COUNTS)
    for weights in (*minima, *CHAIN_SUITE.SIMULATION_MINIMA):
        w = np.array(weights)
        assert np.max(np.abs(w)) / np.min(np.abs(w)) > 1.1  # not balanced: the balanced formula is wrong here
        right = step_size.chain_minimum_step_bound(w)
        for variant in CHAIN_SUITE.KNOWN_VARIANTS.values():
            assert abs(variant(w) - right) / right > 100 * CHAIN_SUITE.TOLERANCE


@pytest.mark.parametrize("weights", CHAIN_SUITE.SIMULATION_MINIMA)
def test_chain_suite_simulation_agrees_with_the_oracle(weights):
    """The suite's GD settles on each minimum at 0.97 x the oracle's bound and not at 1.03 x; with the balanced
    formula (a known mistake), it does not settle even at 0.97 x."""
    bound = step_size.chain_minimum_step_bound(np.array(weights))
    assert CHAIN_SUITE.settles_on(weights, CHAIN_SUITE.BELOW * bound, 0)
    assert not CHAIN_SUITE.settles_on(weights, CHAIN_SUITE.ABOVE * bound, 0)
    balanced = step_size.identity_init_step_bound(len(weights), abs(np.prod(weights)))
    assert not CHAIN_SUITE.settles_on(weights, CHAIN_SUITE.BELOW * balanced, 0)


def test_nesterov_suite_quadratic_and_variants():
    H, b, w0 = NESTEROV_SUITE.hidden_quadratic()
    np.testing.assert_allclose(np.linalg.eigvalsh(H), np.linspace(1.0, 8.0, len(b)), atol=1e-12)

    def grad(w):
        return H @ w - b

    for eta, beta in NESTEROV_SUITE.SETTINGS:
        for steps in NESTEROV_SUITE.STEP_COUNTS:
            right = lecture7.nesterov_momentum(grad, w0, eta, beta, steps)
            assert np.all(np.isfinite(right)) and np.max(np.abs(right)) < 1e3
            for label, variant in NESTEROV_SUITE.KNOWN_VARIANTS.items():
                # At one step a = 0, so every look-ahead is w_0: the variants differ from step 2 on.
                if steps > 1:
                    assert rel_error(variant(grad, w0, eta, beta, steps), right) > 1e-5, label


def test_public_hand_values_match_the_oracles():
    assert step_size.chain_minimum_step_bound([2.0, 1.0]) == pytest.approx(0.4)
    assert lecture7.nesterov_momentum(lambda w: 2 * w, np.array([1.0]), 0.1, 0.5, 2) == pytest.approx([0.765])


def test_printed_adam_update_is_named_in_the_feedback():
    outcome = STEP_SIZE.question("q4.d_adam_second_moment").kind.check("(1 - β₂) v_t - β₂ g_t^2")
    assert (outcome.status, outcome.note) == ("wrong", "wrong.printed_sign_error")
    assert "(7.8) as printed" in outcome.message and "sign error" in outcome.message and "NaN" in outcome.message


@pytest.mark.parametrize("answer, status", [
    ("necessary", "correct"), ("Necessary but not sufficient", "correct"), ("sufficient", "wrong"),
    ("both", "wrong"), ("if and only if", "wrong"), ("neither", "wrong"), ("maybe", "invalid")])
def test_relu_vector_condition_says_necessary_not_sufficient(answer, status):
    outcome = STEP_SIZE.question("q3.f_relu_vector_condition").kind.check(answer)
    assert outcome.status == status
    if status != "invalid":
        assert "necessary" in outcome.message.lower() and "not sufficient" in outcome.message


@pytest.mark.parametrize("key, answer, status", [
    ("q3.d_identity_init_step", "delta < 2/(L λ^((2L - 2)/L))", "correct"),
    ("q3.d_identity_init_step", "2/(L*lambda^2)", "wrong"),
    ("q3.e_relu_vector_bound", "M <= 1/δ", "correct"),
    ("q3.e_relu_vector_bound", "1/(2*delta)", "wrong"),
    ("q4.a_momentum_average", "a_{t+1} = (1 - β) a + β g", "correct"),
    ("q4.a_momentum_average", "(1 - beta) a_t + g_t", "wrong"),
    ("q4.b_sum_form_momentum", "rho = 1 - β", "correct"),
    ("q4.c_sum_form_learning_rate", "α = η β", "correct"),
    ("q4.c_sum_form_learning_rate", "eta/beta", "wrong"),
    ("q4.d_adam_second_moment", r"v_{t+1} = (1 - \beta_2) v_t + \beta_2 g_t^2", "correct"),
    ("q4.d_adam_second_moment", "(1 - beta_2) v_t + beta_2 g_t", "wrong"),
    ("q4.e_lookahead_point", "w - eta*a + eta*beta*a", "correct"),
    ("q4.e_lookahead_point", "w_t + eta (1 - beta) a_t", "wrong"),
])
def test_new_answer_forms(key, answer, status):
    assert STEP_SIZE.question(key).kind.check(answer).status == status


@pytest.mark.parametrize("key, answer", [
    ("q4.a_momentum_average", "(1 - β) a_t + β u_t"),  # the notes call the gradient u
    ("q4.d_adam_second_moment", "(1 - beta') v_t + beta' g_t^2"),
    ("q4.d_adam_second_moment", "v_{t+1} = (1 − β′) v_t + β′ g_t²"),
    ("q4.d_adam_second_moment", r"(1-\beta^{\prime}) v_t + \beta^\prime g_t^2"),
    ("q4.e_lookahead_point", r"\vec{w}_t - \eta (1 - \beta) \vec{a}_t"),
    ("q4.e_lookahead_point", r"\bm{w}_t - \eta (1 - \beta) \boldsymbol{a}_t"),
])
def test_the_notes_notation_is_read(key, answer):
    outcome = STEP_SIZE.question(key).kind.check(answer)
    assert (outcome.status, outcome.note) == ("correct", "correct"), outcome


def test_the_printed_sign_error_is_named_in_the_notes_notation_too():
    outcome = STEP_SIZE.question("q4.d_adam_second_moment").kind.check("(1 - β′) v_t - β′ g_t^2")
    assert (outcome.status, outcome.note) == ("wrong", "wrong.printed_sign_error")


def test_feedback_labels_what_the_notes_print():
    """(7.6) is the notes' weighted sum, (7.7) its recursion with the step; the moving-sum form is not in the notes,
    so no feedback calls it (7.7)."""
    average = STEP_SIZE.question("q4.a_momentum_average").kind
    swapped = average.check("β a_t + (1 - β) g_t")
    assert swapped.note == "wrong.swapped_weights" and "in (7.7) beta weights the new gradient" in swapped.message
    summed = average.check("(1 - beta) a_t + g_t")
    assert summed.note == "wrong.moving_sum" and "the sum (7.6) without its factor beta" in summed.message
    q4 = [question for question in STEP_SIZE.questions if question.key.startswith("q4.")]
    texts = [question.title for question in q4] + [mistake.message for question in q4
                                                   for mistake in getattr(question.kind, "mistakes", ())]
    assert [text for text in texts if "(7.7) v" in text or "moving sum of (7.7)" in text] == []
    for key in ("q4.b_sum_form_momentum", "q4.c_sum_form_learning_rate"):
        assert "notes" in STEP_SIZE.question(key).title  # said plainly: the form extends the notes


@pytest.mark.parametrize("key, right, wrong, words", [
    ("q3.g_global_lipschitz", "no", "yes", "no global Lipschitz constant"),
    ("q3.h_step_bounds_lipschitz", "yes", "no", "any gain can be fit"),
    ("q3.i_disproportionate_small_delta", "yes", "no", "tends to 0 as c grows or shrinks"),
    ("q4.f_small_beta_memory", "yes", "no", "99 at beta = 0.01"),
    ("q4.g_second_moment_weight", "yes", "no", "mean ages 9 and 999 steps"),
])
def test_yes_no_claims_say_why_either_way(key, right, wrong, words):
    kind = STEP_SIZE.question(key).kind
    for answer, status in ((right, "correct"), (right.upper(), "correct"), (wrong, "wrong")):
        outcome = kind.check(answer)
        assert outcome.status == status and words in outcome.message, (answer, outcome)
    assert kind.check("perhaps").status == "invalid"
    assert STEP_SIZE.question(key).points == 0.5
