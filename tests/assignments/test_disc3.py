"""Discussion 3: the autograder grades its own reference and known-wrong submissions as declared, and
Q1 is one source shared with HW2 (the question bank)."""
import dataclasses

import pytest
import sympy

from assignments.bank import gd_scalar
from assignments.bank.symbols import ETA, SIGMA
from autograder.answers import Choice, Condition
from autograder.assignment import Question, load_assignment
from autograder.grade import grade_answer
from autograder.tomlread import load_toml
from autograder.validate import validate_assignment

DISC3 = load_assignment("disc3")
HW2 = load_assignment("hw2")
CHOICES = [question for question in DISC3.questions if isinstance(question.kind, Choice)]


def test_validate_disc3():
    report = validate_assignment(DISC3)
    assert report.ok, report.text


def test_q1_is_the_bank_questions_in_both_assignments():
    for bank_question in gd_scalar.QUESTIONS:
        assert DISC3.question(bank_question.key) is bank_question
        assert HW2.question(bank_question.key) is bank_question
    assert [q.key for q in DISC3.questions[:len(gd_scalar.QUESTIONS)]] == [q.key for q in gd_scalar.QUESTIONS]


def test_a_change_to_a_bank_question_is_seen_by_both_assignments(monkeypatch):
    """Declare q1.a afresh (the factor-2 bound 0 < eta < 2/sigma^2 becomes the right answer, worth 3
    points): HW2 and Discussion 3 both grade with the new declaration."""
    answer = {"q1.a": "0 < eta < 2/sigma^2"}
    assert grade_answer(HW2.question("q1.a"), answer, HW2).status == "wrong"
    assert grade_answer(DISC3.question("q1.a"), answer, DISC3).status == "wrong"
    sigma = SIGMA.sym
    changed = Condition(ETA, sympy.Interval.open(0, 2 / sigma**2), symbols=(ETA, SIGMA), strict="exact")
    monkeypatch.setattr(Question, "__setattr__", object.__setattr__)  # Question is frozen; undone after the test
    monkeypatch.setattr(gd_scalar.QUESTIONS[0], "kind", changed)
    monkeypatch.setattr(gd_scalar.QUESTIONS[0], "points", 3)
    for assignment in (HW2, DISC3):
        question = assignment.question("q1.a")
        assert question.points == 3
        assert grade_answer(question, answer, assignment).status == "correct"
        assert grade_answer(question, {"q1.a": "0 < eta < 1/sigma^2"}, assignment).status == "wrong"


def test_the_change_is_undone_and_questions_are_frozen_again():
    """Runs after the test above: its monkeypatches are gone."""
    question = gd_scalar.QUESTIONS[0]
    assert question.points == 1
    assert grade_answer(question, {"q1.a": "0 < eta < 2/sigma^2"}, DISC3).status == "wrong"
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.points = 3


@pytest.mark.parametrize("question", CHOICES, ids=lambda q: q.key)
def test_every_spelling_of_a_label_reads_as_that_label(question):
    for label, aliases in question.kind.options.items():
        for spelling in (label, *aliases):
            assert question.kind.read(spelling) == label, spelling


def test_starter_template_documents_every_key_and_label():
    template_path = DISC3.starter / "answers.toml"
    template = load_toml(template_path)
    keys = {f"{table}.{key}" for table, values in template.items() for key in values}
    assert keys == {question.key for question in DISC3.questions}
    assert all(value == "" for values in template.values() for value in values.values())
    text = template_path.read_text(encoding="utf-8")
    for question in CHOICES:
        comment = text[:text.index(f"{question.key} = ")].rsplit("\n\n", 1)[-1]
        for label in question.kind.options:
            assert f'"{label}"' in comment, (question.key, label)
