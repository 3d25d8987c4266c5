#!/usr/bin/env bash
# Gradescope runs this once, as root, when the autograder image is built (Ubuntu 22.04, Python 3.10).
# It installs the pinned dependencies into a virtual environment (the system python3 is left alone)
# and creates the unprivileged `student` user that runs student code.
set -euo pipefail
source_dir="$(cd "$(dirname "$0")" && pwd)"
root="${AUTOGRADER_ROOT:-/autograder}"

# The CPU build of torch: PyPI's default Linux wheel is a multi-GB CUDA build, which pip would install without a
# word if the CPU index could not be reached (an extra index that fails is only a warning). So: reach it first,
# and check the build that was installed.
torch_index="${AUTOGRADER_TORCH_INDEX:-https://download.pytorch.org/whl/cpu}"
if ! python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1].rstrip("/") + "/torch/", timeout=60)' \
        "$torch_index" >/dev/null 2>&1; then
    echo "setup.sh: the CPU torch index $torch_index cannot be reached; refusing to go on (pip would install" \
         "PyPI's multi-GB CUDA build of torch instead). Retry when it answers, or set AUTOGRADER_TORCH_INDEX." >&2
    exit 1
fi

if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv python3-pip
fi
python3 -m venv "$root/venv"
"$root/venv/bin/pip" install --no-cache-dir --extra-index-url "$torch_index" -r "$source_dir/requirements.txt"
if ! "$root/venv/bin/python" -c 'import sys, torch; sys.exit(torch.version.cuda is not None)'; then
    echo "setup.sh: the torch installed is a CUDA build, not the CPU one from $torch_index; fix the image" >&2
    exit 1
fi

# `student` confirms this deployment; each grading then runs under a uid of its own drawn from
# 61000-61999 (reserved for that: create no account there; autograder/sandbox/uids.py), or as `student`
# where the kernel refuses those uids.
if ! id student >/dev/null 2>&1; then
    useradd --system --create-home --shell /usr/sbin/nologin student
fi
# matplotlib's font list, scanned once here rather than in every student process that imports it
# (about 0.1 s each); an image without it still grades, each such process then scans for itself.
(cd "$source_dir" && "$root/venv/bin/python" -m autograder.sandbox.font_cache) \
    || echo "setup.sh: no matplotlib font cache seed; student processes scan the fonts themselves" >&2
chmod -R a+rX "$root/venv"
# Student code never runs as root: without an account that can run this Python, every grading
# would be refused. Fail the image build now, loudly, rather than every submission later.
if ! runuser -u student -- "$root/venv/bin/python" -c "import numpy" >/dev/null 2>&1; then
    echo "setup.sh: the 'student' account cannot run $root/venv/bin/python with numpy; fix the image" >&2
    exit 1
fi
