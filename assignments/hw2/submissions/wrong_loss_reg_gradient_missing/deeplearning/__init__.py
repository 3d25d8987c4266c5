"""HW2 student package: update rules (optim), layers, the fully connected net and the Solver."""
