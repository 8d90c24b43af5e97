"""A real R file ported line for line: tidymodels/brulee, ``R/tabicl-rope.R`` (rotary
positional embeddings of brulee's TabICL model), and two helpers of mlverse/tabnet's
``R/utils.R`` (``model_to_raw()`` and ``to_device()``).

Idioms: ``dim %/% 2L``, ``torch_arange(...)[1:half]``, ``x$chunk(2, dim = -1)`` then
``halves[[2]]``, ``torch_cat(list(...), dim = -1)``, ``theta^(idx / dim)``, ``self$freqs <-
nn_parameter(...)``, ``x$size(-2)``; ``rawConnection(raw(), open = "wr")``, ``torch_save(model,
con)``, ``on.exit(close(con))``, ``rawConnectionValue(con)``; ``lapply`` over a nested list
with ``inherits(x, "torch_tensor")`` and ``is.list(x)``.

The rotary embedding is checked against the same formula written in plain 0-based PyTorch.
"""
import pytest
import torch

from rtorch import *  # noqa: F403


# ---- brulee R/tabicl-rope.R ---------------------------------------------------------------------

def tabicl_rotate_half(x):
    halves = x.chunk(2, dim=-1)
    # R: torch_cat(list(-halves[[2]], halves[[1]]), dim = -1); chunk() gives a Python tuple,
    # indexed from 0 as every unnamed list (PORTING §1)
    return torch_cat([-halves[1], halves[0]], dim=-1)


def _initialize(self, dim, theta=100000):
    self.dim = dim
    half = dim // as_integer(2)                                # dim %/% 2L
    # Default "lang" frequencies; overwritten by the checkpoint on load.
    idx = torch_arange(
        start=0,
        end=dim - 1,
        step=2,
        dtype=torch_float32()
    )[1:half]
    freqs = 1.0 / (theta ** (idx / dim))
    self.freqs = nn_parameter(freqs)


def _forward(self, x):
    # x: (..., n_heads, seq_len, head_dim). The sequence axis is dim -2.
    seq_len = x.size(-2)
    pos = torch_arange(
        start=0,
        end=seq_len - 1,
        dtype=self.freqs.dtype,
        device=x.device
    )
    # Outer product position x frequency -> (seq_len, head_dim / 2).
    fr = torch_outer(pos, self.freqs)
    cos_f = torch_cat([fr.cos(), fr.cos()], dim=-1).to(dtype=x.dtype)
    sin_f = torch_cat([fr.sin(), fr.sin()], dim=-1).to(dtype=x.dtype)
    return x * cos_f + tabicl_rotate_half(x) * sin_f


tabicl_rope = nn_module(
    "tabicl_rope",
    initialize=_initialize,
    forward=_forward
)


# ---- tabnet R/utils.R ----------------------------------------------------------------------------

def model_to_raw(model):
    con = rawConnection(b"", open="wr")                        # rawConnection(raw(), open = "wr")
    torch_save(model, con)
    try:                                                       # on.exit({close(con)}, add = TRUE)
        r = rawConnectionValue(con)
        return r
    finally:
        close(con)


def to_device(x, device):
    def one(x):
        if inherits(x, "torch_tensor"):
            return x.to(device=device)
        elif is_list(x):
            return lapply(x, to_device, device=device)
        else:
            return x
    return lapply(x, one)


# ---- checks --------------------------------------------------------------------------------------

def _reference_rope(x: torch.Tensor, dim: int, theta: float = 100000.0) -> torch.Tensor:
    idx = torch.arange(0, dim, 2, dtype=torch.float32)[: dim // 2]
    freqs = 1.0 / theta ** (idx / dim)
    pos = torch.arange(x.shape[-2], dtype=torch.float32)
    fr = torch.outer(pos, freqs)
    cos_f, sin_f = torch.cat([fr.cos(), fr.cos()], -1), torch.cat([fr.sin(), fr.sin()], -1)
    x1, x2 = x.chunk(2, dim=-1)
    return x * cos_f + torch.cat([-x2, x1], -1) * sin_f


def test_rope_matches_the_formula():
    torch_manual_seed(3)
    rope = tabicl_rope(8)
    assert rope.freqs.shape == (4,) and names(rope.parameters) == "freqs"
    x = torch_randn(2, 3, 5, 8)
    out = rope(x)
    assert out.shape == (2, 3, 5, 8)
    torch.testing.assert_close(out.torch, _reference_rope(x.torch, 8))
    assert rope.freqs.torch.tolist()[:2] == pytest.approx([1.0, 100000 ** (-2 / 8)], rel=1e-6)


def test_rotate_half():
    x = torch_tensor(matrix(seq(1, 8), nrow=2, byrow=True))   # rows 1..4 and 5..8
    assert tabicl_rotate_half(x).torch.tolist() == [[-3, -4, 1, 2], [-7, -8, 5, 6]]


def test_model_to_raw_and_to_device():
    model = nn_linear(3, 1)
    raw = model_to_raw(model)
    assert isinstance(raw, bytes) and len(raw) > 100
    loaded = torch_load(raw)                                   # R: the module itself comes back
    assert type(loaded) is type(model) and list(names(loaded.state_dict())) == ["weight", "bias"]
    torch.testing.assert_close(loaded.weight.torch.detach(), model.weight.torch.detach())
    nested = [torch_ones(2), ["keep"], 3]                      # list(t, list("keep"), 3)
    moved = to_device(nested, "cpu")
    assert moved[0].device == torch_device("cpu") and moved[2] == 3
    assert moved[1][0][0] == "keep"      # R: list(list("keep")): to_device("keep") is list("keep")
