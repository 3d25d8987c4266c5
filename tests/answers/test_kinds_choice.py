"""Choice (labels with aliases, free of case and spacing) and FreeText (kept for staff)."""
import pytest

from autograder.grading.answers import Choice, DeclarationError, FreeText, yes_no

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


STABLE = Choice("adam", {"sgd": (), "sgd_momentum": ("momentum",), "adam": (), "no_clear_winner": ("no clear winner",)},
                also_correct=("no_clear_winner",), explained=True,
                feedback={"adam": "the figure shows A.", "sgd": "the figure shows B."})


@pytest.mark.parametrize("answer, status, note, words", [
    ("adam", "correct", "correct", "the figure shows A."),
    ("Adam: its bars are the narrowest", "correct", "correct", "the figure shows A."),
    ("No clear winner: the bars cross", "correct", "correct", "Correct."),
    ("no_clear_winner", "correct", "correct", None),
    ("sgd: short bars on the log axes", "wrong", "wrong.choice", "not the right choice: the figure shows B."),
    ("momentum", "wrong", "wrong.choice", "not the right choice"),
    ("adam because its bars are short", "invalid", "invalid.choice", "then, if you like, ':' and your reason"),
    (": adam", "invalid", "invalid.choice", "answer one of"),
])
def test_explained_choice_grades_the_label_before_the_colon(answer, status, note, words):
    assert_outcome(STABLE.check(answer), status, note, words)


def test_a_colon_is_part_of_the_label_unless_the_choice_is_explained():
    assert_outcome(LIMITING_SIGMA.check("sigma_l: it is larger"), "invalid", "invalid.choice", "answer one of")


def test_labels_declared_right_or_with_feedback_must_be_options():
    with pytest.raises(DeclarationError):
        Choice("a", {"a": (), "b": ()}, also_correct=("c",))
    with pytest.raises(DeclarationError):
        Choice("a", {"a": (), "b": ()}, feedback={"c": "?"})


REVIEWED = Choice("adam", {"adam": (), "momentum": (), "sgd": ()}, explained=True, staff_review=("momentum",),
                  feedback={"momentum": "the figure shows both"})


@pytest.mark.parametrize("answer, status, note, words", [
    ("adam", "correct", "correct", "Correct"),
    ("momentum: its bars are the shortest at width 40", "unverified", "unverified.staff_review", "the figure shows both"),
    ("momentum", "wrong", "wrong.choice", "with a reason after a colon"),
    ("momentum:   ", "wrong", "wrong.choice", "with a reason after a colon"),
    ("sgd: short bars", "wrong", "wrong.choice", "not the right choice"),
])
def test_a_staff_review_label_needs_a_reason_and_never_earns_points(answer, status, note, words):
    outcome = REVIEWED.check(answer)
    assert (outcome.status, outcome.note, outcome.fraction) == (status, note, 1.0 if status == "correct" else 0.0)
    assert words in outcome.message


def test_staff_review_needs_an_explained_choice():
    with pytest.raises(DeclarationError):
        Choice("adam", {"adam": (), "momentum": ()}, staff_review=("momentum",))
