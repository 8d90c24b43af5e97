"""The rtorch tensor: a thin handle on a ``torch.Tensor`` with R torch's semantics.

``Tensor`` wraps (never copies) a PyTorch tensor, kept in ``.torch``. Methods
are R torch's: 1-based dims and indices, R's dtype rules for numbers,
R's printing. PyTorch never sees R semantics: every PyTorch function given an
rtorch tensor (``torch.*``, ``torch.nn.functional.*``) receives the plain
PyTorch tensor through ``__torch_function__`` and answers with plain tensors;
``torch.as_tensor(x)`` shares ``x``'s memory (DLPack).

Why a wrapper and not a ``torch.Tensor`` subclass: a subclass would hand R
semantics to PyTorch's own Python code (``nn.Module.to`` calls ``t.to(device)``,
optimizers call methods on parameters) and a ``__torch_function__`` subclass
costs 4-5x raw PyTorch per small op; the wrapper costs one Python call and one
small object (see ``bench/``).

Layout: this module sits above the converters (:mod:`rtorch.convert`, which it tells about
``Tensor``) and below what builds on the class: :mod:`rtorch.indexing` installs ``x[...]``,
:mod:`rtorch.mirror` the translated PyTorch methods. It imports neither (see
``docs/architecture.md``). ``conv``, ``unwrap`` and the kind bits are re-exported from
:mod:`rtorch.convert` for the modules that import them from here.
"""
from __future__ import annotations

import operator

import numpy as np
import torch

from . import dtypes as _dtypes
from . import devices as _devices
from . import convert as _convert
from .convert import (conv, convert, unwrap, DIM, INDEX, SIZE, TENSOR, TENSORS, NUMBER,  # noqa: F401
                      DTYPE, DEVICE, INTLIST, INT)
from .dims import dim_in, DimError, ints, position_in, whole
from .errors import translated
from .printing import format_tensor
from .values import from_r, scalar_or_tensor

_TT = torch.Tensor
_new = object.__new__
_dtype_of = _dtypes._of
_device_of = _devices._of


class Shape(tuple):
    """A tensor's shape: a Python tuple (0-based like every Python container) that prints as
    R prints ``x$shape`` (``[1] 3 3``)."""

    __slots__ = ()

    _r_type = np.int64                # R's integer vector (``integer(0)`` for a scalar's)

    def __array__(self, dtype=None, copy=None):
        return np.asarray(tuple(self), dtype=dtype or self._r_type)

    def __repr__(self) -> str:
        if not self:
            return "integer(0)"
        cells = [str(int(v)) for v in self]
        w = max(map(len, cells))
        return "[1] " + " ".join(c.rjust(w) for c in cells)

    __str__ = __repr__


class Strides(Shape):
    """R's ``x$stride()``: the strides as R's double vector (R torch returns numbers, not
    integers), printed ``[1] 3 1``."""

    __slots__ = ()
    _r_type = np.float64


class GradFn:
    """An autograd node (``.torch``, PyTorch's) that prints as R torch prints ``x$grad_fn``."""

    __slots__ = ("torch",)

    def __init__(self, node):
        self.torch = node

    def __repr__(self) -> str:
        if getattr(getattr(self.torch, "_forward_cls", None), "r_autograd_function", False):
            return "torch::autograd::LanternNode"    # R's autograd_function() node, as R names it
        return self.torch.name()

    @property
    def next_functions(self) -> "NodeList":
        """R's ``node$next_functions``: the nodes this one passes gradients to, as R's list
        (``[1]`` is the first); PyTorch's ``(node, input_nr)`` pairs are ``.torch.next_functions``."""
        return NodeList(None if n is None else GradFn(n) for n, _ in self.torch.next_functions)

    def __getattr__(self, name: str):
        return getattr(self.torch, name)


class NodeList(list):
    """R's unnamed list of autograd nodes: indexed from 1 (``[[1]]`` is ``[1]``), printed as
    R prints a list (``[[1]]``, the node, a blank line)."""

    __slots__ = ()

    def __getitem__(self, i):
        return list.__getitem__(self, position_in(i, len(self)))

    def __repr__(self) -> str:
        if not self:
            return "list()"
        return "\n".join(f"[[{i}]]\n{'NULL' if n is None else repr(n)}\n" for i, n in enumerate(self, 1))

    __str__ = __repr__


