"""Tokenizer: plain text, Unicode and LaTeX answers become one stream of tokens.

Every token keeps the character offset where it starts, so that an error can point at it. Names
come out canonical (``\\sigma_{\\ell}`` -> ``sigma_l``, ``a_{t+1}`` -> ``a_t+1``, ``\\eta^*`` -> ``eta^*``, ``β′`` ->
``beta_prime``; ``\\vec{w}`` and ``\\bm{w}`` are ``w``);
operators come out as one spelling (``\\leq``, ``≤`` and ``<=`` are all ``<=``). ``\\{ \\}`` are set braces
(``set{`` / ``set}``), and ``_`` after ``log`` opens its base (``\\log_2 x``). Nothing here interprets the math.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from fractions import Fraction

from . import limits, notes
from .errors import AnswerSyntaxError
from .names import (GREEK_LETTERS, LATEX_NAME_VARIANTS, UNICODE_GREEK, UNICODE_SUBSCRIPTS, canonical_base,
                    canonical_name)


@dataclass(frozen=True)
class Token:
    """``kind`` is ``num``, ``name``, ``end`` or the canonical operator (``+``, ``<=``, ``and``, ...).
    ``value`` is the number (a Fraction) or the canonical name."""

    kind: str
    text: str
    pos: int
    value: object = None


NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
LATIN_WORD = re.compile(r"[A-Za-z]+")
DIGITS = re.compile(r"[0-9]+")
LATEX_COMMAND = re.compile(r"\\(?:[A-Za-z]+|.)", re.DOTALL)
SUBSCRIPT_WORD = re.compile(r"[A-Za-z0-9]+")
# A star that is part of a name: eta^*, eta^{*}, eta^\ast, w^\star, or eta* just before a relation (eta* = 1/2).
STAR = re.compile(r"\^(?:\*|\\(?:ast|star)(?![A-Za-z])|\{\s*(?:\*|\\ast|\\star)\s*\})"
                  r"|\*(?=\s*(?:[=<>≤≥]|\\(?:leq?|geq?|lt|gt)(?![A-Za-z])))")

# A prime that is part of a name: β′, \beta^\prime, \beta^{\prime}, \beta\prime (the name beta_prime). The ASCII
# beta' is a transpose token here; the parser's scope reads it as beta_prime where a question declares that name.
PRIME = re.compile(r"′|\^(?:\\prime(?![A-Za-z])|\{\s*\\prime\s*\})|\\prime(?![A-Za-z])")
PRIMED = "prime"

ASCII_DIGITS = set("0123456789")
KEYWORDS = {"and": "and", "or": "or", "in": "in"}

# Characters that are one token each; several spellings of one operator.
SYMBOL_TOKENS = {
    "**": "^", "<=": "<=", ">=": ">=", "==": "=", "=<": "<=", "&&": "and",
    "+/-": "±", "!=": "≠",
    "+": "+", "-": "-", "−": "-", "–": "-", "*": "*", "·": "*", "⋅": "*", "×": "*",
    "∗": "*", "•": "*", "/": "/", "÷": "/", "^": "^", "±": "±", "<": "<", ">": ">",
    "=": "=", "≤": "<=", "⩽": "<=", "≥": ">=", "⩾": ">=", "≠": "≠", "∧": "and", "∨": "or",
    "∪": "union", "∈": "in", "(": "(", ")": ")", "[": "[", "]": "]", "{": "{", "}": "}",
    "|": "|", ",": ",", ";": ";", "&": "&", "'": "'", "!": "!", "%": "%", "ᵀ": "T",
    "⊤": "T", "√": "sqrt", "†": "dagger", "⌈": "ceil<", "⌉": "ceil>", "⌊": "floor<", "⌋": "floor>",
}
SYMBOL_SPELLINGS = sorted(SYMBOL_TOKENS, key=len, reverse=True)

SUPERSCRIPTS = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8",
    "⁹": "9", "⁻": "-", "⁺": "+",
}

LATEX_OPERATORS = {
    "cdot": "*", "times": "*", "ast": "*", "div": "/", "pm": "±", "le": "<=", "leq": "<=",
    "leqslant": "<=", "lt": "<", "ge": ">=", "geq": ">=", "geqslant": ">=", "gt": ">",
    "neq": "≠", "ne": "≠", "land": "and", "wedge": "and", "lor": "or", "vee": "or",
    "cup": "union", "in": "in", "top": "T", "intercal": "T", "sqrt": "sqrt", "frac": "frac",
    "dfrac": "frac", "tfrac": "frac", "cfrac": "frac", "lvert": "|<", "rvert": "|>",
    "vert": "|", "{": "set{", "}": "set}", "\\": "rowsep", "%": "%", "dagger": "dagger",
    "lceil": "ceil<", "rceil": "ceil>", "lfloor": "floor<", "rfloor": "floor>",
}
LATEX_NAMES = {"infty": "inf", "ell": "ell", "min": "min", "max": "max", "log": "log",
               "ln": "ln", "exp": "exp"}
LATEX_SPACING = {",", ";", ":", "!", " ", "quad", "qquad", "displaystyle", "textstyle", "limits"}
# \vec{w}, \bm{w}, \boldsymbol{w} and \mathbf{w} are the name w (the notes write vectors with arrows).
LATEX_WRAPPERS = {"text", "textrm", "mathrm", "operatorname", "mathbf", "boldsymbol", "bm", "vec",
                  "mathit", "mathsf", "mathnormal", "mathbb"}
LATEX_SIZES_OPEN = {"left", "bigl", "Bigl", "biggl", "Biggl"}
LATEX_SIZES_CLOSE = {"right", "bigr", "Bigr", "biggr", "Biggr"}
LATEX_SIZES_PLAIN = {"big", "Big", "bigg", "Bigg", "middle"}
MATRIX_ENVIRONMENTS = {"matrix", "pmatrix", "bmatrix", "Bmatrix", "smallmatrix"}
KNOWN_COMMANDS = sorted(
    set(LATEX_OPERATORS) | set(LATEX_NAMES) | LATEX_SPACING | LATEX_WRAPPERS | LATEX_SIZES_OPEN
    | LATEX_SIZES_CLOSE | LATEX_SIZES_PLAIN | set(GREEK_LETTERS) | set(LATEX_NAME_VARIANTS)
    | {"begin", "end"}
)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, ending with an ``end`` token. Raises AnswerSyntaxError."""
    if len(text) > limits.MAX_CHARS:
        raise AnswerSyntaxError(
            f"your answer is too long ({len(text)} characters; at most {limits.MAX_CHARS})",
            None, notes.TOO_LONG)
    tokens = _Tokenizer(text, 0, 0).run()
    tokens.append(Token("end", "", len(text)))
    return tokens


