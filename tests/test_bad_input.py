"""A corpus of wrong calls a porting user makes (tensors, indexing, nn, data, luz, vision).

Each call must either raise an error whose message says what is wrong in the user's terms
(the argument's name, 1-based positions and dims, the fix) or give R's result (checked against
R torch's documented value or the same computation in plain 0-based PyTorch). Zero silent
wrong answers. ``test_corpus_counts`` prints how many calls each category holds and how many
end in an error or in R's answer."""
from __future__ import annotations

import collections
import re
import warnings
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pandas as pd
import pytest
import torch

from rtorch import (NA, NA_real_, matrix, nn_relu, nnf_pad, seq, torch_argsort, torch_cumsum, torch_flatten,
                    torch_sort, BatchSampler, NA_integer_, RandomSampler, SequentialSampler, as_integer,
                    c, dataloader, dataloader_make_iter, dataloader_next, dataset,
                    dataset_subset, iterable_dataset, nn_batch_norm1d, nn_conv2d,
                    nn_cross_entropy_loss, nn_dropout, nn_embedding, nn_linear, nn_lstm,
                    nn_module, nn_mse_loss, nn_sequential, nn_softmax, nnf_binary_cross_entropy,
                    nnf_cross_entropy, nnf_log_softmax, nnf_max_pool2d, nnf_mse_loss,
                    nnf_nll_loss, nnf_one_hot, nnf_softmax, optim_adam, optim_sgd,
                    tensor_dataset, torch_arange, torch_cat, torch_chunk, torch_float,
                    torch_gather, torch_int, torch_linspace, torch_long, torch_manual_seed,
                    torch_matmul, torch_narrow, torch_ones, torch_randn, torch_scalar_tensor,
                    torch_split, torch_stack, torch_sum, torch_tensor, torch_uint8, torch_zeros)
from rtorch.luz import (ctx, evaluate, fit, get_metrics, luz_callback_early_stopping, plot,
                        predict, set_hparams, set_opt_hparams, setup)


# -- the corpus ---------------------------------------------------------------------------------

@dataclass
class Case:
    category: str
    label: str
    call: Callable[[], Any]
    error: type[BaseException] | None = None      # the error expected ...
    message: str | None = None                    # ... and a regex its message must match
    check: Callable[[Any], bool] | None = None    # or: R's result, checked


CASES: list[Case] = []


def err(category: str, label: str, call: Callable[[], Any], error: type[BaseException],
        message: str) -> None:
    CASES.append(Case(category, label, call, error, message))


def ok(category: str, label: str, call: Callable[[], Any], check: Callable[[Any], bool]) -> None:
    CASES.append(Case(category, label, call, check=check))


def same(a: Any, b: Any) -> bool:
    """Tensors equal in dtype, shape and values (NaN equal to NaN)."""
    ta = a.torch if hasattr(a, "torch") else a
    return ta.dtype == b.dtype and ta.shape == b.shape and bool(
        torch.equal(ta, b) if not ta.dtype.is_floating_point else
        torch.allclose(ta, b, equal_nan=True))


def m34() -> Any:
    """A 3x4 tensor 1..12 by row."""
    return torch_tensor(np.arange(1.0, 13.0).reshape(3, 4))


def L(*v: int) -> Any:
    return torch_tensor(np.array(v, dtype=np.int64))


# ---- tensors ----------------------------------------------------------------------------------
T = "tensors"
ok(T, "torch_tensor(as_integer(c(1, NA))): R's NA integer", lambda: torch_tensor(as_integer(c(1, NA))),
   lambda r: same(r, torch.tensor([1, -2147483648])))
ok(T, "torch_tensor(NA_integer_)", lambda: torch_tensor(NA_integer_),
   lambda r: same(r, torch.tensor([-2147483648])))
ok(T, "torch_tensor(c(1, NA)): NaN", lambda: torch_tensor(c(1, NA)),
   lambda r: same(r, torch.tensor([1.0, float("nan")])))
ok(T, "pandas nullable boolean NA is TRUE", lambda: torch_tensor(pd.array([True, None], dtype="boolean")),
   lambda r: same(r, torch.tensor([True, True])))
ok(T, "pandas nullable Int64 NA", lambda: torch_tensor(pd.Series([1, None], dtype="Int64")),
   lambda r: same(r, torch.tensor([1, -2147483648])))
ok(T, "pandas factor column: codes", lambda: torch_tensor(pd.Series(["b", "a", "b"], dtype="category")),
   lambda r: same(r, torch.tensor([2, 1, 2])))
err(T, "torch_tensor(1e10, dtype = torch_int())", lambda: torch_tensor(1e10, dtype=torch_int()),
    ValueError, r"value 1e\+10 in `data` is out of range for dtype Int")
err(T, "torch_tensor(c(1e10, 1), dtype = torch_int())", lambda: torch_tensor(c(1e10, 1), dtype=torch_int()),
    ValueError, r"1e\+10 .* out of range for dtype Int")
err(T, "torch_tensor(300, dtype = torch_uint8())", lambda: torch_tensor(300, dtype=torch_uint8()),
    ValueError, r"value 300 .* out of range for dtype Byte \(0 to 255\)")
err(T, "torch_tensor(-1, dtype = torch_uint8())", lambda: torch_tensor(-1, dtype=torch_uint8()),
    ValueError, r"value -1 .* out of range for dtype Byte")
err(T, "torch_tensor(1e30, dtype = torch_long())", lambda: torch_tensor(1e30, dtype=torch_long()),
    ValueError, r"1e\+30 .* out of range for dtype Long")
err(T, "torch_tensor(c(1, NA), dtype = torch_long())", lambda: torch_tensor(c(1, NA), dtype=torch_long()),
    ValueError, r"`data` has NA/NaN, which a Long tensor cannot hold")
err(T, "int tensor to Int with overflow", lambda: torch_tensor(torch.tensor([2**40]), dtype=torch_int()) if False
    else torch_tensor(torch_tensor(c(2**40)), dtype=torch_int()),
    ValueError, r"out of range for dtype Int")
ok(T, "torch_tensor(c(1.7, -2.2), dtype = torch_long()) truncates", lambda: torch_tensor(c(1.7, -2.2), dtype=torch_long()),
   lambda r: same(r, torch.tensor([1, -2])))
ok(T, "torch_tensor(2147483647, dtype = torch_int()) fits", lambda: torch_tensor(2147483647, dtype=torch_int()),
   lambda r: same(r, torch.tensor([2147483647], dtype=torch.int32)))
err(T, "torch_tensor(list(c(1, 2), 3)) ragged", lambda: torch_tensor([c(1, 2), c(3)]),
    ValueError, r"different lengths \(element 1 has 2, element 2 has 1\)")
