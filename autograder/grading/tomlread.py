"""TOML reading on Python 3.10 (tomli) and 3.11+ (tomllib), and the shape limits checked before student
TOML reaches it.

tomllib recurses once per nested array or inline table (5,000 levels exhaust Python's stack) and keeps,
for every table a dotted key creates, the whole key so far (a key of n parts costs memory quadratic in
n: 8,000 parts take 250 MB). ``check_toml_shape`` scans the text itself, without recursion, first.
"""
from __future__ import annotations

import re
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError

MAX_NESTING = 16       # arrays and inline tables inside each other (HW2's matrices use 2)
MAX_KEY_PARTS = 16     # parts of one dotted key or table header (HW2's keys use 2: [q1] a, or q1.a)
MAX_KEYS = 1000        # key/value pairs and table headers (HW2 has 30 keys)
MAX_ARRAY_ITEMS = 1000  # items of one array (HW2's largest matrix has 9)

# Strings and comments first (what they hold is not structure), then the characters that are.
# A multi-line string may end in up to two extra quotes (""""" closes a string ending in "").
_TOKEN = re.compile(r'''
      """(?:\\.|[^\\])*?(?:"{3,5}|\Z)
    | \'\'\'.*?(?:\'{3,5}|\Z)
    | "(?:\\.|[^"\\\n])*"?
    | '[^'\n]*'?
    | \#[^\n]*
    | [\[\]{}=,.\n]
''', re.VERBOSE | re.DOTALL)


class TOMLShapeError(ValueError):
    """The text is shaped beyond a limit; the message says which, where, and the limit."""


def load_toml(path: Path) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def loads_toml(text: str) -> dict:
    return tomllib.loads(text)


def loads_student_toml(text: str, name: str) -> dict:
    """Student TOML as data: ``check_toml_shape`` first, then tomllib. Raises TOMLShapeError or
    TOMLDecodeError."""
    check_toml_shape(text, name)
    try:
        return tomllib.loads(text)
    except RecursionError:  # the scan and tomllib disagree only on invalid TOML; this is the backstop
        raise TOMLShapeError(f"{name} is nested too deeply to read") from None


def check_toml_shape(text: str, name: str) -> None:
    """Raise TOMLShapeError when ``text`` nests arrays and inline tables deeper than MAX_NESTING, has a
    dotted key of more than MAX_KEY_PARTS parts, more than MAX_KEYS keys or an array of more than
    MAX_ARRAY_ITEMS items. One pass, no recursion; the message gives the largest value found."""
    stack: list[list] = []  # per open bracket: [kind, items]
    mode, parts = "key", 1  # key: reading a key (or a [header]); value: after '=' or a header's ']'
    keys = 0
    largest = {"nesting": 0, "parts": 0, "items": 0}
    first_line: dict[str, int] = {}

    def note(metric: str, value: int, limit: int, position: int) -> None:
        largest[metric] = max(largest[metric], value)
        if value > limit and metric not in first_line:
            first_line[metric] = text.count("\n", 0, position) + 1

    for token in _TOKEN.finditer(text):
        char = token.group()
        if len(char) != 1:
            continue  # a string or comment (a one-character one is an unterminated quote or '#')
        if char == "\n":
            if not stack:
                mode, parts = "key", 1
        elif char == ".":
            if mode in ("key", "header"):
                parts += 1
                note("parts", parts, MAX_KEY_PARTS, token.start())
        elif char == "=":
            if mode == "key":
                keys += 1
                mode = "value"
        elif char == "[":
            if mode == "key" and not stack:
                mode = "header"
                keys += 1
            elif mode != "header":
                stack.append(["[", 1])
                note("nesting", len(stack), MAX_NESTING, token.start())
        elif char == "{":
            stack.append(["{", 1])
            note("nesting", len(stack), MAX_NESTING, token.start())
            mode, parts = "key", 1
        elif char in "]}":
            if mode == "header":
                mode = "value"
            elif stack:
                stack.pop()
                mode = "value"
        elif char == "," and stack:
            stack[-1][1] += 1
            if stack[-1][0] == "{":
                mode, parts = "key", 1
            else:
                note("items", stack[-1][1], MAX_ARRAY_ITEMS, token.start())
    if "nesting" in first_line:
        raise TOMLShapeError(f"{name} nests arrays or inline tables {largest['nesting']:,} levels deep (line "
                             f"{first_line['nesting']}); at most {MAX_NESTING} are allowed")
    if "parts" in first_line:
        raise TOMLShapeError(f"{name} has a dotted key or table name of {largest['parts']:,} parts (line "
                             f"{first_line['parts']}); at most {MAX_KEY_PARTS} are allowed")
    if keys > MAX_KEYS:
        raise TOMLShapeError(f"{name} has {keys:,} keys and tables; at most {MAX_KEYS} are allowed")
    if "items" in first_line:
        raise TOMLShapeError(f"{name} has an array of {largest['items']:,} items (line {first_line['items']}); "
                             f"at most {MAX_ARRAY_ITEMS} are allowed")
