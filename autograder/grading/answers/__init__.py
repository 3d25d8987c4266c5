"""Answer checking: read student math safely (no eval) and judge it like a careful TA.

Each question declares an answer kind (Number, Integer, Expression, Condition, Matrix,
UnorderedList, Choice, InSet, MatrixExpression, FreeText) with its symbols; ``kind.check(answer)``
returns an :class:`~autograder.grading.outcome.Outcome` with a stable note (see ``notes``).
"""
from . import notes
from .errors import AnswerShapeError, AnswerSyntaxError, DeclarationError
from .kinds import (AnswerKind, Choice, Condition, Expression, FreeText, InSet, Integer, Matrix,
                    MatrixExpression, Number, Reading, UnorderedList, eigenvalues_2x2, yes_no)
from .mistakes import Mistake, factor_of_2, missing_abs, sigma_for_sigma_sq, wrong_sigma
from .parse import parse, read_answer
from .symbols import MatrixSymbol, Symbol

__all__ = [
    "AnswerKind", "AnswerShapeError", "AnswerSyntaxError", "Choice", "Condition",
    "DeclarationError", "Expression", "FreeText", "InSet", "Integer", "Matrix",
    "MatrixExpression", "MatrixSymbol", "Mistake", "Number", "Reading", "Symbol", "UnorderedList",
    "eigenvalues_2x2", "factor_of_2", "missing_abs", "notes", "parse", "read_answer",
    "sigma_for_sigma_sq", "wrong_sigma", "yes_no",
]
