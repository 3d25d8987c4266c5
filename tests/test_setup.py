"""setup.sh, as Gradescope runs it when it builds the image: where the CPU torch index cannot be reached it stops
loudly before installing anything, rather than letting pip fall back to PyPI's multi-GB CUDA build."""
import os
import socket
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_an_unreachable_cpu_torch_index_stops_setup_before_anything_is_installed(tmp_path):
    with socket.socket() as closed:  # a port on this machine that nothing listens on
        closed.bind(("127.0.0.1", 0))
        index = f"http://127.0.0.1:{closed.getsockname()[1]}/whl/cpu"
    environment = {**os.environ, "AUTOGRADER_ROOT": str(tmp_path), "AUTOGRADER_TORCH_INDEX": index}
    done = subprocess.run(["bash", str(REPO / "setup.sh")], env=environment, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert f"the CPU torch index {index} cannot be reached" in done.stderr and "CUDA" in done.stderr
    assert not (tmp_path / "venv").exists()
