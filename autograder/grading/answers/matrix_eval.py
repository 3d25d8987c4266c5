"""Numeric evaluation of a matrix-expression tree on concrete random matrices (numpy).

Values are numbers, 2-D arrays, or a multiple of the identity whose size is taken from what it
meets (``A^T A + 2 I``: I becomes d x d for A of shape n x d); ``I_n`` is the identity of the named size. Products of matrices are matrix products; a product
or sum whose shapes do not match is an AnswerShapeError naming the dimensions (``n x d``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Union

import numpy as np
import sympy

from . import limits, notes
from .errors import AnswerShapeError, AnswerSyntaxError
from .numeric import NotANumber
from .symbols import MatrixSymbol, Scope
from .tree import Call, Group, Name, Neg, Node, Num, Power, Product, Sum, Transpose


@dataclass(frozen=True)
class ScaledIdentity:
    """``scale`` times an identity matrix of whatever size it meets."""

    scale: float


@dataclass(frozen=True)
class Identity:
    """The identity of a named (``I_n``) or fixed size."""

    size: str | int


IDENTITY = ScaledIdentity(1.0)
Value = Union[float, np.ndarray, ScaledIdentity]


class MatrixEvaluator:
    """Evaluates trees with matrices ``values`` (by name) and dimension names ``sizes``."""

    def __init__(self, scope: Scope, values: Mapping[str, object], sizes: Mapping[str, int]) -> None:
        self.scope = scope
        self.values = values
        self.sizes = sizes

    def shape_text(self, value: np.ndarray) -> str:
        return shape_text(value, self.sizes)

    def evaluate(self, node: Node) -> Value:
        if isinstance(node, Num):
            return float(node.value)
        if isinstance(node, Name):
            return self.name(node)
        if isinstance(node, Neg):
            return self.multiply(-1.0, self.evaluate(node.operand))
        if isinstance(node, Sum):
            return self.sum(node)
        if isinstance(node, Product):
            return self.product(node)
        if isinstance(node, Transpose):
            prefix, base = self.split_base(node.operand)
            return self.multiply(prefix, self.transpose(base))
        if isinstance(node, Power):
            return self.power(node)
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, Group) and node.opening == "[" and len(node.items) == 1:
            return self.evaluate(node.items[0])
        raise AnswerShapeError("a matrix expression is expected, such as A^T A + 2 I", notes.KIND)

    def split_base(self, node: Node) -> tuple[Value, Value]:
        """A transpose or power binds to the last name of a run: ``AB^T`` is A (B^T)."""
        if not isinstance(node, Name):
            return 1.0, self.evaluate(node)
        factors = self.name_factors(node)
        prefix: Value = 1.0
        for factor in factors[:-1]:
            prefix = self.multiply(prefix, factor)
        return prefix, factors[-1]

    def name(self, node: Name) -> Value:
        result: Value = 1.0
        for factor in self.name_factors(node):
            result = self.multiply(result, factor)
        return result

    def name_factors(self, node: Name) -> list[Value]:
        factors = []
        for meaning in self.scope.resolve(node):
            if isinstance(meaning, MatrixSymbol):
                value: Value = self.values[meaning.name]
            elif isinstance(meaning, ScaledIdentity):
                value = meaning
            elif isinstance(meaning, Identity):
                value = np.eye(self.sizes[meaning.size] if isinstance(meaning.size, str) else meaning.size)
            elif isinstance(meaning, sympy.Symbol):
                value = float(self.values[meaning.name])
            elif meaning.is_finite:
                value = float(meaning)
            else:
                raise AnswerShapeError(f"'{node.text}' is not allowed in a matrix expression", notes.KIND)
            factors.append(value)
        return factors

    def sum(self, node: Sum) -> Value:
        if "±" in node.signs:
            raise AnswerShapeError("'±' gives two values; write one expression", notes.KIND)
        total = self.evaluate(node.terms[0])
        for sign, term in zip(node.signs[1:], node.terms[1:]):
            value = self.evaluate(term)
            total = self.add(total, value if sign == "+" else self.multiply(-1.0, value))
        return total

    def product(self, node: Product) -> Value:
        result = self.evaluate(node.factors[0])
        for op, factor in zip(node.ops[1:], node.factors[1:]):
            value = self.evaluate(factor)
            if op == "/":
                if not isinstance(value, float):
                    raise AnswerShapeError("dividing by a matrix is not defined; use ^{-1}")
                if value == 0:
                    raise NotANumber("division by zero")
                value = 1.0 / value
            result = self.multiply(result, value)
        return result

    def add(self, a: Value, b: Value) -> Value:
        if isinstance(a, float) and isinstance(b, float):
            return a + b
        if isinstance(a, ScaledIdentity) and isinstance(b, ScaledIdentity):
            return ScaledIdentity(a.scale + b.scale)
        if isinstance(a, float) or isinstance(b, float):
            raise AnswerShapeError("a number cannot be added to a matrix (did you mean lambda I?)")
        if isinstance(a, ScaledIdentity):
            a, b = b, a
        if isinstance(b, ScaledIdentity):
            self.require_square(a, "adding the identity")
            return a + b.scale * np.eye(a.shape[0])
        if a.shape != b.shape:
            raise AnswerShapeError(f"the shapes do not match in a sum: {self.shape_text(a)} plus "
                                   f"{self.shape_text(b)}")
        return a + b

    def multiply(self, a: Value, b: Value) -> Value:
        if isinstance(a, float) and isinstance(b, float):
            return a * b
        if isinstance(a, float):
            return ScaledIdentity(a * b.scale) if isinstance(b, ScaledIdentity) else a * b
        if isinstance(b, float):
            return self.multiply(b, a)
        if isinstance(a, ScaledIdentity):
            return self.multiply(a.scale, b)
        if isinstance(b, ScaledIdentity):
            return self.multiply(b.scale, a)
        if a.shape[1] != b.shape[0]:
            raise AnswerShapeError(f"the shapes do not match in a product: {self.shape_text(a)} "
                                   f"times {self.shape_text(b)}")
        return a @ b

    def transpose(self, value: Value) -> Value:
        return value.T if isinstance(value, np.ndarray) else value

    def power(self, node: Power) -> Value:
        prefix, base = self.split_base(node.base)
        return self.multiply(prefix, self.raise_to(base, node.exponent))

    def raise_to(self, base: Value, exponent_node: Node) -> Value:
        if isinstance(exponent_node, Name) and exponent_node.name == "T" and "T" not in self.scope.meanings:
            return self.transpose(base)
        exponent = self.evaluate(exponent_node)
        if not isinstance(exponent, float):
            raise AnswerShapeError("an exponent must be a number")
        if abs(exponent) > limits.MAX_EXPONENT:
            raise AnswerSyntaxError(f"the exponent is too large (at most {limits.MAX_EXPONENT})",
                                    exponent_node.pos, notes.TOO_LARGE)
        if isinstance(base, float):
            return _scalar_power(base, exponent)
        if isinstance(base, ScaledIdentity):
            return ScaledIdentity(_scalar_power(base.scale, exponent))
        if not exponent.is_integer() or abs(exponent) > limits.MAX_MATRIX_SIDE:
            raise AnswerShapeError("a matrix power must be a small whole number, such as ^{-1} or ^2")
        self.require_square(base, "a matrix power")
        try:
            return np.linalg.matrix_power(base, int(exponent))
        except np.linalg.LinAlgError as error:
            raise NotANumber("singular matrix") from error

    def call(self, node: Call) -> Value:
        args = [self.evaluate(arg) for arg in node.args]
        if node.func == "pinv":
            return pseudo_inverse(args[0])
        if not all(isinstance(arg, float) for arg in args):
            raise AnswerShapeError(f"{node.func} of a matrix is not supported")
        functions = {"sqrt": lambda x: x[0] ** 0.5, "abs": lambda x: abs(x[0]),
                     "log": lambda x: np.log(x[0]) / (np.log(x[1]) if len(x) == 2 else 1.0),
                     "exp": lambda x: np.exp(x[0]), "min": min,
                     "max": max, "root": lambda x: x[0] ** (1 / x[1]),
                     "ceil": lambda x: float(np.ceil(x[0])), "floor": lambda x: float(np.floor(x[0]))}
        try:
            with np.errstate(all="ignore"):
                return _real(functions[node.func](args))
        except (OverflowError, ValueError, ZeroDivisionError) as error:
            raise NotANumber(str(error)) from error

    def require_square(self, value: np.ndarray, what: str) -> None:
        if value.shape[0] != value.shape[1]:
            raise AnswerShapeError(f"{what} needs a square matrix, not {self.shape_text(value)}")


def pseudo_inverse(value: Value) -> Value:
    """The Moore-Penrose pseudo-inverse (``pinv(X)``, ``X^+``): for a wide X of full row rank it is
    X^T (X X^T)^{-1}, for a tall one of full column rank (X^T X)^{-1} X^T; 1/x for a number x (0 for 0)."""
    if isinstance(value, float):
        return 0.0 if value == 0 else 1.0 / value
    if isinstance(value, ScaledIdentity):
        return ScaledIdentity(0.0 if value.scale == 0 else 1.0 / value.scale)
    try:
        return np.linalg.pinv(value)
    except np.linalg.LinAlgError as error:
        raise NotANumber("no pseudo-inverse") from error


def shape_text(value: np.ndarray, sizes: Mapping[str, int]) -> str:
    """``n x d``: a shape in the names of the dimensions (every dimension has its own size)."""
    names = {size: name for name, size in sizes.items()}
    return " x ".join(str(names.get(size, size)) for size in value.shape)


def _scalar_power(base: float, exponent: float) -> float:
    try:
        return _real(base ** exponent)
    except (OverflowError, ZeroDivisionError) as error:
        raise NotANumber(str(error)) from error


def _real(value: object) -> float:
    if isinstance(value, complex) or not np.isfinite(value):
        raise NotANumber("not a finite real number")
    return float(value)
