"""R torch's ``nnf_*`` functions, derived from ``torch.nn.functional`` by rule.

Rule: ``nnf_<f>`` is ``torch.nn.functional.<f>``, translated like the ``torch_`` namespace
(:func:`rtorch.mirror.translated_function`): dims 1-based (``nnf_softmax(x, dim = 2)``,
``nnf_normalize(dim = 2)``), ``indices`` 1-based (``nnf_max_unpool2d``), R vectors as sizes
(``nnf_max_pool2d(x, c(2, 2))``), rtorch tensors in and out, errors in 1-based terms,
pipeable (``x >> nnf_relu()``).

R's argument names, order and defaults: R's formals (:mod:`rtorch.formals`); for the few
names R does not have, PyTorch's order without its deprecated (``size_average``,
``reduce``) and private (``_stacklevel``, ``_random_samples``) arguments. PyTorch's extra
arguments (``label_smoothing`` ...) are accepted by name. What differs from the rule:

==================================  ==========================================================
R                                   difference
==================================  ==========================================================
``nnf_cross_entropy``,              ``target`` classes 1-based (``0`` -> ``Indexing starts at
``nnf_nll_loss``                    1 but found a 0.``; float targets -> ``expected scalar type
                                    Long but found Float``; int32 accepted); ``ignore_index``
                                    1-based (``0`` is an error)
``nnf_multi_margin_loss``,          ``target`` classes 1-based (``-1`` padding kept)
``nnf_multilabel_margin_loss``
``nnf_one_hot(tensor)``             classes 1-based: class ``k`` sets column ``k``
``nnf_embedding(input)``,           ``input`` indices 1-based; ``offsets`` and ``padding_idx``
``nnf_embedding_bag(input)``        as given (R passes them unchanged; ``nnf_embedding_bag``
                                    ignores ``padding_idx``, as R does)
``nnf_max_pool*d(return_indices)``  the indices 1-based (``nnf_max_unpool*d`` takes them so)
``nnf_gumbel_softmax``              R's order ``(logits, tau, hard, dim)``
``nnf_multi_head_attention_forward``  R's ``avg_weights`` is PyTorch's ``average_attn_weights``
``nnf_fractional_max_pool*d``       R's ``random_samples`` is PyTorch's ``_random_samples``
``nnf_area_under_min_fpr_fnr``,     R only (written here with PyTorch operations)
``nnf_contrib_sparsemax``
==================================  ==========================================================

R torch's own 0-based results are kept: ``nnf_adaptive_max_pool*d`` and
``nnf_fractional_max_pool*d`` indices, ``nnf_ctc_loss`` targets and ``blank``.
"""
from __future__ import annotations

import functools
import inspect
import types
from typing import Any, Callable

import torch
import torch.nn.functional as F

from . import signatures as sig
from .input_checks import DIM_REQUIRED, require_dim
from .index_data import NN_INDEX_ARGUMENTS, NN_RESULT_INDICES, NN_CONVERTERS
from .formals import DOTS, formals, signature_of
from .mirror import translated_function
from .nn_module import to_torch
from .pipes import Stage, is_data, pipeable
from .tensor import Tensor, wrap

#: PyTorch arguments R torch does not have (deprecated or private): not in R's order.
DEPRECATED = frozenset({"size_average", "reduce", "_stacklevel", "min_value", "max_value"})

#: R argument names that PyTorch spells differently (R name -> PyTorch name).
RENAMED = {"random_samples": "_random_samples", "avg_weights": "average_attn_weights"}

#: R's argument order where the rule (PyTorch's order, deprecated/private ones left out) differs.
R_ORDER: dict[str, tuple[str, ...]] = {
    "gumbel_softmax": ("logits", "tau", "hard", "dim"),
    "multi_head_attention_forward": (
        "query", "key", "value", "embed_dim_to_check", "num_heads", "in_proj_weight",
        "in_proj_bias", "bias_k", "bias_v", "add_zero_attn", "dropout_p", "out_proj_weight",
        "out_proj_bias", "training", "key_padding_mask", "need_weights", "attn_mask",
        "avg_weights", "use_separate_proj_weight", "q_proj_weight", "k_proj_weight",
        "v_proj_weight", "static_k", "static_v"),
}

#: Arguments R accepts and ignores (R's ``nnf_embedding_bag`` never uses ``padding_idx``).
IGNORED: dict[str, frozenset[str]] = {"embedding_bag": frozenset({"padding_idx"})}


@functools.cache
def _stubs() -> dict[str, list[sig.Overload]]:
    return {**sig.torch_functions(), **sig._read_stub("_nn.pyi", None)}


