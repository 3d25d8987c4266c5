"""The system calls student code may not make: a classic-BPF seccomp filter (issue 29, item 1).

Built here, on the trusted side, for the machine's architecture, and sent to the child as bytes in its
config; the child installs it (``child._install_seccomp``) under no_new_privs after its own set-up and
before the first student import, in every deployment and in every fork of the warm template. It needs no
privilege and works inside Docker's default seccomp profile (filters stack: the stricter answer wins). A
filter cannot be removed or loosened by the process it confines, nor by anything it starts.

What it refuses, with EPERM (student code gets an ordinary ``PermissionError``):

- ``socket`` and ``socketpair`` of any family but AF_UNIX: no internet (IPv4, IPv6), netlink, packet or
  other socket, whether or not the network namespace could be unshared;
- reading or changing another process: ``ptrace``, ``process_vm_readv``/``writev``, ``pidfd_getfd``;
- changing what the process can see: ``mount``, ``umount2``, ``pivot_root`` and the new mount API
  (``open_tree`` ... ``mount_setattr``), ``unshare``, ``setns``, and ``clone`` with a CLONE_NEW* flag;
- kernel interfaces a grading never needs and that carry most kernel exploits: the key store (``keyctl``,
  ``add_key``, ``request_key``), ``bpf``, ``perf_event_open``, ``userfaultfd``, io_uring.

``clone3`` gets ENOSYS, as in Docker's profile: its flags sit in memory a filter cannot read, and on
ENOSYS glibc falls back to ``clone``, whose flags it can. A system call of a foreign architecture
(i386 through ``int 0x80`` on x86-64) kills the process: its numbers mean other calls. x32 calls
(numbers with bit 30 set) get EPERM.
"""
from __future__ import annotations

import ctypes
import errno
import platform
import socket
import struct
import types
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from autograder.sandbox.processes import succeeds_in_fork

# linux/audit.h: EM_* | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE
AUDIT_ARCH_X86_64 = 0xC000003E
AUDIT_ARCH_AARCH64 = 0xC00000B7
X32_SYSCALL_BIT = 0x40000000

# linux/seccomp.h
SECCOMP_SET_MODE_FILTER = 1
SECCOMP_FILTER_FLAG_TSYNC = 1
SECCOMP_RET_KILL_PROCESS = 0x80000000
SECCOMP_RET_ERRNO = 0x00050000
SECCOMP_RET_ALLOW = 0x7FFF0000
PR_SET_NO_NEW_PRIVS = 38

# struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; } (little-endian)
OFFSET_NR, OFFSET_ARCH, OFFSET_ARG0_LOW = 0, 4, 16

# linux/filter.h: classic BPF opcodes
BPF_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS: A = 32 bits of seccomp_data at k
BPF_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
BPF_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K (unsigned)
BPF_JSET_K = 0x45  # BPF_JMP | BPF_JSET | BPF_K
BPF_RET_K = 0x06  # BPF_RET | BPF_K
INSTRUCTION = struct.Struct("=HBBI")  # struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; }

AF_UNIX = 1
# CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET (CLONE_NEWTIME is clone3's and unshare's only)
CLONE_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000

REFUSED = ("ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd",
           "mount", "umount2", "pivot_root", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick",
           "mount_setattr", "unshare", "setns",
           "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd",
           "io_uring_setup", "io_uring_enter", "io_uring_register")


@dataclass(frozen=True)
class Architecture:
    audit_arch: int
    syscalls: dict[str, int]  # from the kernel's unistd headers
    x32: bool  # x86-64: also the x32 ABI's numbers reach the filter under this audit arch


# The calls from 424 on have one number on every architecture.
_COMMON = {"pidfd_getfd": 438, "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432,
           "fspick": 433, "mount_setattr": 442, "io_uring_setup": 425, "io_uring_enter": 426,
           "io_uring_register": 427, "clone3": 435}
