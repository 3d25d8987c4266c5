"""The answer bank: notations written right, test tables harvested, each (kind, answer) once."""
import pytest

from autograder.grading.answers import AnswerKind
from autograder.assignment import load_assignment
from bench.answer_bank import parametrize_rows, answer_bank, notation_answers, table_answers, unicode_text

HW2 = load_assignment("hw2")


def test_unicode_text_rewrites_names_powers_and_operators():
    assert unicode_text("(1 - sqrt(1 - beta))^2/(2*beta*sigma^2)") == "(1 − √(1 − β))²/(2·β·σ²)"
    assert unicode_text("eta <= 1/sigma_l^2 or eta >= epsilon") == "η ≤ 1/σ_ℓ² or η ≥ ε"
    assert unicode_text("X X^T + lambda I") == "X Xᵀ + λ I"


def test_the_expected_answer_in_every_notation_is_correct():
    probes = notation_answers(HW2)
    assert {probe.source for probe in probes} == {"notation:plain", "notation:unicode", "notation:latex"}
    wrong = [(probe.source, probe.key, probe.answer, probe.kind.check(probe.answer).note) for probe in probes
             if probe.kind.check(probe.answer).status != "correct"]
    assert not wrong


@pytest.mark.parametrize("beta", [0.5])
@pytest.mark.parametrize("answer, status", [("1/x", "correct"), pytest.param("2/x", "wrong", id="two")])
def _decorated(answer, status, beta):
    """A function shaped like a parametrized test, for parametrize_rows."""


def test_table_rows_read_every_parametrize_mark():
    rows = parametrize_rows(_decorated)
    assert {"answer": "1/x", "status": "correct"} in rows
    assert {"answer": "2/x", "status": "wrong"} in rows
    assert {"beta": 0.5} in rows


def test_test_tables_pair_each_answer_with_a_kind():
    probes = table_answers()
    assert len(probes) > 100
    assert all(isinstance(probe.kind, AnswerKind) for probe in probes)


def test_bank_holds_each_kind_and_answer_once():
    bank = answer_bank(HW2)
    pairs = [(id(probe.kind), repr(probe.answer)) for probe in bank]
    assert len(pairs) == len(set(pairs))
    assert {probe.key for probe in bank if probe.source.startswith("submission:")} == {q.key for q in HW2.questions}
