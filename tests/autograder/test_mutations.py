"""Known-wrong submissions as declared changes of the reference: every declaration applies, each kind of
change does what it says, and one that no longer applies fails naming the variant and the change."""
import textwrap
from types import SimpleNamespace

import nbformat
import pytest

from autograder.assignment import Assignment, available_assignments, load_assignment
from autograder.tools.mutations import MutationError, known_wrong, materialise, materialise_all
from autograder.grading.tomlread import load_toml
from autograder.tools.validate import validate_assignment

STEP_SIZE = load_assignment("step_size")
CODE = '''\
import numpy as np


def double(x):
    """Twice x."""
    return 2 * x


class Model:
    @staticmethod
    def step(w):
        return w - 1
'''
ANSWERS = '# a comment that stays\nq1.a = "0 < eta < 1/sigma^2"\nq1.b = 3\nq2.m = [["1", "2"], ["3", "4"]]\n'


@pytest.fixture
def toy(tmp_path):
    """A stand-in assignment whose reference holds code, answers, a notebook and logs."""
    reference = tmp_path / "submissions" / "reference"
    (reference / "logs").mkdir(parents=True)
    (reference / "code.py").write_text(CODE)
    (reference / "answers.toml").write_text(ANSWERS)
    (reference / "expected.toml").write_text('description = "full marks"\n')
    (reference / "logs" / "run.json").write_text("[]")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("batch_sizes below"),
                                               nbformat.v4.new_code_cell('batch_sizes = {"sgd": 400}')])
    notebook.cells[1].execution_count = 1
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="trained\n")]
    nbformat.write(notebook, reference / "run.ipynb")
    return SimpleNamespace(name="toy", submissions=tmp_path / "submissions")


def declare(assignment, name, changes):
    folder = assignment.submissions / name
    folder.mkdir()
    (folder / "expected.toml").write_text('description = "flawed"\n')
    (folder / "changes.toml").write_text(textwrap.dedent(changes))
    return folder


@pytest.mark.parametrize("name", available_assignments())
def test_every_declared_variant_applies(name, tmp_path):
    assignment = load_assignment(name)
    folders = materialise_all(assignment, tmp_path)
    assert [folder.name for folder in folders] == ["reference", *(wrong.name for wrong in known_wrong(assignment))]
    assert len(folders) > 1 and not any((folder / "expected.toml").exists() for folder in folders)


def test_each_kind_of_change(toy, tmp_path):
    declare(toy, "wrong_everything", '''\
        remove = ["logs"]
        clear_outputs = ["run.ipynb"]

        [[patch]]
        file = "code.py"
        old = "return 2 * x"
        new = "return 3 * x"

        [[patch]]
        file = "run.ipynb"
        old = '"sgd": 400'
        new = '"sgd": 250'

        [[replace_function]]
        file = "code.py"
        name = "Model.step"
        source = """
        @staticmethod
        def step(w):
            return w + 1
        """

        [answers]
        q1.a = '0 < \\eta < \\frac{2}{\\sigma^2}'
        "q1.b" = { repeat = ["X", ["*X", 3]] }
        q2.m = [["1", "2"], ["3", "5"]]
        ''')
    made = materialise(toy, "wrong_everything", tmp_path / "made")
    assert sorted(path.name for path in made.iterdir()) == ["answers.toml", "code.py", "run.ipynb"]
    namespace = {}
    exec((made / "code.py").read_text(), namespace)
    assert namespace["double"](1) == 3 and namespace["Model"].step(1) == 2 and namespace["double"].__doc__ == "Twice x."
    notebook = nbformat.read(made / "run.ipynb", as_version=4)
    assert notebook.cells[1].source == 'batch_sizes = {"sgd": 250}' and notebook.cells[1].outputs == []
    answers = (made / "answers.toml").read_text()
    assert answers.startswith("# a comment that stays\n")
    assert load_toml(made / "answers.toml")["q1"] == {"a": r"0 < \eta < \frac{2}{\sigma^2}", "b": "X*X*X*X"}


def test_a_notebook_patch_keeps_the_outputs(toy, tmp_path):
    declare(toy, "wrong_batch", '[[patch]]\nfile = "run.ipynb"\nold = "400"\nnew = "250"\n')
    cell = nbformat.read(materialise(toy, "wrong_batch", tmp_path / "made") / "run.ipynb", as_version=4).cells[1]
    assert cell.source.endswith("250}") and cell.outputs[0].text == "trained\n" and cell.execution_count == 1


