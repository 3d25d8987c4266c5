"""check_toml_shape: each limit read just under, refused just over with its message; strings and
comments are not structure; tomllib never sees a shape past a limit."""
from __future__ import annotations

import pytest

from autograder.grading.tomlread import (MAX_ARRAY_ITEMS, MAX_KEY_PARTS, MAX_KEYS, MAX_NESTING, TOMLShapeError,
                                 check_toml_shape, loads_student_toml)


def nested_array(depth: int) -> str:
    return "a = " + "[" * depth + "]" * depth + "\n"


def nested_inline(depth: int) -> str:
    return "a = " + "{b = " * depth + "1" + "}" * depth + "\n"


def dotted(parts: int) -> str:
    return ".".join(["a"] * parts) + " = 1\n"


def header(parts: int) -> str:
    return "[" + ".".join(["t"] * parts) + "]\nx = 1\n"


def array_of(items: int) -> str:
    return "a = [" + ", ".join(['"x"'] * items) + "]\n"


def keys(count: int) -> str:
    return "".join(f"k{index} = 1\n" for index in range(count))


@pytest.mark.parametrize("build, limit, message", [
    (nested_array, MAX_NESTING, "nests arrays or inline tables {n:,} levels deep (line 1); at most 16 are allowed"),
    (nested_inline, MAX_NESTING, "nests arrays or inline tables {n:,} levels deep (line 1); at most 16 are allowed"),
    (dotted, MAX_KEY_PARTS, "has a dotted key or table name of {n:,} parts (line 1); at most 16 are allowed"),
    (header, MAX_KEY_PARTS, "has a dotted key or table name of {n:,} parts (line 1); at most 16 are allowed"),
    (array_of, MAX_ARRAY_ITEMS, "has an array of {n:,} items (line 1); at most 1000 are allowed"),
    (keys, MAX_KEYS, "has {n:,} keys and tables; at most 1000 are allowed"),
], ids=["array", "inline_table", "dotted_key", "table_header", "array_items", "keys"])
def test_each_limit_reads_at_the_limit_and_refuses_one_past_it(build, limit, message):
    assert isinstance(loads_student_toml(build(limit), "answers.toml"), dict)
    with pytest.raises(TOMLShapeError) as raised:
        loads_student_toml(build(limit + 1), "answers.toml")
    assert str(raised.value) == "answers.toml " + message.format(n=limit + 1)


def test_the_message_gives_the_whole_depth_and_the_first_line_past_the_limit():
    with pytest.raises(TOMLShapeError, match=r"5,000 levels deep \(line 3\)"):
        check_toml_shape('[q1]\na = "1"\nb = ' + "[" * 5000 + "]" * 5000, "answers.toml")


def test_a_key_of_thousands_of_parts_is_refused_before_tomllib_spends_memory_on_it():
    with pytest.raises(TOMLShapeError, match="of 300,000 parts"):
        loads_student_toml(dotted(300_000), "answers.toml")  # tomllib alone: memory quadratic in the parts


@pytest.mark.parametrize("text", [
    'a = "[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{ a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r"\n',
    "a = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \\'\n",
    'a = """\n[[[[[[[[[[[[[[[[[[[[[[\n{{{{{{{{{{{{{{{{{{{{{{\n"""\n',
    "a = '''\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n'''\n",
    'a = """ends in two quotes"""""\n',
    "# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q\na = 1\n",
    '"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s" = 1\n',
    "a = 1.5\nb = 2023-09-01T10:00:00.5\nc = [[1.5, 2.5], [3.5, 4.5]]\n",
], ids=["basic_string", "literal_string", "multiline_basic", "multiline_literal", "extra_quotes", "comment",
        "quoted_key", "floats"])
def test_strings_comments_and_values_are_not_structure(text):
    check_toml_shape(text, "answers.toml")
    loads_student_toml(text, "answers.toml")


def test_brackets_after_a_string_ending_in_quotes_still_count():
    with pytest.raises(TOMLShapeError, match="levels deep"):
        check_toml_shape('a = ["""x"""""' + ", " + "[" * 20 + "]" * 20 + "]\n", "answers.toml")


def test_tables_headers_and_arrays_of_tables_read_as_usual():
    text = '[q1]\na = "1"\n[[q2.runs]]\nb = [["1", "0"], ["0", "1"]]\n[[q2.runs]]\nc = {d = 1, e.f = 2}\n'
    assert loads_student_toml(text, "answers.toml")["q2"]["runs"][1]["c"] == {"d": 1, "e": {"f": 2}}
