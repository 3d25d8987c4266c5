"""Load CIFAR-10 for the HW2 notebook (the python version of the data set, unpacked by hand).

Download "CIFAR-10 python version" from https://www.cs.toronto.edu/~kriz/cifar.html and unpack it
so that ``deeplearning/datasets/cifar-10-batches-py/`` holds ``data_batch_1`` .. ``data_batch_5``
and ``test_batch``. The data set is not part of the submission.
"""
import os
import pickle

import numpy as np

CIFAR10_DIR = os.path.join(os.path.dirname(__file__), "datasets", "cifar-10-batches-py")


def _load_batch(path):
    """Images (N, 32, 32, 3) as float64 and labels (N,) of one pickled CIFAR-10 batch."""
    with open(path, "rb") as batch_file:
        batch = pickle.load(batch_file, encoding="latin1")
    images = batch["data"].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).astype(np.float64)
    return images, np.array(batch["labels"])


def load_cifar10(root=CIFAR10_DIR):
    """(X_train, y_train, X_test, y_test) with 50000 training and 10000 test images."""
    if not os.path.isdir(root):
        raise FileNotFoundError(f"CIFAR-10 not found in {root}: see the docstring of deeplearning/data_utils.py")
    train = [_load_batch(os.path.join(root, f"data_batch_{k}")) for k in range(1, 6)]
    X_test, y_test = _load_batch(os.path.join(root, "test_batch"))
    return np.concatenate([x for x, _ in train]), np.concatenate([y for _, y in train]), X_test, y_test


def get_CIFAR10_data(num_training=49000, num_validation=1000, num_test=1000, root=CIFAR10_DIR):
    """The HW2 split: X_train (49000, 3, 32, 32), X_val (1000, ...), X_test (1000, ...) and labels.

    The validation set is the 1000 training images after the first 49000. The mean training image
    is subtracted from every set, and the images are channels first.
    """
    X_all, y_all, X_test, y_test = load_cifar10(root)
    X_train, y_train = X_all[:num_training], y_all[:num_training]
    X_val = X_all[num_training:num_training + num_validation]
    y_val = y_all[num_training:num_training + num_validation]
    X_test, y_test = X_test[:num_test], y_test[:num_test]

    mean_image = X_train.mean(axis=0)
    return {
        "X_train": (X_train - mean_image).transpose(0, 3, 1, 2).copy(), "y_train": y_train,
        "X_val": (X_val - mean_image).transpose(0, 3, 1, 2).copy(), "y_val": y_val,
        "X_test": (X_test - mean_image).transpose(0, 3, 1, 2).copy(), "y_test": y_test,
    }