err(T, "torch_tensor(list(list(1, 2), list(3))) ragged", lambda: torch_tensor([[1, 2], [3]]),
    ValueError, r"element 1 has 2, element 2 has 1")
err(T, "data frame with a character column", lambda: torch_tensor(pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]})),
    TypeError, r"column 2 \(`b`\) of `data` holds text")
err(T, "data frame with an object column", lambda: torch_tensor(pd.DataFrame({"a": [1, 2], "b": pd.Series(["x", None], dtype=object)})),
    TypeError, r"column 2 \(`b`\)")
err(T, "character series", lambda: torch_tensor(pd.Series(["1", "2"])),
    TypeError, r"`data` holds text .* as_numeric\(\)")
err(T, "string-dtype series", lambda: torch_tensor(pd.Series(["x"], dtype="string")),
    TypeError, r"`data` holds text")
ok(T, "numeric data frame: R's as.matrix", lambda: torch_tensor(pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})),
   lambda r: same(r, torch.tensor([[1.0, 3.0], [2.0, 4.0]])))
err(T, "torch_tensor('a')", lambda: torch_tensor("a"), TypeError, r"R type not handled|character|text")
err(T, "dtype misspelled", lambda: torch_tensor(c(1, 2), dtype="flaot"), (ValueError, TypeError), r"flaot")
err(T, "device misspelled", lambda: torch_tensor(1, device="cdua"), (ValueError, RuntimeError, TypeError), r"cdua")
err(T, "torch_zeros(-1)", lambda: torch_zeros(-1), RuntimeError, r"Dimension size must be non-negative")
err(T, "torch_zeros(2.5)", lambda: torch_zeros(2.5), TypeError, r"whole number, got 2.5")
err(T, "torch_arange(1, 10, step = 0)", lambda: torch_arange(1, 10, step=0), RuntimeError, r"step must be nonzero")
err(T, "torch_linspace(0, 1, steps = -1)", lambda: torch_linspace(0, 1, steps=-1), RuntimeError, r"number of steps must be non-negative")
err(T, "torch_cat sizes differ", lambda: torch_cat([torch_ones(2, 3), torch_ones(2, 4)], dim=1),
    RuntimeError, r"Sizes of tensors must match except in dimension 1\b.*size 3 but got size 4 for tensor number 2")
err(T, "torch_cat(dim = 0)", lambda: torch_cat([torch_ones(2), torch_ones(2)], dim=0), (IndexError, ValueError), r"found a 0|1-based|starts at 1")
err(T, "torch_cat(dim = 3) of 1-d", lambda: torch_cat([torch_ones(2), torch_ones(2)], dim=3), IndexError,
    r"Dimension out of range \(expected to be in range of \[-1, 1\], but got 3\)")
err(T, "torch_stack of different sizes", lambda: torch_stack([torch_ones(2), torch_ones(3)]), RuntimeError,
    r"but got \[2\] at entry 1 and \[3\] at entry 2")
err(T, "x$sum(axis = 1)", lambda: m34().sum(axis=1), TypeError, r"`axis`: R torch's argument is `dim`, counted from 1 .* write `dim = 2`")
err(T, "torch_sum(x, axis = 0)", lambda: torch_sum(m34(), axis=0), TypeError, r"write `dim = 1`")
err(T, "x$argmax(axis = 1)", lambda: m34().argmax(axis=1), TypeError, r"`axis`")
ok(T, "x$sum(dim = 2)", lambda: m34().sum(dim=2), lambda r: same(r, torch.tensor([10.0, 26.0, 42.0])))
err(T, "x$mean(dim = 0)", lambda: m34().mean(dim=0), (IndexError, ValueError), r"1-based|found a 0|starts at 1")
err(T, "x$mean(dim = 3) of 2-d", lambda: m34().mean(dim=3), IndexError, r"range of \[-2, 2\], but got 3")
err(T, "x$view(c(4, 4)) of 12 values", lambda: m34().view(c(4, 4)), RuntimeError, r"shape '\[4, 4\]' is invalid for input of size 12")
err(T, "x$reshape(c(-1, 5))", lambda: m34().reshape(c(-1, 5)), RuntimeError, r"invalid for input of size 12")
err(T, "broadcast mismatch", lambda: m34() + torch_ones(3, 3), RuntimeError, r"at non-singleton dimension 2")
err(T, "torch_matmul shapes", lambda: torch_matmul(m34(), m34()), RuntimeError, r"3x4 and 3x4")
err(T, "x$transpose(0, 1)", lambda: m34().transpose(0, 1), (IndexError, ValueError), r"1-based|found a 0|starts at 1")
err(T, "x$transpose(1, 3)", lambda: m34().transpose(1, 3), IndexError, r"but got 3")
err(T, "x$permute(c(1, 1))", lambda: m34().permute(c(1, 1)), RuntimeError, r"permute\(\): duplicate dims are not allowed")
err(T, "x$squeeze(dim = 0)", lambda: m34().squeeze(dim=0), (IndexError, ValueError), r"1-based|found a 0|starts at 1")
err(T, "x$unsqueeze(0)", lambda: m34().unsqueeze(0), (IndexError, ValueError), r"1-based|found a 0|starts at 1")
ok(T, "x$argmax(dim = 2) is 1-based", lambda: m34().argmax(dim=2), lambda r: same(r, torch.tensor([4, 4, 4])))
ok(T, "x$max(dim = 1) indices 1-based", lambda: m34().max(dim=1)[1], lambda r: same(r, torch.tensor([3, 3, 3, 3])))
err(T, "torch_narrow(start = 0)", lambda: torch_narrow(m34(), 1, 0, 1), (IndexError, ValueError), r"1-based|found a 0|starts at 1|start")
err(T, "torch_gather with a 0 index", lambda: torch_gather(m34(), 2, L(0, 1, 1).view(c(3, 1))), IndexError, r"starts at 1 but found a 0")
err(T, "x$index_select(1, 0)", lambda: m34().index_select(1, L(0)), IndexError, r"starts at 1 but found a 0")
err(T, "x$index_select(1, 4) of 3 rows", lambda: m34().index_select(1, L(4)), (IndexError, RuntimeError), r"index 4|out of range")
ok(T, "x$size(1)", lambda: m34().size(1), lambda r: r == 3)
ok(T, "x$size(-1)", lambda: m34().size(-1), lambda r: r == 4)
err(T, "x$size(0)", lambda: m34().size(0), (IndexError, ValueError), r"1-based|found a 0|starts at 1")
err(T, "x$size(3) of 2-d", lambda: m34().size(3), IndexError, r"but got 3")
err(T, "x$item() of 12 values", lambda: m34().item(), RuntimeError, r"a Tensor with 12 elements cannot be converted to Scalar")
err(T, "x$expand(c(3, 3))", lambda: m34().expand(c(3, 3)), RuntimeError, r"must match the existing size \(4\) at non-singleton dimension 2")
err(T, "torch_split(x, 0)", lambda: torch_split(m34(), 0), RuntimeError, r"split_size can only be 0 if dimension size is 0")
err(T, "torch_chunk(x, 0)", lambda: torch_chunk(m34(), 0), RuntimeError, r"chunk expects `chunks` to be greater than 0")
err(T, "x$add(length-3 vector) of length 2", lambda: torch_tensor(c(1, 2)).add(torch_tensor(c(1, 2, 3))), RuntimeError,
    r"must match the size of tensor b \(3\) at non-singleton dimension 1")
