"""R torch's optimizers: PyTorch's ``torch.optim`` classes with R's arguments and messages.

Every ``optim_*`` **is** a ``torch.optim.Optimizer`` subclass: ``step()`` is PyTorch's own
(no update rule is rewritten here), so a step costs what PyTorch's costs. What R adds:

* R's argument names, order and defaults (R's formals, :mod:`rtorch.formals`, bind every
  call: ``optim_adam(params, 0.01, c(0.9, 0.99))``; an argument neither R nor PyTorch has is
  R's ``unused argument`` error; R's defaults as PyTorch values in one table,
  :data:`OPTIMIZERS`), R's checks with R's messages (``Invalid learning rate: -1``,
  ``Need to specify a learning rate``);
* parameters given the R ways: one tensor, a list (or named list / dict) of rtorch or
  PyTorch tensors (``net.parameters``), or parameter groups (dicts with ``params``);
* R values as options: ``betas = c(0.9, 0.999)`` is stored as PyTorch's tuple;
* ``zero_grad()`` fills gradients with zeros (R's ``set_to_none = FALSE``).

====================  ==========================  =========================================
R torch               PyTorch                     R's differences
====================  ==========================  =========================================
``optim_sgd``         ``torch.optim.SGD``         ``lr`` has no default (``optim_required()``)
``optim_adam``        ``torch.optim.Adam``
``optim_adamw``       ``torch.optim.AdamW``
``optim_rmsprop``     ``torch.optim.RMSprop``
``optim_adagrad``     ``torch.optim.Adagrad``
``optim_adadelta``    ``torch.optim.Adadelta``
``optim_asgd``        ``torch.optim.ASGD``        R's ``lambda`` is ``lambda_`` (a Python
                                                  keyword; PyTorch's ``lambd`` is taken too)
``optim_lbfgs``       ``torch.optim.LBFGS``       ``opt.step(closure)``
``optim_rprop``       ``torch.optim.Rprop``
``optim_ignite_*``    the same classes            R's libtorch-side optimizers; here the same
                                                  PyTorch optimizers (``zero_grad()`` sets
                                                  gradients to ``None``, as libtorch does)
====================  ==========================  =========================================

Parameter groups are PyTorch's list of dicts, so 0-based like every Python container:
R's ``opt$param_groups[[1]]$lr <- 0.1`` is ``opt.param_groups[0]["lr"] = 0.1`` or
``opt.param_groups[0].lr = 0.1`` (:class:`ParamGroup` reads and writes as R's named list).
What R shows, rtorch shows:

* a group prints as R's named list (``$params``, ``$lr``, ``$betas`` as ``[1] 0.900 0.999``
  ...); PyTorch's own options that R lacks (``foreach``, ``maximize``, ...) stay in the
  dict for PyTorch but are not printed;
* ``group["params"]`` (:class:`ParamList`) is the sequence of PyTorch tensors that PyTorch's
  update rules iterate, printed as R's list of tensors: named (``$weight``, ``$bias``) when
  the optimizer was given a named list such as ``net$parameters``, as R keeps the names;
  ``group.params`` gives them as rtorch tensors (a named list when named);
* ``opt.state_dict()`` is R's nested named list: ``$param_groups`` (each group's
  ``params`` the 1-based positions of its parameters, ``[1] 1 2``) and ``$state``, each
  parameter's state named by its 1-based position (``$`1`$step``; ``sd["state"]["1"]`` or
  ``sd["state"][1]``). PyTorch pairs states with parameters through these numbers, so a
  PyTorch optimizer loads it as it is, and ``load_state_dict()`` takes PyTorch's state dicts
  (numbered from 0) too; it keeps copies of the given tensors, as R's does;
* the optimizer prints as R6 prints R torch's (``<optim_adam>``, ``Inherits from:
  <torch_optimizer>``, its public and private members).

Custom optimizers: R's ``optimizer("name", initialize = ..., step = ...)`` returns a class
(calling it makes an optimizer); methods are ``def f(self, ...)`` and R's
``super$initialize(params, defaults)`` is ``self.super.initialize(params, defaults)``.
A Python class deriving from :class:`Optimizer` works the same way.
"""
from __future__ import annotations

import inspect
from collections import UserList, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from .generator import R6, create_class
from .optim_print import TORCH_ONLY, r6_format, r_format
from .rbase import RVector, as_character
from .rbase import c as _r_c
from .tensor import Tensor, is_torch_tensor, wrap

