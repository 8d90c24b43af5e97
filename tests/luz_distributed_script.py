"""A luz script as ported from R, run unchanged alone and under ``torchrun`` by
``test_luz_distributed.py``: an MLP on generated data with a metric, a checkpoint callback and a
csv logger, then ``luz_save()``, ``predict()`` and ``evaluate()``. What the test compares (the
rows each rank drew, the weights, the records) goes to ``<probe>/rank-<r>.json``; luz's own
files go to ``<out>``.

    python luz_distributed_script.py OUT PROBE BATCH_SIZE
    torchrun --standalone --nproc_per_node 2 luz_distributed_script.py OUT PROBE BATCH_SIZE

``... OUT PROBE BATCH_SIZE resume`` only trains with ``luz_callback_auto_resume()``, failing at
the end of epoch 2 when the environment variable ``CRASH`` is set (run it again without it: the
ranks resume), and writes ``<probe>/resume-<r>.json``.
"""
import json
import os
import sys

import torch
import torch.distributed as dist

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403

out, probe, batch_size = sys.argv[1], sys.argv[2], int(sys.argv[3])

# -- the R script, ported --------------------------------------------------------------------------
torch_manual_seed(1)
n = 192
x = torch_randn(n, 4)
y = x.matmul(torch_tensor(c(1, -2, 3, 0.5))).unsqueeze(2) + 0.1 * torch_randn(n, 1)
ids = torch_arange(1, n)
x_valid = torch_randn(50, 4)
y_valid = x_valid.matmul(torch_tensor(c(1, -2, 3, 0.5))).unsqueeze(2)

mlp = nn_module(
    "mlp",
    initialize = lambda self, d_in, d_hidden: (
        setattr(self, "fc1", nn_linear(d_in, d_hidden)),
        setattr(self, "fc2", nn_linear(d_hidden, 1)))[-1],
    forward = lambda self, x: self.fc2(nnf_relu(self.fc1(x))),
)


def seen_init(self):
    self.seen = {}


def seen_batch(self):
    self.seen.setdefault(ctx.epoch, []).extend(torch.as_tensor(ctx.batch[2]).cpu().tolist())


seen = luz_callback("seen", initialize = seen_init, on_train_batch_begin = seen_batch)


def rows_init(self):
    self.n = 0


def rows_update(self, preds, target):
    self.n = self.n + target.shape[0]


# a custom metric: its field n is summed across ranks (the rows of the whole epoch)
rows = luz_metric(abbrev = "Rows", distributed_sum = "n", initialize = rows_init,
                  update = rows_update, compute = lambda self: self.n)


def run(shuffle, callbacks, verbose, epochs = 3):
    return (mlp
            >> setup(loss = nn_mse_loss(), optimizer = optim_sgd,
                     metrics = [luz_metric_mae(), rows()])
            >> set_hparams(d_in = 4, d_hidden = 16)
            >> set_opt_hparams(lr = 0.05)
            >> fit(tensor_dataset(x, y, ids), epochs = epochs, valid_data = [x_valid, y_valid],
                   callbacks = callbacks, verbose = verbose,
                   dataloader_options = dict(batch_size = batch_size, shuffle = shuffle)))


def shuffled(callbacks):
    torch_manual_seed(2)
    return run(True, callbacks, False)


rank = int(os.environ.get("RANK", "0"))
if sys.argv[4:] == ["resume"]:
    def crash(self):
        if ctx.epoch == 2 and os.environ.get("CRASH"):
            stop("a failure at epoch 2")
    failing = luz_callback("failing", on_epoch_end = crash)
    resumed = shuffled([luz_callback_auto_resume(path = os.path.join(out, "state.pt")),
                        failing()])
    with open(os.path.join(probe, f"resume-{rank}.json"), "w") as f:
        json.dump({"epochs": len(resumed.records["metrics"]["train"]),
                   "weights": [p.detach().reshape(-1).tolist()
                               for p in torch.nn.Module.parameters(resumed.model)]}, f)
    sys.exit(0)

in_order = seen()
fitted = run(False, [in_order,
                     luz_callback_model_checkpoint(path = os.path.join(out, "ckpt/")),
                     luz_callback_csv_logger(os.path.join(out, "log.csv")),
                     luz_callback_tfevents(logdir = os.path.join(out, "logs"))], True)
luz_save(fitted, os.path.join(out, "model.pt"))
preds = predict(fitted, tensor_dataset(x_valid), dataloader_options = dict(batch_size = 7))
batches = predict(fitted, tensor_dataset(x_valid), dataloader_options = dict(batch_size = 7), stack = False)
evaluation = evaluate(fitted, [x_valid, y_valid], dataloader_options = dict(batch_size = 5))
order = seen()
fitted_shuffled = shuffled([order])
# decisions from values: the same on every rank (each rank's own losses differ)
def keep_lr(self):
    self.lr = ctx.opt.param_groups[0]["lr"]


