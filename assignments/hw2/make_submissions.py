"""Build the HW2 submissions from the starter kit, so that they all stay in sync with it.

    submissions/reference/     = starter/ (without README.md) + SOLUTION, notebooks executed
    submissions/wrong_<name>/  = reference/ + the variant's edits (one deliberate flaw each)

Every edit replaces a text that must occur exactly once (in a notebook: in exactly one cell), so a
starter change that breaks an edit fails the build instead of silently dropping a flaw. A notebook
whose code an edit changed is executed again by a small executor, in a fresh Python inside the
submission folder, which writes the outputs and, for the optimizer notebook, submission_logs/.
An execution is reused while the notebook's code and deeplearning/ are unchanged since the last
build, so a second run rewrites nothing: the script is idempotent. In ``expected.toml`` only the
``description`` and ``flaw`` lines are rewritten; the rest (the expected scores) is kept.

The reference run of the optimizer notebook uses a synthetic CIFAR-shaped data set (see
SYNTHETIC_DATA_CELL): CIFAR-10 is not available where this script runs.

    .venv/bin/python assignments/hw2/make_submissions.py            # build everything
    .venv/bin/python assignments/hw2/make_submissions.py --only reference wrong_he_fan_out
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import nbformat

try:
    import tomllib
except ModuleNotFoundError:
    import tomli as tomllib

HW2 = Path(__file__).resolve().parent
STARTER = HW2 / "starter"
SUBMISSIONS = HW2 / "submissions"
NOT_SUBMITTED = ("README.md",)
NOTEBOOKS = ("hw2_optimizer_init.ipynb", "hw2_momentum.ipynb", "hw2_q6_features.ipynb")
NOTEBOOK_OUTPUTS = {"hw2_optimizer_init.ipynb": "submission_logs"}
NOTEBOOK_TIMEOUT_SECONDS = 1800


@dataclass(frozen=True)
class Replace:
    """Replace the one occurrence of ``old`` by ``new`` in ``path`` (relative to the submission)."""

    path: str
    old: str
    new: str


@dataclass(frozen=True)
class Delete:
    """Remove a file or a folder of the submission."""

    path: str


Edit = Union[Replace, Delete]


@dataclass(frozen=True)
class Variant:
    """A known-wrong submission: the reference with one flaw."""

    name: str
    description: str
    flaw: str
    edits: tuple[Edit, ...]
    execute: bool = True  # False: an edited notebook is left unexecuted (that is the flaw)

    @property
    def folder_name(self) -> str:
        return f"wrong_{self.name}"


# ------------------------------------------------------------------------------------------------
# answers.toml: the template's keys, filled in
# ------------------------------------------------------------------------------------------------

Answer = Union[str, int, float, list]

ETA_LO = "(1 - sqrt(1 - beta))^2/(2*beta*sigma^2)"
ETA_HI = "(1 + sqrt(1 - beta))^2/(2*beta*sigma^2)"
TRACE = "(2 - beta - 2*eta*beta*sigma^2)"
LATEX_ETA_LO = r"\frac{(1-\sqrt{1-\beta})^2}{2\beta\sigma^2}"
LATEX_ETA_HI = r"\frac{(1+\sqrt{1-\beta})^2}{2\beta\sigma^2}"
UNICODE_ETA_LO = "(1 − √(1 − β))²/(2βσ²)"
UNICODE_ETA_HI = "(1 + √(1 − β))²/(2βσ²)"
UNICODE_TRACE = "(2 − β − 2ηβσ²)"

# Every key correct, in a mix of the three notations (plain, Unicode, LaTeX).
REFERENCE_ANSWERS: dict[str, Answer] = {
    "q1.a": "0 < eta < 1/sigma^2",
    "q1.b": "log(epsilon)/log(|1 - 2*eta*sigma^2|)",
    "q1.c": "0 < η < 1/σ_ℓ²",
    "q1.c_limiting": "sigma_l",
    "q1.d_switch": r"\frac{1}{\sigma_\ell^2 + \sigma_s^2}",
    "q1.d_faster_small_eta": "sigma_l",
    "q1.e": "1/(sigma_l^2 + sigma_s^2)",
    "q1.e_rate": "(σ_ℓ² − σ_s²)/(σ_ℓ² + σ_s²)",
    "q1.f": "no",
    "q2.a_a": "(1 - beta)*a + 2*beta*sigma^2*x",
    "q2.a_x": "-eta*(1 - beta)*a + (1 - 2*eta*beta*sigma^2)*x",
    "q2.b": [["1 - beta", "2*beta*sigma^2"], ["-eta*(1 - beta)", "1 - 2*eta*beta*sigma^2"]],
    "q2.c_eigenvalues": [f"({TRACE} + sqrt({TRACE}^2 - 4*(1 - beta)))/2",
                         f"({TRACE} - sqrt({TRACE}^2 - 4*(1 - beta)))/2"],
    "q2.c_real": f"eta <= {ETA_LO} or eta >= {ETA_HI}",
    "q2.c_repeated": f"eta = {ETA_LO} or eta = {ETA_HI}",
    "q2.c_complex": rf"{LATEX_ETA_LO} < \eta < {LATEX_ETA_HI}",
    "q2.d_max_eta": UNICODE_ETA_HI,
    "q2.e_max_eta": "(2 - beta)/(beta*sigma^2)",
    "q2.f_max_eta": LATEX_ETA_HI,
    "q2.g_eta": 1.0,
    "q2.g_iterations_momentum": 132,
    "q2.g_iterations_gd": 346,
    "q2.i": "momentum",
    "q3.a": "σ²",
    "q3.b": "(1 - eta*(x^2 + sigma^2))*w + eta*x*y",
    "q3.c": "(0, 2/(x^2 + sigma^2))",
    "q3.d": r"\frac{xy}{x^2+\sigma^2}",
    "q3.d_no_noise": "y/x",
    "q4.sigma_wy": "X^T",
    "q4.sigma_yy": "X X^T + lambda I",
}

# The same answers with no plain notation at all: LaTeX and Unicode only (numbers and words as strings).
NOTATION_MIX_ANSWERS: dict[str, Answer] = {
    "q1.a": r"0 < \eta < \frac{1}{\sigma^2}",
    "q1.b": "log(ε)/log(|1 − 2ησ²|)",
    "q1.c": r"0 < \eta < \frac{1}{\sigma_\ell^2}",
    "q1.c_limiting": "σ_ℓ",
    "q1.d_switch": "1/(σ_ℓ² + σ_s²)",
    "q1.d_faster_small_eta": r"\sigma_\ell",
    "q1.e": r"\frac{1}{\sigma_\ell^{2}+\sigma_{s}^{2}}",
    "q1.e_rate": r"\frac{\sigma_\ell^2-\sigma_s^2}{\sigma_\ell^2+\sigma_s^2}",
    "q1.f": "no",
    "q2.a_a": "(1 − β)a + 2βσ²x",
    "q2.a_x": r"-\eta(1-\beta)a + (1-2\eta\beta\sigma^2)x",
    "q2.b": [[r"1-\beta", r"2\beta\sigma^2"], ["−η(1 − β)", "1 − 2ηβσ²"]],
    "q2.c_eigenvalues": [f"({UNICODE_TRACE} − √({UNICODE_TRACE}² − 4(1 − β)))/2",
                         r"\frac{2-\beta-2\eta\beta\sigma^2+\sqrt{(2-\beta-2\eta\beta\sigma^2)^2-4(1-\beta)}}{2}"],
    "q2.c_real": f"η ≤ {UNICODE_ETA_LO} or η ≥ {UNICODE_ETA_HI}",
    "q2.c_repeated": rf"\eta = {LATEX_ETA_LO} or \eta = {LATEX_ETA_HI}",
    "q2.c_complex": f"{UNICODE_ETA_LO} < η < {UNICODE_ETA_HI}",
    "q2.d_max_eta": r"\frac{\left(1+\sqrt{1-\beta}\right)^{2}}{2\beta\sigma^{2}}",
    "q2.e_max_eta": "(2 − β)/(βσ²)",
    "q2.f_max_eta": UNICODE_ETA_HI,
    "q2.g_eta": "1.0",
    "q2.g_iterations_momentum": "132",
    "q2.g_iterations_gd": "346",
    "q2.i": "momentum",
    "q3.a": r"\sigma^2",
    "q3.b": "(1 − η(x² + σ²))w + ηxy",
    "q3.c": r"0 < \eta < \frac{2}{x^2+\sigma^2}",
    "q3.d": "xy/(x² + σ²)",
    "q3.d_no_noise": r"\frac{y}{x}",
    "q4.sigma_wy": "Xᵀ",
    "q4.sigma_yy": r"XX^\top + \lambda I",
}

# Hostile or unreadable answers: each must be reported invalid (or wrong), never crash the grader.
GARBAGE_ANSWERS: dict[str, Answer] = {
    "q1.a": "__import__('os').system('echo pwned')",
    "q1.b": "(" * 5000 + "eta" + ")" * 5000,
    "q1.e": "10^10^10^10^10",
    "q2.b": "not a matrix",
    "q2.c_eigenvalues": ["lambda: 0", "", "eval('1')"],
    "q2.g_iterations_gd": "1e999999",
    "q2.i": "gd; rm -rf /",
    "q3.b": "w\u0000 + \u202e x*y",
    "q3.d": r"\input{/etc/passwd}",
    "q4.sigma_yy": "X" + "*X" * 20000,
}


def toml_value(value: Answer) -> str:
    """TOML text for an answer; strings with a backslash become literal strings '...' when they can."""
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, str):
        if "\\" in value and "'" not in value and "\n" not in value:
            return f"'{value}'"
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def answer_edits(old: dict[str, Answer], new: dict[str, Answer]) -> tuple[Replace, ...]:
    """Edits of answers.toml that change each key of ``new`` from its ``old`` value."""
    return tuple(Replace("answers.toml", f"{key} = {toml_value(old[key])}", f"{key} = {toml_value(value)}")
                 for key, value in new.items())


def template_answers() -> dict[str, Answer]:
    """The starter's answers.toml flattened to dotted keys (every value empty)."""
    with open(STARTER / "answers.toml", "rb") as template:
        tables = tomllib.load(template)
    return {f"{question}.{key}": value for question, keys in tables.items() for key, value in keys.items()}


