"""Every derived ``nn_*`` layer: built with R's arguments, called on rtorch tensors, checked
against the PyTorch module (shape, and values where the layer is deterministic); the 1-based
layers against 0-based PyTorch."""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

import rtorch
from rtorch import (as_integer, c, nn_adaptive_max_pool2d, nn_cross_entropy_loss, nn_embedding,
                    nn_embedding_bag, nn_flatten, nn_linear, nn_lstm, nn_max_pool2d,
                    nn_max_unpool2d, nn_multi_margin_loss, nn_multilabel_margin_loss,
                    nn_nll_loss, nn_softmax, nn_unflatten, torch_int, torch_randn, torch_tensor)
from rtorch.nn_layers import R_NN_LAYERS, torch_layers, r_name_of
from rtorch.tensor import Tensor
from test_coverage import r_names


def X(*shape):
    return torch_randn(*shape)


def L(*values):
    """A Long tensor of R integers."""
    return torch_tensor(as_integer(c(*values)))


def P(*shape):
    """Probabilities in (0, 1)."""
    return torch_tensor(torch.rand(*shape) * 0.8 + 0.1)


# R name -> (constructor args, constructor kwargs, inputs, expected output shape)
ACT = ((), {}, lambda: [X(2, 3)], (2, 3))
LOSS = ((), {}, lambda: [X(4, 3), X(4, 3)], ())
CASES = {
    "nn_adaptive_avg_pool1d": ((2,), {}, lambda: [X(1, 3, 8)], (1, 3, 2)),
    "nn_adaptive_avg_pool2d": ((c(2, 3),), {}, lambda: [X(1, 3, 8, 8)], (1, 3, 2, 3)),
    "nn_adaptive_avg_pool3d": ((2,), {}, lambda: [X(1, 3, 4, 4, 4)], (1, 3, 2, 2, 2)),
    "nn_adaptive_log_softmax_with_loss": ((16, 10, c(4, 8)), {}, lambda: [X(5, 16), L(1, 2, 5, 9, 10)],
                                          None),
    "nn_adaptive_max_pool1d": ((2,), {}, lambda: [X(1, 3, 8)], (1, 3, 2)),
    "nn_adaptive_max_pool2d": ((2,), {}, lambda: [X(1, 3, 8, 8)], (1, 3, 2, 2)),
    "nn_adaptive_max_pool3d": ((2,), {}, lambda: [X(1, 3, 4, 4, 4)], (1, 3, 2, 2, 2)),
    "nn_alpha_dropout": ACT,
    "nn_avg_pool1d": ((2,), {}, lambda: [X(1, 3, 8)], (1, 3, 4)),
    "nn_avg_pool2d": ((2,), {}, lambda: [X(1, 3, 8, 8)], (1, 3, 4, 4)),
    "nn_avg_pool3d": ((2,), {}, lambda: [X(1, 3, 4, 4, 4)], (1, 3, 2, 2, 2)),
    "nn_batch_norm1d": ((3,), {}, lambda: [X(4, 3)], (4, 3)),
    "nn_batch_norm2d": ((3,), {}, lambda: [X(4, 3, 5, 5)], (4, 3, 5, 5)),
    "nn_batch_norm3d": ((3,), {}, lambda: [X(2, 3, 2, 2, 2)], (2, 3, 2, 2, 2)),
    "nn_bce_loss": ((), {}, lambda: [P(4, 3), P(4, 3)], ()),
    "nn_bce_with_logits_loss": LOSS,
    "nn_bilinear": ((3, 4, 5), {}, lambda: [X(2, 3), X(2, 4)], (2, 5)),
    "nn_celu": ACT,
    "nn_channel_shuffle": ((2,), {}, lambda: [X(1, 4, 2, 2)], (1, 4, 2, 2)),
    "nn_circular_pad1d": ((1,), {}, lambda: [X(1, 2, 4)], (1, 2, 6)),
    "nn_circular_pad2d": ((1,), {}, lambda: [X(1, 2, 4, 4)], (1, 2, 6, 6)),
    "nn_circular_pad3d": ((1,), {}, lambda: [X(1, 2, 3, 3, 3)], (1, 2, 5, 5, 5)),
    "nn_constant_pad1d": ((1, 0.5), {}, lambda: [X(1, 2, 4)], (1, 2, 6)),
    "nn_constant_pad2d": ((1, 0.5), {}, lambda: [X(1, 2, 4, 4)], (1, 2, 6, 6)),
    "nn_constant_pad3d": ((1, 0.5), {}, lambda: [X(1, 2, 3, 3, 3)], (1, 2, 5, 5, 5)),
    "nn_conv1d": ((2, 4, 3), {}, lambda: [X(1, 2, 8)], (1, 4, 6)),
    "nn_conv2d": ((1, 16, 3), {}, lambda: [X(1, 1, 8, 8)], (1, 16, 6, 6)),
    "nn_conv3d": ((1, 2, c(3, 3, 3)), {}, lambda: [X(1, 1, 4, 4, 4)], (1, 2, 2, 2, 2)),
    "nn_conv_transpose1d": ((2, 4, 3), {}, lambda: [X(1, 2, 6)], (1, 4, 8)),
    "nn_conv_transpose2d": ((2, 4, 3), {}, lambda: [X(1, 2, 6, 6)], (1, 4, 8, 8)),
    "nn_conv_transpose3d": ((2, 4, 3), {}, lambda: [X(1, 2, 2, 2, 2)], (1, 4, 4, 4, 4)),
    "nn_cosine_embedding_loss": ((), {}, lambda: [X(4, 3), X(4, 3), torch_tensor(c(1, -1, 1, -1))], ()),
    "nn_cosine_similarity": ((), {}, lambda: [X(4, 3), X(4, 3)], (4,)),
    "nn_cross_entropy_loss": ((), {}, lambda: [X(4, 3), L(1, 2, 3, 1)], ()),
    "nn_cross_map_lrn2d": ((3,), {}, lambda: [X(1, 4, 3, 3)], (1, 4, 3, 3)),
    "nn_ctc_loss": ((), {}, lambda: [torch_tensor(torch.randn(10, 2, 5).log_softmax(2)),
                                    torch_tensor(torch.randint(1, 5, (2, 4))),
                                    torch_tensor(torch.full((2,), 10)),
                                    torch_tensor(torch.full((2,), 4))], ()),
    "nn_dropout": ACT, "nn_dropout1d": ((), {}, lambda: [X(2, 3, 4)], (2, 3, 4)),
    "nn_dropout2d": ((), {}, lambda: [X(2, 3, 4, 4)], (2, 3, 4, 4)),
    "nn_dropout3d": ((), {}, lambda: [X(2, 3, 2, 2, 2)], (2, 3, 2, 2, 2)),
    "nn_elu": ACT,
    "nn_embedding": ((10, 3), {}, lambda: [L(1, 5, 10)], (3, 3)),
    "nn_embedding_bag": ((10, 3), {}, lambda: [L(1, 2, 3, 4), L(0, 2)], (2, 3)),   # offsets 0-based
    "nn_feature_alpha_dropout": ((), {}, lambda: [X(2, 3, 4)], (2, 3, 4)),
    "nn_flatten": ((), {}, lambda: [X(2, 3, 4)], (2, 12)),
    "nn_fold": ((c(3, 3), 2), {}, lambda: [X(1, 4, 4)], (1, 1, 3, 3)),
    "nn_fractional_max_pool2d": ((2,), {"output_size": 3}, lambda: [X(1, 2, 8, 8)], (1, 2, 3, 3)),
    "nn_fractional_max_pool3d": ((2,), {"output_size": 2}, lambda: [X(1, 2, 4, 4, 4)], (1, 2, 2, 2, 2)),
    "nn_gaussian_nll_loss": ((), {}, lambda: [X(4, 3), X(4, 3), P(4, 3)], ()),
    "nn_gelu": ACT,
    "nn_glu": ((), {}, lambda: [X(2, 4)], (2, 2)),
    "nn_group_norm": ((2, 4), {}, lambda: [X(2, 4, 3)], (2, 4, 3)),
    "nn_gru": ((3, 5), {}, lambda: [X(7, 2, 3)], None),
    "nn_gru_cell": ((3, 5), {}, lambda: [X(2, 3)], (2, 5)),
    "nn_hardshrink": ACT, "nn_hardsigmoid": ACT, "nn_hardswish": ACT, "nn_hardtanh": ACT,
    "nn_hinge_embedding_loss": ((), {}, lambda: [X(4, 3), torch_tensor(torch.ones(4, 3))], ()),
    "nn_huber_loss": LOSS,
    "nn_identity": ((54,), {"unused": 1}, lambda: [X(2, 3)], (2, 3)),
    "nn_instance_norm1d": ((3,), {}, lambda: [X(2, 3, 5)], (2, 3, 5)),
    "nn_instance_norm2d": ((3,), {}, lambda: [X(2, 3, 4, 4)], (2, 3, 4, 4)),
    "nn_instance_norm3d": ((3,), {}, lambda: [X(2, 3, 2, 2, 2)], (2, 3, 2, 2, 2)),
    "nn_kl_div_loss": ((), {"reduction": "batchmean"}, lambda: [X(4, 3), P(4, 3)], ()),
    "nn_l1_loss": LOSS,
    "nn_layer_norm": ((c(3, 4),), {}, lambda: [X(2, 3, 4)], (2, 3, 4)),
    "nn_leaky_relu": ACT,
    "nn_linear": ((3, 1), {}, lambda: [X(10, 3)], (10, 1)),
    "nn_linear_cross_entropy_loss": ((4, 3), {}, lambda: [X(5, 4), L(1, 2, 3, 1, 2)], ()),
    "nn_local_response_norm": ((2,), {}, lambda: [X(1, 4, 3, 3)], (1, 4, 3, 3)),
    "nn_log_sigmoid": ACT,
    "nn_log_softmax": ((2,), {}, lambda: [X(2, 3)], (2, 3)),
    "nn_lp_pool1d": ((2, 2), {}, lambda: [X(1, 3, 8)], (1, 3, 4)),
    "nn_lp_pool2d": ((2, 2), {}, lambda: [X(1, 3, 8, 8)], (1, 3, 4, 4)),
    "nn_lp_pool3d": ((2, 2), {}, lambda: [X(1, 3, 4, 4, 4)], (1, 3, 2, 2, 2)),
    "nn_lstm": ((3, 5), {}, lambda: [X(7, 2, 3)], None),
    "nn_lstm_cell": ((3, 5), {}, lambda: [X(2, 3)], None),
    "nn_margin_ranking_loss": ((), {}, lambda: [X(4), X(4), torch_tensor(c(1, -1, 1, 1))], ()),
    "nn_max_pool1d": ((2,), {}, lambda: [X(1, 3, 8)], (1, 3, 4)),
    "nn_max_pool2d": ((2,), {}, lambda: [X(1, 3, 8, 8)], (1, 3, 4, 4)),
    "nn_max_pool3d": ((2,), {}, lambda: [X(1, 3, 4, 4, 4)], (1, 3, 2, 2, 2)),
    "nn_max_unpool1d": ((2,), {}, lambda: list(nn_max_pool1d_ret(X(1, 3, 8))), (1, 3, 8)),
    "nn_max_unpool2d": ((2,), {}, lambda: list(nn_max_pool2d(2, return_indices=True)(X(1, 3, 8, 8))),
                        (1, 3, 8, 8)),
    "nn_max_unpool3d": ((2,), {}, lambda: list(rtorch.nn_max_pool3d(2, return_indices=True)(
        X(1, 3, 4, 4, 4))), (1, 3, 4, 4, 4)),
    "nn_mish": ACT,
    "nn_mse_loss": LOSS,
    "nn_multi_margin_loss": ((), {}, lambda: [X(4, 3), L(1, 2, 3, 1)], ()),
    "nn_multihead_attention": ((4, 2), {}, lambda: [X(3, 2, 4), X(3, 2, 4), X(3, 2, 4)], None),
    "nn_multilabel_margin_loss": ((), {}, lambda: [X(2, 4), L(1, 3, -1, 1, 2, 4, -1, 1).reshape(c(2, 4))],
                                  ()),
    "nn_multilabel_soft_margin_loss": ((), {}, lambda: [X(4, 3), torch_tensor(torch.randint(0, 2, (4, 3)).float())], ()),
    "nn_nll_loss": ((), {}, lambda: [X(4, 3), L(1, 2, 3, 1)], ()),
    "nn_pairwise_distance": ((), {}, lambda: [X(4, 3), X(4, 3)], (4,)),
    "nn_pixel_shuffle": ((2,), {}, lambda: [X(1, 4, 2, 2)], (1, 1, 4, 4)),
    "nn_pixel_unshuffle": ((2,), {}, lambda: [X(1, 1, 4, 4)], (1, 4, 2, 2)),
    "nn_poisson_nll_loss": LOSS,
    "nn_prelu": ACT,
    "nn_reflection_pad1d": ((1,), {}, lambda: [X(1, 2, 4)], (1, 2, 6)),
    "nn_reflection_pad2d": ((c(1, 1, 2, 2),), {}, lambda: [X(1, 2, 4, 4)], (1, 2, 8, 6)),
    "nn_reflection_pad3d": ((1,), {}, lambda: [X(1, 2, 3, 3, 3)], (1, 2, 5, 5, 5)),
    "nn_relu": ACT, "nn_relu6": ACT,
    "nn_replication_pad1d": ((1,), {}, lambda: [X(1, 2, 4)], (1, 2, 6)),
    "nn_replication_pad2d": ((1,), {}, lambda: [X(1, 2, 4, 4)], (1, 2, 6, 6)),
    "nn_replication_pad3d": ((1,), {}, lambda: [X(1, 2, 3, 3, 3)], (1, 2, 5, 5, 5)),
    "nn_rms_norm": ((3,), {}, lambda: [X(2, 3)], (2, 3)),
    "nn_rnn": ((3, 5, 2), {}, lambda: [X(7, 2, 3)], None),
    "nn_rnn_cell": ((3, 5), {}, lambda: [X(2, 3)], (2, 5)),
    "nn_rrelu": ACT, "nn_selu": ACT, "nn_sigmoid": ACT, "nn_silu": ACT,
    "nn_smooth_l1_loss": LOSS,
    "nn_soft_margin_loss": ((), {}, lambda: [X(4, 3), torch_tensor(torch.ones(4, 3))], ()),
    "nn_softmax": ((2,), {}, lambda: [X(2, 3)], (2, 3)),
    "nn_softmax2d": ((), {}, lambda: [X(1, 3, 2, 2)], (1, 3, 2, 2)),
    "nn_softmin": ((1,), {}, lambda: [X(2, 3)], (2, 3)),
    "nn_softplus": ACT, "nn_softshrink": ACT, "nn_softsign": ACT,
    "nn_sync_batch_norm": None,                     # needs a process group
    "nn_tanh": ACT, "nn_tanhshrink": ACT,
    "nn_threshold": ((0.1, 20), {}, lambda: [X(2, 3)], (2, 3)),
    "nn_transformer": ((8, 2, 1, 1, 16), {"batch_first": True}, lambda: [X(2, 5, 8), X(2, 4, 8)], (2, 4, 8)),
    "nn_transformer_decoder": ((rtorch.nn_transformer_decoder_layer(8, 2, 16), 2), {},
                               lambda: [X(4, 2, 8), X(5, 2, 8)], (4, 2, 8)),
    "nn_transformer_decoder_layer": ((8, 2, 16), {}, lambda: [X(4, 2, 8), X(5, 2, 8)], (4, 2, 8)),
    "nn_transformer_encoder": ((rtorch.nn_transformer_encoder_layer(8, 2, 16), 2), {},
                               lambda: [X(5, 2, 8)], (5, 2, 8)),
    "nn_transformer_encoder_layer": ((8, 2, 16), {}, lambda: [X(5, 2, 8)], (5, 2, 8)),
    "nn_triplet_margin_loss": ((), {}, lambda: [X(4, 3), X(4, 3), X(4, 3)], ()),
    "nn_triplet_margin_with_distance_loss": ((), {}, lambda: [X(4, 3), X(4, 3), X(4, 3)], ()),
    "nn_unflatten": ((2, c(2, 2)), {}, lambda: [X(3, 4)], (3, 2, 2)),
    "nn_unfold": ((2,), {}, lambda: [X(1, 1, 3, 3)], (1, 4, 4)),
    "nn_upsample": ((), {"scale_factor": 2}, lambda: [X(1, 1, 2, 2)], (1, 1, 4, 4)),
    "nn_upsampling_bilinear2d": ((), {"scale_factor": 2}, lambda: [X(1, 1, 2, 2)], (1, 1, 4, 4)),
    "nn_upsampling_nearest2d": ((), {"size": c(3, 3)}, lambda: [X(1, 1, 2, 2)], (1, 1, 3, 3)),
    "nn_zero_pad1d": ((1,), {}, lambda: [X(1, 2, 4)], (1, 2, 6)),
    "nn_zero_pad2d": ((1,), {}, lambda: [X(1, 2, 4, 4)], (1, 2, 6, 6)),
    "nn_zero_pad3d": ((1,), {}, lambda: [X(1, 2, 3, 3, 3)], (1, 2, 5, 5, 5)),
    "nn_aum_loss": ((), {}, lambda: [X(6), L(1, 2, 1, 2, 2, 1)], ()),
    "nn_contrib_sparsemax": ((), {}, lambda: [X(2, 5)], (2, 5)),
}


