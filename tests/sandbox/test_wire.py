"""The boundary's data format: what may cross, what is reduced to its plain value, what is refused."""
from __future__ import annotations

import enum
import io
import json

import numpy as np
import pytest

from autograder.sandbox import wire


def npy_bytes(array):
    """The .npy file ``wire`` sends for ``array``: its header, then the array's bytes."""
    header, data = wire.npy_parts(array)
    return header + data.tobytes()


def round_trip(value: object) -> object:
    return wire.decode(wire.encode(value))


def test_plain_values_round_trip_with_their_types():
    value = {"none": None, "flag": False, "n": 7, "x": -0.5, "s": "ü", "list": [1, "a"], "tuple": (1, (2, 3)),
             "nested": {"inner": [(), {}]}}
    assert round_trip(value) == value
    assert type(round_trip((1,))) is tuple and type(round_trip([1])) is list


def test_nan_and_infinities_cross():
    x, y, z = round_trip([float("nan"), float("inf"), -float("inf")])
    assert np.isnan(x) and y == float("inf") and z == -float("inf")


@pytest.mark.parametrize("array", [np.arange(12.0).reshape(3, 4), np.array([True, False]), np.arange(5, dtype=np.uint8),
                                   np.ones((2, 2), dtype=np.float32), np.asfortranarray(np.arange(6).reshape(2, 3)),
                                   np.arange(10.0)[::3], np.zeros((0, 3)), np.array(2.5)])
def test_arrays_round_trip(array):
    received = round_trip(array)
    assert type(received) is np.ndarray and received.dtype == array.dtype and received.shape == array.shape
    np.testing.assert_array_equal(received, array)
    assert received.flags.writeable and received.flags.owndata


def test_our_npy_bytes_are_what_numpy_itself_reads():
    array = np.arange(6, dtype=np.int16).reshape(3, 2)
    np.testing.assert_array_equal(np.load(io.BytesIO(npy_bytes(array)), allow_pickle=False), array)


def test_numpy_scalars_keep_their_type():
    for scalar in (np.float32(1.5), np.int8(-3), np.bool_(True), np.float64(2.0)):
        received = round_trip(scalar)
        assert type(received) is type(scalar) and received == scalar


def test_subclasses_are_reduced_to_plain_values_without_calling_their_methods():
    class LyingFloat(np.float64):
        def __eq__(self, other):
            return True

        def __float__(self):
            raise AssertionError("__float__ must not be called")

    class LyingInt(int):
        def __int__(self):
            raise AssertionError("__int__ must not be called")

    class LyingStr(str):
        def __str__(self):
            raise AssertionError("__str__ must not be called")

    class LyingList(list):
        def __iter__(self):
            raise AssertionError("__iter__ must not be called")

    class LyingDict(dict):
        def items(self):
            raise AssertionError("items must not be called")

    class Colour(enum.IntEnum):
        RED = 2

    value = [LyingFloat(0.25), LyingInt(3), LyingStr("s"), LyingList([1]), LyingDict(a=1), Colour.RED,
             np.arange(3.0).view(type("LyingArray", (np.ndarray,), {"__eq__": lambda self, other: True}))]
    received = round_trip(value)
    assert [type(item) for item in received[:6]] == [float, int, str, list, dict, int]
    assert received[:6] == [0.25, 3, "s", [1], {"a": 1}, 2]
    assert type(received[6]) is np.ndarray and received[6].tolist() == [0.0, 1.0, 2.0]


@pytest.mark.parametrize("value, reason", [
    (object(), "an object of type object cannot be returned"),
    ({1, 2}, "an object of type set cannot be returned"),
    (b"bytes", "an object of type bytes cannot be returned"),
    (1j, "an object of type complex cannot be returned"),
    ({1: "a"}, "keys must be str"),
    (np.array(["a"]), "dtype <U1 cannot be returned"),
    (np.array([object()]), "dtype object cannot be returned"),
    (np.zeros(2, dtype=[("a", "f8")]), "cannot be returned"),
    (np.complex128(1j), "cannot be returned"),
])
def test_values_outside_the_allowed_set_are_refused(value, reason):
    with pytest.raises(wire.WireError, match=reason.replace("(", r"\(")):
        wire.encode(value)


