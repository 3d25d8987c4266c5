#!/usr/bin/env bash
# The README's commands: sets up .venv from pyproject.toml's pins on first use, then runs.
#   ./dev.sh demo     grade the bundled sample submissions (the main job)
#   ./dev.sh test     run the whole test suite
#   ./dev.sh bench    run the benchmarks
#   ./dev.sh test310  the engine's tests on Python 3.10 (Gradescope's Ubuntu 22.04), without torch
#   ./dev.sh test-plain  as root: the sandbox and end-to-end tests again as an ordinary user (the
#                     plain-user deployment), from a copy of the tracked files that user owns
#   ./dev.sh ARGS...  any autograder command, e.g. ./dev.sh validate hw2
#
# As root, student code runs as the unprivileged `student` account, or the one named by
# $AUTOGRADER_STUDENT_USER (never as root): the account confirms the deployment, and each grading runs under
# a uid of its own drawn from 61000-61999 (reserved: create no account there; autograder/sandbox/uids.py)
# where the kernel allows, else under the account's uid. Student code must be able
# to execute the interpreter and read the packages: the account is created if missing, and when this
# checkout or the Python found is closed to other users (e.g. under /root), the environment is made in
# /opt/dl-autograder/ from a Python that account can execute. Override with VENV=... PYTHON=...
set -euo pipefail
cd "$(dirname "$0")"
python="$(command -v "${PYTHON:-python3}" || echo "${PYTHON:-python3}")"
venv="${VENV:-$PWD/.venv}"
# The account is $AUTOGRADER_STUDENT_USER where set (the CLI and the tests read the same variable), else `student`.
student="${AUTOGRADER_STUDENT_USER:-student}"
if [ "$(id -u)" = 0 ]; then
    if ! id "$student" >/dev/null 2>&1; then
        echo "Creating the unprivileged '$student' account that runs student code as root (useradd --system)..." >&2
        useradd --system --no-create-home --shell /usr/sbin/nologin "$student"
    fi
    [ "$(id -u "$student")" != 0 ] || { echo "'$student' is a root account (uid 0): name an unprivileged one" >&2; exit 2; }
    student_can() { runuser -u "$student" -- "$@" >/dev/null 2>&1; }
    if [ -z "${VENV:-}" ] && ! { student_can test -r "$PWD/pyproject.toml" && student_can "$python" -c ""; }; then
        venv="/opt/dl-autograder/venv-$(printf %s "$PWD" | cksum | cut -d' ' -f1)"
        if [ -f "$venv/.installed" ] && ! student_can "$venv/bin/python" -c ""; then
            echo "$venv: its Python is closed to the '$student' account; rebuilding it" >&2
            rm -rf "$venv"
        fi
        # Chosen every time: a rebuild (pyproject.toml newer than the environment) must not fall back
        # to a Python the account cannot execute.
        for candidate in "$python" /usr/bin/python3.11 /usr/local/bin/python3.11 /usr/bin/python3; do
            if student_can "$candidate" -c ""; then python="$candidate"; break; fi
        done
        student_can "$python" -c "" || { echo "no Python the '$student' account can execute; set PYTHON=" >&2; exit 2; }
    fi
fi
if [ ! -f "$venv/.installed" ] || [ pyproject.toml -nt "$venv/.installed" ]; then
    echo "Setting up $venv (pinned dependencies from pyproject.toml; about a minute)..." >&2
    mkdir -p "$(dirname "$venv")"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -e '.[test]'
    "$venv/bin/python" -m autograder.sandbox.font_cache >&2 \
        || echo "no matplotlib font cache seed: student processes scan the fonts themselves" >&2
    chmod -R a+rX "$venv"
    touch "$venv/.installed"
fi
command="${1:-demo}"
[ $# -gt 0 ] && shift
if [ "$command" = test310 ]; then
    py310=""
    for candidate in python3.10 "$HOME"/.pyenv/versions/3.10*/bin/python3.10; do
        if "$candidate" -c "" 2>/dev/null; then py310="$candidate"; break; fi
    done
    [ -n "$py310" ] || { echo "Python 3.10 not found: skipped" >&2; exit 0; }
    if [ ! -f .venv310/.installed ] || [ pyproject.toml -nt .venv310/.installed ]; then
        "$py310" -m venv .venv310
        # pyproject's pins for Python 3.10, torch left out (only the oracle's cross-checks and Q6 need it)
        .venv310/bin/pip install --quiet --disable-pip-version-check $("$venv/bin/python" -c "
import tomllib
project = tomllib.load(open('pyproject.toml', 'rb'))['project']
for pin in project['dependencies'] + project['optional-dependencies']['test']:
    name, _, marker = pin.partition(';')
    if not name.startswith('torch') and ('>=' not in marker):
        print(name.strip())")
        .venv310/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
        touch .venv310/.installed
    fi
    suites=(tests/answers tests/submission tests/sandbox tests/autograder/test_results.py tests/assignments/test_hw2_answers.py)
    if [ "$(id -u)" = 0 ] && ! runuser -u "$student" -- "$py310" -c "" >/dev/null 2>&1; then
        # Student code never runs as root, and the student account cannot execute this Python 3.10.
        echo "test310: tests/sandbox left out: the '$student' account cannot execute $py310 (the sandbox is tested by ./dev.sh test and test-plain)" >&2
        suites=(tests/answers tests/submission tests/autograder/test_results.py tests/assignments/test_hw2_answers.py)
    fi
    exec .venv310/bin/python -m pytest -q "${suites[@]}" "$@"
fi
if [ "$command" = test-plain ]; then
    [ "$(id -u)" = 0 ] || { echo "test-plain: run as root (it switches to an ordinary user)" >&2; exit 2; }
    plain_user=dl-autograder-plain
    id "$plain_user" >/dev/null 2>&1 || useradd --no-create-home --shell /usr/sbin/nologin "$plain_user"
    copy="$(mktemp -d /tmp/dl-autograder-plain.XXXXXX)"
    trap 'rm -rf "$copy"' EXIT
    { git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$copy"; } 2>/dev/null || cp -r . "$copy"
    chown -R "$plain_user" "$copy"
    chmod 755 "$copy"
    cd "$copy"
    # Without root the named account would be refused (student code runs as the plain user itself).
    runuser -u "$plain_user" -- env -u AUTOGRADER_STUDENT_USER HOME="$copy" PYTHONPATH="$copy" "$venv/bin/python" -m pytest -q -p no:cacheprovider \
        tests/sandbox tests/test_end_to_end.py "$@"
    exit
fi
case "$command" in
    test)  exec "$venv/bin/python" -m pytest -q "$@" ;;
    bench) exec "$venv/bin/python" -m bench "$@" ;;
    *)     exec "$venv/bin/autograder" "$command" "$@" ;;
esac