# ------------------------------------------------------------------------------------------------
# The reference: the starter kit with every TODO filled in
# ------------------------------------------------------------------------------------------------

SYNTHETIC_DATA_CELL = '''\
# Reference build: CIFAR-10 is not on the machine that builds this reference submission, so this
# cell draws a synthetic stand-in with the shapes and pixel scale of mean-subtracted CIFAR-10 and
# a decaying covariance spectrum. Every other cell is the one students run.
def synthetic_cifar10(sizes=(49000, 1000, 1000), rank=200, class_scale=0.7, seed=182):
    """10 classes: a class mean plus noise along `rank` orthonormal directions (the j-th with a
    standard deviation proportional to 1/j: 90% of the variance) and white noise (10%). The class
    means are class_scale times a draw of that noise: the larger, the easier the data."""
    rng = np.random.default_rng(seed)
    dim = 3 * 32 * 32
    directions = np.linalg.qr(rng.normal(size=(dim, rank)))[0].T
    stds = 1.0 / np.arange(1, rank + 1)
    stds *= np.sqrt(0.9 * dim * 60.0**2 / np.sum(stds**2))
    mixing = (stds[:, None] * directions).astype(np.float32)
    class_means = class_scale * rng.normal(size=(10, rank)).astype(np.float32) @ mixing
    white_std = np.float32(60.0 * np.sqrt(0.1))
    splits = {}
    for split, n in zip(["train", "val", "test"], sizes):
        labels = rng.integers(0, 10, size=n)
        images = class_means[labels] + rng.standard_normal((n, rank), dtype=np.float32) @ mixing
        images += white_std * rng.standard_normal((n, dim), dtype=np.float32)
        splits["X_" + split], splits["y_" + split] = images.reshape(n, 3, 32, 32), labels
    return splits


data = synthetic_cifar10()'''

