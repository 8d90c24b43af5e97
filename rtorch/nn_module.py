"""R's ``nn_module``: modules that ARE ``torch.nn.Module``s and speak R to R code.

Two ways to define one, as in R:

* the generator form, ``net = nn_module("net", initialize = f, forward = g, ...)``: a class
  (R's generator); ``model = net(3, 1)`` makes an instance. Methods are ``def f(self, ...)``.
  ``inherit =`` takes another generator or a built-in layer (``inherit = nn_linear``); R's
  ``super$initialize(...)`` is ``self.super.initialize(...)``, and Python's
  ``super(net, self).initialize(...)`` works too. ``private =`` and ``active =`` are R6's
  (private members become ordinary attributes; active bindings properties);
* the Python class form: ``class Net(nn_module): def initialize(self, ...): ...`` (or
  PyTorch's ``__init__`` calling ``super().__init__()`` first).

What R code sees (R torch's semantics):

* ``self.fc = nn_linear(...)`` registers a submodule; ``self.w = nn_parameter(x)`` and
  ``self.b = nn_buffer(x)`` a parameter and a buffer (stored as PyTorch's ``Parameter`` and
  buffer). Reading ``model.w`` gives an rtorch tensor sharing the parameter's memory.
* ``model(x)``: ``forward`` gets what it was given (rtorch tensors) and returns what it
  returns. Built-in layers (``nn_linear`` ...) run PyTorch's forward on the PyTorch tensors
  and give back rtorch tensors. A plain PyTorch module used as a child (a torchvision model)
  is called with PyTorch tensors; its results come back as rtorch tensors.
* ``model.parameters``, ``model.buffers``, ``model.children``, ``model.modules`` are
  attributes (R's fields): named lists (:class:`ModuleMembers`) of rtorch tensors / modules.
  They iterate their elements (``for p in model.parameters``), index by name
  (``model.parameters["fc.weight"]``) or by 1-based position (``model.parameters[1]``),
  and ``len()`` counts them. R's ``model$named_parameters()`` is ``model.parameters`` (the
  method ``named_parameters()`` is PyTorch's).
* ``state_dict()`` is a named list of rtorch tensors; ``load_state_dict()`` takes it (or a
  PyTorch state dict); a missing entry fails with R's ``Could not find <key> in the
  state_dict.``, extra entries are ignored (R's rule).
* ``to(dtype, device)`` takes the dtype first (R); ``zero_grad()`` fills gradients with
  zeros (R); ``train()``, ``eval()``, ``cuda()``, ``cpu()``, ``apply()`` are PyTorch's.
* ``model.clone(deep = True)`` / ``clone_module()``; printing follows R
  (``An `nn_module` containing 1,201 parameters.`` and the Modules/Parameters/Buffers lists).

What PyTorch code sees: a ``torch.nn.Module``. The R faces above answer to R code only:
called from PyTorch's own code (``torch.*``, ``torchvision.*``; :data:`TORCH_PACKAGES`),
``model.weight`` is the ``Parameter``, ``model.parameters()`` PyTorch's generator,
``state_dict()`` PyTorch's ``OrderedDict``. A module called with PyTorch tensors answers
with PyTorch tensors (and, for a built-in layer, with PyTorch's 0-based semantics).
"""
from __future__ import annotations

import copy
import inspect
import sys
from collections import OrderedDict
from typing import Any, Callable, Iterator

import numpy as np
import torch
from torch.nn.utils.rnn import PackedSequence

from . import devices as _devices
from . import dtypes as _dtypes
from .dims import position_in as _position
from .errors import translated
from .generator import R6, Generator, create_class
from .named_list import NamedList, is_vector_subscript, r_name, subset
from .nn_recurrent import RPackedSequence, packed_to_r, r_state_keys
from .pipes import Stage
from .printing import rule
from .tensor import Tensor, unwrap, wrap, wrap_all, _TT

__all__ = ["nn_module", "nn_parameter", "nn_buffer", "is_nn_module", "is_nn_parameter",
           "is_nn_buffer", "nn_sequential", "nn_module_list", "nn_module_dict", "clone_module",
           "nn_prune_head", "ModuleMembers", "TorchModule", "TORCH_PACKAGES"]

