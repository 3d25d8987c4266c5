"""What a benchmark reports: figures, the targets some of them must meet, notes; printed as a table and
appended as one JSON record (with the machine it ran on) to ``bench/results.json``."""
from __future__ import annotations

import json
import os
import platform
import time
from dataclasses import dataclass
from pathlib import Path

RESULTS_FILE = Path(__file__).resolve().parent / "results.json"


@dataclass(frozen=True)
class Figure:
    """One measured value: ``key`` names it in results.json, ``label`` in the table."""

    key: str
    label: str
    value: float
    unit: str = ""

    def text(self) -> str:
        value = f"{self.value:.3g}" if abs(self.value) < 1000 else f"{self.value:,.0f}"
        return f"{value} {self.unit}".strip()


@dataclass(frozen=True)
class Target:
    """``figure <= bound`` (``at_most``) or ``figure >= bound``."""

    key: str
    bound: float
    at_most: bool = True

    def text(self) -> str:
        return f"{'<=' if self.at_most else '>='} {self.bound:g}"

    def met(self, value: float) -> bool:
        return value <= self.bound if self.at_most else value >= self.bound


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    figures: tuple[Figure, ...]
    targets: tuple[Target, ...] = ()
    notes: tuple[str, ...] = ()

    def value(self, key: str) -> float:
        return next(figure.value for figure in self.figures if figure.key == key)

    def met(self) -> dict[str, bool]:
        return {target.key: target.met(self.value(target.key)) for target in self.targets}

    def table(self) -> str:
        targets = {target.key: target for target in self.targets}
        met = self.met()
        rows = [(f.label, f.text(), targets[f.key].text() if f.key in targets else "",
                 ("met" if met[f.key] else "MISSED") if f.key in targets else "") for f in self.figures]
        header = ("figure", "value", "target", "")
        widths = [max(len(row[column]) for row in [*rows, header]) for column in range(4)]
        lines = [f"== {self.title} ==", "  ".join(cell.ljust(width) for cell, width in zip(header, widths)).rstrip()]
        lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)


def machine() -> dict:
    """CPU count and model (from /proc/cpuinfo), Python version and platform."""
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), model)
    except OSError:
        pass
    return {"cpu_count": os.cpu_count(), "cpu_model": model, "python": platform.python_version(),
            "platform": platform.platform()}


def record(report: Report, quick: bool, load: tuple[float, float] | None = None) -> dict:
    """``load``: the machine's 1-minute load average when the benchmark started and ended."""
    return {
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "benchmark": report.name,
        "quick": quick,
        "machine": machine() | ({"load_average": list(load)} if load else {}),
        "figures": {figure.key: figure.value for figure in report.figures},
        "units": {figure.key: figure.unit for figure in report.figures if figure.unit},
        "targets": {target.key: target.text() for target in report.targets},
        "met": report.met(),
        "notes": list(report.notes),
    }


def append_record(entry: dict, path: Path = RESULTS_FILE) -> None:
    """``path`` holds a JSON list of records, oldest first."""
    records = json.loads(path.read_text()) if path.exists() else []
    records.append(entry)
    path.write_text(json.dumps(records, indent=1) + "\n")
