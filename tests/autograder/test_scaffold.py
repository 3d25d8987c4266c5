"""`autograder new NAME && autograder validate NAME` is VALID from a fresh copy of the project, the oracle's test
it writes passes, and validate names each silent convention mistake seeded into it. Everything happens in a
copy under tmp_path: no generated assignment is left in the repository."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.tools.scaffold import ScaffoldError, new_assignment

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("autograder", "reference", "assignments", "pyproject.toml")


def autograder(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder", *args], cwd=project, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The project's sources as a fresh clone has them (no caches, no question indexes), with demo_hw written."""
    project = tmp_path_factory.mktemp("clone")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "index.json"))
        else:
            shutil.copy(source, project / name)
    made = autograder(project, "new", "demo_hw")
    assert made.returncode == 0, made.stderr
    assert "wrote assignments/demo_hw/assignment.py" in made.stdout
    return project


def test_the_new_assignment_is_valid_as_written(project):
    result = autograder(project, "validate", "demo_hw")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("VALID")
    assert "reference: 3 / 3 over 3 tests" in result.stdout and "wrong_gd_ascent: 0 / 3 as declared" in result.stdout


def test_the_new_oracle_test_passes(project):
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", "/dev/null",
                             "--rootdir", str(project), "tests/reference/test_ref_demo_hw.py"],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "6 passed" in result.stdout, result.stdout + result.stderr


def test_every_file_says_what_to_replace(project):
    written = [path for path in (project / "assignments" / "demo_hw").rglob("*") if path.is_file()]
    for path in [*written, project / "reference" / "demo_hw.py", project / "tests" / "reference" / "test_ref_demo_hw.py"]:
        if path.name not in ("__init__.py", "expected.toml"):
            assert "REPLACE" in path.read_text(encoding="utf-8"), path


def test_new_refuses_a_taken_or_unusable_name(project):
    with pytest.raises(ScaffoldError, match="exists already"):
        new_assignment("demo_hw", project)
    for name in ("Demo", "2hw", "class", "bank", "demo-hw"):
        with pytest.raises(ScaffoldError, match="cannot name an assignment"):
            new_assignment(name, project)
    result = autograder(project, "new", "hw2")
    assert result.returncode == 2 and "hw2 exists already" in result.stderr


def seed(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_validate_names_each_silent_mistake_seeded_into_it(project, tmp_path):
    clone = tmp_path / "seeded"
    shutil.copytree(project, clone, ignore=shutil.ignore_patterns("__pycache__", "index.json"))
    hw = clone / "assignments" / "demo_hw"
    seed(hw / "suites" / "public" / "test_demo_hw_public.py", 'VISIBILITY = "visible"', "")
    seed(hw / "suites" / "hidden" / "test_demo_hw.py", '@number("1.2.1")', '@number("1.1")')
    seed(hw / "starter" / "changes.toml", 'raise NotImplementedError("TODO: gradient descent from w0")', "return w0")
    shutil.copy(hw / "submissions" / "reference" / "answers.toml", hw / "starter" / "answers.toml")
    seed(hw / "submissions" / "wrong_gd_ascent" / "expected.toml", "test_gd = 0", '"test_gd: the update" = 0')
    result = autograder(clone, "validate", "demo_hw")
    assert result.returncode == 1 and "NOT VALID: 7 problem(s)" in result.stdout, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.startswith("PROBLEM: ")]
    for start in ("suites/public/test_demo_hw_public.py: test_files_present would be hidden from students",
                  "suites/hidden/test_demo_hw.py: test_gd is numbered 1.1, the number of the written answer q1.max_eta",
                  "starter/answers.toml is a copy of the reference's",
                  "starter: demo_hw.py differs from the reference's but holds no NotImplementedError(\"TODO",
                  "wrong_gd_ascent: test_gd: the update: declared but no such test",  # "key: title" is not an id
                  "wrong_gd_ascent: test_gd: scored 0, declared 2",
                  "starter: q1.max_eta earns 1 of 1"):  # the copied answers, seen again by the degenerate family
        assert any(problem.startswith(f"PROBLEM: {start}") for problem in problems), (start, problems)


def test_validate_names_an_alias_of_two_symbols(project, tmp_path):
    clone = tmp_path / "alias"
    shutil.copytree(project, clone, ignore=shutil.ignore_patterns("__pycache__", "index.json"))
    assignment = clone / "assignments" / "demo_hw" / "assignment.py"
    seed(assignment, 'CURVATURE = Symbol("a", aliases=("α", r"\\alpha"))',
         'CURVATURE = Symbol("a", aliases=("α", r"\\alpha"))\nETA = Symbol("eta", aliases=("alpha",))')
    seed(assignment, "symbols=(CURVATURE,)", "symbols=(CURVATURE, ETA)")
    result = autograder(clone, "validate", "demo_hw")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"PROBLEM: assignments/demo_hw/assignment.py: q1.max_eta: 'alpha' names both (a and eta|eta and a): "
                     "an alias must name one symbol", result.stdout), result.stdout
    graded = autograder(clone, "key", "demo_hw")
    assert graded.returncode == 2 and "'alpha' names both" in graded.stderr