err(T, "x$to(dtype = 'notadtype')", lambda: m34().to(dtype="notadtype"), (ValueError, TypeError), r"notadtype")
ok(T, "torch_tensor(matrix(1:6, 2)): R's column-major", lambda: torch_tensor(matrix(seq(1, 6), 2)),
   lambda r: same(r, torch.tensor([[1, 3, 5], [2, 4, 6]])))
ok(T, "torch_tensor(c(1, 2), dtype = torch_int())", lambda: torch_tensor(c(1, 2), dtype=torch_int()),
   lambda r: same(r, torch.tensor([1, 2], dtype=torch.int32)))
ok(T, "x$sum(dim = c(1, 2))", lambda: m34().sum(dim=c(1, 2)), lambda r: float(r.torch) == 78.0)
ok(T, "x$mean(dim = -1)", lambda: m34().mean(dim=-1), lambda r: same(r, torch.tensor([2.5, 6.5, 10.5])))
err(T, "torch_cumsum(dim = 0)", lambda: torch_cumsum(m34(), dim=0), (IndexError, ValueError), r"found a 0|starts at 1")
ok(T, "x$topk(2) indices 1-based", lambda: m34().topk(2)[1], lambda r: same(r, torch.tensor([[4, 3], [4, 3], [4, 3]])))
ok(T, "torch_sort indices 1-based", lambda: torch_sort(torch_tensor(c(3, 1, 2)))[1], lambda r: same(r, torch.tensor([2, 3, 1])))
ok(T, "torch_argsort 1-based", lambda: torch_argsort(torch_tensor(c(3, 1, 2))), lambda r: same(r, torch.tensor([2, 3, 1])))
err(T, "torch_flatten(start_dim = 0)", lambda: torch_flatten(m34(), start_dim=0), (IndexError, ValueError), r"found a 0|starts at 1")
err(T, "x$movedim(0, 1)", lambda: m34().movedim(0, 1), (IndexError, ValueError), r"1-based, but found 0|found a 0")
err(T, "torch_manual_seed('a')", lambda: torch_manual_seed("a"), (TypeError, ValueError), r"seed|whole number")

# ---- indexing ---------------------------------------------------------------------------------
I = "indexing"


def setitem(x: Any, key: Any, value: Any) -> Any:
    x[key] = value
    return x


ok(I, "x[-1]: last row", lambda: m34()[-1], lambda r: same(r, torch.tensor([9.0, 10, 11, 12])))
ok(I, "x[c(1, 3), 2]", lambda: m34()[c(1, 3), 2], lambda r: same(r, torch.tensor([2.0, 10.0])))
err(I, "x[0]", lambda: m34()[0], IndexError, r"starts at 1|1-based")
err(I, "x[0, 1]", lambda: m34()[0, 1], IndexError, r"starts at 1|1-based")
err(I, "x[4, 1] of 3 rows", lambda: m34()[4, 1], IndexError, r"index 4 is out of bounds for dimension 1 with size 3")
err(I, "x[1, 5] of 4 columns", lambda: m34()[1, 5], IndexError, r"index 5 is out of bounds for dimension 2 with size 4")
err(I, "x[-4] of 3 rows", lambda: m34()[-4], IndexError, r"index -4 is out of bounds for dimension 1 with size 3")
ok(I, "x[NA]: a single logical NA is R torch's empty subscript", lambda: m34()[NA], lambda r: same(r, torch.arange(1.0, 13).reshape(3, 4)))
err(I, "x[NA_real_]", lambda: m34()[NA_real_], IndexError, r"dimension 1 is NA at position 1")
err(I, "x[c(1, NA)]", lambda: m34()[c(1, NA)], IndexError, r"dimension 1 is NA at position 2")
err(I, "x[NA_integer_]", lambda: m34()[NA_integer_], IndexError, r"NA at position 1")
err(I, "x[1, NA_real_]", lambda: m34()[1, NA_real_], IndexError, r"dimension 2 is NA")
ok(I, "x[1, NA]: all of row 1", lambda: m34()[1, NA], lambda r: same(r, torch.arange(1.0, 5)))
err(I, "x[as_integer(c(2, NA)), 1]", lambda: m34()[as_integer(c(2, NA)), 1], IndexError, r"dimension 1 is NA at position 2")
err(I, "x[c(0, 1)]", lambda: m34()[c(0, 1)], IndexError, r"found a 0")
err(I, "x[c(1, 4)] of 3 rows", lambda: m34()[c(1, 4)], IndexError, r"index 4 is out of bounds for dimension 1 with size 3")
err(I, "x[1.5]", lambda: m34()[1.5], TypeError, r"whole number, got 1.5")
err(I, "x[c(1.5, 2)]", lambda: m34()[c(1.5, 2)], TypeError, r"Only long and boolean")
err(I, "x['a']", lambda: m34()["a"], TypeError, r"Unsupported index")
err(I, "x[1, 1, 1] of 2-d", lambda: m34()[1, 1, 1], IndexError, r"too many indices for tensor of dimension 2")
err(I, "x[float tensor]", lambda: m34()[torch_tensor(c(1.5))], TypeError, r"Only long and boolean")
err(I, "x[long tensor 0]", lambda: m34()[L(0)], IndexError, r"starts at 1|found a 0")
err(I, "x[long tensor 4] of 3 rows", lambda: m34()[L(4)], IndexError, r"4|out of")
err(I, "mask of the wrong shape", lambda: m34()[torch_tensor(np.array([True, False]))], IndexError,
    r"mask \[2\] at index 1 does not match the shape of the indexed tensor \[3, 4\] at index 1")
