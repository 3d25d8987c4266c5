"""First-order update rules with the course interface ``update(w, dw, config=None) -> (next_w, config)``.

HW2 Q5 (``deeplearning/optim.py``). ``config`` carries the hyperparameters (defaults filled with
``setdefault``) and the rule's state; it is updated and returned, as in the course. Unlike the course's
``sgd`` these rules never modify ``w`` or the state arrays in place: they build new arrays.

* sgd:          next_w = w - lr dw
* sgd_momentum: v = mu v + dw; next_w = w - lr v   (this course's form: no (1 - mu) factor and not
                CS231n's v = mu v - lr dw)
* rmsprop:      cache = rho cache + (1 - rho) dw^2; next_w = w - lr dw / (sqrt(cache) + eps)
* adam:         t += 1 first; m = b1 m + (1 - b1) dw; v = b2 v + (1 - b2) dw^2;
                next_w = w - lr mhat / (sqrt(vhat) + eps) with mhat = m/(1 - b1^t), vhat = v/(1 - b2^t)

``NOTEBOOK_VECTORS`` holds the published 4x5 test vectors of ``hw2_optimizer_init.ipynb``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Config = dict[str, Any]


def sgd(w: np.ndarray, dw: np.ndarray, config: Config | None = None) -> tuple[np.ndarray, Config]:
    """HW2 Q5: vanilla SGD, next_w = w - lr dw (lr default 1e-2)."""
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    return w - config["learning_rate"] * dw, config


def sgd_momentum(w: np.ndarray, dw: np.ndarray, config: Config | None = None) -> tuple[np.ndarray, Config]:
    """HW2 Q5: v = mu v + dw, next_w = w - lr v (lr 1e-2, momentum 0.9, velocity starts at 0)."""
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    velocity = config["momentum"] * config.get("velocity", np.zeros_like(w)) + dw
    config["velocity"] = velocity
    return w - config["learning_rate"] * velocity, config


def rmsprop(w: np.ndarray, dw: np.ndarray, config: Config | None = None) -> tuple[np.ndarray, Config]:
    """HW2 Q5: cache = rho cache + (1 - rho) dw^2, next_w = w - lr dw/(sqrt(cache) + eps)
    (lr 1e-2, decay_rate 0.99, epsilon 1e-8, cache starts at 0)."""
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("decay_rate", 0.99)
    config.setdefault("epsilon", 1e-8)
    config.setdefault("cache", np.zeros_like(w))
    rho = config["decay_rate"]
    cache = rho * config["cache"] + (1 - rho) * dw**2
    config["cache"] = cache
    return w - config["learning_rate"] * dw / (np.sqrt(cache) + config["epsilon"]), config


def adam(w: np.ndarray, dw: np.ndarray, config: Config | None = None) -> tuple[np.ndarray, Config]:
    """HW2 Q5: Adam with bias correction, t incremented before use
    (lr 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8, m = v = 0, t = 0)."""
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-3)
    config.setdefault("beta1", 0.9)
    config.setdefault("beta2", 0.999)
    config.setdefault("epsilon", 1e-8)
    config.setdefault("m", np.zeros_like(w))
    config.setdefault("v", np.zeros_like(w))
    config.setdefault("t", 0)
    beta1, beta2 = config["beta1"], config["beta2"]
    t = config["t"] + 1
    m = beta1 * config["m"] + (1 - beta1) * dw
    v = beta2 * config["v"] + (1 - beta2) * dw**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    config.update(m=m, v=v, t=t)
    return w - config["learning_rate"] * m_hat / (np.sqrt(v_hat) + config["epsilon"]), config


def rel_error(x: Any, y: Any) -> float:
    """HW2 Q5 notebook: max |x - y| / max(1e-8, |x| + |y|), elementwise."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float(np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y))))


NOTEBOOK_SHAPE = (4, 5)
_ALL_ENTRIES = tuple(range(20))
_ROW0_AND_LAST = (0, 1, 2, 3, 4, 19)


def notebook_grid(start: float, stop: float) -> np.ndarray:
    """The notebook's inputs: np.linspace(start, stop, num=20).reshape(4, 5)."""
    return np.linspace(start, stop, num=20).reshape(NOTEBOOK_SHAPE)


@dataclass(frozen=True, eq=False)
class PublishedArray:
    """The published entries of one expected 4x5 array: ``values`` at ``flat_indices`` of the
    flattened (row-major) array. All 20 entries where the full array is public."""

    values: np.ndarray
    flat_indices: tuple[int, ...] = _ALL_ENTRIES

    def entries_of(self, result: Any) -> np.ndarray:
        """The entries of ``result`` (shape 4x5) at the published positions."""
        return np.asarray(result, dtype=float).reshape(-1)[list(self.flat_indices)]