MOMENTUM_UPDATE = 'v = config["momentum"] * v + dw\n    next_w = w - config["learning_rate"] * v'
RMSPROP_UPDATE = ('config["cache"] = config["decay_rate"] * config["cache"] + (1 - config["decay_rate"]) * dw**2\n'
                  '    next_w = w - config["learning_rate"] * dw / (np.sqrt(config["cache"]) + config["epsilon"])')
ADAM_STEP = 'config["t"] += 1\n'
ADAM_BIAS_CORRECTION = ('m_hat = config["m"] / (1 - config["beta1"] ** config["t"])\n'
                        '    v_hat = config["v"] / (1 - config["beta2"] ** config["t"])')
ADAM_UPDATE = (f'{ADAM_STEP}'
               '    config["m"] = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw\n'
               '    config["v"] = config["beta2"] * config["v"] + (1 - config["beta2"]) * dw**2\n'
               f'    {ADAM_BIAS_CORRECTION}\n'
               '    next_w = w - config["learning_rate"] * m_hat / (np.sqrt(v_hat) + config["epsilon"])')
RANDOM_INIT = "weight = np.random.randn(fan_in, fan_out) * weight_scale"
HE_INIT = "weight = np.random.randn(fan_in, fan_out) * np.sqrt(2.0 / fan_in)"
ZERO_INIT = "weight = np.zeros((fan_in, fan_out))"
GRAD_NORM_LOG = "mean_grad_norm = np.mean([np.linalg.norm(g.ravel()) for g in grads.values()])"
DTYPE_CAST = "\n        for name, value in self.params.items():\n            self.params[name] = value.astype(dtype)\n"
TUNED_SGD_BATCH_SIZE = '"sgd": 400,'
BEST_MODEL_SETTINGS = {"lr": "1e-4", "num_epochs": "4", "batch_size": "200", "lr_decay": "0.95"}


