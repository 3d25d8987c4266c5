"""docs/authoring.md's examples hold: its question grades as its table says, and what it quotes from the
step_size assignment is still there, word for word (so the page cannot drift from the code it teaches)."""
import re
from pathlib import Path

import pytest

from autograder.assignment import load_assignment
from autograder.tools.mutations import materialise

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")


def example(label: str) -> str:
    """The fenced block (or table) right after ``<!-- example: LABEL... -->``."""
    match = re.search(rf"<!-- example: {re.escape(label)}[^>]*-->\n(```\w*\n(.*?)\n```|(.*?)\n\n)", PAGE, re.S)
    assert match, f"docs/authoring.md has no example {label!r}"
    return match.group(2) if match.group(2) is not None else match.group(3)


def verdict_rows() -> list[tuple[str, str, str]]:
    rows = [line.strip("|").split("|") for line in example("verdicts").splitlines()[2:]]
    return [tuple(cell.strip().strip("`") for cell in row) for row in rows]


def declared_question():
    namespace: dict = {}
    exec(compile(example("question"), "docs/authoring.md", "exec"), namespace)  # our own page, not student text
    return namespace["EXAMPLE"]


def test_the_table_has_correct_wrong_and_invalid_rows():
    assert {status for _, status, _ in verdict_rows()} == {"correct", "wrong", "invalid"}


@pytest.mark.parametrize("answer, status, note", verdict_rows())
def test_the_example_question_grades_as_the_page_says(answer, status, note):
    outcome = declared_question().kind.check(answer)
    assert (outcome.status, outcome.note) == (status, note), outcome.message


@pytest.mark.parametrize("label, path", [
    ("code test", "assignments/step_size/suites/hidden/test_gd_least_squares.py"),
    ("changes.toml", "assignments/step_size/submissions/wrong_gd_no_factor_2/changes.toml"),
    ("expected.toml", "assignments/step_size/submissions/wrong_gd_no_factor_2/expected.toml"),
])
def test_quoted_examples_are_the_real_files(label, path):
    assert example(label).strip() in (ROOT / path).read_text(encoding="utf-8")


def test_the_quoted_change_applies(tmp_path):
    folder = materialise(load_assignment("step_size"), "wrong_gd_no_factor_2", tmp_path / "submission")
    code = (folder / "step_size.py").read_text(encoding="utf-8")
    assert "w = w - eta * X.T @ (X @ w - y)" in code and "eta * 2 * X.T" not in code


def test_the_new_files_table_lists_what_new_writes():
    from autograder.tools.scaffold import FILES, PLACEHOLDER

    listed = [row.split("|")[1].strip().strip("`") for row in example("new files").splitlines()[2:]]
    assert listed == [path.replace(PLACEHOLDER, "my_hw") for path in FILES]


def test_a_written_answers_score_is_declared_by_its_bare_key():
    import tomllib

    declared = tomllib.loads(example("written answer's scores"))
    question = declared_question()
    assert declared["answers"] == {"q9": {"max_eta": "1/a"}}
    assert question.kind.check("1/a").status == "wrong"
    assert set(declared["scores"]) == {question.key}  # the id grading gives a written answer (grade.py: id=key)
    assert '"key: title"' not in PAGE and f'"{question.test_name}" =' not in PAGE


def test_the_numbering_the_page_describes():
    from autograder.assignment import question_numbers

    numbers = question_numbers(load_assignment("hw2").questions)
    assert (numbers["q2.a_a"], numbers["q2.a_x"]) == ("2.1", "2.2")
