"""R's lists and objects: ``unlist``, ``append``, ``setNames``, ``as.list``, ``ifelse``,
``identical``, ``inherits``, ``class``, ``typeof``, ``isTRUE``, ``missing``, ``match.arg``
and the ``is.*`` predicates for non-atomic values.

Part of :mod:`rtorch.rbase`. R's lists are Python lists (unnamed) and named lists
(:class:`rtorch.named_list.NamedList`, a ``dict``); R's ``class(x)`` is ``class_(x)``
(``class`` is a Python keyword).
"""
from __future__ import annotations

import builtins
import math
from typing import Any, Callable

import numpy as np

from .vectors import (NA_INT, RString, RVector, _as_rvector, _character_result, _na_mask,
                      _top_type, _true, _coerce, _DTYPE)  # noqa: F401
from . import frames
from .sequences import c
from .arithmetic import _scalar


def _named_list(pairs: Any) -> Any:
    from ..named_list import NamedList
    return NamedList(pairs)


def _is_atomic(x: Any) -> bool:
    return x is None or isinstance(x, (RVector, bool, int, float, complex, str, np.generic,
                                       np.ndarray))


def _list_items(x: Any) -> tuple[list, list[str] | None]:
    if isinstance(x, dict):
        return list(dict.values(x)), [str(k) for k in dict.keys(x)]
    if isinstance(x, (list, tuple)):
        return list(x), None
    v = _as_rvector(x)
    items = [_character_result(RVector(v._flat()[i:i + 1])) for i in range(v.values.size)]
    return items, v.names


def unlist(x: Any, recursive: bool = True, use_names: bool = True) -> Any:
    """R's ``unlist(x, recursive = TRUE, use.names = TRUE)``: a list of atomic values (through
    nested lists) as one vector, named ``a``, ``b1``, ``b2`` ... after the list's names; a list
    that holds other things (tensors, modules) comes back as a flat Python list."""
    if _is_atomic(x):
        return x
    items, names = _list_items(x)
    flat: list = []
    flat_names: list[str] = []
    atomic = True
    for i, item in enumerate(items):
        outer = names[i] if names is not None else ""
        if isinstance(item, (dict, list, tuple)) and recursive:
            item = unlist(item, recursive, use_names)
        if item is None:
            continue
        if not _is_atomic(item):
            atomic = False
            flat.append(item)
            continue
        v = _as_rvector(item)
        inner = v.names
        n = v.values.size
        for j in range(n):
            if inner is not None and outer:
                flat_names.append(f"{outer}.{inner[j]}")
            elif inner is not None:
                flat_names.append(inner[j])
            elif outer:
                flat_names.append(outer if n == 1 else f"{outer}{j + 1}")
            else:
                flat_names.append("")
        flat.append(RVector(v._flat()))
    if not atomic:
        return [y for f in flat for y in (_list_items(f)[0] if isinstance(f, RVector) else [f])]
    if not flat:
        return None
    out = c(*flat)
    if use_names and builtins.any(flat_names):
        out.names = flat_names
    return out


def as_list(x: Any) -> Any:
    """R's ``as.list(x)``: a vector's elements as a list (a named list when it has names)."""
    if isinstance(x, (list, dict)):
        return x
    if isinstance(x, tuple):
        return list(x)
    if not isinstance(x, (RVector, str)) and not _is_atomic(x) and hasattr(x, "__iter__") \
            and hasattr(x, "__len__") and not hasattr(x, "shape"):
        return list(x)          # R's as.list() of a container: nn_module_list, a data set
    items, names = _list_items(x)
    return _named_list(zip(names, items)) if names is not None else items


