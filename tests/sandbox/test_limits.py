"""Limits validate their values; sizes print in binary units."""
from __future__ import annotations

import pytest

from autograder.sandbox.limits import GIB, KIB, MIB, Limits, format_bytes


def test_defaults_match_the_issue():
    limits = Limits()
    assert (limits.wall_seconds, limits.cpu_seconds, limits.memory_bytes) == (20.0, 60, 2 * GIB)
    assert (limits.file_bytes, limits.processes, limits.open_files, limits.output_bytes) == (64 * MIB, 64, 256, 64 * KIB)


@pytest.mark.parametrize("field, value", [("wall_seconds", 0), ("cpu_seconds", 1.5), ("call_cpu_seconds", 0),
                                          ("memory_bytes", -1),
                                          ("processes", 0)])
def test_bad_values_are_refused(field, value):
    with pytest.raises(ValueError, match=field):
        Limits(**{field: value})


@pytest.mark.parametrize("count, text", [(2 * GIB, "2 GiB"), (64 * KIB, "64 KiB"), (1536 * KIB, "1.5 MiB"),
                                         (100, "100 bytes")])
def test_format_bytes(count, text):
    assert format_bytes(count) == text
