"""The student kit gives no answer away: every kit is built, and every text in it is scanned for every
expected answer of every assignment, in plain, Unicode and LaTeX notation (issue 13).

Both the kit's text and the answers are normalised the same way (``normalise``): Unicode and LaTeX are
rewritten as plain ASCII (σ² -> sigma^2, \\frac{a}{b} -> (a)/(b), Xᵀ -> X^T), then case, spaces, ``*`` and
parentheses around a product are dropped, so ``XX^T + lambda I`` and ``X X^T + λI`` are one
string, and so are ``-eta*(1 - beta)`` and ``−η(1−β)``.

What is scanned, per answer kind:

- expressions, matrix entries, list items, matrix expressions, condition endpoints: each in several forms
  (sympy's plain and LaTeX printing of the answer and of its factored, expanded and combined forms), alone
  and stated (``lambda = sigma^2``, ``eta < 1/sigma^2``, the interval ``(0, 1/sigma^2)``);
- numbers (Number, InSet ends at 3 to 6 significant figures, Integer's accepted counts).

What is not scanned, and why: choice labels (the kit must list the options to be answerable) and free text
(there is no expected text). A *short* form is scanned only stated with the name of the quantity, never
alone: an expression form with fewer than 3 leaves (symbols and numbers: ``sigma^2``, ``1 - beta``, ``X^T``,
``1``) is the notation of the question itself, and a number with fewer than 3 significant digits (``0.5``,
``65``) is as common as any sample value; neither identifies an answer when it stands alone.
"""
from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import pytest
import sympy

from autograder.grading.answers import Choice, Condition, Expression, FreeText, InSet, Integer, Matrix, MatrixExpression
from autograder.grading.answers import Number, UnorderedList
from autograder.grading.answers.conditions import set_pieces
from autograder.assignment import available_assignments, load_assignment
from autograder.tools.build import build_student_kit

MIN_LEAVES = 3
MIN_DIGITS = 3
ORDERS = ("lex", "rev-lex", "old")  # sums printed in several term orders: 1 - 2 eta sigma^2, -2 eta sigma^2 + 1
NOT_SCANNED = (Choice, FreeText)

GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon", "η": "eta",
         "λ": "lambda", "μ": "mu", "ρ": "rho", "σ": "sigma", "Σ": "sigma", "ℓ": "l", "√": "sqrt", "−": "-",
         "·": "*", "×": "*", "⋅": "*", "≤": "<=", "≥": ">=", "±": "+-", "∞": "inf", "ᵀ": "^T"}
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾", "0123456789+-()"))
SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₍₎ₜₗᵢ", "0123456789+-()tli"))
LATEX_WORDS = {r"\ell": "l", r"\varepsilon": "epsilon", r"\top": "T", r"\cdot": "*", r"\times": "*",
               r"\leq": "<=", r"\geq": ">=", r"\le": "<=", r"\ge": ">=", r"\pm": "+-", r"\infty": "inf"}
LATEX_DROPPED = (r"\left", r"\right", r"\,", r"\;", r"\!", r"\mathrm", r"\operatorname", "$")
PRODUCT = r"([^()+\-,<>=|]*(?:\|[^|]*\|[^()+\-,<>=|]*)*)"  # no sum, list or relation outside |...|
LEAF = re.compile(r"[a-z][a-z0-9_]*|\d+(?:\.\d+)?")


def _runs(text: str, table: dict[str, str], mark: str) -> str:
    pattern = "[" + re.escape("".join(table)) + "]+"
    return re.sub(pattern, lambda run: mark + "(" + "".join(table[c] for c in run.group()) + ")", text)


def plain(text: str) -> str:
    """Unicode and LaTeX rewritten as lower-case plain ASCII, spaces and operators kept."""
    text = _runs(_runs(text, SUPERSCRIPTS, "^"), SUBSCRIPTS, "_")
    text = "".join(GREEK.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    for word, replacement in sorted(LATEX_WORDS.items(), key=lambda item: -len(item[0])):
        text = re.sub(re.escape(word) + r"(?![a-zA-Z])", replacement, text)
    for dropped in LATEX_DROPPED:
        text = text.replace(dropped, "")
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)", text)
        text = re.sub(r"\\sqrt\{([^{}]*)\}", r"sqrt(\1)", text)
        text = re.sub(r"(?<!frac)(?<!sqrt)(?<!\})\{([^{}]*)\}", r"(\1)", text)  # not an argument of frac/sqrt
    text = text.replace("\\", "").replace("{", "(").replace("}", ")")
    return text.lower().replace("**", "^")