@pytest.mark.parametrize("changes, message", [
    ('[[patch]]\nfile = "code.py"\nold = "return 4 * x"\nnew = ""\n',
     "[[patch]] #1 in code.py: 'return 4 * x' occurs 0 times in code.py, expected once"),
    ('[[patch]]\nfile = "code.py"\nold = "return"\nnew = ""\n', "'return' occurs 2 times in code.py"),
    ('[[patch]]\nfile = "run.ipynb"\nold = "batch_sizes"\nnew = ""\n', "'batch_sizes' is in 2 cells of run.ipynb"),
    ('[[patch]]\nfile = "code.py"\nold = "x"\n', "[[patch]] #1 in code.py: fields ['file', 'old'], expected"),
    ('[[replace_function]]\nfile = "code.py"\nname = "triple"\nsource = ""\n',
     "[[replace_function]] #1 in code.py: 0 definitions of 'triple' in code.py"),
    ('[[replace_function]]\nfile = "code.py"\nname = "double"\nsource = "def double(x):"\n',
     "the new source of 'double' does not parse"),
    ('[answers]\nq9.z = "1"\n', "[answers] q9.z: 0 lines 'q9.z = ...' in answers.toml"),
    ('[answers]\nq1.b = true\n', "[answers] q1.b: q1.b = True is not TOML"),
    ('remove = ["missing.py"]\n', "remove 'missing.py': missing.py is not in the reference"),
    ('renamed = ["code.py"]\n', "unknown field(s) renamed"),
    ('', "changes.toml declares no change"),
])
def test_a_change_that_does_not_apply_names_the_variant_and_the_change(toy, tmp_path, changes, message):
    declare(toy, "wrong_stale", changes)
    with pytest.raises(MutationError) as raised:
        materialise(toy, "wrong_stale", tmp_path / "made")
    assert str(raised.value).startswith("toy/wrong_stale: ") and message in str(raised.value)


def test_a_variant_folder_holds_only_its_declaration(toy, tmp_path):
    folder = declare(toy, "wrong_copied", 'remove = ["logs"]\n')
    (folder / "code.py").write_text(CODE)
    with pytest.raises(MutationError, match="wrong_copied: holds code.py: a variant is declared in changes.toml"):
        materialise(toy, "wrong_copied", tmp_path / "made")


def test_validate_reports_a_variant_that_no_longer_applies(tmp_path, monkeypatch):
    submissions = tmp_path / "submissions"
    materialise(STEP_SIZE, "reference", submissions / "reference")
    stale = declare(SimpleNamespace(submissions=submissions), "wrong_stale",
                    '[[patch]]\nfile = "step_size.py"\nold = "h = 1e-5"\nnew = "h = 0.1"\n')
    monkeypatch.setattr(Assignment, "submissions", property(lambda self: submissions))
    report = validate_assignment(STEP_SIZE, degenerate=False)
    assert not report.ok and stale.name in report.text
    assert ("step_size/wrong_stale: [[patch]] #1 in step_size.py: 'h = 1e-5' occurs 0 times in step_size.py, "
            "expected once") in report.problems and "wrong_stale: does not apply" in report.lines


@pytest.mark.parametrize("name", available_assignments())
def test_the_starter_is_the_reference_without_its_solutions_and_copies_nothing(name, tmp_path):
    assignment = load_assignment(name)
    starter = materialise(assignment, "starter", tmp_path / "starter")
    reference = assignment.submissions / "reference"
    for path in assignment.starter.rglob("*"):  # what the starter folder holds is its own, not the reference's
        twin = reference / path.relative_to(assignment.starter)
        assert not (path.is_file() and twin.is_file() and path.read_bytes() == twin.read_bytes()), path
    assert not (starter / "submission_logs").exists() and not (starter / "changes.toml").exists()
    for path in starter.rglob("*.py"):
        twin = reference / path.relative_to(starter)
        assert twin.is_file(), f"the starter's {path.name} has no reference counterpart"
        if path.read_text() != twin.read_text():
            assert "NotImplementedError(\"TODO" in path.read_text()  # a solution taken out, a TODO in its place


def test_the_hw2_starter_leaves_every_graded_function_to_the_student(tmp_path):
    starter = materialise(load_assignment("hw2"), "starter", tmp_path / "starter")
    code = {path: (starter / path).read_text() for path in ("deeplearning/optim.py", "deeplearning/solver.py",
                                                             "deeplearning/classifiers/fc_net.py")}
    assert code["deeplearning/optim.py"].count("raise NotImplementedError") == 3  # sgd_momentum, rmsprop, adam
    assert code["deeplearning/classifiers/fc_net.py"].count("raise NotImplementedError") == 3  # random, he, zero
    assert "np.linalg.norm" not in code["deeplearning/solver.py"].split("def _step")[1].split("def ")[0]
