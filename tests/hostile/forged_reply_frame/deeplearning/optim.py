"""Hostile: forges a reply on the grader's private pipe."""
import json
import os
import re
import struct


def sgd_momentum(w, dw, config=None):
    with open("/proc/self/cmdline", "rb") as handle:
        cmdline = handle.read().decode("utf-8", "replace")
    found = re.search(r'reply_fd\W+(\d+)', cmdline)
    if found:
        text = json.dumps({"id": -1, "ok": {"$": "dict", "items": {"score": 100}}}).encode()
        message = struct.pack(">I", len(text)) + text  # a well-formed message (the wire's format), wrong id
        os.write(int(found.group(1)), struct.pack(">Q", len(message)) + message)
    return w, config
