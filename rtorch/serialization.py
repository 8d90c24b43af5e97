"""``torch_save`` / ``torch_load`` / ``torch_serialize``: R's saving, in PyTorch's file format,
without ever running code from a file.

What R code gets (R torch's round trip):

* ``torch_save(model, path)`` then ``model <- torch_load(path)`` gives the module back: same
  class, parameters (``requires_grad`` kept, tied parameters still tied), buffers, submodules,
  train/eval mode and the module's other fields. The same through ``torch_serialize(model)``
  and ``torch_load(bytes)``, for lists holding tensors and modules, and for an optimizer's
  ``state_dict()``.
* A module is rebuilt the way Python's own pickling rebuilds objects (the instance is made
  without running ``initialize``, then its members are restored), but only from **classes
  already defined in the session**: the user's ``nn_module`` generators (found by name among the
  defined subclasses of ``nn_module`` / ``torch.nn.Module``, wherever they were defined: a
  script, a notebook cell, a module, inside a function) and rtorch's and PyTorch's own classes
  (looked up in modules already imported). Nothing a file names is ever imported or called; a
  class that isn't defined is an error saying which generator to define.
* A module's fields must be data (numbers, strings, tensors, lists, dtypes, devices, modules),
  functions and classes defined at the top level of a module (stored by name, looked up the
  same way), partial functions of those, or plain helper objects of rtorch's, PyTorch's and
  torchvision's classes (rebuilt from their attributes, as pickling does); anything else is an
  error at saving, naming the field. Modules with hooks can't be saved whole.

The file is PyTorch's zip format holding data only: PyTorch's ``torch.load(path,
weights_only=True)`` reads it (a module comes as a description holding its tensors), and
``torch_load`` reads PyTorch's files (tensors, lists, dicts, state dicts). Files are written
atomically (:mod:`rtorch.atomic`) and carry a checksum of their contents, checked when loading
(:mod:`rtorch.safe_load`).
"""
from __future__ import annotations

import functools
import io
import os
import sys
import types
import weakref
from collections import OrderedDict
from typing import Any

import numpy as np
import torch

from .atomic import atomic_write
from .named_list import NamedList
from .nn_module import ModuleMembers, TorchModule
from .rbase import RVector
from .safe_load import CorruptFileError, TorchLoadError, read_torch, write_tagged
from .safe_load import _name as _source_name
from .tensor import Tensor, unwrap, wrap_all

__all__ = ["torch_save", "torch_load", "torch_serialize", "load_state_dict", "TorchLoadError",
           "CorruptFileError", "atomic_write", "encode", "decode", "find_class"]

#: the key marking rtorch's records (modules, tensors inside modules, ...) in a saved structure
MARK = "__rtorch__"
#: packages whose classes and functions a file may name (looked up, never imported)
ALLOWED_PACKAGES = frozenset({"rtorch", "torch", "torchvision"})
_MODULE_INTERNALS = frozenset(vars(torch.nn.Module()))
_HOOKS = tuple(sorted(k for k in _MODULE_INTERNALS if "hook" in k and k != "_is_full_backward_hook"))
_SCALARS = (type(None), bool, int, float, complex, str, bytes)
_INSTALLED = tuple({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)})


# -- finding classes and functions by name (no import) ----------------------------------------------

def _lookup(module: str, qualname: str) -> Any:
    """``module.qualname`` if ``module`` is already imported, else ``None``."""
    obj = sys.modules.get(module)
    for part in qualname.split("."):
        if obj is None or part.startswith("<"):
            return None
        obj = getattr(obj, part, None)
    return obj


def _user_module(module: str) -> bool:
    """Whether ``module`` is the user's code (a script, a notebook, the user's own files), not
    the standard library or an installed package."""
    if module == "__main__":
        return True
    m = sys.modules.get(module)
    file = getattr(m, "__file__", None)
    if not file:
        return False
    file = os.path.realpath(file)
    return not any(file.startswith(p + os.sep) for p in _INSTALLED)


def _subclasses(base: type) -> list[type]:
    seen: dict[type, None] = {}
    todo = [base]
    while todo:
        for c in type.__subclasses__(todo.pop()):
            if c not in seen:
                seen[c] = None
                todo.append(c)
    return list(seen)