def _todo(path: str, message: str, solution: str) -> Replace:
    return Replace(path, f'raise NotImplementedError("TODO: {message}")', solution)


SOLUTION: tuple[Edit, ...] = (
    _todo("deeplearning/optim.py", "sgd_momentum: compute v and next_w", MOMENTUM_UPDATE),
    _todo("deeplearning/optim.py", "rmsprop: update config['cache'] and compute next_w", RMSPROP_UPDATE),
    _todo("deeplearning/optim.py", "adam: update config['t'], config['m'], config['v'] and compute next_w", ADAM_UPDATE),
    _todo("deeplearning/classifiers/fc_net.py", "FullyConnectedNet: 'random' initialization", RANDOM_INIT),
    _todo("deeplearning/classifiers/fc_net.py", "FullyConnectedNet: 'he' initialization", HE_INIT),
    _todo("deeplearning/classifiers/fc_net.py", "FullyConnectedNet: 'zero' initialization", ZERO_INIT),
    _todo("deeplearning/solver.py", "Solver._step: compute mean_grad_norm", GRAD_NORM_LOG),
    Replace("hw2_optimizer_init.ipynb",
            "from deeplearning.data_utils import get_CIFAR10_data\n\ndata = get_CIFAR10_data()", SYNTHETIC_DATA_CELL),
    Replace("hw2_optimizer_init.ipynb", '"sgd": ?,', TUNED_SGD_BATCH_SIZE),
    *(Replace("hw2_optimizer_init.ipynb", f"{name} = ?  # TODO", f"{name} = {value}")
      for name, value in BEST_MODEL_SETTINGS.items()),
    _todo("hw2_momentum.ipynb", "runGDM: update smoothed_grad", "smoothed_grad = (1 - beta) * smoothed_grad + beta * grad"),
    _todo("hw2_q6_features.ipynb", "build_model",
          "return nn.Sequential(nn.Linear(1, 20), nn.ReLU(), nn.Linear(20, 20), nn.ReLU(), nn.Linear(20, 20),\n"
          "                         nn.ReLU(), nn.Linear(20, 20), nn.ReLU(), nn.Linear(20, 1))"),
    _todo("hw2_q6_features.ipynb", "print_gnorms: compute gnorm", "gnorm = param.grad.norm().item()"),
    _todo("hw2_q6_features.ipynb", "better_init",
          "nn.init.normal_(module.weight, mean=0.0, std=(2.0 / module.in_features) ** 0.5)"),
    *answer_edits(template_answers(), REFERENCE_ANSWERS),
)


# ------------------------------------------------------------------------------------------------
# The known-wrong submissions
# ------------------------------------------------------------------------------------------------

def _code(name: str, description: str, path: str, old: str, new: str) -> Variant:
    return Variant(name, description, f"{path}: {old!r} -> {new!r}", (Replace(path, old, new),))


OPTIM = "deeplearning/optim.py"
FC_NET = "deeplearning/classifiers/fc_net.py"
SOLVER = "deeplearning/solver.py"

