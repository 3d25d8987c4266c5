"""Hostile: enters new user, network and mount namespaces (to gain capabilities inside them, or to undo the
sandbox's mounts) and bind-mounts over its own root."""
import ctypes

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
MS_BIND, MS_REC = 0x1000, 0x4000


def outcome(result):
    """"allowed", or how the call failed, named as Python names the error ("PermissionError errno 1")."""
    code = ctypes.get_errno()
    return "allowed" if result >= 0 else f"{type(OSError(code, '')).__name__} errno {code}"


def sgd_momentum(w, dw, config=None):
    libc = ctypes.CDLL(None, use_errno=True)
    return w, {"attempts": {"unshare_user": outcome(libc.unshare(CLONE_NEWUSER)),
                            "unshare_network": outcome(libc.unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWNS)),
                            "mount": outcome(libc.mount(b"/", b"/", None, MS_BIND | MS_REC, None))}}
