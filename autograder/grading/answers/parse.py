"""The answer parser: tokens -> a whitelisted syntax tree, by recursive descent. Never evaluates.

Grammar, loosest binding first (``juxtaposition`` is implicit multiplication, ``2 eta sigma^2``)::

    answer   := items END                      items := logic ("," logic)*
    logic    := conj ("or" conj)*              conj  := relation (("and" | "&") relation)*
    relation := union (("<" | "<=" | ">" | ">=" | "=" | "in") union)*
    union    := additive ("∪" additive)*       additive := term (("+" | "-" | "±") term)*
    term     := unary (("*" | "/") unary | juxtaposition unary)*
    unary    := ("-" | "+") unary | power      power := postfix ("^" (transpose | signed))*
    postfix  := primary ("ᵀ" | "'" | "%")*
    primary  := number | name | E[name] | function | \\frac | \\sqrt | bracket | set | |x| | ⌈x⌉ | ⌊x⌋ | matrix
    function := name ("_" base)? (argument | "(" items ")")    (the base only for log: log_2 x)

``ceil``/``floor`` (also ``⌈x⌉``, ``\\lceil x \\rceil``, ``⌊x⌋``) round a count; ``pinv(X)``, ``X^+``,
``X^{+}``, ``X^\\dagger``, ``X†`` and ``X⁺`` are the pseudo-inverse of a matrix.

Brackets close with either ``)`` or ``]`` when they hold two items, so ``(0, 1]`` is one node.
``{a, b}`` and ``\\{a\\}`` are finite sets (plain braces around one item only group it, except beside a union:
``(0, 1) ∪ {2}``). ``E[w]`` is one name,
the expectation of w: a question declares it as an alias where w stands for E[w]; E alone is never e.
Raw TOML values (numbers, lists) become trees too (:func:`read_answer`).
"""
from __future__ import annotations

import math
from fractions import Fraction

from . import limits, notes
from .errors import AnswerShapeError, AnswerSyntaxError
from .tokens import Token, tokenize
from .tree import (Call, Group, Logic, Name, Neg, Node, Num, Power, Product, Relation, Rows,
                   Sequence, SetUnion, Sum, Transpose)

FUNCTIONS = {"sqrt": "sqrt", "abs": "abs", "log": "log", "ln": "log", "exp": "exp",
             "min": "min", "max": "max", "ceil": "ceil", "floor": "floor", "pinv": "pinv"}
ROUNDING = {"ceil<": ("ceil", "ceil>", "⌉"), "floor<": ("floor", "floor>", "⌋")}  # ⌈x⌉, ⌊x⌋
RELATIONS = {"<", "<=", ">", ">=", "=", "in"}
OPERAND_STARTS = {"name", "sqrt", "frac", "(", "[", "{", "set{", "|<", "begin_matrix", *ROUNDING}
CLOSING = {"(": ")", "[": "]", "{": "}", "set{": "set}"}
CLOSING_TEXT = {"set{": "\\}"}
EXPECTATION = "E"
MAX_INTEGER_BITS = int(limits.MAX_NUMBER_CHARS * math.log2(10))


def parse(text: str) -> Node:
    """The syntax tree of one answer string. Raises AnswerSyntaxError (with a note)."""
    tokens = tokenize(text)
    if tokens[0].kind == "end":
        raise AnswerSyntaxError("your answer is empty", None, notes.EMPTY)
    return _Parser(tokens).answer()


def read_answer(raw: object) -> Node:
    """The syntax tree of a raw answers.toml value: a string, a number or a (nested) list."""
    if isinstance(raw, bool):
        raise AnswerShapeError("true/false is not an answer to this question", notes.KIND)
    if isinstance(raw, int):
        if abs(raw).bit_length() > MAX_INTEGER_BITS:
            raise AnswerSyntaxError("your number is too large", None, notes.TOO_LARGE)
        return Num(Fraction(raw), 0)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise AnswerShapeError("your number is not finite", notes.KIND)
        return Num(Fraction(repr(raw)), 0)
    if isinstance(raw, str):
        return parse(raw)
    if isinstance(raw, (list, tuple)):
        return _read_list(raw, nesting=1)
    raise AnswerShapeError(f"a {type(raw).__name__} is not an answer to this question", notes.KIND)


