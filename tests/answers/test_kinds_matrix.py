"""Matrix (HW2 Q2(b): R_i) and MatrixExpression (HW2 Q4: Sigma_YY = X X^T + lambda I)."""
import pytest
import sympy

from autograder.grading.answers import Matrix, MatrixExpression, eigenvalues_2x2

from .hw2 import BETA, ETA, LAMBDA, R, SIGMA, SIGMA_YY
from .outcomes import assert_outcome

Q2B = Matrix(R, (ETA, SIGMA, BETA))
Q2B_PARTIAL = Matrix(R, (ETA, SIGMA, BETA), per_entry_credit=True)


@pytest.mark.parametrize("answer", [
    "[[1-beta, 2 beta sigma^2], [-eta(1-beta), 1-2 eta beta sigma^2]]",
    [["1-beta", "2 beta sigma^2"], ["-eta(1-beta)", "1-2 eta beta sigma^2"]],
    "\\begin{bmatrix} 1-\\beta & 2\\beta\\sigma^2 \\\\ -\\eta(1-\\beta) & 1-2\\eta\\beta\\sigma^2 \\end{bmatrix}",
    "\\begin{pmatrix} 1-\\beta & 2\\beta\\sigma^{2} \\\\ -\\eta(1-\\beta) & 1-2\\eta\\beta\\sigma^{2} \\end{pmatrix}",
    "[1-beta, 2 beta sigma^2; -eta(1-beta), 1-2 eta beta sigma^2]",
    "[[1−β, 2βσ²], [−η(1−β), 1−2ηβσ²]]",
    "[[1-beta, 2 beta sigma^2], [eta beta - eta, 1 - 2 beta eta sigma^2]]",
    "[1-beta, 2 beta sigma^2], [-eta + eta beta, -2 eta beta sigma^2 + 1]",
])
def test_q2b_correct(answer):
    assert_outcome(Q2B.check(answer), "correct", "correct")


@pytest.mark.parametrize("kind, answer, note, words, fraction", [
    (Q2B, "[[1-beta, -eta(1-beta)], [2 beta sigma^2, 1-2 eta beta sigma^2]]", "wrong.transposed", "transpose", 0.0),
    (Q2B, "[[1-beta, 2 beta sigma^2], [eta(1-beta), 1-2 eta beta sigma^2]]", "wrong.not_equivalent",
     "entries (2, 1) (row, column) are not right", 0.0),
    (Q2B_PARTIAL, "[[1-beta, 2 beta sigma^2], [eta(1-beta), 1-2 eta beta sigma^2]]", "wrong.not_equivalent",
     "entries (2, 1)", 0.75),
    (Q2B_PARTIAL, "[[1-beta, beta sigma^2], [-eta(1-beta), 1-eta beta sigma^2]]", "wrong.not_equivalent",
     "entries (1, 2), (2, 2)", 0.5),
    (Q2B_PARTIAL, "[[beta, 0], [0, 0]]", "wrong.not_equivalent", "(1, 1), (1, 2), (2, 1), (2, 2)", 0.0),
])
def test_q2b_wrong(kind, answer, note, words, fraction):
    assert_outcome(kind.check(answer), "wrong", note, words, fraction)


@pytest.mark.parametrize("answer, note, words", [
    ("[[1-beta, 2 beta sigma^2]]", "invalid.shape", "a 2x2 matrix is expected; yours is 1x2"),
    ("[[1, 0, 0], [0, 1, 0], [0, 0, 1]]", "invalid.shape", "yours is 3x3"),
    ("[[1, 2], [3]]", "invalid.shape", "different lengths"),
    ("[" + ", ".join(["[" + ", ".join(["0"] * 11) + "]"] * 2) + "]", "invalid.too_large", "too large"),
    ([[0] * 10] * 1_000_000, "invalid.too_large", "too long"),
    ("[[1-beta, 2 beta sigm^2], [0, 0]]", "invalid.unknown_symbol", "did you mean sigma?"),
    ("1 - beta", "invalid.kind", "matrix is expected"),
])
def test_q2b_invalid(answer, note, words):
    assert_outcome(Q2B.check(answer), "invalid", note, words)


