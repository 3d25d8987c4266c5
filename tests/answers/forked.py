"""Run a function in a forked child with capped memory and CPU time; get its JSON result back.

For the hostile-answer tests: whatever an answer does, it cannot take the test process with it.
"""
import json
import os
import resource
import select
import signal
import time


def _address_space_in_use() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def run_forked(function, timeout_s: float = 60.0, extra_memory_mb: int = 1024):
    """``function()``'s JSON-able result, computed in a child process. Raises AssertionError if the
    child fails, is killed (memory, CPU) or runs past ``timeout_s``."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(read_end)
            limit = _address_space_in_use() + extra_memory_mb * 2**20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            resource.setrlimit(resource.RLIMIT_CPU, (int(timeout_s), int(timeout_s) + 1))
            payload = json.dumps({"result": function()})
            code = 0
        except BaseException as error:  # noqa: BLE001 - report anything to the parent
            payload = json.dumps({"error": repr(error)})
        finally:
            with os.fdopen(write_end, "w") as pipe:
                pipe.write(payload if "payload" in locals() else '{"error": "no result"}')
            os._exit(code)
    os.close(write_end)
    chunks = []
    deadline = time.monotonic() + timeout_s
    with os.fdopen(read_end) as pipe:
        while True:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([pipe], [], [], max(remaining, 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise AssertionError(f"the child ran past {timeout_s} s")
            chunk = pipe.read()
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    text = "".join(chunks)
    if not text:
        raise AssertionError(f"the child died without a result (wait status {status})")
    message = json.loads(text)
    if "error" in message:
        raise AssertionError(f"the child failed: {message['error']}")
    return message["result"]