last_lr = luz_callback("last_lr", on_fit_end = keep_lr)()
stopped = run(True, [last_lr, luz_callback_early_stopping(monitor = "train_loss", min_delta = 1),
                     luz_callback_lr_scheduler(lr_reduce_on_plateau, patience = 0, factor = 0.5,
                                               call_on = "on_train_batch_end")],
              False, epochs = 10)

# a PyTorch DataLoader works too (0-based inside PyTorch; the ids are values)
tud = torch.utils.data
torch_loader = tud.DataLoader(tud.TensorDataset(torch.as_tensor(x), torch.as_tensor(y),
                                                torch.as_tensor(ids)),
                              batch_size = batch_size, shuffle = True)
torch_seen = seen()
from_torch = (mlp >> setup(loss = nn_mse_loss(), optimizer = optim_sgd)
              >> set_hparams(d_in = 4, d_hidden = 16) >> set_opt_hparams(lr = 0.05)
              >> fit(torch_loader, epochs = 2, valid_data = torch_loader, callbacks = [torch_seen],
                     verbose = False))
torch_preds = predict(from_torch, tud.DataLoader(tud.TensorDataset(torch.as_tensor(x_valid)),
                                                 batch_size = 7))

# -- what the test compares (on the CPU; under NCCL the models are on the GPU) ---------------------
model = torch.nn.Module.cpu(fitted.model)
torch.nn.Module.cpu(from_torch.model)
preds, torch_preds = torch.as_tensor(preds).cpu(), torch.as_tensor(torch_preds).cpu()
with torch.no_grad():
    direct = model(x_valid)
metrics = get_metrics(fitted)
report = {
    "seen": {str(k): v for k, v in in_order.seen.items()},
    "seen_shuffled": {str(k): v for k, v in order.seen.items()},
    "weights_shuffled": [p.detach().reshape(-1).tolist()
                         for p in torch.nn.Module.parameters(fitted_shuffled.model)],
    "weights": [p.detach().reshape(-1).tolist() for p in torch.nn.Module.parameters(model)],
    "metrics": metrics.to_dict(orient = "list"),
    "stopped_epochs": len(stopped.records["metrics"]["train"]),
    "stopped_lr": last_lr.lr,
    "seen_torch": {str(k): v for k, v in torch_seen.seen.items()},
    "torch_predict_error": float((torch_preds -
                                  torch.as_tensor(from_torch.model(x_valid).detach())).abs().max()),
    "predict_error": float((preds - torch.as_tensor(direct)).abs().max()),
    "predict_rows": int(preds.shape[0]),
    "predict_batches": [int(b.shape[0]) for b in batches],
    "predict_batches_error": float((torch.cat([torch.as_tensor(b).cpu() for b in batches]) -
                                    preds).abs().max()),
    "evaluate": {k: float(v) for k, v in evaluation["records"]["metrics"]["valid"][0].items()},
    "evaluate_direct": {"loss": float(nnf_mse_loss(direct, y_valid)),
                        "mae": float((direct - y_valid).abs().mean())},
}

if dist.is_initialized():
    # rtorch tensors and modules under torch.distributed directly (a custom loop)
    me = dist.get_rank()
    device = "cuda" if dist.get_backend() == "nccl" else "cpu"
    t = torch_tensor(c(me + 1, 10), device = device)
    dist.all_reduce(t)
    report["all_reduce"] = torch.as_tensor(t).cpu().tolist()
    torch_manual_seed(100 + me)            # a different start on each rank: DDP syncs it
    net = mlp(d_in = 4, d_hidden = 8)
    net.to(device = device)
    x, y = x.to(device = device), y.to(device = device)
    ddp = torch.nn.parallel.DistributedDataParallel(net)
    opt = optim_sgd(net.parameters, lr = 0.1)
    for i in seq_len(3):
        first = me * 10 + 1
        loss = nnf_mse_loss(ddp(x[first:(first + 9)]), y[first:(first + 9)])
        opt.zero_grad()
        loss.backward()
        opt.step()
    report["custom_loop_weights"] = [p.detach().cpu().reshape(-1).tolist()
                                     for p in torch.nn.Module.parameters(net)]
    report["world_size"] = dist.get_world_size()
    report["backend"] = dist.get_backend()

with open(os.path.join(probe, f"rank-{rank}.json"), "w") as f:
    json.dump(report, f)