_Module = torch.nn.Module
_module_call = torch.nn.Module.__call__
_Parameter = torch.nn.Parameter


# -- which world is reading: R code or PyTorch's own code -----------------------------------

#: Packages whose code gets PyTorch objects from rtorch modules (their code expects PyTorch).
TORCH_PACKAGES = {"torch", "torchvision", "torchaudio", "torchtext", "functorch"}
#: rtorch's own modules that run PyTorch code on modules (the built-in layers' forwards).
TORCH_MODULES = {"rtorch.nn_layers"}

_caller_is_torch: dict[str, bool] = {}
_frame = sys._getframe


def torch_caller(depth: int = 1) -> bool:
    """Whether the code ``depth`` frames above the caller is PyTorch's (decided by the module
    it belongs to: exact, thread-safe, about 0.2 microseconds)."""
    name = _frame(depth + 1).f_globals.get("__name__") or ""
    r = _caller_is_torch.get(name)
    if r is None:
        r = _caller_is_torch[name] = (name.partition(".")[0] in TORCH_PACKAGES
                                      or name in TORCH_MODULES)
    return r


# -- values between the worlds ----------------------------------------------------------------

def to_torch(x: Any) -> Any:
    """rtorch values -> PyTorch's (tensors, through lists, tuples, named tuples and dicts)."""
    tp = type(x)
    if tp is Tensor:
        return x._t
    if tp is tuple or tp is list:
        return tp(to_torch(v) for v in x)
    if isinstance(x, dict):
        return {k: to_torch(v) for k, v in x.items()}
    if tp is RPackedSequence:                                   # 1-based indices -> 0-based
        return x.to_torch()
    if isinstance(x, tuple) and hasattr(x, "_fields"):          # named results
        return x._make(to_torch(v) for v in x)
    if tp is TorchModule:
        return x.torch
    return unwrap(x)


def to_r(r: Any) -> Any:
    """PyTorch results -> rtorch (tensors wrapped through tuples, lists and named tuples such
    as ``PackedSequence``); plain PyTorch modules as :class:`TorchModule`."""
    tp = type(r)
    if tp is _TT or tp is _Parameter:
        return wrap(r)
    if tp is tuple or tp is list:
        return tp(to_r(v) for v in r)
    if isinstance(r, dict):                                       # dict, OrderedDict results
        return type(r)((k, to_r(v)) for k, v in r.items())
    if tp is PackedSequence:                                    # R's: 1-based indices
        return packed_to_r(r)
    if isinstance(r, tuple) and hasattr(r, "_fields"):          # named results
        return r._make(to_r(v) for v in r)
    if isinstance(r, _Module) and not isinstance(r, nn_module):
        return TorchModule(r)
    return wrap_all(r)


# -- R's named lists of a module's members -------------------------------------------------------

class ModuleMembers(NamedList):
    """R's ``model$parameters`` (``$buffers``, ``$children``, ``$modules``): a named list of
    rtorch tensors or modules. Iterating gives the elements (R's ``for (p in x)``);
    ``x["fc.weight"]`` and ``x[1]`` (1-based) pick one; ``x.names()`` the names.
    Called, it is PyTorch's method of the same name: ``model.parameters()``."""

    __slots__ = ("_call", "_metadata")

    def __init__(self, items: dict, call: Callable | None = None, metadata: Any = None):
        dict.__init__(self, items)
        object.__setattr__(self, "_call", call)
        object.__setattr__(self, "_metadata", metadata)

    def __call__(self, *args, **kwargs):
        if self._call is None:
            raise TypeError("a named list of tensors is not a module: to use a saved module, make "
                            "one and load these tensors into it, `model.load_state_dict(x)`")
        return self._call(*args, **kwargs)

    def __iter__(self) -> Iterator[Any]:
        return iter(dict.values(self))

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return dict.__getitem__(self, key)
        if is_vector_subscript(key):                 # R's x[!is_bias], x[-c(1)]: a sub-list
            return ModuleMembers(subset(self, key))
        return list(dict.values(self))[_position(key, len(self))]

    def names(self) -> list[str]:
        """R's ``names(x)``."""
        return list(dict.keys(self))

    def __repr__(self) -> str:
        if not self:
            return "list()"
        return "\n".join(f"${r_name(k)}\n{v!r}\n" for k, v in dict.items(self))

    __str__ = __repr__

    def __reduce__(self):
        """Pickled (``torch.save``) as PyTorch's ``OrderedDict`` of PyTorch tensors."""
        sd = OrderedDict((k, to_torch(v)) for k, v in dict.items(self))
        if self._metadata is not None:
            sd._metadata = self._metadata
        return sd.__reduce__()




