"""luz under torch.distributed: the same luz script (``luz_distributed_script.py``) run alone
and under ``torchrun --standalone --nproc_per_node 2`` on the CPU (gloo): each rank trains on a
disjoint half of every epoch, the ranks end with the weights of the single-process run with the
same global batch, metrics are reduced, one set of messages and files is written, ``predict()``
keeps the rows' order, auto-resume works; rtorch tensors and modules under torch.distributed
directly. The same script under NCCL when CUDA is there. Plus the sampler's rules, in process."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403
from rtorch.luz import LuzError
from rtorch.luz.distributed import DistributedSampler, is_main_process, rank, world_size

HERE = Path(__file__).parent
ROOT = HERE.parent
SCRIPT = HERE / "luz_distributed_script.py"
TORCHRUN = [sys.executable, "-m", "torch.distributed.run", "--standalone"]
ENV_VARS = ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT")


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    env.update(OMP_NUM_THREADS="1", PYTHONPATH=str(ROOT), RTORCH_INTERACTIVE="0", **extra)
    return env


def _run(args: list, timeout: float = 120, check: bool = True, **env: str):
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=_env(**env),
                          cwd=ROOT)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}")
    return done


def _script(out: Path, probe: Path, batch_size: int, nproc: int | None, *extra: str,
            check: bool = True, **env: str):
    out.mkdir(parents=True, exist_ok=True)
    probe.mkdir(parents=True, exist_ok=True)
    args = [str(SCRIPT), str(out), str(probe), str(batch_size), *extra]
    launcher = [sys.executable] if nproc is None else TORCHRUN + [f"--nproc_per_node={nproc}"]
    return _run(launcher + args, check=check, **env)


def _json(path: Path):
    with open(path) as f:
        return json.load(f)


def _flat(weights: list) -> np.ndarray:
    return np.concatenate([np.asarray(w, dtype=np.float64) for w in weights])


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The script alone (global batch 32) and under torchrun with 2 ranks (16 rows each)."""
    base = tmp_path_factory.mktemp("ddp")
    single = _script(base / "single", base / "single-probe", 32, None)
    ddp = _script(base / "ddp", base / "ddp-probe", 16, 2)
    return {"base": base, "single": single, "ddp": ddp,
            "one": _json(base / "single-probe" / "rank-0.json"),
            "ranks": [_json(base / "ddp-probe" / f"rank-{r}.json") for r in (0, 1)]}


def test_each_rank_trains_on_a_disjoint_half_of_every_epoch(runs):
    r0, r1 = runs["ranks"]
    everything = list(range(1, 193))
    for key in ("seen", "seen_shuffled"):
        assert sorted(r0[key]) == sorted(r1[key]) == ["1", "2", "3"]
        for epoch in ("1", "2", "3"):
            a, b = r0[key][epoch], r1[key][epoch]
            assert len(a) == len(b) == 96 and not set(a) & set(b)
            assert sorted(a + b) == everything
    for epoch in ("1", "2"):            # a PyTorch DataLoader, sharded by PyTorch's sampler
        a, b = r0["seen_torch"][epoch], r1["seen_torch"][epoch]
        assert len(a) == len(b) == 96 and sorted(a + b) == everything
    assert r0["seen_torch"]["1"] != r0["seen_torch"]["2"]
    # in order: rank 1 (1-based) takes positions 1, 3, 5, ... of 1:192
    assert r0["seen"]["1"] == list(range(1, 193, 2)) and r1["seen"]["1"] == list(range(2, 193, 2))
    # shuffle = TRUE: a new permutation every epoch
    shuffled = r0["seen_shuffled"]
    assert shuffled["1"] != shuffled["2"] != shuffled["3"]
    assert shuffled["1"] != sorted(shuffled["1"])


def test_ranks_end_with_the_weights_of_one_process_with_the_same_global_batch(runs):
    r0, r1 = runs["ranks"]
    assert np.array_equal(_flat(r0["weights"]), _flat(r1["weights"]))
    assert np.array_equal(_flat(r0["weights_shuffled"]), _flat(r1["weights_shuffled"]))
    np.testing.assert_allclose(_flat(r0["weights"]), _flat(runs["one"]["weights"]), atol=1e-5)


