"""R torch's own objects and results: generators, R-only tensor methods, 1-based names,
full results, smaller R rules (R torch's tests and documented values)."""
from __future__ import annotations

import pytest
import torch

from rtorch import *  # noqa: F403


# -- torch_generator() ----------------------------------------------------------------------
def test_generator_seeds_as_r_test_suite():
    g = torch_generator()
    assert repr(g) == "torch_generator()"
    g.set_current_seed(as_integer(12345678))
    assert g.current_seed() == 12345678
    g.set_current_seed(123456789101112)          # bit64::as.integer64(123456789101112)
    assert g.current_seed() == 123456789101112


def test_generator_rejects_a_double_as_r_does():
    g = torch_generator()
    with pytest.raises(TypeError, match="Seed must be integer or integer64."):
        g.set_current_seed(1.5)
    with pytest.raises(TypeError, match="Seed must be integer or integer64."):
        g.set_current_seed(c(1, 2))


def test_generator_is_usable_as_generator_everywhere():
    g = torch_generator()
    ref = torch.Generator().manual_seed(7)
    g.set_current_seed(as_integer(7))
    assert torch.equal(torch_randn(3, generator=g).torch, torch.randn(3, generator=ref))
    g.set_current_seed(as_integer(7)); ref.manual_seed(7)
    x = torch_empty(5).uniform_(0, 1, generator=g)
    assert torch.equal(x.torch, torch.empty(5).uniform_(0, 1, generator=ref))
    g.set_current_seed(as_integer(7)); ref.manual_seed(7)
    assert torch.equal(torch_randperm(6, generator=g).torch, torch.randperm(6, generator=ref))  # 0-based, as R's


@pytest.mark.parametrize("method,args", [
    ("bernoulli_", (0.5,)), ("cauchy_", ()), ("exponential_", ()), ("geometric_", (0.5,)),
    ("log_normal_", ()), ("normal_", ()), ("uniform_", ())])
def test_generator_drives_every_r_sampling_method(method, args):
    g = torch_generator()
    g.set_current_seed(as_integer(3))
    got = getattr(torch_empty(4), method)(*args, generator=g)
    want = getattr(torch.empty(4), method)(*args, generator=torch.Generator().manual_seed(3))
    assert torch.equal(got.torch, want)


# -- R-only tensor methods ---------------------------------------------------------------------
def test_narrow_copy_is_one_based():
    x = torch_tensor(matrix(seq(1, 12), nrow=3))
    y = x.narrow_copy(2, 2, 2)
    assert torch.equal(y.torch, x.torch[:, 1:3])
    assert y.torch.data_ptr() != x.torch.data_ptr()


def test_is_sparse_and_friends_are_methods():
    x = torch_randn(2, 2)
    assert repr(x.is_sparse()) == "[1] FALSE"            # an R logical, as R prints it
    assert not x.is_sparse() and not x.is_sparse_csr() and not x.is_quantized()
    assert not x.is_sparse                       # PyTorch's field reading still works
    assert x.to_sparse().is_sparse() and x.to_sparse().is_sparse
    q = torch_quantize_per_tensor(torch_randn(3), 0.1, 10, torch_quint8())
    assert q.is_quantized() and repr(q.is_quantized()) == "[1] TRUE"


def test_as_character_of_device_and_dtype():
    assert as_character(torch_device("cpu")).tolist() == ["cpu"]
    assert as_character(torch_device("cuda", 0)).tolist() == ["cuda:0"]
    assert as_character(torch_float()).tolist() == ["Float"]
    assert as_character(torch_long()).tolist() == ["Long"]


# -- 1-based names and containers -------------------------------------------------------------
def test_recurrent_parameters_have_r_names():
    m = nn_lstm(3, 4, num_layers=2, bidirectional=True)
    assert m.state_dict().names()[:5] == ["weight_ih_l1", "weight_hh_l1", "bias_ih_l1",
                                          "bias_hh_l1", "weight_ih_l1_reverse"]
    assert "bias_hh_l2_reverse" in m.parameters.names()
    assert m.weight_ih_l1.shape == (16, 3)
    assert nn_gru(2, 3).parameters.names() == ["weight_ih_l1", "weight_hh_l1", "bias_ih_l1",
                                               "bias_hh_l1"]
    rnn = nn_rnn(2, 3, bias=False)
    assert rnn.parameters.names() == ["weight_ih_l1", "weight_hh_l1"]
    assert rnn.bias_ih_l1 is None                          # R: expect_null(lstm$bias_ih_l1)


def test_recurrent_layers_load_r_and_pytorch_named_dicts():
    torch.manual_seed(1)
    ref = torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True)
    x = torch_randn(5, 2, 3)
    m = nn_lstm(3, 4, num_layers=2, bidirectional=True)
    m.load_state_dict(ref.state_dict())                      # PyTorch's names (l0, l1)
    want = ref(x.torch)[0]
    assert torch.allclose(m(x)[0].torch, want)
    assert torch.equal(m.weight_ih_l2.torch, ref.weight_ih_l1)
    m2 = nn_lstm(3, 4, num_layers=2, bidirectional=True)
    m2.load_state_dict(m.state_dict())                       # R's names (l1, l2)
    assert torch.allclose(m2(x)[0].torch, want)