def _read_list(raw: list | tuple, nesting: int) -> Group:
    if not raw:
        raise AnswerSyntaxError("your list is empty", None, notes.EMPTY)
    if len(raw) > max(limits.MAX_LIST_ITEMS, limits.MAX_MATRIX_SIDE):
        raise AnswerSyntaxError(f"your list is too long ({len(raw)} items)", None, notes.TOO_LARGE)
    items = []
    for index, item in enumerate(raw, start=1):
        if isinstance(item, (list, tuple)):
            if nesting >= 2:
                raise AnswerShapeError("lists may be nested at most two deep (a matrix)")
            items.append(_read_list(item, nesting + 1))
            continue
        try:
            items.append(read_answer(item))
        except AnswerShapeError:
            raise
        except AnswerSyntaxError as error:
            raise AnswerSyntaxError(f"in item {index}: {error.student_message()}", None, error.note) from None
    return Group("[", tuple(items), "]", 0)


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0
        self.abs_depth = 0  # plain bars '|' still open

    # -- helpers ------------------------------------------------------------------------------
    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, kind: str) -> Token:
        if self.token.kind != kind:
            raise self.unexpected(f"expected '{kind}'")
        return self.advance()

    def unexpected(self, hint: str = "") -> AnswerSyntaxError:
        token = self.token
        what = "unexpected end of your answer" if token.kind == "end" else f"unexpected {token.text!r}"
        return AnswerSyntaxError(f"{what}{' (' + hint + ')' if hint else ''}", token.pos)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > limits.MAX_DEPTH:
            raise AnswerSyntaxError(
                f"your answer is nested too deeply (more than {limits.MAX_DEPTH} levels)",
                self.token.pos, notes.TOO_DEEP)

    def starts_operand(self) -> bool:
        kind = self.token.kind
        return kind in OPERAND_STARTS or (kind == "|" and self.abs_depth == 0)

    # -- grammar ------------------------------------------------------------------------------
    def answer(self) -> Node:
        pos = self.token.pos
        items = self.items()
        if self.token.kind != "end":
            raise self.unexpected()
        return items[0] if len(items) == 1 else Sequence(tuple(items), pos)

    def items(self) -> list[Node]:
        self.enter()
        items = [self.logic()]
        while self.token.kind == ",":
            self.advance()
            items.append(self.logic())
        self.depth -= 1
        return items

    def logic(self) -> Node:
        return self.chain("or", self.conj, {"or"})

    def conj(self) -> Node:
        return self.chain("and", self.relation, {"and", "&"})

    def chain(self, op: str, operand, separators: set[str]) -> Node:
        pos = self.token.pos
        items = [operand()]
        while self.token.kind in separators:
            self.advance()
            items.append(operand())
        return items[0] if len(items) == 1 else Logic(op, tuple(items), pos)

    def relation(self) -> Node:
        pos = self.token.pos
        operands = [self.union()]
        ops = []
        while self.token.kind in RELATIONS:
            ops.append(self.advance().kind)
            operands.append(self.union())
        return operands[0] if not ops else Relation(tuple(operands), tuple(ops), pos)

    def union(self) -> Node:
        pos = self.token.pos
        items = [self.additive()]
        while self.token.kind == "union":
            self.advance()
            items.append(self.additive())
        return items[0] if len(items) == 1 else SetUnion(tuple(items), pos)

    def additive(self) -> Node:
        pos = self.token.pos
        terms = [self.term()]
        signs = ["+"]
        while self.token.kind in {"+", "-", "±"}:
            signs.append(self.advance().kind)
            terms.append(self.term())
        return terms[0] if len(terms) == 1 else Sum(tuple(terms), tuple(signs), pos)

    def term(self) -> Node:
        pos = self.token.pos
        factors = [self.unary()]
        ops = ["*"]
        while True:
            if self.token.kind in {"*", "/"}:
                ops.append(self.advance().kind)
                factors.append(self.unary())
            elif self.starts_operand():
                ops.append("*")
                factors.append(self.power())
            else:
                break
        return factors[0] if len(factors) == 1 else Product(tuple(factors), tuple(ops), pos)

    def unary(self) -> Node:
        token = self.token
        if token.kind in {"-", "+"}:
            self.advance()
            self.enter()
            operand = self.unary()
            self.depth -= 1
            return Neg(operand, token.pos) if token.kind == "-" else operand
        return self.power()

    def power(self) -> Node:
        node = self.postfix()
        while self.token.kind == "^":
            caret = self.advance()
            if self.is_transpose_exponent():
                node = Transpose(node, caret.pos)
                continue
            if self.is_pseudo_inverse_exponent():
                node = Call("pinv", (node,), caret.pos)
                continue
            self.enter()
            node = Power(node, self.signed_power(), node.pos)
            self.depth -= 1
        return node

    def is_transpose_exponent(self) -> bool:
        """``^T``, ``^\\top``, ``^{\\top}`` (a plain ``^T`` stays a power of the name T)."""
        if self.token.kind == "T":
            self.advance()
            return True
        kinds = [t.kind for t in self.tokens[self.index:self.index + 3]]
        if kinds == ["{", "T", "}"]:
            self.index += 3
            return True
        return False

    def is_pseudo_inverse_exponent(self) -> bool:
        """``^{+}``, ``^\\dagger``, ``^†``, and ``^+`` unless a number or a bracket written against it follows
        (``X^+ y``, ``X^+y``, ``(X^+)y`` are pseudo-inverses; ``2^+3`` and ``x^+(1/2)`` stay powers)."""
        if self.token.kind == "dagger":
            self.advance()
            return True
        kinds = [t.kind for t in self.tokens[self.index:self.index + 3]]
        if kinds in (["{", "+", "}"], ["{", "dagger", "}"]):
            self.index += 3
            return True
        if kinds[:1] != ["+"]:
            return False
        plus, following = self.tokens[self.index], self.tokens[self.index + 1]
        attached = following.pos == plus.pos + len(plus.text)
        if following.kind == "num" or (attached and following.kind in CLOSING):
            return False
        self.advance()
        return True

    def signed_power(self) -> Node:
        token = self.token
        if token.kind in {"-", "+"}:
            self.advance()
            self.enter()
            operand = self.signed_power()
            self.depth -= 1
            return Neg(operand, token.pos) if token.kind == "-" else operand
        return self.power()

    def postfix(self) -> Node:
        node = self.primary()
        while True:
            token = self.token
            if token.kind in {"T", "'"}:
                self.advance()
                node = Transpose(node, token.pos, prime=token.kind == "'")
            elif token.kind == "dagger":
                self.advance()
                node = Call("pinv", (node,), token.pos)
            elif token.kind == "%":
                self.advance()
                node = Product((node, Num(Fraction(100), token.pos)), ("*", "/"), token.pos)
            elif token.kind == "!":
                raise AnswerSyntaxError("factorials are not supported", token.pos)
            else:
                return node

    def primary(self) -> Node:
        token = self.token
        kind = token.kind
        if kind == "num":
            self.advance()
            return Num(token.value, token.pos)
        if kind == "name":
            self.advance()
            if token.value in FUNCTIONS:
                return self.function(FUNCTIONS[token.value], token)
            if token.value == EXPECTATION and [t.kind for t in self.tokens[self.index:self.index + 3]] == ["[", "name", "]"]:
                inner = self.tokens[self.index + 1]
                self.index += 3
                return Name(f"E[{inner.value}]", f"E[{inner.text}]", token.pos)
            return Name(str(token.value), token.text, token.pos)
        if kind == "sqrt":
            self.advance()
            return self.root(token)
        if kind == "frac":
            self.advance()
            numerator = self.frac_argument()
            denominator = self.frac_argument()
            return Product((numerator, denominator), ("*", "/"), token.pos)
        if kind in CLOSING:
            return self.bracket()
        if kind == "|" or kind == "|<":
            return self.absolute_value()
        if kind in ROUNDING:
            return self.rounded()
        if kind == "begin_matrix":
            return self.matrix_environment()
        raise self.unexpected()

    def function(self, func: str, token: Token) -> Node:
        self.enter()
        base = self.log_base() if self.token.kind == "_" else None
        if self.token.kind in {"(", "{"}:
            opening = self.advance().kind
            args = self.items()
            self.expect(CLOSING[opening])
        else:
            args = [self.power()]
        self.depth -= 1
        if func not in {"min", "max"} and len(args) != 1:
            raise AnswerSyntaxError(f"{token.text} takes one argument, not {len(args)}", token.pos)
        return Call(func, (*args, base) if base is not None else tuple(args), token.pos)

    def log_base(self) -> Node:
        """The base after ``log_``: ``{...}``, a whole number (``log_10``) or a name (``\\log_\\beta``)."""
        self.advance()
        token = self.token
        if token.kind == "{":
            return self.frac_argument()
        if token.kind in {"num", "name"} and token.value not in FUNCTIONS:
            self.advance()
            return Num(token.value, token.pos) if token.kind == "num" else Name(str(token.value), token.text, token.pos)
        raise self.unexpected("expected the base of the logarithm after '_'")

    def root(self, token: Token) -> Node:
        """``\\sqrt{x}``, ``\\sqrt[3]{x}``, ``√x``, ``√(1−β)``."""
        index = None
        if self.token.kind == "[":
            self.advance()
            index = self.additive()
            self.expect("]")
        self.enter()
        argument = self.frac_argument() if self.token.kind == "{" else self.power()
        self.depth -= 1
        if index is None:
            return Call("sqrt", (argument,), token.pos)
        return Call("root", (argument, index), token.pos)

    def frac_argument(self) -> Node:
        """``{...}``, or one token as in ``\\frac12`` and ``\\frac1\\sigma``."""
        token = self.token
        if token.kind == "{":
            self.advance()
            self.enter()
            node = self.logic()
            self.depth -= 1
            self.expect("}")
            return node
        if token.kind == "num" and len(token.text) > 1 and token.text.isdigit():
            first, rest = token.text[0], token.text[1:]
            self.tokens[self.index] = Token("num", rest, token.pos + 1, Fraction(int(rest)))
            return Num(Fraction(int(first)), token.pos)
        if token.kind in {"num", "name"}:
            return self.primary()
        raise self.unexpected("expected '{'")

    def bracket(self) -> Node:
        beside_union = self.index > 0 and self.tokens[self.index - 1].kind == "union"
        opening = self.advance()
        if self.token.kind == CLOSING[opening.kind]:
            raise self.unexpected("empty brackets")
        saved_abs = self.abs_depth
        self.abs_depth = 0
        items = self.items()
        if opening.kind == "[" and self.token.kind == ";":
            rows = [tuple(items)]
            while self.token.kind == ";":
                self.advance()
                rows.append(tuple(self.items()))
            self.expect("]")
            self.abs_depth = saved_abs
            return Rows(tuple(rows), opening.pos)
        closing = self.token
        allowed = {")", "]"} if len(items) > 1 and opening.kind in {"(", "["} else {CLOSING[opening.kind]}
        if closing.kind not in allowed:
            raise self.unexpected(f"expected '{CLOSING_TEXT.get(opening.kind, CLOSING[opening.kind])}'")
        self.advance()
        self.abs_depth = saved_abs
        beside_union = beside_union or self.token.kind == "union"
        if opening.kind in {"{", "set{"} and (len(items) > 1 or opening.kind == "set{" or beside_union):
            return Group("{", tuple(items), "}", opening.pos)  # a finite set: {a, b}, \\{a\\}, or {a} in a union
        if opening.kind != "[" and len(items) == 1:
            return items[0]
        return Group(opening.kind, tuple(items), closing.kind, opening.pos)

    def absolute_value(self) -> Node:
        opening = self.advance()
        self.enter()
        saved_abs = self.abs_depth
        self.abs_depth = 1 if opening.kind == "|" else 0
        inner = self.additive()
        self.expect("|" if opening.kind == "|" else "|>")
        self.abs_depth = saved_abs
        self.depth -= 1
        return Call("abs", (inner,), opening.pos)

    def rounded(self) -> Node:
        """``⌈x⌉`` / ``\\lceil x \\rceil`` and ``⌊x⌋`` / ``\\lfloor x \\rfloor``."""
        opening = self.advance()
        func, closing, closing_text = ROUNDING[opening.kind]
        self.enter()
        saved_abs = self.abs_depth
        self.abs_depth = 0
        inner = self.additive()
        if self.token.kind != closing:
            raise self.unexpected(f"expected '{closing_text}'")
        self.advance()
        self.abs_depth = saved_abs
        self.depth -= 1
        return Call(func, (inner,), opening.pos)

    def matrix_environment(self) -> Node:
        begin = self.advance()
        rows: list[tuple[Node, ...]] = []
        row = [self.additive()]
        while True:
            kind = self.token.kind
            if kind == "&":
                self.advance()
                row.append(self.additive())
            elif kind == "rowsep":
                self.advance()
                rows.append(tuple(row))
                if self.token.kind == "end_matrix":
                    row = []
                    break
                row = [self.additive()]
            else:
                break
        if row:
            rows.append(tuple(row))
        self.expect("end_matrix")
        return Rows(tuple(rows), begin.pos)
