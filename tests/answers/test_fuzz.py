"""Hypothesis fuzzing: read() raises nothing but AnswerSyntaxError, and check() always returns an
Outcome (never the checker's own failure) for text made of answer-like pieces and for any text."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.grading.answers import AnswerSyntaxError, notes
from autograder.grading.outcome import Outcome

from .test_hostile import KINDS

PIECES = [
    "eta", "sigma", "beta", "lambda", "X", "I", "T", "epsilon", "σ", "η", "β", "ℓ", "_", "_l", "_{\\ell}",
    "1", "2", "0.5", ".5", "1e-3", "10", "inf", "∞", "pi", "e", "+", "-", "−", "*", "/", "^", "**", "²",
    "⁻¹", "ᵀ", "'", "!", "%", "±", "(", ")", "[", "]", "{", "}", "|", ",", ";", "&", " ", "<", "<=",
    ">", ">=", "=", "≤", "≥", "and", "or", "in", "U", "∪", "√", "sqrt", "abs", "log", "ln", "exp",
    "min", "max", "\\frac", "\\dfrac", "\\sqrt", "\\left|", "\\right|", "\\left(", "\\right)",
    "\\cdot", "\\times", "\\leq", "\\ge", "\\top", "\\sigma", "\\eta", "\\infty", "\\text{and}",
    "\\mathbf{X}", "\\operatorname{max}", "\\begin{pmatrix}", "\\end{pmatrix}", "\\\\", "\\,", "$",
    "\\in", "\\cup", "\\pm", "\\log", "\\", "9^9^9", "((((", "))))",
    "\\{", "\\}", "E[w]", "E[", "\\mathbb{E}", "^*", "^{*}", "*", "_{t+1}", "_{t-", "\\log_", "log_2", "I_n", "I_d",
]
ANSWER_LIKE = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
ANY_TEXT = st.text(max_size=60)
ATOMS = st.sampled_from(["eta", "sigma", "beta", "lambda", "X", "I", "0", "1", "2", "0.5", "1e-3",
                         "inf", "pi", "e", "σ", "\\eta", "sigma_l", "X^T", "Xᵀ"])


def _combine(parts):
    return st.one_of(
        st.tuples(parts, st.sampled_from(["+", "-", "*", "/", "^", " ", "±"]), parts).map(
            lambda t: f"{t[0]}{t[1]}{t[2]}"),
        st.tuples(st.sampled_from(["sqrt", "abs", "log", "exp", "-", "\\sqrt", "√", "max", "min"]),
                  parts).map(lambda t: f"{t[0]}({t[1]})"),
        parts.map(lambda p: f"|{p}|"),
        st.tuples(parts, parts).map(lambda t: f"\\frac{{{t[0]}}}{{{t[1]}}}"),
        st.tuples(parts, parts).map(lambda t: f"[{t[0]}, {t[1]}]"),
        st.tuples(parts, parts).map(lambda t: f"({t[0]})^{{{t[1]}}}"),
    )


EXPRESSIONS = st.recursive(ATOMS, _combine, max_leaves=8)
GRAMMAR_LIKE = st.one_of(
    EXPRESSIONS,
    st.tuples(EXPRESSIONS, st.sampled_from(["<", "<=", ">", ">=", "=", "in"]), EXPRESSIONS).map(" ".join),
    st.tuples(EXPRESSIONS, EXPRESSIONS).map(lambda t: f"0 < {t[0]} < {t[1]}"),
    st.tuples(EXPRESSIONS, EXPRESSIONS).map(lambda t: f"eta < {t[0]} or eta >= {t[1]}"),
    st.tuples(EXPRESSIONS, EXPRESSIONS, EXPRESSIONS, EXPRESSIONS).map(lambda t: f"[[{t[0]}, {t[1]}], [{t[2]}, {t[3]}]]"),
)
RAW_VALUES = st.one_of(
    st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.lists(st.one_of(st.integers(-5, 5), ANSWER_LIKE), max_size=4),
    st.lists(st.lists(st.one_of(st.integers(-5, 5), ANSWER_LIKE), max_size=3), max_size=3),
)
FUZZ = settings(max_examples=150, deadline=10_000, database=None,
                suppress_health_check=[HealthCheck.too_slow])
STATUSES = {"correct", "wrong", "invalid", "unverified"}


def assert_reads_or_refuses(answer):
    for kind in KINDS.values():
        try:
            kind.read(answer)
        except AnswerSyntaxError as error:
            assert error.note.startswith("invalid.")
            assert error.student_message()


def assert_checks(answer):
    for name, kind in KINDS.items():
        outcome = kind.check(answer)
        assert isinstance(outcome, Outcome)
        assert outcome.status in STATUSES
        assert outcome.note != notes.ERROR, (name, answer)


@FUZZ
@given(ANSWER_LIKE)
def test_answer_like_text_reads(answer):
    assert_reads_or_refuses(answer)


@FUZZ
@given(ANSWER_LIKE)
def test_answer_like_text_checks(answer):
    assert_checks(answer)


@FUZZ
@given(GRAMMAR_LIKE)
def test_grammar_like_text(answer):
    assert_reads_or_refuses(answer)
    assert_checks(answer)


@FUZZ
@given(ANY_TEXT)
def test_any_text(answer):
    assert_reads_or_refuses(answer)
    assert_checks(answer)


@FUZZ
@given(RAW_VALUES)
def test_raw_toml_values(answer):
    assert_reads_or_refuses(answer)
    assert_checks(answer)
