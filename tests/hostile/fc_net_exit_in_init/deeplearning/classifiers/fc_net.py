"""Hostile: building the network ends the process politely."""
import sys


class FullyConnectedNet:
    def __init__(self, hidden_dims, input_dim=3 * 32 * 32, num_classes=10, **kwargs):
        sys.exit(0)
