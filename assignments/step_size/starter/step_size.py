"""Step sizes: the four functions of this problem set.

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


def largest_stable_step_chain(weights):
    """The largest step size delta for which gradient descent can converge to the minimum ``weights`` of a chain.

    A chain of L scalar weights fits the gain lambda by minimising 1/2 (w_L ... w_2 w_1 - lambda)^2. ``weights`` is
    a sequence (w_1, ..., w_L) of nonzero floats, any global minimum of that loss: the chain fits
    lambda = w_1 w_2 ... w_L. Nar & Sastry: GD can converge to a minimum only if it is stable there. Return the
    bound on delta at ``weights`` as a float.
    """
    raise NotImplementedError("TODO: the largest stable step size at a minimum of the chain")


def nesterov_momentum(grad, w0, eta, beta, steps):
    """Run ``steps`` steps of momentum with the look-ahead (Nesterov) gradient, starting from w0 and a = 0.

    grad is a Python function of w (an array) that returns the gradient (an array of the same shape), w0 an array,
    eta the learning rate, beta the weight of the new gradient in the moving average (Lecture 7, (7.7)):
        a_{t+1} = (1 - beta) a_t + beta g_t,    w_{t+1} = w_t - eta a_{t+1},
    where g_t is the gradient at the look-ahead point of Q4(e), not at w_t. Return the final w, an array of the
    shape of w0.
    """
    raise NotImplementedError("TODO: momentum with the look-ahead gradient")
