"""Discussion 3 Q2 study, for instructors: ReLU nets of three widths under SGD, momentum and Adam.

Reproduces the notebook "ReLUs and Neural Network Intuition with different Optimizers"
(FA23 ``dis03_prob.ipynb``): Linear(1,w)-ReLU-Linear(w,1) nets of widths 10, 20, 40 fitted to a
piecewise-linear target on [0, 1], each trained from the same initialisation with SGD,
SGD with momentum 0.9 and Adam (lr 0.02), for 30 seeds. The notebook trains its 270 nets one
after another; here they are one batched computation: every net's parameters are a row of one
matrix ``theta`` and the forward pass, the MSE gradient and the optimizer updates act on all rows.
On CPU the rows are split over the cores, one process each (every row's arithmetic depends on that
row alone, so the numbers are the same for any number of processes); on a GPU they are one batch.

As course-facts §6 records the notebook: n = 200 samples, sigma = 0.01, ``RandomState(1)``,
X ~ U[0, 1] sorted, test set = train X plus 1000 linspace points (sorted, noise-free target);
the architecture with torch's default initialisation under ``torch.manual_seed(seed)`` for the
course's 30 seeds, the same init for each optimizer; the optimizers and hyperparameters (the
update math is torch.optim's, checked step for step in the tests); MSE loss; minibatches of
n // 5 = 40 drawn with replacement; 30000 steps, evaluated at step 1 and every 3000 steps;
first-layer biases b = -e * w so that the elbows e are sorted uniform points in [0, 1].

Assumed where §6 is silent: X is drawn before the noise; per seed, the nets are built in width
order 10, 20, 40 after one ``manual_seed``.
Approximated (the notebook's exact choices are not recorded):
- the target: knot values sin(12345 k) at x = k / 10 (k = 0..10), linearly interpolated, so
  the kinks are at 0.1, ..., 0.9 (the course builds its slopes from sin(12345 * ceil/floor(10x)));
- the elbows are drawn from ``RandomState(seed)`` (the notebook uses the unseeded global numpy
  RNG, so its elbows cannot be reproduced), and the minibatches from one torch generator;
- "train error" is the MSE on the full training set at each evaluation step (the notebook logs
  the loss of that step's minibatch).
The error bars are the 25th-75th percentiles around the median, computed correctly
(the course's FA23 helper passed q = 0.25 / 0.75 to ``np.percentile``).
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from matplotlib.figure import Figure  # saved through the Agg canvas; no pyplot global state
from tqdm import tqdm

WIDTHS = (10, 20, 40)
OPTIMIZERS = ("sgd", "sgd_momentum", "adam")
LEARNING_RATE = 0.02
MOMENTUM = 0.9
COURSE_SEEDS = (
    442, 370, 378, 892, 836, 209, 327, 316, 216, 308, 748, 934, 558, 546, 266,
    808, 884, 818, 277, 979, 766, 274, 479, 325, 431, 971, 689, 871, 272, 704,
)
N_SAMPLES = 200
NOISE_SIGMA = 0.01
DATA_SEED = 1
N_LINSPACE = 1000
BATCH_SIZE = N_SAMPLES // 5
FULL_STEPS = 30000
EVALUATIONS = 10
QUICK_SEEDS = 3
QUICK_STEPS = 300
MINIBATCH_SEED = 0
KNOT_X = np.arange(11) / 10
KNOT_Y = np.sin(12345.0 * np.arange(11))
KINKS = KNOT_X[1:-1]


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Dataset:
    """Training samples (noisy) and the test grid (noise-free target), all 1-D and sorted."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def target(x: np.ndarray) -> np.ndarray:
    """Piecewise-linear target: sin(12345 k) at x = k/10, linear in between (kinks at 0.1..0.9)."""
    return np.interp(x, KNOT_X, KNOT_Y)


