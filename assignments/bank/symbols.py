"""The symbols students may use in written answers, with the aliases they write them in.

Aliases cover plain text, Unicode and LaTeX spellings; the parser also normalises subscripts, so
``sigma_l``, ``sigma_{l}``, ``σ_ℓ`` and ``\\sigma_\\ell`` are one symbol.
"""
from autograder.answers import Symbol

ETA = Symbol("eta", aliases=("η", r"\eta", "lr", "alpha", "α"))
SIGMA = Symbol("sigma", aliases=("σ", r"\sigma", "sigma_i", "σ_i", r"\sigma_i"))
SIGMA_L = Symbol("sigma_l", aliases=("sigma_ell", "σ_ℓ", "σ_l", r"\sigma_\ell", r"\sigma_l", "sigma_large", "sigma_max"))
SIGMA_S = Symbol("sigma_s", aliases=("σ_s", r"\sigma_s", "sigma_small", "sigma_min"))
EPSILON = Symbol("epsilon", aliases=("ε", "ϵ", "eps", r"\epsilon", r"\varepsilon"), interval=(0, 1))
BETA = Symbol("beta", aliases=("β", r"\beta"), interval=(0, 1))
LAMBDA = Symbol("lambda", aliases=("λ", r"\lambda", "lam"))
A = Symbol("a", aliases=("a_t", "a_i"), positive=False, interval=(None, None))
X = Symbol("x", aliases=("x_t", "x_i"), positive=False, interval=(None, None))
Y = Symbol("y", positive=False, interval=(None, None))
W = Symbol("w", aliases=("w_t",), positive=False, interval=(None, None))
