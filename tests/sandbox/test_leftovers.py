"""remove_files_of: every entry of one uid in shared temporary folders goes, however deep or closed; nothing of
another owner outside it, and no symlink is followed (issue 29, items 2 and 7)."""
from __future__ import annotations

import os
import socket
import stat

import pytest

from autograder.sandbox.leftovers import remove_files_of

UID = 61999  # in the reserved range (uids.DYNAMIC_UIDS): no account owns it
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="giving files to another uid needs root")


def owned(path, uid: int = UID) -> None:
    os.lchown(path, uid, uid)


@ROOT_ONLY
def test_every_entry_of_the_uid_goes_and_nothing_else(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    grader_file = tmp_path / "grader.txt"
    grader_file.write_text("keep")
    mine = {"file": shared / "file", "fifo": shared / "fifo", "socket": shared / "socket",
            "deep": shared / "deep", "closed": shared / "closed", "link": shared / "link"}
    mine["file"].write_text("left")
    os.mkfifo(mine["fifo"])
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(mine["socket"]))
    deep = mine["deep"].joinpath(*["d"] * 300)
    deep.mkdir(parents=True)
    (deep / "bottom").write_text("left")
    mine["closed"].mkdir()
    (mine["closed"] / "root-file-inside").write_text("left")  # another owner's, inside the uid's folder: goes
    mine["link"].symlink_to(grader_file)
    for path in [*mine.values(), *mine["deep"].rglob("*")]:
        owned(path)
    mine["closed"].chmod(0)
    common = shared / "common"  # a world-writable folder of root's: searched, kept
    common.mkdir()
    common.chmod(0o777)
    (common / "nested").write_text("left")
    owned(common / "nested")
    (common / "roots").write_text("keep")
    private = shared / "private"  # root's and closed: not searched (the uid could not write there)
    private.mkdir(mode=0o755)
    (private / "roots").write_text("keep")
    other = shared / "other-uid"
    other.write_text("keep")
    owned(other, UID - 1)

    assert remove_files_of(UID, UID, (str(shared),)) == len(mine) + 1
    assert sorted(path.name for path in shared.iterdir()) == ["common", "other-uid", "private"]
    assert [path.name for path in common.iterdir()] == ["roots"]
    assert grader_file.read_text() == "keep" and (private / "roots").exists()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777


def test_refuses_root_and_our_own_uid():
    for uid in {0, os.getuid(), os.geteuid()}:
        with pytest.raises(ValueError, match="refusing"):
            remove_files_of(uid, uid, ("/nonexistent",))
