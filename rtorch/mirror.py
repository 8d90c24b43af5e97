"""The R torch namespace, derived from PyTorch's by rule.

==========================  ==========================================
R torch                     PyTorch
==========================  ==========================================
``torch_<f>(...)``          ``torch.<f>(...)``
``x$<m>(...)``              ``x.<m>(...)`` (rtorch: ``x.<m>(...)``)
``linalg_<f>(...)``         ``torch.linalg.<f>(...)``
``torch_fft_<f>(...)``      ``torch.fft.<f>(...)``
==========================  ==========================================

One way through, per call: **bind** by R's formals (:mod:`rtorch.formals`: R's names,
order, defaults and ``...``; a precomputed binder, skipped when R and Python bind alike) ->
**convert** each bound argument by its kind, decided once from its PyTorch *name and type*
(R torch's own rule; the kinds and their converters are :mod:`rtorch.convert`, looked up
once per position and keyword when the callable is built): dims (:mod:`rtorch.dims`) and indices
(:mod:`rtorch.index_data`) go from 1-based to 0-based, R vectors become tensors or sizes (a
number where only a list of ints is taken is a one-element list, a number where only a tensor
is taken is R's length-1 tensor, a logical where an int is taken is 0 or 1, a length-1 vector
where a scalar is taken is that scalar), rtorch objects become PyTorch ones, Python numbers
where PyTorch takes a ``Number`` are R doubles -> **call** PyTorch -> **wrap** the result, with
the positions R torch returns 1-based shifted (:data:`rtorch.index_data.RESULT_INDICES`); a
``bool`` comes back as R's logical (``torch_allclose(x, y)`` prints ``[1] TRUE``). Errors come
back in 1-based terms. A call that leaves one of R's required formals unbound returns a pipe
stage for ``x >> torch_f(...)`` (:mod:`rtorch.pipes`). What differs from the rule is declared
in :data:`EXCLUDED` here and written out in :mod:`rtorch.creation` (R defaults) and
:class:`rtorch.tensor.Tensor` (R-specific methods).

This module installs the tensor methods on :class:`rtorch.tensor.Tensor` (the rest of
PyTorch's attributes as descriptors that translate a method on first use: the class has no
``__getattr__``, which would slow every attribute read); ``tensor.py`` never imports it (see
``docs/architecture.md``).
"""
from __future__ import annotations

import functools
import types

import numpy as np
import torch

from . import signatures as sig
from . import formals as _formals
from .convert import (converter, kind_of, settled, INT_OK, DIM, INDEX, TENSOR,
                      TENSORS, NUMBER, SIZE, INTLIST)
from .index_data import (INDEX_ARGUMENTS, RESULT_INDICES, FUNCTION_RESULT_INDICES, result_out)
from .errors import translated
from .pipes import Stage, is_data, register_data_type
from .rbase import RVector
from .tensor import Tensor, wrap_all, _call, _new, _TT

#: PyTorch names that are not mirrored: not functions of data, or replaced by R's own.
EXCLUDED = frozenset({
    "save", "load", "compile", "typename", "is_tensor", "is_storage", "set_default_device",
    "get_default_device", "tensor", "as_tensor", "from_numpy", "asarray", "frombuffer",
})


def _kinds(overloads, name: str) -> tuple[tuple[int, ...], int, dict[str, int]]:
    """(kind per position, kind of ``*args``, kind per keyword) over all overloads."""
    index_names = INDEX_ARGUMENTS.get(name, frozenset())
    pos: list[int] = []
    var = 0
    kw: dict[str, int] = {}
    for o in overloads:
        for i, p in enumerate(o.positional):
            k = kind_of(p, o.types.get(p, ""), index_names)
            if i < len(pos):
                pos[i] |= k
            else:
                pos.append(k)
            kw[p] = kw.get(p, 0) | k
        if o.varargs:
            var |= kind_of(o.varargs, o.types.get(o.varargs, ""), index_names)
        for p in o.keywords:
            kw[p] = kw.get(p, 0) | kind_of(p, o.types.get(p, ""), index_names)
    for o in overloads:                  # ``*size: int``: a number there stays a number
        if o.varargs and kind_of(o.varargs, o.types.get(o.varargs, ""), index_names) & INT_OK:
            pos[len(o.positional):] = [k | INT_OK for k in pos[len(o.positional):]]
    pos, var = [settled(k) for k in pos], settled(var)
    kw = {n: settled(k) for n, k in kw.items()}
    return tuple(pos) + (var,) * (_MAX_ARGS - len(pos)), var, kw


