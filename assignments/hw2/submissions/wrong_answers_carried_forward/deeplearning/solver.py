"""Minibatch training of a classification model with an update rule from ``deeplearning.optim`` (HW2 Q5).

The model must have ``model.params`` (a dict name -> array) and ``model.loss(X, y=None)`` returning
scores when y is None and ``(loss, grads)`` otherwise, with grads keyed like params.

    solver = Solver(model, data, update_rule="sgd_momentum", optim_config={"learning_rate": 1e-2},
                    lr_decay=0.95, num_epochs=5, batch_size=100, print_every=100)
    solver.train()
    solver.record_histories_as_npz("submission_logs/my_experiment")

``data`` holds X_train, y_train, X_val and y_val. After ``train()``, ``model.params`` holds the
parameters with the best validation accuracy, and the solver's histories hold:
loss_history (one loss per iteration), train_acc_history and val_acc_history (one accuracy before
training and one at the end of each epoch), log_grad_norm_history (one value per iteration) and
log_acc_iteration_history (the iteration of each accuracy check, with log_acc_iteration=True).
"""
import numpy as np

from deeplearning import optim


class Solver:
    def __init__(self, model, data, **kwargs):
        """
        Keyword arguments (unknown ones raise ValueError):
        - update_rule: name of a function in deeplearning.optim (default 'sgd').
        - optim_config: hyperparameters of the update rule; each parameter gets its own copy (default {}).
        - lr_decay: the learning rate is multiplied by this after each epoch (default 1.0).
        - batch_size: minibatch size (default 100).
        - num_epochs: number of epochs (default 10).
        - print_every: print the loss every this many iterations when verbose (default 10).
        - verbose: print progress (default True).
        - log_acc_iteration: record the iteration of each accuracy check in
          log_acc_iteration_history (default False).
        """
        self.model = model
        self.X_train = data["X_train"]
        self.y_train = data["y_train"]
        self.X_val = data["X_val"]
        self.y_val = data["y_val"]

        self.update_rule_name = kwargs.pop("update_rule", "sgd")
        self.optim_config = kwargs.pop("optim_config", {})
        self.lr_decay = kwargs.pop("lr_decay", 1.0)
        self.batch_size = kwargs.pop("batch_size", 100)
        self.num_epochs = kwargs.pop("num_epochs", 10)
        self.print_every = kwargs.pop("print_every", 10)
        self.verbose = kwargs.pop("verbose", True)
        self.log_acc_iteration = kwargs.pop("log_acc_iteration", False)
        if kwargs:
            raise ValueError("Unrecognized arguments: " + ", ".join(kwargs))
        if not hasattr(optim, self.update_rule_name):
            raise ValueError(f"Invalid update_rule {self.update_rule_name!r}")
        self.update_rule = getattr(optim, self.update_rule_name)

        self._reset()

    def _reset(self):
        """Clear the histories and give every parameter its own copy of optim_config."""
        self.epoch = 0
        self.best_val_acc = 0
        self.best_params = {}
        self.loss_history = []
        self.train_acc_history = []
        self.val_acc_history = []
        self.log_grad_norm_history = []
        self.log_acc_iteration_history = []
        self.optim_configs = {name: dict(self.optim_config) for name in self.model.params}

    def _step(self):
        """One update of every parameter on a minibatch drawn with replacement."""
        num_train = self.X_train.shape[0]
        batch = np.random.choice(num_train, self.batch_size)
        loss, grads = self.model.loss(self.X_train[batch], self.y_train[batch])
        self.loss_history.append(loss)

        for name, weight in self.model.params.items():
            next_weight, next_config = self.update_rule(weight, grads[name], self.optim_configs[name])
            self.model.params[name] = next_weight
            self.optim_configs[name] = next_config

        #######################################################################
        # TODO: set mean_grad_norm to the mean, over all parameters (every W #
        # and every b), of the Euclidean (L2) norm of that parameter's       #
        # flattened gradient in grads.                                       #
        #######################################################################
        mean_grad_norm = np.mean([np.linalg.norm(g.ravel()) for g in grads.values()])
        #######################################################################
        #                           END OF YOUR CODE                          #
        #######################################################################
        self.log_grad_norm_history.append(mean_grad_norm)

    def check_accuracy(self, X, y, num_samples=None, batch_size=100):
        """Accuracy of the model on (X, y), on a random subset of num_samples points when given."""
        if num_samples is not None and X.shape[0] > num_samples:
            subset = np.random.choice(X.shape[0], num_samples)
            X, y = X[subset], y[subset]
        predictions = [np.argmax(self.model.loss(X[start:start + batch_size]), axis=1)
                       for start in range(0, X.shape[0], batch_size)]
        return float(np.mean(np.hstack(predictions) == y))

    def train(self):
        """Run num_epochs epochs; check the accuracies before training and after each epoch."""
        num_train = self.X_train.shape[0]
        iterations_per_epoch = max(num_train // self.batch_size, 1)
        num_iterations = self.num_epochs * iterations_per_epoch

        for t in range(num_iterations):
            self._step()
            if self.verbose and t % self.print_every == 0:
                print(f"(Iteration {t + 1} / {num_iterations}) loss: {self.loss_history[-1]:f}")

            epoch_end = (t + 1) % iterations_per_epoch == 0
            if epoch_end:
                self.epoch += 1
                for config in self.optim_configs.values():
                    config["learning_rate"] *= self.lr_decay
            if t == 0 or epoch_end:
                self._record_accuracies(t)

        self.model.params = self.best_params

    def _record_accuracies(self, t):
        train_acc = self.check_accuracy(self.X_train, self.y_train, num_samples=1000)
        val_acc = self.check_accuracy(self.X_val, self.y_val)
        self.train_acc_history.append(train_acc)
        self.val_acc_history.append(val_acc)
        if self.log_acc_iteration:
            self.log_acc_iteration_history.append(t)
        if self.verbose:
            print(f"(Epoch {self.epoch} / {self.num_epochs}) train acc: {train_acc:f}; val_acc: {val_acc:f}")
        if val_acc > self.best_val_acc or not self.best_params:
            self.best_val_acc = val_acc
            self.best_params = {name: value.copy() for name, value in self.model.params.items()}

    def record_histories_as_npz(self, filename):
        """Save train_losses, train_accs and val_accs to filename (np.savez adds '.npz' when missing)."""
        np.savez(filename, train_losses=np.array(self.loss_history),
                 train_accs=np.array(self.train_acc_history), val_accs=np.array(self.val_acc_history))
