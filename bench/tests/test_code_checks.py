"""The baseline and our isolated grading run the same checks: they agree on every score."""
import importlib.util
import json
import subprocess
import sys

import pytest

from bench.code_checks import HIDDEN_SUITES
from bench.paths import HW2_SUBMISSIONS as SUBMISSIONS
from bench.paths import REPO

from autograder.assignment import load_assignment
from autograder.tools.mutations import materialise


def _run(mode, submission):
    completed = subprocess.run([sys.executable, "-m", "bench.code_checks", mode, str(submission)], cwd=REPO,
                               capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.splitlines()[-1])


def _weight(suite, test):
    spec = importlib.util.spec_from_file_location("weights_" + suite, HIDDEN_SUITES / f"{suite}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, test).__weight__


@pytest.mark.parametrize("mode", ["in_process", "isolated"])
def test_scores(mode, tmp_path):
    reference = _run(mode, SUBMISSIONS / "reference")
    assert reference["score"] == reference["max_score"] > 0
    assert reference["tests"] == 15  # test_optim.py: 9 tests, test_fc_net.py: 6
    # wrong_he_fan_out draws He weights with sqrt(2/fan_out): only the std check fails (its expected.toml).
    fan_out = _run(mode, materialise(load_assignment("hw2"), "wrong_he_fan_out", tmp_path / "wrong_he_fan_out"))
    assert fan_out["score"] == reference["max_score"] - _weight("test_fc_net", "test_he_initialization_std")
