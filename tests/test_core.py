"""Dtypes, devices, creation, operators, conversions and interop, against R torch's documented
behaviour (reference outputs) and plain PyTorch."""
from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest
import torch

from rtorch import *  # noqa: F403


def lines(x) -> str:
    return repr(x)


# ---- dtypes and devices -----------------------------------------------------------------------
@pytest.mark.parametrize("ctor,text", [
    (torch_float, "torch_Float"), (torch_float32, "torch_Float"), (torch_double, "torch_Double"),
    (torch_float64, "torch_Double"), (torch_half, "torch_Half"), (torch_bfloat16, "torch_BFloat16"),
    (torch_long, "torch_Long"), (torch_int64, "torch_Long"), (torch_int, "torch_Int"),
    (torch_int32, "torch_Int"), (torch_short, "torch_Short"), (torch_int8, "torch_Char"),
    (torch_uint8, "torch_Byte"), (torch_bool, "torch_Bool"), (torch_cfloat, "torch_ComplexFloat"),
    (torch_cdouble, "torch_ComplexDouble"), (torch_chalf, "torch_ComplexHalf"),
])
def test_dtype_prints_as_r(ctor, text):
    assert repr(ctor()) == text


def test_dtype_equality_and_interop():
    assert torch_float32() == torch_float()
    assert torch_tensor(1).dtype == torch_float()
    assert torch_tensor(1).dtype == torch.float32
    assert torch_tensor(seq(1, 3)).dtype == torch_long()
    with pytest.raises(TypeError, match="not a dtype"):
        torch_float() == None  # noqa: E711
    assert torch_zeros(2, dtype="float64").dtype == torch_double()
    with pytest.raises(ValueError, match="Error unknown type foo"):
        torch_zeros(2, dtype="foo")


def test_default_dtype():
    assert torch_get_default_dtype() == torch_float()
    torch_set_default_dtype(torch_float64())
    try:
        assert torch_randn(2).dtype == torch_double()
        assert torch_tensor(1.5).dtype == torch_float()      # R doubles stay float32
    finally:
        torch_set_default_dtype(torch_float())


def test_devices():
    assert repr(torch_device("cpu")) == "torch_device(type='cpu')"
    assert repr(torch_device("cuda", 0)) == "torch_device(type='cuda', index=0)"
    assert repr(torch_device("cuda:1")) == "torch_device(type='cuda', index=1)"
    assert torch_tensor(1).device == torch_device("cpu")
    assert torch_device("cuda", 0) != torch_device("cuda")
    with pytest.raises(TypeError, match="y is not a torch_device"):
        torch_device("cpu") == "cpu"
    with pytest.raises(ValueError, match="should not include any index"):
        torch_device("cuda:1", index=0)
    assert cuda_is_available() == torch.cuda.is_available()
    assert cuda_device_count() == torch.cuda.device_count()


def test_to():
    x = torch_tensor(c(1.7, -2.2))
    assert x.to(torch_long()).torch.tolist() == [1, -2]
    assert x.to(dtype=torch_int()).dtype == torch_int()
    assert x.to(device="cpu").device == torch_device("cpu")
    y = torch_tensor(seq(1, 2))
    assert x.to(other=y).dtype == torch_long()
    with pytest.raises(ValueError, match="Error unknown type cpu"):
        x.to("cpu")
    with pytest.raises(ValueError, match="Had `other`"):
        x.to(other=y, dtype=torch_float())


# ---- creation -----------------------------------------------------------------------------------
@pytest.mark.parametrize("data,dtype,shape", [
    (1, torch.float32, (1,)), (2.5, torch.float32, (1,)), (True, torch.bool, (1,)),
    (1 + 2j, torch.complex64, (1,)), ([1, 2, 3], torch.float32, (3,)),
    ([[1, 2], [3, 4]], torch.float32, (2, 2)), ([True, False], torch.bool, (2,)),
    (np.array([1.5, 2.5]), torch.float32, (2,)), (np.array([1, 2]), torch.int64, (2,)),
    (np.array([True]), torch.bool, (1,)), (None, torch.bool, (0,)),
])
def test_torch_tensor_dtype_rules(data, dtype, shape):
    t = torch_tensor(data)
    assert t.torch.dtype == dtype and tuple(t.shape) == shape