VARIANTS: tuple[Variant, ...] = (
    _code("cs231n_momentum", "sgd_momentum in CS231n's form: v = mu*v - lr*dw; next_w = w + v", OPTIM,
          MOMENTUM_UPDATE, 'v = config["momentum"] * v - config["learning_rate"] * dw\n    next_w = w + v'),
    _code("ema_momentum", "sgd_momentum as a moving average: v = mu*v + (1 - mu)*dw", OPTIM,
          'v = config["momentum"] * v + dw', 'v = config["momentum"] * v + (1 - config["momentum"]) * dw'),
    Variant("adam_no_t_increment", "adam increments t after the update, so the bias correction uses the old t "
            "(t still ends at 6 on the notebook vectors)",
            "deeplearning/optim.py: config['t'] += 1 moved from the first line of the update to the last",
            (Replace(OPTIM, ADAM_STEP + "    ", ""),
             Replace(OPTIM, '(np.sqrt(v_hat) + config["epsilon"])', '(np.sqrt(v_hat) + config["epsilon"])\n    '
                     + ADAM_STEP.rstrip("\n")))),
    _code("adam_no_bias_correction", "adam without bias correction: m_hat = m, v_hat = v", OPTIM,
          ADAM_BIAS_CORRECTION, 'm_hat = config["m"]\n    v_hat = config["v"]'),
    Variant("rmsprop_old_cache", "rmsprop divides by the cache from before this step's update",
            "deeplearning/optim.py: next_w computed before config['cache'] is updated",
            (Replace(OPTIM, RMSPROP_UPDATE, "\n    ".join(reversed(RMSPROP_UPDATE.split("\n    ")))),)),
    _code("he_uniform", "He initialization from a uniform distribution with the right standard deviation "
          "(Kaiming uniform: U(-sqrt(6/fan_in), sqrt(6/fan_in))), not a normal one", FC_NET, HE_INIT,
          "weight = np.random.uniform(-np.sqrt(6.0 / fan_in), np.sqrt(6.0 / fan_in), (fan_in, fan_out))"),
    _code("he_fan_out", "He initialization with fan_out: std sqrt(2/fan_out)", FC_NET, HE_INIT,
          "weight = np.random.randn(fan_in, fan_out) * np.sqrt(2.0 / fan_out)"),
    _code("random_ignores_scale", "'random' initialization ignores weight_scale (std 1)", FC_NET, RANDOM_INIT,
          "weight = np.random.randn(fan_in, fan_out)"),
    _code("zero_not_zero", "'zero' initialization draws tiny random weights (std 1e-6) instead of zeros", FC_NET,
          ZERO_INIT, "weight = np.random.randn(fan_in, fan_out) * 1e-6"),
    _code("grad_norm_mean_of_squares", "the gradient-norm log is the mean of the squared gradient entries", SOLVER,
          GRAD_NORM_LOG, "mean_grad_norm = np.mean(np.concatenate([g.ravel() for g in grads.values()]) ** 2)"),
    _code("biases_not_zero", "biases drawn like the 'random' weights instead of zeros", FC_NET,
          "np.zeros(fan_out)", "np.random.randn(fan_out) * weight_scale"),
    _code("dtype_ignored", "parameters are never cast to dtype, so they stay float64", FC_NET, DTYPE_CAST, "\n"),
    _code("momentum_config_not_stored", "sgd_momentum never stores the new velocity in config", OPTIM,
          '    config["velocity"] = v\n', ""),
    Variant("missing_optim", "deeplearning/optim.py is missing from the submission", "deeplearning/optim.py deleted",
            (Delete(OPTIM),)),
    Variant("logs_missing", "submission_logs/ is missing from the submission", "submission_logs/ deleted",
            (Delete("submission_logs"),)),
    Variant("notebook_bs_not_multiple", "the optimizer notebook uses an SGD batch size of 250, not a multiple of 100 "
            "(executed with it, so the sgd_momentum_compare_sgd_* logs follow)",
            "hw2_optimizer_init.ipynb: batch_sizes['sgd'] = 250",
            (Replace("hw2_optimizer_init.ipynb", TUNED_SGD_BATCH_SIZE, '"sgd": 250,'),)),
    Variant("answers_factor_of_2", "answers.toml: q1.a off by a factor of 2 (0 < eta < 2/sigma^2); "
            "every other key correct", "q1.a = '0 < eta < 2/sigma^2'",
            answer_edits(REFERENCE_ANSWERS, {"q1.a": "0 < eta < 2/sigma^2"})),
    Variant("answers_notation_mix", "answers.toml: every key correct, written in LaTeX and Unicode only "
            "(must score full marks)", "none: notation only", answer_edits(REFERENCE_ANSWERS, NOTATION_MIX_ANSWERS)),
    Variant("answers_garbage", "answers.toml: hostile or unreadable strings in several keys (code, deep nesting, "
            "a power tower, wrong types, a NUL and a bidi override, LaTeX \\input, 40k characters)",
            "invalid answers in " + ", ".join(GARBAGE_ANSWERS),
            answer_edits(REFERENCE_ANSWERS, GARBAGE_ANSWERS)),
)

