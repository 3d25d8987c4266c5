"""autograder.checks: every student value is checked before a suite uses it, and each bad one ends in a
CheckFailed with a message for the student (never another exception, which the plugin reports as the
grader's internal error)."""
import math

import numpy as np
import pytest

from autograder.checks import CheckFailed, as_array, as_config, as_mapping, as_scalar, rel_error, returned, rule_result


@pytest.mark.parametrize("value, said", [
    (None, "sgd_momentum must return (next_w, config); got None."),
    ((np.zeros(2),), "sgd_momentum must return (next_w, config); got a tuple of 1 value."),
    (np.zeros(2), "sgd_momentum must return (next_w, config); got an array of shape (2,) (float64)."),
    ("done", "sgd_momentum must return (next_w, config); got a str."),
    ((1, 2, 3), "sgd_momentum must return (next_w, config); got a tuple of 3 values."),
])
def test_a_return_value_that_is_not_the_promised_tuple_is_named(value, said):
    with pytest.raises(CheckFailed, match=r"^" + __import__("re").escape(said) + r"$"):
        returned(value, "sgd_momentum", ("next_w", "config"))


def test_a_list_of_the_right_length_is_taken_as_the_tuple():
    assert returned([1, 2], "f", ("a", "b")) == (1, 2)


@pytest.mark.parametrize("value, note, said", [
    ((np.zeros(3), None), "adam.config", "config a dict; got None"),
    ((np.zeros(3), {"m": 1}), "adam.state", "config['v', 't'] is not stored back"),
    ((None, {}), "bad_type", "adam: next_w should be a numpy array, got NoneType"),
    ((np.zeros(4), {}), "bad_shape", "has shape (4,), expected (3,)"),
    ((np.array([np.nan, 0, 0]), {}), "not_finite", "NaN or infinity"),
    (("x", {}), "bad_type", "got str"),
])
def test_an_update_rule_result_is_checked_entry_by_entry(value, note, said):
    state = ("m", "v", "t") if value[1] else ()
    with pytest.raises(CheckFailed) as raised:
        rule_result(value, "adam", (3,), state)
    assert raised.value.note == note and said in str(raised.value)


def test_a_good_update_rule_result_comes_back_as_an_array_and_the_dict():
    next_w, config = rule_result((np.arange(3), {"t": 1}), "adam", (3,), ("t",))
    assert next_w.dtype == np.float64 and config == {"t": 1}


def test_mappings_and_configs_name_the_missing_keys():
    with pytest.raises(CheckFailed, match="net.params lacks 'W2'"):
        as_mapping({"W1": 1}, "net.params", ("W1", "W2"))
    with pytest.raises(CheckFailed, match="should be a dict; got a list of 0 values"):
        as_mapping([], "net.params")
    with pytest.raises(CheckFailed, match="config a dict; got a str"):
        as_config("config", "sgd_momentum")


@pytest.mark.parametrize("value, said", [
    (np.zeros(2), "should be a number; got an array of shape (2,)"),
    (None, "should be a numpy array, got NoneType"),
    (float("inf"), "NaN or infinity"),
    ({"t": 1}, "got dict"),
])
def test_a_scalar_is_one_finite_number(value, said):
    with pytest.raises(CheckFailed, match=__import__("re").escape(said)):
        as_scalar(value, "config['t']")


def test_a_scalar_takes_a_one_entry_array():
    assert as_scalar(np.array([[6]]), "t") == 6.0


@pytest.mark.parametrize("value", [[1, [2, 3]], [[1, 2], [3]], 10**400])
def test_ragged_or_huge_values_are_not_numeric_arrays(value):
    with pytest.raises(CheckFailed):
        as_array(value, "w")


def test_a_nan_relative_error_is_never_below_a_tolerance():
    """NaN compares false with every tolerance, so ``error > tolerance`` alone would pass it."""
    assert math.isinf(rel_error(np.array([np.nan]), np.array([1.0])))
    assert rel_error(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0.0