def make_dataset() -> Dataset:
    """Disc 3 data from RandomState(1): X ~ U[0,1] sorted, y = f(X) + 0.01 N(0,1).

    The test set is X and 1000 linspace points, sorted, with noise-free targets f.
    """
    rng = np.random.RandomState(DATA_SEED)
    x_train = np.sort(rng.rand(N_SAMPLES))
    y_train = target(x_train) + NOISE_SIGMA * rng.randn(N_SAMPLES)
    x_test = np.sort(np.concatenate([x_train, np.linspace(0.0, 1.0, N_LINSPACE)]))
    return Dataset(x_train, y_train, x_test, target(x_test))


# ---------------------------------------------------------------- stacked networks
# Row n of theta is one net, padded to `hidden` units: [w1 (hidden) | b1 | w2 | b2 (1)].
# A padded unit has w1 = b1 = w2 = 0, so its pre-activation is 0, ReLU'(0) = 0 (as in torch)
# and all its gradients are exactly 0: it stays 0 under SGD, momentum and Adam.


def parameter_count(hidden: int) -> int:
    """Entries of one row of theta."""
    return 3 * hidden + 1


def unpack(theta: torch.Tensor, hidden: int) -> tuple[torch.Tensor, ...]:
    """Views (w1, b1, w2, b2) of theta, shapes (N, hidden) x 3 and (N,)."""
    return (theta[:, :hidden], theta[:, hidden:2 * hidden],
            theta[:, 2 * hidden:3 * hidden], theta[:, 3 * hidden])