def _allowed(module: str) -> bool:
    return module.partition(".")[0] in ALLOWED_PACKAGES


def _class_ref(cls: type) -> dict:
    """A class by name, with the nearest ancestor rtorch or PyTorch defines (``base``: where
    to look for it among the session's classes)."""
    base = next((b for b in cls.__mro__ if _allowed(b.__module__)
                 and _lookup(b.__module__, b.__qualname__) is b), object)
    return {"name": cls.__name__, "module": cls.__module__, "qualname": cls.__qualname__,
            "base": {"module": base.__module__, "qualname": base.__qualname__},
            "bound": _bound_name(cls)}


def _bound_name(cls: type) -> str | None:
    """The global name the class is bound to in its module (``net`` for ``net =
    nn_module(...)``, whose class may be called ``nn_module``), if any."""
    if _allowed(cls.__module__):
        return None
    space = sys.modules.get(cls.__module__)
    if getattr(space, cls.__name__, None) is cls:
        return cls.__name__
    for k, v in list(vars(space).items()) if space is not None else []:
        if v is cls:
            return k
    return None


def find_class(ref: dict, what: str = "torch_load()") -> type:
    """The class a file names (``{"name", "module", "qualname", "base"}``): rtorch's or
    PyTorch's by path, else a subclass of ``base`` (an rtorch or PyTorch class; by default
    ``torch.nn.Module``) defined in this session with that name (preferring the same module
    and qualified name, then the one currently bound to its name)."""
    name, module, qualname = (str(ref.get(k, "")) for k in ("name", "module", "qualname"))
    b = ref.get("base") if isinstance(ref.get("base"), dict) else {}
    bmod, bqual = str(b.get("module", "")), str(b.get("qualname", ""))
    base = _lookup(bmod, bqual) if _allowed(bmod) else None
    if not isinstance(base, type) or base is object:
        base = torch.nn.Module
    if _allowed(module):
        obj = _lookup(module, qualname)
        if isinstance(obj, type) and issubclass(obj, base):
            return obj
    bound = ref.get("bound") if isinstance(ref.get("bound"), str) else None
    found = [c for c in _subclasses(base)                  # the user's, or rtorch's made by rule
             if c.__name__ == name and _allowed(c.__module__) == _allowed(module)]
    pool = [c for c in found if c.__module__ == module and c.__qualname__ == qualname] or found
    if len(pool) > 1 and bound:                     # the current definition of `bound`
        pool = [c for c in pool if _lookup(c.__module__, bound) is c] or pool
    if len(pool) > 1:
        pool = [c for c in pool if _lookup(c.__module__, c.__qualname__) is c] or pool
    if len({_definition(c) for c in pool}) > 1:       # never guess between different codes
        where = ", ".join(sorted({f"`{c.__module__}`" for c in pool}))
        raise TorchLoadError(
            f"{what}: several different generators of class <{name}> are defined in this "
            f"session (in {where}) and the file can't tell which it holds: keep one, or bind "
            f"it to the name it had when saved (`{bound or name}`)")
    if not pool:
        where = "" if module in ("", "__main__") else f" (it was defined in `{module}`)"
        kind = "module" if issubclass(base, torch.nn.Module) else f"<{base.__name__}>"
        var = bound or name
        raise TorchLoadError(
            f"{what}: the file holds a {kind} of class <{name}>{where}, which is not defined "
            f"in this session. Define its generator first (`{var} = nn_module(\"{name}\", "
            "...)`, as when it was saved), then load again: files hold data, never code.")
    return pool[-1]


def _plain_object(x: Any) -> bool:
    """An instance of an rtorch, PyTorch or torchvision class that pickling would rebuild from
    its ``__dict__`` alone (a helper object such as torchvision's ``BoxCoder``)."""
    tp = type(x)
    return (_allowed(tp.__module__) and _lookup(tp.__module__, tp.__qualname__) is tp
            and tp.__new__ is object.__new__ and tp.__reduce_ex__ is object.__reduce_ex__
            and not hasattr(tp, "__slots__") and not hasattr(tp, "__setstate__")
            and isinstance(getattr(x, "__dict__", None), dict)
            and not isinstance(x, (torch.nn.Module, type, types.FunctionType)))


