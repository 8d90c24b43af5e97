"""rtorch.convert: the one table of converters, and the keyword paths of mirrored calls.

Every kind a mirrored call uses gets a converter that must agree with the whole rule
(:func:`rtorch.convert.convert`) on every R value; keywords given to mirrored methods and
functions reach PyTorch converted as R torch converts them, and R's errors stay R's."""
from __future__ import annotations

import numpy as np
import pytest
import torch

import rtorch
from rtorch import as_integer, c, torch_tensor
from rtorch import convert as cv
from rtorch.formals import BindError
from rtorch.tensor import Tensor


def _values():
    t = torch.tensor([1, 2, 3])
    return [1, 2, -1, 0, 2.0, 2.5, -2.0, True, False, None, "float32", "cpu", 1 + 2j,
            np.int64(3), np.float64(2.0), np.array([2]), np.array([1, 2]), np.bool_(True),
            c(2, 3), c(2), as_integer(-1), as_integer(c(1, 2)), [1, 2], (1, 2), [],
            t, torch_tensor(c(1, 2)), torch_tensor(as_integer(c(1, 3))), [t, t],
            [torch_tensor(1), torch_tensor(2)], rtorch.torch_float(), rtorch.torch_device("cpu")]


def _same(a, b) -> bool:
    if isinstance(a, torch.Tensor) or isinstance(b, torch.Tensor):
        return (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)
                and a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b))
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return (type(a) is type(b) and len(a) == len(b)
                and all(_same(x, y) for x, y in zip(a, b)))
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if hasattr(a, "__array__") and not isinstance(a, (int, float, complex, bool)):
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    return bool(a == b)


def _outcome(f, v):
    try:
        return "ok", f(v)
    except Exception as e:  # noqa: BLE001  (the outcome compared is the error itself)
        return "error", (type(e), str(e))


def test_every_kind_in_use_has_a_converter_that_agrees_with_the_rule():
    kinds = sorted(cv._CONVERTERS)
    assert len(kinds) >= 10                  # built for every mirrored call at import
    assert {cv.DIM, cv.TENSOR, cv.NUMBER} & set(kinds)
    checked = 0
    for k in kinds:
        f = cv.converter(k)
        assert cv.converter(k) is f          # one per kind, shared
        for v in _values():
            a, b = _outcome(f, v), _outcome(lambda x: cv.convert(x, k), v)
            assert a[0] == b[0], (k, v, a, b)
            assert _same(a[1], b[1]) if a[0] == "ok" else a[1] == b[1], (k, v, a, b)
            checked += 1
    print(f"\n{len(kinds)} kinds x {len(_values())} values: {checked} conversions agree")


def test_what_each_kind_does_to_an_r_value():
    assert cv.convert(1, cv.DIM) == 0 and cv.convert(-1, cv.DIM) == -1
    assert cv.convert(c(1, 2), cv.DIM) == (0, 1)
    assert cv.convert(2.0, cv.DIM | cv.INT) == 1
    with pytest.raises(IndexError, match="starts at 1"):
        cv.convert(0, cv.DIM)
    assert cv.convert(2, cv.NUMBER) == 2.0 and type(cv.convert(2, cv.NUMBER)) is float
    assert cv.convert(False, cv.INT) == 0 and type(cv.convert(True, cv.INT)) is int
    assert cv.convert(1, cv.INTLIST | cv.SIZE) == (1,)
    assert cv.convert(c(2, 3), cv.SIZE) == (2, 3)
    assert cv.convert(as_integer(-1), cv.INT) == -1
    assert torch.equal(cv.convert(torch.tensor([1, 3]), cv.INDEX), torch.tensor([0, 2]))
    t = cv.convert(3, cv.TENSOR)
    assert t.dtype == torch.float32 and t.tolist() == [3.0]
    assert cv.convert("float64", cv.DTYPE) is torch.float64
    assert cv.convert(rtorch.torch_long(), cv.DTYPE | cv.TENSOR) is torch.int64
    x = torch_tensor(c(1, 2))
    assert cv.convert(x, cv.TENSOR) is x.torch
    assert cv.unwrap([x, {"a": x}]) == [x.torch, {"a": x.torch}]


