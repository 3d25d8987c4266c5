"""Matrix-expression evaluation: identity sizing, products, shape messages in named dimensions."""
import numpy as np
import pytest

from autograder.grading.answers import AnswerSyntaxError, MatrixSymbol, Symbol, parse
from autograder.grading.answers.matrix_eval import IDENTITY, MatrixEvaluator, ScaledIdentity
from autograder.grading.answers.symbols import Scope

X = np.arange(6.0).reshape(3, 2)  # n = 3, d = 2
LAMBDA = Symbol("lambda")
SCOPE = Scope.of((MatrixSymbol("X", shape=("n", "d")), LAMBDA), {"I": IDENTITY})
EVALUATOR = MatrixEvaluator(SCOPE, {"X": X, "lambda": 0.5}, {"n": 3, "d": 2})


def value(text):
    return EVALUATOR.evaluate(parse(text))


@pytest.mark.parametrize("text, expected", [
    ("X X^T + lambda I", X @ X.T + 0.5 * np.eye(3)),
    ("X^T X + lambda I", X.T @ X + 0.5 * np.eye(2)),
    ("(X^T X + lambda I)^{-1}", np.linalg.inv(X.T @ X + 0.5 * np.eye(2))),
    ("2 X / 4", X / 2),
    ("-X^T", -X.T),
    ("(X^T X)^2", (X.T @ X) @ (X.T @ X)),
    ("I X", X),
])
def test_values(text, expected):
    assert np.allclose(value(text), expected)


def test_identity_alone_stays_a_scaled_identity():
    assert value("2 lambda I") == ScaledIdentity(1.0)


@pytest.mark.parametrize("text, words", [
    ("X X", "n x d times n x d"), ("X + X^T", "n x d plus d x n"), ("X + lambda", "a number cannot be added"),
    ("X^{-1}", "square matrix, not n x d"),
])
def test_shape_messages(text, words):
    with pytest.raises(AnswerSyntaxError) as caught:
        value(text)
    assert words in caught.value.message