def _definition(cls: type) -> tuple:
    """What tells generators apart: the code of their methods (a generator made again by the
    same code, e.g. in a function called twice, has the same)."""
    return tuple((k, getattr(v, "__code__", None)) for k, v in sorted(vars(cls).items())
                 if callable(v) and hasattr(v, "__code__"))


def _function_ref(f: Any) -> dict | None:
    """``{"module", "qualname"}`` of a function or class that can be found again by name."""
    module, qualname = getattr(f, "__module__", None), getattr(f, "__qualname__", None)
    if not isinstance(module, str) or not isinstance(qualname, str):
        return None
    if _lookup(module, qualname) is not f:
        top, name = module.partition(".")[0], getattr(f, "__name__", "")
        if _allowed(module) and isinstance(name, str) and _lookup(top, name) is f:
            return {"module": top, "qualname": name}          # an rtorch export made by rule
        return None
    if _allowed(module) or _user_module(module):
        return {"module": module, "qualname": qualname}
    return None


def _find_function(ref: dict) -> Any:
    module, qualname = str(ref.get("module", "")), str(ref.get("qualname", ""))
    f = _lookup(module, qualname)
    ok = callable(f) and (_allowed(module)
                          or (_user_module(module) and isinstance(f, (types.FunctionType, type))
                              and f.__module__ == module))
    if not ok:
        raise TorchLoadError(f"torch_load(): the file names the function `{module}.{qualname}`, "
                             "which is not defined in this session (define it, as when the "
                             "file was saved, then load again)")
    return f


# -- saving: objects as data ------------------------------------------------------------------------

