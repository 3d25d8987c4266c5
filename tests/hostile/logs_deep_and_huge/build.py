"""Builds the upload: the reference, with w_stds_he.json nested 100,000 levels deep and
optimizer_experiment_adam.npz whose train_accs header claims 8 TB of float64 in a few bytes."""
import io
import runpy
import zipfile
from pathlib import Path

import numpy as np

variant = runpy.run_path(str(Path(__file__).resolve().parents[1] / "reference_variant.py"))


def claiming_npz() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as bundle:
        for key in ("train_losses", "val_accs"):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.zeros(6))
            bundle.writestr(f"{key}.npy", member.getvalue())
        member = io.BytesIO()
        np.lib.format.write_array_header_1_0(member, {"descr": "<f8", "fortran_order": False, "shape": (10**12,)})
        bundle.writestr("train_accs.npy", member.getvalue() + b"\0" * 48)
    return out.getvalue()


def build(directory: Path) -> Path:
    return variant["reference_with"](directory, "logs_deep_and_huge", {
        "submission_logs/w_stds_he.json": "[" * 100_000 + "]" * 100_000,
        "submission_logs/optimizer_experiment_adam.npz": claiming_npz(),
    })
