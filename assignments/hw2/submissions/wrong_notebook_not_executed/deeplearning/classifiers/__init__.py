"""Classifiers built from the layers in ``deeplearning.layers``."""
from deeplearning.classifiers.fc_net import FullyConnectedNet

__all__ = ["FullyConnectedNet"]
