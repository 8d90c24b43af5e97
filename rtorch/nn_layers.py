"""R torch's layers: ``nn_<name>`` is the ``torch.nn`` class of the same name, by rule.

Rule: each ``torch.nn`` layer class gives ``nn_<its name in snake case>``
(``Linear`` -> ``nn_linear``, ``ConvTranspose2d`` -> ``nn_conv_transpose2d``, ``MSELoss`` ->
``nn_mse_loss``); :data:`R_NAMES` lists the few names R spells otherwise (``ReLU`` ->
``nn_relu``, ``MultiLabelMarginLoss`` -> ``nn_multilabel_margin_loss``). Each layer
is a class (R's generator; call it to make a layer) deriving from both :class:`nn_module`
and the PyTorch class, so a layer *is* that PyTorch module.

* Constructor: R's arguments, which are PyTorch's less its deprecated (``size_average``,
  ``reduce``) and private (``_weight``, ``_random_samples``: keyword-only) ones; dims 1-based
  (``nn_softmax(dim = 2)``, ``nn_flatten(start_dim = 2)``, ``nn_unflatten(dim, ...)``); R
  vectors as sizes (``kernel_size = c(3, 3)``); ``ignore_index`` 1-based.
* Forward: PyTorch's, run on the PyTorch tensors of rtorch inputs, with R's 1-based
  arguments translated (tables in :mod:`rtorch.index_data`): class targets of
  ``nn_cross_entropy_loss``, ``nn_nll_loss``, ``nn_multi_margin_loss``,
  ``nn_multilabel_margin_loss`` (and ``nn_adaptive_log_softmax_with_loss``); ``nn_embedding``
  and ``nn_embedding_bag`` inputs; ``nn_max_unpool*d`` indices; ``nn_max_pool*d``'s returned
  indices. Results come back as rtorch tensors. Called with PyTorch tensors (by PyTorch
  code), a layer is exactly the PyTorch module (0-based, PyTorch tensors out).
* R's quirks kept: ``nn_adaptive_max_pool*d`` / ``nn_fractional_max_pool*d`` indices 0-based,
  ``nn_ctc_loss`` targets as given; ``nn_embedding(padding_idx = p)`` zeroes row ``p`` at
  construction, but its forward hands ``p`` to libtorch unshifted (so the gradient row
  that is masked is ``p + 1``), and ``nn_embedding_bag`` ignores ``padding_idx`` in forward,
  as R torch does.

What differs from the rule is in :data:`EXCEPTIONS` (R's signatures of the recurrent
layers, R's defaults, the embedding quirks); R-only layers (``nn_aum_loss``,
``nn_contrib_sparsemax``) are written out at the end.
"""
from __future__ import annotations

import functools
import inspect
import re
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import torch
import torch.nn.functional as F

from . import devices as _devices
from . import dtypes as _dtypes
from .dims import DIM_NAMES, SIZE_NAMES, dim_in, whole
from .errors import translated
from .formals import ClassSignature, constructor_binder, formals, signature_of
from .input_checks import DIM_REQUIRED, embedding_index_error, require_dim_arg
from .index_data import (INDEX_NAMES, NN_CONVERTERS, NN_INDEX_ARGUMENTS, NN_RESULT_INDICES,
                         result_out)
from .nn_module import Generator, nn_module, to_r, to_torch
from .nn_recurrent import r_layer_list, r_recurrent_names
from .nnf import DEPRECATED, RENAMED, nnf_area_under_min_fpr_fnr, nnf_contrib_sparsemax
from .pipes import Stage
from .tensor import Tensor, _TT
from .values import from_r

#: PyTorch class names whose R name the snake-case rule does not give.
R_NAMES = {"ReLU": "relu", "ReLU6": "relu6", "PReLU": "prelu", "RReLU": "rrelu",
           "LeakyReLU": "leaky_relu", "SiLU": "silu",
           "MultiLabelMarginLoss": "multilabel_margin_loss",
           "MultiLabelSoftMarginLoss": "multilabel_soft_margin_loss"}

#: ``torch.nn`` module classes that are not layers (containers are rtorch's own; base classes
#: and the multi-device wrapper are not layers).
NOT_LAYERS = frozenset({"Module", "Container", "Sequential", "ModuleList", "ModuleDict",
                        "ParameterList", "ParameterDict", "RNNBase", "RNNCellBase",
                        "DataParallel"})