def test_the_kind_rule_reads_names_and_stub_types():
    assert cv.kind_of("dim", "_int") & cv.DIM
    assert cv.kind_of("other", "Tensor") == cv.TENSOR
    assert cv.kind_of("alpha", "Union[Number, _complex]") & cv.NUMBER
    assert cv.kind_of("diagonal", "_int") & cv.INT
    assert cv.kind_of("dims", "_size") & (cv.DIM | cv.INTLIST) == cv.DIM | cv.INTLIST
    assert cv.kind_of("index", "Tensor") & cv.INDEX
    assert cv.kind_of("dtype", "Optional[_dtype]") & cv.DTYPE
    assert cv.settled(cv.kind_of("dims", "Union[_int, _size]")) & cv.INTLIST == 0


M = torch.tensor([[1.0, 2.0], [3.0, 4.0]])


@pytest.mark.parametrize("call, expected", [
    (lambda x: x.sum(dim=1), lambda: M.sum(0)),
    (lambda x: x.sum(dim=-1), lambda: M.sum(-1)),
    (lambda x: x.sum(dim=as_integer(2)), lambda: M.sum(1)),
    (lambda x: x.sum(dim=c(1, 2)), lambda: M.sum((0, 1))),
    (lambda x: x.add(x, alpha=2), lambda: M.add(M, alpha=2)),
    (lambda x: x.add(other=x, alpha=c(0.5)), lambda: M.add(M, alpha=0.5)),
    (lambda x: x.mean(dim=2, keepdim=True), lambda: M.mean(1, keepdim=True)),
    (lambda x: x.unsqueeze(dim=1), lambda: M.unsqueeze(0)),
    (lambda x: x.transpose(dim0=1, dim1=2), lambda: M.t()),
    (lambda x: x.min(other=2.5), lambda: M.clamp(max=2.5)),
    (lambda x: x.cumsum(dim=as_integer(-1)), lambda: M.cumsum(-1)),
    (lambda x: x.tril(diagonal=False), lambda: M.tril(0)),
    (lambda x: rtorch.torch_sum(x, dim=2), lambda: M.sum(1)),
    (lambda x: rtorch.torch_flip(x, dims=1), lambda: M.flip(0)),
    (lambda x: rtorch.torch_max(x, other=0), lambda: M.clamp(min=0)),
    (lambda x: rtorch.torch_cat([x, x], dim=2), lambda: torch.cat([M, M], 1)),
    (lambda x: rtorch.torch_softmax(x, dim=1), lambda: M.softmax(0)),
])
def test_keywords_reach_pytorch_converted(call, expected):
    r = call(torch_tensor(M))
    assert type(r) is Tensor
    assert torch.allclose(r.torch, expected())


def test_integer_tensors_refuse_rs_double_alpha_as_r_torch_does():
    i = torch_tensor(as_integer(c(1, 2)))
    with pytest.raises(Exception, match="alpha must not be a floating point"):
        i.add(i, alpha=2)


def test_keyword_errors_stay_rs():
    x = torch_tensor(M)
    with pytest.raises(BindError, match=r"unused argument \(foo = 1\)"):
        x.sum(foo=1)
    with pytest.raises(BindError, match=r"unused argument \(alph = 2\)"):
        x.add(x, alph=2)
    with pytest.raises(BindError, match="`axis`.*counted from 1"):
        x.sum(axis=1)
    with pytest.raises(BindError, match="`axis`"):
        rtorch.torch_sum(x, axis=1)
    with pytest.raises(IndexError, match="starts at 1"):
        x.sum(dim=0)
    with pytest.raises(IndexError, match="starts at 1"):
        rtorch.torch_sum(x, dim=0)
    with pytest.raises(TypeError):
        x.sum(dim="a")
    with pytest.raises(BindError, match="matched by multiple"):
        rtorch.torch_sum(self=x, input=x)


def test_keywords_bound_by_r_order_still_rebind():
    x = torch_tensor(M)
    # R's x$add(other, alpha): alpha by position after other, then named other first
    assert torch.equal(x.add(2, other=x).torch, M.add(M, alpha=2))
    assert torch.equal(rtorch.torch_sum(dim=1, self=x).torch, M.sum(0))
    stage = rtorch.torch_sum(dim=1)                 # the data missing: a pipe stage
    assert torch.equal((x >> stage).torch, M.sum(0))


def test_more_positional_arguments_than_the_kinds_table_holds():
    # the per-position kinds are padded to 32 with ``*args``' kind; a 35th size is a size too
    assert len(rtorch.torch_randn(*([1] * 35)).shape) == len(torch.randn(*([1] * 35)).shape) == 35
    assert rtorch.torch_zeros(*([1] * 33), 2).torch.shape == torch.zeros(*([1] * 33), 2).shape