_MAX_ARGS = 32


class Kinds:
    """How one translated callable converts what it is given, decided once when it is built:
    the kind of each position (``pos``; an extra ``*args`` repeats ``var``) and of each
    keyword (``kw``), and the converter of each (:func:`rtorch.convert.converter`)."""

    __slots__ = ("pos", "var", "kw", "pconv", "kconv")

    def __init__(self, overloads, name: str):
        self.pos, self.var, self.kw = _kinds(overloads, name)
        self.pconv = tuple(converter(k) for k in self.pos)
        self.kconv = {n: converter(k) for n, k in self.kw.items()}


def convert_args(args: tuple, pos: tuple[int, ...], pconv: tuple) -> tuple:
    """Positional arguments converted by their kinds ``pos`` / converters ``pconv`` (unrolled
    for one and two arguments: a list comprehension costs a frame; a tensor needs no call)."""
    n = len(args)
    if n == 1:
        a = args[0]
        return (a._t,) if type(a) is Tensor and not pos[0] & INDEX else (pconv[0](a),)
    if n == 2:
        a, b = args
        return (a._t if type(a) is Tensor and not pos[0] & INDEX else pconv[0](a),
                b._t if type(b) is Tensor and not pos[1] & INDEX else pconv[1](b))
    if n > len(pos):                     # beyond the padding: more of ``*args``' kind
        pos, pconv = pos + pos[-1:] * (n - len(pos)), pconv + pconv[-1:] * (n - len(pconv))
    return tuple([a._t if type(a) is Tensor and not k & INDEX else c(a)
                  for a, k, c in zip(args, pos, pconv)])


def convert_kwargs(kwargs: dict, kconv: dict) -> dict:
    """Keyword arguments converted by their converters in ``kconv``, in place (``kwargs`` is
    the caller's own ``**kwargs`` dict)."""
    get = kconv.get
    for k in kwargs:
        c = get(k)
        kwargs[k] = c(kwargs[k]) if c is not None else _other_keyword(k, kwargs[k])
    return kwargs


def _data_argument(overloads, name: str) -> tuple[frozenset[str], bool]:
    """The names the data argument (a first positional tensor) goes by across ``overloads``,
    and whether it is a tensor in every overload: then a first argument that cannot be data
    means the data is missing (``nnf_max_pool2d(2)``). No names: not pipeable."""
    index_names = INDEX_ARGUMENTS.get(name, frozenset())
    names, strict = set(), True
    for o in overloads:
        first = o.positional[0] if o.positional else None
        k = kind_of(first, o.types.get(first, ""), index_names) if first else 0
        if k & (TENSOR | TENSORS):
            names.add(first)
        if not k & (TENSOR | TENSORS) or k & (NUMBER | SIZE):
            strict = False
    return frozenset(names), strict and bool(names)


def _results(r, rule):
    """A result other than a plain tensor, as R torch returns it: the positions ``rule`` names
    1-based, tensors wrapped, and a ``bool`` (``torch_allclose``, ``x$is_contiguous()``) an R
    logical, printing ``[1] TRUE`` (and true or false in ``if``)."""
    if type(r) is bool:
        return RVector(np.array([r]))
    return wrap_all(r if rule is None else result_out(rule, r))


def _binder(kind: str, r_name: str, overloads):
    fs = _formals.formals(kind, r_name)
    if fs is None:
        return None, None
    return _formals.Binder(r_name, fs, _formals.of_overloads(overloads)), fs


_FAR = 10 ** 6


def _refuse_axis(value):
    from .input_checks import axis_error     # NumPy's 0-based alias of ``dim``: refused
    raise axis_error(value)


