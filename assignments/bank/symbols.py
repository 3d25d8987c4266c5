"""The symbols students may use in written answers, with the aliases they write them in.

Aliases cover plain text, Unicode and LaTeX spellings; the parser also normalises subscripts, so
``sigma_l``, ``sigma_{l}``, ``σ_ℓ`` and ``\\sigma_\\ell`` are one symbol.

HW2 Q1 assumes sigma_l > sigma_s. A domain holds one symbol only, so the order is declared by domains
on either side of 1: sigma_s in (0, 1), sigma_l in (1, oo). Every Q1 answer is homogeneous in the sigmas
(a bound on eta scales as sigma^-2, a rate not at all), so these points reach every ratio
sigma_l/sigma_s > 1, and answers that lean on the order (``min(1/sigma_l^2, 1/sigma_s^2)``,
``|sigma_s^2 - sigma_l^2|``) are judged as a TA would.
"""
from autograder.grading.answers import Symbol

ETA = Symbol("eta", aliases=("η", r"\eta", "lr", "alpha", "α"))
SIGMA = Symbol("sigma", aliases=("σ", r"\sigma", "sigma_i", "σ_i", r"\sigma_i"))
SIGMA_L = Symbol("sigma_l", interval=(1, None),
                 aliases=("sigma_ell", "σ_ℓ", "σ_l", r"\sigma_\ell", r"\sigma_l", "sigma_large", "sigma_max"))
SIGMA_S = Symbol("sigma_s", aliases=("σ_s", r"\sigma_s", "sigma_small", "sigma_min"), interval=(0, 1))
EPSILON = Symbol("epsilon", aliases=("ε", "ϵ", "eps", r"\epsilon", r"\varepsilon"), interval=(0, 1))
BETA = Symbol("beta", aliases=("β", r"\beta"), interval=(0, 1))
LAMBDA = Symbol("lambda", aliases=("λ", r"\lambda", "lam"))
M = Symbol("m", aliases=("n",))  # the number of data points (HW2 Q3)
A = Symbol("a", aliases=("a_t", "a_i"), positive=False, interval=(None, None))
X = Symbol("x", aliases=("x_t", "x_i"), positive=False, interval=(None, None))
Y = Symbol("y", positive=False, interval=(None, None))
W = Symbol("w", aliases=("w_t", "E[w]", "E[w_t]"), positive=False, interval=(None, None))  # HW2 Q3(b): w is E[w_t]
