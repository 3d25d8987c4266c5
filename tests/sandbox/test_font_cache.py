"""The matplotlib font cache seed: built by a trusted scan, read by the student's matplotlib instead of a
scan of its own, and copied per student process, so what one submission does to its copy never reaches
the seed or the next submission."""
from __future__ import annotations

import json

import pytest

from autograder.sandbox import font_cache
from autograder.sandbox.student import StudentProcess
from sandbox_support import TEST_LIMITS

pytest.importorskip("matplotlib")

MARKER = "SeedMarkerSans"
# Which fonts the student's matplotlib knows, then what the student does to its own copy of the cache.
FONTS_THEN_SPOIL = '''
def fonts_then_spoil():
    import os
    import matplotlib.font_manager as font_manager
    config = os.environ["MPLCONFIGDIR"]
    names = sorted({font.name for font in font_manager.fontManager.ttflist})
    found = sorted(os.listdir(config))
    for name in found:
        with open(os.path.join(config, name), "w") as handle:
            handle.write("spoiled by the student")
    return names, found
'''


@pytest.fixture(scope="module")
def built_seed(tmp_path_factory):
    """One real scan (about half a second), shared by the tests of this module."""
    return font_cache.build(tmp_path_factory.mktemp("seed"))


@pytest.fixture
def marked_seed(built_seed, tmp_path, monkeypatch):
    """The real seed with one made-up font added: only a matplotlib that read the seed knows it."""
    seed_dir = tmp_path / "seed"
    seed_dir.mkdir()
    fonts = json.loads(built_seed.read_text())
    fonts["ttflist"].append({**fonts["ttflist"][0], "name": MARKER})
    seed = seed_dir / built_seed.name
    seed.write_text(json.dumps(fonts))
    monkeypatch.setattr(font_cache, "SEED_DIR", seed_dir)
    return seed


@pytest.fixture
def submission(tmp_path):
    folder = tmp_path / "submission"
    folder.mkdir()
    (folder / "notes.txt").write_text("nothing to run\n")
    return folder


def test_build_stores_the_one_font_list_of_a_scan_replacing_the_old(built_seed, tmp_path):
    assert built_seed.name.startswith("fontlist-v") and built_seed.suffix == ".json"
    fonts = json.loads(built_seed.read_text())
    assert fonts["ttflist"], "the scan found no font"
    again = font_cache.build(built_seed.parent)
    assert sorted(built_seed.parent.iterdir()) == [again]


def test_the_students_matplotlib_reads_the_seed_instead_of_scanning(marked_seed, submission):
    with StudentProcess(submission, TEST_LIMITS) as student:
        names, found = student.probe(FONTS_THEN_SPOIL, "fonts_then_spoil")
    assert found == [marked_seed.name]
    assert MARKER in names


def test_a_spoiled_copy_reaches_neither_the_seed_nor_the_next_submission(marked_seed, submission):
    before = marked_seed.read_bytes()
    with StudentProcess(submission, TEST_LIMITS) as student:
        student.probe(FONTS_THEN_SPOIL, "fonts_then_spoil")
    assert marked_seed.read_bytes() == before
    with StudentProcess(submission, TEST_LIMITS) as student:
        names, _ = student.probe(FONTS_THEN_SPOIL, "fonts_then_spoil")
    assert MARKER in names


def test_without_a_seed_matplotlib_scans_in_an_empty_folder(tmp_path, submission, monkeypatch):
    monkeypatch.setattr(font_cache, "SEED_DIR", tmp_path / "no seed here")
    with StudentProcess(submission, TEST_LIMITS) as student:
        names, found = student.probe(FONTS_THEN_SPOIL, "fonts_then_spoil")
    assert found  # the list its own scan wrote
    assert names and MARKER not in names
