"""Build the HW2 submissions from the starter kit, so that they all stay in sync with it.

    submissions/reference/     = starter/ (without README.md) + SOLUTION, notebooks executed
    submissions/wrong_<name>/  = reference/ + the variant's edits (one deliberate flaw each)

Every edit replaces a text that must occur exactly once (in a notebook: in exactly one cell), so a
starter change that breaks an edit fails the build instead of silently dropping a flaw. A notebook
whose code an edit changed is executed again (a small in-process executor, run in a fresh Python
in the submission folder, which writes the outputs and submission_logs/). An execution is reused
when the notebook code and deeplearning/ are unchanged since the last build, so a second run
rewrites nothing: the script is idempotent. ``expected.toml`` keeps everything below its first two
lines (the expected scores), and only its ``description`` and ``flaw`` are rewritten.

    .venv/bin/python assignments/hw2/make_submissions.py
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

import nbformat

HW2 = Path(__file__).resolve().parent
STARTER = HW2 / "starter"
SUBMISSIONS = HW2 / "submissions"
NOT_SUBMITTED = ("README.md",)
NOTEBOOK_TIMEOUT_SECONDS = 1800


@dataclass(frozen=True)
class Replace:
    """Replace the one occurrence of ``old`` by ``new`` in the file ``path`` (relative to the submission)."""

    path: str
    old: str
    new: str


@dataclass(frozen=True)
class Delete:
    """Remove a file or a folder."""

    path: str


Edit = Replace | Delete


@dataclass(frozen=True)
class Variant:
    """A known-wrong submission: the reference with one flaw."""

    name: str
    description: str
    flaw: str
    edits: tuple[Edit, ...]

    @property
    def folder(self) -> Path:
        return SUBMISSIONS / f"wrong_{self.name}"
