"""The readers' limits (issue 12, item 4), each on both sides: just under reads, just over gives its
message. Upload paths (depth, length, name bytes, storable names), JSON (depth, values), notebooks
(cells, lone surrogates), .npz logs (arrays, expanded bytes, header claims, pickles)."""
from __future__ import annotations

import io
import json
import os
import zipfile

import numpy as np
import pytest

from autograder.grading import submission as loading
from autograder.grading.submission import (MAX_FOLDER_DEPTH, MAX_JSON_DEPTH, MAX_NAME_BYTES, MAX_NPZ_ARRAYS, MAX_PATH_CHARS,
                                   MAX_WARNINGS, SubmissionError, load_submission, read_json_file,
                                   read_notebook_file, read_npz_file)


def zip_upload(tmp_path, members: dict[str, str]):
    path = tmp_path / "upload.zip"
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("answers.toml", "")
        for name, text in members.items():
            bundle.writestr(name, text)
    return load_submission(path, tmp_path / "scratch")


def folder_path(folders: int, name: str = "d") -> str:
    return f"{name}/" * folders + "x.py"


@pytest.mark.parametrize("just_under, just_over, message", [
    (folder_path(MAX_FOLDER_DEPTH), folder_path(MAX_FOLDER_DEPTH + 1, "e"),
     "it sits 33 folders deep; at most 32 are allowed"),
    ("p" * 200 + "/" + "p" * (MAX_PATH_CHARS - 204) + ".py", "q" * 200 + "/" + "q" * (MAX_PATH_CHARS - 203) + ".py",
     "its path is 401 characters long; at most 400 are allowed"),
    ("é" * ((MAX_NAME_BYTES - 3) // 2) + ".py", "ê" * ((MAX_NAME_BYTES - 1) // 2) + ".py",
     "a name in its path is longer than 255 bytes"),
], ids=["folder_depth", "path_characters", "name_bytes"])
def test_zip_member_paths_at_the_limit_are_extracted_and_past_it_skipped(tmp_path, just_under, just_over, message):
    submission = zip_upload(tmp_path, {just_under: "x = 1\n", just_over: "y = 1\n"})
    assert just_under in submission.files and just_over not in submission.files
    assert [warning.split(": ", 1)[1] for warning in submission.warnings] == [message]


@pytest.mark.parametrize("name", ["red\x1b[31m.py", "bell\x07.py", "c1\x9b.py", "tab\t.py"])
def test_member_names_with_control_characters_are_skipped_and_shown_escaped(tmp_path, name):
    submission = zip_upload(tmp_path, {name: "x = 1\n"})
    assert submission.files == ("answers.toml",)
    (warning,) = submission.warnings
    assert warning.endswith("its name holds control characters or bytes that are not UTF-8")
    assert warning.isprintable()


def test_a_folder_upload_skips_undecodable_names_and_folders_past_the_depth_limit(tmp_path):
    upload = tmp_path / "upload"
    deep = upload.joinpath(*["d"] * (MAX_FOLDER_DEPTH + 5))
    deep.mkdir(parents=True)
    (deep / "x.py").write_text("x = 1\n")
    (upload.joinpath(*["d"] * MAX_FOLDER_DEPTH) / "kept.py").write_text("x = 1\n")
    with open(os.path.join(os.fsencode(upload), b"bad\xff.py"), "w") as handle:
        handle.write("x = 1\n")
    (upload / "answers.toml").write_text("")
    submission = load_submission(upload, tmp_path / "scratch")
    assert submission.files == ("answers.toml", "d/" * MAX_FOLDER_DEPTH + "kept.py")
    assert [warning.split(": ", 1)[1] for warning in submission.warnings] == [
        "its name holds control characters or bytes that are not UTF-8", "it sits 33 folders deep; at most 32 are allowed"]


def test_warnings_are_listed_up_to_the_cap_and_then_counted(tmp_path):
    submission = zip_upload(tmp_path, {f"bad{index}\x07.py": "" for index in range(MAX_WARNINGS + 5)})
    assert len(submission.warnings) == MAX_WARNINGS + 1
    assert submission.warnings[-1] == "... and 5 more warnings like these"


def nested_json(depth: int) -> str:
    return '{"a": ' * (depth - 1) + '["]]]]{{{{"]' + "}" * (depth - 1)  # brackets inside strings do not count


def test_json_at_the_depth_limit_reads_and_one_past_it_is_refused(tmp_path):
    path = tmp_path / "log.json"
    path.write_text(nested_json(MAX_JSON_DEPTH))
    assert isinstance(read_json_file(path, "log.json", 1 << 20), dict)
    path.write_text(nested_json(MAX_JSON_DEPTH + 1))
    with pytest.raises(SubmissionError) as raised:
        read_json_file(path, "log.json", 1 << 20)
    assert str(raised.value) == "log.json is not valid JSON: it nests arrays or objects more than 64 levels deep"


def test_json_nested_far_past_what_json_can_recurse_is_refused_by_the_scan(tmp_path):
    path = tmp_path / "log.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(SubmissionError, match="more than 64 levels deep"):
        read_json_file(path, "log.json", 1 << 20)


def test_json_values_past_the_count_limit_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "MAX_JSON_VALUES", 100)
    path = tmp_path / "log.json"
    path.write_text(json.dumps([0] * 100))
    assert read_json_file(path, "log.json", 1 << 20) == [0] * 100
    path.write_text(json.dumps([0] * 101))
    with pytest.raises(SubmissionError, match="it holds about 101 values; at most 100 are allowed"):
        read_json_file(path, "log.json", 1 << 20)