def test_matrix_expected_override():
    other = sympy.Matrix([[1, 0], [0, 1]])
    assert Q2B.check("[[1, 0], [0, 1]]", expected=other).status == "correct"


def test_eigenvalues_2x2_agree_with_sympy():
    matrix = sympy.Matrix([[3, 1], [2, 4]])
    assert sorted(eigenvalues_2x2(matrix)) == sorted(matrix.eigenvals())  # 2 and 5
    assert sorted(eigenvalues_2x2(matrix)) == [2, 5]


# -- HW2 Q4: Sigma_YY = X X^T + lambda I, X is n x d -----------------------------------------------
Q4 = MatrixExpression(SIGMA_YY, {"X": ("n", "d")}, (LAMBDA,), relation_lhs=("Sigma_YY",))


@pytest.mark.parametrize("answer", [
    "X X^T + lambda I", "XX^T+λI", "X X^\\top + \\lambda I", "X X^{\\top} + \\lambda I",
    "\\mathbf{X}\\mathbf{X}^\\top + \\lambda \\mathbf{I}", "λI + XXᵀ", "Sigma_YY = X X^T + lambda I",
    "\\Sigma_{YY} = XX^T + \\lambda I", "X X' + lambda I", "X*X^T + lambda*I", "X\\cdot X^T + \\lambda\\,I",
    "(X X^T + lambda I)^T", "X X^T + I lambda", "lambda (X X^T / lambda + I)",
    "X X^T + lambda I_n", "X X^T + \\lambda I_{n}", "XX^\\top + \\lambda\\mathbf{I}_n", "I_n X X^T + lambda I",
    "X X^T + log_2(2) lambda I",
])
def test_q4_correct(answer):
    assert_outcome(Q4.check(answer), "correct", "correct")


@pytest.mark.parametrize("answer, status, note, words", [
    ("X^T X + lambda I", "wrong", "wrong.shape", "your expression is a d x d matrix; a n x n matrix is expected"),
    ("X X^T", "wrong", "wrong.not_equivalent", "not equivalent"),
    ("X X^T + 2 lambda I", "wrong", "wrong.not_equivalent", "not equivalent"),
    ("(X X^T + lambda I)^{-1}", "wrong", "wrong.not_equivalent", "not equivalent"),
    ("lambda", "wrong", "wrong.shape", "a number"),
    ("X X + lambda I", "invalid", "invalid.shape", "n x d times n x d"),
    ("X X^T + lambda", "invalid", "invalid.shape", "did you mean lambda I?"),
    ("X^T + lambda I", "invalid", "invalid.shape", "square"),
    ("X Y", "invalid", "invalid.unknown_symbol", "'Y'"),
    ("X / X", "invalid", "invalid.shape", "dividing by a matrix"),
    ("sqrt(X)", "invalid", "invalid.shape", "sqrt of a matrix"),
    ("X^2", "invalid", "invalid.shape", "square"),
    ("X^{1/2}", "invalid", "invalid.shape", "whole number"),
    ("X^{99}", "invalid", "invalid.shape", "small whole number"),
    (["X X^T"], "invalid", "invalid.kind", "matrix expression"),
    ("X X^T < lambda", "invalid", "invalid.kind", "matrix expression"),
    ("X X^T + lambda I_d", "invalid", "invalid.shape", "the shapes do not match in a sum: n x n plus d x d"),
    ("X I_n", "invalid", "invalid.shape", "n x d times n x n"),
    ("X X^T + log_2(4) lambda I", "wrong", "wrong.not_equivalent", "not equivalent"),
    ("X Y", "invalid", "invalid.unknown_symbol", "this answer may use I, X, lambda"),  # I_n, I_d not listed
    ("Sigma_YY < X X^T + lambda I", "invalid", "invalid.kind", "compared with '=' only: write Sigma_YY = ..."),
])
def test_q4_not_correct(answer, status, note, words):
    assert_outcome(Q4.check(answer), status, note, words)


SIGMA_WY = MatrixExpression("X^T (X X^T + lambda I)^{-1}", {"X": ("n", "d")}, (LAMBDA,))