def _r_tensors(module: _Module, kind: str) -> dict[str, Any]:
    """R's order of ``module$parameters`` / ``$buffers``: each child's (recursively) first, then
    the module's own; a tensor shared by several modules once, under its first name."""
    seen: set[int] = set()
    out: dict[str, Any] = {}

    def walk(m: _Module, prefix: str) -> None:
        for name, child in m._modules.items():
            if child is not None:
                walk(child, prefix + name + ".")
        for name, v in getattr(m, "_" + kind).items():
            if v is not None and id(v) not in seen:
                seen.add(id(v))
                out[prefix + name] = to_r(v)

    walk(module, "")
    return out


def _members(kind: str):
    """The R field ``kind`` (``parameters`` ...): R code gets a named list, PyTorch's code
    (and calls) PyTorch's method."""
    method = getattr(_Module, kind)
    named = getattr(_Module, "named_" + kind)

    def get(self):
        bound = method.__get__(self)
        if torch_caller(1):
            return bound
        if kind in ("parameters", "buffers"):
            return ModuleMembers(_r_tensors(self, kind), bound)
        return ModuleMembers({name: to_r(v) for name, v in named(self)}, bound)

    def set(self, value):
        raise RuntimeError(f"It's not possible to modify the {kind} list.")

    return property(get, set, doc=f"R's ``module${kind}``: a named list (called: PyTorch's "
                                  f"``{kind}()``).")


# -- printing ---------------------------------------------------------------------------------

RULE_WIDTH = 80


def _comma(n: int) -> str:
    return f"{n:,}"


def _r_class(m: Any) -> str:
    """R's class name of a module: a PyTorch layer shows as its rtorch layer."""
    m = m.torch if type(m) is TorchModule else m
    cls = type(m)
    if not isinstance(m, nn_module) and cls.__module__.startswith("torch.nn.modules"):
        from .nn_layers import r_name_of
        return r_name_of(cls)
    return cls.__name__


def _count(m: _Module) -> int:
    return sum(p.numel() for p in _Module.parameters(m))


tensor_str = _dtypes.tensor_str


def format_module(m: _Module) -> str:
    """An nn_module printed as R prints it (``print_nn_module``)."""
    lines = [f"An `nn_module` containing {_comma(_count(m))} parameters."]
    sections = [
        ("Modules", [(k, f"<{_r_class(v)}> #{_comma(_count(v))} parameters")
                     for k, v in m._modules.items() if v is not None]),
        ("Parameters", [(k, tensor_str(v)) for k, v in m._parameters.items() if v is not None]),
        ("Buffers", [(k, tensor_str(v)) for k, v in m._buffers.items() if v is not None]),
    ]
    for title, items in sections:
        if items:
            lines += ["", rule(title, RULE_WIDTH)]
            lines += [f"• {k}: {v}" for k, v in items]
    return "\n".join(lines)


# -- the generator (metaclass) ---------------------------------------------------------------

def _needs_input(forward: Callable) -> bool:
    """Whether ``forward`` has a required positional argument after ``self``."""
    try:
        ps = list(inspect.signature(forward).parameters.values())[1:]
    except (TypeError, ValueError):
        return True
    return bool(ps) and ps[0].kind in (ps[0].POSITIONAL_ONLY, ps[0].POSITIONAL_OR_KEYWORD) \
        and ps[0].default is ps[0].empty


