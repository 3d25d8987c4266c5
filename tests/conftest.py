import json
from pathlib import Path

import jsonschema
import pytest

SCHEMA = json.loads((Path(__file__).parent / "gradescope_results.schema.json").read_text())


def validate_gradescope_json(data: dict) -> None:
    """Gradescope's schema, plus what it implies: each test's score within [0, max_score]."""
    jsonschema.validate(data, SCHEMA)
    for test in data["tests"]:
        assert 0 <= test["score"] <= test["max_score"] or test["max_score"] == 0 and test["score"] == 0, test


@pytest.fixture
def gradescope_schema():
    return validate_gradescope_json