def test_reduced_metrics_fall_as_in_the_single_process_run(runs):
    one, (r0, r1) = runs["one"], runs["ranks"]
    assert r0["metrics"] == r1["metrics"]
    assert r0["metrics"]["metric"] == one["metrics"]["metric"] == ["loss", "mae", "rows"] * 6
    # a custom metric's additive field, summed across ranks: every row of the epoch
    assert [v for m, v in zip(r0["metrics"]["metric"], r0["metrics"]["value"]) if m == "rows"] == \
        [192, 192, 192, 50, 50, 50]
    np.testing.assert_allclose(r0["metrics"]["value"], one["metrics"]["value"], rtol=1e-5)
    frame = r0["metrics"]
    loss = [v for s, m, v in zip(frame["set"], frame["metric"], frame["value"])
            if s == "train" and m == "loss"]
    assert loss[0] > loss[1] > loss[2]


def test_one_set_of_messages_and_files(runs):
    ddp, single = runs["ddp"], runs["single"]
    out = ddp.stdout + ddp.stderr
    for epoch in (1, 2, 3):
        assert out.count(f"Epoch {epoch}/3") == 1
    assert out.count("Train metrics: Loss:") == 3 and out.count("Valid metrics: Loss:") == 3
    messages = [line for line in ddp.stderr.splitlines() if "metrics:" in line]
    assert messages == [line for line in single.stderr.splitlines() if "metrics:" in line]
    base = runs["base"]

    def files(folder):      # (tfevents files are named after the time they were made)
        return sorted(str(p.relative_to(folder).parent if "tfevents" in p.name else
                          p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    # ckpt/ with 3 files, log.csv, model.pt, logs/train and logs/valid with one file each
    assert files(base / "ddp") == files(base / "single") and len(files(base / "ddp")) == 7
    log = (base / "ddp" / "log.csv").read_text().splitlines()
    assert log[0] == '"epoch","set","loss","mae","rows"' and len(log) == 7
    model = torch.load(base / "ddp" / "model.pt", weights_only=True)["model"]
    saved = np.concatenate([v.reshape(-1).numpy() for v in model.values()])
    assert np.array_equal(saved.astype(np.float64), _flat(runs["ranks"][0]["weights"]))


def test_early_stopping_and_lr_schedules_decide_the_same_on_every_rank(runs):
    r0, r1 = runs["ranks"]
    assert 1 < r0["stopped_epochs"] == r1["stopped_epochs"] < 10
    assert r0["stopped_lr"] == r1["stopped_lr"] < 0.05


def test_predict_keeps_the_rows_order_and_evaluate_reduces(runs):
    for r in runs["ranks"]:
        assert r["predict_rows"] == 50 and r["predict_error"] < 1e-6
        assert r["torch_predict_error"] < 1e-6
        # stack = FALSE: the batches of the whole data, as one process would give them
        assert r["predict_batches"] == [7] * 7 + [1] and r["predict_batches_error"] == 0
        # 25 rows per rank in full batches of 5: the reduced values are the whole data's
        assert r["evaluate"]["loss"] == pytest.approx(r["evaluate_direct"]["loss"], rel=1e-5)
        assert r["evaluate"]["mae"] == pytest.approx(r["evaluate_direct"]["mae"], rel=1e-5)


def test_rtorch_tensors_and_modules_under_torch_distributed_directly(runs):
    r0, r1 = runs["ranks"]
    assert r0["world_size"] == 2 and r0["backend"] == "gloo"
    assert r0["all_reduce"] == r1["all_reduce"] == [3.0, 20.0]      # (1 + 2, 10 + 10)
    assert np.array_equal(_flat(r0["custom_loop_weights"]), _flat(r1["custom_loop_weights"]))


def test_auto_resume_under_torchrun_ends_with_the_uninterrupted_weights(runs, tmp_path):
    """The ranks fail at the end of epoch 2; torchrun again: they resume from the state rank 0
    saved after epoch 1 and end with the weights of the run that never failed."""
    out, probe = tmp_path / "out", tmp_path / "probe"
    failed = _script(out, probe, 16, 2, "resume", check=False, CRASH="1")
    assert failed.returncode != 0 and "a failure at epoch 2" in failed.stderr
    assert (out / "state.pt").exists()
    _script(out, probe, 16, 2, "resume")
    assert not (out / "state.pt").exists()
    resumed = [_json(probe / f"resume-{r}.json") for r in (0, 1)]
    assert all(r["epochs"] == 3 for r in resumed)
    assert np.array_equal(_flat(resumed[0]["weights"]), _flat(resumed[1]["weights"]))
    assert np.array_equal(_flat(resumed[0]["weights"]),
                          _flat(runs["ranks"][0]["weights_shuffled"]))


@pytest.mark.skipif(not torch.cuda.is_available(), reason="NCCL needs CUDA")
def test_the_same_script_runs_under_nccl_on_cuda(tmp_path):
    nproc = min(2, torch.cuda.device_count())
    _script(tmp_path / "out", tmp_path / "probe", 32 // nproc, nproc)
    ranks = [_json(tmp_path / "probe" / f"rank-{r}.json") for r in range(nproc)]
    assert all(r["backend"] == "nccl" and r["world_size"] == nproc for r in ranks)
    assert all(np.array_equal(_flat(r["weights"]), _flat(ranks[0]["weights"])) for r in ranks)
    assert ranks[0]["predict_rows"] == 50 and ranks[0]["predict_error"] < 1e-5


# -- in process: no process group ------------------------------------------------------------------

def test_a_plain_run_does_not_join_a_process_group(monkeypatch):
    for v in ENV_VARS:
        monkeypatch.delenv(v, raising=False)
    acc = accelerator()
    assert acc.distributed is False and acc.rank == 1 and acc.world_size == 1
    assert repr(acc) == f"<LuzAccelerator> device: {acc.device}"
    assert is_main_process() and rank() == 0 and world_size() == 1
    with pytest.raises(LuzError, match="start the script with torchrun"):
        accelerator(distributed = True)


def _sampler(n, w, r, **kwargs):
    return DistributedSampler(list(range(n)), w, r, **kwargs)


def test_sampler_shards_in_order_with_every_row_once_or_evenly():
    assert [list(_sampler(10, 3, r, even=False)) for r in range(3)] == \
        [[1, 4, 7, 10], [2, 5, 8], [3, 6, 9]]
    assert [len(_sampler(10, 3, r, even=False)) for r in range(3)] == [4, 3, 3]
    # even (training): padded with the first indices, as PyTorch's DistributedSampler does
    assert [list(_sampler(10, 3, r)) for r in range(3)] == [[1, 4, 7, 10], [2, 5, 8, 1],
                                                          [3, 6, 9, 2]]
    assert [list(_sampler(10, 3, r, drop_last=True)) for r in range(3)] == \
        [[1, 4, 7], [2, 5, 8], [3, 6, 9]]
    assert len(_sampler(10, 3, 2, drop_last=True)) == 3 and len(_sampler(10, 3, 2)) == 4
    with pytest.raises(ValueError, match="rank 4"):
        _sampler(10, 3, 3)


def test_sampler_shuffles_per_epoch_the_same_on_every_rank_and_reproducibly():
    a = [_sampler(12, 2, r, shuffle=True, seed=7) for r in (0, 1)]
    first = [list(s) for s in a]
    second = [list(s) for s in a]
    assert sorted(first[0] + first[1]) == list(range(1, 13))
    assert sorted(second[0] + second[1]) == list(range(1, 13))
    assert first != second
    again = _sampler(12, 2, 0, shuffle=True, seed=7)
    assert list(again) == first[0] and list(again) == second[0]
    perm = (torch.randperm(12, generator=torch.Generator().manual_seed(7)) + 1).tolist()
    assert first[0] == perm[0::2] and first[1] == perm[1::2]


def test_too_few_rows_for_the_ranks_is_an_error_in_rank_terms(monkeypatch):
    from rtorch.luz import distributed
    monkeypatch.setattr(distributed, "is_distributed", lambda: True)
    monkeypatch.setattr(distributed, "world_size", lambda: 4)
    dl = dataloader(tensor_dataset(torch_randn(3, 2)), batch_size = 2)
    with pytest.raises(LuzError, match="3 rows can't be shared by 4 processes"):
        distributed.shard_dataloader(dl, even=False)


def test_a_loader_is_unchanged_without_a_process_group():
    from rtorch.luz.distributed import shard_dataloader
    dl = dataloader(tensor_dataset(torch_randn(10, 2)), batch_size = 4)
    assert shard_dataloader(dl, even=True) is dl
