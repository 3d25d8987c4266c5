"""Step sizes: the two functions of this problem set.

Use numpy only. Each function raises NotImplementedError until you fill it in.
"""
import numpy as np


def gd_least_squares(X, y, eta, steps):
    """Run ``steps`` steps of gradient descent on the loss ||X w - y||^2, starting from w = 0.

    X is an (n, d) array, y an (n,) array, eta the step size and steps a whole number (0 allowed).
    The gradient of ||X w - y||^2 is 2 X^T (X w - y). Return the final w, an array of shape (d,).

    Lecture 7: for a wide X (n < d) and a small enough eta, w converges to the least-norm solution
    of X w = y.
    """
    raise NotImplementedError("TODO: gradient descent from w = 0")


def largest_stable_step(f, x_star):
    """The largest step size delta for which gradient descent can converge to the minimum x_star of f.

    f is a Python function of one float, x_star a minimum of f. Nar & Sastry: GD can converge to x_star
    only if |1 - delta f''(x_star)| < 1. Estimate f''(x_star) numerically from values of f (you are not
    given f') and return the bound on delta as a float.
    """
    raise NotImplementedError("TODO: the largest stable step size at x_star")
