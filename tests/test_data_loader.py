"""dataloader(): batching, iteration protocols, workers (R torch's R/utils-data-dataloader.R)."""
from __future__ import annotations

import time

import numpy as np
import pytest
import torch
import torch.utils.data as tud

import rtorch
from rtorch import *  # noqa: F403
from rtorch.named_list import NamedList
from test_coverage import r_names
from tutorial import SEED, namespace, run_chunks


def values(x) -> list:
    return torch.as_tensor(x).tolist()


def test_every_data_loading_export_exists():
    names = r_names("torch-exports.txt")
    wanted = [n for n in names if n.startswith(("dataset", "dataloader", "sampler",
                                                "iterable_dataset", "tensor_dataset"))]
    wanted += ["is_dataloader", "as_iterator", "loop", "enumerate"]
    assert len(wanted) >= 12
    assert [n for n in wanted if not hasattr(rtorch, n)] == []
    assert "enumerate" not in rtorch.__all__            # never shadows Python's builtin


# ---- the seed's "加载数据" section: split 60/20/20 -----------------------------------------------

def test_seed_split_60_20_20():
    torch_manual_seed(1)
    ns = namespace()
    run_chunks(SEED, "数据准备", ns, since="数据准备")
    x, y, dl = ns["x"], ns["y"], ns["dl"]
    assert length(dl) == 10

    train_ids, valid_ids, test_ids = ns["train_ids"], ns["valid_ids"], ns["test_ids"]
    train_ds, valid_ds, test_ds = ns["train_ds"], ns["valid_ds"], ns["test_ds"]
    assert (length(train_ds), length(valid_ds), length(test_ds)) == (600, 200, 200)
    ids = np.concatenate([np.asarray(v) for v in (train_ids, valid_ids, test_ids)])
    assert sorted(ids.tolist()) == list(range(1, 1001))          # 1-based, disjoint, complete
    for k in (1, 17, 600):
        i = int(train_ids[k])
        item = train_ds[k]
        assert torch.equal(item[0].torch[0], x.torch[i - 1])
        assert torch.equal(item[1].torch[0], y.torch[i - 1])

    train_dl, valid_dl, test_dl = ns["train_dl"], ns["valid_dl"], ns["test_dl"]
    assert (length(train_dl), length(valid_dl), length(test_dl)) == (6, 2, 2)
    seen = torch.cat([b[0].torch for b in train_dl])
    assert seen.shape == (600, 3)
    want = x.torch[torch.as_tensor(np.asarray(train_ids)) - 1]
    assert torch.equal(seen[seen[:, 0].argsort()], want[want[:, 0].argsort()])
    first = next(iter(valid_dl))
    assert torch.equal(first[0].torch, x.torch[torch.as_tensor(np.asarray(valid_ids)[:100]) - 1])


# ---- iteration protocols ------------------------------------------------------------------------

def _loader(n=1000, batch_size=32, **kw):
    return dataloader(tensor_dataset(torch_randn(n, 100), torch_randn(n, 1)),
                      batch_size=batch_size, **kw)


def test_dataloader_length_and_next():             # R test "dataloader works"
    dl = _loader()
    assert length(dl) == 1000 // 32 + 1 and len(dl) == 32
    assert is_dataloader(dl) and not is_dataloader(tensor_dataset(torch_randn(2)))
    it = dl.iter()
    b = it.next()
    assert b[0].shape == (32, 100) and b[1].shape == (32, 1)
    it = dl.iter()
    for _ in range(32):
        it.next()
    assert is_exhausted(it.next())


def test_dataloader_make_iter_and_next():          # R test "dataloader iteration"
    dl = _loader(n=100)
    it = dataloader_make_iter(dl)
    count = 0
    while (batch := dataloader_next(it)) is not None:
        assert type(batch[0]) is Tensor
        count += 1
    assert count == 4
    assert dataloader_next(it, completed="done") == "done"
    assert len(list(dl)) == 4 and len(list(loop(dl))) == 4
    it = as_iterator(dl)
    assert it()[0].shape == (32, 100) and next(it)[0].shape == (32, 100)
    with pytest.warns(DeprecationWarning):
        assert [b[0].shape[0] for b in rtorch.enumerate(dl)] == [32, 32, 32, 4]
    assert list(rtorch.enumerate("ab")) == [(0, "a"), (1, "b")]


def test_dimensions_are_preserved():               # R test "dimensions are preserved"
    loader = dataloader(tensor_dataset(torch_rand(11, 3), torch_rand(11, 1)), batch_size=10,
                        shuffle=True)
    it = dataloader_make_iter(loader)
    x = dataloader_next(it)
    assert x[0].shape == (10, 3) and x[1].shape == (10, 1)
    x = dataloader_next(it)
    assert x[0].shape == (1, 3) and x[1].shape == (1, 1)


