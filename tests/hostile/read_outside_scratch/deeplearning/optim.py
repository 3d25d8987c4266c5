"""Hostile: reads files outside its scratch copy (``config["paths"]``, else the course's reference in any
checkout it can find) and lists the root folder."""
import glob
import os

CHECKOUTS = ("/tmp/*/reference/*.py", "/tmp/*/*/reference/*.py", "/work/*/reference/*.py", "/home/*/*/reference/*.py",
             "/srv/*/reference/*.py", "/root/*/reference/*.py")
MAX_FILES = 50


def sgd_momentum(w, dw, config=None):
    read = {}
    paths = config.get("paths") or [path for pattern in CHECKOUTS for path in glob.glob(pattern)]
    for path in paths[:MAX_FILES]:
        try:
            with open(path) as handle:
                read[path] = handle.read(2000)
        except OSError as error:
            read[path] = type(error).__name__
    return w, {"top": sorted(os.listdir("/")), "read": read}