__all__ = ["optim_required", "is_optimizer", "optimizer", "optimizer_ignite", "Optimizer",
           "OptimizerIgnite", "ParamGroup"]


# -- R values in ---------------------------------------------------------------------------

class _Required:
    """What R's ``optim_required()`` returns: a hyper-parameter the user must give."""

    _instance: "_Required | None" = None

    def __new__(cls) -> "_Required":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<optim_required>"


def optim_required() -> _Required:
    """R's ``optim_required()``: the default of a hyper-parameter that has none."""
    return _Required()


REQUIRED = _Required()


def r_value(v: Any) -> Any:
    """A hyper-parameter given the R way, as PyTorch takes it: rtorch tensors unwrapped, R
    vectors and numpy arrays as a Python scalar (length 1) or a tuple of scalars."""
    tp = type(v)
    if tp is float or tp is int or tp is bool or tp is str or v is None:
        return v
    if tp is Tensor:
        return v._t
    if isinstance(v, torch.Tensor) or callable(v):
        return v
    if isinstance(v, np.generic):
        return v.item()
    if tp is list or tp is tuple:
        return tp(r_value(x) for x in v)
    if isinstance(v, (RVector, np.ndarray)):
        items = v.tolist() if isinstance(v, RVector) else v.reshape(-1).tolist()
        return items[0] if len(items) == 1 else tuple(items)
    return v


def r_text(v: Any) -> str:
    """A value as R's ``glue`` writes it in a message (``-1``, ``1e-04``, ``0.9, 0.999``)."""
    try:
        return ", ".join(as_character(v if not isinstance(v, tuple) else list(v)).tolist())
    except Exception:
        return str(v)


class _RText:
    """Message fields: ``{lr}`` and ``{betas[0]}`` format as R writes them."""

    __slots__ = ("v",)

    def __init__(self, v: Any):
        self.v = v

    def __getitem__(self, i: int) -> "_RText":
        return _RText(self.v[i])

    def __format__(self, spec: str) -> str:
        return r_text(self.v)


Check = Callable[[dict], "str | None"]


def check(ok: Callable[[dict], bool], message: str) -> Check:
    """An R argument check: when ``ok(args)`` is false, ``message`` with its ``{name}`` fields
    filled in R's way."""
    def run(args: dict) -> "str | None":
        if ok(args):
            return None
        return message.format(**{k: _RText(v) for k, v in args.items()})
    return run


def run_checks(checks: tuple, args: dict, error: type = ValueError) -> None:
    """Raise R's message of the first failing check."""
    for c in checks:
        msg = c(args)
        if msg is not None:
            raise error(msg)


# -- parameters in ---------------------------------------------------------------------------

def _tensor_in(p: Any) -> torch.Tensor:
    if type(p) is Tensor:
        p = p._t
    elif isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str):   # named parameters
        return (p[0], _tensor_in(p[1]))
    if not isinstance(p, torch.Tensor):
        raise ValueError("optimizer can only optimize Tensors, ")   # R keeps the first piece only
    return p


def _tensors_in(params: Any) -> "ParamList":
    if is_torch_tensor(params):
        return ParamList([_tensor_in(params)])
    names = None
    if isinstance(params, Mapping):
        names = [str(k) for k in params.keys()]
        params = params.values()
    elif type(params) is ParamList:
        names = params.names
    return ParamList([_tensor_in(p) for p in params], names)


def _group_in(group: Mapping) -> "ParamGroup":
    g = ParamGroup()
    for k, v in group.items():
        g[k] = v
    return g


def _is_group(m: Mapping) -> bool:
    """A parameter group (``list(params = ..., lr = ...)``) rather than a named list of
    parameters (``net$parameters``, which might hold one named ``params``)."""
    return "params" in m and (len(m) == 1 or not all(is_torch_tensor(v) for v in m.values()))


def params_in(params: Any) -> list:
    """R's ways to give an optimizer its parameters -> PyTorch's: a list of tensors, or of
    parameter groups (:class:`ParamGroup`)."""
    if is_torch_tensor(params):
        return [_tensor_in(params)]
    if isinstance(params, Mapping):
        if _is_group(params):
            return [_group_in(params)]
        return [_group_in({"params": params})]         # R keeps the list's names
    items = list(params)
    if items and isinstance(items[0], Mapping):
        return [_group_in(g) for g in items]
    return [_tensor_in(p) for p in items]