ARCHITECTURES = {
    "x86_64": Architecture(AUDIT_ARCH_X86_64, {
        **_COMMON, "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "mount": 165, "umount2": 166,
        "pivot_root": 155, "unshare": 272, "setns": 308, "keyctl": 250, "add_key": 248, "request_key": 249,
        "bpf": 321, "perf_event_open": 298, "userfaultfd": 323, "socket": 41, "socketpair": 53, "clone": 56,
        "seccomp": 317}, x32=True),
    "aarch64": Architecture(AUDIT_ARCH_AARCH64, {
        **_COMMON, "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "mount": 40, "umount2": 39,
        "pivot_root": 41, "unshare": 97, "setns": 268, "keyctl": 219, "add_key": 217, "request_key": 218,
        "bpf": 280, "perf_event_open": 241, "userfaultfd": 282, "socket": 198, "socketpair": 199, "clone": 220,
        "seccomp": 277}, x32=False),
}


class UnsupportedArchitecture(RuntimeError):
    """No filter is written for this machine: student code must not run here unfiltered."""


def architecture(machine: str | None = None) -> Architecture:
    machine = machine or platform.machine()
    try:
        return ARCHITECTURES[{"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)]
    except KeyError:
        raise UnsupportedArchitecture(
            f"no seccomp filter for the {machine} architecture (only {', '.join(ARCHITECTURES)}): "
            "student code is not run unfiltered") from None


def child_config(machine: str | None = None) -> dict:
    """What the child needs to install the filter: the ``seccomp`` system call's number and the program
    (``struct sock_filter[]`` as hex)."""
    arch = architecture(machine)
    return {"syscall": arch.syscalls["seccomp"], "program": program(arch).hex()}


def program(arch: Architecture) -> bytes:
    """The filter, as the kernel reads it. Jumps go to labels (strings), resolved to BPF's relative offsets."""
    nr = arch.syscalls
    deny, allow = "deny", "allow"
    code: list[tuple] = [
        (BPF_LD_W_ABS, 0, 0, OFFSET_ARCH),
        (BPF_JEQ_K, None, "kill", arch.audit_arch),
        (BPF_LD_W_ABS, 0, 0, OFFSET_NR),
    ]
    if arch.x32:
        code.append((BPF_JGE_K, deny, None, X32_SYSCALL_BIT))
    code += [(BPF_JEQ_K, deny, None, nr[name]) for name in REFUSED]
    code += [
        (BPF_JEQ_K, "family", None, nr["socket"]),
        (BPF_JEQ_K, "family", None, nr["socketpair"]),
        (BPF_JEQ_K, "clone flags", None, nr["clone"]),
        (BPF_JEQ_K, "enosys", None, nr["clone3"]),
        (BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
        "family",
        (BPF_LD_W_ABS, 0, 0, OFFSET_ARG0_LOW),
        (BPF_JEQ_K, allow, deny, AF_UNIX),
        "clone flags",
        (BPF_LD_W_ABS, 0, 0, OFFSET_ARG0_LOW),
        (BPF_JSET_K, deny, allow, CLONE_NAMESPACES),
        allow,
        (BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
        deny,
        (BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | errno.EPERM),
        "enosys",
        (BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | errno.ENOSYS),
        "kill",
        (BPF_RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS),
    ]
    return _assemble(code)


def _assemble(code: list) -> bytes:
    """Instructions ``(opcode, jt, jf, k)`` with jump targets given as labels (a string in the list marks the
    next instruction) or None (the next instruction); classic BPF only jumps forward, at most 255."""
    labels: dict[str, int] = {}
    instructions = []
    for item in code:
        if isinstance(item, str):
            labels[item] = len(instructions)
        else:
            instructions.append(item)

    def offset(target: object, index: int) -> int:
        if not isinstance(target, str):
            return target or 0
        jump = labels[target] - index - 1
        if not 0 <= jump <= 255:
            raise ValueError(f"jump to {target!r} out of range")
        return jump

    return b"".join(INSTRUCTION.pack(op, offset(jt, index), offset(jf, index), k)
                    for index, (op, jt, jf, k) in enumerate(instructions))


@cache
def works_here() -> bool:
    """Whether the filter installs on this kernel (and under the container's own seccomp profile) and refuses an
    internet socket: tried once, in a throwaway fork, with the child's own installer."""
    child = types.ModuleType("_sandbox_child")
    exec(compile(Path(__file__).with_name("child.py").read_text(encoding="utf-8"), "<sandbox child>", "exec"),
         child.__dict__)
    config = child_config()

    def install_then_open_an_internet_socket() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        child._install_seccomp(libc, config)
        socket.socket(socket.AF_INET).close()

    return succeeds_in_fork(install_then_open_an_internet_socket, expected=PermissionError)
