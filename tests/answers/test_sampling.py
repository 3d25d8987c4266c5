"""Sampled points lie strictly inside each declared interval, and are the same every run."""
import random

import pytest

from autograder.grading.answers import Symbol
from autograder.grading.answers.sampling import UNBOUNDED_SPAN, sample_points, sample_value


@pytest.mark.parametrize("interval", [(0, None), (0, 1), (None, 0), (None, None), (2, 3), (-1, None)])
def test_values_are_inside(interval):
    rng = random.Random(1)
    low, high = interval
    for _ in range(500):
        value = sample_value(interval, rng)
        assert low is None or value > low
        assert high is None or value < high


def test_half_lines_are_sampled_at_a_moderate_distance():
    rng = random.Random(1)
    values = [sample_value((0, None), rng) for _ in range(500)]
    assert UNBOUNDED_SPAN[0] <= min(values) and max(values) <= UNBOUNDED_SPAN[1]
    assert min(values) < 1 < max(values)  # both sides of 1, so 1 - 2 eta sigma^2 changes sign


def test_points_are_reproducible_and_keyed_by_name():
    symbols = (Symbol("eta"), Symbol("beta", interval=(0, 1)))
    assert sample_points(symbols, 5) == sample_points(symbols, 5)
    assert set(sample_points(symbols, 1)[0]) == {"eta", "beta"}
