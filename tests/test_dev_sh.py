"""./dev.sh as root uses the account $AUTOGRADER_STUDENT_USER names, as the command line does (issue 31 item 4):
naming a uid-0 account is refused before anything is set up, so the variable is read, not ignored."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(os.geteuid() != 0, reason="dev.sh chooses the student account only as root")
def test_dev_sh_refuses_a_root_account_named_by_the_variable():
    result = subprocess.run([str(ROOT / "dev.sh"), "--version"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "AUTOGRADER_STUDENT_USER": "root"})
    assert result.returncode == 2
    assert "'root' is a root account (uid 0): name an unprivileged one" in result.stderr