_WORD_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def r_name_of(torch_cls: type) -> str:
    """The rule: ``MSELoss`` -> ``"nn_mse_loss"``, ``ConvTranspose2d`` ->
    ``"nn_conv_transpose2d"`` (with :data:`R_NAMES` for the exceptions)."""
    n = torch_cls.__name__
    return "nn_" + R_NAMES.get(n, _WORD_BREAK.sub("_", n).lower())


def torch_layers() -> list[type]:
    """The ``torch.nn`` layer classes (public module classes, not containers or lazy ones)."""
    return [c for n, c in vars(torch.nn).items()
            if isinstance(c, type) and issubclass(c, torch.nn.Module) and not n.startswith("_")
            and n not in NOT_LAYERS and not n.startswith("Lazy")]


# -- what differs from the rule -------------------------------------------------------------

_UNSET = inspect.Parameter.empty


class _TorchDefault:
    """The default of an argument PyTorch fills in itself (shown in signatures)."""

    def __repr__(self) -> str:
        return "<PyTorch's default>"


TORCH_DEFAULT = _TorchDefault()


def _padding_idx(args: dict) -> dict:
    """R's ``padding_idx``: 1-based; negative counts from the end; must be within
    ``num_embeddings``. PyTorch gets it 0-based (it zeroes that row of the weight)."""
    p = args.get("padding_idx")
    if p is not None:
        n, p = args["num_embeddings"], whole(p, "padding_idx")
        if p > n or p <= -n or p == 0:
            raise ValueError("`padding_idx` must be within num_embeddings")
        args["padding_idx"] = (n + p if p < 0 else p) - 1
    return args


def _embedding_r_forward(self: torch.nn.Embedding, input: torch.Tensor) -> torch.Tensor:
    """R's forward: libtorch gets R's 1-based ``padding_idx`` value unchanged."""
    if self.max_norm is not None:
        with torch.no_grad():
            torch.embedding_renorm_(self.weight, input.contiguous(), self.max_norm, self.norm_type)
    pad = -1 if self.padding_idx is None else self.padding_idx + 1
    try:
        return torch.embedding(self.weight, input, pad, self.scale_grad_by_freq, self.sparse)
    except IndexError:
        raise embedding_index_error(input, self.num_embeddings) from None


def _encoder_layer_r_forward(self: torch.nn.TransformerEncoderLayer, src: torch.Tensor,
                             src_mask: torch.Tensor | None = None,
                             src_key_padding_mask: torch.Tensor | None = None,
                             is_causal: bool = False) -> torch.Tensor:
    """R's forward: ``is_causal = TRUE`` without a mask builds the causal mask itself (on
    ``src``'s device), where PyTorch takes the flag only as a hint about a mask it is given
    (as PyTorch's encoder gives both, a mask with the flag stays PyTorch's hint)."""
    if is_causal and src_mask is None:
        n = src.shape[1 if self.self_attn.batch_first else 0]
        src_mask = torch.ones(n, n, dtype=torch.bool, device=src.device).triu(1)
    return torch.nn.TransformerEncoderLayer.forward(self, src, src_mask, src_key_padding_mask,
                                                    is_causal)


def _embedding_bag_r_forward(self: torch.nn.EmbeddingBag, input: torch.Tensor,
                             offsets: torch.Tensor | None = None,
                             per_sample_weights: torch.Tensor | None = None) -> torch.Tensor:
    """R's forward: ``padding_idx`` is not passed on."""
    return F.embedding_bag(input, self.weight, offsets, self.max_norm, self.norm_type,
                           self.scale_grad_by_freq, self.mode, self.sparse, per_sample_weights,
                           self.include_last_offset, None)


@dataclass(frozen=True)
class Exception_:
    """How one layer differs from the rule."""
    signature: tuple[str, ...] | None = None   # R's arguments, where PyTorch's take ``*args``
    defaults: dict[str, Any] = field(default_factory=dict)   # R's, when missing or NULL
    init: Callable[[dict], dict] | None = None  # R's checks/translation of the arguments
    r_forward: Callable | None = None           # PyTorch-side forward for R inputs
    after: Callable | None = None               # R's changes to the built layer


_RNN_ARGS = ("input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout",
             "bidirectional")

