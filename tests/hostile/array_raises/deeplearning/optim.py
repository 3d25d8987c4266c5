"""Hostile: a result that explodes when anything tries to convert it."""


class Explosive:
    def __array__(self, *args, **kwargs):
        raise RuntimeError("gotcha: __array__")

    def __float__(self):
        raise RuntimeError("gotcha: __float__")

    def __len__(self):
        raise RuntimeError("gotcha: __len__")

    def __eq__(self, other):
        return True


def sgd_momentum(w, dw, config=None):
    return Explosive(), {"velocity": Explosive()}
