"""The statistics behind every figure: side-by-side order, nearest-rank percentiles, the linear fit."""
import pytest

from bench.timing import linear_fit, percentile, side_by_side


def test_side_by_side_alternates_the_order_every_round():
    calls = []
    measured = side_by_side({"a": lambda index: calls.append(("a", index)) or index,
                             "b": lambda index: calls.append(("b", index)) or 10 * index}, 3)
    assert calls == [("a", 0), ("b", 0), ("b", 1), ("a", 1), ("a", 2), ("b", 2)]
    assert measured == {"a": [0, 1, 2], "b": [0, 10, 20]}


def test_percentile_is_nearest_rank():
    values = list(range(100, 0, -1))  # 1..100, unsorted
    assert percentile(values, 99) == 99
    assert percentile(values, 50) == 50
    assert percentile(values, 100) == 100
    assert percentile([7.0], 99) == 7.0


def test_linear_fit_of_an_exact_line():
    # y = 3 + 2x at x = 1, 2, 4, 8: y = 5, 7, 11, 19; per doubling between the two largest: 19/11.
    fit = linear_fit([1, 2, 4, 8], [5, 7, 11, 19])
    assert fit.slope == pytest.approx(2)
    assert fit.intercept == pytest.approx(3)
    assert fit.r_squared == pytest.approx(1)
    assert fit.per_doubling == pytest.approx(19 / 11)


def test_per_doubling_shows_superlinear_cost():
    # y = x^2: doubling x quadruples y; over a tenfold step the factor per doubling is still 4.
    assert linear_fit([1, 2, 4], [1, 4, 16]).per_doubling == pytest.approx(4)
    assert linear_fit([10, 100], [100, 10_000]).per_doubling == pytest.approx(4)


def test_r_squared_drops_for_a_curve():
    # y = x^2 at 1..4 (1, 4, 9, 16): least squares y = -5 + 5x, residuals 1, -1, -1, 1; total sum of squares 129.
    fit = linear_fit([1, 2, 3, 4], [1, 4, 9, 16])
    assert fit.slope == pytest.approx(5)
    assert fit.r_squared == pytest.approx(1 - 4 / 129)
