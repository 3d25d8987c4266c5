"""validate's checks of the silent authoring conventions (docs/authoring.md, "Conventions"): each mistake is
seeded into a copy of the step_size assignment and must be named; the shipped assignments have none."""
import re
import shutil

import pytest

import autograder.assignment
from autograder.assignment import DeclarationProblem, Question, available_assignments, load_assignment
from autograder.grading.answers import Expression, Symbol
from autograder.tools.conventions import convention_problems

STEP_SIZE = load_assignment("step_size")


@pytest.fixture
def step_size_copy(tmp_path, monkeypatch):
    """assignments/step_size copied to tmp_path, which the Assignment's folders then point at."""
    shutil.copytree(STEP_SIZE.folder, tmp_path / "step_size", ignore=shutil.ignore_patterns("__pycache__", "index.json"))
    monkeypatch.setattr(autograder.assignment, "ASSIGNMENTS_DIR", tmp_path)
    return tmp_path / "step_size"


@pytest.mark.parametrize("name", available_assignments())
def test_the_shipped_assignments_keep_the_conventions(name):
    assert convention_problems(load_assignment(name)) == []


def test_a_public_suite_without_visibility_is_named(step_size_copy):
    suite = step_size_copy / "suites" / "public" / "test_step_size_public.py"
    suite.write_text(suite.read_text().replace('VISIBILITY = "visible"\n', ""))
    [problem] = convention_problems(STEP_SIZE)
    assert problem.startswith("suites/public/test_step_size_public.py: test_files_present, test_gd_least_squares_two_steps")
    assert 'would be hidden from students on Gradescope' in problem and 'set VISIBILITY = "visible"' in problem


def test_a_public_test_with_its_own_visibility_is_not_named(step_size_copy):
    suite = step_size_copy / "suites" / "public" / "test_step_size_public.py"
    text = suite.read_text().replace('VISIBILITY = "visible"\n', "").replace("@weight(", '@visibility("visible")\n@weight(')
    suite.write_text(text.replace("import number, weight", "import number, visibility, weight"))
    assert convention_problems(STEP_SIZE) == []


def test_a_code_test_numbered_like_a_written_answer_is_named(step_size_copy):
    # step_size's q1 has one key, q1.min_norm: written answer 1.1 (question_numbers), so code test 1.1 collides.
    suite = step_size_copy / "suites" / "hidden" / "test_gd_least_squares.py"
    suite.write_text(suite.read_text().replace('@number("1.2.4")', '@number("1.1")'))
    [problem] = convention_problems(STEP_SIZE)
    assert problem.startswith("suites/hidden/test_gd_least_squares.py: test_gd_least_squares_iterates is numbered 1.1, "
                              "the number of the written answer q1.min_norm")


def test_a_starter_file_copied_from_the_reference_is_named(step_size_copy):
    shutil.copy(step_size_copy / "submissions" / "reference" / "answers.toml", step_size_copy / "starter" / "answers.toml")
    [problem] = convention_problems(STEP_SIZE)
    assert problem.startswith("starter/answers.toml is a copy of the reference's: the kit would ship the solution")


def test_a_starter_module_changed_without_a_todo_is_named(step_size_copy):
    starter = step_size_copy / "starter" / "step_size.py"
    starter.write_text(re.sub(r'raise NotImplementedError\("TODO[^\n]*', "return None", starter.read_text()))
    [problem] = convention_problems(STEP_SIZE)
    assert problem.startswith('starter: step_size.py differs from the reference\'s but holds no NotImplementedError("TODO')


def test_a_missing_starter_is_named(step_size_copy):
    shutil.rmtree(step_size_copy / "starter")
    assert convention_problems(STEP_SIZE) == ["no starter/ folder: the student kit is built from "
                                              "assignments/step_size/starter/"]


def test_an_alias_naming_two_symbols_is_refused_when_declared():
    eta, a = Symbol("eta", aliases=("alpha",)), Symbol("a", aliases=("α",))  # α and alpha: the same spelling
    with pytest.raises(DeclarationProblem, match="q9.x: 'alpha' names both eta and a: an alias must name one symbol"):
        Question("q9.x", "eta times a", 1, Expression(eta.sym * a.sym, symbols=(eta, a)))
    Question("q9.x", "eta times a", 1, Expression(eta.sym * a.sym, symbols=(eta, Symbol("a"))))  # apart: declared
