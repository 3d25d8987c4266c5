"""What the benchmarks build before they measure: the Gradescope root, the class, the question orders, the
padded logs."""
import os

import numpy as np
import pytest

from autograder.assignment import load_assignment
from bench.baseline import code_only_upload
from bench.batch import generate_class, hostile_cases, mixed_sample, steady_rate
from bench.end_to_end import OPTIONAL_NOTEBOOKS, gradescope_root
from bench.growth import padded_logs_submission, shuffled_questions
from bench.paths import REFERENCE_SUBMISSION


def test_gradescope_root_layout(tmp_path):
    root = gradescope_root(tmp_path, "hw2", REFERENCE_SUBMISSION, OPTIONAL_NOTEBOOKS)
    assert (root / "source" / "ASSIGNMENT").read_text().strip() == "hw2"
    for package in ("autograder", "reference", "assignments"):
        assert (root / "source" / package / "__init__.py").exists()
    submitted = set(os.listdir(root / "submission"))
    assert "answers.toml" in submitted and not submitted & set(OPTIONAL_NOTEBOOKS)
    assert os.listdir(root / "results") == []


def test_class_cycles_through_the_variants(tmp_path):
    source = tmp_path / "submissions"
    for name in ("reference", "wrong_a", "wrong_b"):
        (source / name).mkdir(parents=True)
        (source / name / "answers.toml").write_text(f"# {name}\n")
    made = generate_class(tmp_path / "class", source, 7)
    assert [path.name for path in made] == ["s000_reference", "s001_wrong_a", "s002_wrong_b", "s003_reference",
                                            "s004_wrong_a", "s005_wrong_b", "s006_reference"]
    assert (made[4] / "answers.toml").read_text() == "# wrong_a\n"


def test_steady_rate_counts_from_the_jobs_th_record():
    # Two workers, 2 s per submission: pairs finish at 2, 4, 6 s: 4 submissions in the 4 s after the 2nd.
    assert steady_rate([2.0, 2.1, 4.0, 4.1, 6.0, 6.1], jobs=2) == pytest.approx(4 / 4.0)
    assert steady_rate([1.0, 2.0, 3.0], jobs=1) == pytest.approx(1.0)


def test_each_round_shuffles_every_question_once():
    hw2 = load_assignment("hw2")
    orders = [shuffled_questions(hw2, index) for index in range(3)]
    assert all(sorted(q.key for q in order) == sorted(q.key for q in hw2.questions) for order in orders)
    assert orders[0] == shuffled_questions(hw2, 0) and orders[0] != orders[1]


def test_padded_logs_keep_every_other_array(tmp_path):
    padded = padded_logs_submission(REFERENCE_SUBMISSION, tmp_path / "padded", 1)
    original = REFERENCE_SUBMISSION / "submission_logs" / "optimizer_experiment_adam.npz"
    with np.load(original) as before, np.load(padded / "submission_logs" / "optimizer_experiment_adam.npz") as after:
        assert set(before.files) == set(after.files)
        assert after["val_accs"].nbytes == 2**20
        for key in set(before.files) - {"val_accs"}:
            np.testing.assert_array_equal(before[key], after[key])


def test_every_fourth_submission_of_the_mixed_sample_is_hostile(tmp_path):
    bundled = []
    for index in range(8):
        (tmp_path / "class" / f"s{index:03d}").mkdir(parents=True)
        bundled.append(tmp_path / "class" / f"s{index:03d}")
    hostile = hostile_cases()
    used = mixed_sample(tmp_path / "mixed", bundled, hostile, start=1)
    assert used == [hostile[1].name, hostile[2].name]
    names = sorted(path.name for path in (tmp_path / "mixed").iterdir())
    assert [name for name in names if name.startswith("s")] == ["s000", "s001", "s002", "s004", "s005", "s006"]
    assert [name.split("_", 1)[1].removesuffix(".zip") for name in names if name.startswith("h")] == used
    assert [case.name for case in hostile] == [case.name for case in hostile_cases()]  # a fixed order


def test_code_only_upload_is_the_reference_package_alone(tmp_path):
    upload = code_only_upload(tmp_path / "upload")
    assert os.listdir(upload) == ["deeplearning"]
    for name in ("optim.py", "layers.py", "classifiers/fc_net.py"):
        assert (upload / "deeplearning" / name).read_bytes() == (REFERENCE_SUBMISSION / "deeplearning" / name).read_bytes()