class _Encoder:
    """An object as data a ``weights_only`` file holds. Outside modules, data is kept as
    PyTorch's (tensors, lists, dicts); modules become records (:data:`MARK`), and inside them
    tensors and modules are numbered so that shared ones stay shared."""

    def __init__(self, classes: dict[int, type] | None = None):
        self.ids: dict[int, int] = {}
        self.keep: list[Any] = []                    # ids stay valid while encoding
        self.classes = classes or {}

    def _seen(self, x: Any) -> dict | None:
        k = self.ids.get(id(x))
        return None if k is None else {MARK: "ref", "id": k}

    def _new_id(self, x: Any) -> int:
        k = self.ids[id(x)] = len(self.ids)
        self.keep.append(x)
        return k

    def value(self, x: Any, where: str, inside: bool = False) -> Any:
        tp = type(x)
        if tp in _SCALARS:
            return x
        if isinstance(x, np.generic):
            return x.item()
        if isinstance(x, (Tensor, torch.Tensor)):
            return self.tensor(x) if inside else unwrap(x)
        if isinstance(x, (torch.nn.Module, TorchModule)):
            return self.module(x if isinstance(x, torch.nn.Module) else x.torch, where)
        if isinstance(x, torch.dtype):
            return {MARK: "dtype", "name": str(x).partition(".")[2]}
        if isinstance(x, torch.device):
            return {MARK: "device", "name": str(x)}
        if isinstance(x, torch.Size):
            return {MARK: "size", "value": list(x)} if inside else x
        if tp is ModuleMembers and not inside and all(
                isinstance(v, (Tensor, torch.Tensor)) for v in dict.values(x)):
            return x                                   # a state dict, pickled as PyTorch's
        if isinstance(x, dict):
            items = {k: self.value(v, f"{where}${k}", inside) for k, v in dict.items(x)}
            if inside and isinstance(x, NamedList):
                return {MARK: "named_list", "items": items}
            if MARK in items:
                return {MARK: "dict", "items": items}
            return OrderedDict(items) if isinstance(x, OrderedDict) else items
        if tp is list or tp is tuple or (isinstance(x, (list, tuple)) and not hasattr(x, "_fields")):
            items = [self.value(v, f"{where}[[{i}]]", inside) for i, v in enumerate(x, 1)]
            return tuple(items) if isinstance(x, tuple) else items
        if not inside:
            return self._other(x, where, inside)
        if isinstance(x, (set, frozenset)):
            return {MARK: "set", "items": [self.value(v, where, inside) for v in x]}
        if isinstance(x, weakref.ref):
            return {MARK: "weakref", "value": self.value(x(), where, inside)}
        return self._other(x, where, inside)

    def _other(self, x: Any, where: str, inside: bool) -> Any:
        tp = type(x)
        if tp is RVector:
            v = x.values
            return {MARK: "rvector", "values": v.tolist(), "dtype": v.dtype.str,
                    "shape": list(v.shape), "names": None if x.names is None else list(x.names)}
        if isinstance(x, np.ndarray) and not x.dtype.hasobject:
            return {MARK: "array", "value": torch.from_numpy(np.ascontiguousarray(x).copy())}
        if inside and isinstance(x, functools.partial):
            return {MARK: "partial", "func": self.value(x.func, f"{where}$func", inside),
                    "args": self.value(list(x.args), where, inside),
                    "kwargs": self.value(dict(x.keywords), where, inside)}
        if inside and isinstance(x, type) and _class_ref(x)["base"]["module"] != "builtins":
            return {MARK: "class", **_class_ref(x)}
        if inside and callable(x) and not _plain_object(x):
            ref = _function_ref(x)
            if ref is not None:
                return {MARK: "function", **ref}
        if inside and _plain_object(x):                # torchvision's BoxCoder, Matcher, ...
            return {MARK: "object", "class": _class_ref(tp),
                    "state": self.value(dict(vars(x)), where, inside)}
        what = "a function not defined at the top level of a module" if callable(x) \
            else f"an object of class <{tp.__name__}>"
        raise TypeError(f"Can't save `{where}` ({what}): a saved file holds data (numbers, "
                        "strings, tensors, lists, modules) and names of functions defined at "
                        "the top level of a module, never code or other objects")

    def tensor(self, x: Any) -> dict:
        t = unwrap(x)
        seen = self._seen(t)
        if seen is not None:
            return seen
        return {MARK: "tensor", "id": self._new_id(t), "value": t.detach(),
                "parameter": isinstance(t, torch.nn.Parameter),
                "requires_grad": t.requires_grad, "r": type(x) is Tensor}

    def module(self, m: torch.nn.Module, where: str) -> dict:
        seen = self._seen(m)
        if seen is not None:
            return seen
        d = vars(m)
        busy = [k for k in _HOOKS if d.get(k)]
        if busy:
            raise TypeError(f"Can't save `{where}` (a module of class <{type(m).__name__}>): it "
                            f"has hooks ({', '.join(busy)}), which are code; remove them first")
        cls = self.classes.get(id(m), type(m))
        node: dict[str, Any] = {MARK: "module", "id": self._new_id(m), "class": _class_ref(cls),
                                "training": bool(m.training)}
        node["parameters"] = {k: None if p is None else self.tensor(p)
                              for k, p in d["_parameters"].items()}
        node["buffers"] = {k: None if b is None else self.tensor(b)
                           for k, b in d["_buffers"].items()}
        node["non_persistent"] = sorted(d.get("_non_persistent_buffers_set", ()))
        node["modules"] = {k: None if c is None else self.module(c, f"{where}${k}")
                           for k, c in d["_modules"].items()}
        node["fields"] = {k: self.value(v, f"{where}${k}", inside=True) for k, v in d.items()
                          if k not in _MODULE_INTERNALS}
        return node


def encode(obj: Any, where: str = "object", *, inside: bool = False,
           classes: dict[int, type] | None = None) -> Any:
    """``obj`` as the data ``torch_save`` writes (see :class:`_Encoder`). ``inside``: encode
    as a module's field (tensors numbered, functions and classes by name); ``classes``: the
    class to record for a module, by the module's ``id()``."""
    return _Encoder(classes).value(obj, where, inside)


# -- loading: data back to objects --------------------------------------------------------------------