def _fallback(name: str):
    """The converter of a keyword PyTorch's stubs do not list for a callable: none beyond
    rtorch's own objects; NumPy's ``axis`` (R torch has ``dim``) is refused."""
    return _refuse_axis if name == "axis" else converter(0)


def _other_keyword(name: str, value):
    return _fallback(name)(value)


def _keywords(binder, kconv: dict) -> tuple[dict, tuple]:
    """Per keyword, precomputed: (the most positional arguments it may follow and still bind
    as in Python, its converter), and the entry of a keyword not listed. With R's formals a
    keyword is listed where R and PyTorch bind it alike; an unlisted one goes through R's
    matching. Without them every keyword passes, each converted by its kind."""
    if binder is not None:
        direct = {k: (at, kconv.get(k) or _fallback(k)) for k, at in binder.passthrough.items()}
        return direct, (-1, None)
    direct = {k: (_FAR, c) for k, c in kconv.items()}
    direct.setdefault("axis", (_FAR, _refuse_axis))
    return direct, (_FAR, converter(0))


def _one(data, kwargs: dict, get) -> tuple | None:
    """A call of one data tensor (``data``, PyTorch's) and one keyword, when ``get`` (see
    :func:`_one_keyword`) lists the keyword: the positional arguments, the keyword converted
    in place or moved among them; else None."""
    for k in kwargs:
        e = get(k)
        if e is None:
            return None
        c, positional = e
        if positional:
            return data, c(kwargs.pop(k))
        kwargs[k] = c(kwargs[k])
        return (data,)


def _one_keyword(direct: dict, n: int, lo: int, hi: int, pconv: tuple,
                 known: bool = True) -> dict:
    """For a call with ``n`` positional arguments and one keyword: keyword -> (its converter,
    whether it may go positionally). A keyword binds as in Python where it may follow ``n``
    positional arguments; it is R's formal at position ``n`` and R's first ``n + 1`` formals
    land in place in PyTorch, it is what the positional call would pass there (converted by
    that position's kind) and goes positionally, PyTorch's cheaper path -- only where
    PyTorch's parameters are ``known``: a keyword-only one takes no position."""
    out = {}
    for k, (at, c) in direct.items():
        if at == n and lo <= n + 1 <= hi and known:
            out[k] = (pconv[n], True)
        elif at >= n and lo <= n <= hi:
            out[k] = (c, False)
    return out


