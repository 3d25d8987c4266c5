"""Discussion 3 public check: shipped in the student kit, visible on Gradescope. The discussion is graded
from answers.toml alone (no code), so the only check is that the file is there and readable."""
from gradescope_utils.autograder_utils.decorators import number, weight

from autograder.checks import fail, require_file

VISIBILITY = "visible"


@weight(0)
@number("0.1")
def test_answers_file_readable(submission):
    """answers.toml is present and is valid TOML"""
    require_file(submission, "answers.toml")
    error = submission.read_answers().error
    if error:
        fail("answers_file", error)