def append(x: Any, values: Any, after: Any = None) -> Any:
    """R's ``append(x, values, after = length(x))``: for a list, ``values``' elements inserted
    (a new list); for vectors, ``c()`` in the right place."""
    if isinstance(x, (list, tuple, dict)) or x is None and isinstance(values, (list, dict)):
        items, names = _list_items(x if x is not None else [])
        new, new_names = (_list_items(values) if isinstance(values, (list, tuple, dict))
                          else ([values], None))
        k = len(items) if after is None else builtins.min(int(after), len(items))
        if names is None and new_names is None:
            return items[:k] + new + items[k:]
        names = names or [""] * len(items)
        new_names = new_names or [""] * len(new)
        return _named_list(zip(names[:k] + new_names + names[k:], items[:k] + new + items[k:]))
    v = _as_rvector(x) if x is not None else None
    if v is None:
        return values
    k = v.values.size if after is None else builtins.min(int(after), v.values.size)
    if k >= v.values.size:
        return c(v, values)
    return c(v[RVector(np.arange(1, k + 1))] if k else None, values,
             v[RVector(np.arange(k + 1, v.values.size + 1))])


def setNames(object: Any = None, nm: Any = None) -> Any:
    """R's ``setNames(object, nm)``: ``object`` with these names (a list becomes a named
    list; ``nm = NULL`` removes them)."""
    if isinstance(object, (list, tuple, dict)):
        items = list(dict.values(object)) if isinstance(object, dict) else list(object)
        if nm is None:
            return items
        return _named_list(zip([str(n) for n in _as_rvector(nm).tolist()], items))
    v = _as_rvector(object).copy()
    v.names = None if nm is None else [str(n) for n in _as_rvector(nm).tolist()]
    return v


def ifelse(test: Any, yes: Any, no: Any) -> RVector:
    """R's ``ifelse(test, yes, no)``: elementwise, ``yes`` and ``no`` recycled to ``test``'s
    length; NA in ``test`` gives NA; ``test``'s dims and names are kept."""
    t = _as_rvector(test)
    na = _na_mask(t.values) | (np.isnan(t.values) if t.values.dtype.kind in "fc" else False)
    if t.rtype == "logical":
        mask = _true(t.values)
    elif t.rtype == "character":
        raise TypeError("ifelse() needs a logical or numeric test")
    else:
        mask = np.where(na, False, t.values != 0)
    flat = mask.reshape(-1, order="F")
    na_flat = np.asarray(na).reshape(-1, order="F") if np.ndim(na) else np.zeros(flat.size, bool)
    y, n = _as_rvector(yes), _as_rvector(no)
    used = []
    if flat[~na_flat].any():
        used.append(y)
    if (~flat[~na_flat]).any():
        used.append(n)
    rtype = _top_type([u.rtype for u in used] + (["logical"] if not used else []))
    out = np.empty(flat.size, dtype=_DTYPE[rtype])
    for src, pick in ((y, flat & ~na_flat), (n, ~flat & ~na_flat)):
        if pick.any():
            vals = _coerce(src._flat(), src.rtype, rtype)
            if vals.size == 0:
                raise ValueError("replacement has length zero")
            out[pick] = np.resize(vals, flat.size)[pick]
    if na_flat.any():
        from .vectors import _na_array
        out[na_flat] = _na_array(rtype, int(na_flat.sum()))
    return RVector(out.reshape(t.values.shape, order="F"), t.names)


def mean_difference(target: np.ndarray, current: np.ndarray, tolerance: float) -> str | None:
    """R's ``all.equal()`` of two numeric arrays of one length: ``None`` when they agree,
    else R's message. Over the elements that differ, the mean absolute difference, relative
    to the mean size of ``target``'s when that is above ``tolerance`` (R's ``countEQ =
    FALSE``); an NA in one place only is R's ``'is.NA' value mismatch``. Complex numbers
    compare by modulus, as R's ``Mean relative Mod difference``."""
    na_t = _na_mask(target) | np.isnan(target)
    na_c = _na_mask(current) | np.isnan(current)
    if (na_t != na_c).any():
        return (f"'is.NA' value mismatch: {int(na_c.sum())} in current "
                f"{int(na_t.sum())} in target")
    same = na_t | (target == current)
    if same.all():
        return None
    t, c = target[~same], current[~same]
    xy = float(np.mean(np.abs(t - c)))
    xn = float(np.mean(np.abs(t)))
    what = "absolute"
    if math.isfinite(xn) and xn > tolerance:
        xy, what = xy / xn, "relative"
    if t.dtype.kind == "c" or c.dtype.kind == "c":
        what += " Mod"
    if math.isnan(xy) or xy > tolerance:
        from .printing import _format_reals
        return f"Mean {what} difference: {_format_reals(np.array([xy]), 7)[0][0]}"
    return None


