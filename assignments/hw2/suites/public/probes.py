"""Trusted helper sources that HW2's suites run inside the student process (``student.probe``). Shipped
with the public suites, so the hidden ones import it from here too."""

PARAMS_PROBE = '''
def params(hidden_dims, input_dim, num_classes, initialization, weight_scale, dtype, seed):
    import numpy as np
    from deeplearning.classifiers.fc_net import FullyConnectedNet
    np.random.seed(seed)
    net = FullyConnectedNet(hidden_dims, input_dim=input_dim, num_classes=num_classes, weight_scale=weight_scale,
                            dtype=getattr(np, dtype), initialization=initialization)
    return {str(name): np.asarray(value) for name, value in net.params.items()}
'''
