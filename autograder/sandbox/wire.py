"""The only data format that crosses the trust boundary: tagged JSON, with numpy arrays as raw ``.npy`` bytes
after it.

A message is ``>I`` (the JSON's length), the UTF-8 JSON, then the ``.npy`` bytes of every array in the
order the JSON names them, back to back. Values allowed across the boundary: None, bool, int, float (nan
and inf included), str, list, tuple, dict with str keys, numpy arrays of bool/int/uint/float dtypes, and
numpy scalars of those dtypes. JSON objects always carry a tag ``"$"``::

    {"$": "tuple", "items": [...]}      {"$": "dict", "items": {...}}
    {"$": "ndarray", "npy": [offset, length]}    {"$": "scalar", "npy": [offset, length]}

where offset and length locate the array's ``.npy`` bytes after the JSON. Arrays travel as bytes rather
than base64 text inside the JSON: a 3072x100 float64 array took about 11 ms on each side as base64 JSON.

``encode`` accepts arbitrary objects (it runs in the student process on student results) and
reduces subclasses to their plain value without calling overridden methods: a ``np.float64``
subclass becomes a plain ``float`` of the same value. ``decode`` runs on the trusted side and
accepts only exactly that shape: the arrays' byte ranges must follow one another in the order of the
JSON, from the first byte after it to the last of the message. ``.npy`` bytes are written and parsed
here, in one canonical form: the header is matched strictly and checked against the data length before
anything is allocated; there are no pickles.

This file is also executed inside the student process (see ``child.py``), so it imports nothing
from our packages.
"""
from __future__ import annotations

import json
import math
import os
import re
import struct

import numpy as np

MAX_DEPTH = 64
FRAME_HEADER = struct.Struct(">Q")
JSON_LENGTH = struct.Struct(">I")
NPY_MAGIC = b"\x93NUMPY\x01\x00"
NPY_HEADER = re.compile(r"\{'descr': '(?P<descr>[<>|=]?[biuf][0-9]{1,2})', 'fortran_order': False, "
                        r"'shape': (?P<shape>\((?:[0-9]+,(?: [0-9]+,?)*)?\)), \} *\n")
ALLOWED_KINDS = "biuf"
SCALAR_TYPES = frozenset(np.dtype(code).type for code in "?" + np.typecodes["AllInteger"] + "efdg")
ALLOWED_DESCRIPTION = ("None, bool, int, float, str, list, tuple, dict with str keys, "
                       "numpy arrays of numbers and numpy number scalars")

_json_dumps = json.dumps
_json_loads = json.loads


class WireError(ValueError):
    """A value that may not cross the boundary, or bytes that are not a valid message."""


def encode(value: object) -> bytes:
    """A value as one message (see the module docstring)."""
    arrays = _ArraysOut()
    text = _json_dumps(_to_json(value, 0, arrays), allow_nan=True, separators=(",", ":")).encode("utf-8")
    return assemble(text, *arrays.parts)


def assemble(text: bytes, *arrays: bytes | np.ndarray) -> bytes:
    """A message from its JSON and the bytes of its arrays (or C-ordered arrays, read through their
    buffers): one copy of each, however large."""
    return b"".join((JSON_LENGTH.pack(len(text)), text, *arrays))


def decode(data: bytes) -> object:
    """The value encoded in ``data``, as plain Python and numpy types only."""
    if len(data) < JSON_LENGTH.size:
        raise WireError("a message shorter than its header")
    (length,) = JSON_LENGTH.unpack_from(data)
    if length > len(data) - JSON_LENGTH.size:
        raise WireError(f"a message whose JSON of {length} bytes runs past its end")
    start = JSON_LENGTH.size + length
    try:
        tree = _json_loads(data[JSON_LENGTH.size:start].decode("utf-8"))
    except (ValueError, RecursionError) as error:
        raise WireError(f"not valid JSON: {error}") from None
    arrays = _ArraysIn(memoryview(data)[start:])
    value = _from_json(tree, 0, arrays)
    arrays.check_all_read()
    return value


