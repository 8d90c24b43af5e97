"""The custom training loop of the ``distributed`` vignette: rtorch tensors and modules with
``torch.distributed`` directly (``torchrun --nproc_per_node 2 distributed_custom_loop.py``)."""
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

from rtorch import *
from rtorch.luz.distributed import DistributedSampler

dist.init_process_group("gloo")
me = dist.get_rank() + 1                    # 1-based, as R counts
n_ranks = dist.get_world_size()

# an all-reduce of an rtorch tensor, in place
t = torch_tensor(c(me, 10))
dist.all_reduce(t)  # pyright: ignore[reportArgumentType]  (an rtorch tensor works where PyTorch wants one)
if me == 1:
    cat("all_reduce(c(rank, 10)) over", n_ranks, "ranks:", as_array(t), "\n")

# the same data on every rank; each rank draws its share of each epoch
torch_manual_seed(1)
x = torch_randn(1024, 8)
y = x.matmul(torch_randn(8, 1))
ds = tensor_dataset(x, y)
sampler = DistributedSampler(ds, n_ranks, me - 1, shuffle = True, seed = 42)
dl = dataloader(ds, batch_size = 32, sampler = sampler)

torch_manual_seed(me)                       # different weights on each rank at first ...
model = nn_linear(8, 1)
ddp = DistributedDataParallel(model)        # ... rank 1's once wrapped
opt = optim_sgd(model.parameters, lr = 0.05)

for epoch in seq_len(3):
    total = torch_zeros(1)
    for b in dl:
        input, target = b                   # R's c(input, target) %<-% b
        opt.zero_grad()
        loss = nnf_mse_loss(ddp(input), target)
        loss.backward()                     # gradients averaged across ranks
        opt.step()
        total = total + loss.detach()
    dist.all_reduce(total)  # pyright: ignore[reportArgumentType]
    if me == 1:
        cat("epoch", epoch, "mean loss:", round(total.item() / (n_ranks * length(dl)), 4), "\n")

# every rank ends with the same weights
w = model.weight.detach().clone()
first = w.clone()
dist.broadcast(first, src = 0)
if me == 1:
    cat("same weights on every rank:", as_array(torch_equal(w, first)), "\n")
dist.barrier()                              # every rank done before the group closes
dist.destroy_process_group()
