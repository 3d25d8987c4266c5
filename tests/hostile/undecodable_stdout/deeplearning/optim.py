"""Hostile: output no decoder expects."""
import os
import sys


def sgd_momentum(w, dw, config=None):
    os.write(1, b"before \xff\xfe\xfa \x80\x81 after\n")
    sys.stderr.buffer.write(b"\xc3\x28 broken two-byte sequence\n")
    sys.stderr.flush()
    return w, config