def _torch_values(x: Any) -> Any:
    """A state dict with its rtorch tensors as PyTorch's, through dicts, lists and tuples."""
    if type(x) is Tensor:
        return x.torch
    if isinstance(x, Mapping):
        return {k: _torch_values(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return type(x)(_torch_values(v) for v in x)
    return x


class ParamList(UserList):
    """A parameter group's parameters: PyTorch's tensors, as a sequence PyTorch's update rules
    iterate (``for p in group["params"]``, ``len()``, ``[0]``), printed as R's list of them
    (``$weight`` ... when the optimizer was given a named list such as ``net$parameters``,
    whose names R keeps; ``[[1]]`` ... otherwise)."""

    def __init__(self, items: Any = (), names: "list[str] | None" = None):
        super().__init__(items)
        self.names = names if names is not None and len(names) == len(self.data) else None

    def __iter__(self) -> Any:                  # the list's own iterator: no per-item call
        return iter(self.data)

    def __repr__(self) -> str:
        return r_format(self)

    __str__ = __repr__

    def __reduce__(self):
        return (ParamList, (self.data, self.names))


class GroupList(list):
    """An optimizer's parameter groups: PyTorch's list of them, printed as R's list
    (``[[1]]``, ``[[1]]$params``, ``[[1]]$lr`` ...)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return r_format(self)

    __str__ = __repr__


class RList(dict):
    """A named list of an optimizer's state dict, printed as R prints it (``$`1`$step``).
    ``state`` is keyed by 1-based parameter positions, read as R names them too
    (``sd["state"]["1"]`` is ``sd["state"][1]``). It holds PyTorch's tensors (PyTorch's
    ``load_state_dict()`` reads them through ``items()``); an element read by its name is
    an rtorch tensor."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        v = dict.__getitem__(self, _position(key))
        return wrap(v) if isinstance(v, torch.Tensor) else v

    def __contains__(self, key: Any) -> bool:
        return dict.__contains__(self, _position(key))

    def __delitem__(self, key: Any) -> None:
        dict.__delitem__(self, _position(key))

    def __repr__(self) -> str:
        return r_format(self)

    __str__ = __repr__


def _position(key: Any) -> Any:
    """R's name of a position (``"1"``) as the position."""
    return int(key) if isinstance(key, str) and key.isdigit() else key


def r_state_dict(sd: Mapping) -> RList:
    """PyTorch's optimizer state dict -> R's: parameters numbered from 1 (``state``'s names,
    each group's ``params``, a tuple: R's integer vector), R's print. Still a state
    dict PyTorch's ``load_state_dict()`` takes: it pairs states with parameters through the
    groups' numbers, whatever they start from."""
    def group(g: Mapping) -> RList:
        out = RList(params=tuple(i + 1 for i in g["params"]))     # R's order: params first
        out.update((k, v) for k, v in g.items() if k != "params")
        return out
    state = RList((k + 1, RList(st)) for k, st in sd["state"].items())
    return RList(param_groups=[group(g) for g in sd["param_groups"]], state=state)


def torch_state_dict(sd: Mapping, copy: bool = False) -> Any:
    """An optimizer state dict, R's (:func:`r_state_dict`, also as ``torch_load()`` returns
    it: names ``"1"`` ...) or PyTorch's, as PyTorch takes it: numbers as numbers, lists of
    them, PyTorch's tensors (``copy``: copies of them)."""
    sd = _torch_values(sd)
    if not isinstance(sd, Mapping) or "param_groups" not in sd or "state" not in sd:
        return sd
    out = dict(sd)
    out["state"] = {_position(k): ({n: x.clone() if isinstance(x, torch.Tensor) else x
                                    for n, x in v.items()} if copy and isinstance(v, Mapping)
                                   else v)
                    for k, v in sd["state"].items()}
    out["param_groups"] = [{**g, "params": [int(i) for i in g["params"]]}
                           for g in sd["param_groups"]]
    return out


class ParamGroup(dict):
    """One parameter group: PyTorch's dict (``group["lr"]``) that also reads and writes as R's
    named list (``group.lr``, ``group.lr = 0.1``). ``group.params`` gives the parameters as
    rtorch tensors (R's ``group$params``); ``group["params"]`` is PyTorch's tensors
    (:class:`ParamList`). R values set here are stored the PyTorch way (``c(0.9, 0.99)``
    becomes a tuple). It prints as R's named list, without PyTorch's own options."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name == "params":                        # R's list of rtorch tensors, named as given
            ps = self["params"]
            names = getattr(ps, "names", None)
            if names is not None:
                from .named_list import NamedList
                return NamedList(zip(names, map(wrap, ps)))
            return [wrap(p) for p in ps]
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __setitem__(self, key: str, value: Any) -> None:
        dict.__setitem__(self, key, _tensors_in(value) if key == "params" else r_value(value))

    def __repr__(self) -> str:
        return r_format(self)

    __str__ = __repr__


def _r_read(v: Any) -> Any:
    """A group option as R holds it: PyTorch's tuple of numbers (``betas``) is R's vector."""
    if type(v) is tuple and v and all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                      for x in v):
        return _r_c(*v)
    return v


class RGroup:
    """The ``group`` that R's update rules see in ``private$step_helper(closure, loop_fun)``:
    the parameter group read the R way, ``group[["betas"]][[1]]`` (``group["betas"][1]``) and
    ``group$betas[1]`` are the first beta of R's vector ``c(0.9, 0.999)``, not of PyTorch's
    tuple; ``group[["params"]]`` is R's list of tensors. Writes go to the group itself."""

    __slots__ = ("_group",)

    def __init__(self, group: ParamGroup):
        object.__setattr__(self, "_group", group)

    def __getitem__(self, key: Any) -> Any:
        if str(key) == "params":
            return self._group.params
        return _r_read(self._group[str(key)])

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setitem__(self, key: Any, value: Any) -> None:
        self._group[str(key)] = value

    __setattr__ = __setitem__

    def __contains__(self, key: Any) -> bool:
        return str(key) in self._group

    def __iter__(self):
        return (self[k] for k in self._group)

    def __len__(self) -> int:
        return len(self._group)

    def keys(self):
        return self._group.keys()

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default

    def __repr__(self) -> str:
        return repr(self._group)

    __str__ = __repr__


class State(defaultdict):
    """An optimizer's per-parameter state (PyTorch's ``defaultdict(dict)``) with R's
    ``self$state$get(param)`` / ``self$state$set(param, value)``; rtorch tensors as keys
    stand for their PyTorch tensors."""

    def __init__(self, *args: Any):
        super().__init__(dict, *args)

    def __missing__(self, key: Any) -> Any:
        if type(key) is Tensor:
            return self[key._t]
        return super().__missing__(key)

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key._t if type(key) is Tensor else key, value)

    def __contains__(self, key: Any) -> bool:
        return super().__contains__(key._t if type(key) is Tensor else key)

    def get(self, key: Any, default: Any = None) -> Any:
        """R's ``self$state$get(param)``: the state of ``param`` (``None`` when it has none)."""
        return super().get(key._t if type(key) is Tensor else key, default)

    def set(self, key: Any, value: Any) -> None:
        """R's ``self$state$set(param, value)``."""
        self[key] = value

    def __reduce__(self):
        return (State, (dict(self),))