def all_equal(target: Any, current: Any, tolerance: float = 1.5e-8, **kwargs: Any) -> Any:
    """R's ``all.equal(target, current, tolerance = 1.5e-8)`` for vectors: ``TRUE``, or R's
    description of the difference (``"Mean relative difference: 0.1"``, ``"Lengths (1, 2)
    differ"``, ``"1 string mismatch"``); ``isTRUE(all.equal(a, b))`` is R's test."""
    x, y = _as_rvector(target), _as_rvector(current)
    numeric = ("logical", "integer", "double")
    if x.rtype in numeric and y.rtype in numeric:
        if x.values.size != y.values.size:
            return RString(f"Lengths ({x.values.size}, {y.values.size}) differ")
        message = mean_difference(_coerce(x._flat(), x.rtype, "double"),
                                  _coerce(y._flat(), y.rtype, "double"), tolerance)
        return _scalar(True, "logical") if message is None else RString(message)
    if x.rtype != y.rtype:
        return RString(f"Modes: {x.rtype if x.rtype != 'double' else 'numeric'}, "
                       f"{y.rtype if y.rtype != 'double' else 'numeric'}")
    if x.values.size != y.values.size:
        return RString(f"Lengths ({x.values.size}, {y.values.size}) differ")
    mismatches = sum(1 for u, w in zip(x.tolist(), y.tolist()) if u != w)
    if mismatches:
        return RString(f"{mismatches} string mismatch{'es' if mismatches > 1 else ''}")
    return _scalar(True, "logical")


def dots_list(*args: Any, **kwargs: Any) -> Any:
    """R's ``list(...)`` inside a function: the arguments given for ``...``, a list, or a named
    list when they were given by name (``rtorch.port`` writes it). Both at once are R's list
    with ``""`` names, which a Python mapping cannot hold: that is an error here."""
    if not kwargs:
        return list(args)
    if args:
        raise TypeError("list(...) of named and unnamed arguments: R's \"\" names have no "
                        "Python counterpart; name every argument or none")
    from ..named_list import NamedList
    return NamedList(kwargs)


def storage_mode(x: Any) -> RString:
    """R's ``storage.mode(x)``: the vector's storage type (``"double"``, ``"integer"``, ...)."""
    return RString(typeof(x).tolist()[0])


def identical(x: Any, y: Any) -> RVector:
    """R's ``identical(x, y)``: same type, values (NA equal to NA), names and dims; lists
    element by element; tensors and other objects: the same object or equal plain values."""
    return _scalar(_identical(x, y), "logical")


def _identical(x: Any, y: Any) -> bool:
    if isinstance(x, (RVector, RString)) or isinstance(y, (RVector, RString)) or (
            isinstance(x, (bool, int, float, str)) and isinstance(y, (bool, int, float, str))):
        try:
            a, b = _as_rvector(x), _as_rvector(y)
        except TypeError:
            return False
        if a.rtype != b.rtype or a.values.shape != b.values.shape or a.names != b.names:
            return False
        av, bv = a._flat(), b._flat()
        if av.dtype.kind in "fc":
            same_nan = np.isnan(av) & np.isnan(bv)
            return bool(((av == bv) | same_nan).all() and (_na_mask(av) == _na_mask(bv)).all())
        return av.tolist() == bv.tolist()
    if isinstance(x, dict) and isinstance(y, dict):
        return list(dict.keys(x)) == list(dict.keys(y)) and builtins.all(
            _identical(a, b) for a, b in zip(dict.values(x), dict.values(y)))
    if isinstance(x, (list, tuple)) and isinstance(y, (list, tuple)):
        return len(x) == len(y) and builtins.all(_identical(a, b) for a, b in zip(x, y))
    if x is y:
        return True
    if hasattr(x, "shape") or hasattr(y, "shape"):
        try:
            import torch
            return (type(x) is type(y) and isinstance(x, torch.Tensor)
                    and x.dtype == y.dtype and torch.equal(x, y))
        except Exception:
            return False
    try:
        return bool(x == y) and type(x) is type(y)
    except Exception:
        return False


