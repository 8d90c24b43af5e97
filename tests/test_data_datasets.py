"""Datasets, samplers, named lists and collation (R torch's R/utils-data*.R)."""
from __future__ import annotations

import pickle

import numpy as np
import pytest
import torch

import rtorch
from rtorch import *  # noqa: F403
from rtorch.collate import default_collate, default_convert
from rtorch.named_list import NamedList


def values(x) -> list:
    return torch.as_tensor(x).tolist()


# ---- dataset() ----------------------------------------------------------------------------------

def _range_dataset(**extra):
    def initialize(self, n=10):
        self.n = n

    return dataset("range_ds", initialize=initialize, getitem=lambda self, i: i * 10,
                   length=lambda self: self.n, **extra)


def test_dataset_returns_a_generator():
    gen = _range_dataset()
    ds = gen(5)
    assert isinstance(ds, gen) and isinstance(ds, rtorch.Dataset)
    assert repr(gen).startswith("<dataset_generator>")
    assert length(ds) == 5 and len(ds) == 5
    assert ds[2] == 20 and ds[5] == 50
    assert list(ds) == [10, 20, 30, 40, 50]


def test_dataset_inherit_and_dotted_names():
    parent = _range_dataset()
    child = dataset("child", inherit=parent, getitem=lambda self, i: -i,
                    **{".getbatch": lambda self, i: list(i)})
    ds = child(3)
    assert isinstance(ds, parent)
    assert ds[2] == -2 and length(ds) == 3
    assert ds[c(1, 3)] == [1, 3]


def test_dataset_private_and_active_members():       # R test "private and active methods"
    def getitem(self, i):
        return self.pvt_method()

    ds = dataset("my_dataset", getitem=getitem, length=lambda self: self.actv_len,
                 private=dict(pvt_method=lambda self: seq(1, 10)),
                 active=dict(actv_len=lambda self: 10))()
    assert values(torch_tensor(ds[1])) == list(range(1, 11))
    assert length(ds) == 10


def test_dataset_class_form():
    class Squares(rtorch.Dataset):
        def initialize(self, n):
            self.x = torch_tensor(seq(1, n)) ** 2

        def getitem(self, i):
            return dict(x=self.x[i])

        def length(self):
            return self.x.size(1)

    ds = Squares(4)
    assert length(ds) == 4
    assert ds[3].x.item() == 9 and ds[3]["x"].item() == 9


def test_scalar_index_calls_getitem_with_an_int_and_vectors_call_getbatch():
    seen = []

    def getitem(self, i):
        seen.append(i)
        return i

    def getbatch(self, i):
        seen.append(i)
        return "batch"

    ds = dataset(getitem=getitem, getbatch=getbatch, length=lambda self: 100)()
    assert ds[3] == 3 and type(seen[-1]) is int
    assert ds[3.0] == 3
    assert ds[c(1, 5)] == "batch"
    assert is_integer(seen[-1]) and list(seen[-1]) == [1, 5]
    assert ds[[1, 2, 3, 4]] == "batch" and list(seen[-1]) == [1, 2, 3, 4]   # R: data()[list(1, 2, 3, 4)]
    assert ds[seq(2, 3)] == "batch"


def test_vector_index_without_getbatch_goes_to_getitem():     # R's `[.dataset`
    x = torch_randn(10, 3)
    ds = dataset(getitem=lambda self, i: x[i, :], length=lambda self: 10)()
    assert ds[c(2, 4)].shape == (2, 3)
    assert torch.equal(torch.as_tensor(ds[c(2, 4)]), torch.as_tensor(x)[[1, 3]])


def test_only_getbatch_serves_scalars_through_getbatch():
    ds = dataset(getbatch=lambda self, i: list(i), length=lambda self: 5)()
    assert ds[2] == [2]


def test_field_access_by_name():
    ds = _range_dataset()(7)
    assert ds["n"] == 7


def test_dataset_without_getitem_or_length():
    no_getitem = dataset("no_getitem", length=lambda self: 3)()
    with pytest.raises(NotImplementedError, match="no `getitem`"):
        no_getitem[1]
    no_length = dataset("no_length", getitem=lambda self, i: i)()
    with pytest.raises(TypeError, match="no `length`"):
        length(no_length)
    with pytest.raises(TypeError, match="no `length`"):
        len(no_length)
    assert no_length[4] == 4                      # no length: nothing to check against


@pytest.mark.parametrize("index", [0, 11, -11, c(1, 0), c(3, 12)])
def test_bad_indices(index):
    ds = _range_dataset()(10)
    with pytest.raises(IndexError, match="start at 1|out of bounds"):
        ds[index]