EXCEPTIONS: dict[str, Exception_] = {
    "nn_rnn": Exception_(signature=_RNN_ARGS[:3] + ("nonlinearity",) + _RNN_ARGS[3:],
                         defaults={"nonlinearity": "tanh"}, after=r_recurrent_names),
    "nn_lstm": Exception_(signature=_RNN_ARGS + ("proj_size",), after=r_recurrent_names),
    "nn_gru": Exception_(signature=_RNN_ARGS, after=r_recurrent_names),
    "nn_embedding": Exception_(init=_padding_idx, r_forward=_embedding_r_forward),
    "nn_embedding_bag": Exception_(init=_padding_idx, r_forward=_embedding_bag_r_forward),
    **{f"nn_{n}": Exception_(init=require_dim_arg(f"nn_{n}")) for n in DIM_REQUIRED},
    # R's encoder has no nested-tensor fast path (PyTorch warns about it at construction)
    "nn_transformer_encoder": Exception_(defaults={"enable_nested_tensor": False},
                                         after=r_layer_list),
    "nn_transformer_decoder": Exception_(after=r_layer_list),
    "nn_transformer_encoder_layer": Exception_(r_forward=_encoder_layer_r_forward),
}


# -- constructor arguments ---------------------------------------------------------------------

def _vector(v: Any) -> tuple:
    """An R vector / array / tensor of numbers -> a tuple of Python ints (whole) or floats."""
    flat = np.asarray(to_torch(v) if type(v) is Tensor else v).reshape(-1).tolist()
    return tuple(int(x) if float(x).is_integer() else x for x in flat)


#: sizes that stay lists when given one number (others follow R's pair/triple rule:
#: ``kernel_size = c(3)`` is a 3x3 kernel in ``nn_conv2d``)
_SIZE_LISTS = frozenset({"cutoffs", "normalized_shape"})


def _init_value(name: str, v: Any, annotation: str) -> Any:
    """One constructor argument, R's way in -> PyTorch's."""
    tp = type(v)
    if tp is str and "int" in annotation and "str" not in annotation:   # nn_linear("3", 2)
        raise TypeError(f"`{name}` must be a whole number, not \"{v}\"")
    if v is None or tp is bool or tp is str or tp is int:
        return dim_in(v) if tp is int and name in DIM_NAMES else v
    if tp is Tensor:
        return v._t
    if tp is float:
        if name in DIM_NAMES:
            return dim_in(v)
        if ("int" in annotation and "float" not in annotation) or name in SIZE_NAMES:
            return whole(v, f"`{name}`")
        return v
    if isinstance(v, (_dtypes.dtype, _devices.device)):
        return v.torch
    if isinstance(v, np.generic):
        return _init_value(name, v.item(), annotation)
    if name in DIM_NAMES:
        return dim_in(v)
    if hasattr(v, "__array__") and not isinstance(v, _TT) and "Tensor" not in annotation \
            and name not in _SIZE_LISTS and np.size(v) == 1:
        return _init_value(name, np.asarray(v).reshape(()).item(), annotation)   # R scalar
    if isinstance(v, (list, tuple)) and not any(isinstance(x, (Tensor, _TT)) for x in v) \
            or hasattr(v, "__array__") and not isinstance(v, _TT):
        if "Tensor" in annotation and name not in SIZE_NAMES:
            return from_r(v)
        return _vector(v)
    return to_torch(v)


def _r_parameters(torch_cls: type, exc: Exception_) -> list[inspect.Parameter]:
    """R's constructor parameters: PyTorch's less deprecated ones, private ones keyword-only."""
    P = inspect.Parameter
    if exc.signature is not None:
        return ([P(n, P.POSITIONAL_OR_KEYWORD, default=exc.defaults.get(n, TORCH_DEFAULT)
                   if i >= 2 else _UNSET) for i, n in enumerate(exc.signature)]
                + [P("kwargs", P.VAR_KEYWORD)])
    params = list(inspect.signature(torch_cls.__init__).parameters.values())[1:]
    public = [p for p in params if p.name not in DEPRECATED and not p.name.startswith("_")
              and p.kind is not P.KEYWORD_ONLY]
    private = [p.replace(kind=P.KEYWORD_ONLY) for p in params
               if p.name not in DEPRECATED and (p.name.startswith("_") or p.kind is P.KEYWORD_ONLY)]
    variadic = [p for p in public if p.kind in (P.VAR_POSITIONAL, P.VAR_KEYWORD)]
    plain = [p for p in public if p not in variadic]
    var_kw = [p for p in variadic if p.kind is P.VAR_KEYWORD]
    var_pos = [p for p in variadic if p.kind is P.VAR_POSITIONAL]
    return plain + var_pos + private + var_kw