err(I, "x[1, 2.5]", lambda: m34()[1, 2.5], TypeError, r"whole number, got 2.5")
err(I, "x[..., 0]", lambda: m34()[..., 0], IndexError, r"starts at 1|found a 0|1-based")
err(I, "x[5] <- 1 of 3 rows", lambda: setitem(m34(), 5, 1), IndexError, r"5|out of")
err(I, "x[0] <- 1", lambda: setitem(m34(), 0, 1), IndexError, r"starts at 1|found a 0|1-based")
err(I, "x[NA_real_] <- 1", lambda: setitem(m34(), NA_real_, 1), IndexError, r"NA")
err(I, "x[1, ] <- 'a'", lambda: setitem(m34(), 1, "a"), (TypeError, ValueError, RuntimeError), r"rhs must be a torch_tensor or scalar value")
ok(I, "x[1:2, ]: R's inclusive range", lambda: m34()[1:2, :], lambda r: same(r, torch.arange(1.0, 9).reshape(2, 4)))
ok(I, "x[c(TRUE, FALSE, TRUE), ]", lambda: m34()[c(True, False, True), :], lambda r: same(r, torch.tensor([[1.0, 2, 3, 4], [9, 10, 11, 12]])))
ok(I, "x[x > 10]", lambda: m34()[m34() > 10], lambda r: same(r, torch.tensor([11.0, 12.0])))
err(I, "x[1, c(1, 5)]", lambda: m34()[1, c(1, 5)], IndexError, r"index 5 is out of bounds for dimension 2 with size 4")
ok(I, "x[2, ] <- 0 (R's result)", lambda: setitem(m34(), 2, 0)[2], lambda r: same(r, torch.zeros(4)))

# ---- nn ---------------------------------------------------------------------------------------
N = "nn"
x4 = lambda: torch_randn(4, 3)                                            # noqa: E731
logits = lambda: torch_tensor(np.arange(12.0).reshape(3, 4) / 10)         # noqa: E731
err(N, "nn_embedding(10, 3) with index 11", lambda: nn_embedding(10, 3)(L(1, 11)), IndexError,
    r"index 11 is out of range for nn_embedding with 10 rows")
err(N, "nn_embedding index 0", lambda: nn_embedding(10, 3)(L(0)), IndexError, r"starts at 1 but found a 0")
err(N, "nn_embedding index -1", lambda: nn_embedding(10, 3)(L(-1)), IndexError, r"index -1 is out of range for nn_embedding with 10 rows")
err(N, "nn_embedding float input", lambda: nn_embedding(10, 3)(torch_tensor(c(1.0))), (TypeError, RuntimeError), r"Long|long|Int|integer")
err(N, "nn_embedding(padding_idx = 0)", lambda: nn_embedding(10, 3, padding_idx=0), ValueError, r"`padding_idx` must be within num_embeddings")
err(N, "nn_embedding(padding_idx = 11)", lambda: nn_embedding(10, 3, padding_idx=11), ValueError, r"`padding_idx`")
ok(N, "nn_embedding row 10", lambda: (lambda e: (e(L(10)), e.weight))(nn_embedding(10, 3)),
   lambda r: same(r[0], r[1].torch.detach()[9:10]))
err(N, "nnf_cross_entropy target -1", lambda: nnf_cross_entropy(logits(), L(-1, 1, 2)), IndexError,
    r"Target -1 is out of bounds.*classes counted from 1")
err(N, "nnf_cross_entropy target 5 of 4 classes", lambda: nnf_cross_entropy(logits(), L(5, 1, 2)), IndexError, r"Target 5 is out of bounds")
err(N, "nnf_cross_entropy target 0", lambda: nnf_cross_entropy(logits(), L(0, 1, 2)), IndexError, r"starts at 1 but found a 0")
err(N, "nnf_cross_entropy float class targets", lambda: nnf_cross_entropy(logits(), torch_tensor(c(1, 2, 3))), RuntimeError,
    r"expected scalar type Long but found Float")
ok(N, "nnf_cross_entropy 1-based targets", lambda: nnf_cross_entropy(logits(), L(1, 2, 4)),
   lambda r: torch.allclose(r.torch, torch.nn.functional.cross_entropy(torch.arange(12.0).reshape(3, 4) / 10, torch.tensor([0, 1, 3]))))
err(N, "nn_cross_entropy_loss target 5", lambda: nn_cross_entropy_loss()(logits(), L(5, 1, 2)), IndexError, r"Target 5 is out of bounds")
err(N, "nnf_nll_loss target 0", lambda: nnf_nll_loss(logits(), L(0, 1, 1)), IndexError, r"found a 0")
err(N, "nnf_nll_loss target -2", lambda: nnf_nll_loss(logits(), L(-2, 1, 1)), IndexError, r"Target -2 is out of bounds")
err(N, "nnf_one_hot of 0", lambda: nnf_one_hot(L(0, 1)), (IndexError, RuntimeError, ValueError), r"found a 0|1-based|starts at 1")
err(N, "nnf_one_hot class 3 of 2", lambda: nnf_one_hot(L(1, 3), num_classes=2), RuntimeError, r"Class values must be smaller than num_classes")
ok(N, "nnf_one_hot 1-based", lambda: nnf_one_hot(L(1, 3)), lambda r: same(r, torch.tensor([[1, 0, 0], [0, 0, 1]])))
err(N, "nn_linear input width", lambda: nn_linear(3, 2)(torch_randn(4, 5)), RuntimeError, r"4x5 and 3x2")
err(N, "nn_linear(3.5, 2)", lambda: nn_linear(3.5, 2), TypeError, r"`in_features` must be a whole number, got 3.5")
err(N, "nn_linear(-1, 2)", lambda: nn_linear(-1, 2), RuntimeError, r"negative dimension -1")
err(N, "nn_conv2d channels", lambda: nn_conv2d(3, 8, 3)(torch_randn(1, 1, 8, 8)), RuntimeError, r"expected input\[1, 1, 8, 8\] to have 3 channels")
err(N, "nn_conv2d(kernel_size = 0)", lambda: nn_conv2d(3, 8, 0)(torch_randn(1, 3, 8, 8)), RuntimeError, r"kernel|weight|size")
err(N, "nnf_softmax(dim = 0)", lambda: nnf_softmax(m34(), dim=0), (IndexError, ValueError), r"found a 0|1-based|starts at 1")
err(N, "nnf_softmax(dim = 3) of 2-d", lambda: nnf_softmax(m34(), dim=3), IndexError, r"range of \[-2, 2\], but got 3")
ok(N, "nnf_softmax(dim = 2) rows sum to 1", lambda: nnf_softmax(m34(), dim=2).sum(dim=2), lambda r: torch.allclose(r.torch, torch.ones(3)))
err(N, "nnf_log_softmax without dim", lambda: nnf_log_softmax(m34()), TypeError, r'nnf_log_softmax\(\): argument "dim" is missing')
err(N, "nnf_softmax without dim", lambda: nnf_softmax(m34()), TypeError, r'nnf_softmax\(\): argument "dim" is missing')
err(N, "x >> nnf_softmax() without dim", lambda: m34() >> nnf_softmax(), TypeError, r'nnf_softmax\(\): argument "dim" is missing')
ok(N, "x >> nnf_log_softmax(dim = 2)", lambda: m34() >> nnf_log_softmax(dim=2),
   lambda r: torch.allclose(r.torch, torch.log_softmax(torch.arange(1.0, 13).reshape(3, 4), 1)))
