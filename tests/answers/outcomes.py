"""A helper for the table-driven kind tests."""


def assert_outcome(outcome, status, note, words=None, fraction=None):
    """Status, note, words of the message, and the fraction (1 when correct, else 0 unless given)."""
    assert (outcome.status, outcome.note) == (status, note), outcome
    if words is not None:
        assert words in outcome.message, outcome.message
    expected_fraction = fraction if fraction is not None else (1.0 if status == "correct" else 0.0)
    assert outcome.fraction == expected_fraction, outcome