#: R class names for rtorch's (and PyTorch's) Python classes.
_R_CLASS_NAMES = {"Tensor": "torch_tensor", "Parameter": "torch_tensor", "Dataset": "dataset",
                  "IterableDataset": "iterable_dataset", "DataLoader": "dataloader",
                  "Optimizer": "torch_optimizer", "NamedList": "list", "ModuleMembers": "list",
                  "Device": "torch_device", "dtype": "torch_dtype"}


def class_(x: Any) -> RVector:
    """R's ``class(x)`` (spelled ``class_``: ``class`` is a Python keyword): R's implicit class
    of vectors (``"numeric"``, ``"integer"``, ``"character"``, ``"logical"``, ``"matrix"
    "array"``), ``"list"``, ``"function"``, ``"NULL"``, ``"factor"``, ``"data.frame"``; for
    rtorch objects the classes R torch gives (``c("nn_linear", "nn_module")``,
    ``"torch_tensor"``, a dataset's name and ``"dataset"``)."""
    return RVector(np.array(_classes(x), dtype=object))


def _classes(x: Any) -> list[str]:
    if x is None:
        return ["NULL"]
    if hasattr(x, "r_class"):
        return list(x.r_class())
    if isinstance(x, (RVector, bool, int, float, complex, str, np.ndarray)):
        v = _as_rvector(x)
        if v.values.ndim == 2:
            return ["matrix", "array"]
        if v.values.ndim > 2:
            return ["array"]
        return [{"double": "numeric"}.get(v.rtype, v.rtype)]
    if isinstance(x, (list, tuple)) or type(x) is dict:
        return ["list"]
    if type(x).__name__ == "DataFrame":
        return ["data.frame"]
    if isinstance(x, type):
        generated = _generator_classes(x)
        if generated is not None:
            return generated
    out = _mro_classes(type(x).__mro__)
    if "torch_tensor" in out:
        out = ["torch_tensor", "R7"]
    if not out:
        return ["function"] if callable(x) else [type(x).__name__]
    if "R6" in out:                                   # R6 last, as R lists it
        out = [n for n in out if n != "R6"] + ([] if "nn_module" in out else ["R6"])
    return out


#: R's class of a generator (what ``nn_module()``, ``dataset()``, ``optimizer()`` return)
_GENERATOR_TAGS = {"nn_module": "nn_module_generator", "dataset": "dataset_generator",
                   "iterable_dataset": "iterable_dataset_generator",
                   "torch_optimizer": "torch_optimizer_generator"}


def _generator_classes(cls: type) -> list[str] | None:
    """``class()`` of a generator: a module's is its chain of classes then
    ``nn_module_generator`` (``c("hello", "nn_linear", "nn_module", "nn_module_generator")``),
    a data set's or an optimizer's its own name then the generator's class."""
    chain = [n for n in _mro_classes(cls.__mro__) if n != "R6"]
    for base, tag in _GENERATOR_TAGS.items():
        if base in chain:
            return (chain if base == "nn_module" else chain[:1]) + [tag]
    return None


def _mro_classes(mro: tuple) -> list[str]:
    out: list[str] = []
    for cls in mro:
        if cls is object:
            continue
        name = _R_CLASS_NAMES.get(cls.__name__)
        if name is None:
            if cls.__module__.split(".")[0] in ("torch", "builtins", "typing", "abc", "collections"):
                continue
            name = cls.__name__
        if name not in out:
            out.append(name)
    return out


def inherits(x: Any, what: Any, which: bool = False) -> RVector:
    """R's ``inherits(x, what, which = FALSE)``: whether any of ``class(x)`` is in ``what``
    (``which = TRUE``: for each of ``what``, its 1-based position in ``class(x)`` or 0)."""
    classes = _classes(x)
    wanted = [str(w) for w in _as_rvector(what).tolist()]
    if which:
        return RVector(np.array([classes.index(w) + 1 if w in classes else 0 for w in wanted],
                                dtype=np.int64))
    return _scalar(builtins.any(w in classes for w in wanted), "logical")