err(N, "nn_softmax() without dim", lambda: nn_softmax(), TypeError, r'nn_softmax\(\): argument "dim" is missing')
ok(N, "nn_softmax(2)", lambda: nn_softmax(2)(m34()), lambda r: torch.allclose(r.torch, torch.softmax(torch.arange(1.0, 13).reshape(3, 4), 1)))
err(N, "nn_batch_norm1d features", lambda: nn_batch_norm1d(3)(torch_randn(4, 5)), RuntimeError, r"running_mean should contain 5 elements not 3")
err(N, "nn_dropout(p = 1.5)", lambda: nn_dropout(p=1.5), ValueError, r"dropout probability has to be between 0 and 1, but got 1.5")
err(N, "nn_sequential(1)", lambda: nn_sequential(1), TypeError, r"int|module|Module")
err(N, "nnf_max_pool2d(kernel_size = 0)", lambda: nnf_max_pool2d(torch_randn(1, 1, 4, 4), 0), RuntimeError, r"stride should not be zero|kernel size should be greater than zero")
err(N, "nn_lstm input size", lambda: nn_lstm(3, 4)(torch_randn(2, 5, 7)), RuntimeError, r"input.size\(-1\) must be equal to input_size. Expected 3, got 7")
err(N, "nnf_binary_cross_entropy input > 1", lambda: nnf_binary_cross_entropy(torch_tensor(c(1.5)), torch_tensor(c(1.0))), RuntimeError,
    r"all elements of input should be between 0 and 1")
ok(N, "nn_sequential(...)[1] is the first layer", lambda: nn_sequential(nn_linear(2, 3), nn_relu())[1], lambda r: type(r).__name__ == "nn_linear")
err(N, "nn_sequential(...)[0]", lambda: nn_sequential(nn_linear(2, 3), nn_relu())[0], IndexError, r"found a 0|starts at 1|1-based|index 0")
err(N, "nn_sequential(...)[3] of 2", lambda: nn_sequential(nn_linear(2, 3), nn_relu())[3], IndexError, r"out of bounds|out of range")
err(N, "nn_linear('3', 2)", lambda: nn_linear("3", 2), TypeError, r'`in_features` must be a whole number, not "3"')
err(N, "nnf_pad(mode = 'foo')", lambda: nnf_pad(torch_ones(1, 1, 3), c(1, 1), mode="foo"), (NotImplementedError, ValueError, RuntimeError), r"foo")
err(N, "optim_adam(lr = -1)", lambda: optim_adam(nn_linear(2, 1).parameters, lr=-1), ValueError, r"Invalid learning rate: -1")
err(N, "optim_sgd without lr", lambda: optim_sgd(nn_linear(2, 1).parameters), ValueError, r"Need to specify a learning rate")
err(N, "optim_adam(list())", lambda: optim_adam([]), ValueError, r"empty parameter list")
err(N, "optim_adam(betas = c(1.5, 0.9))", lambda: optim_adam(nn_linear(2, 1).parameters, betas=c(1.5, 0.9)), ValueError,
    r"Invalid beta parameter at index 1")
err(N, "optim_adam(betas = c(0.9, 1.5))", lambda: optim_adam(nn_linear(2, 1).parameters, betas=c(0.9, 1.5)), ValueError,
    r"Invalid beta parameter at index 2")
err(N, "module without forward", lambda: nn_module("noforward", initialize=lambda self: None)()(torch_ones(1)), (NotImplementedError, TypeError, AttributeError),
    r"Forward method is not implemented")


def _mse_warns() -> Any:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        out = nnf_mse_loss(torch_ones(2, 1), torch_ones(2, 3))
    return out, [str(x.message) for x in w]


ok(N, "nnf_mse_loss broadcast warns, as R torch", _mse_warns,
   lambda r: any("target size" in m for m in r[1]) and float(r[0].torch) == 0.0)

# ---- data -------------------------------------------------------------------------------------
D = "data"


def ds10() -> Any:
    return tensor_dataset(torch_randn(10, 3), torch_randn(10, 1))


def length_ds(n: Any) -> Any:
    return dataset("sized", getitem=lambda self, i: torch_tensor(i), length=lambda self: n)()


def failing_ds() -> Any:
    def getitem(self, i):
        if i == 3:
            raise ValueError("item 3 is broken")
        return torch_tensor(i)
    return dataset("failing", getitem=getitem, length=lambda self: 6)()


def stream() -> Any:
    return iterable_dataset("stream", iter=lambda self: iter([torch_tensor(1)]))()


err(D, "tensor_dataset(x[5, ], y[4, ])", lambda: tensor_dataset(torch_randn(5, 3), torch_randn(4, 1)), ValueError,
    r"same size in the first dimension: tensor 1 has 5 rows, tensor 2 has 4")
err(D, "tensor_dataset(x = , y = ) of different rows", lambda: tensor_dataset(x=torch_randn(5, 3), y=torch_randn(6)), ValueError,
    r"`x` has 5 rows, `y` has 6")
err(D, "tensor_dataset of three, third differs", lambda: tensor_dataset(torch_randn(5), torch_randn(5), torch_randn(2)), ValueError,
    r"tensor 1 has 5 rows, tensor 3 has 2")