# One common mistake in every key that answers_garbage and answers_factor_of_2 leave correct, so that
# every answer test fails for some known-wrong submission.
COMMON_MISTAKE_ANSWERS: dict[str, Answer] = {
    "q1.c": "0 < eta < 1/sigma_s^2",
    "q1.c_limiting": "sigma_s",
    "q1.d_switch": "2/(sigma_l^2 + sigma_s^2)",
    "q1.d_faster_small_eta": "sigma_s",
    "q1.e_rate": "(sigma_l^2 + sigma_s^2)/(sigma_l^2 - sigma_s^2)",
    "q1.f": "yes",
    "q2.a_a": "(1 - beta)*a + 2*beta*sigma*x",
    "q2.a_x": "-eta*(1 - beta)*a + (1 - eta*beta*sigma^2)*x",
    "q2.c_real": f"{ETA_LO} < eta < {ETA_HI}",
    "q2.c_repeated": f"eta = {ETA_HI}",
    "q2.c_complex": f"eta < {ETA_LO}",
    "q2.d_max_eta": ETA_LO,
    "q2.e_max_eta": "(2 - beta)/(2*beta*sigma^2)",
    "q2.f_max_eta": ETA_LO,
    "q2.g_eta": 5.0,
    "q2.g_iterations_momentum": 346,
    "q3.a": "sigma",
    "q3.c": "0 < eta < 1/(x^2 + sigma^2)",
    "q3.d_no_noise": "x/y",
    "q4.sigma_wy": "X",
}

# q2.b with sigma where sigma^2 belongs (two of four entries wrong), and q2.c_eigenvalues the eigenvalues of
# that wrong matrix: trace 2 - beta - 2 eta beta sigma, determinant 1 - beta (error carried forward).
CARRIED_FORWARD_ANSWERS: dict[str, Answer] = {
    "q2.b": [["1 - beta", "2*beta*sigma"], ["-eta*(1 - beta)", "1 - 2*eta*beta*sigma"]],
    "q2.c_eigenvalues": ["(2 - beta - 2*eta*beta*sigma)/2 + sqrt((2 - beta - 2*eta*beta*sigma)^2/4 - (1 - beta))",
                         "(2 - beta - 2*eta*beta*sigma)/2 - sqrt((2 - beta - 2*eta*beta*sigma)^2/4 - (1 - beta))"],
}

COVERAGE_VARIANTS: tuple[Variant, ...] = (
    Variant("answers_common_mistakes", "answers.toml: a common mistake in 20 keys (wrong sigma, factor of 2, "
            "sigma for sigma^2, the other regime, the smaller root, ...)", "wrong answers in "
            + ", ".join(COMMON_MISTAKE_ANSWERS), answer_edits(REFERENCE_ANSWERS, COMMON_MISTAKE_ANSWERS)),
    Variant("answers_carried_forward", "answers.toml: R_i with sigma for sigma^2 in two entries, and eigenvalues "
            "right for that wrong R_i (partial credit by error carried forward)", "q2.b, q2.c_eigenvalues",
            answer_edits(REFERENCE_ANSWERS, CARRIED_FORWARD_ANSWERS)),
    _code("loss_reg_gradient_missing", "loss() leaves out the regularization term of the weight gradients", FC_NET,
          '            grads[f"W{layer}"] += self.reg * weight\n', ""),
    _code("fc_net_transposed", "weights stored transposed: W has shape (fan_out, fan_in)", FC_NET,
          'self.params[f"W{i + 1}"] = weight', 'self.params[f"W{i + 1}"] = weight.T'),
    _code("solver_no_update", "the Solver never applies the update rule: parameters stay at their initial values",
          SOLVER, "self.update_rule(weight, grads[name], self.optim_configs[name])",
          "(weight, self.optim_configs[name])"),
    Variant("notebook_not_executed", "hw2_optimizer_init.ipynb submitted without its outputs (never run)",
            "hw2_optimizer_init.ipynb: outputs cleared", (Replace("hw2_optimizer_init.ipynb", TUNED_SGD_BATCH_SIZE,
                                                                  TUNED_SGD_BATCH_SIZE + "  # tuned"),), execute=False),
)