@pytest.mark.parametrize("answer, status, note", [
    ("X^T (X X^T + lambda I)^{-1}", "correct", "correct"),
    ("(X^T X + lambda I)^{-1} X^T", "correct", "correct"),  # the push-through identity
    ("X^T (X X^T + lambda I)^-1", "correct", "correct"),
    ("X^\\top \\left(XX^\\top + \\lambda I\\right)^{-1}", "correct", "correct"),
    ("(X X^T + lambda I)^{-1} X", "wrong", "wrong.shape"),
    ("X^T (X X^T + lambda I)", "wrong", "wrong.not_equivalent"),
])
def test_inverse_forms(answer, status, note):
    assert_outcome(SIGMA_WY.check(answer), status, note)


def test_transposed_product_of_square_matrices():
    product = MatrixExpression("A B", {"A": ("n", "n"), "B": ("n", "n")})
    assert_outcome(product.check("B^T A^T"), "wrong", "wrong.transposed")
    assert_outcome(product.check("(B^T A^T)^T"), "correct", "correct")
    assert_outcome(product.check("B A"), "wrong", "wrong.not_equivalent")


def test_identity_of_each_declared_size():
    wide = MatrixExpression("X^T", {"X": ("n", "d")}, ())
    assert_outcome(wide.check("I_d X^T"), "correct", "correct")
    assert_outcome(wide.check("X^T I_n"), "correct", "correct")
    assert_outcome(wide.check("X^T I_d"), "invalid", "invalid.shape", "d x n times d x d")
    fixed = MatrixExpression("X^T X", {"X": (3, "d")}, ())
    assert_outcome(fixed.check("X^T I_3 X"), "correct", "correct")
    assert_outcome(fixed.check("X^T I_4 X"), "invalid", "invalid.unknown_symbol", "'I_4'")


def test_fixed_dimensions_and_scalars():
    gram = MatrixExpression("X^T X / n_samples", {"X": (5, "d")}, ())
    assert gram.check("X^T X / n_samples").status == "invalid"  # n_samples is not declared
    fixed = MatrixExpression("X^T X / 5", {"X": (5, "d")}, ())
    assert fixed.check("0.2 X^T X").status == "correct"


# -- The pseudo-inverse: pinv(X) = X^T (X X^T)^{-1} for a wide X of full row rank (Lecture 7's least-norm
# solution), (X^T X)^{-1} X^T for a tall one; a number's is its reciprocal.
MIN_NORM = MatrixExpression("X^T (X X^T)^{-1} y", {"X": (3, 5), "y": (3, 1)})
TALL_FIT = MatrixExpression("(X^T X)^{-1} X^T y", {"X": (5, 3), "y": (5, 1)})


@pytest.mark.parametrize("kind", [MIN_NORM, TALL_FIT], ids=["wide", "tall"])
@pytest.mark.parametrize("answer", ["pinv(X) y", "X^+ y", "X⁺y", "X^\\dagger y", "X† y", "pinv(X^T X) X^T y",
                                    "(pinv(X^T))^T y", "pinv(2 X) (2 y)", "pinv(X) pinv(I) y"])
def test_pseudo_inverse_gives_both_least_squares_solutions(kind, answer):
    assert_outcome(kind.check(answer), "correct", "correct")


@pytest.mark.parametrize("answer, status, note", [
    ("pinv(X)", "wrong", "wrong.shape"),
    ("pinv(X^T) y", "invalid", "invalid.shape"),
    ("X^T pinv(X^T) y", "invalid", "invalid.shape"),
    ("2 pinv(X) y", "wrong", "wrong.not_equivalent"),
    ("pinv(X X^T) y", "wrong", "wrong.shape"),
])
def test_pseudo_inverse_wrong_forms(answer, status, note):
    assert_outcome(MIN_NORM.check(answer), status, note)


def test_pseudo_inverse_of_numbers_and_of_the_identity():
    from autograder.grading.answers.matrix_eval import ScaledIdentity, pseudo_inverse
    assert pseudo_inverse(4.0) == 0.25 and pseudo_inverse(0.0) == 0.0
    assert pseudo_inverse(ScaledIdentity(2.0)) == ScaledIdentity(0.5)
    assert MatrixExpression("X^T y", {"X": (3, 5), "y": (3, 1)}).check("pinv(1/2) X^T y / 2").status == "correct"