err(D, "tensor_dataset()", lambda: tensor_dataset(), ValueError, r"all tensors must have the same size in the first dimension")
err(D, "tensor_dataset(scalar)", lambda: tensor_dataset(torch_scalar_tensor(1)), ValueError, r"tensor 1 is a scalar")
ok(D, "tensor_dataset item 10 of 10", lambda: ds10()[10][0].shape, lambda r: list(r) == [3])
err(D, "dataloader(batch_size = 0)", lambda: dataloader(ds10(), batch_size=0), ValueError, r"dataloader\(\): `batch_size` must be positive, not 0")
err(D, "dataloader(batch_size = -1)", lambda: dataloader(ds10(), batch_size=-1), ValueError, r"`batch_size` must be positive, not -1")
err(D, "dataloader(batch_size = 2.5)", lambda: dataloader(ds10(), batch_size=2.5), ValueError, r"`batch_size` must be a whole number, not 2.5")
err(D, "dataloader(batch_size = '2')", lambda: dataloader(ds10(), batch_size="2"), TypeError, r'`batch_size` must be a whole number, not "2"')
err(D, "dataloader(batch_size = TRUE)", lambda: dataloader(ds10(), batch_size=True), TypeError, r"`batch_size` must be a whole number")
err(D, "dataloader(batch_size = c(2, 3))", lambda: dataloader(ds10(), batch_size=c(2, 3)), TypeError, r"`batch_size` must be a single whole number, got 2 values")
ok(D, "dataloader(batch_size = 4): 3 batches", lambda: len(dataloader(ds10(), batch_size=4)), lambda r: r == 3)
ok(D, "dataloader(batch_size = 4.0) is 4", lambda: dataloader(ds10(), batch_size=4.0).batch_size, lambda r: r == 4)
err(D, "dataloader(num_workers = -1)", lambda: dataloader(ds10(), num_workers=-1), ValueError, r"`num_workers` must be >= 0, not -1")
err(D, "dataloader(num_workers = 1.5)", lambda: dataloader(ds10(), num_workers=1.5), ValueError, r"`num_workers` must be a whole number, not 1.5")
err(D, "dataloader(shuffle = 'yes')", lambda: dataloader(ds10(), shuffle="yes"), TypeError, r"`shuffle` must be TRUE or FALSE")
ok(D, "dataloader(drop_last = 1): R's if (1) is TRUE", lambda: len(dataloader(ds10(), batch_size=4, drop_last=1)), lambda r: r == 2)
err(D, "dataloader(drop_last = c(TRUE, FALSE))", lambda: dataloader(ds10(), drop_last=c(True, False)), TypeError, r"`drop_last` must be TRUE or FALSE")
err(D, "dataloader(pin_memory = NA)", lambda: dataloader(ds10(), pin_memory=NA), TypeError, r"`pin_memory` must be TRUE or FALSE")
err(D, "dataloader(timeout = 'a')", lambda: dataloader(ds10(), timeout="a"), TypeError, r"`timeout` must be a number")
err(D, "dataloader(sampler = , shuffle = TRUE)", lambda: dataloader(ds10(), sampler=SequentialSampler(ds10()), shuffle=True), ValueError,
    r"`sampler` and `shuffle = TRUE`")
err(D, "dataloader(batch_sampler = , batch_size = 4)", lambda: dataloader(ds10(), batch_sampler=BatchSampler(SequentialSampler(ds10()), 2, False), batch_size=4),
    ValueError, r"`batch_sampler` can't be used together with `batch_size`")
err(D, "dataloader(collate_fn = 3)", lambda: dataloader(ds10(), collate_fn=3), TypeError, r"`collate_fn` must be a function")
err(D, "dataloader(worker_init_fn = 'f')", lambda: dataloader(ds10(), worker_init_fn="f"), TypeError, r"`worker_init_fn` must be a function")
err(D, "a dataset whose length() is 2.7", lambda: dataloader(length_ds(2.7)), ValueError, r"dataset 'sized': `length\(\)` must be a whole number, not 2.7")
err(D, "a dataset whose length() is -1", lambda: dataloader(length_ds(-1)), ValueError, r"`length\(\)` must be >= 0, not -1")
err(D, "a dataset whose length() is '3'", lambda: dataloader(length_ds("3")), TypeError, r'`length\(\)` must be a whole number, not "3"')
err(D, "length(ds) of 2.7", lambda: len(length_ds(2.7)), ValueError, r"not 2.7")
ok(D, "a dataset whose length() is 3.0", lambda: len(dataloader(length_ds(3.0), batch_size=2)), lambda r: r == 2)
err(D, "ds[0]", lambda: ds10()[0], IndexError, r"start at 1 but found a 0")
err(D, "ds[11] of 10", lambda: ds10()[11], IndexError, r"index 11 is out of bounds for a dataset of length 10")
err(D, "ds[1.5]", lambda: ds10()[1.5], TypeError, r"whole number, got 1.5")
err(D, "ds[c(1, 0)]", lambda: ds10()[c(1, 0)], IndexError, r"found a 0")
err(D, "dataset_subset(ds, c(0, 1))", lambda: dataset_subset(ds10(), c(0, 1)), IndexError, r"found a 0")
err(D, "dataset_subset(ds, 11)", lambda: dataset_subset(ds10(), c(11)), IndexError, r"index 11 is out of bounds for a dataset of length 10")
err(D, "dataloader(5)", lambda: dataloader(5), TypeError, r"Unknown dataset type with class <int>")
err(D, "dataloader(tensor)", lambda: dataloader(torch_randn(3)), TypeError, r"Unknown dataset type with class <Tensor>")
err(D, "BatchSampler(batch_size = 0)", lambda: BatchSampler(SequentialSampler(ds10()), 0, False), ValueError, r"BatchSampler\(\): `batch_size` must be positive, not 0")
err(D, "RandomSampler(num_samples = 0)", lambda: RandomSampler(ds10(), num_samples=0), ValueError, r"`num_samples` must be positive")
err(D, "iterable dataset with num_workers = 1", lambda: list(dataloader(stream(), num_workers=1)), NotImplementedError,
    r"Multi-process dataloader not implemented yet for Iterable datasets")
ok(D, "dataloader_next after the end: NULL", lambda: (lambda it: [dataloader_next(it) for _ in range(11)][-1])(dataloader_make_iter(dataloader(ds10()))),
   lambda r: r is None)
err(D, "a worker's error names R's 1-based worker", lambda: list(dataloader(failing_ds(), batch_size=2, num_workers=2)), ValueError,
    r"in dataloader worker 2\b[\s\S]*item 3 is broken")
err(D, "items of different lengths", lambda: list(dataloader(dataset("rag", getitem=lambda self, i: torch_randn(i), length=lambda self: 4)(), batch_size=2)),
    RuntimeError, r"Can't collate `batch`: items have different shapes: item 1 is \{1\}, item 2 is \{2\}")
err(D, "a named field of different lengths", lambda: list(dataloader(dataset("rag", getitem=lambda self, i: dict(x=torch_ones(2), y=torch_randn(i)),
                                                                             length=lambda self: 4)(), batch_size=2)),
    RuntimeError, r"Can't collate `batch\$y`: items have different shapes")
err(D, "a field that is a tensor in one item, text in another", lambda: list(dataloader(dataset("mixed", getitem=lambda self, i: [torch_ones(2), "a" if i == 2 else torch_ones(1)],
                                                                                                length=lambda self: 4)(), batch_size=2)),
    TypeError, r"Can't collate `batch\[\[2\]\]`: item 1 is a tensor, item 2 is <character>")
err(D, "getitem error without workers", lambda: list(dataloader(failing_ds(), batch_size=2)), ValueError, r"item 3 is broken")

# ---- luz --------------------------------------------------------------------------------------
Z = "luz"


def model() -> Any:
    return (nn_linear >> setup(loss=nn_mse_loss(), optimizer=optim_adam)
            >> set_hparams(in_features=3, out_features=1))


def xy(n: int = 40, m: int | None = None) -> list:
    torch_manual_seed(1)
    return [torch_randn(n, 3), torch_randn(n if m is None else m, 1)]


def quiet_fit(*args: Any, **kwargs: Any) -> Any:
    kwargs.setdefault("verbose", False)
    return fit(*args, **kwargs)


