"""R's formals: how a call binds, by R torch's own names, order and defaults.

R torch's ``formals()`` (generated into :mod:`rtorch.formals_table` by
``tools/gen_formals.py``) decide how a call binds; the implementation behind a name
(a PyTorch function, a tensor method, a function written in rtorch) decides how the
bound values reach PyTorch. A :class:`Binder` is built once per name at import and
maps one to the other:

* R's matching: named arguments first (R's names, or the implementation's own names where
  they don't clash), then positional ones fill the remaining formals in R's order, the rest
  going to R's ``...``; an argument R does not know is R's ``unused argument`` error.
* Each R formal goes to the implementation's parameter of the same name, else by a small
  table of renames (:data:`RENAMED`), else to the implementation's parameter at the same
  position. The leading formals that land at the same positions are passed positionally.
* A call that leaves one of R's required formals unbound (no R default, and required by the
  implementation) is a pipe stage (:mod:`rtorch.pipes`).

``inspect.signature()`` of a bound callable is R's: :func:`signature_of`.
"""
from __future__ import annotations

import functools
import inspect
from typing import Any, Callable, Iterable

from .formals_table import FORMALS

P = inspect.Parameter
NO_DEFAULT, VALUE, EXPRESSION, DOTS = 0, 1, 2, 3

#: R formal names that the PyTorch implementation spells otherwise (R name -> PyTorch's).
RENAMED = {"self": "input", "as_list": "as_tuple"}

#: R formals that carry no information for PyTorch (given, they are dropped).
DROPPED = frozenset({"implicit", "names"})

#: R torch's functions written in R (not generated from libtorch's declarations): a formal
#: without default is required there; a generated one (``torch_sum(self, dim)``) may be left
#: missing, so it counts as required only where PyTorch requires it too.
R_WRITTEN = ("nnf_", "nn_init_")

#: R formals holding a list of named options that PyTorch takes as separate arguments
#: (``x$new_zeros(c(2, 3), options = dict(dtype = torch_long()))``).
EXPANDED = frozenset({"options"})