def test_packed_sequence_indices_are_one_based():
    x = torch_randn(5, 3, 2)
    p = nn_utils_rnn_pack_padded_sequence(x, c(2, 5, 3), enforce_sorted=False)
    ref = torch.nn.utils.rnn.pack_padded_sequence(x.torch, torch.tensor([2, 5, 3]),
                                                  enforce_sorted=False)
    assert p.sorted_indices.tolist() == (ref.sorted_indices + 1).tolist() == [2, 3, 1]
    assert p.unsorted_indices.tolist() == (ref.unsorted_indices + 1).tolist()
    rnn = nn_gru(2, 4)
    out, h = rnn(p)
    assert out.sorted_indices.tolist() == [2, 3, 1]
    padded, lengths = nn_utils_rnn_pad_packed_sequence(out)
    assert lengths.tolist() == [2, 5, 3]
    assert padded.shape == (5, 3, 4)


def test_bincount_counts_one_based_values():
    x = torch_tensor(c(1, 2, 3, 1), dtype=torch_int64())      # R's test-with-indices
    assert length(torch_bincount(x)).tolist() == [3]
    assert length(x.bincount()).tolist() == [3]
    assert x.bincount().tolist() == [2, 1, 1]
    with pytest.raises(Exception, match="Indexing starts at 1 but found a 0."):
        torch_bincount(torch_tensor(c(1, 2, 3, 1, 0), dtype=torch_int64()))


def test_transformer_encoder_layers_is_a_module_list():
    enc = nn_transformer_encoder(nn_transformer_encoder_layer(8, 2), num_layers=2)
    assert type(enc.layers).__name__ == "nn_module_list"
    assert enc.layers[1] is list(enc.layers)[0]
    assert enc(torch_randn(3, 2, 8)).shape == (3, 2, 8)


# -- full results ---------------------------------------------------------------------------
def test_unique_consecutive_returns_three_items():
    x = torch_tensor(c(1, 1, 2, 2, 3, 1, 1, 2))
    out, inverse, counts = torch_unique_consecutive(x)
    assert out.tolist() == [1, 2, 3, 1, 2]
    assert inverse.shape == (0,) and counts.shape == (0,)
    assert inverse.dtype == torch_long() and counts.dtype == torch_long()
    _, inverse, counts = torch_unique_consecutive(x, return_inverse=True, return_counts=True)
    want = torch.unique_consecutive(x.torch, return_inverse=True, return_counts=True)
    assert inverse.tolist() == want[1].tolist()              # 0-based, as R torch's
    assert counts.tolist() == [2, 2, 1, 2, 1]


# -- smaller R rules --------------------------------------------------------------------------
def test_as_array_of_an_r_matrix_keeps_its_dims():
    m = matrix(seq(1, 6), nrow=2)
    assert dim(as_array(m)).tolist() == [2, 3]
    assert dim(as_array(array(seq(1, 24), dim=c(2, 3, 4)))).tolist() == [2, 3, 4]


def test_tensor_from_an_r_matrix_is_contiguous():
    t = torch_tensor(matrix(seq(1, 6), nrow=2))
    assert t.is_contiguous()
    assert t.view(c(3, 2)).tolist() == torch.tensor([[1, 3, 5], [2, 4, 6]]).view(3, 2).tolist()


def test_batch_norm_loads_a_dict_without_num_batches_tracked():
    bn = nn_batch_norm1d(3)
    bn.num_batches_tracked.fill_(5)
    sd = {k: v for k, v in bn.state_dict().items() if k != "num_batches_tracked"}
    sd["running_mean"] = torch_ones(3)
    bn.load_state_dict(sd)
    assert bn.num_batches_tracked.item() == 0
    assert bn.running_mean.tolist() == [1, 1, 1]
    with pytest.raises(ValueError, match="Could not find running_var in the state_dict."):
        nn_batch_norm1d(3).load_state_dict({"weight": torch_ones(3), "bias": torch_ones(3),
                                           "running_mean": torch_ones(3)})


def test_a_list_of_tensors_prints_as_r_prints_a_list():
    from rtorch.printing import format_value
    from rtorch.rscript import run_source
    import contextlib
    import io
    import rtorch
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run_source("torch_split(torch_tensor(c(1, 2, 3)), 2)",
                   {n: getattr(rtorch, n) for n in rtorch.__all__})
    assert out.getvalue() == ("[[1]]\ntorch_tensor\n 1\n 2\n[ CPUFloatType{2} ]\n\n"
                              "[[2]]\ntorch_tensor\n 3\n[ CPUFloatType{1} ]\n\n")
    assert format_value((1, 2)) == "(1, 2)"