class _ArraysOut:
    """The ``.npy`` headers and arrays met so far while encoding, and their total length in bytes."""

    def __init__(self) -> None:
        self.parts: list[bytes | np.ndarray] = []
        self.size = 0

    def add(self, header: bytes, array: np.ndarray) -> list[int]:
        """Append one array's ``.npy`` header and data; their [offset, length] after the JSON."""
        self.parts += (header, array)
        length = len(header) + array.nbytes
        self.size += length
        return [self.size - length, length]


class _ArraysIn:
    """The bytes after the JSON, handed out in order: each array's range must start where the last ended."""

    def __init__(self, data: memoryview) -> None:
        self.data = data
        self.position = 0

    def take(self, where: object) -> memoryview:
        if (type(where) is not list or len(where) != 2 or any(type(number) is not int for number in where)
                or where[0] != self.position or not 0 <= where[1] <= len(self.data) - self.position):
            raise WireError(f"array bytes at {str(where)[:40]}, expected the next range from byte {self.position}")
        self.position += where[1]
        return self.data[where[0]:self.position]

    def check_all_read(self) -> None:
        if self.position != len(self.data):
            raise WireError(f"{len(self.data) - self.position} bytes after the last array")


def _to_json(value: object, depth: int, arrays: _ArraysOut) -> object:
    if depth > MAX_DEPTH:
        raise WireError(f"the value is nested more than {MAX_DEPTH} levels deep")
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is float or kind is str:
        return value
    if isinstance(value, np.ndarray):
        return {"$": "ndarray", "npy": _npy_range(np.asarray(value), arrays)}
    if isinstance(value, np.generic):
        if kind in SCALAR_TYPES:
            return {"$": "scalar", "npy": _npy_range(np.asarray(value), arrays)}
        return _plain_number(value, kind)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, list):
        return [_to_json(item, depth + 1, arrays) for item in list.copy(value)]
    if isinstance(value, tuple):
        return {"$": "tuple", "items": [_to_json(item, depth + 1, arrays) for item in tuple.__getitem__(value, slice(None))]}
    if isinstance(value, dict):
        items = {}
        for key, item in dict.items(value):
            if not isinstance(key, str):
                raise WireError(f"a dict key of type {type(key).__name__} cannot be returned: keys must be str")
            items[str.__str__(key)] = _to_json(item, depth + 1, arrays)
        return {"$": "dict", "items": items}
    raise WireError(f"an object of type {kind.__name__} cannot be returned: only {ALLOWED_DESCRIPTION} can")


def _plain_number(value: np.generic, kind: type) -> object:
    """A subclass of a numpy scalar type, reduced to its value: Python float for floating types
    (the value is read from the C struct, so rigged dunder methods are never called)."""
    if isinstance(value, float):
        return float.__float__(value)
    array = np.asarray(value)
    if type(array) is not np.ndarray or array.dtype.kind not in ALLOWED_KINDS or array.shape != ():
        raise WireError(f"an object of type {kind.__name__} cannot be returned: only {ALLOWED_DESCRIPTION} can")
    return array.item()


def _npy_range(array: np.ndarray, arrays: _ArraysOut) -> list[int]:
    if type(array) is not np.ndarray:
        raise WireError(f"an array of type {type(array).__name__} cannot be returned")
    _check_dtype(array.dtype)
    return arrays.add(*npy_parts(array))


def npy_parts(array: np.ndarray) -> tuple[bytes, np.ndarray]:
    """``.npy`` version 1.0 of ``array`` in C order as its header and the C-ordered array whose buffer
    holds the data that follows; written here rather than by np.save so that nothing in numpy's Python
    code (which student code may have rigged) is involved."""
    array = array if array.flags.c_contiguous else array.copy(order="C")
    header = "{'descr': %r, 'fortran_order': False, 'shape': %r, }" % (array.dtype.str, tuple(array.shape))
    header += " " * (-(len(NPY_MAGIC) + 2 + len(header) + 1) % 64) + "\n"
    return NPY_MAGIC + struct.pack("<H", len(header)) + header.encode("latin1"), array