# -- the optimizer base ------------------------------------------------------------------------

class Optimizer(R6, torch.optim.Optimizer):
    """R's optimizer base class (``torch_optimizer``): a ``torch.optim.Optimizer`` that is
    built by ``initialize(...)`` (R's constructor) and takes R's parameters and values.

    Derive from it (or use :func:`optimizer`) for a custom optimizer: ``initialize(self,
    params, ...)`` calls ``super().initialize(params, defaults)`` (``self.super.initialize``
    in a generator's method), ``step(self, closure=None)`` updates ``self.param_groups``."""

    def __init__(self, *args: Any, **kwargs: Any):
        self.initialize(*args, **kwargs)

    def initialize(self, params: Any, defaults: Mapping) -> None:
        """R's ``super$initialize(params, defaults)``: the parameters and the default options."""
        torch.optim.Optimizer.__init__(self, params_in(params),
                                       {k: r_value(v) for k, v in defaults.items()})
        self.state = State(self.state)
        self.param_groups = GroupList(self.param_groups)

    def add_param_group(self, param_group: Mapping) -> None:
        """R's ``opt$add_param_group(list(params = ..., lr = ...))``."""
        group = _group_in(param_group)
        for name, default in self.defaults.items():
            if default is REQUIRED and name not in group:
                # R keeps the first piece of its message only (trailing space included)
                raise ValueError("parameter group didn't specify a value of required ")
        names = getattr(group.get("params"), "names", None)
        super().add_param_group(group)              # PyTorch re-lists the parameters
        group["params"].names = names

    def zero_grad(self, set_to_none: bool = False) -> None:
        """R's ``opt$zero_grad(set_to_none = FALSE)``: gradients become zeros."""
        super().zero_grad(set_to_none)

    def state_dict(self) -> RList:
        """R's ``opt$state_dict()``: R's named list ``$param_groups`` (each group's ``params``
        the 1-based positions of its parameters, ``[1] 1 2``), ``$state`` (each parameter's
        state named by its 1-based position, ``` $`1`$step ```). The content is PyTorch's
        ``torch.optim.Optimizer.state_dict()`` numbered from 1: PyTorch's
        ``load_state_dict()`` pairs states with parameters through these numbers, so a
        PyTorch optimizer loads R's state dict as it is."""
        return r_state_dict(torch.optim.Optimizer.state_dict(self))

    def load_state_dict(self, state_dict: Mapping) -> None:
        """R's ``opt$load_state_dict(state_dict)`` (returns nothing: R's result is invisible).
        Takes R's state dict (:meth:`state_dict`, also as ``torch_load()`` returns it) or
        PyTorch's (parameters numbered from 0). As R's (``.refer_to_state_dict = FALSE``),
        the optimizer keeps copies of the state's tensors, never the given ones."""
        super().load_state_dict(torch_state_dict(state_dict, copy=True))

    def __repr__(self) -> str:
        return r6_format(self)

    __str__ = __repr__

    def step_helper(self, closure: "Callable | None" = None,
                    loop_fun: "Callable | None" = None) -> Any:
        """R's ``private$step_helper(closure, loop_fun)`` for update rules written in R:
        ``loop_fun(group, param, g, p)`` for each parameter that has a gradient (``param`` an
        rtorch tensor, ``group`` read as R's list (:class:`RGroup`: ``group[["betas"]][[1]]``
        is R's first beta), ``g`` and ``p`` 1-based), with autograd off; returns the
        closure's loss."""
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        with torch.no_grad():
            for g, group in enumerate(self.param_groups, 1):
                for p, param in enumerate(group["params"], 1):
                    if param.grad is not None:
                        loop_fun(RGroup(group), wrap(param), g, p)
        return loss

    def __setstate__(self, state: dict) -> None:
        super().__setstate__(state)
        self.param_groups = GroupList(g if type(g) is ParamGroup else ParamGroup(g)
                                      for g in self.param_groups)
        if type(self.state) is not State:
            self.state = State(self.state)