def translated_function(fn, name: str, overloads, result_rule=None, r_name: str | None = None):
    """``fn`` (a PyTorch function) with R semantics, as described in this module's docstring:
    bound by R's formals (:mod:`rtorch.formals`) where R torch has the name. Called without
    one of R's required arguments, it returns a pipe stage (:mod:`rtorch.pipes`)."""
    kinds = Kinds(overloads, name)
    pos, pconv, kconv = kinds.pos, kinds.pconv, kinds.kconv
    r_name = r_name or name
    binder, fs = _binder("function", r_name, overloads)
    plain0 = not pos[0] & INDEX
    if binder is not None:
        lo, hi, bind = binder.need, binder.max_direct, binder.bind
        data_names, strict = frozenset(), False
    else:
        lo, hi, bind = 0, _FAR, None           # no R formals: Python binds, never R
        data_names, strict = _data_argument(overloads, name)
    direct, miss = _keywords(binder, kconv)
    dget = direct.get
    fast1 = bind is not None and lo <= 1 <= hi and plain0     # torch_exp(x): no rebinding
    fast2 = bind is not None and lo <= 2 <= hi and plain0 and not pos[1] & INDEX
    plain = result_rule is None
    known = binder is None or binder.impl_known
    kw1_get = (_one_keyword(direct, 1, lo, hi, pconv, known) if fast1 else {}).get

    def f(*args, **kwargs):
        n = len(args)
        if n == 1 and fast1 and type(args[0]) is Tensor and not kwargs:
            args = (args[0]._t,)                # torch_f(x)
        elif n == 1 and fast1 and len(kwargs) == 1 and type(args[0]) is Tensor and (
                b := _one(args[0]._t, kwargs, kw1_get)) is not None:
            args = b                            # torch_f(x, dim = 1)
        elif not kwargs and n == 2 and fast2 and type(args[0]) is Tensor \
                and type(args[1]) is Tensor:
            args = (args[0]._t, args[1]._t)     # torch_f(x, y)
        else:
            if bind is None and data_names and (
                    not args or strict and type(args[0]) is not Tensor and not is_data(args[0])
            ) and data_names.isdisjoint(kwargs):    # a name R torch lacks: pipe by type
                return Stage(f, args, kwargs)
            if kwargs:
                if lo <= n <= hi:
                    for k in kwargs:
                        if dget(k, miss)[0] < n:    # a name R binds otherwise than Python
                            b = bind(args, kwargs)
                            if b is None:
                                return Stage(f, args, kwargs)
                            args, kwargs = b
                            convert_kwargs(kwargs, kconv)
                            break
                    else:                           # as in Python: each by its converter
                        for k in kwargs:
                            kwargs[k] = dget(k, miss)[1](kwargs[k])
                else:                               # R's matching (rtorch.formals)
                    b = bind(args, kwargs)
                    if b is None:
                        return Stage(f, args, kwargs)
                    args, kwargs = b
                    convert_kwargs(kwargs, kconv)
            elif not lo <= n <= hi:
                b = bind(args, kwargs)
                if b is None:
                    return Stage(f, args, kwargs)
                args, kwargs = b
                convert_kwargs(kwargs, kconv)
            if args:
                args = convert_args(args, pos, pconv)
        try:
            r = fn(*args, **kwargs) if kwargs else fn(*args)
        except (RuntimeError, IndexError, ValueError, TypeError) as e:
            raise translated(e) from None
        if type(r) is _TT and plain:
            o = _new(Tensor)
            o._t = r
            return o
        return _results(r, result_rule)

    f.__name__ = f.__qualname__ = r_name
    head = _formals.usage(r_name, fs) + "\n\n" if fs is not None else ""
    f.__doc__ = (head + f"R torch's ``{r_name}``: PyTorch ``{_qualname(fn, name)}`` with "
                 "1-based dims and indices.\n\n" + (getattr(fn, "__doc__", None) or ""))
    if fs is not None:
        f.__signature__ = _formals.signature_of(fs)
        f.__r_binder__ = binder
    return f