def initial_parameters(widths: tuple[int, ...], seeds: tuple[int, ...], hidden: int,
                       dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """Rows (width-major, then seed) of torch-default nets with elbows at sorted U[0,1] points.

    Per seed: torch.manual_seed(seed), then one nn.Sequential per width in order (as the
    notebook builds its nets); first-layer biases b = -e * w1 for e = sort(rand(width)).
    The caller's global torch RNG is left untouched.
    """
    rows = {}
    with torch.random.fork_rng(devices=[]):
        for seed in seeds:
            torch.manual_seed(seed)
            elbow_rng = np.random.RandomState(seed)
            for width in widths:
                net = torch.nn.Sequential(torch.nn.Linear(1, width), torch.nn.ReLU(),
                                          torch.nn.Linear(width, 1))
                elbows = np.sort(elbow_rng.rand(width))
                row = torch.zeros(parameter_count(hidden), dtype=torch.float64)
                w1 = net[0].weight.detach().double().ravel()
                row[:width] = w1
                row[hidden:hidden + width] = -torch.from_numpy(elbows) * w1
                row[2 * hidden:2 * hidden + width] = net[2].weight.detach().double().ravel()
                row[3 * hidden] = net[2].bias.detach().double()[0]
                rows[width, seed] = row
    return torch.stack([rows[width, seed] for width in widths for seed in seeds]).to(dtype)


def predict(theta: torch.Tensor, hidden: int, x: torch.Tensor) -> torch.Tensor:
    """Outputs (N, M) of every net on its own inputs x (N, M): w2 . relu(w1 x + b1) + b2."""
    w1, b1, w2, b2 = unpack(theta, hidden)
    h = torch.relu(torch.addcmul(b1[:, None, :], x[:, :, None], w1[:, None, :]))
    return torch.bmm(h, w2[:, :, None])[:, :, 0] + b2[:, None]


def mse_and_gradient(theta: torch.Tensor, hidden: int, x: torch.Tensor,
                     y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-net MSE L = mean_b (yhat_b - y_b)^2 on batches x, y (N, B) and dL/dtheta (N, P).

    With z = w1 x + b1, a = 1[z > 0] (ReLU'(0) = 0, as in torch), h = a z, r = yhat - y and
    d = 2r/B: dL/dw1 = w2 S_x, dL/db1 = w2 S_1, dL/dw2 = sum_b d_b h_b = w1 S_x + b1 S_1 and
    dL/db2 = sum_b d_b, where S_x = sum_b d_b x_b a_b and S_1 = sum_b d_b a_b. Likewise
    yhat = x (a . w1 w2) + (a . b1 w2) + b2, so only a, one (N, B, hidden) tensor, is formed.
    """
    w1, b1, w2, b2 = unpack(theta, hidden)
    active = torch.addcmul(b1[:, None, :], x[:, :, None], w1[:, None, :]).gt_(0)
    output_weights = torch.stack([w1 * w2, b1 * w2], dim=1)
    slope_and_offset = torch.bmm(output_weights, active.transpose(1, 2))
    residual = x * slope_and_offset[:, 0] + slope_and_offset[:, 1] + b2[:, None] - y
    d = residual * (2.0 / y.shape[1])
    sums = torch.bmm(torch.stack([d * x, d], dim=1), active)
    s_x, s_1 = sums[:, 0], sums[:, 1]
    gradient = torch.cat([w2 * s_x, w2 * s_1, w1 * s_x + b1 * s_1, d.sum(1, keepdim=True)], dim=1)
    return residual.square().mean(1), gradient


# ---------------------------------------------------------------- optimizers (torch.optim math)


class SGD:
    """torch.optim.SGD (dampening 0, no weight decay): buf = mu buf + g (buf_1 = g); p -= lr buf."""

    def __init__(self, lr: float, momentum: float = 0.0):
        self.lr = lr
        self.momentum = momentum
        self.buffer: torch.Tensor | None = None

    def step(self, param: torch.Tensor, grad: torch.Tensor) -> None:
        if self.momentum:
            if self.buffer is None:
                self.buffer = grad.clone()
            else:
                self.buffer.mul_(self.momentum).add_(grad)
            grad = self.buffer
        param.add_(grad, alpha=-self.lr)


class Adam:
    """torch.optim.Adam (betas 0.9, 0.999, eps 1e-8): p -= lr m_hat / (sqrt(v_hat) + eps)."""

    def __init__(self, lr: float, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8):
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.steps = 0
        self.exp_avg: torch.Tensor | None = None
        self.exp_avg_sq: torch.Tensor | None = None

    def step(self, param: torch.Tensor, grad: torch.Tensor) -> None:
        if self.exp_avg is None:
            self.exp_avg = torch.zeros_like(grad)
            self.exp_avg_sq = torch.zeros_like(grad)
        self.steps += 1
        self.exp_avg.lerp_(grad, 1 - self.beta1)
        self.exp_avg_sq.mul_(self.beta2).addcmul_(grad, grad, value=1 - self.beta2)
        step_size = self.lr / (1 - self.beta1 ** self.steps)
        bias_correction2_sqrt = (1 - self.beta2 ** self.steps) ** 0.5
        denom = (self.exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(self.eps)
        param.addcdiv_(self.exp_avg, denom, value=-step_size)


def make_optimizer(name: str) -> SGD | Adam:
    """The notebook's optimizer `name` ("sgd", "sgd_momentum", "adam") at lr 0.02."""
    if name == "sgd":
        return SGD(LEARNING_RATE)
    if name == "sgd_momentum":
        return SGD(LEARNING_RATE, momentum=MOMENTUM)
    if name == "adam":
        return Adam(LEARNING_RATE)
    raise ValueError(f"unknown optimizer {name!r}; expected one of {OPTIMIZERS}")


@dataclass(frozen=True)
class OptimizerGroup:
    """An optimizer that updates the rows `rows` of theta."""

    rows: slice
    optimizer: SGD | Adam


def training_step(theta: torch.Tensor, hidden: int, groups: list[OptimizerGroup],
                  x_batch: torch.Tensor, y_batch: torch.Tensor) -> torch.Tensor:
    """One optimizer step for every net (in place on theta); returns each net's minibatch MSE."""
    loss, gradient = mse_and_gradient(theta, hidden, x_batch, y_batch)
    for group in groups:
        group.optimizer.step(theta[group.rows], gradient[group.rows])
    return loss


# ---------------------------------------------------------------- training


@dataclass(frozen=True)
class Study:
    """Which net each row of theta is: optimizer-major, then width, then seed."""

    widths: tuple[int, ...]
    optimizers: tuple[str, ...]
    seeds: tuple[int, ...]

    @property
    def hidden(self) -> int:
        return max(self.widths)

    @property
    def nets_per_optimizer(self) -> int:
        return len(self.widths) * len(self.seeds)

    def rows(self, optimizer: str, width: int) -> slice:
        """Rows of theta holding the nets (optimizer, width, every seed)."""
        start = (self.optimizers.index(optimizer) * self.nets_per_optimizer
                 + self.widths.index(width) * len(self.seeds))
        return slice(start, start + len(self.seeds))


@dataclass(frozen=True)
class History:
    """Errors (N, T) of every net at each evaluation step, and its first and last parameters."""

    steps: tuple[int, ...]
    train_error: np.ndarray
    test_error: np.ndarray
    initial_theta: np.ndarray
    final_theta: np.ndarray


def start_training(study: Study, dtype: torch.dtype = torch.float32,
                   device: str = "cpu") -> tuple[torch.Tensor, list[OptimizerGroup]]:
    """Initial theta (each (width, seed) init once per optimizer) and each block's optimizer."""
    theta = initial_parameters(study.widths, study.seeds, study.hidden, dtype)
    block = study.nets_per_optimizer
    groups = [OptimizerGroup(slice(k * block, (k + 1) * block), make_optimizer(name))
              for k, name in enumerate(study.optimizers)]
    return theta.repeat(len(study.optimizers), 1).to(device), groups


def evaluation_steps(steps: int) -> tuple[int, ...]:
    """Step 1, every steps // 10 steps, and the final step (30000 steps: 1, 3000, ..., 30000)."""
    every = max(1, steps // EVALUATIONS)
    return tuple(sorted({1, steps, *range(every, steps + 1, every)}))


def mean_squared_errors(theta: torch.Tensor, hidden: int, x: torch.Tensor,
                        y: torch.Tensor) -> torch.Tensor:
    """MSE (N,) of every net on the shared set x, y (M,)."""
    with torch.no_grad():
        yhat = predict(theta, hidden, x.expand(theta.shape[0], -1))
    return (yhat - y).square().mean(1)


@contextmanager
def one_cpu_thread(device: str):
    """On CPU, run torch on one intra-op thread, restoring the count afterwards.

    Why: on shared cores every multi-threaded op waits at a barrier for a thread that another
    process may have preempted. The study's ops are small, so one thread costs ~25% on an idle
    2-core machine and wins several-fold on a busy one (full run: 26 s vs 160 s, measured).
    """
    if torch.device(device).type != "cpu":
        yield
        return
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def worker_count(device: str, requested: int | None = None) -> int:
    """Processes for a study on `device`: on CPU `requested`, by default one per core this process
    may run on (os.cpu_count() at most); on a GPU one, where the whole batch is one computation."""
    if requested is not None and requested < 1:
        raise ValueError(f"workers must be positive, got {requested}")
    if torch.device(device).type != "cpu":
        return 1
    return requested or max(1, min(len(os.sched_getaffinity(0)), os.cpu_count() or 1))


def shard_slices(rows: int, shards: int) -> list[slice]:
    """`rows` split into at most `shards` contiguous, nearly equal, non-empty slices."""
    bounds = np.linspace(0, rows, min(shards, rows) + 1).round().astype(int)
    return [slice(int(start), int(stop)) for start, stop in zip(bounds[:-1], bounds[1:])]


def minibatch_blocks(total_rows: int, n_samples: int, steps: int, device: str,
                     block: int = 100):
    """Minibatch indices (total_rows, BATCH_SIZE) for steps 1..`steps`, on `device`.

    Drawn on the CPU from one generator seeded MINIBATCH_SEED, `block` steps per draw (the same
    numbers as one draw per step), so that every device, and every shard of the rows (which takes
    its own rows of each draw), trains every net on the same minibatches.
    """
    generator = torch.Generator().manual_seed(MINIBATCH_SEED)
    for first in range(0, steps, block):
        size = min(block, steps - first)
        yield from torch.randint(n_samples, (size, total_rows, BATCH_SIZE),
                                 generator=generator).to(device, non_blocking=True)


def shard_groups(groups: list[OptimizerGroup], rows: slice) -> list[OptimizerGroup]:
    """The optimizer groups of theta restricted to `rows`, their slices relative to it."""
    shard = []
    for group in groups:
        start, stop = max(group.rows.start, rows.start), min(group.rows.stop, rows.stop)
        if start < stop:
            shard.append(OptimizerGroup(slice(start - rows.start, stop - rows.start), group.optimizer))
    return shard


def train_rows(study: Study, data: Dataset, steps: int, device: str, dtype: torch.dtype,
               rows: slice | None = None, progress: bool = True) -> History:
    """Train the nets `rows` of the study (default: all) as one batched computation.

    Every row's computation depends on that row alone (and on its minibatches, the same whatever
    the shard: see minibatch_blocks), so the rows can be trained in separate processes.
    """
    hidden = study.hidden
    full_theta, groups = start_training(study, dtype, device)
    total_rows = full_theta.shape[0]
    rows = rows or slice(0, total_rows)
    theta, groups = full_theta[rows].clone(), shard_groups(groups, rows)
    initial_theta = theta.cpu().numpy().copy()
    x_train, y_train, x_test, y_test = (torch.as_tensor(a, dtype=dtype, device=device) for a in
                                        (data.x_train, data.y_train, data.x_test, data.y_test))
    schedule = evaluation_steps(steps)
    train_error, test_error = [], []
    batches = minibatch_blocks(total_rows, x_train.shape[0], steps, device)
    with one_cpu_thread(device):
        for step, batch in tqdm(zip(range(1, steps + 1), batches), desc="disc3 study", unit="step",
                                total=steps, disable=not progress):
            batch = batch[rows]
            training_step(theta, hidden, groups, x_train[batch], y_train[batch])
            if step in schedule:
                train_error.append(mean_squared_errors(theta, hidden, x_train, y_train))
                test_error.append(mean_squared_errors(theta, hidden, x_test, y_test))
    return History(schedule, torch.stack(train_error, 1).cpu().numpy(),
                   torch.stack(test_error, 1).cpu().numpy(), initial_theta, theta.cpu().numpy())


def join_histories(parts: list[History]) -> History:
    """The histories of consecutive row shards as one."""
    return History(parts[0].steps, *(np.concatenate([getattr(part, name) for part in parts]) for name in
                                     ("train_error", "test_error", "initial_theta", "final_theta")))


def train_study(study: Study, data: Dataset, steps: int, device: str,
                dtype: torch.dtype = torch.float32, progress: bool = True,
                workers: int = 1) -> History:
    """Train every net of the study for `steps` minibatch steps: one batched computation, or on
    CPU with `workers` > 1, the rows split into that many shards, each trained by its own forked
    process on one thread (the same numbers as one process: see train_rows)."""
    total_rows = len(study.optimizers) * study.nets_per_optimizer
    shards = shard_slices(total_rows, worker_count(device, workers))
    if len(shards) == 1:
        return train_rows(study, data, steps, device, dtype, progress=progress)
    # fork: the workers share the parent's imports (a spawned one would import torch again, ~1 s)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(shards), mp_context=context) as pool:
        parts = pool.map(train_rows, *zip(*[(study, data, steps, device, dtype, rows, progress and k == 0)
                                            for k, rows in enumerate(shards)]))
        return join_histories(list(parts))


# ---------------------------------------------------------------- summaries


def median_and_percentile_bars(values: np.ndarray, axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Median of `values` along `axis` and matplotlib yerr for a 25th-75th-percentile bar.

    yerr = [median - P25, P75 - median] with P25, P75 = np.percentile(q=25), (q=75): the bar
    spans the 25th to 75th percentile (the course's FA23 helper passed q=0.25 / 0.75 instead).
    """
    median = np.median(values, axis=axis)
    p25, p75 = np.percentile(values, [25, 75], axis=axis)
    return median, np.stack([median - p25, p75 - median])


def elbows(theta: np.ndarray, hidden: int) -> np.ndarray:
    """Elbow e = -b1 / w1 of every hidden unit (N, hidden); nan where w1 = 0 (padded units)."""
    w1, b1 = theta[:, :hidden], theta[:, hidden:2 * hidden]
    return np.where(w1 != 0, -b1 / np.where(w1 != 0, w1, 1.0), np.nan)


def distance_to_nearest_kink(points: np.ndarray) -> np.ndarray:
    """|e - k| for the target's kink k nearest to each elbow e."""
    return np.abs(points[..., None] - KINKS).min(axis=-1)


@dataclass(frozen=True)
class TableRow:
    """Final errors over seeds (median, 25th, 75th percentile) and elbow movement of one cell.

    elbow_shift: median over seeds and units of |final elbow - initial elbow|;
    kink_distance_*: median distance from an elbow in [0, 1] to the nearest kink of the target.
    """

    width: int
    optimizer: str
    seeds: int
    train_median: float
    train_p25: float
    train_p75: float
    test_median: float
    test_p25: float
    test_p75: float
    elbow_shift: float
    kink_distance_initial: float
    kink_distance_final: float


def median_kink_distance(points: np.ndarray) -> float:
    """Median distance to the nearest kink over the elbows that lie in [0, 1]."""
    inside = points[(points >= 0) & (points <= 1)]
    return float(np.median(distance_to_nearest_kink(inside))) if inside.size else float("nan")


def summarize(study: Study, history: History) -> tuple[TableRow, ...]:
    """One TableRow per (width, optimizer), width-major."""
    hidden = study.hidden
    start, end = elbows(history.initial_theta, hidden), elbows(history.final_theta, hidden)
    table = []
    for width in study.widths:
        for name in study.optimizers:
            rows = study.rows(name, width)
            train = np.percentile(history.train_error[rows, -1], [50, 25, 75])
            test = np.percentile(history.test_error[rows, -1], [50, 25, 75])
            first, last = start[rows, :width], end[rows, :width]
            table.append(TableRow(width, name, len(study.seeds), *map(float, train),
                                  *map(float, test), float(np.nanmedian(np.abs(last - first))),
                                  median_kink_distance(first), median_kink_distance(last)))
    return tuple(table)


# ---------------------------------------------------------------- outputs


def draw_median_with_bars(ax, x: np.ndarray, values: np.ndarray, **style):
    """Median over axis 0 of `values` (seeds, len(x)) at x, with 25th-75th-percentile bars."""
    median, yerr = median_and_percentile_bars(values, axis=0)
    return ax.errorbar(x, median, yerr=yerr, capsize=3, marker="o", markersize=3, **style)


def plot_study(study: Study, history: History, path: Path) -> None:
    """Per width: median test error vs step per optimizer; last panel: final test error vs width."""
    steps = np.asarray(history.steps)
    widths = np.asarray(study.widths)
    # Shift each optimizer's points sideways a little so that the bars do not overlap.
    dodge = np.arange(len(study.optimizers)) - (len(study.optimizers) - 1) / 2
    fig = Figure(figsize=(4.2 * (len(widths) + 1), 3.8))
    axes = fig.subplots(1, len(widths) + 1)
    for ax, width in zip(axes, study.widths):
        for shift, name in zip(dodge, study.optimizers):
            draw_median_with_bars(ax, steps + shift * 0.012 * steps[-1],
                                  history.test_error[study.rows(name, width)], label=name)
        ax.set(title=f"width {width}", xlabel="iteration", ylabel="test MSE", yscale="log")
    final_ax = axes[-1]
    for shift, name in zip(dodge, study.optimizers):
        finals = np.stack([history.test_error[study.rows(name, w), -1] for w in study.widths], 1)
        draw_median_with_bars(final_ax, widths + shift * 0.6, finals, label=name)
    final_ax.set(title=f"after {steps[-1]} steps", xlabel="hidden width", ylabel="test MSE",
                 yscale="log", xticks=list(study.widths))
    final_ax.legend(loc="best")
    fig.suptitle(f"Disc 3: median over {len(study.seeds)} seeds, bars = 25th-75th percentile")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


TABLE_COLUMNS = ("width", "optimizer", "seeds", "train_median", "train_p25", "train_p75",
                 "test_median", "test_p25", "test_p75", "elbow_shift",
                 "kink_distance_initial", "kink_distance_final")


def _cells(row: TableRow) -> list[str]:
    return [f"{getattr(row, name):.4g}" if isinstance(getattr(row, name), float)
            else str(getattr(row, name)) for name in TABLE_COLUMNS]


def write_tables(rows: tuple[TableRow, ...], steps: int, markdown: Path, csv_path: Path) -> None:
    """The table as Markdown (for people) and CSV (for tools)."""
    lines = [f"# Disc 3: final errors after {steps} steps (MSE; median and 25th/75th percentiles "
             "over seeds)", "",
             "| " + " | ".join(TABLE_COLUMNS) + " |", "|" + "---|" * len(TABLE_COLUMNS)]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    markdown.write_text("\n".join(lines) + "\n")
    with csv_path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(TABLE_COLUMNS)
        writer.writerows(_cells(row) for row in rows)


@dataclass(frozen=True)
class ExperimentResult:
    """Where the study's outputs are, where it ran, how long it took, and its table."""

    plot_path: Path
    table_path: Path
    csv_path: Path
    device: str
    workers: int
    seconds: float
    rows: tuple[TableRow, ...]


def run_experiment(out_dir: Path, *, quick: bool = False, device: str | None = None,
                   seeds: int | None = None, steps: int | None = None,
                   workers: int | None = None, progress: bool = True) -> ExperimentResult:
    """Run the Disc 3 study and write disc3_errors.png, disc3_table.md and disc3_table.csv.

    Full size: 30 course seeds x 30000 steps; quick: 3 seeds x 300 steps. `seeds` (the first
    `seeds` course seeds, 1..30) and `steps` override either size. Device: cuda when available,
    chosen once. Workers (CPU only): default one process per core (worker_count); the table
    and the figure are the same for any number.
    """
    n_seeds = seeds if seeds is not None else (QUICK_SEEDS if quick else len(COURSE_SEEDS))
    n_steps = steps if steps is not None else (QUICK_STEPS if quick else FULL_STEPS)
    if not 1 <= n_seeds <= len(COURSE_SEEDS):
        raise ValueError(f"seeds must be between 1 and {len(COURSE_SEEDS)}, got {n_seeds}")
    if n_steps < 1:
        raise ValueError(f"steps must be positive, got {n_steps}")
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    workers = worker_count(device, workers)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    study = Study(WIDTHS, OPTIMIZERS, COURSE_SEEDS[:n_seeds])
    history = train_study(study, make_dataset(), n_steps, device, progress=progress, workers=workers)
    rows = summarize(study, history)
    plot_path = out_dir / "disc3_errors.png"
    table_path, csv_path = out_dir / "disc3_table.md", out_dir / "disc3_table.csv"
    plot_study(study, history, plot_path)
    write_tables(rows, n_steps, table_path, csv_path)
    return ExperimentResult(plot_path, table_path, csv_path, device, workers,
                            time.perf_counter() - started, rows)