def test_r_helpers_and_column_major():
    assert torch_tensor(matrix(seq(1, 6), nrow=2)).torch.tolist() == [[1, 3, 5], [2, 4, 6]]
    a = torch_tensor(array(seq(1, 24), dim=c(4, 3, 2)))
    assert a[2, 3, 1].item() == 10                 # R's a[2, 3, 1] of 1:24 in a 4x3x2 array
    assert torch_tensor(rep(c(1, 2), times=2)).torch.tolist() == [1.0, 2.0, 1.0, 2.0]
    assert torch_tensor(seq_len(3)).dtype == torch_long()


def test_pandas_frames_and_factors():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"a": [1.5, 2.5], "b": [3, 4]})
    assert torch_tensor(df).torch.tolist() == [[1.5, 3.0], [2.5, 4.0]]
    f = pd.Series(pd.Categorical(["b", "a", "b"]))
    t = torch_tensor(f)
    assert t.dtype == torch_long() and t.torch.tolist() == [2, 1, 2]


def test_creation_functions():
    assert repr(torch_arange(1, 5)) == "torch_tensor\n 1\n 2\n 3\n 4\n 5\n[ CPUFloatType{5} ]"
    assert torch_arange(5).torch.tolist() == [1, 2, 3, 4, 5]
    assert torch_arange(0, 1, 0.1).size(1) == 11
    assert torch_arange(as_integer(0), as_integer(5)).dtype == torch_long()
    assert torch_arange(as_integer(1), 5).dtype == torch_float()
    assert torch_linspace(0, 1).size(1) == 100
    assert torch_logspace(0, 1).size(1) == 100
    assert torch_randint(0, 2, size=c(3)).dtype == torch_float()
    assert torch_randint(0, 10, c(2), dtype=torch_long()).dtype == torch_long()
    assert torch_full(c(2), as_integer(1)).dtype == torch_long()
    assert torch_full(c(2), True).dtype == torch_bool()
    assert torch_full(c(2), 1).dtype == torch_float()
    assert torch_randperm(5).sort()[0].torch.tolist() == [0, 1, 2, 3, 4]   # 0-based, as R torch
    assert tuple(torch_zeros(c(2, 3)).shape) == (2, 3)
    assert tuple(torch_ones(2, 3, dtype=torch_long()).shape) == (2, 3)
    assert tuple(torch_empty(2).shape) == (2,)
    assert tuple(torch_zeros_like(torch_ones(2, 2)).shape) == (2, 2)
    assert torch_eye(2, 3).torch.tolist() == [[1, 0, 0], [0, 1, 0]]
    assert torch_scalar_tensor(as_integer(1)).dtype == torch_long()
    assert tuple(torch_scalar_tensor(2.5).shape) == ()
    with pytest.raises(ValueError, match="value must be a length 1 vector"):
        torch_scalar_tensor(c(1, 2))
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        torch_range(1, 3)
    assert "deprecated in favor of torch_arange" in str(w[0].message)


def test_manual_seed_matches_pytorch():
    torch_manual_seed(1)
    a = torch_randn(5).torch
    torch.manual_seed(1)
    assert torch.equal(a, torch.randn(5))


# ---- operators ----------------------------------------------------------------------------------
def test_python_numbers_are_r_doubles():
    x = torch_tensor(seq(1, 3))
    assert (x + 1).dtype == torch_float()
    assert (x * 2).dtype == torch_float()
    assert (x + as_integer(1)).dtype == torch_long()
    assert (1 + x).dtype == torch_float()
    assert (x + True).dtype == torch_long()
    assert (x / as_integer(2)).dtype == torch_float()
    assert (x + c(1, 2, 3)).dtype == torch_float()


def test_left_numbers_make_length_one_tensors():
    s = torch_tensor(2).sum()
    assert tuple((1 - s).shape) == (1,) and repr(1 - s) == "torch_tensor\n-1\n[ CPUFloatType{1} ]"
    assert tuple((s - 1).shape) == () and repr(s - 1) == "torch_tensor\n1\n[ CPUFloatType{} ]"
    assert tuple((s > 0).shape) == (1,)
    assert tuple((s != 0).shape) == ()


