"""Every tolerance of the numeric and set answers of every assignment, on both sides of each boundary.

A slack around a boundary must never reach into another regime (issue 13: q2.g_eta once accepted 3.8, where
momentum's R has the eigenvalue -1). Each slack is at most half the distance to the nearest value that changes
the verdict (a declared mistake, the end of the stable range); the limits are re-derived here by hand.
"""
import dataclasses

import numpy as np
import pytest
import sympy

from autograder.grading.answers import Condition, InSet, Integer, Number
from autograder.grading.answers.conditions import set_pieces
from autograder.assignment import available_assignments, load_assignment
from autograder.tools.keysheet import expected_text

ASSIGNMENTS = [load_assignment(name) for name in available_assignments()]  # a new assignment is covered at once
NEAR = 1e-6  # relative: well inside/outside a slack, and far above the float resolution of set comparisons


def questions_of(kind_type):
    """Each question of that kind once: a bank question shared by two assignments is one declaration, while the
    same key in two assignments (q1.a) may be two."""
    seen = {}
    for assignment in ASSIGNMENTS:
        for question in assignment.questions:
            if isinstance(question.kind, kind_type):
                seen.setdefault(id(question), pytest.param(question, id=f"{assignment.name}:{question.key}"))
    return list(seen.values())


def hand_momentum_matrix(eta, beta, sigma_sq):
    """R from the two update rules a' = (1 - beta) a + 2 beta sigma^2 x, x' = x - eta a' (HW2 Q2)."""
    return np.array([[1 - beta, 2 * beta * sigma_sq], [-eta * (1 - beta), 1 - 2 * eta * beta * sigma_sq]])


def test_g_eta_upper_limit_is_where_momentum_stops_converging():
    kind = load_assignment("hw2").question("q2.g_eta").kind
    assert kind.limits == (0.0, pytest.approx(1.9 / 0.5))
    radius = {eta: max(abs(np.linalg.eigvals(hand_momentum_matrix(eta, 0.1, 5.0)))) for eta in (3.79, 3.8, 3.81)}
    assert radius[3.79] < 1 and radius[3.8] == pytest.approx(1, abs=1e-12) and radius[3.81] > 1
    assert min(np.linalg.eigvals(hand_momentum_matrix(3.8, 0.1, 5.0))) == pytest.approx(-1)
    # Hand-derived accepted range: [0.26334 - 0.0005, 3.797367 + (3.8 - 3.797367)/2] (hw2_answer_cases.py).
    low, high = kind.low - kind.slack(kind.low, kind.high)[0], kind.high + kind.slack(kind.low, kind.high)[1]
    assert (low, high) == (pytest.approx(0.262840, abs=1e-6), pytest.approx(3.798683, abs=1e-6))


@pytest.mark.parametrize("question", questions_of(InSet))
def test_in_set_ends_on_both_sides(question):
    kind = question.kind
    slacks = kind.slack(kind.low, kind.high)
    for end, slack, limit, outward in zip((kind.low, kind.high), slacks, kind.limits, (-1, 1)):
        if end is None:
            continue
        if limit is not None:
            assert slack < abs(limit - end) / 2 + 1e-15, "the slack reaches half way to the limit"
            assert kind.check(limit).status == "wrong"
        inside, outside = end + outward * slack * (1 - NEAR), end + outward * (slack * (1 + NEAR) + abs(end) * NEAR)
        assert kind.check(end).status == ("correct" if slack or kind.closed[outward > 0] else "wrong")
        assert kind.check(inside).status == "correct", inside
        assert kind.check(outside).status == "wrong", outside


@pytest.mark.parametrize("question", questions_of(Number))
def test_number_tolerance_on_both_sides(question):
    kind = question.kind
    tolerance = kind.tolerance(kind.value)
    for side in (-1, 1):
        assert kind.check(kind.value + side * tolerance * (1 - NEAR)).status == "correct"
        assert kind.check(kind.value + side * tolerance * (1 + NEAR)).status == "wrong"
    for mistake in kind.mistakes:
        assert abs(float(mistake.answer) - kind.value) > 2 * tolerance
        assert kind.check(float(mistake.answer)).note == mistake.note


def test_step_size_limits_are_two_over_the_curvature():
    """Independently of reference/: f''(1) = 4 and f''(2) = 10 for (x^2 + 1)(x - 1)^2(x - 2)^2."""
    x = sympy.Symbol("x")
    curvature = sympy.diff((x**2 + 1) * (x - 1) ** 2 * (x - 2) ** 2, x, 2)
    step_size = load_assignment("step_size")
    for key, minimum in (("q2.limit_x1", 1), ("q2.limit_x2", 2)):
        assert step_size.question(key).kind.value == pytest.approx(float(2 / curvature.subs(x, minimum)))


@pytest.mark.parametrize("question", questions_of(Integer))
def test_integer_neighbours_are_wrong(question):
    accepted = question.kind.accepted
    for value in accepted:
        assert question.kind.check(value).status == "correct"
        for neighbour in {value - 1, value + 1} - accepted:
            assert question.kind.check(neighbour).status == "wrong"


def _slots(piece) -> list[int]:
    """Which ends of a piece are boundaries to move: a point once, an interval's finite non-zero ends."""
    if piece.low == piece.high:
        return [0]
    return [side for side, end in enumerate((piece.low, piece.high)) if end.is_finite and end != 0]


def _moved_sets(expected: sympy.Set, factor: float) -> list[sympy.Set]:
    """``expected`` with one boundary at a time multiplied by ``factor``."""
    pieces = set_pieces(expected)
    moved = []
    for piece in pieces:
        for side in _slots(piece):
            parts = []
            for other in pieces:
                ends = [other.low, other.high]
                if other is piece:
                    ends = [end * factor for end in ends] if piece.low == piece.high else \
                        [end * factor if i == side else end for i, end in enumerate(ends)]
                parts.append(sympy.FiniteSet(ends[0]) if other.low == other.high else
                             sympy.Interval(ends[0], ends[1], not other.low_closed, not other.high_closed))
            moved.append(sympy.Union(*parts, evaluate=False))
    return moved


@pytest.mark.parametrize("question", questions_of(Condition))
def test_condition_boundaries_on_both_sides(question):
    """A bound a relative 1e-6 inside or outside any expected endpoint is a different set: wrong."""
    kind = question.kind
    assert kind.check(expected_text(kind)).status == "correct"
    for factor in (1 - NEAR, 1 + NEAR):
        for moved in _moved_sets(kind.expected, factor):
            answer = expected_text(dataclasses.replace(kind, expected=moved))
            assert kind.check(answer).status == "wrong", answer