def translated_method(name: str, overloads):
    """The ``torch.Tensor`` method ``name`` with R semantics (bound by R's formals of ``x$name``);
    in-place methods return ``self``."""
    fn = getattr(torch.Tensor, name)
    overloads = [sig.Overload(o.positional[1:], o.varargs, o.keywords, o.types, o.required)
                 if o.positional[:1] == ["self"] else o for o in overloads]   # Python methods
    kinds = Kinds(overloads, name)
    pos, pconv, kconv = kinds.pos, kinds.pconv, kinds.kconv
    rule = RESULT_INDICES.get(name)
    inplace = name.endswith("_") and not name.endswith("__")
    plain0 = not pos[0] & INDEX
    binder, fs = _binder("method", name, overloads)
    if binder is not None:
        lo, hi, bind = binder.need, binder.max_direct, binder.bind
    else:
        lo, hi, bind = 0, _FAR, None           # no R formals: Python binds, never R
    direct, miss = _keywords(binder, kconv)
    dget = direct.get
    one = lo <= 1 <= hi                         # one positional argument binds as in Python
    k0, c0 = pos[0], pconv[0]
    dim0 = bool(k0 & DIM) and not k0 & INTLIST  # x$unsqueeze(2): a 1-based dim
    two = lo <= 2 <= hi                         # two positional arguments bind as in Python
    k1, c1 = pos[1], pconv[1]
    plain1 = not k1 & INDEX
    dim1 = bool(k1 & DIM) and not k1 & INTLIST
    plain = rule is None
    known = binder is None or binder.impl_known
    kw0_get = _one_keyword(direct, 0, lo, hi, pconv, known).get   # x$sum(dim = 1)
    kw1_get = _one_keyword(direct, 1, lo, hi, pconv, known).get   # x$add(y, alpha = 2)

    def m(self, *args, **kwargs):
        if kwargs:
            n = len(args)
            if n < 2 and len(kwargs) == 1:      # x$sum(dim = 1), x$add(y, alpha = 2)
                for k in kwargs:                # (cheaper than unpacking items())
                    break
                e = kw1_get(k) if n else kw0_get(k)
                if e is not None:
                    c, positional = e
                    v = kwargs[k]
                    t = self._t
                    try:
                        if n:
                            a = args[0]
                            a = a._t if type(a) is Tensor and plain0 else c0(a)
                            if positional:
                                r = fn(t, a, c(v))
                            else:
                                kwargs[k] = c(v)
                                r = fn(t, a, **kwargs)
                        elif positional:
                            r = fn(t, c(v))
                        else:
                            kwargs[k] = c(v)
                            r = fn(t, **kwargs)
                    except (RuntimeError, IndexError, ValueError, TypeError) as e:
                        raise translated(e) from None
                    if type(r) is _TT and plain:
                        if r is t and inplace:
                            return self
                        o = _new(Tensor)
                        o._t = r
                        return o
                    return _results(r, rule)
        elif one and len(args) == 1:            # the common x$f(y): no rebinding
            a = args[0]
            if type(a) is Tensor and plain0:
                a = a._t
            elif dim0 and type(a) is int and a > 0:
                a = a - 1                       # a 1-based dim (the converter's rule, inlined)
            else:
                a = c0(a)
            t = self._t                         # the general tail below, inlined: falling
            try:                                # through to it costs 0.1 us here (~10%)
                r = fn(t, a)
            except (RuntimeError, IndexError, ValueError, TypeError) as e:
                raise translated(e) from None
            if type(r) is _TT and plain:
                if r is t and inplace:
                    return self
                o = _new(Tensor)
                o._t = r
                return o
            return _results(r, rule)
        if kwargs:
            n = len(args)
            if lo <= n <= hi:
                for k in kwargs:
                    if dget(k, miss)[0] < n:    # a name R binds otherwise than Python
                        args, kwargs = _bound(bind, args, kwargs, name)
                        convert_kwargs(kwargs, kconv)
                        break
                else:                           # as in Python: each keyword by its converter
                    for k in kwargs:
                        kwargs[k] = dget(k, miss)[1](kwargs[k])
            else:                               # R's matching (precomputed: rtorch.formals)
                args, kwargs = _bound(bind, args, kwargs, name)
                convert_kwargs(kwargs, kconv)
            if args:
                if len(args) == 1:
                    a = args[0]
                    args = (a._t,) if type(a) is Tensor and plain0 else (c0(a),)
                else:
                    args = convert_args(args, pos, pconv)
        elif two and len(args) == 2:            # x$transpose(1, 2): no rebinding
            a, b = args
            if type(a) is Tensor and plain0:
                a = a._t
            elif dim0 and type(a) is int and a > 0:
                a = a - 1
            else:
                a = c0(a)
            if type(b) is Tensor and plain1:
                b = b._t
            elif dim1 and type(b) is int and b > 0:
                b = b - 1
            else:
                b = c1(b)
            args = (a, b)
        elif args:
            if not lo <= len(args) <= hi:
                args, kwargs = _bound(bind, args, kwargs, name)
                if kwargs:
                    convert_kwargs(kwargs, kconv)
            args = convert_args(args, pos, pconv)
        elif lo:                                # a required formal missing: R's error
            args, kwargs = _bound(bind, args, kwargs, name)
        t = self._t
        try:
            r = fn(t, *args, **kwargs) if kwargs else fn(t, *args)
        except (RuntimeError, IndexError, ValueError, TypeError) as e:
            raise translated(e) from None
        if type(r) is _TT and plain:
            if r is t and inplace:
                return self
            o = _new(Tensor)
            o._t = r
            return o
        return _results(r, rule)

    m.__name__ = m.__qualname__ = name
    head = _formals.usage(name, fs, method=True) + "\n\n" if fs is not None else ""
    m.__doc__ = (head + f"R torch's ``x${name}()``: PyTorch ``torch.Tensor.{name}`` with 1-based "
                 "dims and indices.\n\n" + (getattr(fn, "__doc__", None) or ""))
    if fs is not None:
        m.__signature__ = _formals.signature_of(fs, self_first=True)
        m.__r_binder__ = binder
    return m