def nn_max_pool1d_ret(x):
    return rtorch.nn_max_pool1d(2, return_indices=True)(x)


def test_every_layer_has_a_case():
    assert set(R_NN_LAYERS) == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_layer_shape(name):
    case = CASES[name]
    if case is None:
        pytest.skip("needs a distributed process group")
    args, kwargs, inputs, shape = case
    layer = R_NN_LAYERS[name](*args, **kwargs)
    assert isinstance(layer, torch.nn.Module) and rtorch.is_nn_module(layer)
    out = layer(*inputs())
    first = out[0] if isinstance(out, tuple) else out
    if hasattr(first, "output"):                        # adaptive log-softmax's named result
        first = first.output
    assert type(first) is Tensor
    if shape is not None:
        assert tuple(first.shape) == shape
    torch_cls = {r_name_of(k): k for k in torch_layers()}.get(name)
    assert torch_cls is None or isinstance(layer, torch_cls)        # the layer IS PyTorch's


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c is not None and c[3] is not None
                                        and "dropout" not in n and "rrelu" not in n
                                        and "fractional" not in n and "transformer" not in n
                                        and n not in ("nn_aum_loss", "nn_contrib_sparsemax")
                                        and not n.startswith(("nn_max_unpool", "nn_embedding",
                                                              "nn_cross_entropy", "nn_nll",
                                                              "nn_multi_margin", "nn_multilabel_margin",
                                                              "nn_linear_cross_entropy",
                                                              "nn_adaptive_log"))))
