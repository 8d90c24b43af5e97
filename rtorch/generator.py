"""R torch's class generators: what ``dataset()``, ``iterable_dataset()`` and ``sampler()``
return.

In R these functions build an R6 class and return a *generator*: calling it makes an
instance (``ds <- my_dataset(df)``), and ``inherit = my_dataset`` extends it. Here the
generator **is** a Python class, made with :class:`Generator` as its metaclass: calling it
makes an instance, ``inherit=`` subclasses it, ``isinstance(ds, my_dataset)`` works, and a
hand-written ``class MyDataset(Dataset): ...`` is the same thing in Python's class form.

Members are given as keyword arguments; functions become methods written ``def f(self, ...)``
(R's ``self$`` is ``self.``), other values become fields. R's leading dots are dropped
(``.getitem`` is ``getitem``, PORTING §1); ``private`` members are ordinary attributes (Python
has no private fields: R's ``private$f()`` is ``self.f()``) and ``active`` ones become properties: ``f(self)`` on reading,
``f(self, value)`` on assignment, as R6 calls an active binding.

R's ``super$initialize(...)`` is ``self.super.initialize(...)`` in every generator's methods
(``nn_module``, ``dataset``, ``sampler``, ``optimizer``, ``lr_scheduler``): methods given as
keyword arguments are not written inside a ``class`` body, so Python's argument-less
``super()`` is not available to them.
"""
from __future__ import annotations

import sys
from typing import Any, Callable


class _Super:
    """R6's ``super``: the parent class's members, for the method being run."""

    __slots__ = ("_obj", "_cls")

    def __init__(self, obj: Any, cls: type):
        self._obj, self._cls = obj, cls

    def __getattr__(self, name: str) -> Any:
        return getattr(super(self._cls, self._obj), name)


def super_of(obj: Any, depth: int = 2) -> _Super:
    """``super`` for the method running ``depth`` frames up: found as the class in ``obj``'s MRO
    that defines that method."""
    code = sys._getframe(depth).f_code
    for klass in type(obj).__mro__:
        for v in vars(klass).values():
            fns = (v.fget, v.fset) if isinstance(v, property) else (v,)
            if any(getattr(f, "__code__", None) is code for f in fns):
                return _Super(obj, klass)
    return _Super(obj, type(obj))


class R6:
    """Mixin for every R-style class: ``self.super`` is R6's ``super``."""

    __slots__ = ()

    @property
    def super(self) -> _Super:
        """R6's ``super`` (``self.super.initialize(...)`` is R's ``super$initialize(...)``)."""
        return super_of(self)

    def clone(self, deep: bool = False) -> Any:
        """R6's ``obj$clone(deep = FALSE)``: a shallow copy (``deep = TRUE``: a deep copy)."""
        import copy
        return copy.deepcopy(self) if deep else copy.copy(self)


class Generator(type):
    """Metaclass of R-style generators: the class prints as R prints a generator."""

    #: what R calls the generator (``dataset_generator``, ``torch_sampler``, ...)
    r_kind = "generator"

    def __repr__(cls) -> str:
        members = sorted(k for k, v in vars(cls).items()
                         if not k.startswith("_") and callable(v))
        lines = [f"<{cls.r_kind}>", f"  {cls.__name__}"]
        parents = [b.__name__ for b in cls.__bases__ if b is not object]
        if parents:
            lines.append(f"  Inherits from: <{', '.join(parents)}>")
        if members:
            lines.append("  Methods: " + ", ".join(members))
        return "\n".join(lines)


def _active(f: Callable) -> property:
    """An R6 active binding as a property (``f(self)`` reads, ``f(self, value)`` writes)."""
    return property(f, lambda self, value: f(self, value))


#: R's dotted protocol methods, written without the dot (PORTING §1): ``.getitem`` is ``getitem``.
_PROTOCOL = frozenset({".getitem", ".getbatch", ".length", ".iter", ".next"})


def _member_name(name: str) -> str:
    """A member's Python name: the protocol methods drop R's leading dot, any other leading dot
    becomes ``_`` (``.check`` is ``_check``, as ``self$.check`` is ``self._check``)."""
    if name in _PROTOCOL:
        return name[1:]
    return "_" + name[1:] if name.startswith(".") else name


def _user_module(default: str) -> str:
    """The module of the nearest calling code outside rtorch."""
    f = sys._getframe(1)
    while f is not None and f.f_globals.get("__name__", "").partition(".")[0] == "rtorch":
        f = f.f_back
    return f.f_globals.get("__name__", default) if f is not None else default


def create_class(kind: type, name: str | None, inherit: type | None, members: dict[str, Any],
                 private: dict[str, Any] | None = None,
                 active: dict[str, Callable] | None = None,
                 foreign: type | None = None) -> type:
    """R torch's ``create_class()``: a new generator deriving from ``inherit`` (by default the
    base class ``kind``), holding ``members`` (and ``private``/``active`` ones). An ``inherit``
    that is a ``foreign`` (PyTorch) class is mixed in under ``kind``. The class belongs to the
    module of the user's code that asked for it."""
    parent = kind if inherit is None else inherit
    if isinstance(parent, type) and foreign is not None and issubclass(parent, foreign) \
            and not issubclass(parent, kind):
        bases: tuple = (kind, parent)
    elif isinstance(parent, type) and issubclass(parent, kind):
        bases = (parent,)
    else:
        raise TypeError(f"`inherit` must be a {kind.__name__} generator, not "
                        f"{type(parent).__name__}")
    body: dict[str, Any] = {}
    for source in (private or {}, members):
        body.update({_member_name(k): v for k, v in source.items()})
    body.update({_member_name(k): _active(f) for k, f in (active or {}).items()})
    cls_name = name if isinstance(name, str) else parent.__name__
    body["__qualname__"] = cls_name
    body["__module__"] = _user_module(kind.__module__)
    return type(cls_name, bases, body)
