"""R's printed view of an optimizer (R torch's ``torch_optimizer``, an R6 object).

* :func:`r_format`: the lists an optimizer hands out (its parameter groups, their
  parameters, its ``state_dict()``) as R prints R's lists: ``$lr`` / ``[1] 0.02``,
  ``$betas`` / ``[1] 0.900 0.999``, ``$`1`$step`` (a name R must quote is backquoted),
  ``[[1]]`` for unnamed elements, tensors as rtorch prints them; PyTorch's options that R
  lacks (:data:`TORCH_ONLY`) are left out, PyTorch's spellings printed as R's
  (:data:`R_NAMES`).
* :func:`r6_format`: R6's default print of the optimizer object: ``<optim_adam>``, the class
  it inherits from, and each public and private member, sorted as R's ``ls()``: a field's
  class (``list``, ``State, R6``) or a function's first line as R's ``deparse()`` writes
  it (``function (closure = NULL) ``, broken after the argument passing 60 characters).
  The members are R torch's (R/optim.R, R/optim-*.R, R/ignite.R: :data:`R6_PUBLIC`,
  :data:`R6_PRIVATE`, :data:`R6_OWN`); a custom optimizer shows its own methods.
"""
from __future__ import annotations

import inspect
from collections import UserList
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import torch

from .named_list import r_name
from .rbase import as_character
from .tensor import Tensor, wrap

__all__ = ["r_format", "r6_format", "r_name", "r_deparse", "r_function_line", "TORCH_ONLY"]

_P = inspect.Parameter
NO_DEFAULT = _P.empty


#: PyTorch's options that R torch's optimizers do not have (``foreach``, ``maximize``,
#: ``fused``, ...): kept in the parameter groups for PyTorch, left out of R's print.
TORCH_ONLY: set[str] = {"param_names"}

#: PyTorch's option names that R spells otherwise, as R's print names them.
R_NAMES = {"lambd": "lambda"}


def r_format(value: Any, prefix: str = "") -> str:
    """``value`` as R prints it inside an optimizer's lists: a dict is R's named list
    (``$lr``, ``$`1`$step``), a list R's list (``[[1]]``), a tuple of numbers R's vector
    (``[1] 0.900 0.999``), a number ``[1] 0.02``, a tensor as rtorch prints one."""
    from .rbase import c
    if value is None:
        return "NULL"
    if isinstance(value, torch.Tensor):
        return repr(wrap(value))
    if type(value) is Tensor:
        return repr(value)
    if isinstance(value, Mapping):
        items = [(k, v) for k, v in value.items() if k not in TORCH_ONLY]
        if not items:
            return "named list()"
        return _r_items((f"{prefix}${r_name(R_NAMES.get(k, k))}", v) for k, v in items)
    if isinstance(value, (list, UserList)):
        names = getattr(value, "names", None)
        if not value:
            return "list()"
        labels = ([f"{prefix}${r_name(n)}" for n in names] if names is not None
                  else [f"{prefix}[[{i}]]" for i in range(1, len(value) + 1)])
        return _r_items(zip(labels, value))
    if isinstance(value, tuple):
        if not value:
            return "NULL"
        if all(isinstance(v, (bool, int, float, str, np.generic)) for v in value):
            return repr(c(*value))
        return r_format(list(value), prefix)
    if isinstance(value, (bool, int, float, str, np.generic)):
        return repr(c(value))
    from .optim import REQUIRED
    if value is REQUIRED:
        return "list()\nattr(,\"class\")\n[1] \"optim_required\""
    return repr(value)


def _r_items(items: Any) -> str:
    """R's print of a list's elements: each label, its value and a blank line."""
    return "\n".join(f"{label}\n{r_format(v, label)}\n" for label, v in items)


def r_deparse(value: Any) -> str:
    """An argument's default as R's ``deparse()`` writes it (``0.001``, ``1e-08``,
    ``c(0.9, 0.999)``, ``NULL``, ``FALSE``, ``optim_required()``)."""
    from .formals import RExpression
    from .optim import REQUIRED
    if value is REQUIRED:
        return "optim_required()"
    if value is None or isinstance(value, bool):
        return {None: "NULL", True: "TRUE", False: "FALSE"}[value]
    if isinstance(value, RExpression):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (int, float, np.generic)):
        return as_character(value).tolist()[0]
    if isinstance(value, tuple):
        return "c(" + ", ".join(map(r_deparse, value)) + ")"
    return str(value)


def r_function_line(args: "list[tuple[str, Any]]") -> str:
    """The first line of R's ``deparse(args(f))``: ``function (a, b = 1) `` ; R breaks the line
    after an argument's comma once the line passes 60 characters."""
    line = "function ("
    for i, (name, default) in enumerate(args):
        line += name if default is NO_DEFAULT else f"{name} = {r_deparse(default)}"
        if i < len(args) - 1:
            line += ", "
            if len(line) > 60:
                return line
    return line + ") "


