"""Hostile: parameters that lie about themselves."""


class Liar:
    shape = (100, 10)

    def __array__(self, *args, **kwargs):
        raise RuntimeError("gotcha: __array__")

    def __eq__(self, other):
        return True


class FullyConnectedNet:
    def __init__(self, hidden_dims, input_dim=3 * 32 * 32, num_classes=10, **kwargs):
        self.params = {"W1": Liar(), "b1": Liar()}
