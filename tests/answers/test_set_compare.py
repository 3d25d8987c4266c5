"""The set comparison itself: same, boundary only (which way), different."""
import pytest
import sympy

from autograder.grading.answers import parse
from autograder.grading.answers.conditions import set_pieces, to_predicate
from autograder.grading.answers.set_compare import compare_sets
from autograder.grading.answers.symbols import Scope

from .hw2 import ETA, SIGMA, eta, sigma

PIECES = set_pieces(sympy.Interval.Ropen(1 / sigma**2, 3 / sigma**2))  # [1/sigma^2, 3/sigma^2)


def compare(text):
    return compare_sets(to_predicate(parse(text), Scope.of((ETA, SIGMA)), eta), PIECES, ETA, (SIGMA,))


@pytest.mark.parametrize("text, same, boundary_only, includes", [
    ("1/sigma^2 <= eta < 3/sigma^2", True, False, False),
    ("eta sigma^2 >= 1 and eta sigma^2 < 3", True, False, False),
    ("1/sigma^2 < eta < 3/sigma^2", False, True, False),
    ("1/sigma^2 <= eta <= 3/sigma^2", False, True, True),
    ("1/sigma^2 <= eta < 2/sigma^2", False, False, False),
    ("eta >= 1/sigma^2", False, False, False),
])
def test_comparisons(text, same, boundary_only, includes):
    result = compare(text)
    assert result.decided
    assert (result.same, result.boundary_only) == (same, boundary_only)
    if boundary_only:
        assert result.includes_endpoint is includes
        assert result.ends == ((3 / sigma**2 if includes else 1 / sigma**2, includes),)
