"""Choice (labels with aliases, free of case and spacing) and FreeText (kept for staff)."""
import pytest

from autograder.answers import Choice, DeclarationError, FreeText, yes_no

from .outcomes import assert_outcome

LIMITING_SIGMA = Choice("sigma_l", {"sigma_l": ("largest sigma", "sigma_max"),
                                    "sigma_s": ("smallest sigma", "sigma_min")})


@pytest.mark.parametrize("answer", [
    "sigma_l", "Sigma_L", "σ_ℓ", "\\sigma_\\ell", "sigma_ell", "sigma_{l}", "$\\sigma_{\\ell}$", " largest  sigma ",
    "LARGEST_SIGMA", "sigma-max", "σₗ", "\\sigma_{max}",
])
def test_limiting_sigma_correct(answer):
    assert_outcome(LIMITING_SIGMA.check(answer), "correct", "correct")


@pytest.mark.parametrize("answer, status, note, words", [
    ("sigma_s", "wrong", "wrong.choice", "not the right choice"),
    ("smallest sigma", "wrong", "wrong.choice", "not the right choice"),
    ("σ_s", "wrong", "wrong.choice", "not the right choice"),
    ("sigma", "invalid", "invalid.choice", "answer one of: sigma_l, sigma_s"),
    ("", "invalid", "invalid.empty", "empty"),
    (["sigma_l"], "invalid", "invalid.kind", "choices"),
    ("x" * 5000, "invalid", "invalid.too_long", "too long"),
])
def test_limiting_sigma_not_correct(answer, status, note, words):
    assert_outcome(LIMITING_SIGMA.check(answer), status, note, words)


@pytest.mark.parametrize("answer, status", [
    ("no", "correct"), ("No", "correct"), ("NO", "correct"), (False, "correct"), ("false", "correct"),
    ("n", "correct"), ("yes", "wrong"), (True, "wrong"), ("maybe", "invalid"),
])
def test_yes_no(answer, status):
    assert yes_no(False).check(answer).status == status


MOMENTUM = Choice("momentum", {"momentum": ("gdm", "gd with momentum"), "gd": ("gradient descent",)})


@pytest.mark.parametrize("answer, status", [
    ("Momentum", "correct"), ("GD with momentum", "correct"), ("gd-with-momentum", "correct"),
    ("GDM", "correct"), ("GD", "wrong"), ("Gradient Descent", "wrong"), ("adam", "invalid"),
])
def test_momentum_or_gd(answer, status):
    assert MOMENTUM.check(answer).status == status


def test_choice_override_and_declaration_errors():
    assert LIMITING_SIGMA.check("sigma_s", expected="sigma_s").status == "correct"
    with pytest.raises(DeclarationError):
        LIMITING_SIGMA.check("sigma_s", expected="sigma_x")


@pytest.mark.parametrize("answer, status, note", [
    ("The gradient norm shrinks in deeper layers.", "staff", "staff.free_text"),
    ("   ", "invalid", "invalid.empty"),
    ("x" * 30_000, "invalid", "invalid.too_long"),
])
def test_free_text(answer, status, note):
    outcome = FreeText().check(answer)
    assert_outcome(outcome, status, note)
    assert outcome.fraction == 0.0
