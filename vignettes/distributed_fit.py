"""The luz script of the ``distributed`` vignette: the same file runs alone
(``python distributed_fit.py``) and data-parallel (``torchrun --nproc_per_node 2
distributed_fit.py``)."""
from rtorch import *
from rtorch.luz import *

torch_manual_seed(1)
x = torch_randn(2048, 8)
y = x.matmul(torch_randn(8, 1)) + 0.1 * torch_randn(2048, 1)


def initialize(self, d_in, d_hidden):
    self.fc1 = nn_linear(d_in, d_hidden)
    self.fc2 = nn_linear(d_hidden, 1)


def forward(self, x):
    return self.fc2(nnf_relu(self.fc1(x)))


net = nn_module("net", initialize = initialize, forward = forward)

fitted = (net >>
  setup(loss = nn_mse_loss(), optimizer = optim_adam, metrics = [luz_metric_mae()]) >>
  set_hparams(d_in = 8, d_hidden = 32) >>
  set_opt_hparams(lr = 0.01) >>
  fit([x, y], epochs = 4, valid_data = 0.25, verbose = True,
      callbacks = [luz_callback_model_checkpoint(path = "checkpoints/")],
      dataloader_options = dict(batch_size = 64)))

print(get_metrics(fitted).tail(4))
preds = predict(fitted, x[1:4])
print(preds)
luz_save(fitted, "fitted.pt")