def _annotations(torch_cls: type) -> dict[str, str]:
    try:
        ps = inspect.signature(torch_cls.__init__).parameters
    except (TypeError, ValueError):
        return {}
    return {n: (p.annotation if isinstance(p.annotation, str) else repr(p.annotation))
            for n, p in ps.items()}


def _initialize(r_name: str, torch_cls: type, exc: Exception_) -> Callable:
    """R's constructor: binds R's arguments, translates them, runs PyTorch's ``__init__``."""
    signature = inspect.Signature(_r_parameters(torch_cls, exc))
    annotations = _annotations(torch_cls)
    index_args = NN_INDEX_ARGUMENTS.get(r_name[3:], {})
    torch_init = torch_cls.__init__
    r_bind, r_signature = constructor_binder("module", r_name, signature)

    def initialize(self, *args: Any, **kwargs: Any) -> None:
        if r_bind is not None:                      # R's formals: names, order, defaults
            args, kwargs = r_bind(args, kwargs)
        bound = signature.bind(*args, **kwargs)
        varargs: tuple = ()
        a: dict[str, Any] = {}
        for name, v in bound.arguments.items():
            kind = signature.parameters[name].kind
            if kind is inspect.Parameter.VAR_POSITIONAL:
                varargs = tuple(v)
            elif kind is inspect.Parameter.VAR_KEYWORD:
                a.update(v)
            else:
                a[name] = v
        for name, default in exc.defaults.items():
            if a.get(name) is None:
                a[name] = default
        a = {k: (NN_CONVERTERS[index_args[k]](v) if k in index_args
                 else _init_value(k, v, annotations.get(k, ""))) for k, v in a.items()}
        if exc.init is not None:
            a = exc.init(a)
        torch_init(self, *varargs, **a)
        if exc.after is not None:
            exc.after(self)

    shown = r_signature or signature
    initialize.__signature__ = inspect.Signature(
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + list(shown.parameters.values()), __validate_parameters__=False)
    initialize.__qualname__ = f"{r_name}.initialize"
    return initialize


# -- forward -------------------------------------------------------------------------------------

def _is_r(x: Any) -> bool:
    return type(x) is Tensor or isinstance(x, torch.nn.utils.rnn.PackedSequence) \
        and type(x.data) is Tensor


def _forward(r_name: str, torch_cls: type, exc: Exception_) -> Callable:
    """The layer's forward: PyTorch's, on the PyTorch tensors of R inputs, 1-based arguments
    and results translated; PyTorch inputs get PyTorch's forward untouched."""
    torch_forward = torch_cls.forward
    r_forward = exc.r_forward or torch_forward
    names = list(inspect.signature(torch_forward).parameters)[1:]
    kinds = {**{n: "position" for n in INDEX_NAMES}, **NN_INDEX_ARGUMENTS.get(r_name[3:], {})}
    converters = [(names.index(n), n, NN_CONVERTERS[k]) for n, k in kinds.items() if n in names]
    rule = NN_RESULT_INDICES.get(r_name[3:])
    label = f"{r_name}()"

    simple = not any(pos == 0 for pos, _, _ in converters)
    new = Tensor.__new__

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        if args:
            a = args[0]
            if type(a) is Tensor:
                if simple and len(args) == 1 and not kwargs:      # the common case: layer(x)
                    try:
                        out = r_forward(self, a._t)
                    except (RuntimeError, IndexError, ValueError, TypeError) as e:
                        raise translated(e) from None
                    if type(out) is _TT and rule is None:
                        o = new(Tensor)
                        o._t = out
                        return o
                    return to_r(out if rule is None else result_out(rule, out))
                r_in = True
            elif len(args) == 1 and not kwargs and not isinstance(a, tuple):   # PyTorch's caller
                return torch_forward(self, a)
            else:
                r_in = any(_is_r(x) for x in args)
        elif kwargs:
            r_in = any(_is_r(v) for v in kwargs.values())
        else:
            return Stage(self, (), {}, label)
        if not r_in:
            return torch_forward(self, *args, **kwargs)
        args = to_torch(args)
        if kwargs:                                  # R's names (``avg_weights``) -> PyTorch's
            kwargs = {RENAMED.get(k, k): v for k, v in to_torch(kwargs).items()}
        for pos, n, convert in converters:
            if pos < len(args):
                args = args[:pos] + (convert(args[pos]),) + args[pos + 1:]
            elif kwargs.get(n) is not None:
                kwargs[n] = convert(kwargs[n])
        try:
            out = r_forward(self, *args, **kwargs)
        except (RuntimeError, IndexError, ValueError, TypeError) as e:
            raise translated(e) from None
        return to_r(out if rule is None else result_out(rule, out))

    forward._torch_forward = True
    forward.__qualname__ = f"{r_name}.forward"
    forward.__doc__ = f"PyTorch's ``torch.nn.{torch_cls.__name__}.forward`` on rtorch tensors."
    return forward


