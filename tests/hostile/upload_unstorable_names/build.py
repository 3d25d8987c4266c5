"""Builds the upload: a folder with two file names git cannot hold portably (non-UTF-8 bytes, ESC and BEL)."""
import os
from pathlib import Path


def build(directory: Path) -> Path:
    folder = Path(directory) / "upload_unstorable_names"
    folder.mkdir(parents=True)
    (folder / "answers.toml").write_text('[q1]\na = "1"\n')
    for name in (b"optim\xff\xfe.py", b"\x1b[2J\x1b[31mred\x07.py"):
        with open(os.path.join(os.fsencode(folder), name), "w") as handle:
            handle.write("x = 1\n")
    return folder
