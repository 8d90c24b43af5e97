"""Creation functions, and the ``torch_`` functions whose R form differs from PyTorch's.

Everything else in the ``torch_`` namespace is derived by rule (:mod:`rtorch.mirror`);
what is here is R torch's own behaviour, each with the reason:

* ``torch_tensor`` / ``torch_scalar_tensor``: R data in, R's dtype rules (:mod:`rtorch.values`).
* ``torch_arange``: R's closed interval ``[start, end]``; one argument means ``1:end``;
  Long only when all of start/end/step are R integers.
* ``torch_linspace`` / ``torch_logspace``: ``steps = 100`` by default.
* ``torch_randint``: the default *float* dtype, as R torch.
* ``torch_full``: the dtype follows the fill value (R integer -> Long, logical -> Bool,
  double -> Float).
* ``torch_where(condition)``: 1-based positions; ``torch_multinomial``: 1-based categories.
* ``torch_narrow``: 1-based ``start``; ``torch_tensordot``: ``dims`` a count or 1-based dims;
  ``torch_movedim``: its own 0 message; ``linalg_tensorinv``: R's ``ind`` is PyTorch's + 1.
* ``torch_index`` / ``torch_index_put``: PyTorch's (numpy, zip) indexing with 1-based tensors.
* ``torch_manual_seed``: also seeds ``sample()``.
"""
from __future__ import annotations

import warnings

import numpy as np
import torch

from . import dtypes as _dtypes
from . import devices as _devices
from .dims import dim_in, ints, whole
from .index_data import index_tensor_in, shift_out
from .tensor import Tensor, wrap, unwrap, _call, wrap_all, _start_in
from .values import from_r


def _is_r_integer(x) -> bool:
    """An R integer: ``as_integer()``/``seq()`` values, numpy integers (not Python ints,
    which are R doubles)."""
    if isinstance(x, (bool, np.bool_)) or type(x) is int or isinstance(x, float):
        return False
    if isinstance(x, np.integer):
        return True
    return hasattr(x, "__array__") and np.asarray(x).dtype.kind in "iu"


def _number(x):
    return np.asarray(x).reshape(-1)[0].item() if hasattr(x, "__array__") else x


def _options(dtype, device, requires_grad, layout=None) -> dict:
    kw = {"dtype": _dtypes.as_torch_dtype(dtype), "device": _devices.as_torch_device(device),
          "requires_grad": requires_grad}
    if layout is not None:
        kw["layout"] = layout
    return kw


def torch_tensor(data, dtype=None, device=None, requires_grad: bool = False,
                 pin_memory: bool = False) -> Tensor:
    """R's ``torch_tensor(data, dtype, device, requires_grad, pin_memory)``.

    R data -> tensor with R's dtype rules (:mod:`rtorch.values`); an rtorch tensor is
    copied (R clones); a PyTorch tensor is wrapped without copying (interop)."""
    td, dv = _dtypes.as_torch_dtype(dtype), _devices.as_torch_device(device)
    if isinstance(data, torch.Tensor) and type(data) is not Tensor:
        t = data
        if td is not None or dv is not None:
            t = t.to(dtype=td, device=dv)
    else:
        t = from_r(unwrap(data) if type(data) is Tensor else data, td, dv).contiguous()  # R's
    if pin_memory:
        t = t.pin_memory()
    if requires_grad:
        t.requires_grad_(True)
    return wrap(t)


