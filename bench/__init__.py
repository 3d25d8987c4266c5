"""Benchmarks: grading cost per submission, batch throughput, answer-check latency, the in-process
baseline and how cost grows (issue 8). Run them all with ``python -m bench`` (``./dev.sh bench``);
each prints a table and appends a record to ``bench/results.json``. See ``bench/README.md``.
"""