def test_index_zero_message():
    with pytest.raises(IndexError, match="start at 1"):
        _range_dataset()(10)[0]
    with pytest.raises(IndexError, match="index 11 is out of bounds for a dataset of length 10"):
        _range_dataset()(10)[11]


def test_named_items_come_back_as_named_lists():
    ds = dataset(getitem=lambda self, i: dict(x=torch_tensor(i), y=[dict(z=1)]),
                 length=lambda self: 3)()
    item = ds[2]
    assert isinstance(item, NamedList)
    assert item.x.item() == 2 and item["x"].item() == 2
    assert item.y[0].z == 1


def test_state_dict():
    def initialize(self):
        self.w = torch_tensor(c(1, 2))
        self.k = 3

    ds = dataset(initialize=initialize, getitem=lambda self, i: i, length=lambda self: 1)()
    assert list(ds.state_dict().keys()) == ["w"]
    with pytest.raises(NotImplementedError, match="refer_to_state_dict"):
        ds.load_state_dict(dict(w=torch_tensor(5)))
    ds.load_state_dict(dict(w=torch_tensor(5)), refer_to_state_dict=True)
    assert ds.w.item() == 5


# ---- tensor_dataset -----------------------------------------------------------------------------

def test_tensor_dataset_items_and_batches():       # R test "tensor dataset"
    x, y = torch_randn(1000, 10), torch_randn(1000)
    ds = tensor_dataset(x, y)
    assert isinstance(ds, rtorch.Dataset) and isinstance(ds, tensor_dataset)
    assert repr(length(ds)) == "[1] 1000" and len(ds) == 1000
    item = ds[3]
    assert type(item) is list and item[0].shape == (10,) and item[1].shape == ()
    assert torch.equal(item[0].torch, x.torch[2]) and item[1].item() == y.torch[2].item()
    sub = ds[seq(1, 2)]
    assert sub[0].shape == (2, 10) and sub[1].shape == (2,)
    one = ds[c(5)]                                 # getbatch keeps the batch dim (drop = FALSE)
    assert one[0].shape == (1, 10)
    assert torch.equal(ds.getitem(4)[0].torch, x.torch[3])


def test_tensor_dataset_named_and_edge_cases():
    x, y = torch_randn(6, 2), torch_randn(6)
    ds = tensor_dataset(x=x, y=y)
    item = ds[6]
    assert isinstance(item, NamedList) and list(item.keys()) == ["x", "y"]
    assert torch.equal(item.x.torch, x.torch[5])
    assert isinstance(ds.tensors, NamedList)
    with pytest.raises(ValueError, match="all tensors must have the same size"):
        tensor_dataset()
    with pytest.raises(ValueError, match="name every tensor or none"):
        tensor_dataset(x, y=y)
    plain = tensor_dataset(torch.arange(4), matrix(seq(1, 8), ncol=2))
    assert plain[2][0].item() == 1 and values(plain[2][1]) == [2, 6]


# ---- dataset_subset -----------------------------------------------------------------------------

def test_dataset_subset_follows_r():
    x = torch_randn(50, 10)
    ds = tensor_dataset(x, torch_randn(50))
    s = dataset_subset(ds, c(1, 3, 10))
    assert length(s) == 3
    # R: an item of a subset is ds[indices[i]], through the parent's getbatch
    for k, i in ((1, 1), (2, 3), (3, 10)):
        assert torch.equal(s[k][0].torch, ds[c(i)][0].torch)
        assert s[k][0].shape == (1, 10)
        assert torch.equal(s[k][0].torch[0], x.torch[i - 1])
    assert torch.equal(s[c(1, 3)][0].torch, x.torch[[0, 9]])
    assert repr(dataset_subset).startswith("<dataset_generator>")


def test_subset_without_getbatch():               # R test "subset without getbatch works"
    x = torch_randn(50)

    def getitem(self, i):
        if length(i) > 1:
            raise ValueError("Can only get a single item!")
        return self.x[i]

    def initialize(self, x):
        self.x = x

    ds = dataset("my_dataset", initialize=initialize, getitem=getitem,
                 length=lambda self: length(self.x))(x)
    sub = dataset_subset(ds, indices=seq(20, 30))
    assert sub[1].item() == ds[20].item()
    assert len([b for b in dataloader(sub, batch_size=10)]) == 2


def test_subset_with_getbatch():                   # R test "subset works with getbatch"
    x = torch_randn(50)

    def initialize(self, x):
        self.x = x

    ds = dataset(initialize=initialize, getbatch=lambda self, i: self.x[i],
                 length=lambda self: length(self.x))(x)
    sub = dataset_subset(ds, indices=seq(20, 30))
    assert torch.equal(ds[c(20, 21, 22)].torch, sub[c(1, 2, 3)].torch)
    assert len([b for b in dataloader(sub, batch_size=5)]) == 3