class ModuleGenerator(Generator):
    """The type of rtorch modules. A class is R's module generator: calling it makes an
    instance; calling ``nn_module`` itself makes a new generator (R's ``nn_module(...)``)."""

    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns, **kw)
        builtin = getattr(cls.forward, "_torch_forward", False)
        if "__call__" not in ns:
            cls.__call__ = _module_call if builtin else cls._r_call
        cls._needs_input = _needs_input(cls.forward)

    def __call__(cls, *args, **kwargs):
        if cls is nn_module:
            return _generator(*args, **kwargs)
        return super().__call__(*args, **kwargs)

    def __repr__(cls) -> str:
        return f"<{cls.__name__}> nn_module generator"


def _generator(classname: str | None = None, inherit: type | None = None, *,
               private: dict | None = None, active: dict | None = None,
               parent_env: Any = None, **methods: Any) -> type:
    """R's ``nn_module(classname = NULL, inherit = nn_Module, ..., private, active)``."""
    if classname is not None and not isinstance(classname, str):
        raise TypeError("`classname` must be a string")
    if inherit is None:
        base = nn_module
    elif isinstance(inherit, type) and issubclass(inherit, nn_module):
        base = inherit
    elif isinstance(inherit, type) and issubclass(inherit, _Module):
        from .nn_layers import derived_layer
        base = derived_layer(inherit)
    else:
        raise TypeError(f"`inherit` must be an nn_module generator, got {inherit!r}")
    name = classname or (base.__name__ if base is not nn_module else "nn_module")
    # (fields declared NULL move to each instance: nn_module.__init_subclass__)
    return create_class(nn_module, name, base, methods, private, active)


# -- the module base class ----------------------------------------------------------------------

