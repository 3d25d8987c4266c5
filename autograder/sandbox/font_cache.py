"""A ready-made matplotlib font cache for student processes.

On its first import in an empty ``MPLCONFIGDIR`` matplotlib scans the system's fonts (about 0.1 s) and
writes the result there as ``fontlist-v<version>.json``. Every student process starts with an empty one
of its own (in its scratch), so every notebook that imports matplotlib paid that scan. The seed is that
file, built once by a trusted process (Gradescope's setup.sh, dev.sh's set-up) in the virtual
environment, which student code may read and never change (``deployment.grader_paths``); each student
process gets its own copy, so nothing of one submission reaches the next. Without a seed (or without
matplotlib) matplotlib scans as before, and a stale seed (another matplotlib version) it rebuilds itself.

    python -m autograder.sandbox.font_cache    # build, or rebuild, the seed of this environment
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SEED_DIR = Path(sys.prefix) / "share" / "dl-autograder" / "matplotlib"
SEED_PATTERN = "fontlist-*.json"
MAX_SEED_BYTES = 4 * 1024 * 1024  # the font list of a machine with thousands of fonts; ours is 36 KB
BUILD_SECONDS = 300


def build(seed_dir: Path | None = None) -> Path | None:
    """Run matplotlib's font scan in a fresh interpreter (``MPLCONFIGDIR`` a temporary folder) and store
    the font list it writes in ``seed_dir`` (default SEED_DIR), replacing an older one. Returns the file,
    or None when matplotlib is not installed. Raises RuntimeError when the scan writes no font list."""
    seed_dir = SEED_DIR if seed_dir is None else seed_dir
    if importlib.util.find_spec("matplotlib") is None:
        return None
    with tempfile.TemporaryDirectory(prefix="font-cache-") as work:
        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": work, "MPLCONFIGDIR": work,
                       "MPLBACKEND": "Agg"}
        scan = subprocess.run([sys.executable, "-I", "-c", "import matplotlib.font_manager"], env=environment,
                              capture_output=True, text=True, timeout=BUILD_SECONDS)
        lists = sorted(Path(work).glob(SEED_PATTERN))
        if scan.returncode != 0 or len(lists) != 1:
            raise RuntimeError(f"matplotlib's font scan wrote no font list (exit {scan.returncode}): "
                               f"{scan.stderr[-500:]}")
        seed_dir.mkdir(parents=True, exist_ok=True)
        for old in seed_dir.glob(SEED_PATTERN):
            old.unlink()
        partial = seed_dir / f".{lists[0].name}.part"
        shutil.copyfile(lists[0], partial)
        partial.chmod(0o644)
        seed = seed_dir / lists[0].name
        os.replace(partial, seed)
    return seed


def copy_seed(config_dir: Path, owner: tuple[int, int] | None) -> None:
    """Copy the seed, when there is one, into ``config_dir`` (a new student process's ``MPLCONFIGDIR``),
    handed to ``owner`` (uid, gid) as the rest of its scratch."""
    seeds = [path for path in SEED_DIR.glob(SEED_PATTERN)
             if path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_SEED_BYTES]
    if len(seeds) != 1:
        return
    config_dir.mkdir(parents=True, exist_ok=True)
    copy = config_dir / seeds[0].name
    shutil.copyfile(seeds[0], copy)
    if owner is not None:
        for path in (config_dir, copy):
            os.lchown(path, *owner)


if __name__ == "__main__":
    built = build()
    print(f"matplotlib font cache seed: {built}" if built else "matplotlib is not installed: no font cache seed")