def test_subset_bad_indices():
    ds = tensor_dataset(torch_randn(5, 2))
    with pytest.raises(IndexError, match="start at 1"):
        dataset_subset(ds, c(0, 1))
    with pytest.raises(IndexError, match="out of bounds"):
        dataset_subset(ds, c(1, 6))
    with pytest.raises(IndexError, match="out of bounds"):
        dataset_subset(ds, c(1, 2))[3]


# ---- iterable_dataset ---------------------------------------------------------------------------

def _ids(with_length: bool = False, python_style: bool = False):
    def initialize(self, n=320):
        self.n = n

    def iter_r(self):                              # R's closure returning exhausted()
        state = dict(i=0)

        def next_value():
            state["i"] += 1
            return state["i"] if state["i"] <= self.n else exhausted()
        return next_value

    def iter_py(self):
        yield from range(1, self.n + 1)

    extra = dict(length=lambda self: self.n) if with_length else {}
    return iterable_dataset("ids", initialize=initialize,
                            iter=iter_py if python_style else iter_r, **extra)


@pytest.mark.parametrize("python_style", [False, True])
def test_iterable_dataset_items(python_style):
    ids = _ids(python_style=python_style)(5)
    assert list(ids) == [1, 2, 3, 4, 5]
    it = as_iterator(ids)
    assert it() == 1 and next(it) == 2
    assert is_na(length(ids))
    assert repr(_ids()).startswith("<iterable_dataset_generator>")


def test_iterable_dataset_in_a_dataloader():       # R test "can use dataloaders on iterable datasets"
    data = list(dataloader(_ids()(), batch_size=32))
    assert len(data) == 10 and data[9].shape == (32,) and data[0].dtype == torch_float()
    data = list(dataloader(_ids()(33), batch_size=32))
    assert len(data) == 2 and data[1].shape == (1,)
    dl = dataloader(_ids()(33), batch_size=32, drop_last=True)
    assert len(list(dl)) == 1
    assert is_na(length(dl))
    with pytest.raises(TypeError, match="unknown"):
        len(dl)
    assert [b.item() for b in dataloader(_ids()(3), batch_size=None)] == [1, 2, 3]


def test_iterable_dataset_with_length():
    ids = _ids(with_length=True)
    assert length(ids()) == 320
    assert length(dataloader(ids(), batch_size=32)) == 10
    assert length(dataloader(ids(33), batch_size=32)) == 2
    assert length(dataloader(ids(33), batch_size=32, drop_last=True)) == 1


def test_iterable_dataset_named_items():            # R test "a case that errors in luz"
    def initialize(self, n=100):
        self.n, self.x, self.y = n, torch_randn(n, 10), torch_randn(n, 1)

    def it(self):
        for i in range(1, self.n + 1):
            yield dict(x=self.x[i, ..., drop(True)], y=self.y[i, ...])

    data = list(dataloader(iterable_dataset("iterable_ds", initialize=initialize, iter=it)(),
                           batch_size=32))
    assert len(data) == 4 and data[0].x.shape == (32, 10) and data[3].y.shape == (4, 1)


def test_iterable_dataset_without_iter():
    with pytest.raises(NotImplementedError, match="no `iter`"):
        list(iterable_dataset("empty")())


# ---- samplers -----------------------------------------------------------------------------------

def test_builtin_samplers():
    ds = tensor_dataset(torch_randn(10, 2))
    assert list(rtorch.SequentialSampler(ds)) == list(range(1, 11))
    torch_manual_seed(3)
    perm = list(rtorch.RandomSampler(ds))
    torch_manual_seed(3)
    assert list(rtorch.RandomSampler(ds)) == perm and sorted(perm) == list(range(1, 11))
    with_repl = rtorch.RandomSampler(ds, replacement=True, num_samples=25)
    draws = list(with_repl)
    assert len(draws) == 25 == len(with_repl) and min(draws) >= 1 and max(draws) <= 10
    many = list(rtorch.RandomSampler(ds, num_samples=15))
    assert len(many) == 15 and sorted(many[:10]) == list(range(1, 11))
    batches = [b.tolist() for b in rtorch.BatchSampler(rtorch.SequentialSampler(ds), 4, False)]
    assert batches == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]
    assert len(rtorch.BatchSampler(rtorch.SequentialSampler(ds), 4, False)) == 3
    assert len(list(rtorch.BatchSampler(rtorch.SequentialSampler(ds), 4, True))) == 2 == \
        len(rtorch.BatchSampler(rtorch.SequentialSampler(ds), 4, True))
    assert length(rtorch.InfiniteSampler()) == float("inf")