def _bars(text: str) -> str:
    """``abs(x)`` written ``|x|``."""
    while (start := text.find("abs(")) >= 0:
        depth, end = 0, start + 3
        for end in range(start + 3, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        text = text[:start] + "|" + text[start + 4:end] + "|" + text[end + 1:]
    return text


def _aliases() -> dict[str, str]:
    """Long ASCII aliases of every declared symbol (``eps`` for epsilon); short ones (``n``, ``lr``) would
    rewrite ordinary words."""
    found = {}
    for name in available_assignments():
        for question in load_assignment(name).questions:
            for symbol in getattr(question.kind, "symbols", ()):
                for alias in symbol.aliases:
                    if len(alias) >= 3 and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", alias):
                        found[alias.lower()] = symbol.name.lower()
    return found


ALIASES = _aliases()
ALIAS = re.compile(r"(?<![a-z0-9_])(" + "|".join(sorted(map(re.escape, ALIASES), key=len, reverse=True)) + r")(?![a-z0-9_])")


def normalise(text: str) -> str:
    """``plain`` with long aliases renamed, then without spaces and ``*``, with ``abs(x)`` as ``|x|``, and
    without parentheses around a signed leaf or its power, and around products (``1/(2 beta)`` as
    ``1/2beta``: the same on both sides of the comparison, so a scan may only gain false alarms)."""
    text = _bars(re.sub(r"[\s*]", "", ALIAS.sub(lambda match: ALIASES[match.group()], plain(text))))
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\((-?[a-z0-9_.]+(?:\^-?[a-z0-9_.]+)?|\|[^|]*\|)\)", r"\1", text)
        text = re.sub(r"\(" + PRODUCT + r"\)", r"\1", text)
        text = re.sub(r"\|\(([^()|]*)\)\|", r"|\1|", text)
    return text


def leaves(form: str) -> int:
    return len(LEAF.findall(plain(form)))


@dataclass(frozen=True)
class Needle:
    text: str  # normalised
    origin: str  # assignment, key and the form it came from

    def found_in(self, haystack: str) -> bool:
        if re.fullmatch(r"[\d.]+", self.text):  # a number: not part of a longer number
            return re.search(rf"(?<![\d.]){re.escape(self.text)}(?![\d.])", haystack) is not None
        return self.text in haystack


def expression_forms(expr: sympy.Expr) -> set[str]:
    """How an expected expression may be written: sympy's plain and LaTeX printing of several rewrites
    (|1 - x| as well as sympy's own |x - 1|)."""
    forms = set()
    flipped = expr.replace(sympy.Abs, lambda inner: sympy.Abs(sympy.expand(-inner), evaluate=False))
    for rewrite in (expr, flipped, sympy.factor(expr), sympy.expand(expr), sympy.together(expr), sympy.cancel(expr)):
        for order in ORDERS:
            forms |= {sympy.sstr(rewrite, order=order), sympy.latex(rewrite, order=order)}
    return forms


def number_forms(value: float, figures=range(MIN_DIGITS, 7)) -> set[str]:
    forms = {f"{value:.{n}g}" for n in figures}
    return {form for form in forms if len(form.replace(".", "").replace("-", "").lstrip("0")) >= MIN_DIGITS}


def stated(forms: set[str], names: tuple[str, ...], relations=("=",)) -> set[str]:
    """Each form alone when long enough, and each form stated as ``name op form``."""
    return {form for form in forms if leaves(form) >= MIN_LEAVES} | \
        {f"{name} {op} {form}" for form in forms for name in names for op in relations}


def condition_forms(kind: Condition) -> set[str]:
    variable = kind.variable.name
    forms = set()
    for piece in set_pieces(kind.expected):
        for end in (piece.low, piece.high):
            if end.is_finite and end != 0:
                ends = expression_forms(end)
                forms |= stated(ends, (variable,), ("=", "<", "<=", ">", ">="))
                forms |= {f"({piece.low}, {form})" for form in ends if piece.low == 0}
    return forms


def answer_forms(key: str, kind) -> set[str]:
    names = tuple(getattr(kind, "relation_lhs", ()))
    if isinstance(kind, Expression):
        return stated(expression_forms(kind.expected), names, kind.relations)
    if isinstance(kind, Condition):
        return condition_forms(kind)
    if isinstance(kind, Matrix):
        return {form for entry in kind.expected for form in stated(expression_forms(entry), ())}
    if isinstance(kind, UnorderedList):
        return {form for item in kind.expected for form in stated(expression_forms(item), ())}
    if isinstance(kind, MatrixExpression):
        return stated({kind.expected}, names + (key.split(".", 1)[1],))
    if isinstance(kind, Number):
        return number_forms(kind.value)
    if isinstance(kind, InSet):
        return {form for end in (kind.low, kind.high) if end is not None for form in number_forms(end)}
    if isinstance(kind, Integer):
        return {str(value) for value in kind.accepted if len(str(abs(value))) >= MIN_DIGITS}
    raise TypeError(f"{key}: no scan rule for {type(kind).__name__}")


def needles() -> list[Needle]:
    found = {}
    for name in available_assignments():
        for question in load_assignment(name).questions:
            if isinstance(question.kind, NOT_SCANNED):
                continue
            for form in answer_forms(question.key, question.kind):
                text = normalise(form)
                found.setdefault(text, Needle(text, f"{name} {question.key}: {form!r}"))
    return list(found.values())


def kit_texts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Every text a student can read in the kit; a notebook's sources and text outputs (not its images)."""
    texts = {}
    for name in archive.namelist():
        data = archive.read(name)
        if name.endswith(".ipynb"):
            cells = json.loads(data)["cells"]
            parts = ["".join(cell.get("source", "")) for cell in cells]
            parts += ["".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
                      for cell in cells for output in cell.get("outputs", ())]
            texts[name] = "\n".join(parts)
            continue
        try:
            texts[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # binary: nothing a student reads as text
    return texts


NEEDLES = needles()


def test_needles_cover_every_scanned_question_in_every_notation():
    assert len(NEEDLES) > 100
    for name in available_assignments():
        for question in load_assignment(name).questions:
            if not isinstance(question.kind, NOT_SCANNED + (Number, Integer)):  # numbers may all be short
                assert answer_forms(question.key, question.kind), question.key
    # one answer in its three notations normalises to one needle
    assert normalise("Sigma_YY = XX^T + lambda I") == normalise("Σ_YY = X Xᵀ + λI") == \
        normalise(r"\Sigma_{YY} = X X^\top + \lambda I")
    assert normalise("1/sigma^2") == normalise("1/σ²") == normalise(r"\frac{1}{\sigma^{2}}") == \
        normalise(r"\dfrac{1}{\sigma^2}")
    assert normalise("-eta*(1 - beta)") == normalise("−η(1−β)") == normalise(r"-\eta\left(1-\beta\right)")
    assert normalise("log(eps)/log|1 - 2 eta sigma^2|") == normalise("log(epsilon)/log(Abs(1 - 2*eta*sigma**2))") == \
        normalise(r"\frac{\log \epsilon}{\log\left|1-2\eta\sigma^2\right|}")


def test_short_answers_are_scanned_only_stated():
    texts = {needle.text for needle in NEEDLES}
    assert normalise("sigma^2") not in texts and normalise("lambda = sigma^2") in texts
    assert normalise("1 - beta") not in texts and normalise("-eta (1 - beta)") in texts
    assert normalise("X^T") not in texts and normalise("sigma_wy = X^T") in texts
    assert "0.5" not in texts and "65" not in texts and "131" in texts and "0.2633" in texts


def leaks_in(archive: zipfile.ZipFile) -> set[tuple[str, str]]:
    """(file, question key) for every expected answer found in the archive's texts."""
    texts = {name: normalise(text) for name, text in kit_texts(archive).items()}
    return {(name, needle.origin.split(":")[0].split()[1]) for name, text in texts.items()
            for needle in NEEDLES if needle.found_in(text)}


def kit_leaks(assignment: str, out) -> set[tuple[str, str, str]]:
    """(kit, file, question key) for every expected answer found in the built kit."""
    with zipfile.ZipFile(build_student_kit(load_assignment(assignment), out).path) as archive:
        return {(assignment, *leak) for leak in leaks_in(archive)}


@pytest.mark.parametrize("assignment", available_assignments())
def test_student_kit_contains_no_expected_answer(assignment, tmp_path):
    assert sorted(kit_leaks(assignment, tmp_path)) == []


def test_a_planted_answer_is_found(tmp_path):
    """The scan sees answers written in Unicode and LaTeX in a module's docstring, and not the notation."""
    with zipfile.ZipFile(tmp_path / "kit.zip", "w") as archive:
        archive.writestr("autograder/example.py", '"""e.g. Σ_YY = X Xᵀ + λI, \\frac{1}{\\sigma^{2}}; σ², Xᵀ"""\n')
    with zipfile.ZipFile(tmp_path / "kit.zip") as archive:
        assert leaks_in(archive) == {("autograder/example.py", "q4.sigma_yy"), ("autograder/example.py", "q1.a")}
