"""The common-mistake helpers build the answer a student with that misconception gives."""
import sympy

from autograder.grading.answers import factor_of_2, missing_abs, sigma_for_sigma_sq, wrong_sigma

from .hw2 import ITERATIONS, SIGMA, SIGMA_L, SIGMA_S, STABLE_ETA, epsilon, eta, sigma, sigma_l, sigma_s


def test_factor_of_2_of_an_expression():
    assert [m.answer for m in factor_of_2(1 / sigma**2)] == [2 / sigma**2, 1 / (2 * sigma**2)]
    assert {m.note for m in factor_of_2(eta)} == {"wrong.factor_of_2"}


def test_factor_of_2_of_a_set_scales_the_endpoints():
    double, half = (m.answer for m in factor_of_2(STABLE_ETA))
    assert double == sympy.Interval.open(0, 2 / sigma**2)
    assert half == sympy.Interval.open(0, 1 / (2 * sigma**2))


def test_factor_of_2_of_a_union_and_points():
    union = sympy.Union(sympy.Interval(0, 1 / sigma), sympy.Interval(2 / sigma, 3 / sigma))
    assert factor_of_2(union)[0].answer == sympy.Union(sympy.Interval(0, 2 / sigma), sympy.Interval(4 / sigma, 6 / sigma))
    assert factor_of_2(sympy.FiniteSet(1 / sigma))[1].answer == sympy.FiniteSet(1 / (2 * sigma))


def test_sigma_for_sigma_sq():
    (mistake,) = sigma_for_sigma_sq(STABLE_ETA, SIGMA)
    assert mistake.answer == sympy.Interval.open(0, 1 / sigma)
    assert mistake.message == "you used sigma where sigma^2 belongs"


def test_missing_abs_gives_both_signs_of_the_inside():
    answers = {m.answer for m in missing_abs(ITERATIONS)}
    assert answers == {sympy.log(epsilon) / sympy.log(1 - 2 * eta * sigma**2),
                       sympy.log(epsilon) / sympy.log(2 * eta * sigma**2 - 1)}


def test_wrong_sigma():
    (mistake,) = wrong_sigma(1 / sigma_l**2, SIGMA_L, SIGMA_S)
    assert mistake.answer == 1 / sigma_s**2
    assert (mistake.note, mistake.message) == ("wrong.wrong_sigma", "you used sigma_s where sigma_l belongs")
