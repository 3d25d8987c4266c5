#!/usr/bin/env bash
# The README's commands: sets up .venv from pyproject.toml's pins on first use, then runs.
#   ./dev.sh demo     grade the bundled sample submissions (the main job)
#   ./dev.sh test     run the whole test suite
#   ./dev.sh bench    run the benchmarks
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
case "$command" in
    test)  exec .venv/bin/python -m pytest -q "$@" ;;
    bench) exec .venv/bin/python -m bench "$@" ;;
    *)     exec .venv/bin/autograder "$command" "$@" ;;
esac
