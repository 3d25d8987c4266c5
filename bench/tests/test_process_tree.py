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


def test_cpu_time_counts_a_busy_grandchild_not_a_sleeping_one():
    busy = "import time; end = time.process_time() + 0.4\nwhile time.process_time() < end: pass"
    parent = f"import subprocess, sys, time; subprocess.run([sys.executable, '-c', {busy!r}]); time.sleep(0.3)"
    run = run_measured([sys.executable, "-c", parent])
    assert 0.4 <= run.cpu_seconds < run.seconds


def test_cpu_time_counts_a_busy_grandchild_that_is_killed_unreaped():
    """As the student processes end: killed, their parent gone first, so nobody's rusage counts them.
    The grandchild burns 0.6 s of CPU, says so, and sleeps until it is killed."""
    busy = ("import time\nwhile time.process_time() < 0.6: pass\nprint('burnt', flush=True)\ntime.sleep(60)")
    parent = (f"import os, signal, subprocess, sys; child = subprocess.Popen([sys.executable, '-c', {busy!r}], "
              "stdout=subprocess.PIPE); child.stdout.readline(); os.kill(child.pid, signal.SIGKILL); os._exit(0)")
    run = run_measured([sys.executable, "-c", parent])
    assert run.returncode == 0 and run.cpu_seconds >= 0.5
