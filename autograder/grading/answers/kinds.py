"""All answer kinds in one place (each lives in a module of its family)."""
from .kind_base import AnswerKind
from .kinds_choice import Choice, FreeText, yes_no
from .kinds_condition import Condition, Reading
from .kinds_matrix import Matrix, MatrixExpression, eigenvalues_2x2
from .kinds_scalar import Expression, InSet, Integer, Number, UnorderedList

__all__ = ["AnswerKind", "Choice", "Condition", "Expression", "FreeText", "InSet", "Integer",
           "Matrix", "MatrixExpression", "Number", "Reading", "UnorderedList", "eigenvalues_2x2", "yes_no"]