@functools.cache
def derived_layer(torch_cls: type, r_name: str | None = None) -> type:
    """The rtorch layer class for the PyTorch module class ``torch_cls``."""
    r_name = r_name or r_name_of(torch_cls)
    exc = EXCEPTIONS.get(r_name, Exception_())
    init = _initialize(r_name, torch_cls, exc)
    doc = (f"R torch's ``{r_name}{str(init.__signature__).replace('(self, ', '(').replace('(self)', '()')}``: "
           f"PyTorch's ``torch.nn.{torch_cls.__name__}``, with R's arguments (1-based dims and "
           f"indices); the layer is that PyTorch module.\n\n{torch_cls.__doc__ or ''}")
    ns = {"initialize": init, "forward": _forward(r_name, torch_cls, exc), "__doc__": doc,
          "__module__": __name__, "__qualname__": r_name}
    if formals("module", r_name):
        ns["__signature__"] = ClassSignature(signature_of(formals("module", r_name)))
    base = (nn_weighted_loss if r_name in WEIGHTED_LOSSES else nn_loss) \
        if issubclass(torch_cls, torch.nn.modules.loss._Loss) else nn_module
    return Generator(r_name, (base, torch_cls), ns)


class nn_loss(nn_module):
    """R torch's base of its loss modules (``class(nn_mse_loss())`` lists it)."""


class nn_weighted_loss(nn_loss):
    """R torch's base of the losses that take class ``weight``s."""


WEIGHTED_LOSSES = {"nn_nll_loss", "nn_bce_loss", "nn_cross_entropy_loss",
                   "nn_multilabel_soft_margin_loss", "nn_multi_margin_loss"}


def layer_namespace() -> dict[str, type]:
    """``nn_<name>`` for every ``torch.nn`` layer class (the rule); PyTorch's deprecated
    classes (which warn when derived from) are left out."""
    ns = {}
    for c in torch_layers():
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            warnings.simplefilter("error", DeprecationWarning)
            try:
                ns[r_name_of(c)] = derived_layer(c)
            except (FutureWarning, DeprecationWarning):
                continue
    return ns


# -- R-only layers ----------------------------------------------------------------------------------

class nn_aum_loss(nn_loss):
    """R's ``nn_aum_loss()``: the AUM loss (:func:`rtorch.nnf.nnf_area_under_min_fpr_fnr`);
    ``forward(input, target)``, targets as binary factor levels (``1L``/``2L``)."""

    def forward(self, input: Any, target: Any) -> Tensor:
        return nnf_area_under_min_fpr_fnr(input, target)


class nn_contrib_sparsemax(nn_module):
    """R's ``nn_contrib_sparsemax(dim = -1)`` (:func:`rtorch.nnf.nnf_contrib_sparsemax`)."""

    def initialize(self, dim: int = -1) -> None:
        self.dim = dim

    def forward(self, input: Any) -> Tensor:
        return nnf_contrib_sparsemax(input, self.dim)


R_ONLY = {"nn_aum_loss": nn_aum_loss, "nn_contrib_sparsemax": nn_contrib_sparsemax}


R_NN_LAYERS: dict[str, type] = {**layer_namespace(), **R_ONLY}
