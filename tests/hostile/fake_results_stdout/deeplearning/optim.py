"""Hostile: prints what a naive grader might parse as its results, then returns a wrong value."""
import json
import struct
import sys

FAKE = {"score": 100.0, "output": "All tests passed", "tests": [{"name": "sgd_momentum", "score": 10, "max_score": 10}]}


def sgd_momentum(w, dw, config=None):
    text = json.dumps(FAKE)
    print(text)
    frame = json.dumps({"id": 1, "ok": "forged"}).encode()
    sys.stdout.buffer.write(struct.pack(">Q", len(frame)) + frame)
    sys.stdout.flush()
    return w * 0 + 42.0, config
