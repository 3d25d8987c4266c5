"""Benchmark 3: time per ``kind.check(answer)`` over the answer bank (see ``answer_bank``), and the worst
hostile string against every HW2 question, compared with the declared budget (``time_limit_s``).

Each answer is checked twice in a row: first right after clearing sympy's cache ("cold": what a fresh
Gradescope process pays, a little more since the cache also loses what loading the assignment put in it),
then again ("warm": a regrade worker that has seen the answer). Targets apply to the cold figures.
Hostile strings run in a forked child capped in memory and CPU time (``tests/answers/forked.py``).
"""
from __future__ import annotations

import time
from collections import Counter

from sympy.core.cache import clear_cache

from autograder.assignment import Assignment, load_assignment
from bench.answer_bank import Probe, answer_bank
from bench.report import Figure, Report, Target
from bench.timing import median, percentile
from tests.answers.forked import run_forked

BUILT_IN_HOSTILE = ("a" * 1_000_000, "(" * 10_000 + ")" * 10_000, "9^9^9^9", "factorial(10^10)", "10^(10^10)",
                    "(" * 49 + "eta" + ")" * 49, "[" + ",".join(["[" + ",".join(["0"] * 1000) + "]"] * 1000) + "]")
MS = 1000.0


def hostile_answers() -> list[object]:
    """The built-in list plus the hostile answers of ``tests/answers/test_hostile.py`` when importable."""
    try:
        from tests.answers.test_hostile import HOSTILE
    except ImportError:
        return list(BUILT_IN_HOSTILE)
    return list(dict.fromkeys([*BUILT_IN_HOSTILE, *(answer for answer, _ in HOSTILE)]))


def timed_check(probe: Probe) -> tuple[float, str]:
    started = time.perf_counter()
    outcome = probe.kind.check(probe.answer)
    return time.perf_counter() - started, outcome.status


def _label(answer: object) -> str:
    text = repr(answer)
    return text if len(text) <= 40 else f"{text[:30]}... ({len(text)} chars)"


def hostile_times(assignment: Assignment, answers: list[object]) -> list[tuple[float, str, str, str]]:
    """(seconds, answer label, question key, status) for every hostile answer on every question."""
    def check_all() -> list[tuple[float, str, str, str]]:
        measured = []
        for answer in answers:
            for question in assignment.questions:
                clear_cache()
                elapsed, status = timed_check(Probe("hostile", question.key, question.kind, answer))
                measured.append((elapsed, _label(answer), question.key, status))
        return measured

    return [tuple(row) for row in run_forked(check_all, timeout_s=300.0)]


def run(quick: bool) -> Report:
    assignment = load_assignment("hw2")
    bank = answer_bank(assignment)
    if quick:
        bank = bank[::5]
    cold, warm, statuses, slowest = [], [], Counter(), []
    for probe in bank:
        clear_cache()
        first, status = timed_check(probe)
        second, _ = timed_check(probe)
        cold.append(first)
        warm.append(second)
        statuses[status] += 1
        slowest.append((first, probe))
    answers = hostile_answers()
    hostile = hostile_times(assignment, answers[:4] if quick else answers)
    worst = max(hostile)
    budget = min(question.kind.time_limit_s for question in assignment.questions)
    sources = Counter(probe.source if probe.source.startswith("tests:") else probe.source.split(":")[0]
                      for probe in bank)
    top = sorted(slowest, key=lambda item: item[0], reverse=True)[:3]
    return Report("answer_checks", "3. Answer checks (kind.check over the answer bank)", (
        Figure("checks", "answers checked (distinct kind and answer)", len(bank)),
        Figure("median_ms", "median per check, cold cache", median(cold) * MS, "ms"),
        Figure("p99_ms", "p99 per check, cold cache", percentile(cold, 99) * MS, "ms"),
        Figure("max_ms", "slowest check, cold cache", max(cold) * MS, "ms"),
        Figure("warm_median_ms", "median per check, warm cache", median(warm) * MS, "ms"),
        Figure("warm_p99_ms", "p99 per check, warm cache", percentile(warm, 99) * MS, "ms"),
        Figure("hostile_checks", "hostile answers x HW2 questions", len(hostile)),
        Figure("hostile_worst_s", "worst hostile check", worst[0], "s"),
        Figure("budget_s", "declared budget per check (smallest time_limit_s)", budget, "s"),
    ), (Target("median_ms", 20), Target("p99_ms", 200), Target("hostile_worst_s", budget)), (
        "bank: " + ", ".join(f"{count} from {source}" for source, count in sources.most_common())
        + "; outcomes: " + ", ".join(f"{count} {status}" for status, count in statuses.most_common()),
        "slowest: " + "; ".join(f"{seconds * MS:.0f} ms {probe.key} {_label(probe.answer)}" for seconds, probe in top),
        f"worst hostile: {worst[1]} on {worst[2]} ({worst[3]}); "
        f"statuses {dict(Counter(row[3] for row in hostile))}",
    ))