def typeof(x: Any) -> RString:
    """R's ``typeof(x)``: ``"double"``, ``"integer"``, ``"character"``, ``"logical"``,
    ``"complex"``, ``"list"``, ``"NULL"``, ``"closure"``; ``"externalptr"`` for tensors."""
    if x is None:
        return RString("NULL")
    if isinstance(x, (RVector, bool, int, float, complex, str, np.ndarray)):
        return RString(_as_rvector(x).rtype)
    if isinstance(x, (list, tuple, dict)):
        return RString("list")
    if callable(x) and not hasattr(x, "parameters"):
        return RString("closure")
    return RString("environment" if hasattr(x, "__dict__") else "externalptr")


def isTRUE(x: Any) -> bool:
    """R's ``isTRUE(x)``: a length-1 logical TRUE (not NA)."""
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    return isinstance(x, RVector) and x.rtype == "logical" and x.values.size == 1 and \
        bool(_true(x.values).reshape(-1)[0])


def isFALSE(x: Any) -> bool:
    """R's ``isFALSE(x)``: a length-1 logical FALSE."""
    if isinstance(x, (bool, np.bool_)):
        return not x
    return isinstance(x, RVector) and x.rtype == "logical" and x.values.size == 1 and \
        bool((x.values == 0).reshape(-1)[0])


def missing(x: Any) -> bool:
    """R's ``missing(x)`` for an argument whose Python default is ``None``: ``x is None``."""
    return x is None


def is_list(x: Any) -> RVector:
    """R's ``is.list(x)``: a Python list or tuple, or a named list (any ``dict``)."""
    return _scalar(isinstance(x, (list, tuple, dict)), "logical")


def is_vector(x: Any, mode: str = "any") -> RVector:
    """R's ``is.vector(x, mode = "any")``: an atomic vector without dims, or a list."""
    if isinstance(x, (list, tuple, dict)):
        return _scalar(mode in ("any", "list"), "logical")
    try:
        v = _as_rvector(x)
    except TypeError:
        return _scalar(False, "logical")
    ok = v.values.ndim == 1 and (mode == "any" or {"numeric": ("integer", "double")}.get(
        mode, (mode,)).__contains__(v.rtype))
    return _scalar(ok, "logical")


def is_atomic(x: Any) -> RVector:
    """R's ``is.atomic(x)``."""
    return _scalar(isinstance(x, (RVector, bool, int, float, complex, str, np.ndarray)),
                   "logical")


def is_matrix(x: Any) -> RVector:
    """R's ``is.matrix(x)``: an R vector with two dims."""
    return _scalar(isinstance(x, RVector) and x.values.ndim == 2, "logical")


def is_array(x: Any) -> RVector:
    """R's ``is.array(x)``: an R vector with dims."""
    return _scalar(isinstance(x, RVector) and x.values.ndim >= 2, "logical")


def is_function(x: Any) -> RVector:
    """R's ``is.function(x)``: a Python callable that is not a module, tensor or list."""
    return _scalar(callable(x) and not hasattr(x, "parameters") and not isinstance(x, dict),
                   "logical")


def match_arg(arg: Any, choices: Any = None, several_ok: bool = False) -> Any:
    """R's ``match.arg(arg, choices)``: ``arg`` completed against ``choices`` (a unique prefix
    matches); ``NULL`` or the whole ``choices`` vector gives the first choice. Python has no
    default to read the choices from, so pass them: ``match_arg(reduction, c("mean", "sum"))``."""
    if choices is None:
        raise TypeError("match_arg() needs the choices (R reads them from the formals)")
    options = [str(v) for v in _as_rvector(choices).tolist()]
    if arg is None:
        return RString(options[0])
    given = [str(v) for v in _as_rvector(arg).tolist()]
    if given == options and not several_ok:
        return RString(options[0])
    if len(given) != 1 and not several_ok:
        raise ValueError("'arg' must be of length 1")
    out = []
    for g in given:
        hits = [o for o in options if o == g] or [o for o in options if o.startswith(g)]
        if len(hits) != 1:
            quoted = ", ".join(f"\u201c{o}\u201d" for o in options)
            raise ValueError(f"'arg' should be one of {quoted}")
        out.append(hits[0])
    return RString(out[0]) if len(out) == 1 else RVector(np.array(out, dtype=object))