def _every_other_sampler():
    def initialize(self, data_source):
        self.data_source = data_source

    def iter_(self):                               # R style: a function, then exhausted()
        state = dict(i=-1)

        def next_index():
            state["i"] += 2
            return state["i"] if state["i"] <= length(self.data_source) else exhausted()
        return next_index

    return sampler("every_other", initialize=initialize, iter=iter_,
                   length=lambda self: (length(self.data_source) + 1) // 2)


def test_custom_sampler_in_a_dataloader():
    x = torch_tensor(seq(1, 10))
    ds = tensor_dataset(x)
    s = _every_other_sampler()(ds)
    assert repr(type(s)).startswith("<torch_sampler>")
    assert list(s) == [1, 3, 5, 7, 9] and length(s) == 5
    batches = [values(b[0]) for b in dataloader(ds, batch_size=2, sampler=s)]
    assert batches == [[1, 3], [5, 7], [9]]


def test_custom_batch_sampler():
    def it(self):
        return iter([c(1, 2), c(10), seq(3, 5)])

    bs = sampler("batches", iter=it, length=lambda self: 3)()
    ds = tensor_dataset(torch_tensor(seq(1, 10)))
    dl = dataloader(ds, batch_sampler=bs)
    assert [values(b[0]) for b in dl] == [[1, 2], [10], [3, 4, 5]]
    assert length(dl) == 3


def test_sampler_without_iter():
    with pytest.raises(NotImplementedError, match="no `iter`"):
        list(sampler("nothing")())


# ---- named lists --------------------------------------------------------------------------------

def test_named_list():
    nl = NamedList(x=1, values=2)
    assert nl.x == 1 and nl["x"] == 1
    assert nl.values == 2                          # the element wins over dict.values
    nl.z = 3
    assert nl["z"] == 3
    with pytest.raises(AttributeError):
        nl.missing
    assert pickle.loads(pickle.dumps(nl)) == nl
    assert repr(NamedList(a=c(1, 2))) == "$a\n[1] 1 2\n"
    assert repr(NamedList()) == "named list()"


# ---- collation ----------------------------------------------------------------------------------

def test_collate_numbers_by_r_rules():
    batch = default_collate([dict(a=1, b=as_integer(2), c=True, d="u", e=np.int64(4),
                                  f=matrix(seq(1, 4), 2))] * 3)
    assert batch.a.dtype == torch_float() and values(batch.a) == [1.0] * 3
    assert batch.b.dtype == torch_long() and batch.e.dtype == torch_long()
    assert batch.c.dtype == torch_bool()
    assert list(batch.d) == ["u"] * 3
    assert batch.f.shape == (3, 2, 2) and batch.f.dtype == torch_long()


def test_collate_nested_lists_and_tuples():
    batch = default_collate([[torch_tensor(c(1, 2)), (3, torch_randn(2, 2))]] * 4)
    assert batch[0].shape == (4, 2)
    assert type(batch[1]) is tuple and batch[1][0].shape == (4,) and batch[1][1].shape == (4, 2, 2)


def test_collate_errors_name_the_field():
    items = [dict(x=torch_randn(2), y=1)] * 3 + [dict(x=torch_randn(3), y=1)]
    with pytest.raises(RuntimeError, match=r"`batch\$x`.*item 1 is \{2\}, item 4 is \{3\}"):
        default_collate(items)
    with pytest.raises(RuntimeError, match=r"`batch\[\[2\]\]`"):
        default_collate([[1, torch_randn(2)], [1, torch_randn(5)]])
    with pytest.raises(RuntimeError, match=r"`batch\$y`.*not every item"):
        default_collate([dict(x=1, y=2), dict(x=1)])
    with pytest.raises(ValueError, match="Can't collate data of class: 'function'"):
        default_collate([len, len])


def test_dataloader_reports_mismatched_shapes():
    ds = dataset(getitem=lambda self, i: dict(x=torch_randn(1 + (i == 3))),
                 length=lambda self: 4)()
    with pytest.raises(RuntimeError, match=r"`batch\$x`: items have different shapes"):
        list(dataloader(ds, batch_size=4))


def test_convert():
    out = default_convert(dict(a=matrix(0, 2, 3), b=[torch.ones(2)]))
    assert isinstance(out, NamedList) and out.a.shape == (2, 3) and type(out.b[0]) is Tensor
    with pytest.raises(ValueError, match="Can't convert data of class: 'character'"):
        default_convert("a")
    ds = dataset(getbatch=lambda self, i: "a", length=lambda self: 100)()
    with pytest.raises(ValueError, match="Can't convert data of class: 'character'"):
        dataloader_next(dataloader_make_iter(dataloader(ds, batch_size=10)))
