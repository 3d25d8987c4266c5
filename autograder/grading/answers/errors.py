"""Why an answer could not be read, and why a check could not finish.

Every read failure is an :class:`AnswerSyntaxError` carrying a stable note (``invalid.*``) and,
where it makes sense, the character offset at which reading stopped.
"""
from __future__ import annotations

from . import notes


class AnswerSyntaxError(ValueError):
    """The answer could not be read. ``position`` is a 0-based character offset or None."""

    def __init__(self, message: str, position: int | None = None, note: str = notes.SYNTAX) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.note = note

    def student_message(self) -> str:
        """The message shown to the student, with the 1-based character where reading stopped."""
        if self.position is None:
            return self.message
        return f"could not read your answer at character {self.position + 1}: {self.message}"


class AnswerShapeError(AnswerSyntaxError):
    """The answer was read but has the wrong form: a condition where a number is wanted, a 3x3
    matrix where a 2x2 one is, a product of matrices whose shapes do not match."""

    def __init__(self, message: str, note: str = notes.SHAPE) -> None:
        super().__init__(message, None, note)


class CheckTimeout(Exception):
    """A check ran out of its time budget; ``budget`` identifies which budget expired."""

    def __init__(self, budget: object) -> None:
        super().__init__("the check ran out of time")
        self.budget = budget


class DeclarationError(Exception):
    """The question's declaration is wrong (not the student's answer): e.g. an expected value that
    uses an undeclared symbol. Raised, never turned into an Outcome."""
