"""TorchScript through rtorch: traced functions and modules take and return rtorch tensors."""
from __future__ import annotations

import torch

from rtorch import (c, jit_compile, jit_load, jit_save, jit_scalar, jit_serialize, jit_trace,
                    jit_trace_module, jit_tuple, jit_unserialize, torch_randn, torch_tensor, Tensor)


def test_trace_an_r_function(tmp_path):
    def f(x):
        return (x * 2).sum(dim=1)            # 1-based dim, recorded as PyTorch's dim 0

    x = torch_randn(3, 2)
    traced = jit_trace(f, x)
    y = torch_randn(3, 2)
    out = traced(y)
    assert isinstance(out, Tensor) and torch.allclose(out.torch, (y.torch * 2).sum(dim=0))
    path = tmp_path / "f.pt"
    jit_save(traced, path)
    assert torch.allclose(jit_load(path)(y).torch, out.torch)
    assert torch.allclose(jit_unserialize(jit_serialize(traced))(y).torch, out.torch)


def test_trace_module_and_compile():
    lin = torch.nn.Linear(2, 1)
    traced = jit_trace_module(lin, forward=[torch_randn(4, 2)])
    x = torch_randn(5, 2)
    assert torch.allclose(traced(x).torch, lin(x.torch))
    cu = jit_compile("def twice(x):\n    return x * 2\n")
    assert cu.twice(torch_tensor(c(1, 2))).torch.tolist() == [2.0, 4.0]
    assert jit_scalar(torch_tensor(3)) == 3.0 and jit_tuple([1, 2]) == (1, 2)