def test_sequential_batches_are_1_based_in_order():
    ds = dataset(getitem=lambda self, i: dict(x=torch_tensor(c(i, 2 * i)), y=as_integer(i)),
                 length=lambda self: 10)()
    batch = next(iter(dataloader(ds, batch_size=4)))
    assert isinstance(batch, NamedList) and list(batch.keys()) == ["x", "y"]
    assert values(batch.y) == [1, 2, 3, 4] and batch.y.dtype == torch_long()
    assert batch.x.shape == (4, 2) and batch["x"].dtype == torch_float()


def test_named_outputs_follow_r_number_rules():     # R test "named outputs"
    ds = dataset(getitem=lambda self, i: dict(x=i, y=2 * i), length=lambda self: 1000)()
    assert list(ds[1].keys()) == ["x", "y"]
    batch = dataloader_next(dataloader_make_iter(dataloader(ds, batch_size=4)))
    assert list(batch.keys()) == ["x", "y"] and values(batch.y) == [2.0, 4.0, 6.0, 8.0]
    assert batch.x.dtype == torch_float()           # a Python int is an R double


def test_items_that_are_not_tensors():             # R test "can have datasets that don't return tensors"
    ds = dataset(getitem=lambda self, i: [matrix(runif(10), ncol=10), as_integer(i), seq(1, 10)],
                 length=lambda self: 100)()
    for batch in dataloader(ds, batch_size=32, drop_last=True):
        assert batch[0].shape == (32, 1, 10) and batch[0].dtype == torch_float()
        assert batch[1].shape == (32,) and batch[1].dtype == torch_long()
        assert batch[2].shape == (32, 10) and batch[2].dtype == torch_long()


def test_shuffle_is_reproducible_and_changes_each_epoch():
    ds = tensor_dataset(torch_tensor(seq(1, 50)))
    dl = dataloader(ds, batch_size=10, shuffle=True)
    torch_manual_seed(7)
    first = [values(b[0]) for b in dl]
    second = [values(b[0]) for b in dl]
    torch_manual_seed(7)
    assert [values(b[0]) for b in dl] == first
    assert first != second
    assert sorted(sum(first, [])) == list(range(1, 51))


def test_drop_last_collate_fn_and_no_batching():
    ds = tensor_dataset(torch_tensor(seq(1, 10)))
    assert [len(b[0]) for b in dataloader(ds, batch_size=4, drop_last=True)] == [4, 4]
    assert length(dataloader(ds, batch_size=4, drop_last=True)) == 2
    sums = [s.item() for s in dataloader(ds, batch_size=5, collate_fn=lambda b: b[0].sum())]
    assert sums == [15, 40]
    items = dataset(getitem=lambda self, i: dict(v=i), length=lambda self: 3)()
    single = list(dataloader(items, batch_size=None))
    assert [b.v.shape for b in single] == [(1,)] * 3 and values(single[2].v) == [3.0]


def test_getbatch_is_used_for_whole_batches():     # R test "optional .getbatch method"
    calls = []

    def getbatch(self, index):
        calls.append(index)
        return [torch_randn(len(index), 10), torch_randn(len(index), 1)]

    dl = dataloader(dataset(getbatch=getbatch, length=lambda self: 100)(), batch_size=10)
    for x in dl:
        assert x[0].shape == (10, 10) and x[1].shape == (10, 1)
    assert len(calls) == 10 and is_integer(calls[0]) and list(calls[1]) == list(range(11, 21))


def test_getbatch_arrays_are_converted():          # R test "handle .getbatch that don't return a tensor"
    dl = dataloader(dataset(getbatch=lambda self, i: [array(0, dim=c(length(i), 10))],
                            length=lambda self: 100)(), batch_size=10)
    assert all(b[0].shape == (10, 10) for b in dl)


def test_missing_getitem_and_length_in_a_dataloader():
    with pytest.raises(NotImplementedError, match="no `getitem`"):
        list(dataloader(dataset("x", length=lambda self: 3)()))
    with pytest.raises(TypeError, match="no `length`"):
        list(dataloader(dataset("y", getitem=lambda self, i: i)()))
    with pytest.raises(TypeError, match="Unknown dataset type with class <list>"):
        dataloader([1, 2, 3])


def test_pytorch_datasets_are_read_0_based():
    t = torch.arange(10.0).reshape(5, 2)
    batch = next(iter(dataloader(tud.TensorDataset(t), batch_size=2)))
    assert type(batch) is tuple and torch.equal(batch[0].torch, t[:2])
    assert length(dataloader(tud.TensorDataset(t), batch_size=2)) == 3