class nn_module(_Module, R6, metaclass=ModuleGenerator):
    """R torch's ``nn_module``: call it to define a generator (``nn_module("name",
    initialize = f, forward = g)``), or derive from it (``class Net(nn_module)``). See the
    module docstring."""

    _r_fields: dict = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A field declared ``NULL`` in the class (``activation_f = None``) lives on each
        instance, so that a module or parameter assigned to it later is what is read back."""
        super().__init_subclass__(**kwargs)
        nulls = [k for k, v in list(vars(cls).items()) if v is None and not k.startswith("__")]
        for k in nulls:
            delattr(cls, k)
        inherited: dict = {}
        for base in reversed(cls.__mro__[1:]):
            inherited.update(vars(base).get("_r_fields", {}))
        cls._r_fields = {**inherited, **dict.fromkeys(nulls)}

    def __init__(self, *args: Any, **kwargs: Any):
        _Module.__init__(self)
        for k, v in self._r_fields.items():
            self.__dict__[k] = v
        self.initialize(*args, **kwargs)

    def initialize(self) -> None:
        """R's ``initialize``: define submodules, parameters and buffers here."""

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("Forward method is not implemented")

    def _r_call(self, *args: Any, **kwargs: Any) -> Any:
        """``model(x)`` for modules whose forward is R code."""
        if args:
            a = args[0]
            if type(a) is not Tensor and isinstance(a, _TT):     # called by PyTorch code
                return to_torch(self._r_call(*to_r(args), **to_r(kwargs)))
        elif not kwargs and self._needs_input:
            return Stage(self, (), {}, f"{type(self).__name__}()")
        return _module_call(self, *args, **kwargs)

    # -- attributes: R code reads rtorch tensors, PyTorch's code its own objects ----------------
    def __getattr__(self, name: str) -> Any:
        d = self.__dict__
        try:
            params, buffers, modules = d["_parameters"], d["_buffers"], d["_modules"]
        except KeyError:
            raise AttributeError(name) from None
        if name in params:
            v = params[name]
        elif name in buffers:
            v = buffers[name]
        elif name in modules:
            v = modules[name]
            if v is None or isinstance(v, nn_module) or torch_caller(1):
                return v
            return TorchModule(v)
        else:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        if v is None or torch_caller(1):
            return v
        o = Tensor.__new__(Tensor)
        o._t = v
        return o

    def __setattr__(self, name: str, value: Any) -> None:
        tp = type(value)
        if tp is Tensor:
            t = value._t
            d = self.__dict__
            if name in d.get("_parameters", ()) and not isinstance(t, _Parameter):
                raise TypeError(f"cannot assign a tensor as parameter '{name}': use "
                                f"nn_parameter(x) (or assign to `{name}$data`)")
            if isinstance(t, (_Parameter, torch.nn.Buffer)) or name in d.get("_buffers", ()):
                value = t
        elif tp is TorchModule:
            value = value.torch
        elif name == "training" and tp is not bool:
            if not isinstance(value, np.bool_):
                raise ValueError("Field `training` must be a logical flag.")
            value = bool(value)
        super(nn_module, self).__setattr__(name, value)

    # R's model[["fc"]] / model[[1]] (the first child module) and model[["fc"]] <- value
    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return getattr(self, key)
        children = list(self._modules.values())
        if not isinstance(key, (int, np.integer)) or isinstance(key, bool):
            key = _position(key, len(children)) + 1 if children else key
        if not 1 <= int(key) <= len(children):
            raise IndexError(f"subscript out of bounds: [[{key}]] of a module with "
                             f"{len(children)} child module(s)")
        return to_r(children[int(key) - 1])

    def __setitem__(self, key: str, value: Any) -> None:
        setattr(self, str(key), value)

    parameters = _members("parameters")
    buffers = _members("buffers")
    children = _members("children")
    modules = _members("modules")

    # -- R's methods that differ from PyTorch's ----------------------------------------------
    def add_module(self, name: Any, module: Any) -> None:
        """R's ``add_module(name, module)`` (a number as name is made a string)."""
        name = str(int(name)) if isinstance(name, (int, float)) and not isinstance(name, bool) else name
        if type(module) is TorchModule:
            module = module.torch
        if isinstance(module, type) and issubclass(module, _Module):
            raise TypeError(f'Module "{name}" must be initialized')
        if module is not None and not isinstance(module, _Module):
            kind = "function" if callable(module) else type(module).__name__
            raise TypeError(f"Expected <nn_module> but got object of type <{kind}>")
        _Module.add_module(self, name, module)

    register_module = add_module

    def register_parameter(self, name: str, param: Any) -> None:
        """R's ``register_parameter(name, param)``."""
        t = to_torch(param)
        if t is not None and not isinstance(t, _Parameter):
            t = _Parameter(t)
        _Module.register_parameter(self, name, t)

    def register_buffer(self, name: str, tensor: Any, persistent: bool = True) -> None:
        """R's ``register_buffer(name, tensor, persistent = TRUE)``."""
        _Module.register_buffer(self, name, to_torch(tensor), persistent)

    def to(self, dtype: Any = None, device: Any = None, tensor: Any = None,
           non_blocking: bool = False, copy: bool = False, memory_format: Any = None):
        """R's ``module$to(dtype = NULL, device = NULL, tensor = NULL, non_blocking = FALSE,
        ...)``: the dtype comes first (PyTorch's ``to(device)`` is understood too). Only
        floating point dtypes (R: ``nn.Module.to only accepts floating point '...``)."""
        if isinstance(dtype, (Tensor, _TT)):                      # PyTorch's to(tensor)
            dtype, tensor = None, dtype
        elif dtype is not None and _is_device(dtype):             # PyTorch's to(device, dtype)
            dtype, device = device, dtype
        td = _dtypes.as_torch_dtype(dtype)
        if td is not None and not (td.is_floating_point or td.is_complex):
            raise ValueError("nn.Module.to only accepts floating point ' 'dtypes, but got "
                             f"desired dtype {_dtypes._of(td)!r}")
        kw: dict[str, Any] = {"non_blocking": non_blocking}
        if tensor is not None:
            return _Module.to(self, to_torch(tensor), **kw)
        if memory_format is not None:
            kw["memory_format"] = memory_format
        return _Module.to(self, device=_devices.as_torch_device(device), dtype=td, **kw)

    def zero_grad(self, set_to_none: bool = False) -> None:
        """R's ``zero_grad()``: gradients become zeros (PyTorch's default sets them to None)."""
        _Module.zero_grad(self, set_to_none)

    def state_dict(self, *args: Any, destination: Any = None, prefix: str = "",
                   keep_vars: bool = False, keepvars: bool | None = None):
        """R's ``state_dict(prefix = "", keepvars = FALSE)``: a named list of rtorch tensors
        (PyTorch's ``OrderedDict`` when PyTorch's code asks)."""
        keep = keep_vars if keepvars is None else keepvars
        if args or destination is not None or torch_caller(1):
            return _Module.state_dict(self, *args, destination=destination, prefix=prefix,
                                      keep_vars=keep)
        sd = _Module.state_dict(self, prefix=prefix, keep_vars=True)
        if not keep:            # R detaches, then gives each its parameter's requires_grad
            for k, v in sd.items():
                sd[k] = v.detach().requires_grad_(True) if v.requires_grad else v.detach()
        return ModuleMembers({k: to_r(v) for k, v in sd.items()}, None, sd._metadata)

    def load_state_dict(self, state_dict: Any, strict: bool = True, assign: bool = False,
                        refer_to_state_dict: bool = False):
        """R's ``load_state_dict(state_dict, .refer_to_state_dict = FALSE)``: copies the values
        in (``refer_to_state_dict = True``: uses the given tensors, PyTorch's ``assign``).
        A missing entry fails with ``Could not find <key> in the state_dict.``; extra entries
        are ignored, as in R."""
        items = dict.items(state_dict) if isinstance(state_dict, dict) else state_dict.items()
        sd = OrderedDict((k, to_torch(v)) for k, v in items)
        meta = getattr(state_dict, "_metadata", None)
        if meta is not None:
            sd._metadata = meta
        sd = r_state_keys(self, sd)                 # PyTorch's recurrent names -> R's
        if torch_caller(1):
            return _Module.load_state_dict(self, sd, strict, assign)
        for key in _Module.state_dict(self):
            if key not in sd:
                if key.endswith("num_batches_tracked"):     # R's batch norm fills 0
                    sd[key] = torch.zeros((), dtype=torch.int64)
                    continue
                raise ValueError(f"Could not find {key} in the state_dict.")
        try:
            _Module.load_state_dict(self, sd, strict=False, assign=assign or refer_to_state_dict)
        except RuntimeError as e:
            raise translated(e) from None
        return self

    def clone(self, deep: bool = False, replace_values: bool = True) -> "nn_module":
        """R's ``module$clone(deep = FALSE)`` (:func:`clone_module`)."""
        return clone_module(self, deep=deep, replace_values=replace_values)

    def __repr__(self) -> str:
        return format_module(self)

    def print(self) -> "nn_module":
        """R's ``print(model)``."""
        print(format_module(self))
        return self


