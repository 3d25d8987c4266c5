"""Hostile: hunts for the oracle and the hidden tests on disk and through imports."""
import importlib
import os
import sys

import numpy as np


def candidates():
    yield "/autograder/source"
    root = os.environ.get("AUTOGRADER_ROOT")
    if root:
        yield os.path.join(root, "source")
    for start in (sys.executable, np.__file__, os.getcwd()):
        folder = os.path.dirname(os.path.abspath(start))
        while folder != os.path.dirname(folder):
            for name in ("reference", "assignments", "autograder"):
                yield os.path.join(folder, name)
            folder = os.path.dirname(folder)


def sgd_momentum(w, dw, config=None):
    imports = {}
    for name in ("reference", "assignments", "autograder", "autograder.sandbox"):
        try:
            importlib.import_module(name)
            imports[name] = "imported"
        except Exception as error:
            imports[name] = f"{type(error).__name__}: {error}"
    readable = []
    for folder in candidates():
        try:
            for entry in os.listdir(folder):
                if entry.endswith(".py"):
                    with open(os.path.join(folder, entry)) as handle:
                        handle.read()
                    readable.append(os.path.join(folder, entry))
        except OSError:
            pass
    print("found:", readable)
    return w, {"imports": imports, "readable": readable}