class _Decoder:
    """The inverse of :class:`_Encoder`, building modules only from classes found by
    :func:`find_class`."""

    def __init__(self, classes: dict[int, type] | None = None):
        self.objects: dict[int, Any] = {}
        self.classes = classes or {}
        self.found: dict[str, type] = {}

    def value(self, x: Any, inside: bool = False) -> Any:
        if isinstance(x, torch.Tensor):
            return wrap_all(x) if not inside else x
        if isinstance(x, dict):
            kind = x.get(MARK) if type(x) is dict else None
            if kind is not None:
                return self.record(kind, x, inside)
            if isinstance(x, OrderedDict) and hasattr(x, "_metadata") and not inside:
                return ModuleMembers({k: self.value(v) for k, v in x.items()}, None, x._metadata)
            return type(x)((k, self.value(v, inside)) for k, v in x.items())
        if isinstance(x, list):
            return [self.value(v, inside) for v in x]
        if isinstance(x, tuple) and not hasattr(x, "_fields"):
            return tuple(self.value(v, inside) for v in x)
        return x

    def record(self, kind: str, x: dict, inside: bool) -> Any:
        if kind == "module":
            return self.module(x)
        if kind == "tensor":
            return self.tensor(x, field=True)
        if kind == "ref":
            try:
                return self.objects[x["id"]]
            except KeyError:
                raise TorchLoadError("torch_load(): the file refers to an object it does not "
                                     "hold") from None
        if kind == "dtype":
            dtype = getattr(torch, str(x["name"]), None)
            if not isinstance(dtype, torch.dtype):
                raise TorchLoadError(f"torch_load(): unknown dtype {x['name']!r}")
            return dtype
        if kind == "device":
            return torch.device(str(x["name"]))
        if kind == "size":
            return torch.Size(int(v) for v in x["value"])
        if kind == "named_list":
            return NamedList({k: self.value(v, True) for k, v in x["items"].items()})
        if kind == "dict":
            return {k: self.value(v, inside) for k, v in x["items"].items()}
        if kind == "set":
            return {self.value(v, inside) for v in x["items"]}
        if kind == "weakref":
            return weakref.ref(self.value(x["value"], inside))
        if kind == "rvector":
            dtype = np.dtype(str(x["dtype"]))
            if dtype.hasobject:
                raise TorchLoadError("torch_load(): object vectors are not read")
            values = np.array(x["values"], dtype=dtype).reshape([int(n) for n in x["shape"]])
            return RVector(values, x["names"])
        if kind == "array":
            return x["value"].numpy()
        if kind == "class":
            return self._class(x)
        if kind == "function":
            return _find_function(x)
        if kind == "object":
            ref = x["class"]
            cls = _lookup(str(ref.get("module", "")), str(ref.get("qualname", ""))) \
                if _allowed(str(ref.get("module", ""))) else None
            if not (isinstance(cls, type) and cls.__new__ is object.__new__
                    and cls.__reduce_ex__ is object.__reduce_ex__
                    and not hasattr(cls, "__setstate__") and not hasattr(cls, "__slots__")
                    and not issubclass(cls, torch.nn.Module)):
                raise TorchLoadError(f"torch_load(): the file holds an object of class "
                                     f"<{ref.get('name')}>, which rtorch does not rebuild")
            obj = object.__new__(cls)
            obj.__dict__.update(self.value(x["state"], True))
            return obj
        if kind == "partial":
            func = self.value(x["func"], True)
            if not (isinstance(x["func"], dict) and x["func"].get(MARK) in ("function", "class")):
                raise TorchLoadError("torch_load(): a partial function names no function")
            return functools.partial(func, *self.value(x["args"], True),
                                     **self.value(x["kwargs"], True))
        raise TorchLoadError(f"torch_load(): unknown record {kind!r} (a newer rtorch wrote it?)")

    def tensor(self, x: dict, field: bool = False) -> Any:
        t = x["value"]
        if not isinstance(t, torch.Tensor):
            raise TorchLoadError("torch_load(): a tensor record holds no tensor")
        if x.get("parameter"):
            t = torch.nn.Parameter(t, requires_grad=bool(x.get("requires_grad")))
        elif x.get("requires_grad") and t.is_floating_point():
            t.requires_grad_(True)
        out = wrap_all(t) if field and x.get("r") else t
        self.objects[x["id"]] = out
        return out

    def _class(self, ref: Any) -> type:
        """:func:`find_class`, once per class a file names."""
        key = repr(ref)
        cls = self.found.get(key)
        if cls is None:
            cls = self.found[key] = find_class(ref if isinstance(ref, dict) else {})
        return cls

    def _member(self, x: Any) -> Any:
        if x is None:
            return None
        if isinstance(x, dict) and x.get(MARK) == "ref":
            return self.record("ref", x, True)
        return self.tensor(x)

    def module(self, x: dict) -> torch.nn.Module:
        cls = self.classes.get(x["id"]) or self._class(x["class"])
        m = cls.__new__(cls)
        torch.nn.Module.__init__(m)
        self.objects[x["id"]] = m
        d = vars(m)
        d["training"] = bool(x["training"])
        for k, v in x["parameters"].items():
            d["_parameters"][k] = self._member(v)
        for k, v in x["buffers"].items():
            d["_buffers"][k] = self._member(v)
        d["_non_persistent_buffers_set"] = set(x.get("non_persistent", ()))
        for k, v in x["modules"].items():
            d["_modules"][k] = None if v is None else self.value(v, True)
        for k, v in x["fields"].items():
            d[k] = self.value(v, True)
        return m


