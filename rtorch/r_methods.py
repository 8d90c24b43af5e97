"""R torch's own objects and tensor methods that PyTorch has in another form.

- ``torch_generator()``: R's generator object, a ``torch.Generator`` (so it is usable as
  ``generator =`` everywhere) with R's ``$current_seed()`` and ``$set_current_seed(seed)``.
- ``x$narrow_copy(dim, start, length)``: 1-based ``dim`` and ``start``, as ``x$narrow()``.
- ``x$is_sparse()``, ``x$is_sparse_csr()``, ``x$is_quantized()``: R calls them as methods,
  PyTorch reads them as fields; both spellings work (the value is a callable truth value).

Importing this module attaches the methods to :class:`rtorch.Tensor`.
"""
from __future__ import annotations

import numbers

import numpy as np
import torch

from .dims import dim_in, whole
from .tensor import Tensor, _TT, _call, _start_in, wrap

__all__ = ["TorchGenerator", "torch_generator", "is_torch_generator", "RFlag"]


class TorchGenerator(torch.Generator):
    """R torch's ``torch_generator``: a CPU ``torch.Generator`` with R's methods."""

    def current_seed(self) -> int:
        """R's ``gen$current_seed()``: the seed (R's ``integer64``; here a Python int)."""
        return self.initial_seed()

    def set_current_seed(self, seed) -> None:
        """R's ``gen$set_current_seed(seed)``: ``seed`` must be an R integer (``as_integer(5)``,
        a Python int) or an integer64; a double is R's error."""
        self.manual_seed(_integer_seed(seed))

    def __repr__(self) -> str:
        return "torch_generator()"

    __str__ = __repr__


def _integer_seed(seed) -> int:
    """R's rule for ``set_current_seed()``: integers (one value) only."""
    v = seed
    if hasattr(v, "values") and isinstance(getattr(v, "values"), np.ndarray):   # RVector
        v = v.values
    if isinstance(v, np.ndarray):
        if v.size != 1 or v.dtype.kind not in "iu":
            v = None
        else:
            v = v.reshape(-1)[0]
    if isinstance(v, bool) or not isinstance(v, (numbers.Integral, np.integer)):
        raise TypeError("Seed must be integer or integer64.")
    return int(v) % (1 << 64)


def torch_generator() -> TorchGenerator:
    """R's ``torch_generator()``: a new CPU generator seeded nondeterministically, as R's is
    (PyTorch ``torch.Generator()`` then ``.seed()``)."""
    g = TorchGenerator()
    g.seed()
    return g


def is_torch_generator(x) -> bool:
    """R's (internal) ``is_torch_generator()``: any ``torch.Generator``."""
    return isinstance(x, torch.Generator)


class RFlag:
    """A truth value that is also R's zero-argument method: ``x.is_sparse`` (PyTorch's field)
    and ``x.is_sparse()`` (R's ``x$is_sparse()``) both give it."""

    __slots__ = ("value",)

    def __init__(self, value: bool):
        self.value = bool(value)

    def __call__(self):
        """R's ``x$is_sparse()``: an R logical (prints ``[1] FALSE``; true or false in ``if``),
        as every rtorch method that returns a truth value."""
        from .rbase import RVector
        return RVector(np.array([self.value]))

    def __bool__(self) -> bool:
        return self.value

    def __eq__(self, other) -> bool:
        return self.value == bool(other)

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return "[1] TRUE" if self.value else "[1] FALSE"


def _flag(field: str) -> property:
    def get(self) -> RFlag:
        return RFlag(getattr(self._t, field))

    get.__name__ = field
    get.__doc__ = f"R's ``x${field}()`` (PyTorch's ``Tensor.{field}``): call it or read it."
    return property(get)


def narrow_copy(self, dim, start, length) -> Tensor:
    """R's ``x$narrow_copy(dim, start, length)`` (PyTorch ``Tensor.narrow_copy``): ``dim`` and
    ``start`` are 1-based, as in ``x$narrow()``."""
    return wrap(_call(_TT.narrow_copy, self._t, dim_in(dim), _start_in(start),
                      whole(length, "length")))


def bincount(self, weights=None, minlength=0) -> Tensor:
    """R's ``x$bincount(weights = list(), minlength = 0L)``: the values are 1-based, as in
    ``torch_bincount()`` (a 0 is R's error)."""
    import rtorch
    return rtorch.torch_bincount(self, weights=weights, minlength=minlength)


def torch_unique_consecutive(self, return_inverse: bool = False, return_counts: bool = False,
                             dim=None) -> tuple:
    """R's ``torch_unique_consecutive(self, return_inverse = FALSE, return_counts = FALSE,
    dim = NULL)``: always R's three results (output, inverse indices, counts), empty Long
    tensors for those not asked for (libtorch's ``unique_consecutive``). ``dim`` is 1-based;
    the inverse indices are 0-based, as R torch returns them."""
    t = self._t if type(self) is Tensor else self
    out = _call(torch._C._VariableFunctions.unique_consecutive, t,
                return_inverse=bool(return_inverse), return_counts=bool(return_counts),
                dim=None if dim is None else dim_in(dim))
    return tuple(wrap(o) for o in out)


def torch_cholesky(self, upper: bool = False) -> Tensor:
    """R's ``torch_cholesky(self, upper = FALSE)`` and ``x$cholesky()``: libtorch's
    ``cholesky``, which PyTorch has removed, as ``torch.linalg.cholesky`` (the lower factor;
    its conjugate transpose with ``upper = TRUE``)."""
    t = self._t if type(self) is Tensor else self
    lower = _call(torch.linalg.cholesky, t)
    return wrap(lower.mH if upper else lower)


def torch_qr(self, some: bool = True) -> tuple:
    """R's ``torch_qr(self, some = TRUE)`` and ``x$qr()``: R's list of Q and R, from
    ``torch.linalg.qr`` (``mode = "reduced"``, or ``"complete"`` with ``some = FALSE``), as
    libtorch's removed ``qr`` gave them."""
    t = self._t if type(self) is Tensor else self
    q, r = _call(torch.linalg.qr, t, mode="reduced" if some else "complete")
    return wrap(q), wrap(r)


def install() -> None:
    """Attach R's tensor methods to :class:`Tensor`."""
    Tensor.narrow_copy = narrow_copy
    Tensor.bincount = bincount
    Tensor.cholesky = torch_cholesky
    Tensor.qr = torch_qr
    for field in ("is_sparse", "is_sparse_csr", "is_quantized"):
        setattr(Tensor, field, _flag(field))


install()

R_METHODS_OBJECTS = {"torch_generator": torch_generator,
                     "torch_unique_consecutive": torch_unique_consecutive,
                     "torch_cholesky": torch_cholesky, "torch_qr": torch_qr}