def torch_function(name: str) -> Callable | None:
    """The PyTorch function behind ``nnf_<name>``."""
    fn = getattr(F, name, None)
    return fn if callable(fn) else getattr(torch, name, None)


def overloads(name: str, fn: Callable) -> list[sig.Overload]:
    """PyTorch's argument names for ``fn``: type stubs of builtins, else its signature (for
    ``max_pool2d`` and the other boolean dispatchers, their ``*_with_indices`` variant's)."""
    stubs = _stubs() if isinstance(fn, types.BuiltinFunctionType) else None
    found = sig.overloads_of(fn, getattr(fn, "__name__", name), stubs)
    if found and not found[0].positional and found[0].varargs:
        variant = getattr(F, name + "_with_indices", None)
        if variant is not None:
            found = sig.overloads_of(variant, name, None)
    return found


def r_order(name: str, ovs: list[sig.Overload]) -> tuple[str, ...]:
    """R's positional argument order for ``nnf_<name>``: R's formals where known."""
    fs = formals("function", "nnf_" + name)
    if fs is not None:
        return tuple(n for n, code, _ in fs if code != DOTS)
    if name in R_ORDER:
        return R_ORDER[name]
    return tuple(p for p in ovs[0].positional if p not in DEPRECATED and not p.startswith("_"))


def derived(name: str, fn: Callable | None = None) -> Callable:
    """``nnf_<name>``: PyTorch's ``fn`` translated, with R's order and 1-based arguments."""
    fn = fn or torch_function(name)
    r_name = "nnf_" + name
    ovs = overloads(name, fn)
    torch_order = tuple(ovs[0].positional)
    order = r_order(name, ovs)
    core = translated_function(fn, name, ovs, NN_RESULT_INDICES.get(name), r_name)
    if name in DIM_REQUIRED:                    # R has no implicit dim
        core = require_dim(core, r_name)
    same = 0                                    # leading positions where R's and PyTorch's agree
    while same < min(len(order), len(torch_order)) and order[same] == torch_order[same]:
        same += 1
    converters = [(order.index(a) if a in order else -1, a, NN_CONVERTERS[kind])
                  for a, kind in NN_INDEX_ARGUMENTS.get(name, {}).items()]
    ignored = IGNORED.get(name, frozenset())
    if not converters and not ignored and same == len(order) and name not in R_ORDER:
        return core
    data = order[0]
    binder = getattr(core, "__r_binder__", None)

    def f(*args: Any, **kwargs: Any) -> Any:
        if binder is not None:
            if binder.missing(args, kwargs):
                return Stage(f, args, kwargs)
        elif not (args and (type(args[0]) is Tensor or is_data(args[0])) or data in kwargs):
            return Stage(f, args, kwargs)
        if len(args) > same:                    # R's positions past the shared ones: by name
            kwargs.update(zip(order[same:], args[same:]))
            args = args[:same]
        if kwargs:
            kwargs = {RENAMED.get(k, k): v for k, v in kwargs.items() if k not in ignored}
        for pos, a, convert in converters:
            if 0 <= pos < len(args):
                args = args[:pos] + (convert(to_torch(args[pos])),) + args[pos + 1:]
            elif a in kwargs:
                kwargs[a] = convert(to_torch(kwargs[a]))
        return core(*args, **kwargs)

    f.__name__ = f.__qualname__ = r_name
    f.__doc__ = core.__doc__
    fs = formals("function", r_name)
    f.__signature__ = signature_of(fs) if fs is not None else _signature(order)
    if binder is not None:
        f.__r_binder__ = binder
    return f


def _signature(order: tuple[str, ...]) -> inspect.Signature:
    P = inspect.Parameter
    return inspect.Signature([P(n, P.POSITIONAL_OR_KEYWORD) for n in order]
                             + [P("kwargs", P.VAR_KEYWORD)])


# -- R only ------------------------------------------------------------------------------------

