"""What R torch's own test suite (translated, tests/test_port_testthat.py) found rtorch
doing otherwise than R torch: each behaviour as R gives it, values against plain PyTorch."""
from __future__ import annotations

import warnings

import pytest
import torch

from rtorch import (as_list, c, class_, dataset, diag, linalg_matrix_rank, linalg_pinv, matrix,
                    named_list, names, nn_cross_entropy_loss, nn_linear, nn_module,
                    nn_module_list, nn_mse_loss, nn_relu, nn_sequential,
                    nn_transformer_encoder_layer, rbind, tensor_dataset, torch_bool, torch_ones,
                    torch_randn, torch_stack, torch_tensor, linalg_cholesky_ex, torch_eye)


def test_diag_with_nrow_and_ncol_is_rs_rectangle():
    assert diag(nrow=3, ncol=2).values.tolist() == [[1, 0], [0, 1], [0, 0]]
    assert diag(c(1, 2), 3).values.tolist() == [[1, 0, 0], [0, 2, 0], [0, 0, 1]]   # recycled


def test_module_double_bracket_by_position_and_name():
    Net = nn_module(initialize=lambda self: (setattr(self, "a", nn_linear(2, 3)),
                                             setattr(self, "b", nn_relu()))[0])
    net = Net()
    assert net[1] is net.a and net["b"] is net.b
    net["c"] = nn_linear(1, 1)
    assert net.c.out_features == 1
    with pytest.raises(IndexError, match="subscript out of bounds"):
        nn_linear(2, 2)[1]


def test_dotted_names_of_a_named_list():
    pars = nn_sequential(nn_linear(2, 1)).parameters
    assert pars.__getattribute__("0_weight") is pars["0.weight"]
    assert named_list(**{"fc.bias": 1}).fc_bias == 1


def test_as_list_of_a_module_list():
    items = as_list(nn_module_list([nn_linear(1, 2), nn_relu()]))
    assert [type(m).__name__ for m in items] == ["nn_linear", "nn_relu"]


def test_loss_modules_inherit_nn_loss():
    assert list(class_(nn_mse_loss())) == ["nn_mse_loss", "nn_loss", "nn_module"]
    assert list(class_(nn_cross_entropy_loss())) == [
        "nn_cross_entropy_loss", "nn_weighted_loss", "nn_loss", "nn_module"]


def test_names_of_named_results():
    assert list(names(linalg_cholesky_ex(torch_eye(2)))) == ["L", "info"]


def test_a_dataset_takes_a_range():
    x, y = torch.randn(5, 3), torch.randn(5)
    ds = tensor_dataset(torch_tensor(x), torch_tensor(y))
    batch = ds[2:3]
    assert torch.equal(batch[0].torch, x[1:3]) and torch.equal(batch[1].torch, y[1:3])


def test_state_dict_keeps_requires_grad_on_detached_copies():
    m = nn_linear(2, 1)
    sd = m.state_dict()
    assert sd.weight.requires_grad and sd.weight.is_leaf
    assert sd.weight.torch.data_ptr() == m.weight.torch.data_ptr()


def test_stride_is_an_r_vector_and_takes_a_1_based_dim():
    x = torch_randn(2, 3)
    assert tuple(x.stride()) == (3, 1) and repr(x.stride()) == "[1] 3 1"
    assert x.stride(1) == 3 and x.stride(-1) == 1


def test_max_min_refuse_dim_and_other_together():
    x = torch_tensor(c(1, 5, 3))
    with pytest.raises(ValueError, match="Can't set other and dim arguments."):
        x.min(dim=1, other=2)
    assert torch.equal(x.max(other=torch_tensor(c(2, 2, 2))).torch, torch.tensor([2., 5., 3.]))


def test_a_list_of_tensors_takes_r_matrices():
    a, b = rbind(c(2, 5, 1), c(3, 2, 1)), rbind(c(4, 2, 9), c(2, 0, 3))
    got = torch_stack([a, b], dim=1)
    want = torch.stack([torch.tensor([[2., 5, 1], [3, 2, 1]]), torch.tensor([[4., 2, 9], [2, 0, 3]])])
    assert torch.equal(got.torch, want)


def test_deprecated_linalg_arguments_warn_as_r_torch():
    a = torch_randn(3, 3)
    with pytest.warns(UserWarning, match="`rcond` is deprecated in favor of `rtol`."):
        p = linalg_pinv(a, rcond=1e-15)
    assert torch.allclose(p.torch, torch.linalg.pinv(a.torch, rtol=1e-15))
    with pytest.warns(UserWarning, match="`tol` argument is deprecated"):
        r = linalg_matrix_rank(a, tol=1e-3)
    assert int(r.item()) == int(torch.linalg.matrix_rank(a.torch, atol=1e-3))


def test_encoder_layer_builds_the_causal_mask():
    layer = nn_transformer_encoder_layer(d_model=4, nhead=1, dropout=0)
    layer.eval()
    x = torch_randn(4, 1, 4)
    mask = torch_ones(c(4, 4), dtype=torch_bool()).triu(diagonal=1)
    assert torch.equal(layer(x, is_causal=True).torch, layer(x, src_mask=mask).torch)


def test_df_is_rs_f_density_and_na_omit_passes_other_objects():
    from rtorch import df, na_omit
    got = df(c(0.5, 1, 2), 3, 5)
    want = torch.distributions.FisherSnedecor(torch.tensor(3.), torch.tensor(5.)).log_prob(
        torch.tensor([0.5, 1., 2.])).exp()
    assert torch.allclose(torch.tensor(got.values, dtype=torch.float32), want)
    assert na_omit(df) is df            # R's na.omit() of a function: the function


def test_class_of_generators_is_rs():
    from rtorch import dataset, optim_sgd
    hello = nn_module(classname="hello", inherit=nn_linear)
    goodbye = nn_module(classname="goodbye", inherit=hello)
    assert list(class_(hello)) == ["hello", "nn_linear", "nn_module", "nn_module_generator"]
    assert list(class_(goodbye)) == ["goodbye", "hello", "nn_linear", "nn_module",
                                     "nn_module_generator"]
    assert list(class_(goodbye(10, 10))) == ["goodbye", "hello", "nn_linear", "nn_module"]
    assert list(class_(optim_sgd)) == ["optim_sgd", "torch_optimizer_generator"]
    ds = dataset(name="my_ds", initialize=lambda self: None, getitem=lambda self, i: i,
                 length=lambda self: 1)
    assert list(class_(ds)) == ["my_ds", "dataset_generator"]


def test_cholesky_and_qr_that_pytorch_removed():
    """R torch's torch_cholesky(), x$cholesky(), torch_qr(), x$qr(): PyTorch 2.14 removed
    its own; R's values (R torch 0.17's output for the same calls)."""
    from rtorch import matrix, c, torch_cholesky, torch_qr, torch_tensor
    a = torch_tensor(matrix(c(4, 1, 1, 3), 2))
    assert repr(torch_cholesky(a)) == ("torch_tensor\n 2.0000  0.0000\n 0.5000  1.6583\n"
                                       "[ CPUFloatType{2,2} ]")
    assert repr(a.cholesky(upper=True)) == ("torch_tensor\n 2.0000  0.5000\n 0.0000  1.6583\n"
                                            "[ CPUFloatType{2,2} ]")
    q, r = torch_qr(a)
    assert torch.allclose((q @ r)._t, a._t, atol=1e-6)
    m = torch_tensor(matrix(c(1, 2, 3, 4, 5, 6), 3))
    assert list(m.qr(some=False)[0].shape) == [3, 3]
