"""HW2 Q5's regression corpus (issue 28 item 6): the forms in which public implementations of the graded
functions are written (CS231n's optim.py solutions of 2016-2022, EECS 182 / CS182 HW2 and HW1, HKUST
COMP4901J), written here as equivalents of those forms (not copies), each with the verdict a TA gives it.

An upload is the reference submission with some functions replaced (``[[replace_function]]`` or ``[[patch]]``
tables, as in a known-wrong submission's changes.toml); each replaced function carries its verdict: "right"
(every test of that function passes) or "wrong" (at least one fails), and the words its feedback must hold.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

OPTIM = "deeplearning/optim.py"
FC_NET = "deeplearning/classifiers/fc_net.py"


@dataclass(frozen=True)
class Form:
    """One function as a public implementation writes it: what it is, where the form comes from, the TA's
    verdict, the words a wrong one's feedback must hold, and the change that puts it into the reference."""

    function: str  # sgd_momentum, rmsprop, adam, he (FullyConnectedNet's 'he' branch)
    form: str
    verdict: str  # "right" or "wrong"
    change: dict
    says: str = ""


def _function(name: str, source: str) -> dict:
    return {"replace_function": [{"file": OPTIM, "name": name, "source": source}]}


def _he(new: str) -> dict:
    return {"patch": [{"file": FC_NET, "old": "weight = np.random.randn(fan_in, fan_out) * np.sqrt(2.0 / fan_in)",
                       "new": new}]}


DEFAULTS = {"sgd_momentum": (("learning_rate", 1e-2), ("momentum", 0.9)),
            "rmsprop": (("learning_rate", 1e-2), ("decay_rate", 0.99), ("epsilon", 1e-8), ("cache", "np.zeros_like(w)")),
            "adam": (("learning_rate", 1e-3), ("beta1", 0.9), ("beta2", 0.999), ("epsilon", 1e-8),
                     ("m", "np.zeros_like(w)"), ("v", "np.zeros_like(w)"), ("t", 0))}


def _cs231n(name: str, body: str) -> dict:
    """The rule in CS231n's skeleton (``if config is None: config = {}``, each default by ``config.setdefault``,
    ``return next_w, config``) with ``body`` as the student's part."""
    defaults = "".join(f"    config.setdefault('{key}', {value})\n" for key, value in DEFAULTS[name])
    lines = textwrap.indent(textwrap.dedent(body).strip("\n"), "    ")
    return _function(name, f"def {name}(w, dw, config=None):\n    if config is None: config = {{}}\n{defaults}"
                           f"{lines}\n    return next_w, config\n")


ADAM_MOMENTS = """
config['t'] += 1
config['m'] = config['beta1'] * config['m'] + (1 - config['beta1']) * dw
config['v'] = config['beta2'] * config['v'] + (1 - config['beta2']) * (dw ** 2)
"""
ADAM_BIAS_CORRECTED = ADAM_MOMENTS + """
mt = config['m'] / (1 - config['beta1'] ** config['t'])
vt = config['v'] / (1 - config['beta2'] ** config['t'])
"""
MOMENTUM_VELOCITY = "v = config.get('velocity', np.zeros_like(w))\n"

CS231N_MOMENTUM = Form("sgd_momentum", "CS231n: v = mu * v - lr * dw; next_w = w + v", "wrong", _cs231n("sgd_momentum", (
    MOMENTUM_VELOCITY + """
v = config['momentum'] * v - config['learning_rate'] * dw
next_w = w + v
config['velocity'] = v
""")), says="CS231n's momentum")

CS231N_RMSPROP = Form("rmsprop", "CS231n: cache in config, sqrt(cache) + eps", "right", _cs231n("rmsprop", """
config['cache'] = config['decay_rate'] * config['cache'] + (1 - config['decay_rate']) * (dw ** 2)
next_w = w - config['learning_rate'] * dw / (np.sqrt(config['cache']) + config['epsilon'])
"""))

CS231N_ADAM = Form("adam", "CS231n 2017+: t first, m and v in config, bias-corrected mt and vt", "right", _cs231n("adam", (
    ADAM_BIAS_CORRECTED + "next_w = w - config['learning_rate'] * mt / (np.sqrt(vt) + config['epsilon'])\n")))

IN_PLACE_MOMENTUM = Form("sgd_momentum", "EECS 182: moving sum, w updated in place", "right", _cs231n("sgd_momentum", (
    MOMENTUM_VELOCITY + """
v = config['momentum'] * v + dw
w -= config['learning_rate'] * v
next_w = w
config['velocity'] = v
""")))

