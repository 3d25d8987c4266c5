"""Peak memory counts the whole tree: a grandchild's allocation shows in the sum."""
import os
import sys

from bench.process_tree import run_measured, tree_pids

MIB = 2**20
GRANDCHILD = "b = bytearray(150 * 2**20); import time; time.sleep(0.5)"  # bytearray zero-fills: resident


def test_peak_rss_includes_descendants():
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {GRANDCHILD!r}], check=True)"
    run = run_measured([sys.executable, "-c", parent])
    assert run.returncode == 0
    assert run.peak_rss_bytes >= 150 * MIB


def test_a_small_process_stays_small():
    run = run_measured([sys.executable, "-c", "import time; time.sleep(0.3)"])
    assert 0 < run.peak_rss_bytes < 100 * MIB


def test_tree_contains_the_process_itself():
    assert os.getpid() in tree_pids(os.getpid())
