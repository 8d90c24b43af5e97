"""R torch's 1-based names and indices in recurrent layers and layer stacks.

* ``nn_rnn``, ``nn_lstm``, ``nn_gru`` name their parameters as R does, from layer 1:
  ``weight_ih_l1``, ``bias_hh_l1``, ``weight_hh_l2_reverse`` (PyTorch counts from ``l0``).
  The parameters are registered under R's names (so ``$parameters``, ``state_dict()`` and
  ``rnn.weight_ih_l1`` are R's), and PyTorch's forward uses them through the layer's own name
  list. ``load_state_dict`` takes R-named and PyTorch-named dicts (:func:`r_state_keys`).
* ``PackedSequence``'s ``sorted_indices`` / ``unsorted_indices`` are 1-based on the R side
  (:class:`RPackedSequence`) and 0-based when handed back to PyTorch.
* ``nn_transformer_encoder$layers`` is an ``nn_module_list`` (``layers[1]`` is the first).
"""
from __future__ import annotations

import re
from typing import Any

import torch
from torch.nn.utils.rnn import PackedSequence

_RNN_NAME = re.compile(r"^(weight|bias)_(ih|hh|hr)_l(\d+)(_reverse)?$")


def _shifted(name: str, by: int) -> str:
    m = _RNN_NAME.match(name)
    if m is None:
        return name
    return f"{m[1]}_{m[2]}_l{int(m[3]) + by}{m[4] or ''}"


def r_recurrent_names(module: torch.nn.RNNBase) -> None:
    """Re-register a recurrent layer's parameters under R's 1-based names (in place)."""
    rename = {n: _shifted(n, 1) for n in module._flat_weights_names}
    items = list(module._parameters.items())
    module._parameters.clear()
    module._parameters.update((rename.get(k, k), v) for k, v in items)
    module._flat_weights_names = [rename[n] for n in module._flat_weights_names]
    module._all_weights = [[rename[n] for n in ws] for ws in module._all_weights]
    module._init_flat_weights()
    if not module.bias:                          # R's `rnn$bias_ih_l1` is NULL without biases
        for ws in module._all_weights:
            for w in ws:
                if w.startswith("weight_ih_"):
                    module._parameters[w.replace("weight_ih_", "bias_ih_")] = None
                    module._parameters[w.replace("weight_ih_", "bias_hh_")] = None


def r_state_keys(module: torch.nn.Module, state: dict) -> dict:
    """``state`` with PyTorch's 0-based recurrent parameter names turned into R's, for every
    recurrent submodule of ``module`` whose keys are PyTorch's (one of them ends in ``_l0``;
    R's never do). Other keys are kept as they are."""
    renames: dict[str, str] = {}
    for prefix, m in module.named_modules():
        if not isinstance(m, torch.nn.RNNBase) or "weight_ih_l1" not in m._parameters:
            continue
        p = prefix + "." if prefix else ""
        own = [k for k in state if k.startswith(p) and "." not in k[len(p):]
               and _RNN_NAME.match(k[len(p):])]
        if any(_RNN_NAME.match(k[len(p):])[3] == "0" for k in own):
            renames.update({k: p + _shifted(k[len(p):], 1) for k in own})
    if not renames:
        return state
    out = type(state)() if isinstance(state, dict) and type(state) is not dict else {}
    for k, v in state.items():
        out[renames.get(k, k)] = v
    meta = getattr(state, "_metadata", None)
    if meta is not None:
        out._metadata = meta
    return out


def r_layer_list(module: torch.nn.Module) -> None:
    """``module.layers`` (PyTorch's ``ModuleList``) as R's ``nn_module_list``, same layers."""
    from .nn_module import nn_module_list
    layers = module._modules.get("layers")
    if layers is not None and not isinstance(layers, nn_module_list):
        module._modules["layers"] = nn_module_list(list(layers))


class RPackedSequence(PackedSequence):
    """R's ``PackedSequence``: rtorch tensors in its fields, ``sorted_indices`` and
    ``unsorted_indices`` 1-based (PyTorch gets them back 0-based through :func:`to_torch`)."""

    __slots__ = ()

    def to_torch(self) -> PackedSequence:
        from .tensor import unwrap
        d, b, s, u = (unwrap(v) for v in self)
        return PackedSequence._make((d, b, None if s is None else s - 1,
                                     None if u is None else u - 1))


def packed_to_r(p: PackedSequence) -> RPackedSequence:
    """PyTorch's ``PackedSequence`` -> R's (1-based indices, rtorch tensors)."""
    from .tensor import wrap
    d, b, s, u = p
    return RPackedSequence._make((wrap(d), wrap(b), None if s is None else wrap(s + 1),
                                  None if u is None else wrap(u + 1)))


def is_r_packed(x: Any) -> bool:
    return type(x) is RPackedSequence