def new_env() -> Any:
    """R's ``new.env()``: a mutable named list (``e.x = 1``; ``e.x``)."""
    return _named_list({})


def unname(obj: Any, force: bool = False) -> Any:
    """R's ``unname(obj)``: without names (a named list becomes a list)."""
    if isinstance(obj, dict):
        return list(dict.values(obj))
    if isinstance(obj, RVector):
        out = obj.copy()
        out.names = None
        return out
    return obj


def lengths(x: Any, use_names: bool = True) -> RVector:
    """R's ``lengths(x)``: the length of each element of a list (or 1s for a vector)."""
    from .sets import _n_elements
    items, names = _list_items(x)
    return RVector(np.array([_n_elements(i) for i in items], dtype=np.int64),
                   names if use_names else None)


def anyNA(x: Any, recursive: bool = False) -> RVector:
    """R's ``anyNA(x)``: whether any element is NA (or NaN)."""
    from .sets import is_na
    if isinstance(x, (list, dict)):
        return _scalar(builtins.any(bool(anyNA(v)) for v in _list_items(x)[0]), "logical")
    return _scalar(bool(is_na(x).values.any()), "logical")


def duplicated(x: Any) -> RVector:
    """R's ``duplicated(x)``: whether each element equals an earlier one."""
    items, _ = _list_items(x) if isinstance(x, (list, dict)) else (_as_rvector(x).tolist(), None)
    seen: list = []
    out = []
    for v in items:
        key = v.tolist() if isinstance(v, RVector) else v
        out.append(key in seen)
        seen.append(key)
    return RVector(np.array(out, dtype=bool))


class suppressWarnings:
    """R's ``suppressWarnings(expr)``: ``with suppressWarnings(): ...``, or called with a
    function of no arguments (R's lazy ``expr``), its value with warnings silenced."""

    def __new__(cls, expr: Any = None, classes: Any = "warning"):
        if expr is None:
            return super().__new__(cls)
        import warnings as _w
        with _w.catch_warnings():
            _w.simplefilter("ignore")
            return expr() if callable(expr) else expr

    def __enter__(self):
        import warnings as _w
        self._ctx = _w.catch_warnings()
        self._ctx.__enter__()
        _w.simplefilter("ignore")
        return self

    def __exit__(self, *exc: Any) -> bool:
        self._ctx.__exit__(*exc)
        return False


def suppressMessages(expr: Any = None, classes: Any = "message") -> Any:
    """R's ``suppressMessages(expr)``: ``expr()`` with standard error silenced."""
    import contextlib
    import io
    import sys as _sys
    with contextlib.redirect_stderr(io.StringIO()):
        return expr() if callable(expr) else expr


def conditionMessage(c: Any) -> RString:
    """R's ``conditionMessage(e)`` of a caught exception: its message."""
    return RString(str(c.args[0]) if getattr(c, "args", None) else str(c))


def try_(expr: Any, silent: bool = False) -> Any:
    """R's ``try(expr, silent = FALSE)`` (``try`` is a Python keyword): ``expr()``'s value, or
    the error (printed unless ``silent``) when it fails."""
    try:
        return expr() if callable(expr) else expr
    except Exception as e:                            # noqa: BLE001 - R's try catches all
        if not silent:
            import sys as _sys
            _sys.stderr.write(f"Error : {e}\n")
        return e


