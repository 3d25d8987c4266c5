"""The question index: it says exactly what assignment.py declares, a stale one is rebuilt (never trusted),
the Gradescope zip carries a fresh one, and grading an upload without answers.toml from it imports
neither sympy nor the oracle."""
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.assignment import available_assignments, load_assignment
from autograder.assignment_index import (INDEX_NAME, check_index, declared, index_data, load_declared,
                                         read_fresh_index, sources_hash, without_kinds, write_index)
from autograder.tools.build import build_gradescope_zip

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", available_assignments())
def test_the_index_says_what_assignment_py_declares(name):
    assignment = load_assignment(name)
    assert declared(index_data(assignment)) == without_kinds(assignment)


def test_a_fresh_index_is_read_without_kinds_and_the_kinds_load_on_demand(tmp_path):
    path = write_index(load_assignment("step_size"), tmp_path / INDEX_NAME)
    assignment = load_declared("step_size", path)
    assert all(question.kind is None for question in assignment.questions)
    assert assignment.with_answer_kinds() == load_assignment("step_size")


def test_a_stale_index_is_rebuilt_never_trusted(tmp_path):
    path = tmp_path / INDEX_NAME
    stale = index_data(load_assignment("step_size")) | {"sources_sha256": "0" * 64, "title": "edited since"}
    path.write_text(json.dumps(stale))
    assert read_fresh_index("step_size", path) is None
    assignment = load_declared("step_size", path)
    assert assignment.title != "edited since" and all(q.kind is not None for q in assignment.questions)
    assert read_fresh_index("step_size", path)["title"] == assignment.title


def test_a_damaged_index_with_the_right_hash_is_rebuilt(tmp_path):
    path = tmp_path / INDEX_NAME
    path.write_text(json.dumps({"sources_sha256": sources_hash("step_size"), "questions": [{"key": 1}]}))
    assert load_declared("step_size", path) == load_assignment("step_size")
    assert read_fresh_index("step_size", path)["questions"]


def test_the_gradescope_zip_carries_a_fresh_index(tmp_path):
    artifact = build_gradescope_zip(load_assignment("hw2"), tmp_path)
    with zipfile.ZipFile(artifact.path) as archive:
        shipped = json.loads(archive.read(f"assignments/hw2/{INDEX_NAME}"))
    assert shipped["sources_sha256"] == sources_hash("hw2")
    assert declared(shipped) == without_kinds(load_assignment("hw2"))


CODE_ONLY = """
import sys
from pathlib import Path
from autograder.assignment_index import load_declared
from autograder.grading.grade import answer_results
from autograder.grading.submission import Submission

root = Path(sys.argv[1])
assignment = load_declared("hw2", root / "index.json")
results = answer_results(assignment, Submission(root, ("deeplearning/optim.py",)))
assert {r.note for r in results} == {"invalid.no_answers_file"}, results
print("sympy" in sys.modules, "reference.momentum" in sys.modules)
(root / "answers.toml").write_text('[q2]\\nb = [["1 - beta", "2 beta sigma^2"], ["-eta (1 - beta)", "1 - 2 eta beta sigma^2"]]\\n')
results = answer_results(assignment, Submission(root, ("answers.toml",)))
print(next(r.note for r in results if r.id == "q2.b"))
"""


def test_an_upload_without_answers_is_graded_without_sympy_or_the_oracle(tmp_path):
    write_index(load_assignment("hw2"), tmp_path / INDEX_NAME)
    completed = subprocess.run([sys.executable, "-c", CODE_ONLY, str(tmp_path)], cwd=ROOT, capture_output=True,
                               text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    without_answers, with_answers = completed.stdout.splitlines()
    assert without_answers == "False False"
    assert with_answers == "correct"  # the kinds load once an answers file is there


def test_validate_reports_the_index_and_finds_no_difference():
    assignment = load_assignment("step_size")
    state, problems = check_index(assignment)
    assert problems == [] and state in ("fresh", "rebuilt (it was missing or stale)")
    assert check_index(assignment) == ("fresh", [])
