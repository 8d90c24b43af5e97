# %% [markdown]
# # Scaling out with torch.distributed
#
# R's luz trains on one device. rtorch's luz also trains **data-parallel**, on several
# processes, CPUs (PyTorch's `gloo` backend) or GPUs (`nccl`), on one machine or several:
# start the same script with PyTorch's launcher, `torchrun`, instead of `python`. Nothing in
# the script changes.
#
# This vignette runs two scripts that live next to it: `distributed_fit.py`, a plain luz
# script, and `distributed_custom_loop.py`, a hand-written loop that uses `torch.distributed`
# with rtorch tensors and modules directly.

# %% library
from rtorch import *
from rtorch.luz import *

# %% [markdown]
# ## The luz script
#
# An MLP on generated data, a metric, a checkpoint callback, then `predict()` and
# `luz_save()`: luz as in R, nothing about processes.

# %% the script
print(open("distributed_fit.py").read())

# %% [markdown]
# A notebook cannot be several processes, so it starts the scripts as a terminal would.
# `run()` below runs a command in a fresh temporary folder (the scripts write files where
# they run) and shows what it wrote: first luz's messages (standard error), then what the
# script printed (standard output). The scripts use one thread per process.

# %% a helper to run commands
import os
import subprocess
import sys

import rtorch

here = os.getcwd()
root = os.path.dirname(os.path.dirname(rtorch.__file__))
env = {**os.environ, "PYTHONPATH": root, "OMP_NUM_THREADS": "1"}

def run(*args):
    wd = tempfile()
    os.makedirs(wd)
    done = subprocess.run([sys.executable, *args], cwd = wd, env = env,
                          capture_output = True, text = True, timeout = 300)
    cat(done.stderr, done.stdout, sep = "")
    if done.returncode != 0:
        stop("the command failed")
    return wd

# %% [markdown]
# ## One process
#
# `python distributed_fit.py`: one process, batches of 64 rows.

# %% alone tags=["random"]
alone = run(os.path.join(here, "distributed_fit.py"))

# %% [markdown]
# ## Two processes
#
# `torchrun --standalone --nproc_per_node 2 distributed_fit.py` starts two processes (ranks)
# and sets, in each, the variables that describe the group (`RANK`, `WORLD_SIZE`,
# `LOCAL_RANK`, `MASTER_ADDR`, `MASTER_PORT`). Seeing them, luz's `accelerator()` joins the
# process group and:
#
# * wraps the model in PyTorch's `DistributedDataParallel`: every rank starts from rank 1's
#   weights (R's 1-based numbering; PyTorch calls it rank 0), and `backward()` averages the
#   gradients across ranks, so the ranks keep identical weights;
# * shards every data loader: each rank draws its half of every epoch's rows. The order is
#   R's: `shuffle = TRUE` draws a new permutation each epoch (the same on every rank, and
#   reproducible under `torch_manual_seed()`), rank 1 takes its positions 1, 3, 5, ...,
#   rank 2 the positions 2, 4, 6, ...;
# * reduces the metrics across ranks before logging them, so every rank records, reports and
#   decides (early stopping, learning rate schedules) from the values of the whole data;
# * lets only rank 1 print and write files: the messages, the checkpoints, `luz_save()`.
#
# Each rank here takes batches of 64 rows, so a step sees 128 rows in all: twice the batch
# of the single process, in half the steps. (To keep the global batch, give each rank
# `batch_size / 2`.) What the script itself prints, every rank prints: `--local-ranks-filter
# 0` shows rank 1's only.

# %% two processes tags=["random"]
two = run("-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
          "--local-ranks-filter", "0", os.path.join(here, "distributed_fit.py"))

# %% [markdown]
# One set of files, written by rank 1: a checkpoint per epoch and the saved model, which
# loads in a plain session (given the model's generator, as `luz_load()` always needs).

# %% one set of files tags=["random"]
list_files(os.path.join(two, "checkpoints"))          # R's list.files(): sorted

# %% loading the model
def initialize(self, d_in, d_hidden):
    self.fc1 = nn_linear(d_in, d_hidden)
    self.fc2 = nn_linear(d_hidden, 1)

def forward(self, x):
    return self.fc2(nnf_relu(self.fc1(x)))

net = nn_module("net", initialize = initialize, forward = forward)
fitted = luz_load(os.path.join(two, "fitted.pt"), module = net)
fitted.model

# %% [markdown]
# On several machines, run `torchrun` on each with `--nnodes`, `--node_rank` and the address
# of the first (`--master_addr`, `--master_port`), or a rendezvous endpoint; on GPUs, each
# process takes the GPU `cuda:<LOCAL_RANK>` and the backend is NCCL. `accelerator()` takes
# `distributed = FALSE` (stay on one process even under torchrun) or `TRUE` (fail when there
# is no process group), and `backend = "gloo"` to choose the backend.
#
# `predict()` returns every row, in the original order, on every rank; `evaluate()` gives
# the whole data's metrics on every rank. Outside `fit()`, `is_main_process()`, `rank()`
# (PyTorch's 0-based rank, as `torch.distributed` takes it), `world_size()` and `barrier()`
# from `rtorch.luz.distributed` let a script do something once (`if is_main_process(): ...`);
# `ctx.accelerator.rank` is the 1-based rank.

# %% [markdown]
# ## A custom loop
#
# rtorch's tensors and modules work with `torch.distributed` directly: `dist.all_reduce()`
# of an rtorch tensor, `DistributedDataParallel` of an `nn_module`. The data loader draws its
# share with the sampler luz uses, `DistributedSampler`.

# %% the custom loop
print(open("distributed_custom_loop.py").read())

# %% running it tags=["random"]
loop = run("-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
           "--local-ranks-filter", "0", os.path.join(here, "distributed_custom_loop.py"))

# %% [markdown]
# ## In this session
#
# Without torchrun's variables, nothing changes: the accelerator is the plain one.

# %% a plain accelerator tags=["varies"]
accelerator()
