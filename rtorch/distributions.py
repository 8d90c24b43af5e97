"""R torch's probability distributions (``distr_*``) over ``torch.distributions``.

A ``distr_*`` object wraps a ``torch.distributions.Distribution`` (``.torch``); its methods
and fields are R's and return rtorch tensors: ``sample(sample_shape)``, ``rsample()``,
``log_prob(value)``, ``cdf()``, ``icdf()``, ``entropy()``, ``perplexity()``,
``enumerate_support()``, ``expand()``, ``mean``, ``variance``, ``stddev``, ``batch_shape``,
``event_shape`` and the parameters (``loc``, ``probs``, ``logits``, ...).

=================================  ========================================  ====================
R torch                            PyTorch                                   R's differences
=================================  ========================================  ====================
``distr_normal``                   ``Normal``
``distr_bernoulli``                ``Bernoulli``
``distr_categorical``              ``Categorical``                           categories 1, ..., K
``distr_chi2``                     ``Chi2``
``distr_gamma``                    ``Gamma``
``distr_poisson``                  ``Poisson``
``distr_multivariate_normal``      ``MultivariateNormal``
``distr_mixture_same_family``      ``MixtureSameFamily``
=================================  ========================================  ====================

As in R, numbers given as parameters are R vectors: ``distr_normal(0, 1)`` has batch shape
``{1}``, so its samples have shape ``{1}``. ``validate_args = NULL`` means no validation
(R's default; PyTorch validates by default). ``distr_categorical`` counts categories from 1
as R torch does: ``sample()`` returns 1-based categories and ``log_prob()`` takes them.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable

import torch
from torch import distributions as _D

from .dims import ints
from .index_data import index_tensor_in
from .optim import NO_DEFAULT, r_defaults
from .tensor import Shape, Tensor, wrap, wrap_all
from .values import from_r

__all__ = ["Distribution", "Categorical"]


def _size_in(sample_shape: Any) -> torch.Size:
    """R's ``sample_shape`` (``NULL``, ``10``, ``c(2, 3)``, ``list()``) -> ``torch.Size``."""
    if sample_shape is None:
        return torch.Size()
    return torch.Size(ints(sample_shape, "sample_shape"))


def _tensor_in(v: Any, like: "torch.Tensor | None" = None) -> Any:
    """A parameter or value: rtorch tensors unwrapped, R numbers and vectors as R's tensors
    (with the dtype and device of ``like``, the first tensor among the parameters, as R's
    ``broadcast_all`` does)."""
    if type(v) is Tensor:
        return v._t
    if v is None or isinstance(v, torch.Tensor):
        return v
    if like is None:
        return from_r(v)
    return from_r(v, dtype=like.dtype, device=like.device)


def _first_tensor(values: Any) -> "torch.Tensor | None":
    return next((v._t if type(v) is Tensor else v for v in values
                 if type(v) is Tensor or isinstance(v, torch.Tensor)), None)


class Distribution:
    """R torch's distribution object (``torch_Distribution``) over a PyTorch one."""

    __slots__ = ("_d",)

    def __init__(self, d: _D.Distribution):
        self._d = d

    @property
    def torch(self) -> _D.Distribution:
        """The PyTorch distribution."""
        return self._d

    # categories are positions: how values go in and come out (see Categorical)
    def _value_in(self, value: Any) -> Any:
        like = _first_tensor(vars(self._d).values())
        return _tensor_in(value, None if like is None else like.new_empty(0, dtype=torch.float32))

    def _value_out(self, t: torch.Tensor) -> Tensor:
        return wrap(t)

    @property
    def batch_shape(self) -> Shape:
        return Shape(self._d.batch_shape)

    @property
    def event_shape(self) -> Shape:
        return Shape(self._d.event_shape)

    def sample(self, sample_shape: Any = None) -> Tensor:
        """R's ``$sample(sample_shape = NULL)``: draws without gradients."""
        return self._value_out(self._d.sample(_size_in(sample_shape)))

    def rsample(self, sample_shape: Any = None) -> Tensor:
        """R's ``$rsample(sample_shape = NULL)``: reparameterized draws (gradients flow)."""
        return self._value_out(self._d.rsample(_size_in(sample_shape)))

    def log_prob(self, value: Any) -> Tensor:
        """R's ``$log_prob(value)``."""
        return wrap(self._d.log_prob(self._value_in(value)))

    def cdf(self, value: Any) -> Tensor:
        """R's ``$cdf(value)``."""
        return wrap(self._d.cdf(self._value_in(value)))

    def icdf(self, value: Any) -> Tensor:
        """R's ``$icdf(value)``: the quantile of a probability."""
        return self._value_out(self._d.icdf(Distribution._value_in(self, value)))

    def entropy(self) -> Tensor:
        """R's ``$entropy()``."""
        return wrap(self._d.entropy())

    def perplexity(self) -> Tensor:
        """R's ``$perplexity()``."""
        return wrap(self._d.perplexity())

    def enumerate_support(self, expand: bool = True) -> Tensor:
        """R's ``$enumerate_support(expand = TRUE)``."""
        return self._value_out(self._d.enumerate_support(expand))

    def expand(self, batch_shape: Any) -> "Distribution":
        """R's ``$expand(batch_shape)``."""
        return type(self)(self._d.expand(torch.Size(ints(batch_shape, "batch_shape"))))

    def __getattr__(self, name: str) -> Any:
        """Fields (``mean``, ``variance``, ``stddev``, ``loc``, ``probs``, ``support``, ...) are
        PyTorch's, wrapped."""
        if name.startswith("__"):
            raise AttributeError(name)
        return _wrap(getattr(self._d, name))

    def __repr__(self) -> str:
        # R torch's print() lists the parameters named in `private$.arg_constraints`, which
        # every distribution leaves empty (its constraints are public): "torch_Normal ()".
        return f"torch_{type(self._d).__name__} ()"