def _is_device(x: Any) -> bool:
    if isinstance(x, (torch.device, _devices.device)):
        return True
    if isinstance(x, str):
        try:
            torch.device(x)
            return True
        except RuntimeError:
            return False
    return False


# -- a plain PyTorch module, as R code sees it ---------------------------------------------------

class TorchModule:
    """A plain PyTorch module (a torchvision model, say) seen from R code: calling it gives it
    PyTorch tensors and returns rtorch ones; its tensors and submodules read as rtorch's.
    ``.torch`` is the module itself."""

    __slots__ = ("torch",)

    def __init__(self, module: _Module):
        object.__setattr__(self, "torch", module)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs:
            return Stage(self, (), {}, f"{type(self.torch).__name__}()")
        try:
            r = self.torch(*to_torch(args), **to_torch(kwargs))
        except (RuntimeError, IndexError, ValueError, TypeError) as e:
            raise translated(e) from None
        return to_r(r)

    def __getattr__(self, name: str) -> Any:
        if name in ("parameters", "buffers", "children", "modules"):
            m = self.torch
            return ModuleMembers({k: to_r(v) for k, v in getattr(m, "named_" + name)()},
                                 getattr(m, name))
        return to_r(getattr(self.torch, name))

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.torch, name, to_torch(value))

    def __len__(self) -> int:
        return len(self.torch)

    def __iter__(self):
        return (to_r(m) for m in self.torch)

    def __getitem__(self, key: Any) -> Any:
        """PyTorch's own indexing (a PyTorch container counts from 0)."""
        return to_r(self.torch[key])

    def __repr__(self) -> str:
        return format_module(self.torch)


