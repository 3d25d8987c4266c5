"""Where the benchmarks find the repository, its virtual environment and the HW2 submissions."""
import sys
from pathlib import Path

# absolute(), not resolve(): under `bench.checkouts` this folder is reached through a view of another checkout
REPO = Path(__file__).absolute().parent.parent
VENV_BIN = Path(sys.executable).parent
HW2_SUBMISSIONS = REPO / "assignments" / "hw2" / "submissions"
REFERENCE_SUBMISSION = HW2_SUBMISSIONS / "reference"
HOSTILE_DIR = REPO / "tests" / "hostile"