def test_layer_values_match_pytorch(name):
    """Same layer, same inputs: rtorch gives PyTorch's numbers (PyTorch tensors in: the
    layer behaves exactly as the PyTorch module)."""
    args, kwargs, inputs, _ = CASES[name]
    torch.manual_seed(0)
    layer = R_NN_LAYERS[name](*args, **kwargs)
    xs = inputs()
    r = layer(*xs)
    t = layer(*[x.torch for x in xs])
    r = r[0] if isinstance(r, tuple) else r
    t = t[0] if isinstance(t, tuple) else t
    assert type(t) is torch.Tensor
    torch.testing.assert_close(r.torch, t)


def test_rule_names_match_r_exports():
    exports = set(r_names("torch-exports.txt"))
    derived = {r_name_of(c) for c in torch_layers()}
    r_layers = {n for n in exports if n.startswith("nn_") and not n.startswith(("nn_init_", "nn_utils_"))}
    own = {"nn_module", "nn_parameter", "nn_buffer", "nn_sequential", "nn_module_list",
           "nn_module_dict", "nn_prune_head", "nn_aum_loss", "nn_contrib_sparsemax"}
    assert r_layers - derived - own == set()


# -- 1-based layers against 0-based PyTorch ----------------------------------------------------

def test_flatten_defaults_keep_the_batch_dim():
    assert tuple(nn_flatten()(X(2, 3, 4)).shape) == (2, 12)
    assert tuple(nn_flatten(start_dim=1)(X(2, 3, 4)).shape) == (24,)
    assert tuple(nn_flatten(2, 2)(X(2, 3, 4)).shape) == (2, 3, 4)