# -- parameters and buffers --------------------------------------------------------------------

def nn_parameter(x: Any, requires_grad: bool = True) -> Tensor:
    """R's ``nn_parameter(x, requires_grad = TRUE)``: marks a tensor as a parameter (PyTorch's
    ``torch.nn.Parameter``, sharing ``x``'s memory); assigned to a module field, it registers."""
    t = unwrap(x)
    if not isinstance(t, _TT):
        raise TypeError("`x` must be a tensor.")
    return wrap(_Parameter(t, requires_grad=requires_grad))


def nn_buffer(x: Any, persistent: bool = True) -> Tensor:
    """R's ``nn_buffer(x, persistent = TRUE)``: marks a tensor as a buffer (PyTorch's
    ``torch.nn.Buffer``); assigned to a module field, it registers."""
    t = unwrap(x)
    if not isinstance(t, _TT):
        raise TypeError("`x` must be a tensor.")
    return wrap(torch.nn.Buffer(t, persistent=persistent))


def is_nn_parameter(x: Any) -> bool:
    """R's ``is_nn_parameter(x)``."""
    return isinstance(unwrap(x), _Parameter)


def is_nn_buffer(x: Any) -> bool:
    """R's ``is_nn_buffer(x)``: a tensor made by ``nn_buffer()`` (a buffer read back from a
    module is a plain tensor)."""
    return isinstance(unwrap(x), torch.nn.Buffer)


def is_nn_module(x: Any) -> bool:
    """R's ``is_nn_module(x)``: a module instance (not a generator)."""
    return isinstance(x, (_Module, TorchModule))


# -- containers ----------------------------------------------------------------------------------

class _Container(nn_module):
    """Shared by ``nn_sequential`` and ``nn_module_list``: 1-based ``[i]``, ``len``, iteration."""

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Any]:
        return (to_r(m) for m in self._modules.values())

    def _select(self, key: Any) -> list[Any]:
        items = list(self._modules.values())
        if isinstance(key, slice):
            from .indexing import _descending, _slice
            if _descending(key):                     # R's 3:1 counts down
                return [items[_position(j, len(items))]
                        for j in range(int(key.start), int(key.stop) - 1, -1)]
            return items[_slice(key)]
        return [items[_position(j, len(items))] for j in _vector(key)]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return to_r(self._modules[key])
        if torch_caller(1):                          # PyTorch's code counts from 0
            return list(self._modules.values())[key]
        if isinstance(key, slice) or _is_vector(key):
            return type(self)._from(self._select(key))
        return to_r(list(self._modules.values())[_position(key, len(self._modules))])

    def __setitem__(self, key: Any, module: Any) -> None:
        self.add_module(list(self._modules)[_position(key, len(self._modules))], module)


def _call_child(m: _Module, *args: Any, **kwargs: Any) -> Any:
    return (m if isinstance(m, nn_module) else TorchModule(m))(*args, **kwargs)


def _is_vector(x: Any) -> bool:
    """An index that selects several items (a length-1 numeric R vector is a scalar, as in R)."""
    if isinstance(x, (list, tuple)):
        return True
    if not hasattr(x, "__array__") or isinstance(x, (int, float)):
        return False
    a = np.asarray(x)
    return not (a.size == 1 and a.ndim <= 1 and a.dtype.kind in "iuf")


def _vector(x: Any) -> list[Any]:
    from .dims import ints
    return list(ints(x, "index"))