def _python_args(f: Callable) -> "list[tuple[str, Any]]":
    """A Python method's arguments as R's formals (``self`` left out, ``*args`` as ``...``)."""
    try:
        ps = list(inspect.signature(f).parameters.values())
    except (TypeError, ValueError):
        return [("...", NO_DEFAULT)]
    if ps and ps[0].name == "self":
        ps = ps[1:]
    out = []
    for p in ps:
        if p.kind is _P.VAR_POSITIONAL:
            out.append(("...", NO_DEFAULT))
        elif p.kind is not _P.VAR_KEYWORD:
            out.append(("lambda" if p.name in ("lambda_", "lambd") else p.name, p.default))
    return out


def _r_formals(name: str) -> "list[tuple[str, Any]] | None":
    from .formals import DOTS, EXPRESSION, NO_DEFAULT as NONE, RExpression, formals
    fs = formals("function", name)
    if fs is None:
        return None
    return [(n, NO_DEFAULT if code in (NONE, DOTS) else
             RExpression(v) if code == EXPRESSION else v) for n, code, v in fs]


#: What R torch's optimizer base class (``torch_optimizer``) holds besides ``initialize`` and
#: ``step``: public members (a function's formals, or what R6 prints for a field) and private.
R6_PUBLIC: dict[str, Any] = {
    "add_param_group": [("param_group", NO_DEFAULT)],
    "clone": [("deep", False)],
    "defaults": "list",
    "load_state_dict": [("state_dict", NO_DEFAULT), ("...", NO_DEFAULT),
                        (".refer_to_state_dict", False)],
    "param_groups": "list",
    "state": "State, R6",
    "state_dict": [],
    "zero_grad": [("set_to_none", False)],
}
R6_PRIVATE: dict[str, Any] = {"deep_clone": [("name", NO_DEFAULT), ("value", NO_DEFAULT)],
                              "step_helper": [("closure", NO_DEFAULT), ("loop_fun", NO_DEFAULT)]}

#: Each built-in optimizer's own members (R torch's R/optim-*.R) besides ``initialize``.
R6_OWN: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "optim_adamw": ({"loop_fun": [("group", NO_DEFAULT), ("param", NO_DEFAULT), ("g", NO_DEFAULT),
                                  ("p", NO_DEFAULT)]}, {}),
    "optim_lbfgs": ({"step": [("closure", NO_DEFAULT)]},
                    {".add_grad": [("step_size", NO_DEFAULT), ("update", NO_DEFAULT)],
                     ".clone_param": [], ".directional_evaluate": [
                         ("closure", NO_DEFAULT), ("x", NO_DEFAULT), ("t", NO_DEFAULT),
                         ("d", NO_DEFAULT)],
                     ".gather_flat_grad": [], ".numel": [],
                     ".set_param": [("params_data", NO_DEFAULT)]}),
}


def _r6_summary(name: str, value: Any) -> str:
    return f"{name}: {r_function_line(value) if isinstance(value, list) else value}"


def _r6_sorted(members: dict) -> list:
    """R's ``ls()`` order in an English locale: case and leading dots aside."""
    return sorted(members.items(), key=lambda kv: (kv[0].lstrip(".").lower(), kv[0]))


def r6_format(opt: Any) -> str:
    """R6's default print of an optimizer (``print(opt)`` in R): its class, the class it
    inherits from, and each public and private member (a function's first deparsed line, a
    field's class)."""
    from .optim import R_OPTIMIZERS, Optimizer, OptimizerIgnite
    cls = type(opt)
    name = getattr(cls, "__name__", "torch_optimizer")
    ignite = isinstance(opt, OptimizerIgnite)
    public = dict(R6_PUBLIC)
    private = dict(R6_PRIVATE)
    own = R6_OWN.get(name)
    formals_ = _r_formals(name) if name in R_OPTIMIZERS else None
    if formals_ is not None:
        public["initialize"] = formals_
        public["step"] = [("closure", None)]
        if own:
            public.update(own[0])
            private.update(own[1])
        if ignite:                              # R torch's R/ignite.R
            public.update(zero_grad=[], load_state_dict=[("state_dict", NO_DEFAULT)],
                          param_groups="active binding")
    else:                                       # a custom optimizer: its own methods
        for klass in reversed(cls.__mro__):
            if klass in (Optimizer, OptimizerIgnite) or not issubclass(klass, Optimizer):
                continue
            for k, v in vars(klass).items():
                if callable(v) and not k.startswith("__") and k != "super":
                    target = private if k.startswith("_") else public
                    target[("." + k[1:]) if k.startswith("_") else k] = _python_args(v)
    parent = "OptimizerIgnite" if ignite else "torch_optimizer"
    lines = [f"<{name}>"]
    if name != parent:
        lines.append(f"  Inherits from: <{parent}>")
    lines.append("  Public:")
    lines += [f"    {_r6_summary(k, v)}" for k, v in _r6_sorted(public)]
    lines.append("  Private:")
    lines += [f"    {_r6_summary(k, v)}" for k, v in _r6_sorted(private)]
    return "\n".join(lines)
