"""What students may know about the written questions: keys, titles, points, answer kinds, symbols and
choice labels, never the expected values. The student kit ships it as ``answer_format.json``; ``check``
reads answers with placeholder "readers" built from it (``read`` only, nothing is compared).
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import sympy

from autograder.grading import answers
from autograder.assignment import ASSIGNMENTS_DIR, Assignment, available_assignments, load_assignment

FORMAT_FILE = "answer_format.json"


def _symbols(symbols) -> list[dict]:
    return [asdict(symbol) for symbol in symbols]


def kind_format(kind) -> dict:
    """The public part of an answer kind."""
    name = type(kind).__name__
    spec: dict = {"kind": name}
    if hasattr(kind, "symbols"):
        spec["symbols"] = _symbols(kind.symbols)
    if name == "Condition" or (name == "InSet" and kind.variable is not None):
        spec["variable"] = asdict(kind.variable)
    if name == "Condition" and kind.parameters_only:
        spec["parameters_only"] = True  # HW2 Q2(f): "0 < beta < 2" reads, in the kit as on Gradescope
    if name == "Matrix":
        spec["shape"] = list(kind.expected.shape)
    if name == "UnorderedList":
        spec["length"] = len(kind.expected)
    if name == "Choice":
        spec["options"] = {label: list(aliases) for label, aliases in kind.options.items()}
        if kind.explained:
            spec["explained"] = True
    if name == "MatrixExpression":
        spec["matrices"] = {label: list(shape) for label, shape in kind.matrices.items()}
        spec["scalars"] = _symbols(kind.scalars)
    if getattr(kind, "relation_lhs", ()):
        spec["relation_lhs"] = list(kind.relation_lhs)
    return spec


def public_format(assignment: Assignment) -> dict:
    return {
        "assignment": assignment.name,
        "title": assignment.title,
        "questions": [{"key": q.key, "title": q.title, "points": q.points, **kind_format(q.kind)}
                      for q in assignment.questions],
        "expected_files": list(assignment.expected_files),
    }


def _symbol(data: dict) -> answers.Symbol:
    return answers.Symbol(data["name"], tuple(data["aliases"]), data["positive"], tuple(data["interval"]))


def reader(spec: dict):
    """An answer kind able to ``read`` (parse and shape-check) answers of this spec; its expected
    value is a placeholder, so it must never be used to judge."""
    name = spec["kind"]
    symbols = tuple(_symbol(s) for s in spec.get("symbols", ()))
    lhs = tuple(spec.get("relation_lhs", ()))
    if name == "Expression":
        return answers.Expression(sympy.Integer(0), symbols=symbols, relation_lhs=lhs)
    if name == "Condition":
        return answers.Condition(_symbol(spec["variable"]), sympy.EmptySet, symbols=symbols,
                                 parameters_only=spec.get("parameters_only", False))
    if name == "Matrix":
        return answers.Matrix(sympy.zeros(*spec["shape"]), symbols=symbols)
    if name == "UnorderedList":
        return answers.UnorderedList(tuple(sympy.Integer(0) for _ in range(spec["length"])), symbols=symbols)
    if name == "Choice":
        options = {label: tuple(aliases) for label, aliases in spec["options"].items()}
        return answers.Choice(next(iter(options)), options, explained=spec.get("explained", False))
    if name == "MatrixExpression":
        matrices = {label: tuple(shape) for label, shape in spec["matrices"].items()}
        return answers.MatrixExpression("I", matrices=matrices, scalars=tuple(_symbol(s) for s in spec["scalars"]),
                                        relation_lhs=lhs)
    if name == "Integer":
        return answers.Integer(frozenset({0}))
    if name == "InSet":
        return answers.InSet(None, None, variable=_symbol(spec["variable"]) if "variable" in spec else None)
    if name == "Number":
        return answers.Number(0.0)
    return answers.FreeText()


def load_public_format(name: str, kit_root: Path | None = None) -> dict:
    """From the full declaration where it is installed (instructors), else from the kit's format file."""
    if name in available_assignments():
        return public_format(load_assignment(name))
    path = (kit_root or ASSIGNMENTS_DIR.parent) / "assignments" / name / FORMAT_FILE
    if not path.exists():
        raise LookupError(f"unknown assignment {name!r}: no declaration and no {path}")
    return json.loads(path.read_text(encoding="utf-8"))