class OptimizerIgnite(Optimizer):
    """R's ``OptimizerIgnite``, the base of ``optim_ignite_*`` (libtorch's optimizers in R).
    Here the same PyTorch optimizers; ``zero_grad()`` sets gradients to ``None`` as libtorch
    does, and ``load_state_dict()`` checks the states as R does."""

    def zero_grad(self, set_to_none: bool = True) -> None:
        super().zero_grad(set_to_none)

    def load_state_dict(self, state_dict: Mapping) -> None:
        """R's ``opt$load_state_dict(state_dict)``: every parameter that has a state now must
        have one in ``state_dict``."""
        if not isinstance(state_dict, Mapping) or not {"param_groups", "state"} <= set(state_dict):
            raise ValueError("The `state_dict` must be a list with elements 'param_groups' and 'state'.")
        state_dict = torch_state_dict(state_dict)
        first = min((i for g in state_dict["param_groups"] for i in g["params"]), default=0)
        given = {k - first for k in state_dict["state"]}        # R's from 1, PyTorch's from 0
        missing = [k for k in torch.optim.Optimizer.state_dict(self)["state"] if k not in given]
        if missing:
            raise ValueError("To-be loaded state dict is missing states for parameters "
                             f"{', '.join(str(k + 1) for k in missing)}.")
        super().load_state_dict(state_dict)


# -- the built-in optimizers: one table ---------------------------------------------------------

def _nonneg(name: str, message: str) -> Check:
    return check(lambda a: a[name] >= 0, message)


def _within(name: str, i: int, low: float, high: float, message: str) -> Check:
    return check(lambda a: low <= a[name][i] <= high, message)


_LR = _nonneg("lr", "Invalid learning rate: {lr}")
_EPS = _nonneg("eps", "Invalid epsilon value: {eps}")
_WEIGHT_DECAY = _nonneg("weight_decay", "Invalid weight_decay value: {weight_decay}")
_MOMENTUM = _nonneg("momentum", "Invalid momentum value: {momentum}")