def _bound(bind, args: tuple, kwargs: dict, name: str) -> tuple[tuple, dict]:
    """A method call matched by R's formals; a required formal unbound is R's error."""
    b = bind(args, kwargs)
    if b is None:
        raise _formals.BindError(f"x${name}(): an argument is missing, with no default")
    return b


def _qualname(fn, name: str) -> str:
    mod = getattr(fn, "__module__", None) or "torch"
    return f"{mod}.{name}" if mod.startswith("torch") else f"torch.{name}"


def _public_callables(module) -> dict[str, object]:
    out = {}
    for n in dir(module):
        if n.startswith("_") or n in EXCLUDED:
            continue
        obj = getattr(module, n, None)
        if isinstance(obj, (types.BuiltinFunctionType, types.FunctionType)):
            out[n] = obj
    return out


def torch_namespace() -> dict[str, object]:
    """``torch_<f>``, ``linalg_<f>`` and ``torch_fft_<f>`` for every public PyTorch function."""
    ns: dict[str, object] = {}
    stubs = sig.torch_functions()
    for n, fn in _public_callables(torch).items():
        rule = FUNCTION_RESULT_INDICES.get(n, RESULT_INDICES.get(n))
        ns["torch_" + n] = translated_function(fn, n, sig.overloads_of(fn, n, stubs), rule, "torch_" + n)
    for prefix, module in (("linalg_", torch.linalg), ("torch_fft_", torch.fft)):
        for n, fn in _public_callables(module).items():
            ns[prefix + n] = translated_function(fn, n, sig.overloads_of(fn, n, None), None, prefix + n)
    for name, (old, new, position, message) in DEPRECATED.items():
        ns[name] = _deprecated(ns[name], old, new, position, message)
    return ns


#: R's arguments R torch still takes with a warning: name -> (R's old name, the name it
#: goes to, its position in R's formals, R torch's warning).
DEPRECATED = {
    "linalg_pinv": ("rcond", "rtol", 1, "`rcond` is deprecated in favor of `rtol`."),
    "linalg_matrix_rank": ("tol", "atol", None,
                           "`tol` argument is deprecated in favor of `atol` and `rtol`."),
}


def _deprecated(f, old: str, new: str, position: int | None, message: str):
    """``f`` taking R's deprecated ``old`` argument as ``new``, with R torch's warning."""
    import warnings

    @functools.wraps(f)
    def g(*args, **kwargs):
        if position is not None and len(args) > position:
            kwargs[old], args = args[position], args[:position] + args[position + 1:]
        value = kwargs.pop(old, None)
        if value is not None:
            warnings.warn(message, stacklevel=2)
            kwargs[new] = value
        return f(*args, **kwargs)
    return g


#: ATen operators R torch exposes as tensor methods although ``torch.Tensor`` has no such method.
ATEN_METHODS = ("slice", "alias", "numpy_T", "matrix_H", "_fw_primal", "_reshape_alias",
                "hardshrink_backward", "set_data")

_SCHEMA_TYPES = {"int[]": "_size", "SymInt[]": "_size", "int[1]": "_size", "Scalar": "Number",
                 "float": "_float", "Tensor[]": "list[Tensor]"}


def aten_overloads(name: str) -> list[sig.Overload]:
    """Overloads of the ATen operator ``name`` from its schemas (argument names and types)."""
    packet = getattr(torch.ops.aten, name)
    out = []
    for ov in packet.overloads():
        args = getattr(packet, ov)._schema.arguments
        positional = [a.name for a in args if not a.kwarg_only]
        types_ = {}
        for a in args:
            t = str(a.type).replace("Optional[", "").rstrip("]") if "Optional[" in str(a.type) else str(a.type)
            types_[a.name] = _SCHEMA_TYPES.get(t, t)
        out.append(sig.Overload(positional, None, [a.name for a in args if a.kwarg_only], types_))
    return out


