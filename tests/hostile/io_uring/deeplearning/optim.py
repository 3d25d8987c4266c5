"""Hostile: sets up an io_uring (system call 425 on x86-64 and aarch64): the kernel interface behind many
recent privilege escalations, whose requests no per-call filter sees."""
import ctypes

IO_URING_SETUP = 425


def sgd_momentum(w, dw, config=None):
    libc = ctypes.CDLL(None, use_errno=True)
    params = ctypes.create_string_buffer(120)  # struct io_uring_params, zeroed
    libc.syscall.restype = ctypes.c_long
    fd = libc.syscall(ctypes.c_long(IO_URING_SETUP), ctypes.c_long(8), params)
    code = ctypes.get_errno()
    return w, {"attempts": {"io_uring_setup": "allowed" if fd >= 0 else f"{type(OSError(code, '')).__name__} errno {code}"}}