@dataclass(frozen=True)
class OptimizerSpec:
    """One R optimizer: the PyTorch class behind it, R's arguments after ``params`` with R's
    defaults as PyTorch values (in R's order, R's names: :data:`TORCH_NAMES` gives PyTorch's
    where they differ), and R's checks in R's order."""
    torch_class: type
    args: tuple[tuple[str, Any], ...]
    checks: tuple[Check, ...] = ()
    one_group: bool = False                      # LBFGS: no parameter groups
    base: type = field(default=Optimizer)


_SGD = ((("lr", REQUIRED), ("momentum", 0), ("dampening", 0), ("weight_decay", 0),
         ("nesterov", False)),
        (check(lambda a: a["lr"] is not REQUIRED, "Need to specify a learning rate"), _LR,
         _MOMENTUM, _WEIGHT_DECAY,
         check(lambda a: not a["nesterov"] or (a["momentum"] > 0 and a["dampening"] == 0),
               "Nesterov momentum requires a momentum and zero dampening")))
_ADAM = ((("lr", 1e-3), ("betas", (0.9, 0.999)), ("eps", 1e-8), ("weight_decay", 0),
          ("amsgrad", False)),
         (_LR, _nonneg("eps", "Invalid eps: {eps}"),
          _within("betas", 0, 0, 1, "Invalid beta parameter at index 1"),
          _within("betas", 1, 0, 1, "Invalid beta parameter at index 2"),
          _nonneg("weight_decay", "Invalid weight decay value: {weight_decay}")))
_ADAMW = ((("lr", 1e-3), ("betas", (0.9, 0.999)), ("eps", 1e-8), ("weight_decay", 1e-2),
           ("amsgrad", False)),
          (_LR, _EPS,
           _within("betas", 0, 0, 1, "Invalid betas[1] parameter value: {betas[0]}"),
           _within("betas", 1, 0, 1, "Invalid betas[2] parameter value: {betas[1]}"),
           _WEIGHT_DECAY))
_RMSPROP = ((("lr", 1e-2), ("alpha", 0.99), ("eps", 1e-8), ("weight_decay", 0), ("momentum", 0),
             ("centered", False)),
            (_LR, _EPS, _MOMENTUM, _WEIGHT_DECAY, _nonneg("alpha", "Invalid alpha value: {alpha}")))
_ADAGRAD = ((("lr", 1e-2), ("lr_decay", 0), ("weight_decay", 0), ("initial_accumulator_value", 0),
             ("eps", 1e-10)),
            (_LR, _nonneg("lr_decay", "Invalid lr_decay value: {lr_decay}"), _WEIGHT_DECAY,
             _nonneg("initial_accumulator_value",
                     "Invalid initial_accumulator_value value: {initial_accumulator_value}"),
             _EPS))

#: R name -> how it maps onto PyTorch.
OPTIMIZERS: dict[str, OptimizerSpec] = {
    "optim_sgd": OptimizerSpec(torch.optim.SGD, *_SGD),
    "optim_adam": OptimizerSpec(torch.optim.Adam, *_ADAM),
    "optim_adamw": OptimizerSpec(torch.optim.AdamW, *_ADAMW),
    "optim_rmsprop": OptimizerSpec(torch.optim.RMSprop, *_RMSPROP),
    "optim_adagrad": OptimizerSpec(torch.optim.Adagrad, *_ADAGRAD),
    "optim_adadelta": OptimizerSpec(
        torch.optim.Adadelta, (("lr", 1.0), ("rho", 0.9), ("eps", 1e-6), ("weight_decay", 0)),
        (_LR, check(lambda a: 0 <= a["rho"] <= 1, "Invalid rho value: {rho}"), _EPS, _WEIGHT_DECAY)),
    "optim_asgd": OptimizerSpec(
        torch.optim.ASGD, (("lr", 1e-2), ("lambda_", 1e-4), ("alpha", 0.75), ("t0", 1e6),
                           ("weight_decay", 0)),
        (_LR, _WEIGHT_DECAY)),
    "optim_lbfgs": OptimizerSpec(
        torch.optim.LBFGS, (("lr", 1), ("max_iter", 20), ("max_eval", None),
                            ("tolerance_grad", 1e-7), ("tolerance_change", 1e-9),
                            ("history_size", 100), ("line_search_fn", None)),
        one_group=True),
    "optim_rprop": OptimizerSpec(
        torch.optim.Rprop, (("lr", 1e-2), ("etas", (0.5, 1.2)), ("step_sizes", (1e-6, 50))),
        (_LR, check(lambda a: 0 <= a["etas"][0] <= 1 and a["etas"][1] >= 1,
                    "Invalid eta values: {etas[0]}, {etas[1]}"))),
    # R's optimizers implemented in libtorch: here the same PyTorch classes
    "optim_ignite_sgd": OptimizerSpec(torch.optim.SGD, *_SGD, base=OptimizerIgnite),
    "optim_ignite_adam": OptimizerSpec(torch.optim.Adam, *_ADAM, base=OptimizerIgnite),
    "optim_ignite_adamw": OptimizerSpec(torch.optim.AdamW, *_ADAMW, base=OptimizerIgnite),
    "optim_ignite_rmsprop": OptimizerSpec(torch.optim.RMSprop, *_RMSPROP, base=OptimizerIgnite),
    "optim_ignite_adagrad": OptimizerSpec(torch.optim.Adagrad, *_ADAGRAD, base=OptimizerIgnite),
}