class Tensor:
    """R torch's ``torch_tensor``. Make one with ``torch_tensor()``; ``Tensor(t)`` wraps a
    ``torch.Tensor`` without copying. ``.torch`` is the PyTorch tensor."""

    __slots__ = ("_t", "__weakref__")

    def __init__(self, t: torch.Tensor):
        if type(t) is Tensor:
            t = t._t
        if not isinstance(t, _TT):
            raise TypeError("Tensor() wraps a torch.Tensor; use torch_tensor() for R data")
        self._t = t

    # -- interop -----------------------------------------------------------------------
    @property
    def torch(self) -> torch.Tensor:
        """The PyTorch tensor this tensor stands for (same object, same memory, same graph)."""
        return self._t

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        return func(*unwrap(args), **unwrap(kwargs or {}))

    def __dlpack__(self, *args, **kwargs):
        return self._t.detach().__dlpack__(*args, **kwargs)

    def __dlpack_device__(self):
        return self._t.__dlpack_device__()

    def __array__(self, dtype=None, copy=None):
        a = self._t.detach().cpu().numpy()
        return a if dtype is None else a.astype(dtype)

    @property
    def __cuda_array_interface__(self):
        return self._t.detach().__cuda_array_interface__

    # -- printing ------------------------------------------------------------------------
    def __repr__(self) -> str:
        return format_tensor(self._t)

    __str__ = __repr__

    def print(self, n: int = 30) -> "Tensor":
        """R's ``print(x, n = 30)``: ``n`` lines of body at most; ``n = -1`` prints everything."""
        print(format_tensor(self._t, n))
        return self

    # -- fields ----------------------------------------------------------------------------
    @property
    def shape(self) -> Shape:
        return Shape(self._t.shape)

    @property
    def dtype(self) -> _dtypes.dtype:
        return _dtype_of(self._t.dtype)

    @property
    def device(self) -> _devices.device:
        return _device_of(self._t.device)

    @property
    def grad(self) -> "Tensor | None":
        g = self._t.grad
        return None if g is None else wrap(g)

    @grad.setter
    def grad(self, value) -> None:
        self._t.grad = None if value is None else unwrap(value)

    @property
    def requires_grad(self) -> bool:
        return self._t.requires_grad

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        self._t.requires_grad = value

    @property
    def grad_fn(self) -> "GradFn | None":
        """R's ``x$grad_fn``: the autograd node, printed by name (``MulBackward0``)."""
        node = self._t.grad_fn
        return None if node is None else GradFn(node)

    @property
    def is_leaf(self) -> bool:
        return self._t.is_leaf

    @property
    def ndim(self) -> int:
        return self._t.ndim

    @property
    def is_cuda(self) -> bool:
        return self._t.is_cuda

    @property
    def real(self) -> "Tensor":
        return wrap(self._t.real)

    @property
    def imag(self) -> "Tensor":
        return wrap(self._t.imag)

    def data(self) -> "Tensor":
        """R's ``x$data()``: the tensor's values without its autograd history, sharing its
        memory (PyTorch's ``x.data``, which rtorch spells ``x.torch.data``). A method, as in
        R torch: ``x.data`` without the call is the bound method."""
        return wrap(self._t.data)

    # -- R-specific methods ------------------------------------------------------------------
    def size(self, dim=None):
        """R's ``x$size(dim)``: 1-based ``dim``, negative from the end; no ``dim``: the shape."""
        if dim is None:
            return Shape(self._t.shape)
        d = whole(dim, "dim")
        nd = self._t.dim()
        if d == 0:
            raise DimError("Indexing starts at 1 and got a 0.")
        if not -nd <= d <= nd:
            raise DimError(f"Dimension out of range (expected to be in range of [{-nd}, {nd}], but got {d})")
        return self._t.shape[d - 1 if d > 0 else d]

    def stride(self, dim=None):
        """R's ``x$stride(dim)``: 1-based ``dim``; no ``dim``: every dim's stride (R's integer
        vector, printed ``[1] 3 1``)."""
        if dim is None:
            return Strides(self._t.stride())
        self.size(dim)                                  # R's dim errors
        d = whole(dim, "dim")
        return self._t.stride(d - 1 if d > 0 else d)

    def to(self, dtype=None, device=None, other=None, non_blocking: bool = False,
           copy: bool = False, memory_format=None) -> "Tensor":
        """R's ``x$to(dtype, device, other, ...)``: the first positional argument is the dtype."""
        if other is not None:
            if dtype is not None or device is not None:
                raise ValueError('Had `other` but `device` or `dtype` are non "NULL"')
            other = unwrap(other)
            dtype, device = other.dtype, other.device
        kw = {"non_blocking": non_blocking, "copy": copy}
        if memory_format is not None:
            kw["memory_format"] = memory_format
        return wrap(self._t.to(device=_devices.as_torch_device(device),
                               dtype=_dtypes.as_torch_dtype(dtype), **kw))

    def cuda(self, device=None, non_blocking: bool = False, memory_format=None) -> "Tensor":
        """R's ``x$cuda(device = NULL)``."""
        d = _devices.as_torch_device(device) if device is not None else torch.device("cuda")
        if d.type != "cuda":
            raise ValueError("You must pass a cuda device.")
        return self.to(device=d, non_blocking=non_blocking)

    def narrow(self, dim, start, length) -> "Tensor":
        """R's ``x$narrow(dim, start, length)``: ``dim`` and ``start`` are 1-based."""
        return wrap(_call(_TT.narrow, self._t, dim_in(dim), _start_in(start), whole(length, "length")))


    def narrow_copy(self, dim, start, length) -> "Tensor":
        """R's ``x$narrow_copy(dim, start, length)``: ``dim`` and ``start`` are 1-based."""
        return wrap(_call(_TT.narrow_copy, self._t, dim_in(dim), _start_in(start),
                          whole(length, "length")))

    def tile(self, dims) -> "Tensor":
        """R's ``x$tile(dims)``: ``dims`` is a repeat count per dim (not a dimension)."""
        return wrap(self._t.tile(ints(dims, "dims")))

    def item(self):
        """R's ``x$item()``: the one value as a Python number."""
        return self._t.item()

    def numpy(self) -> np.ndarray:
        return self._t.numpy()

    def tolist(self):
        return self._t.tolist()

    def multinomial(self, num_samples, replacement: bool = False, *, generator=None) -> "Tensor":
        """R's ``x$multinomial()``: like R torch, the method returns **0-based** categories
        (the function ``torch_multinomial()`` returns 1-based ones)."""
        return wrap(self._t.multinomial(whole(num_samples), replacement, generator=generator))

    def length(self) -> int:
        """R's ``x$length()``: the number of elements."""
        return self._t.numel()

    @property
    def names(self):
        """R's ``x$names``: dimension names. This PyTorch has no named tensors: always None."""
        return None

    def has_names(self) -> bool:
        return False

    def has_storage(self) -> bool:
        return self._t.layout is torch.strided

    def rename(self, *names, **rename_map):
        raise RuntimeError("The tensor doesn't have names so you can't rename a dimension.")

    rename_ = refine_names = align_to = rename

    def align_as(self, other):
        raise RuntimeError("The tensor doesn't have names so you can't rename a dimension.")

    def set_grad_(self, value) -> "Tensor":
        """R's ``x$set_grad_(value)``: set ``x$grad``."""
        self.grad = value
        return self

    # -- Python protocols ---------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._t)

    def __iter__(self):
        return (wrap(t) for t in self._t)

    def __bool__(self) -> bool:
        return bool(self._t)

    def __float__(self) -> float:
        return float(self._t)

    def __int__(self) -> int:
        return int(self._t)

    def __index__(self) -> int:
        return self._t.__index__()

    def __complex__(self) -> complex:
        return complex(self._t)

    __hash__ = object.__hash__

    def __reduce_ex__(self, protocol):
        return (Tensor, (self._t,))

    def __deepcopy__(self, memo):
        return wrap(self._t.__deepcopy__(memo))

    # -- operators: see _OPERATORS below (R torch's meaning; numbers on the right are R doubles)

    def __iadd__(self, o):
        self._t += _rhs(o, self._t)
        return self

    def __isub__(self, o):
        self._t -= _rhs(o, self._t)
        return self

    def __imul__(self, o):
        self._t *= _rhs(o, self._t)
        return self

    def __itruediv__(self, o):
        self._t /= _rhs(o, self._t)
        return self

    def __lshift__(self, o):
        return wrap(self._t << _rhs(o, self._t))

    def __rshift__(self, o):
        # ``x >> f(...)`` is R's pipe: anything that is not a number or tensor pipes (__rrshift__)
        if not isinstance(o, (int, Tensor, _TT, np.ndarray, np.integer)) or isinstance(o, bool):
            return NotImplemented
        return wrap(self._t >> _rhs(o, self._t))

    def __iand__(self, o):
        self._t.logical_and_(_logical(o, self._t))
        return self

    def __ior__(self, o):
        self._t.logical_or_(_logical(o, self._t))
        return self

    def __ixor__(self, o):
        self._t.logical_xor_(_logical(o, self._t))
        return self

    def __ilshift__(self, o):
        self._t <<= _rhs(o, self._t)
        return self

    def __irshift__(self, o):
        self._t >>= _rhs(o, self._t)
        return self

    def __neg__(self):
        return wrap(-self._t)

    def __pos__(self):
        return self

    def __abs__(self):
        return wrap(self._t.abs())

    def __invert__(self):          # R's ! is a logical not
        return wrap(torch.logical_not(self._t))

    def __and__(self, o):
        return wrap(torch.logical_and(self._t, _logical(o, self._t)))

    __rand__ = __and__

    def __or__(self, o):
        return wrap(torch.logical_or(self._t, _logical(o, self._t)))

    __ror__ = __or__

    def __xor__(self, o):
        return wrap(torch.logical_xor(self._t, _logical(o, self._t)))