def test_softmax_and_unflatten_dims_are_1_based():
    x = X(2, 3, 4)
    torch.testing.assert_close(nn_softmax(2)(x).torch, torch.softmax(x.torch, 1))
    torch.testing.assert_close(rtorch.nn_log_softmax(-1)(x).torch, torch.log_softmax(x.torch, -1))
    assert tuple(nn_unflatten(3, c(2, 2))(x).shape) == (2, 3, 2, 2)
    with pytest.raises(IndexError, match="Indexing starts at 1"):
        nn_softmax(0)


def test_embedding_indices_are_1_based():
    e = nn_embedding(10, 3)
    out = e(L(1, 10))
    torch.testing.assert_close(out.torch, e.weight.torch[[0, 9]])
    assert out.grad_fn.name() == "EmbeddingBackward0"
    with pytest.raises(IndexError, match="Indexing starts at 1 but found a 0."):
        e(L(0, 10))
    with pytest.raises(IndexError, match="index 11 is out of range for nn_embedding with 10 rows"):
        e(L(11))
    torch.testing.assert_close(e(L(2)).torch, e(torch.tensor([1])))   # PyTorch tensors: 0-based


def test_embedding_padding_idx_as_r_does_it():
    e = nn_embedding(4, 2, padding_idx=2)
    assert e.weight.torch[1].abs().sum().item() == 0        # row 2 (1-based) zeroed
    e(L(1, 2, 3, 4)).sum().backward()
    g = e.weight.grad.torch
    assert g[2].abs().sum().item() == 0                     # R masks libtorch's row p (1-based 3)
    assert g[1].abs().sum().item() > 0
    assert nn_embedding(4, 2, padding_idx=-1).weight.torch[2].abs().sum().item() == 0
    with pytest.raises(ValueError, match="`padding_idx` must be within num_embeddings"):
        nn_embedding(10, 3, padding_idx=11)


