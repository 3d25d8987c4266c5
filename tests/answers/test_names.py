"""Canonical names: Greek spellings and subscripts normalised alike."""
import pytest

from autograder.grading.answers.names import canonical_base, canonical_name


@pytest.mark.parametrize("base, subscripts, name", [
    ("σ", ("ℓ",), "sigma_l"), ("sigma", ("ell",), "sigma_l"), ("sigma", ("l",), "sigma_l"),
    ("varepsilon", (), "epsilon"), ("ϵ", (), "epsilon"), ("lam", (), "lambda"), ("ell", (), "ell"),
    ("Sigma", ("YY",), "Sigma_YY"), ("x", ("1", "2"), "x_1_2"),
])
def test_canonical_name(base, subscripts, name):
    assert canonical_name(base, subscripts) == name


def test_case_is_kept():
    assert canonical_base("X") == "X" and canonical_base("x") == "x"
