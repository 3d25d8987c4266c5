"""Builds the upload: entries that try to escape the extraction folder (zip slip)."""
import zipfile
from pathlib import Path

OPTIM = "def sgd_momentum(w, dw, config=None):\n    return w, config\n"
ESCAPES = ["../evil.py", "../../tmp/evil.py", "/tmp/absolute-evil.py", "deeplearning/../../escape.py",
           "..\\windows-evil.py", "C:/drive-evil.py"]


def build(directory: Path) -> Path:
    path = directory / "submission.zip"
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("deeplearning/optim.py", OPTIM)
        for name in ESCAPES:
            info = zipfile.ZipInfo("placeholder")
            info.filename = name  # ZipInfo() would sanitise the name; a hostile tool does not
            bundle.writestr(info, "import os; os.system('echo pwned')\n")
    return path
