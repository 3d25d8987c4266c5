"""Answer kinds whose value is a matrix.

Matrix: a matrix of expressions of a declared shape, e.g. [[1, eta], [-3 eta lambda, 1 - mu]], compared
entry by entry. MatrixExpression: an expression in named matrices, e.g. ``A^T A + 2 mu I`` with A of shape
n x d, compared on random matrices of those shapes.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Mapping

import numpy as np
import sympy

from ..outcome import Outcome, correct, invalid, wrong
from . import notes
from .budget import check_time
from .build import check_names, stated_relation, to_matrix
from .equivalence import Verdict, compare_values
from .errors import AnswerShapeError
from .kind_base import UNDECIDED, AnswerKind
from .kinds_scalar import first_mistake
from .matrix_eval import IDENTITY, Identity, MatrixEvaluator, ScaledIdentity, Value, shape_text
from .mistakes import Mistake
from .names import canonical_name
from .numeric import NotANumber
from .parse import parse, read_answer
from .sampling import SEED, sample_value
from .symbols import MatrixSymbol, Scope, Symbol, spelling_key
from .tree import Node

DIMENSION_SIZES = (2, 3, 4, 5, 6, 7)
MATRIX_DRAWS = 4
NOT_EQUIVALENT = "your expression is not equivalent to the expected one"


@dataclass(frozen=True)
class Matrix(AnswerKind):
    """A matrix of expressions: the shape first, then each entry; with ``per_entry_credit`` a
    partly right matrix earns the share of right entries."""

    expected: sympy.Matrix
    symbols: tuple[Symbol, ...]
    per_entry_credit: bool = False

    def read(self, answer: object) -> sympy.ImmutableMatrix:
        scope = Scope.of(self.symbols)
        return to_matrix(check_names(read_answer(answer), scope), scope)

    def judge(self, value: sympy.ImmutableMatrix, expected: object) -> Outcome:
        target = sympy.ImmutableMatrix(self.expected if expected is None else expected)
        if value.shape != target.shape:
            return invalid(notes.SHAPE, f"a {target.rows}x{target.cols} matrix is expected; "
                                        f"yours is {value.rows}x{value.cols}")
        verdicts = [compare_values((given,), (wanted,), self.symbols) for given, wanted in zip(value, target)]
        if all(verdict is Verdict.SAME for verdict in verdicts):
            return correct()
        if Verdict.DIFFERENT not in verdicts:
            return UNDECIDED
        if target.is_square and target != target.T and all(
                compare_values((given,), (wanted,), self.symbols) is Verdict.SAME
                for given, wanted in zip(value, target.T)):
            return wrong(notes.WRONG_TRANSPOSED, "your matrix is the transpose of the right one")
        wrong_entries = [f"({k // target.cols + 1}, {k % target.cols + 1})"
                         for k, verdict in enumerate(verdicts) if verdict is Verdict.DIFFERENT]
        fraction = verdicts.count(Verdict.SAME) / len(verdicts) if self.per_entry_credit else 0.0
        return wrong(notes.WRONG, f"entries {', '.join(wrong_entries)} (row, column) are not right",
                     fraction)


@dataclass(frozen=True)
class MatrixExpression(AnswerKind):
    """An expression in matrices, compared on seeded random matrices. ``expected`` is written in
    the answer syntax (``A^T A + 2 mu I``); ``matrices`` maps each matrix name to its shape in
    named dimensions (``{"A": ("n", "d")}``); I is the identity of whatever size it meets, I_n the
    n x n one. A ``relation_lhs`` name may stand left of "=" (matrices are not ordered: no "<"). Each of
    ``mistakes`` has its answer written in the answer syntax too (``A^T (A A^T + 2 mu I)^{-1} b``)."""

    expected: str
    matrices: Mapping[str, tuple[str | int, str | int]]
    scalars: tuple[Symbol, ...] = ()
    relation_lhs: tuple[str, ...] = ()
    mistakes: tuple[Mistake, ...] = ()

    @property
    def scope(self) -> Scope:
        declared = (*(MatrixSymbol(name, shape=tuple(shape)) for name, shape in self.matrices.items()),
                    *self.scalars)
        taken = {spelling for item in declared for spelling in item.spellings()}
        dimensions = {dim for shape in self.matrices.values() for dim in shape}
        sized = {canonical_name("I", (str(dim),)): Identity(dim) for dim in dimensions}
        return Scope.of(declared, {} if "I" in taken else {"I": IDENTITY},
                        unlisted={name: meaning for name, meaning in sized.items() if name not in taken})

    def read(self, answer: object) -> Node:
        if not isinstance(answer, str):
            raise AnswerShapeError("a matrix expression is expected, such as A^T A + 2 I", notes.KIND)
        names = frozenset(spelling_key(name) for name in self.relation_lhs)
        node = read_answer(answer)
        stated = stated_relation(node, names) if names else None
        if stated is not None:
            if stated.op != "=":
                raise AnswerShapeError(f"matrices are compared with '=' only: write {stated.name.text} = ...",
                                       notes.KIND)
            node = stated.value
        try:
            self.values_of(node, self.draws()[0])  # unknown names and mismatched shapes show now
        except NotANumber:
            pass  # a value problem (a singular matrix), judged as such
        return node

    def judge(self, value: Node, expected: object) -> Outcome:
        outcome = self.compare(value, parse(self.expected if expected is None else str(expected)))
        if outcome.status != "wrong" or outcome.note == notes.WRONG_SHAPE:
            return outcome
        return first_mistake(self.mistakes, lambda answer: self.compare(value, parse(answer)).status == "correct") \
            or outcome

    def compare(self, value: Node, target: Node) -> Outcome:
        """``value`` against ``target`` on every draw: correct, transposed, of another shape, or not equivalent."""
        defined = agreeing = transposed = 0
        for values, sizes in self.draws():
            check_time()
            try:
                wanted = self.values_of(target, (values, sizes))
            except NotANumber:
                continue  # the expected value is undefined for this draw (a singular matrix)
            defined += 1
            try:
                given = self.values_of(value, (values, sizes), like=wanted)
            except NotANumber:
                return wrong(notes.WRONG, NOT_EQUIVALENT)
            if np.shape(given) != np.shape(wanted):
                return wrong(notes.WRONG_SHAPE, f"your expression is {describe(given, sizes)}; "
                                                f"{describe(wanted, sizes)} is expected")
            if _close(given, wanted):
                agreeing += 1
            elif np.ndim(wanted) == 2 and wanted.shape[0] == wanted.shape[1] and _close(given, wanted.T):
                transposed += 1
            else:
                return wrong(notes.WRONG, NOT_EQUIVALENT)
        if defined < MATRIX_DRAWS // 2:
            return UNDECIDED
        if agreeing == defined:
            return correct()
        if transposed == defined:
            return wrong(notes.WRONG_TRANSPOSED, "your matrix is the transpose of the right one")
        return wrong(notes.WRONG, NOT_EQUIVALENT)

    def draws(self) -> list[tuple[dict[str, object], dict[str, int]]]:
        """Seeded (values, dimension sizes) pairs; every dimension name gets its own size."""
        rng = random.Random(SEED)
        generator = np.random.default_rng(SEED)
        dimensions = sorted({dim for shape in self.matrices.values() for dim in shape if isinstance(dim, str)})
        result = []
        for _ in range(MATRIX_DRAWS):
            sizes = dict(zip(dimensions, rng.sample(DIMENSION_SIZES, len(dimensions))))
            values: dict[str, object] = {symbol.sym.name: sample_value(symbol.interval, rng) for symbol in self.scalars}
            for name, shape in self.matrices.items():
                rows, cols = (sizes[dim] if isinstance(dim, str) else dim for dim in shape)
                values[name] = generator.standard_normal((rows, cols))
            result.append((values, sizes))
        return result

    def values_of(self, node: Node, draw: tuple[dict, dict], like: Value | None = None) -> Value:
        values, sizes = draw
        with np.errstate(all="ignore"):
            result = MatrixEvaluator(self.scope, values, sizes).evaluate(node)
        if isinstance(result, ScaledIdentity) and isinstance(like, np.ndarray):
            return result.scale * np.eye(like.shape[0])
        if isinstance(result, np.ndarray) and not np.all(np.isfinite(result)):
            raise NotANumber("not finite")
        return result


def describe(value: Value, sizes: Mapping[str, int]) -> str:
    """``a n x n matrix`` or ``a number``, in the named dimensions."""
    if isinstance(value, np.ndarray):
        return f"a {shape_text(value, sizes)} matrix"
    return "a number"


def _close(given: Value, wanted: Value) -> bool:
    scale = max(1.0, float(np.max(np.abs(wanted)))) if np.size(wanted) else 1.0
    return bool(np.allclose(given, wanted, rtol=1e-8, atol=1e-10 * scale))


def eigenvalues_2x2(matrix: sympy.Matrix) -> tuple[sympy.Expr, sympy.Expr]:
    """(tr ± sqrt(tr^2 - 4 det)) / 2: the expected eigenvalues when HW2 Q2(c) is graded against
    the student's own R_i from Q2(b) (error carried forward)."""
    if matrix.shape != (2, 2):
        raise ValueError(f"a 2x2 matrix is expected, got {matrix.shape}")
    trace, determinant = matrix.trace(), matrix.det()
    root = sympy.sqrt(trace ** 2 - 4 * determinant)
    return (trace + root) / 2, (trace - root) / 2