def _check_dtype(dtype: np.dtype) -> None:
    if dtype.kind not in ALLOWED_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise WireError(f"an array of dtype {dtype} cannot be returned: only bool, int and float arrays can")


def _from_json(tree: object, depth: int, arrays: _ArraysIn) -> object:
    if depth > MAX_DEPTH:
        raise WireError(f"the value is nested more than {MAX_DEPTH} levels deep")
    kind = type(tree)
    if tree is None or kind is bool or kind is int or kind is float:
        return tree
    if kind is str:
        return clean_text(tree)
    if kind is list:
        return [_from_json(item, depth + 1, arrays) for item in tree]
    if kind is not dict:
        raise WireError(f"unexpected JSON value of type {kind.__name__}")
    tag = tree.get("$")
    if tag == "tuple" and tree.keys() == {"$", "items"} and type(tree["items"]) is list:
        return tuple(_from_json(item, depth + 1, arrays) for item in tree["items"])
    if tag == "dict" and tree.keys() == {"$", "items"} and type(tree["items"]) is dict:
        return {clean_text(key): _from_json(item, depth + 1, arrays) for key, item in tree["items"].items()}
    if tag in ("ndarray", "scalar") and tree.keys() == {"$", "npy"}:
        array = load_npy(arrays.take(tree["npy"]))
        if tag == "ndarray":
            return array
        if array.shape != ():
            raise WireError("a numpy scalar must be a 0-d array")
        return array[()]
    raise WireError(f"unexpected JSON object with keys {sorted(tree)[:5]}")


def load_npy(data: bytes | memoryview) -> np.ndarray:
    """Parse ``.npy`` bytes as ``npy_parts`` writes them, and nothing else: version 1.0, C order,
    bool/int/float dtype, the header's shape matching the data length exactly (checked before
    anything is allocated). No pickles, no ``literal_eval``. Returns a native-endian copy."""
    prefix = len(NPY_MAGIC) + 2
    if len(data) < prefix or bytes(data[:len(NPY_MAGIC)]) != NPY_MAGIC:
        raise WireError("not .npy data")
    (header_length,) = struct.unpack("<H", data[len(NPY_MAGIC):prefix])
    header = bytes(data[prefix:prefix + header_length]).decode("latin1")
    match = NPY_HEADER.fullmatch(header)
    if match is None:
        raise WireError(f"unexpected .npy header {header[:100]!r}")
    shape = tuple(int(size) for size in match["shape"].strip("()").split(",") if size.strip())
    if repr(shape) != match["shape"]:
        raise WireError(f"unexpected .npy shape {match['shape'][:100]!r}")
    try:
        dtype = np.dtype(match["descr"])
    except TypeError:
        raise WireError(f"unknown dtype {match['descr']!r}") from None
    _check_dtype(dtype)
    count = math.prod(shape)
    offset = prefix + header_length
    if len(data) - offset != count * dtype.itemsize:
        raise WireError(f".npy data holds {len(data) - offset} bytes, its header promises {count * dtype.itemsize}")
    native = dtype.newbyteorder("=")
    if count == 0:
        return np.empty(shape, dtype=native)
    return np.frombuffer(data, dtype=dtype, count=count, offset=offset).reshape(shape).astype(native, copy=True)


def clean_text(text: str) -> str:
    """``text`` with lone surrogates (from undecodable bytes) replaced, so it can be written as UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8")


def write_frame(fd: int, payload: bytes) -> None:
    """Send one length-prefixed message on a pipe (the length, then the payload: no copy of it)."""
    for data in (FRAME_HEADER.pack(len(payload)), payload):
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]


def read_frame(fd: int) -> bytes | None:
    """Receive one length-prefixed message (blocking); ``None`` at end of file."""
    header = _read_exactly(fd, FRAME_HEADER.size)
    if header is None:
        return None
    (length,) = FRAME_HEADER.unpack(header)
    return _read_exactly(fd, length)


def _read_exactly(fd: int, count: int) -> bytes | None:
    chunks = []
    while count:
        chunk = os.read(fd, min(count, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)
