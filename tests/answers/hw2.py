"""HW2-like declarations for the answer-checking tests, with the expected values derived by hand.

Q1 (gradient descent on sigma^2 (w - w*)^2): the error evolves as x_{t+1} = (1 - 2 eta sigma^2) x_t,
so it converges iff |1 - 2 eta sigma^2| < 1, i.e. 0 < eta < 1/sigma^2, and |1 - 2 eta sigma^2|^T < eps
iff T > log(eps) / log|1 - 2 eta sigma^2|. With two directions sigma_l >= sigma_s, both converge iff
eta < 1/sigma_l^2; they converge equally fast when 1 - 2 eta sigma_s^2 = 2 eta sigma_l^2 - 1, i.e.
eta = 1/(sigma_l^2 + sigma_s^2), with rate (sigma_l^2 - sigma_s^2)/(sigma_l^2 + sigma_s^2).

Q2 (momentum z_{t+1} = (1 - beta) z_t + beta g_t, x_{t+1} = x_t - eta z_{t+1}, g_t = 2 sigma^2 x_t):
(z, x)_{t+1} = R (z, x)_t with R = [[1 - beta, 2 beta sigma^2], [-eta (1 - beta), 1 - 2 eta beta sigma^2]].
tr R = 2 - beta - 2 eta beta sigma^2 and det R = (1 - beta)(1 - 2 eta beta sigma^2) + 2 eta beta sigma^2 (1 - beta)
= 1 - beta, so the eigenvalues are (tr ± sqrt(tr^2 - 4 (1 - beta)))/2; they are repeated when
tr = ±2 sqrt(1 - beta), i.e. eta = (1 ∓ sqrt(1 - beta))^2 / (2 beta sigma^2), complex strictly between.
With real eigenvalues the smaller is > -1 iff tr > -(1 + det), i.e. eta < (2 - beta)/(beta sigma^2).

Q4: Sigma_YY = X X^T + lambda I (X is n x d).
"""
import sympy

from autograder.grading.answers import Symbol

ETA = Symbol("eta", aliases=("step", "lr"))
SIGMA = Symbol("sigma")
SIGMA_L = Symbol("sigma_l", aliases=("sigma_max", "sigma_large"))
SIGMA_S = Symbol("sigma_s", aliases=("sigma_min", "sigma_small"))
BETA = Symbol("beta", interval=(0, 1))
EPSILON = Symbol("epsilon", interval=(0, 1))
LAMBDA = Symbol("lambda")

eta, sigma, sigma_l, sigma_s = ETA.sym, SIGMA.sym, SIGMA_L.sym, SIGMA_S.sym
beta, epsilon, lam = BETA.sym, EPSILON.sym, LAMBDA.sym

STABLE_ETA = sympy.Interval.open(0, 1 / sigma**2)
ITERATIONS = sympy.log(epsilon) / sympy.log(sympy.Abs(1 - 2 * eta * sigma**2))
STABLE_ETA_2D = sympy.Interval.open(0, 1 / sigma_l**2)
SWITCH_ETA = 1 / (sigma_l**2 + sigma_s**2)
BEST_RATE = (sigma_l**2 - sigma_s**2) / (sigma_l**2 + sigma_s**2)

R = sympy.Matrix([[1 - beta, 2 * beta * sigma**2],
                  [-eta * (1 - beta), 1 - 2 * eta * beta * sigma**2]])
TRACE = 2 - beta - 2 * eta * beta * sigma**2
EIGENVALUES = ((TRACE + sympy.sqrt(TRACE**2 - 4 * (1 - beta))) / 2,
               (TRACE - sympy.sqrt(TRACE**2 - 4 * (1 - beta))) / 2)
ETA_REPEATED_LOW = (1 - sympy.sqrt(1 - beta))**2 / (2 * beta * sigma**2)
ETA_REPEATED_HIGH = (1 + sympy.sqrt(1 - beta))**2 / (2 * beta * sigma**2)
REAL_EIGENVALUES = sympy.Union(sympy.Interval.Lopen(0, ETA_REPEATED_LOW),
                               sympy.Interval(ETA_REPEATED_HIGH, sympy.oo))
COMPLEX_EIGENVALUES = sympy.Interval.open(ETA_REPEATED_LOW, ETA_REPEATED_HIGH)
REPEATED_EIGENVALUES = sympy.FiniteSet(ETA_REPEATED_LOW, ETA_REPEATED_HIGH)
MOMENTUM_STABLE_BOUND = (2 - beta) / (beta * sigma**2)

SIGMA_YY = "X X^T + lambda I"
