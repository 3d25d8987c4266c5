"""A fully connected network of any depth (HW2 Q5): affine - ReLU layers, then affine - softmax."""
import numpy as np

from deeplearning.layers import affine_backward, affine_forward, affine_relu_backward, affine_relu_forward, softmax_loss


class FullyConnectedNet:
    """{affine - relu} x (L - 1) - affine - softmax, with L = len(hidden_dims) + 1 layers.

    Parameters live in ``self.params``: ``W1 .. WL`` of shape (dims[i], dims[i+1]) and
    ``b1 .. bL`` of shape (dims[i+1],), where dims = [input_dim, *hidden_dims, num_classes].
    All parameters have the given dtype. ``dropout``, ``use_batchnorm`` and ``seed`` are kept
    for the course interface and are not used here.
    """

    def __init__(self, hidden_dims, input_dim=3 * 32 * 32, num_classes=10, dropout=0, use_batchnorm=False,
                 reg=0.0, weight_scale=1e-2, dtype=np.float32, seed=None, initialization="random"):
        """
        - hidden_dims: list of the sizes of the hidden layers.
        - input_dim: size of the input; num_classes: number of classes.
        - reg: L2 regularization strength (the loss adds 0.5 * reg * sum of ||W||^2).
        - weight_scale: standard deviation of the weights with initialization='random'.
        - dtype: numpy dtype of every parameter (float32 by default; float64 for gradient checks).
        - initialization: 'random' | 'he' | 'zero', how the weights W are drawn:
            'random': normal, mean 0, standard deviation weight_scale;
            'he':     normal, mean 0, standard deviation sqrt(2 / fan_in), fan_in = dims[i]
                      (He / Kaiming "fan_in" mode for ReLU);
            'zero':   all zeros.
          The biases are always zeros.
        """
        self.use_batchnorm = use_batchnorm
        self.use_dropout = dropout > 0
        self.reg = reg
        self.num_layers = 1 + len(hidden_dims)
        self.dtype = dtype
        self.params = {}

        dims = np.hstack((input_dim, hidden_dims, num_classes)).astype(int)
        for i in range(self.num_layers):
            fan_in, fan_out = dims[i], dims[i + 1]
            if initialization == "random":
                ###############################################################
                # TODO: weight = a (fan_in, fan_out) array of normal draws   #
                # with mean 0 and standard deviation weight_scale.           #
                ###############################################################
                weight = np.random.randn(fan_in, fan_out) * weight_scale
            elif initialization == "he":
                ###############################################################
                # TODO: weight = a (fan_in, fan_out) array of normal draws   #
                # with mean 0 and standard deviation sqrt(2 / fan_in).       #
                ###############################################################
                weight = np.random.randn(fan_in, fan_out) * np.sqrt(2.0 / fan_in)
            elif initialization == "zero":
                ###############################################################
                # TODO: weight = a (fan_in, fan_out) array of zeros.         #
                ###############################################################
                weight = np.zeros((fan_in, fan_out))
            else:
                raise ValueError(f"Unknown initialization {initialization!r}: use 'random', 'he' or 'zero'")
            self.params[f"W{i + 1}"] = weight
            self.params[f"b{i + 1}"] = np.zeros(fan_out)

        for name, value in self.params.items():
            self.params[name] = value.astype(dtype)

    def loss(self, X, y=None):
        """Scores (N, num_classes) when y is None; otherwise (loss, grads) with
        loss = mean softmax cross-entropy + 0.5 * reg * sum_l ||W_l||^2 and grads[name] = d loss / d params[name].
        """
        X = X.astype(self.dtype)
        caches = []
        hidden = X
        for layer in range(1, self.num_layers):
            hidden, cache = affine_relu_forward(hidden, self.params[f"W{layer}"], self.params[f"b{layer}"])
            caches.append(cache)
        last = self.num_layers
        scores, last_cache = affine_forward(hidden, self.params[f"W{last}"], self.params[f"b{last}"])
        if y is None:
            return scores

        loss, dscores = softmax_loss(scores, y)
        grads = {}
        dhidden, grads[f"W{last}"], grads[f"b{last}"] = affine_backward(dscores, last_cache)
        for layer in range(last - 1, 0, -1):
            dhidden, grads[f"W{layer}"], grads[f"b{layer}"] = affine_relu_backward(dhidden, caches[layer - 1])
        for layer in range(1, last + 1):
            weight = self.params[f"W{layer}"]
            loss += 0.5 * self.reg * np.sum(weight * weight)
            grads[f"W{layer}"] += self.reg * weight
        return loss, grads