def decode(data: Any, *, inside: bool = False, classes: dict[int, type] | None = None,
           name: str = "the file") -> Any:
    """What :func:`encode` made, back as objects (``classes``: the class to build for a module
    record, by the record's id). A malformed record is a :class:`TorchLoadError`."""
    try:
        return _Decoder(classes).value(data, inside)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError, RecursionError) as e:
        raise TorchLoadError(f"{name} is damaged: a record in it is malformed "
                             f"({type(e).__name__}: {e})") from None


def _plain(obj: Any) -> Any:
    """A PyTorch-written file's content as rtorch values (no records are decoded)."""
    if isinstance(obj, OrderedDict) and hasattr(obj, "_metadata"):   # a module's state dict
        return ModuleMembers({k: _plain(v) for k, v in obj.items()}, None, obj._metadata)
    if isinstance(obj, dict):
        return type(obj)((k, _plain(v)) for k, v in obj.items())
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return wrap_all(obj)


# -- R's verbs ---------------------------------------------------------------------------------------------

def torch_save(obj: Any, path: Any, *args: Any, compress: Any = True) -> None:
    """R's ``torch_save(obj, path, ..., compress = TRUE)``: tensors, modules, lists of them,
    state dicts, optimizer states (see the module docstring); written atomically, with a
    checksum. ``compress`` is accepted and ignored (records are stored uncompressed, as
    PyTorch writes them)."""
    write(encode(obj), path)


def write(data: Any, path: Any) -> None:
    """Data already made by :func:`encode` written to ``path`` (atomically, with a checksum),
    or to a connection (``rawConnection()``, ``io.BytesIO``)."""
    if hasattr(path, "write"):
        write_tagged(data, path)
        return
    atomic_write(path, lambda f: write_tagged(data, f))


def torch_serialize(obj: Any, *args: Any, **kwargs: Any) -> bytes:
    """R's ``torch_serialize(obj, ...)``: the bytes ``torch_save`` would write."""
    buf = io.BytesIO()
    write_tagged(encode(obj), buf)
    return buf.getvalue()


def read(path: Any, device: Any = None) -> tuple[Any, bool]:
    """A torch file's raw content (``(data, tagged)``), read and checked by
    :func:`rtorch.safe_load.read_torch`; ``device`` is where tensors go."""
    from .devices import as_torch_device
    return read_torch(path, map_location=as_torch_device(device))


def torch_load(path: Any, device: Any = "cpu", module: Any = None) -> Any:
    """R's ``torch_load(path, device = "cpu")``: what ``torch_save`` saved (a module comes back
    as the module; see the module docstring), from a path or from ``torch_serialize()``'s
    bytes. Also reads PyTorch's ``torch.save`` files (tensors, containers, state dicts).
    ``module`` (rtorch's addition) loads the saved state into a module made by the user and
    returns it."""
    data, tagged = read(path, device)
    name = _source_name(path)
    obj = decode(data, name=name) if tagged else _plain(data)
    if module is not None:
        state = torch.nn.Module.state_dict(obj) if isinstance(obj, torch.nn.Module) else obj
        return module.load_state_dict(state)
    return obj


def load_state_dict(path: Any, *args: Any, legacy_stream: Any = False) -> dict:
    """R's ``load_state_dict(path)``: a state dict saved by PyTorch (``torch.save``), as a dict
    of rtorch tensors; never executes code from the file."""
    obj = torch_load(path)
    return torch.nn.Module.state_dict(obj) if isinstance(obj, torch.nn.Module) else obj


R_SERIALIZATION = {"torch_save": torch_save, "torch_load": torch_load,
                   "torch_serialize": torch_serialize, "load_state_dict": load_state_dict}
