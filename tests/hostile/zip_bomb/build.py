"""Builds the upload: a real optim.py next to a 64 MiB file of zeros that compresses about 1000-fold
(built at test time, so the repository holds no bomb)."""
import zipfile
from pathlib import Path

OPTIM = "def sgd_momentum(w, dw, config=None):\n    return w, config\n"


def build(directory: Path) -> Path:
    path = directory / "submission.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("deeplearning/optim.py", OPTIM)
        with bundle.open("submission_logs/weights.npy", "w", force_zip64=True) as entry:
            block = bytes(1 << 20)
            for _ in range(64):
                entry.write(block)
    return path
