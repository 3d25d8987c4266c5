"""Hostile: attaches to the grader with ptrace and reads its memory with process_vm_readv (the target is
config["grader_pid"], else the parent process)."""
import ctypes
import os

PTRACE_ATTACH = 16


class IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("length", ctypes.c_size_t)]


def outcome(result):
    """"allowed", or how the call failed, named as Python names the error ("PermissionError errno 1")."""
    code = ctypes.get_errno()
    return "allowed" if result >= 0 else f"{type(OSError(code, '')).__name__} errno {code}"


def sgd_momentum(w, dw, config=None):
    libc = ctypes.CDLL(None, use_errno=True)
    target = (config or {}).get("grader_pid") or os.getppid()
    libc.ptrace.restype = ctypes.c_long
    attached = libc.ptrace(ctypes.c_long(PTRACE_ATTACH), ctypes.c_long(target), None, None)
    buffer = ctypes.create_string_buffer(64)
    local = IoVec(ctypes.addressof(buffer), 64)
    remote = IoVec(ctypes.addressof(buffer), 64)  # the same address in the target: any will do
    libc.process_vm_readv.restype = ctypes.c_ssize_t
    read = libc.process_vm_readv(target, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
    return w, {"attempts": {"ptrace": outcome(attached), "process_vm_readv": outcome(read)}, "target": target}