def _binary(name: str, fn, convert, scalar=None):
    """A binary operator: ``fn(self, convert(other))``, errors in 1-based terms. ``scalar``:
    the libtorch Scalar overload R torch calls when ``other`` is an R number (see
    ``_SCALAR_OVERLOADS``), used where autograd records it."""
    def op(self, o, _new=_new, _Tensor=None, fn=fn):
        if type(o) is _Tensor:                  # two tensors: the shortest path
            try:
                r = fn(self._t, o._t)
            except (RuntimeError, IndexError, ValueError, TypeError) as e:
                raise translated(e) from None
            w = _new(_Tensor)
            w._t = r
            return w
        t = self._t
        f = fn
        other = convert(o, t)
        if other is NotImplemented:
            return NotImplemented
        if scalar is not None and type(other) is float and t.requires_grad:
            f = scalar
        try:
            r = f(t, other)
        except (RuntimeError, IndexError, ValueError, TypeError) as e:
            raise translated(e) from None
        w = _new(_Tensor)
        w._t = r
        return w

    op.__defaults__ = (_new, Tensor, fn)        # locals, not globals, on the hot path
    op.__name__ = op.__qualname__ = name
    return op


def _reflected(name: str, fn, convert):
    """A reflected operator (``2 * x``): the R value is on the left."""
    return _binary(name, lambda t, other: fn(other, t), convert)


