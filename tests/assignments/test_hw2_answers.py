"""The HW2 answer bank (hw2_answer_cases.py) graded by the real HW2 declarations, as Gradescope would grade it.

Each row goes through ``grade_answer`` with the same answers dict a submission would give; the bank itself is
checked for coverage: every answers.toml key, every declared common mistake, all three notations.
"""
from collections import Counter

import numpy as np
import pytest

from autograder.grading.answers import Choice, InSet, Integer
from autograder.assignment import load_assignment
from autograder.grading.grade import grade_answer
from autograder.tools.public import public_format, reader
from hw2_answer_cases import CASES

HW2 = load_assignment("hw2")
MIN_CASES = 300
MIN_CASES_PER_KEY = 6
NOT_WRITTEN_MATH = (Choice, InSet, Integer)  # labels and numbers: no notation to cover


def _param(index, case):
    marks = [pytest.mark.xfail(reason=case.engine_bug, strict=True)] if case.engine_bug else []
    return pytest.param(case, id=f"{case.key}#{index:02d}-{case.status}", marks=marks)


def _numbered():
    seen = Counter()
    for case in CASES:
        seen[case.key] += 1
        yield _param(seen[case.key], case)


@pytest.mark.parametrize("case", list(_numbered()))
def test_answer_is_graded_as_a_ta_would(case):
    answers = {case.key: case.answer, **case.others}
    outcome = grade_answer(HW2.question(case.key), answers, HW2)
    shown = f"{case.key} = {case.answer!r} (with {case.others}) -> {outcome}"
    assert (outcome.status, outcome.note) == (case.status, case.note), shown
    assert outcome.fraction == pytest.approx(case.expected_fraction), shown
    if case.words is not None:
        assert case.words in outcome.message, shown


def test_bank_covers_every_key_of_the_declaration():
    declared = [question.key for question in HW2.questions]
    per_key = Counter(case.key for case in CASES)
    assert len(declared) == 34
    assert set(per_key) == set(declared)
    assert len(CASES) >= MIN_CASES
    assert {key: count for key, count in per_key.items() if count < MIN_CASES_PER_KEY} == {}


def test_every_key_has_right_wrong_and_unreadable_answers():
    statuses = {key: {case.status for case in CASES if case.key == key} for key in {case.key for case in CASES}}
    assert {key: found for key, found in statuses.items() if found != {"correct", "wrong", "invalid"}} == {}


def test_every_declared_mistake_is_exercised():
    tested = {(case.key, case.note) for case in CASES if not case.engine_bug}
    declared = {(question.key, mistake.note) for question in HW2.questions
                for mistake in getattr(question.kind, "mistakes", ())}
    assert declared - tested == set()


def _notation(answer) -> str:
    text = repr(answer) if isinstance(answer, list) else str(answer)
    if "\\" in text:
        return "latex"
    return "plain" if text.isascii() else "unicode"


def test_written_math_is_accepted_in_all_three_notations():
    math_keys = [question.key for question in HW2.questions if not isinstance(question.kind, NOT_WRITTEN_MATH)]
    notations = {key: {_notation(case.answer) for case in CASES
                       if case.key == key and case.status == "correct" and not case.engine_bug} for key in math_keys}
    assert {key: found for key, found in notations.items() if found != {"plain", "unicode", "latex"}} == {}


def test_the_kit_reads_the_whole_interval_as_an_answer_to_q2_g_eta():
    """``check`` in the student kit reads answers from the public format only (no expected values)."""
    spec = next(q for q in public_format(HW2)["questions"] if q["key"] == "q2.g_eta")
    assert "low" not in spec and "high" not in spec
    assert reader(spec).check("[0.2633, 3.7974]").status != "invalid"
    assert reader(spec).check("0.5").status != "invalid"


def test_the_posterior_mean_key_is_the_oracle_on_every_draw():
    """q4.posterior_mean's declared expression, evaluated on the comparer's own random X, y and lambda, is
    reference.ridge.posterior_mean (tested there against a regression of sampled w on sampled y)."""
    from autograder.grading.answers import parse
    from reference import ridge
    kind = HW2.question("q4.posterior_mean").kind
    for values, sizes in kind.draws():
        given = kind.values_of(parse(kind.expected), (values, sizes))
        np.testing.assert_allclose(given, ridge.posterior_mean(values["X"], values["y"], values["lambda"]), rtol=1e-9)


def test_the_kit_reads_a_condition_on_beta_alone_where_gradescope_does():
    """q2.f_condition takes "0 < beta < 2" (the conditional reading); the kit's reader must not call it invalid.
    q2.e_condition does not: there a condition must mention eta."""
    specs = {q["key"]: q for q in public_format(HW2)["questions"]}
    reader(specs["q2.f_condition"]).read("0 < beta < 2")
    with pytest.raises(Exception, match="does not mention eta"):
        reader(specs["q2.e_condition"]).read("0 < beta < 2")
