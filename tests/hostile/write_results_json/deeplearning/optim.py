"""Hostile: tries to overwrite the grader's results with a full score."""
import json
import os

FAKE = {"score": 100.0, "output": "All tests passed", "tests": []}


def candidate_folders():
    yield "../results"
    yield "/autograder/results"
    root = os.environ.get("AUTOGRADER_ROOT")
    if root:
        yield os.path.join(root, "results")
    folder = os.getcwd()
    while folder != os.path.dirname(folder):
        folder = os.path.dirname(folder)
        yield os.path.join(folder, "results")


def sgd_momentum(w, dw, config=None):
    written = []
    for folder in candidate_folders():
        try:
            if os.path.isdir(folder):
                with open(os.path.join(folder, "results.json"), "w") as handle:
                    json.dump(FAKE, handle)
                written.append(folder)
        except OSError:
            pass
    return w, {"written": written, "environment": sorted(os.environ)}