def aten_method(name: str):
    """The ATen operator ``name`` as a translated tensor method (its first argument is ``self``)."""
    packet = getattr(torch.ops.aten, name)
    overloads = [sig.Overload(o.positional[1:], o.varargs, o.keywords, o.types)
                 for o in aten_overloads(name)]
    kinds = Kinds(overloads, name)

    def m(self, *args, **kwargs):
        return wrap_all(_call(packet, self._t, *convert_args(args, kinds.pos, kinds.pconv),
                              **convert_kwargs(kwargs, kinds.kconv)))

    m.__name__ = m.__qualname__ = name
    m.__doc__ = f"R torch's ``x${name}()``: the ATen operator ``aten::{name}``, 1-based dims."
    return m


def method_for(name: str):
    """The translated method ``name`` of ``torch.Tensor`` (cached on the class), or None if
    PyTorch's attribute is not a method."""
    attr = getattr(torch.Tensor, name, None)
    if not callable(attr) or isinstance(attr, type):
        return None
    m = translated_method(name, sig.overloads_of(attr, name, sig.tensor_methods()))
    setattr(Tensor, name, m)
    return m


register_data_type(Tensor)                   # ``x >> f()``: an rtorch tensor is data


def install_methods() -> None:
    """Put every PyTorch Tensor method that the class does not define itself on ``Tensor``."""
    stubs = sig.tensor_methods()
    names = set(stubs) | {n for n in dir(torch.Tensor) if not n.startswith("_")}
    for n in sorted(names):
        if n.startswith("_") or n in Tensor.__dict__:
            continue
        attr = getattr(torch.Tensor, n, None)
        if callable(attr) and not isinstance(attr, type):
            setattr(Tensor, n, translated_method(n, sig.overloads_of(attr, n, stubs)))
    for n in ATEN_METHODS:
        if not hasattr(Tensor, n) and hasattr(torch.ops.aten, n):
            setattr(Tensor, n, aten_method(n))
    for n in _formals.FORMALS["method"]:            # R torch's own ``x$_name()`` methods
        if n.startswith("_") and n not in Tensor.__dict__ and n in stubs:
            setattr(Tensor, n, translated_method(n, stubs[n]))
        elif n not in Tensor.__dict__ and not hasattr(Tensor, n) and _is_field(n):
            setattr(Tensor, n, _field(n))               # R's fields (``x$mT``, ``x$is_sparse``)
    for n in dir(torch.Tensor):                         # PyTorch's other fields; the rest
        if not n.startswith("__") and not hasattr(Tensor, n):    # built when first read
            setattr(Tensor, n, _field(n) if _is_field(n) else _OnFirstRead(n))
    for n in ("max", "min"):                            # R's x$max(dim, other, keepdim)
        setattr(Tensor, n, _dim_or_other(Tensor.__dict__[n]))


def _dim_or_other(method):
    """R torch's ``x$max()``/``x$min()``: a ``dim`` or an ``other``, never both (R's error)."""
    def f(self, *args, **kwargs):
        if (len(args) > 1 or args and "other" in kwargs or "dim" in kwargs and "other" in kwargs):
            raise ValueError("Can't set other and dim arguments.")
        return method(self, *args, **kwargs)
    f.__name__ = f.__qualname__ = method.__name__
    f.__doc__, f.__signature__ = method.__doc__, getattr(method, "__signature__", None)
    return f


class _OnFirstRead:
    """A PyTorch attribute the mirror does not list (``x$H``, ``x$nbytes``, ``x$_base``):
    on first read it puts the translated method, or a read-only field, on ``Tensor`` in its
    place. Class-level, so ``Tensor`` needs no ``__getattr__`` (which would slow every
    attribute read of every tensor)."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __get__(self, obj, cls=None):
        m = method_for(self.name)
        if m is None:
            m = _field(self.name)
            setattr(Tensor, self.name, m)
        return m if obj is None else m.__get__(obj, Tensor)


def _is_field(name: str) -> bool:
    attr = getattr(torch.Tensor, name, None)
    return attr is not None and not callable(attr) or isinstance(attr, property)


def _field(name: str) -> property:
    """The PyTorch attribute ``name`` as a read-only R field (tensors wrapped)."""
    return property(lambda self: wrap_all(getattr(self._t, name)),
                    doc=f"R torch's ``x${name}``: PyTorch's ``torch.Tensor.{name}``.")