def _trunc_div(a, b):
    return torch.div(a, b, rounding_mode="trunc")


# R operator -> (Python dunder, PyTorch function, how the other operand is read)
_OPERATORS = [
    ("+", "__add__", operator.add), ("-", "__sub__", operator.sub), ("*", "__mul__", operator.mul),
    ("/", "__truediv__", operator.truediv), ("^", "__pow__", operator.pow),
    ("%%", "__mod__", torch.fmod),              # R's %% on tensors: sign of the dividend
    ("%/%", "__floordiv__", _trunc_div),         # R's %/% on tensors: truncation toward zero
]
# With a tensor on the left, the same operation as libtorch's method, called directly: it skips
# Python's operator dispatch (and PyTorch's Python-level ``__pow__``), a tenth of a call's cost.
_TB = torch._C.TensorBase
_LEFT_METHODS = {operator.add: _TB.add, operator.sub: _TB.sub, operator.mul: _TB.mul,
                 operator.truediv: _TB.div, operator.pow: _TB.pow}
_COMPARISONS = [("==", "__eq__", torch.eq), ("<", "__lt__", torch.lt), ("<=", "__le__", torch.le),
                (">", "__gt__", torch.gt), (">=", "__ge__", torch.ge)]


# R's `x * 2` is torch_mul(x, 2): with a number on the right, R torch calls libtorch's Scalar
# overload (mul.Scalar), which computes what PyTorch's `x * 2.0` does but is recorded by
# autograd as MulBackward1 (AddBackward1, SubBackward1, DivBackward1), the names R prints.
_SCALAR_OVERLOADS = {"__add__": torch.ops.aten.add.Scalar, "__sub__": torch.ops.aten.sub.Scalar,
                     "__mul__": torch.ops.aten.mul.Scalar, "__truediv__": torch.ops.aten.div.Scalar}


def _install_operators() -> None:
    for _r, name, fn in _OPERATORS:
        left = _LEFT_METHODS.get(fn, fn)
        setattr(Tensor, name, _binary(name, left, _rhs, _SCALAR_OVERLOADS.get(name)))
        lhs = _lhs_tensor if fn in (torch.fmod, _trunc_div) else _lhs
        setattr(Tensor, "__r" + name[2:], _reflected("__r" + name[2:], fn, lhs))
    for _r, name, fn in _COMPARISONS:          # R converts both sides of a comparison
        setattr(Tensor, name, _binary(name, fn, _cmp))
    setattr(Tensor, "__ne__", _binary("__ne__", torch.ne, _rhs))   # R converts only the left
    setattr(Tensor, "__matmul__", _binary("__matmul__", torch.matmul, _tensor_arg))
    setattr(Tensor, "__rmatmul__", _reflected("__rmatmul__", torch.matmul, _tensor_arg))


