"""Submission.read_answers: answers.toml as flat data, clear errors, unknown keys."""
from __future__ import annotations

import datetime

from autograder.grading.submission import SubmissionLimits, load_submission


def answers_from(tmp_path, content: bytes | str, **options):
    upload = tmp_path / "upload"
    upload.mkdir()
    data = content.encode() if isinstance(content, str) else content
    (upload / "answers.toml").write_bytes(data)
    return load_submission(upload, tmp_path / "scratch", **options).read_answers(**{
        key: value for key, value in options.items() if key == "known_keys"})


def test_tables_flatten_to_dotted_keys_and_values_keep_their_toml_types(tmp_path):
    text = '[q1]\na = "2/lambda_max"\nb = 3\n[q1.c]\nd = true\n[q2]\ne = [1, 2.5]\nf = 2023-09-01\n'
    answers = answers_from(tmp_path, text)
    assert answers.error is None
    assert answers.values == {"q1.a": "2/lambda_max", "q1.b": 3, "q1.c.d": True, "q2.e": [1, 2.5],
                              "q2.f": datetime.date(2023, 9, 1)}


def test_unknown_keys_are_listed(tmp_path):
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "answers.toml").write_text('[q1]\na = "1"\nz = "2"\n')
    answers = load_submission(upload, tmp_path / "scratch").read_answers(known_keys={"q1.a", "q1.b"})
    assert answers.unknown_keys == ("q1.z",)


def test_invalid_toml_says_where(tmp_path):
    answers = answers_from(tmp_path, '[q1]\na = "1"\nb = = 2\n')
    assert answers.error.startswith("answers.toml is not valid TOML: ")
    assert "line 3, column 5" in answers.error  # the second '=' of line 3


def test_a_byte_order_mark_is_accepted(tmp_path):
    assert answers_from(tmp_path, b'\xef\xbb\xbf[q1]\na = "1"\n').values == {"q1.a": "1"}


def test_a_missing_file_reports_what_was_found(tmp_path):
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "answer.toml").write_text("")
    answers = load_submission(upload, tmp_path / "scratch").read_answers()
    assert answers.error == "missing answers.toml (found: answer.toml)"


def test_an_oversized_file_is_refused(tmp_path):
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "answers.toml").write_text('a = "' + "x" * 2000 + '"\n')
    submission = load_submission(upload, tmp_path / "scratch", limits=SubmissionLimits(max_answers_bytes=1000))
    assert "more than the 1000 allowed" in submission.read_answers().error