def small_fit() -> tuple[Any, list[str]]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        fitted = quiet_fit(model(), xy(10), epochs=2)
    return fitted, [str(x.message) for x in w]


def fitted_model() -> Any:
    return quiet_fit(model(), xy(), epochs=1)


err(Z, "fit(NULL)", lambda: quiet_fit(model(), None), ValueError, r"fit\(\): `data` is NULL")
err(Z, "fit(list(x[10, ], y[9, ]))", lambda: quiet_fit(model(), xy(10, 9)), ValueError,
    r"same size in the first dimension: tensor 1 has 10 rows, tensor 2 has 9")
err(Z, "fit(list(x = , y = )) of different rows", lambda: quiet_fit(model(), dict(x=torch_randn(10, 3), y=torch_randn(8, 1))), ValueError,
    r"`x` has 10 rows, `y` has 8")
err(Z, "fit(list(df, df))", lambda: quiet_fit(model(), [pd.DataFrame({"a": [1.0]}), pd.DataFrame({"b": [1.0]})]), ValueError,
    r"fit\(\): `data`: element 1 is a data frame; luz takes tensors: convert it with torch_tensor\(\)")
err(Z, "fit(df)", lambda: quiet_fit(model(), pd.DataFrame({"a": [1.0]})), ValueError, r"`data` is a data frame")
err(Z, "fit(list())", lambda: quiet_fit(model(), []), ValueError, r"`data` is an empty list")
err(Z, "fit(list(x, 'y'))", lambda: quiet_fit(model(), [torch_randn(4, 3), "y"]), ValueError, r"element 2 is <str>")
err(Z, "fit(list(x, NULL))", lambda: quiet_fit(model(), [torch_randn(4, 3), None]), ValueError, r"element 2 is <NoneType>")
err(Z, "fit('data')", lambda: quiet_fit(model(), "data"), ValueError, r"Unsupported object with class 'str'")
err(Z, "fit(valid_data = list(df))", lambda: quiet_fit(model(), xy(), valid_data=[pd.DataFrame({"a": [1.0]})]), ValueError,
    r"`valid_data`: element 1 is a data frame")
err(Z, "fit(valid_data = 1.5)", lambda: quiet_fit(model(), xy(), valid_data=1.5), ValueError, r"valid_data must be a value between 0 and 1")
err(Z, "fit(epochs = 'a')", lambda: quiet_fit(model(), xy(), epochs="a"), ValueError, r"`max_epochs` to be a scalar integer")
err(Z, "fit(epochs = c(5, 2))", lambda: quiet_fit(model(), xy(), epochs=c(5, 2)), ValueError, r"`min_epochs` is higher than `max_epochs`")
ok(Z, "fit with 10 rows, batch_size 32: a warning", small_fit,
   lambda r: any("10 rows, fewer than `batch_size` (32)" in m for m in r[1]))
ok(Z, "... then get_metrics() works (loss NaN)", lambda: get_metrics(small_fit()[0]),
   lambda r: list(r["epoch"]) == [1, 2] and bool(r["value"].isna().all()))
ok(Z, "... and plot() works", lambda: plot(small_fit()[0]), lambda r: r is not None)
ok(Z, "fit with batch_size = 10 of 10 rows: no warning", lambda: _no_warning(lambda: quiet_fit(model(), xy(10), epochs=1, dataloader_options=dict(batch_size=10))),
   lambda r: r == [])
err(Z, "fit(epochs = 2.5)", lambda: quiet_fit(model(), xy(), epochs=2.5), ValueError, r"`max_epochs` to be a scalar integer, got 2.5")
err(Z, "fit(valid_data = 0)", lambda: quiet_fit(model(), xy(), valid_data=0.0), ValueError, r"valid_data must be a value between 0 and 1")
err(Z, "get_metrics(a module)", lambda: get_metrics(model()), TypeError, r"get_metrics\(\) takes a fitted model, an evaluation or a context, got <LuzModuleGenerator>")
ok(Z, "fit(valid_data = 0.25): 10 of 40 rows validate", lambda: quiet_fit(model(), xy(), epochs=1, valid_data=0.25,
                                                                          dataloader_options=dict(batch_size=5)),
   lambda r: len(r.records.metrics.valid) == 1)
err(Z, "setup(an nn_linear object)", lambda: nn_linear(3, 1) >> setup(loss=nn_mse_loss()), TypeError, r"setup\(\) takes a module generator")
err(Z, "setup(loss = nn_mse_loss)", lambda: nn_linear >> setup(loss=nn_mse_loss), TypeError, r"`loss` must be a function or a loss module \(`nn_mse_loss\(\)`\)")
err(Z, "fit(nn_linear) without setup", lambda: quiet_fit(nn_linear, xy()), Exception, r"setup|luz")
err(Z, "fit without hparams", lambda: quiet_fit(nn_linear >> setup(loss=nn_mse_loss(), optimizer=optim_adam), xy()), TypeError, r"in_features")
err(Z, "predict(unfitted)", lambda: predict(model(), xy()[0]), TypeError, r"predict\(\) takes a fitted model")
err(Z, "predict(fitted, NULL)", lambda: predict(fitted_model(), None), ValueError, r"predict\(\): `newdata` is NULL")
err(Z, "evaluate(fitted, NULL)", lambda: evaluate(fitted_model(), None), ValueError, r"evaluate\(\): `data` is NULL")
err(Z, "predict(fitted, data frame)", lambda: predict(fitted_model(), pd.DataFrame({"a": [1.0]})), ValueError, r"`newdata` is a data frame")
err(Z, "ctx outside fit", lambda: ctx.epoch, Exception, r"`ctx` is only available while luz runs")
err(Z, "dataloader_options with a dataloader", lambda: quiet_fit(model(), dataloader(tensor_dataset(*xy())), dataloader_options=dict(batch_size=2)),
    Exception, r"`dataloader_options` won't be used because `data` is already a dataloader")
err(Z, "fit(callbacks = list(3))", lambda: quiet_fit(model(), xy(), callbacks=[3]), Exception, r"[Cc]allback")
err(Z, "set_opt_hparams(lr = -1)", lambda: quiet_fit(model() >> set_opt_hparams(lr=-1), xy()), ValueError, r"Invalid learning rate: -1")
err(Z, "float class targets in a fit", lambda: quiet_fit(nn_linear >> setup(loss=nn_cross_entropy_loss(), optimizer=optim_adam)
                                                        >> set_hparams(in_features=3, out_features=2), [torch_randn(8, 3), torch_ones(8)],
                                                        dataloader_options=dict(batch_size=4)),
    Exception, r"expected scalar type Long but found Float")