@dataclass(frozen=True, eq=False)
class NotebookCase:
    """One update-rule test cell: w = notebook_grid(-0.4, 0.6), dw = notebook_grid(-0.6, 0.4), and a
    config of scalars and grids ((start, stop) pairs); ``expected`` maps 'next_w' and state keys to
    published arrays; ``expected_scalars`` holds published scalar state (Adam's t)."""

    rule: str
    config_spec: Mapping[str, Any]
    expected: Mapping[str, PublishedArray]
    expected_scalars: Mapping[str, Any] = field(default_factory=dict)

    def inputs(self) -> tuple[np.ndarray, np.ndarray, Config]:
        """Fresh (w, dw, config) for one run."""
        config = {
            key: notebook_grid(*value) if isinstance(value, tuple) else value
            for key, value in self.config_spec.items()
        }
        return notebook_grid(-0.4, 0.6), notebook_grid(-0.6, 0.4), config


# sgd_momentum: this course's vectors (hw2_optimizer_init.ipynb, cell 13). Only row 0 and the last
# entry are recorded in our sources; the full arrays were not found in any public copy.
# rmsprop/adam: CS231n's published vectors (FullyConnectedNets / Optimization notebooks), reused by
# the course's cells 20 and 21.
NOTEBOOK_VECTORS: dict[str, NotebookCase] = {
    "sgd_momentum": NotebookCase(
        rule="sgd_momentum",
        config_spec={"learning_rate": 1e-3, "velocity": (0.6, 0.9)},
        expected={
            "next_w": PublishedArray(
                np.array([-0.39994, -0.347375263, -0.294810526, -0.242245789, -0.189681053, 0.59879]),
                _ROW0_AND_LAST,
            ),
            "velocity": PublishedArray(
                np.array([-0.06, 0.006842105, 0.073684211, 0.140526316, 0.207368421, 1.21]),
                _ROW0_AND_LAST,
            ),
        },
    ),
    "rmsprop": NotebookCase(
        rule="rmsprop",
        config_spec={"learning_rate": 1e-2, "cache": (0.6, 0.9)},
        expected={
            "next_w": PublishedArray(np.array([
                -0.39223849, -0.34037513, -0.28849239, -0.23659121, -0.18467247,
                -0.132737, -0.08078555, -0.02881884, 0.02316247, 0.07515774,
                0.12716641, 0.17918792, 0.23122175, 0.28326742, 0.33532447,
                0.38739248, 0.43947102, 0.49155973, 0.54365823, 0.59576619,
            ])),
            "cache": PublishedArray(np.array([
                0.5976, 0.6126277, 0.6277108, 0.64284931, 0.65804321,
                0.67329252, 0.68859723, 0.70395734, 0.71937285, 0.73484377,
                0.75037008, 0.7659518, 0.78158892, 0.79728144, 0.81302936,
                0.82883269, 0.84469141, 0.86060554, 0.87657507, 0.8926,
            ])),
        },
    ),
    "adam": NotebookCase(
        rule="adam",
        config_spec={"learning_rate": 1e-2, "m": (0.6, 0.9), "v": (0.7, 0.5), "t": 5},
        expected={
            "next_w": PublishedArray(np.array([
                -0.40094747, -0.34836187, -0.29577703, -0.24319299, -0.19060977,
                -0.1380274, -0.08544591, -0.03286534, 0.01971428, 0.0722929,
                0.1248705, 0.17744702, 0.23002243, 0.28259667, 0.33516969,
                0.38774145, 0.44031188, 0.49288093, 0.54544852, 0.59801459,
            ])),
            "v": PublishedArray(np.array([
                0.69966, 0.68908382, 0.67851319, 0.66794809, 0.65738853,
                0.64683452, 0.63628604, 0.6257431, 0.61520571, 0.60467385,
                0.59414753, 0.58362676, 0.57311152, 0.56260183, 0.55209767,
                0.54159906, 0.53110598, 0.52061845, 0.51013645, 0.49966,
            ])),
            "m": PublishedArray(np.array([
                0.48, 0.49947368, 0.51894737, 0.53842105, 0.55789474,
                0.57736842, 0.59684211, 0.61631579, 0.63578947, 0.65526316,
                0.67473684, 0.69421053, 0.71368421, 0.73315789, 0.75263158,
                0.77210526, 0.79157895, 0.81105263, 0.83052632, 0.85,
            ])),
        },
        expected_scalars={"t": 6},
    ),
}