def notebook(cells: int, text: str = "x = 1") -> dict:
    cell = {"cell_type": "code", "metadata": {}, "source": text, "execution_count": 1, "outputs": []}
    return {"cells": [cell] * cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4}


def test_notebook_cells_past_the_count_limit_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "MAX_NOTEBOOK_CELLS", 3)
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook(3)))
    assert len(read_notebook_file(path, "nb.ipynb").cells) == 3
    path.write_text(json.dumps(notebook(4)))
    with pytest.raises(SubmissionError, match="nb.ipynb is not a valid notebook: it has 4 cells; at most 3 are allowed"):
        read_notebook_file(path, "nb.ipynb")


def test_lone_surrogates_in_a_notebook_become_replacement_characters(tmp_path):
    data = notebook(1, "x = 1  # \udfff")
    data["cells"][0]["outputs"] = [{"output_type": "error", "ename": "E\ud800", "evalue": "", "traceback": ["\udbff"]}]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(data))  # ensure_ascii: the file holds the escapes "\ud800"
    cell = read_notebook_file(path, "nb.ipynb").cells[0]
    assert cell.source == "x = 1  # \ufffd"
    assert cell.outputs[0].ename == "E\ufffd" and cell.outputs[0].traceback == ["\ufffd"]


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    out = io.BytesIO()
    np.savez(out, **arrays)
    return out.getvalue()


def test_npz_arrays_up_to_the_count_limit_read_and_past_it_are_refused(tmp_path):
    path = tmp_path / "log.npz"
    path.write_bytes(npz_bytes({f"a{index}": np.arange(3.0) for index in range(MAX_NPZ_ARRAYS)}))
    arrays = read_npz_file(path, "log.npz", 1 << 20)
    assert len(arrays) == MAX_NPZ_ARRAYS and arrays["a0"].tolist() == [0.0, 1.0, 2.0]
    path.write_bytes(npz_bytes({f"a{index}": np.arange(3.0) for index in range(MAX_NPZ_ARRAYS + 1)}))
    with pytest.raises(SubmissionError, match="log.npz holds 65 arrays; at most 64 are allowed"):
        read_npz_file(path, "log.npz", 1 << 20)


def test_npz_expanding_past_the_byte_limit_is_refused_before_any_array_is_read(tmp_path):
    path = tmp_path / "log.npz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        member = io.BytesIO()
        np.lib.format.write_array(member, np.zeros(10_000))
        bundle.writestr("a.npy", member.getvalue())
    size = zipfile.ZipFile(path).getinfo("a.npy").file_size
    assert read_npz_file(path, "log.npz", size)["a"].shape == (10_000,)
    with pytest.raises(SubmissionError, match=f"log.npz expands to {size:,} bytes, more than the {size - 1:,} allowed"):
        read_npz_file(path, "log.npz", size - 1)


def test_an_npy_header_claiming_more_than_its_entry_holds_is_refused_unallocated(tmp_path):
    path = tmp_path / "log.npz"
    with zipfile.ZipFile(path, "w") as bundle:
        member = io.BytesIO()
        np.lib.format.write_array_header_1_0(member, {"descr": "<f8", "fortran_order": False, "shape": (10**12,)})
        bundle.writestr("a.npy", member.getvalue() + b"\0" * 8)
    with pytest.raises(SubmissionError, match="a.npy claims 8,000,000,000,000 bytes of data but holds only"):
        read_npz_file(path, "log.npz", 1 << 20)


@pytest.mark.parametrize("content, reason", [
    (npz_bytes({"a": np.array([{"x": 1}], dtype=object)}), "a.npy holds Python objects; only numbers are accepted"),
    (b"PK\x03\x04 not really a zip", r"could not be read as an \.npz file \(BadZipFile\)"),
])
def test_pickled_or_broken_npz_files_are_refused_clearly(tmp_path, content, reason):
    path = tmp_path / "log.npz"
    path.write_bytes(content)
    with pytest.raises(SubmissionError, match=reason):
        read_npz_file(path, "log.npz", 1 << 20)
