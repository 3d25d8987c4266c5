"""HW2 Q5's regression corpus (issue 28 item 6), graded end to end: each upload of tests/assignments/hw2_corpus.py
is the reference with the functions its forms replace, graded by the public and hidden suites; each form gets
its TA verdict (every test of its function passes, or one fails and its feedback names the mistake), no test
reports an internal error, and no test of another function is charged."""
import pytest

from autograder.assignment import load_assignment
from autograder.grading.grade import SCORED_SUITES, grade_submission
from autograder.tools.mutations import materialise_changes

from hw2_corpus import UPLOADS

HW2 = load_assignment("hw2")
INITIALISATIONS = ("test_biases_zero_and_dtype", "test_fc_net_parameter_names_and_shapes")  # each runs every branch


def checks_function(function, test_id):
    if function == "he":
        return "he_initialization" in test_id or test_id in INITIALISATIONS
    return function in test_id


def merged(forms):
    changes = {"remove": ["answers.toml"]}  # the written answers are not what the corpus varies
    for form in forms:
        for kind, items in form.change.items():
            changes.setdefault(kind, []).extend(items)
    return changes


@pytest.mark.parametrize("upload", sorted(UPLOADS))
def test_each_form_gets_its_ta_verdict(upload, tmp_path):
    forms = UPLOADS[upload]
    path = materialise_changes(HW2, merged(forms), tmp_path / upload, f"corpus {upload}")
    result = grade_submission(HW2, path, suites=SCORED_SUITES)
    code = [test for test in result.tests if test.id.startswith("test_")]
    assert not [test.id for test in result.tests if test.note == "internal_error"]
    for form in forms:
        mine = [test for test in code if checks_function(form.function, test.id)]
        failed = [test for test in mine if not test.passed]
        if form.verdict == "right":
            assert not failed, (form.form, [(test.id, test.output) for test in failed])
        else:
            assert failed, form.form
            assert any(form.says in test.output for test in failed), (form.form, [test.output for test in failed])
    charged = [test.id for test in code if not test.passed
               and not any(checks_function(form.function, test.id) for form in forms if form.verdict == "wrong")]
    assert not charged, charged