#: R argument names (Python keywords respelled, PORTING §7) -> PyTorch's.
TORCH_NAMES = {"lambda_": "lambd"}

#: Other spellings taken for an R argument: R's own (``**{"lambda": 1e-3}``) and PyTorch's.
ALIASES = {"lambda": "lambda_", "lambd": "lambda_"}

_P = inspect.Parameter
NO_DEFAULT = _P.empty


def r_defaults(args: tuple[tuple[str, Any], ...]) -> str:
    """R's argument list as R's documentation writes it (``lr = 0.001, betas = c(0.9, 0.999)``)."""
    def r(d: Any) -> str:
        if d is REQUIRED:
            return "optim_required()"
        if d is None or isinstance(d, bool):
            return {None: "NULL", True: "TRUE", False: "FALSE"}[d]
        if isinstance(d, tuple):
            return "c(" + ", ".join(map(r, d)) + ")"
        return repr(d)
    return ", ".join(n if d is NO_DEFAULT else f"{n} = {r(d)}" for n, d in args)


class RBinding:
    """How an R generator built on a PyTorch class (``optim_*``, ``lr_*``) binds a call: R's
    formals (:mod:`rtorch.formals`: R's names, order and defaults, R's ``unused argument``
    error), then R's defaults as PyTorch values (``args``). PyTorch's keyword arguments that R
    does not have (``foreach``, ``maximize``, ``three_phase``, ...) are taken by name only.

    ``signature`` is what ``inspect.signature()`` shows: R's formals, then those additions
    keyword-only."""

    __slots__ = ("first", "impl", "bind", "signature", "extras")

    def __init__(self, r_name: str, first: str, args: tuple[tuple[str, Any], ...],
                 torch_class: type):
        from .formals import constructor_binder
        self.first = first
        r_names = {first} | {n for n, _ in args}
        theirs = {v: k for k, v in TORCH_NAMES.items()}
        try:
            torch_ps = list(inspect.signature(torch_class.__init__).parameters.values())[1:]
        except (TypeError, ValueError):
            torch_ps = []
        extras = [_P(p.name, _P.KEYWORD_ONLY, default=p.default) for p in torch_ps
                  if p.kind not in (_P.VAR_POSITIONAL, _P.VAR_KEYWORD)
                  and theirs.get(p.name, p.name) not in r_names and p.default is not _P.empty]
        self.extras = frozenset(p.name for p in extras)
        ps = [_P(first, _P.POSITIONAL_OR_KEYWORD)]
        ps += [_P(n, _P.POSITIONAL_OR_KEYWORD, default=d) for n, d in args]
        self.impl = inspect.Signature(ps + extras, __validate_parameters__=False)
        self.bind, shown = constructor_binder("function", r_name, self.impl)
        if shown is None:
            self.signature = self.impl
        else:
            have = set(shown.parameters)
            self.signature = inspect.Signature(
                list(shown.parameters.values()) + [p for p in extras if p.name not in have],
                __validate_parameters__=False)

    def method_signature(self) -> inspect.Signature:
        """:attr:`signature` with ``self`` first (``initialize``'s)."""
        return inspect.Signature([_P("self", _P.POSITIONAL_OR_KEYWORD),
                                  *self.signature.parameters.values()],
                                 __validate_parameters__=False)

    def __call__(self, args: tuple, kwargs: dict) -> tuple[Any, dict, dict]:
        """A call -> (first argument, R's arguments as PyTorch takes them, PyTorch's
        additions)."""
        if kwargs and not ALIASES.keys().isdisjoint(kwargs):
            kwargs = _unaliased(kwargs)
        if self.bind is not None:
            args, kwargs = self.bind(args, kwargs)
        bound = self.impl.bind(*args, **kwargs)
        bound.apply_defaults()
        a = bound.arguments
        first = a.pop(self.first)
        extra = {k: a.pop(k) for k in self.extras if k in a}
        return first, {k: r_value(v) for k, v in a.items()}, extra


