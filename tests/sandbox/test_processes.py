"""Killing process trees through /proc: a tree we start is gone afterwards, our own process never
selected, the per-user kill refuses root and ourselves."""
from __future__ import annotations

import os
import subprocess
import time

import pytest

from autograder.sandbox.processes import ProcessInfo, descendants, kill_selected, kill_tree, kill_user, process_table
from sandbox_support import is_alive


def test_descendants_follows_parent_links_only():
    def info(pid, ppid):
        return ProcessInfo(pid, ppid, pgid=pid, sid=pid, uid=0, state="S", start=0)

    table = {pid: info(pid, ppid) for pid, ppid in [(10, 1), (11, 10), (12, 11), (13, 10), (20, 1), (21, 20)]}
    assert descendants(table, 10) == {11, 12, 13}
    assert descendants(table, 12) == set()


def test_kill_tree_kills_a_shell_and_its_children():
    shell = subprocess.Popen(["sh", "-c", "sleep 60 & sleep 60 & echo ready; wait"], stdout=subprocess.PIPE,
                             start_new_session=True)
    assert shell.stdout.readline() == b"ready\n"
    children = descendants(process_table(), shell.pid)
    assert len(children) == 2
    assert kill_tree(shell.pid)
    assert shell.wait(timeout=10) == -9
    shell.stdout.close()
    deadline = time.monotonic() + 10
    while any(is_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not any(is_alive(pid) for pid in children)


def test_our_process_and_its_ancestors_are_never_signalled():
    assert kill_selected(lambda table: {os.getpid(), os.getppid()})
    assert is_alive(os.getpid()) and is_alive(os.getppid())


def test_kill_user_refuses_root_and_ourselves():
    for uid in {0, os.getuid()}:
        with pytest.raises(ValueError, match="refusing"):
            kill_user(uid)