REFERENCE_DESCRIPTION = ("The full-marks reference: every TODO filled in, the notebooks executed (the optimizer "
                         "notebook on a synthetic CIFAR-shaped data set), every answer correct.")


# ------------------------------------------------------------------------------------------------
# Applying edits
# ------------------------------------------------------------------------------------------------

def apply_edit(folder: Path, edit: Edit) -> None:
    """Apply one edit inside ``folder``; a Replace whose ``old`` does not occur exactly once is an error."""
    target = folder / edit.path
    if isinstance(edit, Delete):
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
        return
    if target.suffix == ".ipynb":
        notebook = nbformat.read(target, as_version=4)
        cells = [cell for cell in notebook.cells if edit.old in cell.source]
        if len(cells) != 1 or cells[0].source.count(edit.old) != 1:
            raise ValueError(f"{edit.path}: {edit.old!r} must occur exactly once, in one cell")
        cells[0].source = cells[0].source.replace(edit.old, edit.new)
        clear_outputs(notebook)
        nbformat.write(notebook, target)
        return
    text = target.read_text(encoding="utf-8")
    if text.count(edit.old) != 1:
        raise ValueError(f"{edit.path}: {edit.old!r} occurs {text.count(edit.old)} times, expected once")
    target.write_text(text.replace(edit.old, edit.new), encoding="utf-8")


def clear_outputs(notebook: nbformat.NotebookNode) -> None:
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None


# ------------------------------------------------------------------------------------------------
# Executing notebooks
# ------------------------------------------------------------------------------------------------

def is_executed(notebook: nbformat.NotebookNode) -> bool:
    return all(cell.execution_count is not None for cell in notebook.cells if cell.cell_type == "code")


def error_outputs(notebook: nbformat.NotebookNode) -> list[str]:
    return [f"{output.ename}: {output.evalue}" for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.outputs if output.output_type == "error"]


def execution_fingerprint(folder: Path, notebook_name: str) -> str:
    """What a notebook's outputs depend on: its code cells and the deeplearning/ package."""
    digest = hashlib.sha256()
    notebook = nbformat.read(folder / notebook_name, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            digest.update(cell.source.encode() + b"\0")
    for path in sorted((folder / "deeplearning").rglob("*.py")):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def execute_or_reuse(staging: Path, previous: Path, notebook_name: str) -> None:
    """Execute ``staging/notebook_name`` in ``staging``, unless ``previous`` holds an execution of the
    same code (then copy it, and the folder the notebook writes)."""
    reusable = ((previous / notebook_name).exists()
                and is_executed(nbformat.read(previous / notebook_name, as_version=4))
                and execution_fingerprint(previous, notebook_name) == execution_fingerprint(staging, notebook_name))
    written = NOTEBOOK_OUTPUTS.get(notebook_name)
    if reusable:
        shutil.copy2(previous / notebook_name, staging / notebook_name)
        if written is not None:
            shutil.rmtree(staging / written, ignore_errors=True)
            shutil.copytree(previous / written, staging / written)
        return
    print(f"  executing {notebook_name} in {staging.name}", flush=True)
    environment = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--execute", notebook_name],
                   cwd=staging, env=environment, check=True, timeout=NOTEBOOK_TIMEOUT_SECONDS)
    errors = error_outputs(nbformat.read(staging / notebook_name, as_version=4))
    if errors:
        raise RuntimeError(f"{notebook_name} raised while executing: {errors}")


