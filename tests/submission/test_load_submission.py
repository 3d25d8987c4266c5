"""load_submission on uploads as students make them: loose files or a zip, one enclosing folder,
editor and OS junk, a folder holding a single zip, caps on size and file count."""
from __future__ import annotations

import zipfile

import pytest

from autograder.grading.submission import SubmissionError, SubmissionLimits, load_submission

OPTIM = "def sgd_momentum(w, dw, config=None):\n    return w, config\n"


def make_zip(path, entries: dict[str, str]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, text in entries.items():
            bundle.writestr(name, text)
    return path


def make_folder(path, entries: dict[str, str]):
    for name, text in entries.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)
    return path


def test_loose_files_in_a_folder(tmp_path):
    upload = make_folder(tmp_path / "upload", {"deeplearning/optim.py": OPTIM, "answers.toml": ""})
    submission = load_submission(upload, tmp_path / "scratch")
    assert submission.files == ("answers.toml", "deeplearning/optim.py")
    assert submission.find("deeplearning/optim.py").read_text() == OPTIM
    assert submission.root == tmp_path / "scratch" / "submission" and submission.warnings == ()


def test_a_zip_nested_one_folder_deep_with_junk_is_unwrapped(tmp_path):
    upload = make_zip(tmp_path / "hw2.zip", {
        "hw2/deeplearning/optim.py": OPTIM, "hw2/answers.toml": "", "hw2/.DS_Store": "x",
        "hw2/.ipynb_checkpoints/hw2-checkpoint.ipynb": "{}", "hw2/deeplearning/__pycache__/optim.cpython-311.pyc": "",
        "__MACOSX/hw2/._answers.toml": "", "hw2/deeplearning/._optim.py": ""})
    submission = load_submission(upload, tmp_path / "scratch")
    assert submission.root.name == "hw2"
    assert submission.files == ("answers.toml", "deeplearning/optim.py")
    assert submission.warnings == ()


def test_a_folder_holding_a_single_zip_is_that_zip(tmp_path):
    (tmp_path / "upload").mkdir()
    make_zip(tmp_path / "upload" / "submission.zip", {"deeplearning/optim.py": OPTIM, "answers.toml": ""})
    (tmp_path / "upload" / ".DS_Store").write_text("junk")
    assert load_submission(tmp_path / "upload", tmp_path / "scratch").files == ("answers.toml", "deeplearning/optim.py")


def test_a_single_file_upload(tmp_path):
    (tmp_path / "optim.py").write_text(OPTIM)
    assert load_submission(tmp_path / "optim.py", tmp_path / "scratch").files == ("optim.py",)


def test_expected_files_decide_whether_to_unwrap(tmp_path):
    upload = make_zip(tmp_path / "only-package.zip", {"deeplearning/optim.py": OPTIM, "deeplearning/layers.py": ""})
    unwrapped = load_submission(upload, tmp_path / "plain")
    kept = load_submission(upload, tmp_path / "expected", expected=["deeplearning/optim.py"])
    assert unwrapped.files == ("layers.py", "optim.py")  # the one-enclosing-folder rule alone
    assert kept.files == ("deeplearning/layers.py", "deeplearning/optim.py")


def test_expected_files_find_the_folder_beside_stray_files(tmp_path):
    upload = make_zip(tmp_path / "upload.zip", {"hw2/deeplearning/optim.py": OPTIM, "notes.txt": "todo"})
    submission = load_submission(upload, tmp_path / "scratch", expected=["deeplearning/optim.py"])
    assert submission.files == ("deeplearning/optim.py",)
    assert submission.warnings == ("graded the folder hw2/ only; ignored at the top: notes.txt",)


def test_missing_message_lists_what_was_found_and_hints_at_the_right_place(tmp_path):
    upload = make_folder(tmp_path / "upload", {"answers.toml": "", "optim.py": OPTIM, "logs/a.npz": ""})
    submission = load_submission(upload, tmp_path / "scratch")
    assert submission.find("deeplearning/optim.py") is None
    assert submission.missing_message("deeplearning/optim.py") == \
        "missing deeplearning/optim.py (found: answers.toml, logs/, optim.py); your optim.py must be at deeplearning/optim.py"
    assert submission.missing_message("deeplearning/fc_net.py") == \
        "missing deeplearning/fc_net.py (found: answers.toml, logs/, optim.py)"