def test_nesting_is_bounded_both_ways():
    deep = []
    for _ in range(wire.MAX_DEPTH + 2):
        deep = [deep]
    with pytest.raises(wire.WireError, match="nested more than"):
        wire.encode(deep)
    with pytest.raises(wire.WireError):
        wire.decode(wire.assemble(b"[" * 100000 + b"]" * 100000))


def npy_payload(header: str, data: bytes) -> bytes:
    header += " " * (-(10 + len(header) + 1) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode("latin1") + data


def test_an_npy_header_that_promises_more_than_its_data_is_refused_before_allocating():
    forged = npy_payload("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", b"\0" * 8)
    with pytest.raises(wire.WireError, match="header promises 8000000000000"):
        wire.load_npy(forged)


@pytest.mark.parametrize("header", [
    "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }",
    "{'descr': '<f8', 'fortran_order': True, 'shape': (1,), }",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), '__class__': 1}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (01,), }",
    "__import__('os').system('true')",
])
def test_npy_headers_other_than_ours_are_refused(header):
    with pytest.raises(wire.WireError):
        wire.load_npy(npy_payload(header, b"\0" * 8))


@pytest.mark.parametrize("tree", [
    {"$": "set", "items": []},
    {"$": "tuple", "items": [], "extra": 1},
    {"$": "dict", "items": []},
    {"$": "ndarray", "npy": "not a range"},
    {"$": "ndarray", "npy": [0, 8.0]},
    {"no tag": 1},
])
def test_decode_accepts_only_the_tagged_shapes(tree):
    with pytest.raises(wire.WireError):
        wire.decode(message(tree))


def message(tree: object, arrays: bytes = b"") -> bytes:
    return wire.assemble(json.dumps(tree).encode(), arrays)


ONE_ARRAY = npy_bytes(np.arange(2.0))


@pytest.mark.parametrize("tree, arrays, reason", [
    ({"$": "scalar", "npy": [0, len(ONE_ARRAY)]}, ONE_ARRAY, "0-d"),
    ({"$": "ndarray", "npy": [0, len(ONE_ARRAY) + 1]}, ONE_ARRAY, "expected the next range"),
    ({"$": "ndarray", "npy": [8, len(ONE_ARRAY) - 8]}, ONE_ARRAY, "expected the next range from byte 0"),
    ([{"$": "ndarray", "npy": [0, len(ONE_ARRAY)]}, {"$": "ndarray", "npy": [0, len(ONE_ARRAY)]}], ONE_ARRAY,
     "expected the next range from byte"),
    ({"$": "ndarray", "npy": [0, len(ONE_ARRAY)]}, ONE_ARRAY + b"x", "1 bytes after the last array"),
    ({"$": "ndarray", "npy": [0, len(ONE_ARRAY) - 1]}, ONE_ARRAY[:-1], "header promises"),
    ([], b"trailing", "8 bytes after the last array"),
])
def test_array_bytes_must_follow_the_json_in_order_and_exactly(tree, arrays, reason):
    with pytest.raises(wire.WireError, match=reason):
        wire.decode(message(tree, arrays))


@pytest.mark.parametrize("data", [b"", b"\0\0", b"\0\0\0\x10[]", b"\0\0\0\x02[", b"\0\0\0\x01\xff"])
def test_truncated_or_broken_messages_are_refused(data):
    with pytest.raises(wire.WireError):
        wire.decode(data)


def test_arrays_travel_as_bytes_after_the_json():
    array = np.arange(1000.0)
    data = wire.encode({"a": array, "b": [array[:3], 1.5]})
    (length,) = wire.JSON_LENGTH.unpack_from(data)
    assert length < 200  # the JSON holds ranges, not the array's data
    assert data.endswith(npy_bytes(array) + npy_bytes(array[:3]))
    received = wire.decode(data)
    np.testing.assert_array_equal(received["a"], array)
    np.testing.assert_array_equal(received["b"][0], array[:3])
    assert received["b"][1] == 1.5


def test_text_with_lone_surrogates_is_made_writable():
    received = wire.decode(message({"$": "dict", "items": {"k\udcff": "v\udcfe"}}))
    assert received == {"k?": "v?"}
    json.dumps(received, ensure_ascii=False).encode("utf-8")
