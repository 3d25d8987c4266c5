"""Hostile: crashes the interpreter."""
import ctypes


def sgd_momentum(w, dw, config=None):
    ctypes.string_at(0)