class RExpression(str):
    """An R default that Python cannot hold (``create_graph``, ``c(0.9, 0.999)``): shown as
    R's text in signatures."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


class BindError(TypeError):
    """A call R would reject while matching arguments (R's own messages)."""


def formals(kind: str, name: str) -> tuple | None:
    """R's formals of ``name`` (``kind``: function, method, module, luz_function, luz_s3method)."""
    return FORMALS.get(kind, {}).get(name)


def _parameters(fs: tuple) -> list[P]:
    out, kind, dots = [], P.POSITIONAL_OR_KEYWORD, False
    for name, code, value in fs:
        if code == DOTS:
            out.append(P("args", P.VAR_POSITIONAL))
            kind, dots = P.KEYWORD_ONLY, True
            continue
        default = (P.empty if code == NO_DEFAULT else
                   RExpression(value) if code == EXPRESSION else value)
        out.append(P(name, kind, default=default))
    if dots:
        out.append(P("kwargs", P.VAR_KEYWORD))
    return out


def signature_of(fs: tuple, self_first: bool = False) -> inspect.Signature:
    """R's formals as an ``inspect.Signature`` (R's ``...``: ``*args, **kwargs``)."""
    ps = _parameters(fs)
    if self_first:
        ps.insert(0, P("self", P.POSITIONAL_OR_KEYWORD))
    return inspect.Signature(ps, __validate_parameters__=False)   # R allows a required
                                                                # formal after a default


def with_additions(sig: inspect.Signature, impl: Callable) -> inspect.Signature:
    """R's signature ``sig`` plus the keyword arguments that ``impl`` (written in rtorch) takes
    beyond R's formals, keyword-only (rtorch's additions, such as ``torch_load(module =)``);
    none where R has ``...``, which takes them already."""
    ps = list(sig.parameters.values())
    if any(p.kind is P.VAR_KEYWORD for p in ps):
        return sig
    try:
        own = inspect.signature(impl).parameters.values()
    except (TypeError, ValueError):
        return sig
    have = {p.name for p in ps}
    extra = [P(p.name, P.KEYWORD_ONLY, default=p.default, annotation=p.annotation) for p in own
             if p.name not in have and p.name != "self" and p.default is not P.empty
             and p.kind in (P.POSITIONAL_OR_KEYWORD, P.KEYWORD_ONLY)]
    return inspect.Signature(ps + extra, __validate_parameters__=False) if extra else sig


class Overloads:
    """What the implementation accepts: per overload its positional names, and over all
    overloads the names accepted by keyword and whether any ``**kwargs`` takes the rest."""

    __slots__ = ("positional", "names", "required", "open", "known", "var", "required_each")

    def __init__(self, positional: Iterable[tuple[str, ...]], names: Iterable[str],
                 required: set[str] | None, open_: bool, known: bool = True, var: bool = False):
        self.var = var
        self.positional = [tuple(p) for p in positional]
        self.required_each: list = [required] * len(self.positional)   # per overload
        self.names = frozenset(names)
        self.required = required           # names required by every overload (None: unknown)
        self.open = open_
        self.known = known

    @classmethod
    def of_callable(cls, fn: Callable) -> "Overloads":
        """From a Python signature; none readable (or only ``*args``): unknown, so R's
        formals are passed through by position."""
        try:
            s = inspect.signature(fn)
        except (TypeError, ValueError):
            return cls([], [], None, True, known=False)
        pos, names, req, open_, var = [], [], set(), False, False
        for p in s.parameters.values():
            if p.kind is P.VAR_KEYWORD:
                open_ = True
            elif p.kind is P.VAR_POSITIONAL:
                var = True
            else:
                names.append(p.name)
                if p.kind is not P.KEYWORD_ONLY and not var:
                    pos.append(p.name)
                if p.default is P.empty:
                    req.add(p.name)
        return cls([pos], names, req, open_, known=bool(names) or not var, var=var)


def of_overloads(overloads) -> Overloads:
    """From PyTorch's overloads (:class:`rtorch.signatures.Overload`)."""
    positional = [tuple(o.positional) for o in overloads]
    names = set()
    required: set[str] | None = None
    for o in overloads:
        names.update(o.positional, o.keywords)
    if all(o.required is not None for o in overloads) and overloads:
        required = set.intersection(*(set(o.required) for o in overloads))
    known = bool(names)
    out = Overloads(positional, names, required, False, known=known,
                    var=any(o.varargs for o in overloads))
    out.required_each = [o.required for o in overloads]
    return out


class Binder:
    """R's argument matching for one name, precomputed (see the module docstring)."""

    __slots__ = ("name", "pos", "kwonly", "dots", "r_of", "to_impl", "direct", "need",
                 "required", "open", "impl_names", "passthrough", "expand",
                 "max_direct", "impl_var", "impl_known")

    def __init__(self, name: str, fs: tuple, impl: Overloads):
        self.name = name
        names = [n for n, c, _ in fs if c != DOTS]
        dots_at = next((i for i, (_, c, _) in enumerate(fs) if c == DOTS), None)
        self.dots = dots_at is not None
        self.pos = tuple(names if dots_at is None else [n for n, _, _ in fs[:dots_at]])
        self.kwonly = tuple(n for n in names if n not in self.pos)
        # R name -> implementation name: same name, renamed, else the same position
        to_impl: dict[str, str | None] = {}
        claimed: set[str] = set()
        if not impl.known:
            to_impl = {n: n for n in names}
        else:
            at = {n: i for i, n in enumerate(self.pos)}

            def in_place(name: str | None, i: int | None) -> bool:
                return i is not None and any(len(p) > i and p[i] == name for p in impl.positional)

            for n in names:
                r, i = RENAMED.get(n), at.get(n)
                if in_place(n, i):                  # same name, same position: first choice
                    to_impl[n] = n
                elif r is not None and in_place(r, i):
                    to_impl[n] = r                  # R's ``self`` where PyTorch has ``input``
                elif n in impl.names or any(n in p for p in impl.positional):
                    to_impl[n] = n
                elif r in impl.names or any(r in p for p in impl.positional):
                    to_impl[n] = r
            claimed = {v for v in to_impl.values() if v}
            codes = {n: c for n, c, _ in fs}
            for i, n in enumerate(self.pos):
                if n in to_impl or codes[n] != NO_DEFAULT:
                    continue            # only a required formal maps by its position
                cands = [p[i] for p, r in zip(impl.positional, impl.required_each)
                         if len(p) > i and p[i] not in claimed and (r is None or p[i] in r)]
                if cands:
                    to_impl[n] = cands[0]
                    claimed.add(cands[0])
            for n in names:
                if n not in to_impl:
                    to_impl[n] = None if n in DROPPED else n
        self.expand = frozenset(n for n in names if n in EXPANDED and impl.known
                                and n not in impl.names)
        if self.expand:
            for n in self.expand:
                to_impl[n] = n
        self.to_impl = to_impl
        # implementation names accepted too, where they are not R's
        r_of = {n: n for n in names}
        for n, t in to_impl.items():
            if t and t not in r_of:
                r_of[t] = n
        self.r_of = r_of
        self.open = self.dots or impl.open
        self.impl_names = impl.names
        self.impl_var = impl.var
        self.impl_known = impl.known      # PyTorch's parameters are known (from its stubs)
        # leading R formals that land at the same position in the implementation
        direct = 0
        if not impl.known:
            direct = len(self.pos)
        else:
            for i, n in enumerate(self.pos):
                t = to_impl.get(n)
                if t and any(len(p) > i and p[i] == t for p in impl.positional):
                    direct += 1
                else:
                    break
        self.direct = direct
        # the most positional arguments that pass through unchanged (R's ``...`` after
        # formals that all land in place: any number, ``torch_randn(2, 3)``)
        self.max_direct = direct if not (self.dots and direct == len(self.pos)) else 10 ** 6
        # names that bind the same in R and in Python, by their position in R's order (a
        # name-only formal: after every position): given with fewer positional arguments
        # than that position, a call needs no rebinding
        far = 10 ** 6
        self.passthrough = {n: (self.pos.index(n) if n in self.pos else far)
                            for n, t in to_impl.items() if t == n and n not in self.expand}
        # required: no R default and required by the implementation too
        req = [n for n, c, _ in fs if c == NO_DEFAULT]
        if impl.known and impl.required is not None and not name.startswith(R_WRITTEN):
            req = [n for n in req if to_impl.get(n) in impl.required]
        self.required = frozenset(req)
        need = 0
        for n in self.required:
            need = max(need, self.pos.index(n) + 1 if n in self.pos else 10 ** 6)
        self.need = need

    def fast(self, args: tuple, kwargs: dict) -> bool:
        """Whether the call binds the same in R and in Python (no rebinding needed)."""
        n = len(args)
        if not self.need <= n <= self.max_direct:
            return False
        get = self.passthrough.get
        for k in kwargs:
            if get(k, -1) < n:
                return False
        return True

    def same_as_python(self, impl: Overloads) -> bool:
        """Whether Python's own binding of the implementation is R's (same names in the same
        positions, nothing renamed, R's ``...`` where it has ``*args``)."""
        return (impl.known and self.direct == len(self.pos)
                and all(t == n for n, t in self.to_impl.items())
                and len(impl.positional) == 1 and impl.positional[0][:len(self.pos)] == self.pos
                and (not self.dots or impl.var))

    def bind(self, args: tuple, kwargs: dict):
        """R's matching of ``args``/``kwargs`` -> the implementation's ``(args, kwargs)``;
        None when one of R's required formals is left unbound (a pipe stage)."""
        bound: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        r_of = self.r_of
        for k, v in kwargs.items():
            r = r_of.get(k)
            if r is None:
                if self.open or k in self.impl_names:
                    extra[k] = v
                    continue
                if k == "axis":                     # NumPy's 0-based name: point to R's dim
                    from .input_checks import axis_error
                    raise BindError(str(axis_error(v)))
                raise BindError(f"unused argument ({k} = {_show(v)})")
            if r in bound:
                raise BindError(f'formal argument "{r}" matched by multiple actual arguments')
            bound[r] = v
        free = [n for n in self.pos if n not in bound] if bound else self.pos
        nf = len(free)
        rest: tuple = ()
        if len(args) > nf:
            if self.impl_var and not bound:     # PyTorch's ``x.view(2, 6)``: its own binding
                return args, {self.to_impl.get(self.r_of.get(k, k)) or k: v
                              for k, v in kwargs.items()}
            if not self.dots:
                raise BindError(f"unused argument{'s' if len(args) - nf > 1 else ''} "
                                f"({', '.join(_show(a) for a in args[nf:])})")
            rest = args[nf:]
        for n, v in zip(free, args):
            bound[n] = v
        if self.required and not self.required.issubset(bound):
            return None
        out = []
        for n in self.pos[:self.direct]:
            if n not in bound:
                break
            out.append(bound.pop(n))
        out.extend(rest)
        to_impl = self.to_impl
        kw = {}
        for n, v in bound.items():
            t = to_impl[n]
            if n in self.expand:
                kw.update(v or {})              # R's options list: its named entries
            elif t is not None:
                kw[t] = v
        if extra:
            kw.update(extra)
        return tuple(out), kw

    def missing(self, args: tuple, kwargs: dict) -> bool:
        """Whether the call leaves one of R's required formals unbound."""
        if not self.required:
            return False
        if not kwargs:
            return len(args) < self.need
        return self.bind(args, kwargs) is None


def _show(v: Any) -> str:
    r = repr(v) if isinstance(v, (int, float, str, bool)) or v is None else type(v).__name__
    return r if len(r) < 40 else r[:37] + "..."


def bind_callable(fn: Callable, kind: str, name: str, *, pipe: bool = True,
                  method: bool = False, force: bool = False) -> Callable:
    """``fn`` (written in rtorch) called by R's formals of ``name``: R's matching, then ``fn``
    with its own names; ``inspect.signature()`` is R's. With ``pipe``, a call that leaves a
    required formal unbound is a pipe stage. ``method``: ``fn(self, ...)``, R's formals
    without ``self``. ``force``: wrapped even where Python binds as R does, so that a bad
    call gets R's errors (constructors, where a call's cost does not matter). No formals for
    ``name``: ``fn`` unchanged."""
    fs = formals(kind, name)
    if fs is None:
        return fn
    target = getattr(fn, "__wrapped_pipeable__", fn)
    impl = Overloads.of_callable(target)
    if method and impl.known:
        impl.positional = [p[1:] for p in impl.positional]
        impl.names = impl.names - {"self"}
    binder = Binder(name, fs, impl)
    if not force and binder.same_as_python(impl):   # Python binds as R does: no wrapper,
                                                    # R's signature
        fn.__signature__ = with_additions(signature_of(fs, self_first=method), target)
        fn.__r_binder__ = binder
        return fn
    bind = binder.bind
    fast = binder.fast
    if method:
        def f(self, *args, **kwargs):
            if not fast(args, kwargs):
                b = bind(args, kwargs)
                if b is None:
                    raise BindError(_missing_message(binder, args, kwargs))
                args, kwargs = b
            return target(self, *args, **kwargs)
    else:
        def f(*args, **kwargs):
            if not fast(args, kwargs):
                b = bind(args, kwargs)
                if b is None:
                    if pipe:
                        from .pipes import Stage
                        return Stage(f, args, kwargs)
                    raise BindError(_missing_message(binder, args, kwargs))
                args, kwargs = b
            return target(*args, **kwargs)

    functools.update_wrapper(f, target)
    del f.__wrapped__                    # inspect.signature() reads R's, not ``target``'s
    f.__signature__ = with_additions(signature_of(fs, self_first=method), target)
    f.__r_binder__ = binder
    f.__doc__ = usage(name, fs, method) + "\n\n" + (target.__doc__ or "")
    return f


def _missing_message(binder: Binder, args: tuple, kwargs: dict) -> str:
    missing = sorted(binder.required - set(_bound_names(binder, args, kwargs)))
    return f'argument "{missing[0] if missing else "?"}" is missing, with no default'


def _bound_names(binder: Binder, args: tuple, kwargs: dict) -> list[str]:
    names = [binder.r_of.get(k, k) for k in kwargs]
    free = [n for n in binder.pos if n not in names]
    return names + free[:len(args)]


def _r_value(code: int, value: Any) -> str:
    if code == EXPRESSION:
        return str(value)
    if value is None:
        return "NULL"
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


_DATA = ("self", "input", "x", "tensor", "tensors", "A")
_DIMS = {"dim": "2", "dims": "c(1, 2)", "dim0": "1", "dim1": "2", "start_dim": "2"}


def example(name: str, fs: tuple, method: bool = False) -> str:
    """An R-style example of the call, with R's 1-based dims (``torch_cumsum(x, dim = 2)``:
    along the second dimension, PyTorch's ``dim=1``)."""
    names = [n for n, c, _ in fs if c != DOTS]
    args = [] if method or not names or names[0] not in _DATA else ["x"]
    dims = [n for n in names if n in _DIMS]
    args += [f"{n} = {_DIMS[n]}" for n in dims[:2]]
    call = f"x${name}({', '.join(args)})" if method else f"{name}({', '.join(args)})"
    if not dims:
        return f"R example: ``{call}``"
    return (f"R example: ``{call}`` (dims count from 1, as in R; PyTorch's text below counts "
            "from 0)")


def usage(name: str, fs: tuple, method: bool = False) -> str:
    """R's usage line: ``torch_flip(self, dims)``, ``x$sort(dim = -1, descending = FALSE)``."""
    parts = []
    for n, code, value in fs:
        if code == DOTS:
            parts.append("...")
        elif code == NO_DEFAULT:
            parts.append(n)
        else:
            parts.append(f"{n} = {_r_value(code, value)}")
    head = f"x${name}" if method else name
    return f"R usage: ``{head}({', '.join(parts)})``\n\n{example(name, fs, method)}"


def bind_namespace(ns: dict, tensor_class: type) -> None:
    """Bind by R's formals every function of ``ns`` (R torch's namespace) and every method
    written on ``tensor_class`` that R torch has, where not bound yet (the mirrored ones bind
    themselves, :mod:`rtorch.mirror`)."""
    import types
    table = FORMALS["function"]
    for name, fn in list(ns.items()):
        if name in table and isinstance(fn, types.FunctionType) and not hasattr(fn, "__r_binder__"):
            ns[name] = bind_callable(fn, "function", name)
    modules = FORMALS["module"]
    for name, obj in list(ns.items()):              # generators (classes): R's signature shown
        fs = table.get(name) or modules.get(name)
        if fs and isinstance(obj, type) and "__signature__" not in vars(obj):
            try:
                obj.__signature__ = ClassSignature(signature_of(fs), obj)
            except TypeError:
                pass
    methods = FORMALS["method"]
    for name, fn in list(vars(tensor_class).items()):
        if name in methods and isinstance(fn, types.FunctionType) and not hasattr(fn, "__r_binder__"):
            setattr(tensor_class, name, bind_callable(fn, "method", name, method=True))


class ClassSignature:
    """A generator's ``__signature__`` (R's formals of its ``initialize``), seen on the class
    only: an instance (a module) is not described by its constructor's signature."""

    __slots__ = ("signature", "owner")

    def __init__(self, signature: inspect.Signature, owner: type | None = None):
        self.signature = signature
        self.owner = owner

    def __get__(self, obj: Any, owner: type) -> inspect.Signature:
        if obj is not None or self.owner is not None and owner is not self.owner:
            raise AttributeError("__signature__")        # instances, subclasses: their own
        return self.signature


def constructor_binder(kind: str, name: str, impl: inspect.Signature):
    """``(bind, signature)`` for a generator's constructor: ``bind(args, kwargs)`` matches by
    R's formals of ``name`` and gives ``impl``'s ``(args, kwargs)``; ``signature`` is R's.
    ``(None, None)`` where R has no formals for ``name`` or reports none (a generator whose
    ``initialize`` is inherited shows empty formals in R)."""
    fs = formals(kind, name)
    if not fs:
        return None, None
    ps = list(impl.parameters.values())
    pos = [p.name for p in ps if p.kind in (P.POSITIONAL_ONLY, P.POSITIONAL_OR_KEYWORD)]
    names = [p.name for p in ps if p.kind not in (P.VAR_POSITIONAL, P.VAR_KEYWORD)]
    req = {p.name for p in ps if p.default is P.empty and p.name in names}
    open_ = any(p.kind is P.VAR_KEYWORD for p in ps)
    binder = Binder(name, fs, Overloads([pos], names, req, open_))

    def bind(args: tuple, kwargs: dict):
        b = binder.bind(args, kwargs)
        if b is None:
            raise BindError(_missing_message(binder, args, kwargs))
        return b

    return bind, signature_of(fs)


_LUZ_MODULES = ("accelerator", "callbacks", "data", "fit", "lr_finder", "metrics", "mixup",
                "module", "serialization", "tfevents")


def describe_luz() -> None:
    """R's signatures on luz's exports (their Python parameters already follow luz's order);
    ``fit`` and ``predict`` show the methods for luz models (``luz_s3method``). luz's
    callbacks and metrics (classes whose ``initialize`` takes the call) bind by R's formals:
    :func:`bind_initialize`."""
    import importlib
    import types
    for mod_name in _LUZ_MODULES:
        ns = vars(importlib.import_module("rtorch.luz." + mod_name))
        for kind in ("luz_function", "luz_module", "luz_s3method"):
            for name, fs in FORMALS.get(kind, {}).items():
                obj = ns.get(name)
                if isinstance(obj, type):
                    obj.__signature__ = ClassSignature(signature_of(fs), obj)
                    bind_initialize(obj, kind, name)
                elif isinstance(obj, types.FunctionType):
                    obj.__signature__ = with_additions(signature_of(fs), obj)


def bind_initialize(cls: type, kind: str, name: str) -> None:
    """An R6-style class (a luz callback or metric) whose call runs ``initialize``: its
    ``initialize`` binds by R's formals of ``name`` (R's names, order, defaults, ``...``, and
    R's errors). The class's own, or the one it inherits, bound anew for ``name``."""
    import types
    own = vars(cls).get("initialize")
    if getattr(getattr(own, "__r_binder__", None), "name", None) == name:
        return                                              # done already
    init = getattr(cls, "initialize", None)
    if not isinstance(init, types.FunctionType):
        return
    target = getattr(init, "__r_target__", init)            # the implementation, unbound
    bound = bind_callable(target, kind, name, pipe=False, method=True, force=True)
    if bound is not target:
        bound.__r_target__ = target
        cls.initialize = bound