def wrap(t: torch.Tensor) -> Tensor:
    """A ``torch.Tensor`` as an rtorch ``Tensor`` (no copy)."""
    o = _new(Tensor)
    o._t = t
    return o


def wrap_all(r):
    """PyTorch results -> rtorch: tensors wrapped, through tuples (incl. torch.return_types)
    and lists; ``torch.Size`` becomes a printable ``Shape``; dtypes and devices R's."""
    tp = type(r)
    if tp is _TT or isinstance(r, _TT):
        return wrap(r)
    if tp is tuple or isinstance(r, tuple):
        if tp is torch.Size:
            return Shape(r)
        items = tuple(wrap_all(x) for x in r)
        return tp._make(items) if hasattr(tp, "_make") else tp(items)   # namedtuples, structseqs
    if tp is list:
        return [wrap_all(x) for x in r]
    if tp is torch.dtype:
        return _dtype_of(r)
    if tp is torch.device:
        return _device_of(r)
    return r


def _call(fn, *args, **kwargs):
    """Call PyTorch; its errors come back in 1-based terms."""
    try:
        return fn(*args, **kwargs)
    except (RuntimeError, IndexError, ValueError, TypeError) as e:
        raise translated(e) from None


def _start_in(start):
    s = whole(start, "start")
    if s == 0:
        raise DimError("start indexing starts at 1")
    return s - 1 if s > 0 else s


def _rhs(o, like: torch.Tensor):
    """An operand on the right: rtorch tensors unwrapped, R values as R scalars/tensors."""
    tp = type(o)
    if tp is Tensor:
        return o._t
    if tp is float or tp is bool:
        return o
    if tp is int:
        return float(o)
    return scalar_or_tensor(o, like.device)


_LOW_PRECISION = (torch.float16, torch.bfloat16)


def _lhs(o, like: torch.Tensor):
    """An R number on the LEFT of an operator: R makes it a length-1 float tensor, so a 0-d
    tensor on the right gives a result of shape {1} and half precision is promoted."""
    tp = type(o)
    if tp is Tensor:
        return o._t
    if (tp is float or tp is int) and like.dim() and like.dtype not in _LOW_PRECISION:
        return float(o)
    if tp is float or tp is int or tp is bool:
        return torch.tensor([o], dtype=torch.bool if tp is bool else torch.float32, device=like.device)
    return scalar_or_tensor(o, like.device)


def _cmp(o, like: torch.Tensor):
    """R converts both sides of a comparison with torch_tensor(): numbers become float32."""
    tp = type(o)
    if tp is Tensor:
        return o._t
    if (tp is float or tp is int) and like.dim() and like.dtype is not torch.float64:
        return float(o)
    if tp is float or tp is int or tp is bool:
        return torch.tensor([o], dtype=torch.bool if tp is bool else torch.float32, device=like.device)
    return scalar_or_tensor(o, like.device)


def _logical(o, like: torch.Tensor):
    """The other side of R's ``&``, ``|``: a number or logical is a tensor (``x & 0``)."""
    c = _cmp(o, like)
    return c if isinstance(c, _TT) else torch.tensor(c, device=like.device)


def _lhs_tensor(o, like: torch.Tensor):
    """An R number on the left of ``%%``/``%/%``: R's length-1 float tensor (``2 %% x``)."""
    c = _lhs(o, like)
    return c if isinstance(c, _TT) else torch.tensor([c], dtype=torch.float32, device=like.device)


def _tensor_arg(o, like: torch.Tensor) -> torch.Tensor:
    if type(o) is Tensor:
        return o._t
    if isinstance(o, _TT):
        return o
    return from_r(o, device=like.device)


def is_torch_tensor(x) -> bool:
    """True for rtorch tensors and PyTorch tensors."""
    return type(x) is Tensor or isinstance(x, _TT)


def is_undefined_tensor(x) -> bool:
    """R's ``is_undefined_tensor()``: rtorch uses ``None`` where R torch has an undefined tensor
    (e.g. ``x.grad`` before any backward pass)."""
    return x is None


as_torch = unwrap


_install_operators()
_convert.register_tensor_class(Tensor)
