"""Speed-up of an unchanged luz script trained data-parallel under ``torchrun``.

The model is CPU-bound: an MLP (``d_in`` → ``hidden`` → ``hidden`` → 1, ReLU, MSE loss, SGD)
on ``N`` generated rows, trained for ``EPOCHS`` epochs in shuffled mini-batches. The same
``fit()`` call runs

* in **1 process** (batch size ``BATCH``),
* under ``torchrun --nproc_per_node 1`` (what joining a process group and DDP cost), and
* under ``torchrun --standalone --nproc_per_node P`` (each rank ``BATCH / P`` rows: the same
  global batch, so the same number of optimizer steps), luz sharding the data and
  DistributedDataParallel averaging the gradients (gloo on the CPU, NCCL on CUDA).

Each process uses one thread (``OMP_NUM_THREADS=1``): on ``P`` cores, the ideal speed-up is
``P``. Reported: seconds per ``fit()`` (best of ``REPEATS`` in each of ``ROUNDS`` launches, the
three cases launched in turn, measured inside the processes, so start-up and joining the
process group are not counted) and the speed-up. With CUDA, each
rank uses its own GPU (``LOCAL_RANK``) and the data is larger.

Run: python bench/bench_distributed.py [--nproc 2]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_VARS = ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT")
ROUNDS = 2


def sizes(cuda: bool) -> dict:
    if cuda:
        return dict(N=131072, D_IN=256, HIDDEN=2048, BATCH=1024, EPOCHS=3, REPEATS=3)
    return dict(N=8192, D_IN=64, HIDDEN=512, BATCH=256, EPOCHS=2, REPEATS=3)


def worker(out: str) -> None:
    """One process of a run (alone or a torchrun rank): fit() timed, rank 0 writes the times."""
    import torch
    from rtorch import (nn_linear, nn_module, nn_mse_loss, nn_relu, nn_sequential, optim_sgd,
                        torch_manual_seed, torch_randn)
    from rtorch.luz import fit, set_hparams, set_opt_hparams, setup
    from rtorch.luz.distributed import barrier, is_main_process, world_size

    torch.set_num_threads(1)
    s = sizes(torch.cuda.is_available())
    torch_manual_seed(1)
    x, y = torch_randn(s["N"], s["D_IN"]), torch_randn(s["N"], 1)

    def init(self, d_in, hidden):
        self.net = nn_sequential(nn_linear(d_in, hidden), nn_relu(), nn_linear(hidden, hidden),
                                 nn_relu(), nn_linear(hidden, 1))

    net = nn_module("mlp", initialize=init, forward=lambda self, x: self.net(x))
    model = (net >> setup(loss=nn_mse_loss(), optimizer=optim_sgd)
             >> set_hparams(d_in=s["D_IN"], hidden=s["HIDDEN"]) >> set_opt_hparams(lr=0.01))
    procs = int(os.environ.get("WORLD_SIZE", "1"))
    options = dict(batch_size=s["BATCH"] // procs)
    times = []
    for _ in range(s["REPEATS"] + 1):                   # the first is a warm-up
        barrier()
        start = time.perf_counter()
        fitted = fit(model, [x, y], epochs=s["EPOCHS"], verbose=False,
                     dataloader_options=options)
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        barrier()
        times.append(time.perf_counter() - start)
    if is_main_process():
        loss = float(fitted.records["metrics"]["train"][-1]["loss"])
        with open(out, "w") as f:
            json.dump({"times": times[1:], "world_size": world_size(), "loss": loss}, f)


def _run(nproc: int | None, out: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    env.update(OMP_NUM_THREADS="1", PYTHONPATH=str(ROOT), RTORCH_INTERACTIVE="0")
    args = [__file__, "--worker", str(out)]
    launcher = ([sys.executable] if nproc is None else
                [sys.executable, "-m", "torch.distributed.run", "--standalone",
                 f"--nproc_per_node={nproc}"])
    subprocess.run(launcher + args, check=True, env=env, cwd=ROOT)
    with open(out) as f:
        return json.load(f)


def main() -> None:
    import tempfile

    import torch
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nproc", type=int, default=2)
    parser.add_argument("--worker", metavar="OUT")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    cuda = torch.cuda.is_available()
    s = sizes(cuda)
    cases = {"one": None, "ddp_one": 1, "many": args.nproc}
    results: dict[str, list] = {k: [] for k in cases}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(ROUNDS):             # in turn, so that a busy moment hits every case
            for name, nproc in cases.items():
                results[name].append(_run(nproc, Path(tmp) / f"{name}.json"))
    one, ddp_one, many = (results[k][0] for k in cases)
    t1, td, tn = (min(t for r in results[k] for t in r["times"]) for k in cases)
    where = f"CUDA ({torch.cuda.get_device_name(0)}), NCCL" if cuda else \
        f"CPU ({os.cpu_count()} cores), gloo, 1 thread per process"
    print(f"luz fit(): MLP {s['D_IN']}-{s['HIDDEN']}-{s['HIDDEN']}-1, {s['N']} rows, global batch "
          f"{s['BATCH']}, {s['EPOCHS']} epochs; {where}; best of {s['REPEATS']} x {ROUNDS}\n")
    print("| processes | s per fit | speed-up | final train loss |")
    print("|---:|---:|---:|---:|")
    print(f"| 1 | {t1:.3f} | 1.00 | {one['loss']:.4f} |")
    print(f"| 1 (torchrun) | {td:.3f} | {t1 / td:.2f} | {ddp_one['loss']:.4f} |")
    print(f"| {many['world_size']} | {tn:.3f} | {t1 / tn:.2f} | {many['loss']:.4f} |")


if __name__ == "__main__":
    main()
