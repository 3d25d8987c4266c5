"""End to end, as Gradescope runs it: build the zip, unpack it into a temporary AUTOGRADER_ROOT, run
``run_autograder`` on the reference submission and on the hostile corpus, validate every results.json
against Gradescope's schema, and check that no score exceeds its due and no oracle content leaks."""
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from autograder.grading import gradescope
from autograder.assignment import Settings, load_assignment
from autograder.tools.build import build_gradescope_zip
from hostile.hostile_corpus import all_cases

REPO = Path(__file__).resolve().parent.parent
HW2 = load_assignment("hw2")
FAST = dataclasses.replace(HW2, settings=Settings(call_seconds=3.0, student_seconds=12.0, total_seconds=120.0))
# Oracle source text and hidden answers: none may appear in any output a student sees.
LEAKS = ("def sgd_momentum(w: np.ndarray", "Gradient descent with momentum on least squares", "sqrt(1 - beta)",
         "Sigma_WY = X^T", "any of 65, 66")


@pytest.fixture(scope="module")
def gradescope_zip(tmp_path_factory):
    return build_gradescope_zip(HW2, tmp_path_factory.mktemp("dist")).path


def autograder_root(base: Path, archive: Path, upload: Path) -> Path:
    """The layout Gradescope gives us: source/ (our zip), submission/ (the upload's files), results/."""
    root = base / "autograder"
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(root / "source")
    (root / "results").mkdir()
    if upload.is_dir():
        shutil.copytree(upload, root / "submission", symlinks=True)
    else:  # Gradescope unpacks a zip upload; an upload we cannot unpack is passed on as the file itself
        (root / "submission").mkdir()
        shutil.copy(upload, root / "submission" / upload.name)
    (root / "submission_metadata.json").write_text(json.dumps({"id": 1, "assignment": {"title": "HW2"}}))
    return root


def run_autograder_script(root: Path, timeout: float = 300) -> dict:
    environment = {**os.environ, "AUTOGRADER_ROOT": str(root), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    (root / "run_autograder").write_bytes((root / "source" / "run_autograder").read_bytes())
    (root / "run_autograder").chmod(0o755)
    subprocess.run([str(root / "run_autograder")], env=environment, timeout=timeout, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return json.loads((root / "results" / "results.json").read_text())


def test_reference_submission_full_marks_through_run_autograder(tmp_path, gradescope_zip, gradescope_schema):
    root = autograder_root(tmp_path, gradescope_zip, HW2.submissions / "reference")
    (root / "results" / "results.json").write_text('{"score": 1000}')  # a stale file must be replaced
    results = run_autograder_script(root)
    gradescope_schema(results)
    maximum = sum(test["max_score"] for test in results["tests"])
    assert maximum > 40 and results["score"] == pytest.approx(maximum)
    assert all(test["status"] == "passed" for test in results["tests"] if test["max_score"] > 0)


def test_a_missing_results_folder_is_created_and_the_upload_graded(tmp_path, gradescope_zip, gradescope_schema):
    root = autograder_root(tmp_path, gradescope_zip, HW2.submissions / "reference")
    (root / "results").rmdir()
    result = gradescope.run_gradescope(root)
    results = json.loads((root / "results" / "results.json").read_text())
    gradescope_schema(results)
    maximum = sum(test["max_score"] for test in results["tests"])
    assert maximum > 40 and result.score == results["score"] == pytest.approx(maximum)


def test_gradescope_zip_has_the_layout_gradescope_expects(gradescope_zip):
    names = zipfile.ZipFile(gradescope_zip).namelist()
    assert {"setup.sh", "run_autograder", "requirements.txt", "ASSIGNMENT"} <= set(names)
    assert "autograder/grading/gradescope.py" in names and "reference/momentum.py" in names
    assert not [n for n in names if n.startswith("assignments/hw2/submissions/") or "__pycache__" in n]
    modes = {info.filename: info.external_attr >> 16 for info in zipfile.ZipFile(gradescope_zip).infolist()}
    assert modes["run_autograder"] & 0o100 and modes["setup.sh"] & 0o100


def test_missing_assignment_file_still_writes_valid_results(tmp_path, gradescope_schema):
    root = tmp_path / "autograder"
    for folder in ("source", "submission", "results"):
        (root / folder).mkdir(parents=True)
    result = gradescope.run_gradescope(root)
    data = json.loads((root / "results" / "results.json").read_text())
    gradescope_schema(data)
    assert data["score"] == 0 and result.tests[0].note == "internal_error"


HOSTILE = [case for case in all_cases()]


@pytest.mark.parametrize("case", HOSTILE, ids=[case.name for case in HOSTILE])
def test_hostile_submission_end_to_end(case, tmp_path, gradescope_zip, gradescope_schema, monkeypatch):
    """Every hostile upload: a valid results.json, no points it did not earn, no oracle content in any
    output, inside the time limit. Graded in-process through the same entry point run_autograder calls,
    with short limits so the corpus runs in CI time."""
    monkeypatch.setattr(gradescope, "load_declared", lambda name: FAST)
    upload = case.upload(tmp_path / "upload")
    root = autograder_root(tmp_path, gradescope_zip, upload)
    started = time.monotonic()
    gradescope.run_gradescope(root)
    elapsed = time.monotonic() - started
    text = (root / "results" / "results.json").read_text()
    data = json.loads(text)
    gradescope_schema(data)
    assert data["score"] <= case_due(case), f"{case.name} earned {data['score']}"
    assert not [leak for leak in LEAKS if leak in text]
    assert elapsed < FAST.settings.total_seconds
    assert not list((root / "results").glob("*.tmp")) and [p.name for p in (root / "results").iterdir()] == ["results.json"]


def case_due(case) -> float:
    """What a hostile upload may earn: nothing, unless its expected.toml grants some (it holds real work)."""
    return float(case.expect.get("max_score", 0.0))


@pytest.mark.parametrize("name", ["exit_at_import", "write_results_json", "fake_results_stdout"])
def test_hostile_through_the_real_script(name, tmp_path, gradescope_zip, gradescope_schema):
    case = next(case for case in HOSTILE if case.name == name)
    root = autograder_root(tmp_path, gradescope_zip, case.upload(tmp_path / "upload"))
    results = run_autograder_script(root)
    gradescope_schema(results)
    assert results["score"] == 0