class _Tokenizer:
    def __init__(self, text: str, offset: int, nesting: int) -> None:
        self.text = text
        self.offset = offset  # position of text[0] in the whole answer (for \text{...} contents)
        self.nesting = nesting
        self.i = 0
        self.tokens: list[Token] = []

    def error(self, message: str, at: int | None = None) -> AnswerSyntaxError:
        return AnswerSyntaxError(message, self.offset + (self.i if at is None else at))

    def emit(self, kind: str, start: int, value: object = None) -> None:
        if len(self.tokens) >= limits.MAX_TOKENS:
            raise AnswerSyntaxError(
                f"your answer has too many parts (more than {limits.MAX_TOKENS} symbols)",
                None, notes.TOO_LONG)
        self.tokens.append(Token(kind, self.text[start:self.i], self.offset + start, value))

    def run(self) -> list[Token]:
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            start = self.i
            if char.isspace() or char in "$~":
                self.i += 1
            elif char in ASCII_DIGITS or (char == "." and text[self.i + 1:self.i + 2] in ASCII_DIGITS):
                self.number()
            elif char.isascii() and char.isalpha():
                self.latin_word()
            elif char in UNICODE_GREEK:
                self.i += 1
                self.name(char, start)
            elif char == "∞":
                self.i += 1
                self.emit("name", start, "inf")
            elif char == "\\":
                self.latex_command()
            elif char in SUPERSCRIPTS:
                self.superscript()
            else:
                self.symbol(start)
        return self.tokens

    def number(self) -> None:
        start = self.i
        match = NUMBER.match(self.text, self.i)
        assert match is not None
        if len(match.group()) > limits.MAX_NUMBER_CHARS:
            raise AnswerSyntaxError(
                f"the number starting at character {self.offset + start + 1} is too long "
                f"(at most {limits.MAX_NUMBER_CHARS} characters)", None, notes.TOO_LARGE)
        self.i = match.end()
        self.emit("num", start, _fraction(self.text[start:self.i], self.offset + start))

    def latin_word(self) -> None:
        start = self.i
        word = LATIN_WORD.match(self.text, self.i).group()
        self.i += len(word)
        if word.lower() in KEYWORDS:
            self.emit(KEYWORDS[word.lower()], start)
            return
        if word == "U" and self.between_intervals():
            self.emit("union", start)
            return
        digits = DIGITS.match(self.text, self.i)
        if digits and canonical_base(word) == "log":  # log10 x, log2(x): the base follows "log"
            self.emit("name", start, "log")
            self.emit("_", self.i)
            self.i = digits.end()
            self.emit("num", digits.start(), _fraction(digits.group(), self.offset + digits.start()))
            return
        subscripts = []
        if digits:
            self.i = digits.end()
            subscripts.append(digits.group())
        self.name(word, start, subscripts)

    def between_intervals(self) -> bool:
        """A lone ``U`` between intervals or sets is a union, as in ``(0, 1) U (2, 3)`` or ``(0, 1] U {2}``."""
        rest = self.text[self.i:].lstrip()
        return (bool(self.tokens) and self.tokens[-1].kind in {")", "]", "}", "set}"}
                and (rest[:1] in {"(", "[", "{"} or rest.startswith("\\{")))

    def name(self, base: str, start: int, subscripts: list[str] | None = None) -> None:
        subscripts = list(subscripts or [])
        if not subscripts and canonical_base(base) == "log" and self.text.startswith("_", self.i):
            self.emit("name", start, "log")
            self.i += 1
            self.emit("_", self.i - 1)  # the parser reads the base: log_2 x, \log_{|b|}(x)
            return
        subscripts.extend(self.subscripts())
        if self.prime():
            subscripts.append(PRIMED)
        starred = self.star()
        if starred:
            subscripts.extend(self.subscripts())  # \eta^*_1 is \eta_1^*
        self.emit("name", start, canonical_name(base, tuple(subscripts)) + ("^*" if starred else ""))

    def prime(self) -> bool:
        """Read a prime that belongs to the name before it (β′ is the name beta_prime)."""
        match = PRIME.match(self.text, self.i)
        if match:
            self.i = match.end()
        return match is not None

    def star(self) -> bool:
        """Read a star that belongs to the name before it (eta^* is a name, not a power)."""
        match = STAR.match(self.text, self.i)
        if match:
            self.i = match.end()
        return match is not None

    def subscripts(self) -> list[str]:
        """Read ``_l``, ``_{\\ell}``, ``_\\ell``, ``_max``, ``ₗ`` after a name."""
        parts = []
        while self.i < len(self.text):
            char = self.text[self.i]
            if char in UNICODE_SUBSCRIPTS:
                run = ""
                while self.i < len(self.text) and self.text[self.i] in UNICODE_SUBSCRIPTS:
                    run += UNICODE_SUBSCRIPTS[self.text[self.i]]
                    self.i += 1
                parts.append(run)
            elif char == "_":
                self.i += 1
                parts.append(self.subscript())
            else:
                return parts
        return parts

    def subscript(self) -> str:
        text = self.text
        if self.i >= len(text):
            raise self.error("expected a subscript after '_'", self.i - 1)
        char = text[self.i]
        if char == "{":
            close = text.find("}", self.i)
            if close < 0:
                raise self.error("missing '}' after the subscript", self.i)
            inner = _Tokenizer(text[self.i + 1:close], self.offset + self.i + 1, self.nesting + 1)
            self.i = close + 1
            return "".join(_subscript_word(token) for token in inner.run())
        if char == "\\":
            command = self.command_at(self.i)
            self.i += len(command) + 1
            return LATEX_NAMES.get(command, command)
        if char in UNICODE_GREEK:
            self.i += 1
            return char
        word = SUBSCRIPT_WORD.match(text, self.i)
        if word is None:
            raise self.error("expected a subscript after '_'", self.i - 1)
        self.i = word.end()
        return word.group()

    def command_at(self, start: int) -> str:
        """The name of the LaTeX command starting with the backslash at ``start``."""
        match = LATEX_COMMAND.match(self.text, start)
        if match is None:
            raise self.error("a backslash must start a command such as \\frac", start)
        return match.group()[1:]

    def latex_command(self) -> None:
        start = self.i
        command = self.command_at(start)
        self.i += len(command) + 1
        if command in LATEX_SPACING:
            return
        if command in LATEX_OPERATORS:
            self.emit(LATEX_OPERATORS[command], start)
        elif command in LATEX_NAMES:
            self.name(LATEX_NAMES[command], start)
        elif command in GREEK_LETTERS or command in LATEX_NAME_VARIANTS:
            self.name(command, start)
        elif command in LATEX_WRAPPERS:
            self.wrapped(start)
        elif command in LATEX_SIZES_OPEN | LATEX_SIZES_CLOSE | LATEX_SIZES_PLAIN:
            self.sized_delimiter(command, start)
        elif command in {"begin", "end"}:
            self.environment(command, start)
        else:
            guess = difflib.get_close_matches(command, KNOWN_COMMANDS, n=1)
            hint = f" (did you mean \\{guess[0]}?)" if guess else ""
            raise self.error(f"unknown command '\\{command}'{hint}", start)

    def braced(self, start: int) -> tuple[str, int]:
        """The text inside ``{...}`` that follows a command, and its offset."""
        while self.i < len(self.text) and self.text[self.i].isspace():
            self.i += 1
        if self.text[self.i:self.i + 1] != "{":
            raise self.error("expected '{' after the command", start)
        close = self.text.find("}", self.i)
        if close < 0:
            raise self.error("missing '}'", self.i)
        inner_start = self.i + 1
        self.i = close + 1
        return self.text[inner_start:close], inner_start

    def wrapped(self, start: int) -> None:
        """``\\text{and}``, ``\\mathbf{X}``, ``\\operatorname{sqrt}``: tokenize the content."""
        if self.nesting >= limits.MAX_LATEX_NESTING:
            raise AnswerSyntaxError("your answer is nested too deeply", self.offset + start,
                                    notes.TOO_DEEP)
        inner, inner_start = self.braced(start)
        tokens = _Tokenizer(inner, self.offset + inner_start, self.nesting + 1).run()
        if len(tokens) == 1 and tokens[0].kind == "name":
            self.name(str(tokens[0].value), start)  # \mathbf{I}_n: what follows the braces belongs to the name
            return
        for token in tokens:
            self.tokens.append(token)
        if len(self.tokens) > limits.MAX_TOKENS:
            raise AnswerSyntaxError("your answer has too many parts", None, notes.TOO_LONG)

    def sized_delimiter(self, command: str, start: int) -> None:
        """``\\left|`` opens an absolute value, ``\\right|`` closes it; other sizes are ignored."""
        while self.i < len(self.text) and self.text[self.i].isspace():
            self.i += 1
        if self.text[self.i:self.i + 1] == ".":
            self.i += 1
            return
        bar = self.text[self.i:self.i + 1] == "|" or self.text.startswith("\\vert", self.i)
        if not bar:
            return  # the delimiter itself is read as usual
        self.i += 1 if self.text[self.i] == "|" else len("\\vert")
        kind = "|<" if command in LATEX_SIZES_OPEN else "|>" if command in LATEX_SIZES_CLOSE else "|"
        self.emit(kind, start)

    def environment(self, command: str, start: int) -> None:
        name, _ = self.braced(start)
        if name.strip() not in MATRIX_ENVIRONMENTS:
            raise self.error(f"the environment '{name.strip()}' is not supported; "
                             "use pmatrix or bmatrix for a matrix", start)
        self.emit("begin_matrix" if command == "begin" else "end_matrix", start)

    def superscript(self) -> None:
        """``σ²`` is ``σ^2``, ``x⁻¹`` is ``x^-1`` and ``X⁺`` is ``X^+`` (the pseudo-inverse)."""
        start = self.i
        self.emit("^", start)
        if self.text[self.i] == "⁺":
            self.i += 1
            self.emit("dagger", start)
            return
        if self.text[self.i] == "⁻":
            self.i += 1
            self.emit("-", start)
        digits_start = self.i
        digits = ""
        while self.i < len(self.text) and self.text[self.i] in SUPERSCRIPTS and self.text[self.i] not in "⁻⁺":
            digits += SUPERSCRIPTS[self.text[self.i]]
            self.i += 1
        if not digits:
            raise self.error("expected superscript digits", start)
        self.emit("num", digits_start, Fraction(int(digits)))

    def symbol(self, start: int) -> None:
        for spelling in SYMBOL_SPELLINGS:
            if self.text.startswith(spelling, self.i):
                self.i += len(spelling)
                kind = SYMBOL_TOKENS[spelling]
                if kind == "≠":
                    raise self.error("'≠' is not supported here", start)
                self.emit(kind, start)
                return
        raise self.error(f"unexpected {self.text[self.i]!r}", start)


_EXPONENT = re.compile(r"[eE]([+-]?[0-9]+)$")


def _fraction(text: str, position: int) -> Fraction:
    exponent = _EXPONENT.search(text)
    if exponent and abs(int(exponent.group(1))) > limits.MAX_LOG10_MAGNITUDE:
        raise AnswerSyntaxError(f"the number '{text}' is too large or too small", position,
                                notes.TOO_LARGE)
    return Fraction(text)


def _subscript_word(token: Token) -> str:
    if token.kind in {"+", "-"}:
        return token.kind  # a_{t+1}, w_{t-1}
    if token.kind == "name":
        return str(token.value)
    if token.kind == "num":
        return token.text
    raise AnswerSyntaxError(f"unexpected {token.text!r} in a subscript", token.pos)