class nn_sequential(_Container):
    """R's ``nn_sequential(...)``: modules applied in order; children are named ``"0"``,
    ``"1"``, ... (R's names); ``seq[1]`` is the first (1-based), ``seq[c(1, 2)]`` a new
    ``nn_sequential`` of those. Modules given by name (``nn_sequential(a = nn_linear(1, 2))``)
    are numbered in their order as well, as R torch numbers them; an ``OrderedDict`` keeps its
    names (PyTorch's form)."""

    def initialize(self, *modules: Any, **named: Any) -> None:
        if len(modules) == 1 and not named and isinstance(modules[0], OrderedDict):
            for k, m in modules[0].items():
                self.add_module(k, m)
            return
        for i, m in enumerate(modules + tuple(named.values())):
            self.add_module(i, m)

    @classmethod
    def _from(cls, modules: list) -> "nn_sequential":
        return nn_sequential(*modules)

    def forward(self, input: Any, *args: Any, **kwargs: Any) -> Any:
        """Each module applied to the previous one's result (further arguments go to the first
        module, as in R's pruned heads)."""
        modules = self._modules.values()
        if (args or kwargs) and modules:
            first, *rest = modules
            input = _call_child(first, input, *args, **kwargs)
            modules = rest
        for m in modules:
            input = _call_child(m, input)
        return input


class nn_module_list(_Container):
    """R's ``nn_module_list(modules = list())``: submodules in a list; ``x[i]`` is 1-based,
    ``append(m)``, ``extend(ms)``, ``insert(index, m)`` (1-based ``index``)."""

    def initialize(self, modules: Any = ()) -> None:
        self.extend(modules)

    @classmethod
    def _from(cls, modules: list) -> "nn_module_list":
        return nn_module_list(modules)

    def append(self, module: Any) -> "nn_module_list":
        """R's ``$append(module)``."""
        self.add_module(len(self._modules), module)
        return self

    def extend(self, modules: Any) -> "nn_module_list":
        """R's ``$extend(modules)``."""
        for m in modules:
            self.append(m)
        return self

    def insert(self, index: Any, module: Any) -> "nn_module_list":
        """R's ``$insert(index, module)``: ``module`` becomes element ``index`` (1-based)."""
        items = list(self._modules.values())
        items.insert(_position(index, len(items) + 1), module)
        self._modules.clear()
        return self.extend(items)


class nn_module_dict(nn_module):
    """R's ``nn_module_dict(dict)``: submodules by name; ``d.name`` or ``d["name"]``."""

    def initialize(self, dict: Any) -> None:
        for k, m in dict.items():
            if not isinstance(k, str) or not k:
                raise ValueError("All elements in `dict` must be named.")
            self.add_module(k, m)

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("`nn_module_dict()` has no `forward()` implementation.")

    def __getitem__(self, key: str) -> Any:
        return to_r(self._modules[key])

    def __setitem__(self, key: str, module: Any) -> None:
        self.add_module(key, module)

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def keys(self):
        return self._modules.keys()

    def items(self):
        return [(k, to_r(v)) for k, v in self._modules.items()]

    def values(self):
        return [to_r(v) for v in self._modules.values()]


def nn_prune_head(x: _Module, head_size: int = 1) -> nn_sequential:
    """R's ``nn_prune_head(x, head_size = 1)``: an ``nn_sequential`` of ``x``'s children
    without the last ``head_size`` (names kept)."""
    x = to_torch(x)
    children = list(x._modules.items())
    return nn_sequential(OrderedDict(children[:len(children) - int(head_size)]))


def clone_module(module: _Module, deep: bool = False, replace_values: bool = True) -> _Module:
    """R's ``clone_module(module, deep = FALSE)``: ``deep`` copies parameters, buffers and
    submodules (tensors shared between submodules stay shared); otherwise the new module
    shares them with ``module``."""
    module = to_torch(module)
    if deep:
        return copy.deepcopy(module)
    out = copy.copy(module)
    out.__dict__ = {k: (type(v)(v) if isinstance(v, (dict, set)) else v)
                    for k, v in module.__dict__.items()}
    return out


R_NN_MODULE = {n: globals()[n] for n in (
    "nn_module", "nn_parameter", "nn_buffer", "is_nn_module", "is_nn_parameter", "is_nn_buffer",
    "nn_sequential", "nn_module_list", "nn_module_dict", "clone_module", "nn_prune_head")}