@pipeable
def nnf_area_under_min_fpr_fnr(input: Any, target: Any) -> Tensor:
    """R's ``nnf_area_under_min_fpr_fnr(input, target)`` (AUM loss, Hillman & Hocking 2023):
    the area under min(FPR, FNR) over the thresholds the predictions ``input`` define.
    ``target`` holds the binary outcome as factor levels (``1L``/``2L``; the largest value is
    the positive class). Computed with PyTorch operations (differentiable in ``input``)."""
    x, y = to_torch(input).reshape(-1), to_torch(target).reshape(-1)
    positive = y == y.max()
    n_pos, n_neg = positive.sum(), (~positive).sum()
    if n_pos == 0 or n_neg == 0:
        return wrap((x * 0).sum())
    order = torch.argsort(x, descending=True)
    thresh = -x[order]                               # increasing thresholds
    pos = positive[order].to(x.dtype)
    fpr = torch.cumsum(1 - pos, 0) / n_neg           # false positives at or above each threshold
    fnr = torch.flip(torch.cumsum(torch.flip(pos, (0,)), 0), (0,)) / n_pos
    changed = thresh[1:] != thresh[:-1]
    end = thresh.new_ones(1, dtype=torch.bool)
    last, first = torch.cat([changed, end]), torch.cat([end, changed])
    t, fp_after, fn_before = thresh[last], fpr[last], fnr[first]
    return wrap(torch.sum(torch.minimum(fp_after[:-1], fn_before[1:]) * torch.diff(t)))


@pipeable
def nnf_contrib_sparsemax(input: Any, dim: int = -1) -> Tensor:
    """R's ``nnf_contrib_sparsemax(input, dim = -1)``: sparsemax (Martins & Astudillo 2016),
    the Euclidean projection onto the simplex along ``dim`` (1-based), with PyTorch
    operations."""
    from .dims import dim_in
    x = to_torch(input)
    d = dim_in(dim)
    z = x - x.amax(dim=d, keepdim=True)
    zs, _ = torch.sort(z, dim=d, descending=True)
    shape = [1] * z.dim()
    shape[d] = -1
    k = torch.arange(1, z.size(d) + 1, device=z.device, dtype=z.dtype).reshape(shape)
    cums = zs.cumsum(d)
    support = (1 + k * zs) > cums
    k_z = support.sum(dim=d, keepdim=True)
    tau = (cums.gather(d, k_z - 1) - 1) / k_z.to(z.dtype)
    return wrap(torch.clamp(z - tau, min=0))


#: R torch's nnf_ names (R's export list) that PyTorch does not have.
R_ONLY = {"nnf_area_under_min_fpr_fnr": nnf_area_under_min_fpr_fnr,
          "nnf_contrib_sparsemax": nnf_contrib_sparsemax}


_FUNCTIONAL_MODULES = ("torch", "torch.nn.functional", "torch._C._nn")


def _functional_names() -> list[str]:
    """The public functions of ``torch.nn.functional`` (the nnf_ namespace, by rule), less
    PyTorch's helpers (``*_with_indices`` dispatch targets, argument checks)."""
    return [n for n in dir(F)
            if not n.startswith("_") and not n.endswith("_with_indices") and n != "assert_int_or_pair"
            and callable(getattr(F, n)) and not isinstance(getattr(F, n), type)
            and getattr(getattr(F, n), "__module__", None) in _FUNCTIONAL_MODULES]


def nnf_namespace() -> dict[str, Callable]:
    """``nnf_<f>`` for every public function of ``torch.nn.functional`` plus R's own."""
    ns: dict[str, Callable] = {}
    for n in _functional_names():
        try:
            ns["nnf_" + n] = derived(n)
        except (TypeError, ValueError, AttributeError):
            continue
    ns.update(R_ONLY)
    if "nnf_multi_head_attention_forward" in ns:
        ns["nnf_multi_head_attention_forward"] = _batch_first(ns["nnf_multi_head_attention_forward"])
    return ns


def _batch_first(f: Callable) -> Callable:
    """R's ``nnf_multi_head_attention_forward(..., batch_first = FALSE)`` (PyTorch's function
    has no ``batch_first``): with ``TRUE``, query, key and value are (batch, seq, feature) and
    so is the output."""
    binder = f.__r_binder__

    def g(*args: Any, **kwargs: Any) -> Any:
        if "batch_first" not in kwargs and len(args) < len(binder.pos):
            return f(*args, **kwargs)
        b = binder.bind(args, kwargs)
        if b is None:
            return Stage(g, args, kwargs)
        a, kw = b
        if not kw.pop("batch_first", False):
            return f(*a, **kw)
        a = list(a)
        for i, name in enumerate(("query", "key", "value")):
            if i < len(a):
                a[i] = a[i].transpose(1, 2)
            elif name in kw:
                kw[name] = kw[name].transpose(1, 2)
        out = f(*a, **kw)
        return (out[0].transpose(1, 2),) + tuple(out[1:])

    functools.update_wrapper(g, f)
    del g.__wrapped__
    g.__signature__, g.__r_binder__ = f.__signature__, binder
    return g


R_NNF = nnf_namespace()
