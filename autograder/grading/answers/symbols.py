"""Declared symbols and how a typed name resolves to one of them.

A question declares its symbols with aliases and a domain; a student's name resolves to a declared
symbol by its canonical spelling (``σ_ℓ`` = ``sigma_ell`` = ``sigma_l``), then case-insensitively
when that is unambiguous (``Eta``), then as a product of declared names (``etasigma``, ``XX``).
A capital E is never Euler's number (in this course it is an expectation or a named bound).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Mapping

import sympy

from . import notes
from .errors import AnswerSyntaxError, DeclarationError
from .parse import parse
from .tree import Name

CONSTANTS = {"pi": sympy.pi, "e": sympy.E, "inf": sympy.oo, "infty": sympy.oo,
             "infinity": sympy.oo, "oo": sympy.oo}
FUNCTION_NAMES = ("sqrt", "abs", "log", "ln", "exp", "min", "max", "ceil", "floor", "pinv")
CASE_SENSITIVE = {"e"}  # E does not fold onto e


@dataclass(frozen=True)
class Symbol:
    """A scalar symbol of a question. ``interval`` is the open interval of its domain (None:
    unbounded), used for sampling and for conditions: eta (0, None), beta (0, 1), epsilon (0, 1)."""

    name: str
    aliases: tuple[str, ...] = ()
    positive: bool = True
    interval: tuple[float | None, float | None] = (0, None)

    @cached_property
    def sym(self) -> sympy.Symbol:
        """The sympy symbol: real, and positive when declared so (made once per Symbol: the
        comparisons ask for it at every sampled point)."""
        if self.positive:
            return sympy.Symbol(self.name, positive=True, real=True)
        return sympy.Symbol(self.name, real=True)

    def spellings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(spelling_key(text) for text in (self.name, *self.aliases)))


@dataclass(frozen=True)
class MatrixSymbol:
    """A matrix of a matrix-expression answer; ``shape`` names its dimensions (X is n x d)."""

    name: str
    aliases: tuple[str, ...] = ()
    shape: tuple[str | int, str | int] = ("n", "d")

    def spellings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(spelling_key(text) for text in (self.name, *self.aliases)))


@lru_cache(maxsize=4096)
def spelling_key(text: str) -> str:
    """The canonical spelling of a declared name or alias: ``spelling_key("\\\\sigma_{\\\\ell}") == "sigma_l"``,
    ``spelling_key("E[w_t]") == "E[w_t]"``."""
    node = parse(text)
    if not isinstance(node, Name):
        raise ValueError(f"{text!r} is not a single name")
    return node.name


@dataclass(frozen=True)
class Scope:
    """What names mean in one question: canonical spelling -> object (a sympy symbol, a
    MatrixSymbol, a constant) and the display name used in suggestions; ``unlisted`` names resolve
    but are never suggested."""

    meanings: Mapping[str, object]
    display: Mapping[str, str] = field(default_factory=dict)
    unlisted: frozenset[str] = frozenset()

    @classmethod
    def of(cls, declared: tuple[Symbol | MatrixSymbol, ...] = (),
           extra: Mapping[str, object] | None = None, unlisted: Mapping[str, object] | None = None) -> Scope:
        """Constants (pi, e, inf) unless a declared name shadows them, then the declared symbols
        (a Symbol means its sympy symbol, a MatrixSymbol itself), then ``extra`` names, then
        ``unlisted`` names (a name allowed left of "=" only, the identity I_n beside I)."""
        meanings: dict[str, object] = dict(CONSTANTS)
        display: dict[str, str] = {}
        for item in declared:
            meaning = item.sym if isinstance(item, Symbol) else item
            for spelling in item.spellings():
                if spelling in display and meanings[spelling] != meaning:
                    raise DeclarationError(f"'{spelling}' names both {display[spelling]} and {item.name}")
                meanings[spelling] = meaning
                display[spelling] = item.name
        for name, meaning in {**(extra or {}), **(unlisted or {})}.items():
            meanings[name] = meaning
            display[name] = name
        return cls(meanings, display, frozenset(unlisted or ()))

    @cached_property
    def folded(self) -> dict[str, list[str]]:
        folded: dict[str, list[str]] = {}
        for spelling in self.meanings:
            if spelling in CASE_SENSITIVE:
                continue
            folded.setdefault(spelling.lower(), []).append(spelling)
        return folded

    def resolve(self, node: Name) -> tuple[object, ...]:
        """The meaning of a name; several meanings when it is a run of names (``etasigma``)."""
        if node.name in self.meanings:
            return (self.meanings[node.name],)
        same_letters = self.folded.get(node.name.lower(), [])
        if len(same_letters) == 1:
            return (self.meanings[same_letters[0]],)
        split = self.split(node.name)
        if split:
            return tuple(self.meanings[part] for part in split)
        raise AnswerSyntaxError(self.unknown_message(node), node.pos, notes.UNKNOWN_SYMBOL)

    def split(self, word: str) -> list[str] | None:
        """The fewest declared spellings (no constants) that concatenate to ``word``, or None."""
        parts = [spelling for spelling in self.display if spelling not in CONSTANTS]
        best: list[list[str] | None] = [[]] + [None] * len(word)
        for end in range(1, len(word) + 1):
            for part in parts:
                start = end - len(part)
                if start >= 0 and best[start] is not None and word[start:end] == part:
                    candidate = best[start] + [part]
                    if best[end] is None or len(candidate) < len(best[end]):
                        best[end] = candidate
        return best[-1]

    def unknown_message(self, node: Name) -> str:
        listed = sorted({shown for spelling, shown in self.display.items() if spelling not in self.unlisted})
        keys = {candidate.lower(): candidate for candidate in listed + list(FUNCTION_NAMES)}
        guess = difflib.get_close_matches(node.text.lstrip("\\").lower(), keys, n=1, cutoff=0.6)
        hint = f" (did you mean {keys[guess[0]]}?)" if guess else ""
        known = ", ".join(listed)
        return f"unknown symbol '{node.text}'{hint}" + (f"; this answer may use {known}" if known else "")