# ---- worker processes ---------------------------------------------------------------------------

def _noisy_items():
    def getitem(self, i):
        return dict(i=as_integer(i), x=torch_randn(2), u=runif(1))

    return dataset("noisy", getitem=getitem, length=lambda self: 20)()


def test_workers_lose_no_batch_and_are_reproducible():
    ds = _noisy_items()
    dl = dataloader(ds, batch_size=3, shuffle=True, num_workers=2)
    torch_manual_seed(11)
    a = list(dl)
    torch_manual_seed(11)
    b = list(dl)
    assert [len(v.i) for v in a] == [3] * 6 + [2]
    assert sorted(sum((values(v.i) for v in a), [])) == list(range(1, 21))
    for p, q in zip(a, b):
        assert torch.equal(p.i.torch, q.i.torch) and torch.equal(p.x.torch, q.x.torch)
        assert torch.equal(p.u.torch, q.u.torch)
    assert isinstance(a[0], NamedList) and type(a[0].x) is Tensor


def test_workers_give_the_single_process_batches():
    ds = tensor_dataset(x=torch_randn(40, 3), y=torch_randn(40))
    one = list(dataloader(ds, batch_size=7))
    two = list(dataloader(ds, batch_size=7, num_workers=2))
    assert len(one) == len(two) == 6
    assert all(torch.equal(p.x.torch, q.x.torch) and torch.equal(p.y.torch, q.y.torch)
               for p, q in zip(one, two))


def test_worker_errors_reach_the_user():            # R test "dataloader catches errors on workers"
    def getitem(self, i):
        raise ValueError("the error id is 5567")

    dl = dataloader(dataset(getitem=getitem, length=lambda self: 20)(), batch_size=10,
                    num_workers=2)
    with pytest.raises(ValueError, match="5567"):
        dataloader_next(dataloader_make_iter(dl))


def test_worker_init_globals_and_packages():
    def getitem(self, i):
        import __main__
        import sys
        return dict(id=__main__.the_id, g=__main__.hello_fn(), pkg="colorsys" in sys.modules)

    def init(worker_id):
        import __main__
        __main__.the_id = worker_id * 2

    ds = dataset(getitem=getitem, length=lambda self: 20)()

    def hello_fn():                         # found by name through worker_globals
        return torch_ones(2)

    dl = dataloader(ds, batch_size=10, num_workers=2, worker_init_fn=init,
                    worker_globals="hello_fn", worker_packages="colorsys")
    batches = list(dl)
    assert [values(b.id) for b in batches] == [[2.0] * 10, [4.0] * 10]   # ids 1 and 2
    assert batches[0].g.shape == (10, 2) and values(batches[1].pkg) == [True] * 10
    with pytest.raises(RuntimeError, match="Could not find an object with name 'hello'."):
        dataloader(ds, num_workers=2, worker_globals=c("hello", "world"))


def test_worker_timeout():
    def getitem(self, i):
        time.sleep(0.3)
        return 1

    dl = dataloader(dataset(getitem=getitem, length=lambda self: 2)(), batch_size=1,
                    num_workers=1, timeout=100)
    with pytest.raises(RuntimeError, match="dataloader worker timed out."):
        dataloader_next(dataloader_make_iter(dl))


def test_iterable_datasets_refuse_workers_when_iteration_starts():
    ids = iterable_dataset("ids", iter=lambda self: iter(range(5)))()
    dl = dataloader(ids, batch_size=2, num_workers=2)
    with pytest.raises(NotImplementedError,
                       match="Multi-process dataloader not implemented yet for Iterable datasets."):
        dataloader_make_iter(dl)


def test_named_batches_read_by_name_and_by_position_like_lists():
    """R's ``batch[[1]]`` is ``batch[0]`` for named batches (``dataset()`` returning
    ``dict``) as for unnamed ones (``tensor_dataset()``, Python lists)."""
    x, y = torch_randn(6, 2), torch_randn(6)
    named = dataset(initialize = lambda self: None,
                    getitem = lambda self, i: dict(x = x[i, :], y = y[i]),
                    length = lambda self: 6)()
    b = dataloader_next(dataloader_make_iter(dataloader(named, batch_size = 4)))
    assert torch.equal(b[0].torch, x.torch[:4]) and torch.equal(b[1].torch, y.torch[:4])
    assert b[0] is b.x and b[-1] is b["y"]
    with pytest.raises(IndexError, match=r"position 2 is out of range .* R's \[\[1\]\] is \[0\]"):
        b[2]
    with pytest.raises(KeyError):
        b["z"]
    unnamed = dataloader_next(dataloader_make_iter(dataloader(tensor_dataset(x, y), batch_size = 4)))
    assert torch.equal(unnamed[0].torch, x.torch[:4])