class Categorical(Distribution):
    """R's ``distr_categorical``: categories are 1, ..., K (R torch's ``torch_multinomial``
    and ``gather`` are 1-based)."""

    __slots__ = ()

    def _value_in(self, value: Any) -> torch.Tensor:
        t = super()._value_in(value)
        return index_tensor_in(t if t.dtype is torch.int64 else t.long())

    def _value_out(self, t: torch.Tensor) -> Tensor:
        return wrap(t + 1)

    @property
    def mode(self) -> Tensor:
        """The most likely category (1-based)."""
        return self._value_out(self._d.mode)


def _wrap(x: Any) -> Any:
    if isinstance(x, _D.Distribution):
        return (Categorical if isinstance(x, _D.Categorical) else Distribution)(x)
    return wrap_all(x)


def _mixture_checks(a: dict) -> None:
    if not isinstance(a["mixture_distribution"], _D.Categorical):
        raise ValueError("Mixture distribution must be distr_categorical.")
    if not isinstance(a["component_distribution"], _D.Distribution):
        raise ValueError("Component distribution must be an instance of torch_Distribution.")


@dataclass(frozen=True)
class DistributionSpec:
    """One R distribution: the PyTorch class and R's arguments (before ``validate_args``)
    with R's defaults, in R's order; ``check`` raises R's errors about the arguments."""
    torch_class: type
    args: tuple[tuple[str, Any], ...]
    wrapper: type = Distribution
    check: "Callable[[dict], None] | None" = None


#: R name -> how it maps onto PyTorch.
DISTRIBUTIONS: dict[str, DistributionSpec] = {
    "distr_normal": DistributionSpec(_D.Normal, (("loc", NO_DEFAULT), ("scale", NO_DEFAULT))),
    "distr_bernoulli": DistributionSpec(_D.Bernoulli, (("probs", None), ("logits", None))),
    "distr_categorical": DistributionSpec(_D.Categorical, (("probs", None), ("logits", None)),
                                          Categorical),
    "distr_chi2": DistributionSpec(_D.Chi2, (("df", NO_DEFAULT),)),
    "distr_gamma": DistributionSpec(_D.Gamma, (("concentration", NO_DEFAULT), ("rate", NO_DEFAULT))),
    "distr_poisson": DistributionSpec(_D.Poisson, (("rate", NO_DEFAULT),)),
    "distr_multivariate_normal": DistributionSpec(
        _D.MultivariateNormal, (("loc", NO_DEFAULT), ("covariance_matrix", None),
                                ("precision_matrix", None), ("scale_tril", None))),
    "distr_mixture_same_family": DistributionSpec(
        _D.MixtureSameFamily, (("mixture_distribution", NO_DEFAULT),
                               ("component_distribution", NO_DEFAULT)),
        check=_mixture_checks),
}

_P = inspect.Parameter


def _constructor(r_name: str, spec: DistributionSpec):
    sig = inspect.Signature([_P(n, _P.POSITIONAL_OR_KEYWORD, default=d) for n, d in spec.args]
                            + [_P("validate_args", _P.POSITIONAL_OR_KEYWORD, default=None)])

    def make(*args: Any, **kwargs: Any) -> Distribution:
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        like = _first_tensor(bound.arguments.values())
        a = {k: v._d if isinstance(v, Distribution) else _tensor_in(v, like)
             for k, v in bound.arguments.items() if k != "validate_args"}
        if spec.check is not None:
            spec.check(a)
        validate = bound.arguments["validate_args"]
        return spec.wrapper(spec.torch_class(**a, validate_args=bool(validate)))

    make.__signature__ = sig
    make.__name__ = make.__qualname__ = r_name
    make.__doc__ = (f"R's ``{r_name}({r_defaults(spec.args)}, validate_args = NULL)``: "
                    f"PyTorch's ``torch.distributions.{spec.torch_class.__name__}``.")
    return make


R_DISTRIBUTIONS = {n: _constructor(n, s) for n, s in DISTRIBUTIONS.items()}
globals().update(R_DISTRIBUTIONS)
__all__ += list(R_DISTRIBUTIONS)