def _unaliased(kwargs: dict) -> dict:
    """``kwargs`` with R's names for their other spellings (R's error for one given twice)."""
    out: dict = {}
    for k, v in kwargs.items():
        r = ALIASES.get(k, k)
        if r in out:
            from .formals import BindError
            raise BindError(f'formal argument "{r}" matched by multiple actual arguments')
        out[r] = v
    return out


def torch_names(args: dict) -> dict:
    """R's argument names -> PyTorch's (``lambda_`` -> ``lambd``)."""
    return {TORCH_NAMES.get(k, k): v for k, v in args.items()}


def _optimizer_class(r_name: str, spec: OptimizerSpec) -> type:
    binding = RBinding(r_name, "params", spec.args, spec.torch_class)
    torch_init = spec.torch_class.__init__

    def initialize(self, *args: Any, **kwargs: Any) -> None:
        params, a, extra = binding(args, kwargs)
        run_checks(spec.checks, a)
        groups = params_in(params)
        if spec.one_group and len(groups) > 1 and isinstance(groups[0], Mapping):
            raise ValueError("LBFGS doesn't support per-parameter options ")   # R: first piece
        torch_init(self, groups, **torch_names(a), **extra)
        self.state = State(self.state)
        self.param_groups = GroupList(self.param_groups)

    initialize.__signature__ = binding.method_signature()
    initialize.__qualname__ = f"{r_name}.initialize"
    initialize.__doc__ = f"R's ``{r_name}$new(params, ...)``: what calling ``{r_name}(...)`` runs."
    t = spec.torch_class
    doc = (f"R's ``{r_name}(params, {r_defaults(spec.args)})``: PyTorch's ``torch.optim.{t.__name__}`` "
           "with R's arguments (bound by R's names, order and defaults), defaults and checks. "
           "PyTorch's further keyword arguments are taken by name (``foreach``, ``maximize``, "
           "...).")
    cls = type(r_name, (spec.base, t), {"initialize": initialize, "__doc__": doc,
                                         "__module__": __name__})
    cls.__signature__ = binding.signature
    TORCH_ONLY.update(binding.extras)
    return cls


R_OPTIMIZERS: dict[str, type] = {n: _optimizer_class(n, s) for n, s in OPTIMIZERS.items()}
globals().update(R_OPTIMIZERS)
__all__ += list(R_OPTIMIZERS)


def is_optimizer(x: Any) -> bool:
    """R's ``is_optimizer(x)``: an optimizer object (any ``torch.optim.Optimizer``)."""
    return isinstance(x, torch.optim.Optimizer)


def optimizer(name: "str | None" = None, inherit: type = Optimizer, *, private: "dict | None" = None,
              active: "dict | None" = None, parent_env: Any = None, **fields: Any) -> type:
    """R's ``optimizer(name, inherit = Optimizer, ..., private, active)``: a custom optimizer
    class (call it to make one). ``fields`` are methods (``initialize``, ``step``, ...) and
    values; ``inherit`` may be another optimizer class, a PyTorch one included."""
    return create_class(Optimizer, name, inherit, fields, private, active, torch.optim.Optimizer)


def optimizer_ignite(name: "str | None" = None, *, private: "dict | None" = None,
                     active: "dict | None" = None, parent_env: Any = None, **fields: Any) -> type:
    """R's ``optimizer_ignite(name, ...)``: :func:`optimizer` inheriting :class:`OptimizerIgnite`."""
    return create_class(OptimizerIgnite, name, None, fields, private, active)


R_OPTIM = {**R_OPTIMIZERS, "optim_required": optim_required, "is_optimizer": is_optimizer,
           "OptimizerIgnite": OptimizerIgnite,
           "optimizer": optimizer, "optimizer_ignite": optimizer_ignite}
