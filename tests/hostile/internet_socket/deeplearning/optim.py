"""Hostile: opens internet sockets (TCP over IPv4 and IPv6, UDP) to a port on this machine given in config,
to send out what it can read; a pair of AF_UNIX sockets (allowed: multiprocessing needs them) for contrast."""
import socket


def sgd_momentum(w, dw, config=None):
    attempts = {}
    for label, family, address in (("tcp4", socket.AF_INET, ("127.0.0.1", config.get("port", 9))),
                                   ("tcp6", socket.AF_INET6, ("::1", config.get("port6", 9)))):
        try:
            with socket.socket(family, socket.SOCK_STREAM) as connection:
                connection.settimeout(2)
                connection.connect(address)
                connection.sendall(b"stolen")
            attempts[label] = "allowed"
        except OSError as error:
            attempts[label] = f"{type(error).__name__} errno {error.errno}"
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as datagram:
            datagram.sendto(b"stolen", ("127.0.0.1", config.get("port", 9)))
        attempts["udp4"] = "allowed"
    except OSError as error:
        attempts["udp4"] = f"{type(error).__name__} errno {error.errno}"
    left, right = socket.socketpair()
    left.sendall(b"unix")
    allowed = right.recv(4) == b"unix"
    left.close()
    right.close()
    return w, {"attempts": attempts, "unix_socketpair": allowed}