def test_r_operators():
    assert (torch_tensor(-7) % 3).item() == -1            # %% is fmod
    assert (torch_tensor(7) % -3).item() == 1
    assert (torch_tensor(-7) // 3).item() == -2           # %/% truncates
    assert (torch_tensor(c(1, 2)) ** 2).torch.tolist() == [1, 4]
    m = torch_tensor(matrix(seq(1, 4), 2))
    assert (m @ m).torch.tolist() == (m.torch @ m.torch).tolist()
    assert (~torch_tensor(c(True, False))).torch.tolist() == [False, True]
    assert (-torch_tensor(c(1, -2))).torch.tolist() == [-1, 2]
    assert ((torch_tensor(c(1, 2)) > 1) & True).torch.tolist() == [False, True]
    assert torch_tensor(c(0.2, -1.3, -0.5)).matmul(c(1, 1, 1)).item() == pytest.approx(-1.6)


# ---- conversions ----------------------------------------------------------------------------------
def test_conversions_to_r():
    m = torch_tensor(rbind(c(1, 2), c(3, 4)))
    assert list(as_numeric(m)) == [1.0, 3.0, 2.0, 4.0]            # column-major
    assert as_integer(torch_tensor(c(1.7, 2.2))).rtype == "integer"
    assert list(as_integer(torch_tensor(c(1.7, 2.2)))) == [1, 2]
    assert list(as_logical(torch_tensor(c(0, 1)))) == [False, True]
    assert as_matrix(torch_tensor(c(1, 2))).values.shape == (2, 1)
    assert as_matrix(torch_ones(2, 2, 2)).values.shape == (8, 1)
    a = as_array(torch_tensor(matrix(seq(1, 6), 2)))
    assert a.values.shape == (2, 3) and a.rtype == "integer"
    assert as_array(torch_tensor(2.5).sum()).values.shape == (1,)
    with pytest.raises(TypeError, match="dtype 'Short' not handled"):
        as_array(torch_ones(2, dtype=torch_short()))
    assert torch_tensor(c(1, 2, 3)).item.__doc__
    assert repr(length(torch_ones(2, 3))) == "[1] 6" and len(torch_ones(2, 3)) == 2
    assert list(dim(torch_ones(2, 3))) == [2, 3]


def test_r_generics_on_tensors_and_builtins():
    x = torch_tensor(c(1, 5, 3))
    assert sum(x).item() == 9 and max(x).item() == 5 and min(x).item() == 1
    assert mean(x).item() == 3 and prod(x).item() == 15
    assert sum([1, 2, 3]) == 6 and max(3, 4) == 4 and abs(-2) == 2 and round(2.567, 1) == 2.6
    assert all([True, True]) and any([False, True])
    with pytest.raises(ValueError, match="Torch tensors do not have NAs!"):
        sum(x, na_rm=True)
    assert repr(sum(outer(seq(1, 3), seq(1, 6)))) == "[1] 126"


# ---- 1-based functions (values against 0-based PyTorch) ------------------------------------------------
def test_index_functions():
    assert torch_argmax(torch_tensor(matrix(c(1, 5, 3, 2), 2))).item() == 3
    v, i = torch_tensor(c(1, 2, 3)).max(dim=1)
    assert v.item() == 3 and i.item() == 3 and i.dtype == torch_long()
    v, i = torch_sort(torch_tensor(c(3, 1, 2)))
    assert i.torch.tolist() == [2, 3, 1]
    assert torch_sort(torch_tensor(c(3, 1, 2)), descending=True)[1].torch.tolist() == [1, 3, 2]
    assert torch_argsort(torch_tensor(c(3, 1, 2))).torch.tolist() == [2, 3, 1]
    assert torch_topk(torch_tensor(c(3, 1, 2)), 2)[1].torch.tolist() == [1, 3]
    assert repr(torch_nonzero(torch_tensor(c(0, 1, 0, 2)))) == \
        "torch_tensor\n 2\n 4\n[ CPULongType{2,1} ]"
    assert torch_nonzero(torch_tensor(matrix(c(1, 0, 0, 2), 2))).torch.tolist() == [[1, 1], [2, 2]]
    w = torch_where(torch_tensor(c(-1, 2, 0, 3)) > 0)
    assert len(w) == 1 and w[0].torch.tolist() == [2, 4]
    assert torch_where(torch_tensor(c(True, False)), 1, 2).torch.tolist() == [1, 2]
    x = torch_tensor(c(10, 20, 30))
    assert torch_gather(x, 1, torch_tensor(as_integer(c(3, 1)))).torch.tolist() == [30, 10]
    assert x.index_select(1, torch_tensor(as_integer(c(2)))).torch.tolist() == [20]
    assert torch_take(x, torch_tensor(as_integer(c(1, 3)))).torch.tolist() == [10, 30]
    s = torch_zeros(3).scatter(1, torch_tensor(as_integer(c(2))), torch_ones(1))
    assert s.torch.tolist() == [0, 1, 0]
    assert x.narrow(1, 2, 2).torch.tolist() == [20, 30]
    assert torch_narrow(x, 1, 2, 1).torch.tolist() == [20]
    with pytest.raises(IndexError, match="start indexing starts at 1"):
        x.narrow(1, 0, 2)
    assert tuple(torch_movedim(torch_randn(3, 2, 1), 1, 3).shape) == (2, 1, 3)
    with pytest.raises(IndexError, match="Dimension is 1-based, but found 0."):
        torch_movedim(torch_randn(3, 2), 0, 1)
    idx = torch_tril_indices(3, 3)
    assert idx.torch.tolist() == (torch.tril_indices(3, 3) + 1).tolist()
    torch_manual_seed(3)
    s = torch_multinomial(torch_tensor(c(0, 0, 1)), 2, replacement=True)
    assert s.torch.tolist() == [3, 3]
    assert torch_tensor(c(0, 0, 1)).multinomial(1).torch.tolist() == [2]   # the method: 0-based
    assert torch_tensor(seq(1, 2)).tile(c(2)).torch.tolist() == [1, 2, 1, 2]
    assert torch_bincount(torch_tensor(as_integer(c(1, 1, 3)))).torch.tolist() == [2, 0, 1]


def test_zero_based_leaks_kept():
    assert torch_cummax(torch_tensor(c(1, 3, 2)), dim=1)[1].torch.tolist() == [0, 1, 1]
    assert torch_kthvalue(torch_tensor(c(3, 1, 2)), 1)[1].item() == 1
    assert torch_searchsorted(torch_tensor(c(1, 3, 5)), torch_tensor(c(0, 3, 6))).torch.tolist() == [0, 1, 3]


def test_dims_one_based():
    x = torch_randn(2, 3, 4)
    assert tuple(x.permute(c(3, 1, 2)).shape) == (4, 2, 3)
    assert tuple(x.transpose(1, 3).shape) == (4, 3, 2)
    assert tuple(torch_flatten(x, start_dim=2).shape) == (2, 12)
    assert tuple(x.unsqueeze(1).shape) == (1, 2, 3, 4)
    assert x.size(1) == 2 and x.size(-1) == 4
    assert tuple(x.sum(dim=c(1, 2)).shape) == (4,)
    assert tuple(torch_cat([torch_ones(2, 2), torch_zeros(1, 2)], dim=1).shape) == (3, 2)
    assert tuple(torch_stack([torch_ones(2), torch_zeros(2)], dim=2).shape) == (2, 2)
    assert tuple(x.rot90().shape) == (3, 2, 4)
    assert torch.equal(torch_tensordot(x, torch_ones(3, 4)).torch, torch.tensordot(x.torch, torch.ones(3, 4)))
    a, b = torch_randn(3, 4, 5), torch_randn(4, 3, 2)
    assert torch.equal(torch_tensordot(a, b, list((c(2, 1), c(1, 2)))).torch,
                       torch.tensordot(a.torch, b.torch, ([1, 0], [0, 1])))
    assert tuple(torch_fft_fft(torch_ones(2, 4), dim=1).shape) == (2, 4)
    assert torch.allclose(linalg_norm(torch_ones(2, 3), dim=1).torch, torch.linalg.norm(torch.ones(2, 3), dim=0))
    A = torch_eye(4 * 6).reshape(c(4, 6, 8, 3))
    assert torch.equal(linalg_tensorinv(A, ind=3).torch, torch.linalg.tensorinv(A.torch, ind=2))


# ---- errors in 1-based terms ------------------------------------------------------------------------
@pytest.mark.parametrize("call,message", [
    (lambda: torch_sum(torch_tensor(1), dim=2), r"expected to be in range of \[-1, 1\], but got 2\)"),
    (lambda: torch_sum(torch_tensor(1), dim=-2), r"expected to be in range of \[-1, 1\], but got -2\)"),
    (lambda: torch_sum(torch_randn(2, 2, 2), dim=c(1, 4)), r"\[-3, 3\], but got 4\)"),
    (lambda: torch_transpose(torch_randn(2, 2), 3, 1), r"\[-2, 2\], but got 3\)"),
    (lambda: torch_flatten(torch_randn(2, 2), start_dim=3), r"\[-2, 2\], but got 3\)"),
    (lambda: torch_sum(torch_randn(2), dim=0), "Indexing starts at 1 but found a 0."),
    (lambda: torch_randn(2).unsqueeze(0), "Indexing starts at 1 but found a 0."),
    (lambda: torch_randn(2).size(0), "Indexing starts at 1 and got a 0."),
    (lambda: torch_randn(2).size(3), r"expected to be in range of \[-1, 1\], but got 3\)"),
    (lambda: torch_cat([torch_randn(8, 2, 7), torch_randn(8, 3, 7)], dim=1),
     "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 2 in the list."),
    (lambda: torch_gather(torch_randn(3), 1, torch_tensor(as_integer(c(0)))), "Indexing starts at 1 but found a 0."),
    (lambda: torch_mm(torch_randn(2, 3), torch_randn(2, 3)), r"mat1 and mat2 shapes cannot be multiplied \(2x3 and 2x3\)"),
    (lambda: torch_randn(2, 3) + torch_randn(3, 2), "at non-singleton dimension 2"),
    (lambda: torch_tensor("a"), "R type not handled"),
])
def test_errors_speak_one_based(call, message):
    with pytest.raises(Exception, match=message):
        call()


# ---- interop and memory -------------------------------------------------------------------------------
def test_pytorch_accepts_rtorch_tensors():
    x = torch_tensor(c(-1, 2))
    assert torch.nn.functional.relu(x).tolist() == [0.0, 2.0]
    assert type(torch.add(x, 1)) is torch.Tensor
    assert torch.as_tensor(x).data_ptr() == x.torch.data_ptr()
    assert np.asarray(x).tolist() == [-1.0, 2.0]
    lin = torch.nn.Linear(2, 1)
    assert lin(torch_ones(3, 2)).shape == (3, 1)


def test_rtorch_accepts_pytorch_tensors():
    t = torch.arange(6.0).reshape(2, 3)
    assert torch_sum(t, dim=1).torch.tolist() == [3.0, 5.0, 7.0]
    assert torch_tensor(t).torch is t                    # no copy
    assert torch_tensor(torch_tensor(t)).torch.data_ptr() != t.data_ptr()   # R clones its own


def test_conversion_shares_storage_and_costs_little():
    t = torch.randn(1000, 1000)
    x = torch_tensor(t)
    assert x.torch.data_ptr() == t.data_ptr()
    assert torch.as_tensor(x).data_ptr() == t.data_ptr()
    x[1, 1] = 5
    assert t[0, 0].item() == 5
    assert sys.getsizeof(x) <= 64                         # a fixed, small Python object
    assert not hasattr(x, "__dict__")


def test_autograd_through_rtorch():
    x = torch_tensor(c(1, 2), requires_grad=True)
    y = (x * x).sum()
    y.backward()
    assert x.grad.torch.tolist() == [2.0, 4.0]
    assert repr(x) == "torch_tensor\n 1\n 2\n[ CPUFloatType{2} ][ requires_grad = TRUE ]"
    assert repr(x * 2).endswith("[ grad_fn = <MulBackward1> ]")      # R: mul.Scalar's node
    assert repr((x * 2).grad_fn) == "MulBackward1" and x.grad_fn is None
    assert (x * 2).grad_fn.torch.next_functions[0][0] is not None     # PyTorch's node


def test_serialization_round_trip(tmp_path):
    x = torch_tensor(matrix(seq(1, 4), 2))
    p = tmp_path / "x.pt"
    torch_save([x, dict(a=x)], p)
    y = torch_load(p)
    assert torch.equal(y[0].torch, x.torch) and torch.equal(y[1]["a"].torch, x.torch)
    torch.save({"w": torch.ones(2)}, tmp_path / "sd.pt")
    assert torch_load(tmp_path / "sd.pt")["w"].torch.tolist() == [1.0, 1.0]
    (tmp_path / "bad.pt").write_bytes(b"not a torch file")
    with pytest.raises(RuntimeError, match="not a readable torch file"):
        torch_load(tmp_path / "bad.pt")


def test_dtypes_and_devices_are_hashable():
    assert {torch_float(): 1}[torch_float32()] == 1
    assert {torch_device("cpu"): 1}[torch_tensor(1).device] == 1


def test_a_row_index_on_a_vector_is_too_many_indices_and_numpy_columns_select():
    x = torch_tensor(c(1, 2, 3))
    with pytest.raises(IndexError, match="too many indices"):
        x[1, :]
    m = torch_tensor(matrix(seq(1, 6), nrow = 2))
    assert m[1, np.array([1, 3])].torch.tolist() == [1, 5]
    assert m[2, np.array([True, False, True])].torch.tolist() == [2, 6]