err(Z, "class target 0 in a fit", lambda: quiet_fit(nn_linear >> setup(loss=nn_cross_entropy_loss(), optimizer=optim_adam)
                                                    >> set_hparams(in_features=3, out_features=2),
                                                    [torch_randn(8, 3), torch_zeros(8, dtype=torch_long())],
                                                    dataloader_options=dict(batch_size=4)),
    Exception, r"starts at 1 but found a 0")
err(Z, "early stopping on a metric never logged", lambda: quiet_fit(model(), xy(), epochs=2, callbacks=[luz_callback_early_stopping(monitor="valid_loss")]),
    Exception, r"Expected monitored metric to be length 1, got 0")


def _no_warning(f: Callable[[], Any]) -> list[str]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        f()
    return [str(x.message) for x in w if "batch_size" in str(x.message)]


# ---- vision -----------------------------------------------------------------------------------
V = "vision"
from rtorch import vision as tv                                          # noqa: E402

img = lambda: torch_tensor(np.linspace(0, 1, 3 * 8 * 8).reshape(3, 8, 8))  # noqa: E731
err(V, "transform_normalize(std = 0)", lambda: tv.transform_normalize(img(), mean=c(0.5, 0.5, 0.5), std=c(0, 1, 1)), ValueError,
    r"std evaluated to zero")
err(V, "transform_normalize of a 1-d tensor", lambda: tv.transform_normalize(torch_ones(4), mean=c(0.5), std=c(1)), (ValueError, TypeError, RuntimeError),
    r"Tensor is not a torch image")
err(V, "transform_adjust_brightness(-1)", lambda: tv.transform_adjust_brightness(img(), -1), ValueError, r"brightness|non-negative|nonnegative")
err(V, "transform_resize(size = 0)", lambda: tv.transform_resize(img(), c(0, 0)), (ValueError, RuntimeError), r"size|0")
err(V, "transform_center_crop(size = -1)", lambda: tv.transform_center_crop(img(), c(-1)), ValueError, r"`size` must be 1 or more .* not -1")
err(V, "transform_resize(size = c(4, 0))", lambda: tv.transform_resize(img(), c(4, 0)), ValueError, r"`size` must be 1 or more .* not 0")
ok(V, "transform_center_crop(size = 4)", lambda: tv.transform_center_crop(img(), c(4)),
   lambda r: same(r, torch.linspace(0, 1, 3 * 8 * 8, dtype=torch.float64).float().reshape(3, 8, 8)[:, 2:6, 2:6]))
ok(V, "transform_crop(top = 2, left = 3) is 1-based", lambda: tv.transform_crop(img(), 2, 3, 2, 2),
   lambda r: same(r, torch.linspace(0, 1, 3 * 8 * 8, dtype=torch.float64).float().reshape(3, 8, 8)[:, 1:3, 2:4]))
err(V, "transform_rotate('a')", lambda: tv.transform_rotate(img(), "a"), (TypeError, ValueError), r"angle|'a'|str|number")
err(V, "transform_crop outside the image", lambda: tv.transform_crop(img(), 0, 1, 2, 2), ValueError, r"`top` must be 1 or more \(rows and columns count from 1\), not 0")
err(V, "transform_crop(left = -1)", lambda: tv.transform_crop(img(), 1, -1, 2, 2), ValueError, r"`left` must be 1 or more")
err(V, "transform_crop(height = 0)", lambda: tv.transform_crop(img(), 1, 1, 0, 2), ValueError, r"`height` must be 1 or more")
err(V, "transform_adjust_hue(1)", lambda: tv.transform_adjust_hue(img(), 1), ValueError, r"hue_factor \(1\) is not in \[-0.5, 0.5\]")
err(V, "transform_adjust_gamma(-1)", lambda: tv.transform_adjust_gamma(img(), -1), ValueError, r"gamma|non-negative|nonnegative")
err(V, "model_resnet18 on a 3-d input", lambda: tv.model_resnet18()(torch_randn(3, 32, 32)), ValueError, r"expected 4D input \(got 3D input\)")
err(V, "mnist_dataset without a download", lambda: tv.mnist_dataset(root="/nonexistent-rtorch", download=False), (RuntimeError, FileNotFoundError, ValueError),
    r"[Dd]ataset not found|download")
err(V, "image_folder_dataset of a missing folder", lambda: tv.image_folder_dataset("/nonexistent-rtorch"), (FileNotFoundError, RuntimeError, ValueError),
    r"nonexistent-rtorch")


# -- running it ----------------------------------------------------------------------------------

def _show(x: Any) -> str:
    try:
        return repr(x)[:300]
    except Exception as e:                           # noqa: BLE001 (a pipe stage refuses repr)
        return f"<{type(x).__name__}: {e}>"


def run_case(case: Case) -> tuple[str, str]:
    """("error" | "R result" | "FAIL", detail)."""
    try:
        result = case.call()
    except BaseException as e:                       # noqa: BLE001
        if case.error is None:
            return "FAIL", f"raised {type(e).__name__}: {e}"
        if not isinstance(e, case.error):
            return "FAIL", f"raised {type(e).__name__}, not {case.error}: {e}"
        if case.message and not re.search(case.message, str(e)):
            return "FAIL", f"message {str(e)!r} does not match {case.message!r}"
        if re.search(r"\b(at entry|worker process|at index) 0\b", str(e)):
            return "FAIL", f"0-based number in {str(e)!r}"
        return "error", str(e)
    if case.error is not None:
        return "FAIL", f"no error (expected {case.error}); got {_show(result)}"
    if not case.check(result):
        return "FAIL", f"not R's result: {_show(result)}"
    return "R result", ""


@pytest.mark.parametrize("case", CASES, ids=[f"{c.category}: {c.label}" for c in CASES])
def test_bad_input(case: Case) -> None:
    outcome, detail = run_case(case)
    assert outcome != "FAIL", detail


def test_corpus_counts(capsys) -> None:
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for case in CASES:
        counts[case.category]["error" if case.error is not None else "R result"] += 1
    lines = [f"{'category':<10} {'calls':>5} {'errors':>7} {'R result':>9}"]
    for cat, n in counts.items():
        lines.append(f"{cat:<10} {sum(n.values()):>5} {n['error']:>7} {n['R result']:>9}")
    total = collections.Counter()
    for n in counts.values():
        total.update(n)
    lines.append(f"{'total':<10} {sum(total.values()):>5} {total['error']:>7} {total['R result']:>9}")
    with capsys.disabled():
        print("\nbad-input corpus\n" + "\n".join(lines))
    assert sum(total.values()) >= 150
    assert set(counts) == {"tensors", "indexing", "nn", "data", "luz", "vision"}


if __name__ == "__main__":                            # a report of every case's outcome
    for case in CASES:
        outcome, detail = run_case(case)
        print(f"{outcome:8} {case.category:8} {case.label}: {detail[:300]!r}")