def attr(x: Any, which: Any, exact: bool = False) -> Any:
    """R's ``attr(x, which)``: the attribute (field) ``which`` of ``x``, or NULL; R's
    ``"names"`` and ``"dim"`` attributes of R vectors and ``"class"``."""
    name = str(_as_rvector(which).tolist()[0])
    if name == "class":
        return class_(x)
    if isinstance(x, RVector):
        if name == "names":
            return None if x.names is None else RVector(np.array(x.names, dtype=object))
        if name == "dim":
            return None if x.values.ndim < 2 else RVector(np.array(x.values.shape, np.int64))
        if name == "levels" and hasattr(x, "_r_labels"):
            return RVector(np.array(x.levels, dtype=object))
    if isinstance(x, dict):
        return dict.get(x, name)
    if type(x) is _tensor_class():
        return vars(x.torch).get(name.replace(".", "_"))
    return getattr(x, name.replace(".", "_"), None)


def _tensor_class() -> type:
    from ..tensor import Tensor
    return Tensor


def setattr(x: Any, which: Any, value: Any) -> None:  # noqa: A001 - R's `attr<-`
    """R's ``attr(x, which) <- value``, written ``setattr(x, which, value)``: Python's builtin,
    except on an rtorch tensor (where the builtin fails). A tensor keeps the attribute on its
    PyTorch tensor (a ``.`` in the name is ``_``, as :func:`attr` reads it), so every rtorch
    tensor standing for the same PyTorch tensor sees it, as every R reference to a
    ``torch_tensor`` (an external pointer) sees the attributes set on it: the state R
    optimizers keep with ``attr(param, "state") <- list(...)`` is there at the next step."""
    if type(x) is _tensor_class():
        builtins.setattr(x.torch, str(_as_rvector(which).tolist()[0]).replace(".", "_"), value)
    else:
        builtins.setattr(x, which, value)


def formals(fun: Any = None) -> Any:
    """R's ``formals(fun)``: a named list of the arguments' defaults, printed as R prints
    them: a number or a logical as R's vector (``[1] 0.001``), an expression as its R text
    (``c(0.9, 0.999)``), an argument without a default as R's empty symbol (an empty line);
    ``None`` for NULL. For R torch's and luz's own functions the list is R's (the formals
    table written by R's ``formals()``), so arguments only Python has are not in it."""
    import inspect
    from ..formals import DOTS, EXPRESSION, NO_DEFAULT, RExpression
    from ..formals import formals as r_formals
    name = getattr(fun, "__name__", None)
    table = next((f for kind in ("function", "module", "luz_function")
                  for f in [r_formals(kind, name) if name else None] if f), None)

    def r_value(v: Any) -> Any:
        if isinstance(v, (bool, int, float, str)) and not isinstance(v, RExpression):
            return c(v)
        return v

    if table is not None:
        items = []
        for arg, code, value in table:
            if code == DOTS:
                items.append(("...", RExpression("")))
            elif code == NO_DEFAULT:
                items.append((arg, RExpression("")))
            elif code == EXPRESSION:
                items.append((arg, RExpression(value)))
            else:
                items.append((arg, r_value(value)))
        return _named_list(items)
    params = inspect.signature(fun).parameters
    return _named_list((k, RExpression("") if p.default is inspect.Parameter.empty
                        else r_value(p.default))
                       for k, p in params.items() if k != "self")


def aperm(a: Any, perm: Any = None) -> Any:
    """R's ``aperm(a, perm)``: dims permuted (``perm`` 1-based; reversed by default), for R
    arrays and tensors (``x$permute()``)."""
    if hasattr(a, "permute") and not isinstance(a, RVector):
        n = a.dim()
        order = list(range(n, 0, -1)) if perm is None else [int(p) for p in _as_rvector(perm).tolist()]
        return a.permute(*order) if type(a).__module__.startswith("rtorch") else \
            a.permute(*[o - 1 for o in order])
    v = _as_rvector(a)
    n = v.values.ndim
    order = list(range(n - 1, -1, -1)) if perm is None else \
        [int(p) - 1 for p in _as_rvector(perm).tolist()]
    return RVector(np.transpose(v.values, order).copy())


def Negate(f: Callable) -> Callable:
    """R's ``Negate(f)``: a function giving ``!f(...)``."""
    return lambda *args, **kwargs: not bool(f(*args, **kwargs))


