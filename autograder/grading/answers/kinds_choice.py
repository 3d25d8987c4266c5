"""Answer kinds that are not math: a choice among labels, and free text kept for staff.

HW2 examples: Q1(c) which sigma limits eta (``sigma_l`` / ``sigma_s``), Q1(f) yes / no,
Q2(i) momentum / gd. A choice may accept more than one label (``also_correct``), say what the data
shows for each label (``feedback``), and, when ``explained``, take a reason after the label and a colon
(``adam: its bars are the narrowest``): the label is graded, the reason is left to the staff. A label in
``staff_review`` is neither right nor wrong by itself: with a reason it is flagged for the staff (Discussion 3's
``q2.most_stable``: the course names Adam, and another label argued from the student's own figure may be fair);
without one it is wrong.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ..outcome import Outcome, correct, wrong
from . import limits, notes
from .errors import AnswerShapeError, AnswerSyntaxError, DeclarationError
from .kind_base import AnswerKind
from .tokens import tokenize

IGNORED_CHARACTERS = str.maketrans("", "", " \t\n_-{}\\$\"'`.")
REASON_SEPARATOR = ":"
MAX_FREE_TEXT_CHARS = 20_000


def choice_key(text: str) -> str:
    """How a label is compared: a single name by its canonical spelling (``σ_ℓ`` = ``sigma_ell``
    = ``sigma_l``), then without case, spaces, underscores, hyphens and LaTeX braces."""
    try:
        tokens = tokenize(text)
    except AnswerSyntaxError:
        tokens = []
    if len(tokens) == 2 and tokens[0].kind == "name":
        text = str(tokens[0].value)
    return text.lower().translate(IGNORED_CHARACTERS)


@dataclass(frozen=True)
class Labelled:
    """A choice as read: the label, and the reason written after it (``""`` when none)."""

    label: str
    reason: str = ""


@dataclass(frozen=True)
class Choice(AnswerKind):
    """One of several labels; ``options`` maps each label to its other accepted spellings. ``also_correct``:
    further labels that are right; ``feedback``: a message per label, shown whether it is right or not;
    ``explained``: the label may be followed by ``:`` and a reason (kept for the staff, never compared);
    ``staff_review``: labels (of an explained choice) that go to the staff when a reason follows them."""

    correct: str
    options: Mapping[str, tuple[str, ...]]
    also_correct: tuple[str, ...] = ()
    feedback: Mapping[str, str] = field(default_factory=dict)
    explained: bool = False
    staff_review: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        labels = (self.correct, *self.also_correct, *self.feedback, *self.staff_review)
        unknown = [label for label in labels if label not in self.options]
        if unknown:
            raise DeclarationError(f"{unknown} are not among the options {list(self.options)}")
        if self.staff_review and not self.explained:
            raise DeclarationError("staff_review needs an explained choice: the reason is what the staff review")

    def read(self, answer: object) -> Labelled:
        text, reason = _choice_text(answer), ""
        if self.explained and REASON_SEPARATOR in text:
            text, reason = (part.strip() for part in text.split(REASON_SEPARATOR, 1))
        keys = {choice_key(spelling): label for label, aliases in self.options.items()
                for spelling in (label, *aliases)}
        label = keys.get(choice_key(text))
        if label is None:
            hint = " (then, if you like, ':' and your reason)" if self.explained else ""
            raise AnswerSyntaxError(f"answer one of: {', '.join(self.options)}{hint}", None, notes.CHOICE)
        return Labelled(label, reason)

    def judge(self, value: Labelled, expected: object) -> Outcome:
        right = (self.correct, *self.also_correct) if expected is None else (str(expected),)
        if right[0] not in self.options:
            raise DeclarationError(f"{right[0]!r} is not one of the options {list(self.options)}")
        said = self.feedback.get(value.label)
        if value.label in right:
            return correct(message=said or "Correct.")
        if value.label in self.staff_review:
            if value.reason:
                return Outcome("unverified", notes.STAFF_REVIEW, "flagged for staff review, your reason with it"
                               + (f": {said}" if said else ""), 0.0)
            return wrong(notes.WRONG_CHOICE, "that is not the course's answer; with a reason after a colon "
                         "(label: reason) the staff would review it" + (f": {said}" if said else ""))
        return wrong(notes.WRONG_CHOICE, "that is not the right choice" + (f": {said}" if said else ""))


def yes_no(answer_is_yes: bool, why: str = "") -> Choice:
    """A yes/no question; true/false and y/n are accepted too. ``why``: the reason, shown with either answer."""
    return Choice("yes" if answer_is_yes else "no", {"yes": ("y", "true"), "no": ("n", "false")},
                  feedback={"yes": why, "no": why} if why else {})


@dataclass(frozen=True)
class FreeText(AnswerKind):
    """Kept for staff grading, never scored automatically."""

    def read(self, answer: object) -> str:
        text = str(answer).strip()
        if not text:
            raise AnswerSyntaxError("your answer is empty", None, notes.EMPTY)
        if len(text) > MAX_FREE_TEXT_CHARS:
            raise AnswerSyntaxError(f"your answer is too long (at most {MAX_FREE_TEXT_CHARS} characters)",
                                    None, notes.TOO_LONG)
        return text

    def judge(self, value: str, expected: object) -> Outcome:
        return Outcome("staff", notes.STAFF, "Kept for staff grading.", 0.0)


def _choice_text(answer: object) -> str:
    if isinstance(answer, bool):
        return "true" if answer else "false"
    if isinstance(answer, (int, float)):
        return str(answer)
    if not isinstance(answer, str):
        raise AnswerShapeError("one of the listed choices is expected", notes.KIND)
    if len(answer) > limits.MAX_CHARS:
        raise AnswerSyntaxError("your answer is too long", None, notes.TOO_LONG)
    if not answer.strip():
        raise AnswerSyntaxError("your answer is empty", None, notes.EMPTY)
    return answer