def test_embedding_bag_indices_are_1_based():
    e = nn_embedding_bag(10, 3, mode="sum")
    out = e(L(1, 2, 10, 4), L(0, 2))
    w = e.weight.torch
    torch.testing.assert_close(out.torch, torch.stack([w[0] + w[1], w[9] + w[3]]))


@pytest.mark.parametrize("layer", [nn_cross_entropy_loss, nn_nll_loss])
def test_class_targets_are_1_based(layer):
    x = X(3, 3)
    f = F.cross_entropy if layer is nn_cross_entropy_loss else F.nll_loss
    assert layer()(x, L(1, 2, 3)).item() == pytest.approx(f(x.torch, torch.tensor([0, 1, 2])).item())
    assert layer()(x, torch_tensor(c(1, 2, 3), dtype=torch_int())).item() == \
        pytest.approx(f(x.torch, torch.tensor([0, 1, 2])).item())
    assert layer(ignore_index=1)(x, L(1, 2, 3)).item() == \
        pytest.approx(f(x.torch, torch.tensor([0, 1, 2]), ignore_index=0).item())
    with pytest.raises(IndexError, match="Indexing starts at 1 but found a 0."):
        layer()(x, L(0, 2, 3))
    with pytest.raises(IndexError, match="Target 4 is out of bounds."):
        layer()(x, L(4, 2, 3))
    with pytest.raises(RuntimeError, match="expected scalar type Long but found Float"):
        layer()(x, torch_tensor(c(1, 2, 3)))
    with pytest.raises(ValueError, match="1 based class index"):
        layer(ignore_index=0)