def torch_scalar_tensor(value, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    """R's ``torch_scalar_tensor()``: a 0-d tensor from one value."""
    if type(value) is Tensor or isinstance(value, torch.Tensor):
        if unwrap(value).numel() != 1:
            raise ValueError("values must be length 1")
    elif hasattr(value, "__len__") and len(value) != 1:
        raise ValueError("value must be a length 1 vector")
    t = torch_tensor(value, dtype=dtype, device=device)._t.reshape(())
    if requires_grad:
        t.requires_grad_(True)
    return wrap(t)


def torch_arange(start, end=None, step=None, dtype=None, layout=None, device=None,
                 requires_grad: bool = False) -> Tensor:
    """R's ``torch_arange(start, end, step)``: both ends included (PyTorch ``torch.arange``
    excludes ``end``); ``torch_arange(5)`` is ``1 2 3 4 5``."""
    if end is None:
        start, end = np.int64(1), start
    if step is None:
        step = np.int64(1)                          # R's default step is the integer 1L
    td = _dtypes.as_torch_dtype(dtype)
    if td is None and all(map(_is_r_integer, (start, end, step))):
        td = torch.int64
    start, end, step = _number(start), _number(end), _number(step)
    sign = 1 if step > 0 else -1
    if td is not None and not td.is_floating_point and not td.is_complex:
        stop = end + sign
    else:
        stop = float(np.nextafter(np.float32(end), np.float32(end + sign)))
    return wrap_all(_call(torch.arange, start, stop, step, **_options(td, device, requires_grad, layout)))


def torch_range(start, end, step=None, dtype=None, layout=None, device=None,
                requires_grad: bool = False) -> Tensor:
    """R's deprecated ``torch_range()``: ``torch_arange()`` with a warning."""
    warnings.warn("This function is deprecated in favor of torch_arange.", stacklevel=2)
    return torch_arange(start, end, step, dtype, layout, device, requires_grad)


def torch_linspace(start, end, steps=100, dtype=None, layout=None, device=None,
                   requires_grad: bool = False) -> Tensor:
    """R's ``torch_linspace(start, end, steps = 100)`` (PyTorch ``torch.linspace``)."""
    return wrap_all(_call(torch.linspace, _number(start), _number(end), whole(steps, "steps"),
                      **_options(dtype, device, requires_grad, layout)))


def torch_logspace(start, end, steps=100, base=10.0, dtype=None, layout=None, device=None,
                   requires_grad: bool = False) -> Tensor:
    """R's ``torch_logspace(start, end, steps = 100, base = 10)`` (PyTorch ``torch.logspace``)."""
    return wrap_all(_call(torch.logspace, _number(start), _number(end), whole(steps, "steps"),
                      float(base), **_options(dtype, device, requires_grad, layout)))


def _size(size) -> tuple[int, ...]:
    if len(size) == 1 and not isinstance(size[0], (int, float, np.number)):
        return ints(size[0])
    if any(hasattr(s, "__len__") and len(s) != 1 for s in size):
        raise ValueError("You should specify a single size argument.")
    return ints([_number(s) for s in size])


def torch_randint(low, high, size, generator=None, dtype=None, layout=None, device=None,
                  requires_grad: bool = False) -> Tensor:
    """R's ``torch_randint(low, high, size)``: values in ``[low, high)``, **default float dtype**
    unless ``dtype =`` says otherwise (PyTorch ``torch.randint`` gives int64)."""
    td = _dtypes.as_torch_dtype(dtype) or torch.get_default_dtype()
    kw = _options(td, device, requires_grad, layout)
    if generator is not None:
        kw["generator"] = generator
    return wrap_all(_call(torch.randint, whole(_number(low)), whole(_number(high)), ints(size), **kw))


def torch_full(size, fill_value, names=None, dtype=None, layout=None, device=None,
               requires_grad: bool = False) -> Tensor:
    """R's ``torch_full(size, fill_value)``: the dtype follows the fill value as in R
    (a Python number is an R double -> Float)."""
    td = _dtypes.as_torch_dtype(dtype)
    if td is None:
        if isinstance(fill_value, (bool, np.bool_)):
            td = torch.bool
        elif _is_r_integer(fill_value):
            td = torch.int64
        elif not isinstance(fill_value, complex):
            td = torch.get_default_dtype()
    fill = _number(fill_value)
    return wrap_all(_call(torch.full, ints(size), fill, **_options(td, device, requires_grad, layout)))


def torch_where(condition, input=None, other=None) -> Tensor | tuple[Tensor, ...]:
    """R's ``torch_where(condition, self, other)``; with only a condition, the 1-based
    positions of its true elements, one tensor per dim."""
    cond = unwrap(condition)
    if input is None and other is None:
        return wrap_all(shift_out(torch.where(cond)))
    from .convert import conv, TENSOR, NUMBER
    return wrap_all(_call(torch.where, cond, conv(input, TENSOR | NUMBER), conv(other, TENSOR | NUMBER)))


def torch_multinomial(self, num_samples, replacement: bool = False, generator=None) -> Tensor:
    """R's ``torch_multinomial()``: sampled categories, **1-based** (the method ``x.multinomial()``
    returns 0-based ones, as in R torch)."""
    return wrap_all(_call(torch.multinomial, unwrap(self), whole(num_samples), replacement,
                      generator=generator) + 1)


def torch_narrow(self, dim, start, length) -> Tensor:
    """R's ``torch_narrow(self, dim, start, length)``: ``dim`` and ``start`` 1-based."""
    return wrap_all(_call(torch.narrow, unwrap(self), dim_in(dim), _start_in(start), whole(length)))


def torch_tensordot(a, b, dims=2, out=None) -> Tensor:
    """R's ``torch_tensordot(a, b, dims = 2)``: a count (the last ``dims`` of ``a`` with the
    first of ``b``) or two vectors of 1-based dims."""
    if isinstance(dims, (list, tuple)) and len(dims) == 2:
        dims = [list(dim_in(d)) if hasattr(d, "__len__") else [dim_in(d)] for d in dims]
    else:
        dims = whole(dims, "dims")
    return wrap_all(_call(torch.tensordot, unwrap(a), unwrap(b), dims=dims))


def torch_movedim(self, source, destination) -> Tensor:
    """R's ``torch_movedim(self, source, destination)``, 1-based dims."""
    msg = "Dimension is 1-based, but found 0."
    return wrap_all(_call(torch.movedim, unwrap(self), dim_in(source, msg), dim_in(destination, msg)))


def linalg_tensorinv(A, ind: int = 3) -> Tensor:
    """R's ``linalg_tensorinv(A, ind = 3)``: R's ``ind`` is PyTorch's ``ind`` + 1."""
    return wrap_all(_call(torch.linalg.tensorinv, unwrap(A), ind=whole(ind) - 1))


def torch_index(self, indices) -> Tensor:
    """R's ``torch_index(self, indices)``: PyTorch (numpy-style, paired) indexing with a list of
    1-based long tensors."""
    idx = tuple(None if i is None else index_tensor_in(unwrap(torch_tensor(i) if not
                isinstance(unwrap(i), torch.Tensor) else i)) for i in indices)
    return wrap_all(_call(unwrap(self).__getitem__, idx))


def torch_index_put(self, indices, values, accumulate: bool = False) -> Tensor:
    """R's ``torch_index_put()``: out-of-place ``index_put`` with 1-based long tensors."""
    idx = tuple(index_tensor_in(unwrap(i)) for i in indices)
    return wrap_all(_call(torch.index_put, unwrap(self), idx, unwrap(values), accumulate))


def torch_index_put_(self, indices, values, accumulate: bool = False) -> Tensor:
    """R's ``torch_index_put_()``: in-place ``index_put_`` with 1-based long tensors."""
    idx = tuple(index_tensor_in(unwrap(i)) for i in indices)
    _call(unwrap(self).index_put_, idx, unwrap(values), accumulate)
    return self


def torch_manual_seed(seed) -> None:
    """R's ``torch_manual_seed(seed)``: PyTorch's global generator (so rtorch and PyTorch
    draw the same numbers) and rtorch's ``sample()``."""
    torch.manual_seed(whole(seed, "seed"))
    from . import rbase
    if hasattr(rbase, "set_sample_seed"):
        rbase.set_sample_seed(whole(seed, "seed"))


def torch_generator() -> torch.Generator:
    """R's ``torch_generator()``: a new PyTorch CPU generator."""
    return torch.Generator()


def torch_normal(mean=0, std=1, size=None, generator=None, **kwargs) -> Tensor:
    """R's ``torch_normal(mean, std, size = NULL, generator = NULL, ...)``: ``mean`` 0 and
    ``std`` 1 when missing; two numbers without ``size`` are R's length-1 vectors (shape
    ``{1}``). PyTorch ``torch.normal``."""
    def value(v):
        return unwrap(v) if type(v) is Tensor else v if isinstance(v, (torch.Tensor, int, float)) \
            else from_r(v)
    m, s = value(mean), value(std)
    if size is None and not isinstance(m, torch.Tensor) and not isinstance(s, torch.Tensor):
        m = torch.tensor([float(m)])
    if isinstance(m, torch.Tensor) and not isinstance(s, torch.Tensor):
        s = float(s)
    if size is not None:
        kwargs = {k: v for k, v in _options(kwargs.get("dtype"), kwargs.get("device"),
                                               kwargs.get("requires_grad", False)).items()}
        return wrap(_call(torch.normal, float(m), float(s), ints(size), generator=generator,
                          **kwargs))
    if isinstance(s, torch.Tensor) and not isinstance(m, torch.Tensor):
        m = float(m)
    return wrap(_call(torch.normal, m, s, generator=generator))


R_FUNCTIONS = {f.__name__: f for f in (
    torch_normal,
    torch_tensor, torch_scalar_tensor, torch_arange, torch_range, torch_linspace,
    torch_logspace, torch_randint, torch_full, torch_where, torch_multinomial, torch_narrow,
    torch_tensordot, torch_movedim, linalg_tensorinv, torch_index, torch_index_put,
    torch_index_put_, torch_manual_seed, torch_generator)}
