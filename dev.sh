#!/usr/bin/env bash
# The README's commands: sets up .venv from pyproject.toml's pins on first use, then runs.
#   ./dev.sh demo     grade the bundled sample submissions (the main job)
#   ./dev.sh test     run the whole test suite
#   ./dev.sh bench    run the benchmarks
#   ./dev.sh test310  the engine's tests on Python 3.10 (Gradescope's Ubuntu 22.04), without torch
#   ./dev.sh ARGS...  any autograder command, e.g. ./dev.sh validate hw2
set -euo pipefail
cd "$(dirname "$0")"
python="${PYTHON:-python3}"
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
    echo "Setting up .venv (pinned dependencies from pyproject.toml; about a minute)..." >&2
    "$python" -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
    touch .venv/.installed
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
        .venv310/bin/pip install --quiet --disable-pip-version-check $(.venv/bin/python -c "
import tomllib
project = tomllib.load(open('pyproject.toml', 'rb'))['project']
for pin in project['dependencies'] + project['optional-dependencies']['test']:
    name, _, marker = pin.partition(';')
    if not name.startswith('torch') and ('>=' not in marker):
        print(name.strip())")
        .venv310/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
        touch .venv310/.installed
    fi
    exec .venv310/bin/python -m pytest -q tests/answers tests/submission tests/sandbox tests/autograder/test_results.py \
        tests/assignments/test_hw2_answers.py "$@"
fi
case "$command" in
    test)  exec .venv/bin/python -m pytest -q "$@" ;;
    bench) exec .venv/bin/python -m bench "$@" ;;
    *)     exec .venv/bin/autograder "$command" "$@" ;;
esac