def execute_notebook(path: Path) -> None:
    """Run the code cells of the notebook in order, in one namespace and the current folder, as
    Jupyter's "Run All" would, and write their outputs back: stdout and stderr, the value of a
    final expression, or the error that stopped the run. Figures are closed, not embedded."""
    import matplotlib.pyplot as plt

    warnings.filterwarnings("ignore", message=".*non-interactive.*")
    sys.path.insert(0, os.getcwd())
    notebook = nbformat.read(path, as_version=4)
    clear_outputs(notebook)
    namespace: dict = {"__name__": "__main__"}
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for count, cell in enumerate(code_cells, start=1):
        cell.execution_count = count
        finished = _run_cell(cell, namespace, count)
        plt.close("all")
        if not finished:
            break
    nbformat.write(notebook, path)


def _run_cell(cell: nbformat.NotebookNode, namespace: dict, count: int) -> bool:
    """Execute one cell into ``cell.outputs``; False when it raised."""
    stdout, stderr = io.StringIO(), io.StringIO()
    value, error = None, None
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            tree = ast.parse(cell.source, filename=f"<cell {count}>")
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, f"<cell {count}>", "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), f"<cell {count}>", "eval"), namespace)
    except Exception as exc:  # a notebook shows any exception as the cell's error output
        error = exc
    for name, stream in (("stdout", stdout), ("stderr", stderr)):
        if stream.getvalue():
            cell.outputs.append(nbformat.v4.new_output("stream", name=name, text=stream.getvalue()))
    if error is not None:
        cell.outputs.append(nbformat.v4.new_output(
            "error", ename=type(error).__name__, evalue=str(error),
            traceback=traceback.format_exception(type(error), error, error.__traceback__)))
        return False
    if value is not None:
        cell.outputs.append(nbformat.v4.new_output(
            "execute_result", data={"text/plain": repr(value)}, execution_count=count))
    return True


# ------------------------------------------------------------------------------------------------
# Building the folders
# ------------------------------------------------------------------------------------------------

def write_expected(folder: Path, description: str, flaw: str, previous_text: str) -> None:
    """expected.toml: fresh description and flaw lines, then everything else the previous file held."""
    kept = [line for line in previous_text.splitlines()
            if not line.startswith(("description = ", "flaw = "))]
    header = [f"description = {json.dumps(description, ensure_ascii=False)}",
              f"flaw = {json.dumps(flaw, ensure_ascii=False)}"]
    (folder / "expected.toml").write_text("\n".join(header + kept) + "\n", encoding="utf-8")


def build(name: str, source: Path, edits: tuple[Edit, ...], description: str, flaw: str,
          copy_ignore=None, execute: bool = True) -> None:
    """Build ``submissions/<name>`` from a copy of ``source`` with ``edits``, executing what changed."""
    destination = SUBMISSIONS / name
    with tempfile.TemporaryDirectory() as scratch:
        staging = Path(scratch) / name
        shutil.copytree(source, staging, ignore=copy_ignore)
        (staging / "expected.toml").unlink(missing_ok=True)
        for edit in edits:
            apply_edit(staging, edit)
        for notebook_name in NOTEBOOKS:
            path = staging / notebook_name
            if execute and path.exists() and not is_executed(nbformat.read(path, as_version=4)):
                execute_or_reuse(staging, destination, notebook_name)
        previous = destination / "expected.toml"
        write_expected(staging, description, flaw, previous.read_text(encoding="utf-8") if previous.exists() else "")
        shutil.rmtree(destination, ignore_errors=True)
        shutil.copytree(staging, destination)
    print(f"built {destination.relative_to(HW2)}", flush=True)


def build_all(only: set[str] | None = None) -> None:
    """The reference first (every variant copies it), then each variant."""
    not_submitted = shutil.ignore_patterns(*NOT_SUBMITTED, "__pycache__", "*.pyc", ".ipynb_checkpoints")
    if only is None or "reference" in only:
        build("reference", STARTER, SOLUTION, REFERENCE_DESCRIPTION, "none", copy_ignore=not_submitted)
    reference = SUBMISSIONS / "reference"
    for variant in VARIANTS + COVERAGE_VARIANTS:
        if only is None or variant.folder_name in only:
            build(variant.folder_name, reference, variant.edits, variant.description, variant.flaw,
                  copy_ignore=shutil.ignore_patterns("__pycache__", "*.pyc"), execute=variant.execute)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", metavar="FOLDER", help="build only these folders (reference, wrong_<name>)")
    parser.add_argument("--execute", metavar="NOTEBOOK", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.execute:
        execute_notebook(Path(args.execute))
    else:
        build_all(set(args.only) if args.only else None)


if __name__ == "__main__":
    main()