def test_margin_losses_targets_are_1_based():
    x = X(2, 4)
    assert nn_multi_margin_loss()(x, L(1, 4)).item() == \
        pytest.approx(F.multi_margin_loss(x.torch, torch.tensor([0, 3])).item())
    t = torch_tensor(as_integer(c(1, 3, -1, 1, 2, 4, -1, 1))).reshape(c(2, 4))
    assert nn_multilabel_margin_loss()(x, t).item() == pytest.approx(
        F.multilabel_margin_loss(x.torch, torch.tensor([[0, 2, -1, 0], [1, 3, -1, 0]])).item())


def test_max_pool_indices_1_based_unpool_takes_them():
    x = X(1, 1, 4, 4)
    out, idx = nn_max_pool2d(2, return_indices=True)(x)
    t_out, t_idx = F.max_pool2d(x.torch, 2, return_indices=True)
    assert torch.equal(idx.torch, t_idx + 1)
    back = nn_max_unpool2d(2)(out, idx)
    torch.testing.assert_close(back.torch, F.max_unpool2d(t_out, t_idx, 2))
    _, a_idx = nn_adaptive_max_pool2d(2, return_indices=True)(x)          # R keeps these 0-based
    assert torch.equal(a_idx.torch, F.adaptive_max_pool2d(x.torch, 2, return_indices=True)[1])