def test_missing_file_in_a_submitted_folder_lists_that_folder(tmp_path):
    upload = make_folder(tmp_path / "upload", {"answers.toml": "", "submission_logs/sgd.json": "{}",
                                               "submission_logs/old/rmsprop.json": "{}"})
    submission = load_submission(upload, tmp_path / "scratch")
    assert submission.missing_message("submission_logs/adam.json") == \
        "missing submission_logs/adam.json (found in submission_logs/: submission_logs/old/, submission_logs/sgd.json)"
    assert submission.missing_message("submission_logs/deep/x.json") == \
        "missing submission_logs/deep/x.json (found in submission_logs/: submission_logs/old/, submission_logs/sgd.json)"


def test_missing_message_mentions_case(tmp_path):
    upload = make_folder(tmp_path / "upload", {"Deeplearning/Optim.py": OPTIM, "answers.toml": ""})
    submission = load_submission(upload, tmp_path / "scratch")
    assert submission.missing_message("deeplearning/optim.py").endswith(
        "your Deeplearning/Optim.py must be at deeplearning/optim.py (names are case-sensitive)")


def test_find_never_leaves_the_submission(tmp_path):
    (tmp_path / "secret.txt").write_text("no")
    submission = load_submission(make_folder(tmp_path / "upload", {"a.py": ""}), tmp_path / "scratch")
    assert submission.find("../../secret.txt") is None and submission.find("/etc/passwd") is None


def test_nothing_uploaded(tmp_path):
    with pytest.raises(SubmissionError, match="nothing was submitted"):
        load_submission(tmp_path / "absent", tmp_path / "scratch")


def test_size_and_count_caps(tmp_path):
    upload = make_folder(tmp_path / "upload", {"a.txt": "x" * 2000, "b.txt": "", "c.txt": ""})
    with pytest.raises(SubmissionError, match="expands to more than"):
        load_submission(upload, tmp_path / "one", limits=SubmissionLimits(max_total_bytes=1000))
    with pytest.raises(SubmissionError, match="more than 2 files"):
        load_submission(upload, tmp_path / "two", limits=SubmissionLimits(max_files=2))


def test_the_only_notebook_under_another_name_is_graded_as_the_expected_one(tmp_path):
    upload = make_folder(tmp_path / "upload", {"answers.toml": "", "hw2_optimizer_init_sol.ipynb": "{}"})
    submission = load_submission(upload, tmp_path / "scratch", expected=["answers.toml", "hw2_optimizer_init.ipynb"])
    assert submission.find("hw2_optimizer_init.ipynb").read_text() == "{}"
    assert submission.warnings == ("graded your notebook hw2_optimizer_init_sol.ipynb as hw2_optimizer_init.ipynb, "
                                   "the notebook this assignment expects (it is the only notebook you submitted)",)


@pytest.mark.parametrize("name", ["Copy of HW2_Optimizer_Init.ipynb", "hw2-optimizer-init (1).ipynb"])
def test_a_renamed_copy_of_the_expected_notebook_is_adopted(tmp_path, name):
    upload = make_folder(tmp_path / "upload", {name: "{}"})
    submission = load_submission(upload, tmp_path / "scratch", expected=["hw2_optimizer_init.ipynb"])
    assert submission.find("hw2_optimizer_init.ipynb").read_text() == "{}"


@pytest.mark.parametrize("uploaded", [
    {"hw2_optimizer_init.ipynb": "{}", "hw2_momentum.ipynb": "{}"},  # the expected one is there
    {"a.ipynb": "{}", "b.ipynb": "{}"},  # two candidates: which one is meant is not ours to guess
    {"answers.toml": ""},  # no notebook at all
    {"hw2_momentum.ipynb": "{}"},  # another notebook of the assignment, not the expected one under another name
    {"notebook.ipynb": "{}"},  # a name that does not hold the expected one's
])
def test_no_notebook_is_adopted_when_the_choice_is_not_clear(tmp_path, uploaded):
    upload = make_folder(tmp_path / "upload", uploaded)
    submission = load_submission(upload, tmp_path / "scratch", expected=["hw2_optimizer_init.ipynb"])
    assert submission.files == tuple(sorted(uploaded)) and submission.warnings == ()