SETDEFAULT_MOMENTUM = Form("sgd_momentum", "velocity via config.setdefault, updated in config", "right", _cs231n("sgd_momentum", """
config.setdefault("velocity", np.zeros_like(w))
config["velocity"] = config["momentum"] * config["velocity"] + dw
next_w = w - config["learning_rate"] * config["velocity"]
"""))

EMA_MOMENTUM = Form("sgd_momentum", "an exponential moving average (1 - mu) dw (the FA22 notebook's text)", "wrong",
                    _cs231n("sgd_momentum", MOMENTUM_VELOCITY + """
v = config['momentum'] * v + (1 - config['momentum']) * dw
next_w = w - config['learning_rate'] * v
config['velocity'] = v
"""), says="exponential moving average")

LOCAL_ADAM = Form("adam", "EECS 182: local t, m, v, stored back with config.update, float32 kept", "right", _function("adam", '''
def adam(w, dw, config=None):
    if config is None:
        config = {}
    for key, value in (("learning_rate", 1e-3), ("beta1", 0.9), ("beta2", 0.999), ("epsilon", 1e-8)):
        config.setdefault(key, value)
    m = config.get("m", np.zeros_like(w))
    v = config.get("v", np.zeros_like(w))
    t = config.get("t", 0) + 1
    beta1, beta2 = config["beta1"], config["beta2"]
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * np.square(dw)
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    next_w = (w - config["learning_rate"] * m_hat / (np.sqrt(v_hat) + config["epsilon"])).astype(w.dtype)
    config.update(m=m, v=v, t=t)
    return next_w, config
'''))

LR_T_ADAM = Form("adam", "CS231n 2016: the paper's efficient form lr_t with epsilon beside sqrt(v)", "wrong", _cs231n("adam", (
    ADAM_MOMENTS + """
lr_t = config['learning_rate'] * np.sqrt(1 - config['beta2'] ** config['t']) / (1 - config['beta1'] ** config['t'])
next_w = w - lr_t * config['m'] / (np.sqrt(config['v']) + config['epsilon'])
""")), says="efficient form")

EPS_INSIDE_ADAM = Form("adam", "epsilon inside the square root", "wrong", _cs231n("adam", (
    ADAM_BIAS_CORRECTED + "next_w = w - config['learning_rate'] * mt / np.sqrt(vt + config['epsilon'])\n")),
    says="epsilon inside the square root")

EPS_INSIDE_RMSPROP = Form("rmsprop", "epsilon inside the square root", "wrong", _cs231n("rmsprop", """
config['cache'] = config['decay_rate'] * config['cache'] + (1 - config['decay_rate']) * dw * dw
next_w = w - config['learning_rate'] * dw / np.sqrt(config['cache'] + config['epsilon'])
"""), says="epsilon inside the square root")

UNFINISHED_MOMENTUM = Form("sgd_momentum", "left unfinished: next_w = None", "wrong", _function("sgd_momentum", '''
def sgd_momentum(w, dw, config=None):
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    v = config.get("velocity", np.zeros_like(w))
    next_w = None
    config["velocity"] = v
    return next_w, config
'''), says="should be a numpy array, got NoneType")

ONE_TUPLE_ADAM = Form("adam", "returns (w,) only", "wrong", _function("adam", '''
def adam(w, dw, config=None):
    return (w,)
'''), says="adam must return (next_w, config); got a tuple of 1 value")

HE_NORMAL = Form("he", "np.random.normal(0, sqrt(2 / fan_in), size)", "right",
                 _he("weight = np.random.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))"))
HE_MATH = Form("he", "CS182 staff: randn * math.sqrt(2. / dims[i])", "right",
               _he("weight = np.random.randn(dims[i], dims[i + 1]) * __import__('math').sqrt(2. / dims[i])"))
HE_FAN_OUT = Form("he", "sqrt(2 / fan_out)", "wrong", _he("weight = np.random.randn(fan_in, fan_out) * np.sqrt(2.0 / fan_out)"),
                  says="fan_in")
HE_UNSET = Form("he", "the 'he' branch left as pass: it sets no weights", "wrong",
                _he("pass"), says="weight")

# Uploads: the functions a student's optim.py / fc_net.py holds together.
UPLOADS = {
    "cs231n_solutions": (CS231N_MOMENTUM, CS231N_RMSPROP, CS231N_ADAM, HE_NORMAL),
    "eecs182_in_place": (IN_PLACE_MOMENTUM, LOCAL_ADAM, HE_MATH),
    "setdefault_forms": (SETDEFAULT_MOMENTUM, LR_T_ADAM, EPS_INSIDE_RMSPROP),
    "epsilon_inside": (EMA_MOMENTUM, EPS_INSIDE_ADAM, HE_FAN_OUT),
    "unfinished": (UNFINISHED_MOMENTUM, ONE_TUPLE_ADAM, HE_UNSET),
}