def modifyList(x: Any, val: Any) -> Any:
    """R's ``utils::modifyList(x, val)``: ``x`` with ``val``'s elements set (recursively for
    named lists; a NULL value removes the element)."""
    out = _named_list(dict.items(x))
    for k, v in dict.items(val):
        if v is None:
            dict.pop(out, k, None)
        elif isinstance(v, dict) and isinstance(dict.get(out, k), dict):
            out[k] = modifyList(dict.get(out, k), v)
        else:
            out[k] = v
    return out


def split(x: Any, f: Any) -> Any:
    """R's ``split(x, f)``: the elements of ``x`` (a vector, or a data frame's rows) grouped by
    the factor ``f``, as a named list in level order."""
    from .factors import as_factor
    fac = as_factor(f)
    codes = fac._flat()
    groups = []
    for k, level in enumerate(fac.levels, 1):
        pos = np.flatnonzero(codes == k)
        if type(x).__name__ == "DataFrame":
            groups.append((level, x.iloc[pos]))
        else:
            groups.append((level, _as_rvector(x)[RVector(pos + 1)]))
    return _named_list(groups)


def is_complex(x: Any) -> RVector:
    """R's ``is.complex(x)``."""
    ok = isinstance(x, (RVector, complex)) and _as_rvector(x).rtype == "complex"
    return _scalar(ok, "logical")


def pluck(x: Any, *index: Any) -> Any:
    """R's ``x[[i]]`` whatever ``x`` is (purrr's ``pluck(x, i, j)`` is ``x[[i]][[j]]``):
    ``i`` counts from 1 and a string picks by name. R's lists, which rtorch gives as Python
    lists, tuples and named lists (their ``[ ]`` counting from 0), are read at ``i - 1``;
    R's own objects (vectors, tensors, modules) by their 1-based ``[i]``; a data frame gives
    its ``i``-th column (a pandas Series, as ``df["a"]`` gives ``df[["a"]]``). ``rtorch.port``
    writes it for ``[[i]]`` where it cannot tell which of the two ``x`` is."""
    for i in index:
        if isinstance(i, RVector):
            if len(i) != 1:
                raise IndexError("subscript out of bounds: [[ ]] takes one position or name")
            i = i.tolist()[0]
        if frames.is_frame(x):                      # a data frame: its column, as pandas
            names = [str(c) for c in x.columns]      # holds it (R's df[["a"]] is df["a"])
            if not isinstance(i, str):
                k = int(i)
                if not 1 <= k <= len(names):
                    raise IndexError(f"subscript out of bounds: [[{k}]] of a data frame with "
                                     f"{len(names)} columns")
                i = names[k - 1]
            x = x[i]
            continue
        if isinstance(i, str):
            if isinstance(x, dict):
                if i not in x:
                    raise KeyError(f"subscript out of bounds: no element named '{i}'")
                x = dict.__getitem__(x, i)
            else:
                x = _element(x, i)
            continue
        if isinstance(i, bool) or not float(i).is_integer():
            raise TypeError(f"invalid subscript [[{i!r}]]: a position or a name")
        k = int(i)
        if isinstance(x, (list, tuple, dict)):
            # by iteration: a list subclass may count from 1 in its own [ ] (next_functions)
            items = list(dict.values(x)) if isinstance(x, dict) else list(x)
            if k < 1:
                raise IndexError("attempt to select less than one element: R counts from 1")
            if k > len(items):
                raise IndexError(f"subscript out of bounds: [[{k}]] of a list of length "
                                 f"{len(items)}")
            x = items[k - 1]
        else:
            x = _element(x, k)
    return x


def _element(x: Any, i: Any) -> Any:
    """``x[[i]]`` of an R object by its own 1-based ``[i]``: an R vector's element loses its
    name, as R's ``[[`` drops it (``c(a = 1)[["a"]]`` is ``1``)."""
    out = x[i]
    if isinstance(x, RVector) and isinstance(out, RVector) and out.names is not None:
        if out.values.size != 1:
            raise IndexError("subscript out of bounds: [[ ]] selects one element")
        return _character_result(RVector(out.values))
    return out