def test_recurrent_layers_take_r_arguments():
    lstm = nn_lstm(3, 5, 2, batch_first=True)
    out, (h, c_) = lstm(X(2, 7, 3))
    assert tuple(out.shape) == (2, 7, 5) and tuple(h.shape) == (2, 2, 5)
    assert type(h) is Tensor and type(c_) is Tensor
    assert rtorch.nn_rnn(3, 5, 1, None).nonlinearity == "tanh"


def test_r_vectors_as_sizes_and_whole_doubles():
    conv = rtorch.nn_conv2d(1, 2, c(3, 3), stride=c(1, 1))
    assert conv.kernel_size == (3, 3)
    assert nn_linear(3.0, 2.0).weight.shape == (2, 3)


def test_bad_input_shapes_give_pytorch_messages():
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(10x4 and 3x1\)"):
        nn_linear(3, 1)(X(10, 4))
    with pytest.raises(RuntimeError, match="Expected 3D \\(unbatched\\) or 4D \\(batched\\) input to conv2d"):
        rtorch.nn_conv2d(1, 16, 3)(X(10, 4))
    with pytest.raises(RuntimeError, match="expected input\\[1, 3, 8, 8\\] to have 1 channels"):
        rtorch.nn_conv2d(1, 16, 3)(X(1, 3, 8, 8))


def test_aum_loss_and_sparsemax():
    # perfectly separated predictions: no error area
    assert rtorch.nn_aum_loss()(torch_tensor(c(3, 2, -1, -2)), L(2, 2, 1, 1)).item() == 0
    loss = rtorch.nnf_area_under_min_fpr_fnr(torch_tensor(c(1, 2, 3, 4)), L(2, 1, 2, 1))
    assert loss.item() > 0
    s = rtorch.nn_contrib_sparsemax()(torch_tensor(c(1, 2, 2.5)).reshape(c(1, 3)))
    torch.testing.assert_close(s.torch, torch.tensor([[0.0, 0.25, 0.75]]))
    assert s.torch.sum().item() == pytest.approx(1)
