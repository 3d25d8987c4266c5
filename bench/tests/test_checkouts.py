"""bench.checkouts: each view pairs this checkout's bench with the other checkout's grader; the comparison
takes each figure's median over rounds per side."""
import pytest

from bench.checkouts import VIEWED, compare, make_view
from bench.paths import REPO


def test_a_view_has_our_bench_and_the_checkouts_packages(tmp_path):
    other = tmp_path / "other"
    for name in VIEWED:
        (other / name).mkdir(parents=True)
    view = make_view(other, tmp_path / "view")
    assert (view / "bench").resolve() == (REPO / "bench").resolve()
    assert all((view / name).resolve() == (other / name).resolve() for name in VIEWED)


def test_a_folder_that_is_not_a_checkout_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="not a checkout"):
        make_view(tmp_path, tmp_path / "view")


def _record(benchmark, **figures):
    return {"benchmark": benchmark, "figures": figures}


def test_each_figure_is_the_median_over_rounds_with_after_over_before():
    records = {"before": [[_record("baseline", ratio=2.0)], [_record("baseline", ratio=4.0)], [_record("baseline", ratio=2.2)]],
               "after": [[_record("baseline", ratio=1.0)], [_record("baseline", ratio=1.1)], [_record("baseline", ratio=9.0)]]}
    line = compare(records).splitlines()[1].split()
    # medians: before 2.2 (of 2.0, 4.0, 2.2), after 1.1 (of 1.0, 1.1, 9.0): after / before = 0.5
    assert line == ["baseline.ratio", "2.2", "1.1", "0.500"]
