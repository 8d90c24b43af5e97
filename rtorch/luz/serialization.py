"""luz's saving and loading: ``luz_save()`` / ``luz_load()``, model weights, checkpoints.

Files are torch files written by :mod:`rtorch.serialization`: atomically, with a checksum, and
read without running code from them. So a file holds **data only**: the model's members, state
dicts, records, numbers, strings, and the hyper-parameters (which must be data too).

* ``luz_save(fitted, path)`` stores the model (its members, as ``torch_save`` stores a
  module, recorded as an instance of the user's ``nn_module`` generator), what ``setup()`` was
  given (the loss, the optimizer and the metrics, by class or function name and arguments), the
  weights as a plain state dict (``model``, for PyTorch's ``torch.load``), the records,
  ``hparams`` and ``opt_hparams``, and where the generator was defined (``generator``, text).
  ``luz_load(path)`` rebuilds the fitted model in any session that defines the generator
  (found by name: a script, a notebook, a module, inside a function), ready for ``predict()``,
  ``evaluate()`` and more training; ``luz_load(path, module = ...)`` (rtorch's addition)
  builds it from a given ``setup()`` result, generator or model instead.
* ``luz_save_model_weights()`` / ``luz_load_model_weights()``: the model's state dict.
* Checkpoints (``luz_callback_model_checkpoint``, ``luz_callback_auto_resume``): epoch, records,
  model and optimizer states, each callback's ``state_dict()``, and the random number
  generators (PyTorch's CPU and CUDA ones and ``sample()``'s), so that a resumed run ends at
  the weights of a run never interrupted. ``luz_load_checkpoint(fitted, path)`` loads the
  weights into a fitted model; inside ``fit()`` (``luz_load_checkpoint(ctx, path, ...)``) it
  restores what its ``restore_*`` arguments say.
"""
from __future__ import annotations

import os
import sys
from collections import OrderedDict
from typing import Any

import numpy as np
import torch

from .. import rbase
from ..generator import _user_module
from ..named_list import as_named
from ..nn_module import to_torch
from ..pipes import pipeable
from ..serialization import (TorchLoadError, decode, encode, find_class, read, torch_load, torch_save,
                             write)
from ..tensor import Tensor
from .conditions import LuzError
from .context import Context, _ActiveContext, active_context
from .distributed import barrier, is_main_process
from .module import LuzModuleFitted, LuzModuleGenerator

__all__ = ["luz_save", "luz_load", "luz_save_model_weights", "luz_load_model_weights",
           "luz_checkpoint", "luz_load_checkpoint", "FORMAT"]

FORMAT = "luz_module_fitted"
VERSION = 2
_SCALARS = (type(None), bool, int, float, str, complex, np.integer, np.floating, np.bool_)


def plain(x: Any, where: str = "value") -> Any:
    """``x`` as plain data for a ``weights_only`` file (dicts, lists, tuples, numbers, strings,
    tensors); anything else is an error naming where it is."""
    if isinstance(x, Tensor):
        return x.torch
    if isinstance(x, torch.Tensor):
        return x
    if isinstance(x, _SCALARS):
        return x.item() if isinstance(x, (np.generic,)) else x
    if isinstance(x, dict):
        return {k: plain(v, f"{where}${k}") for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        items = [plain(v, f"{where}[[{i}]]") for i, v in enumerate(x, 1)]
        return tuple(items) if type(x) is tuple else items
    if isinstance(x, np.ndarray) or hasattr(x, "__array__"):
        return torch.as_tensor(np.asarray(x))
    if isinstance(x, (torch.dtype, torch.device)):
        return str(x)
    raise LuzError(f"Can't save `{where}` (an object of class <{type(x).__name__}>): luz files "
                   "hold data only (numbers, strings, tensors, lists), never code or objects")


def _load(path: Any, device: Any = None) -> Any:
    return to_torch(torch_load(path, device=device))


def _state_dict(model: torch.nn.Module) -> "OrderedDict[str, torch.Tensor]":
    return torch.nn.Module.state_dict(model)


# -- random number generators -------------------------------------------------------------------

def rng_state() -> dict:
    """The state of every generator a training run draws from."""
    state = {"torch": torch.get_rng_state(),
             "sample": rbase._rng.bit_generator.state}
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict) -> None:
    """Restore what :func:`rng_state` saved."""
    torch.set_rng_state(state["torch"].cpu())
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all([t.cpu() for t in state["cuda"]])
    if "sample" in state:
        kinds = {"MT19937": np.random.MT19937, "PCG64": np.random.PCG64}   # R's, numpy's
        bits = kinds[state["sample"]["bit_generator"]]()
        bits.state = state["sample"]
        rbase._rng = np.random.Generator(bits)


# -- checkpoints ---------------------------------------------------------------------------------

def luz_checkpoint(ctx: Context, path: str) -> None:
    """luz's ``luz_checkpoint(ctx, path)``: the training state at the end of an epoch."""
    state = {
        "epoch": ctx.epoch,
        "records": plain(ctx.records, "records"),
        "model": _state_dict(ctx.model),
        "optimizers": {name: opt.state_dict() for name, opt in ctx.optimizers.items()},
        "callbacks": [plain(cb.state_dict(), f"callback {type(cb).__name__}")
                      if callable(getattr(cb, "state_dict", None)) else None
                      for cb in ctx.callbacks],
        "rng": rng_state(),
    }
    torch_save(state, path)


def _not_a_path(x: Any) -> bool:
    """For verbs taking ``(obj, path)``: a first argument that is not a path is the object
    (``fitted >> luz_save(path)`` pipes; ``luz_save(wrong, path)`` fails loudly)."""
    return not isinstance(x, (str, bytes, os.PathLike))


@pipeable(accepts=_not_a_path)
def luz_load_checkpoint(obj: Any, path: str, *, restore_records: bool = True,
                        restore_optimizer_state: bool = True,
                        restore_callbacks_state: bool = True,
                        restore_model_state: bool = True,
                        restore_rng_state: bool = True) -> None:
    """R's ``luz_load_checkpoint(obj, path, ...)``: a fitted model gets the checkpoint's
    weights (only); a running context (``ctx``, inside a callback) gets what the
    ``restore_*`` arguments select (``restore_rng_state`` is rtorch's: the random number
    generators, so that resuming reproduces an uninterrupted run). Returns ``None``."""
    if isinstance(obj, LuzModuleFitted):
        state = _load(path)
        obj["model"].load_state_dict(state["model"])
        return None
    ctx = active_context() if isinstance(obj, _ActiveContext) else obj
    if not isinstance(ctx, Context):
        raise TypeError(f"luz_load_checkpoint() takes a fitted model or a context, got "
                        f"<{type(obj).__name__}>")
    state = _load(path, device=ctx.device)
    if restore_model_state:
        ctx.model.load_state_dict(state["model"])
    if restore_optimizer_state:
        saved = state["optimizers"]
        if set(saved.keys()) != set(ctx.optimizers.keys()):
            raise LuzError("The checkpoint's optimizers are not the model's: "
                           f"{sorted(saved.keys())} vs {sorted(ctx.optimizers.keys())}")
        for name, opt in ctx.optimizers.items():
            opt.load_state_dict(saved[name])
    if restore_records:
        ctx.unsafe_set_records(state["records"])
    if restore_callbacks_state:
        _restore_callbacks(ctx, state["callbacks"])
    if restore_rng_state and "rng" in state:
        set_rng_state(state["rng"])
    return None


def _restore_callbacks(ctx: Context, states: list) -> None:
    if len(states) != len(ctx.callbacks):
        raise LuzError(f"Failed resuming the model: the checkpoint holds the state of "
                       f"{len(states)} callbacks and fit() has {len(ctx.callbacks)}; resume with "
                       "the same callbacks.")
    for st, cb in zip(states, ctx.callbacks):
        if st is None:
            continue
        load = getattr(cb, "load_state_dict", None)
        if not callable(load):
            raise LuzError(f"Failed resuming the model.\nA callback with class "
                           f"<{type(cb).__name__}> has been attached to it, but doesn't "
                           "implement the load_state_dict() method.")
        load(as_named(st))


# -- whole fitted models ---------------------------------------------------------------------------

def _generator_name(model: torch.nn.Module) -> str | None:
    """Where the generator of ``model`` lives (``"module:name"``, for information): a global
    that is the ``setup()`` result (preferred) or the ``nn_module`` generator it was made from,
    looked up in the caller's module, ``__main__`` and the generator's own module."""
    cls = type(model)
    base = _user_class(cls)
    spaces = [m for m in dict.fromkeys((_user_module("__main__"), "__main__", base.__module__))
              if m in sys.modules]
    found = None
    for module_name in spaces:
        for name, value in list(vars(sys.modules[module_name]).items()):
            if isinstance(value, LuzModuleGenerator) and value.module is cls:
                return f"{module_name}:{name}"
            if value is base and found is None:
                found = f"{module_name}:{name}"
    return found


def _user_class(cls: type) -> type:
    """The user's generator behind a model's class (``setup()`` derives ``luz_module`` from
    it)."""
    return cls.__mro__[1] if cls.__name__ == "luz_module" and "backward" in vars(cls) else cls


def _setup_of(cls: type) -> dict:
    """What ``setup()`` was given for the class ``cls`` it made: ``loss``, ``optimizer``,
    ``metrics`` (as data: each metric's class and arguments) and ``backward``."""
    ns = vars(cls)
    spec: dict[str, Any] = {k: v for k, v in ns.get("_luz_setup", {}).items() if v is not None}
    metrics = ns.get("metrics")
    if isinstance(metrics, dict):
        spec["metrics"] = {k: [{"class": m.cls, "args": list(m.args), "kwargs": dict(m.kwargs)}
                               for m in v] for k, v in metrics.items()}
    return spec


def _setup_again(base: type, spec: dict) -> type:
    """The ``luz_module`` class ``setup()`` makes from ``base`` and a saved :func:`_setup_of`."""
    from .metrics import LuzMetricSet, MetricGenerator
    from .module import setup
    metrics = LuzMetricSet({k: [MetricGenerator(m["class"], tuple(m["args"]), dict(m["kwargs"]))
                                for m in v] for k, v in (spec.get("metrics") or {}).items()})
    return setup(base, loss=spec.get("loss"), optimizer=spec.get("optimizer"), metrics=metrics,
                 backward=spec.get("backward")).module


def _resolve(ref: Any) -> Any:
    """The generator ``"module:name"`` names, if that module is already imported (never
    imported here) and the name is a ``setup()`` result or a module class."""
    if not isinstance(ref, str) or ":" not in ref:
        return None
    module_name, _, name = ref.partition(":")
    value = getattr(sys.modules.get(module_name), name, None)
    if isinstance(value, LuzModuleGenerator) or (isinstance(value, type) and
                                                  issubclass(value, torch.nn.Module)):
        return value
    return None


@pipeable(accepts=_not_a_path)
def luz_save(obj: Any, path: str, *args: Any) -> None:
    """R's ``luz_save(obj, path, ...)``: saves a fitted model (see the module docstring)."""
    if not isinstance(obj, LuzModuleFitted):
        raise LuzError(f"luz_save only works with 'luz_module_fitted' objects and got "
                       f"<{type(obj).__name__}>")
    model = obj["model"]
    cls = type(model)
    base = _user_class(cls)
    try:
        described: dict[str, Any] = {
            "setup": encode(_setup_of(cls) if base is not cls else {}, "setup()", inside=True),
            "module": encode(model, "model", classes={id(model): base})}
    except TypeError as e:          # weights only: luz_load() then needs `module =`
        described = {"undescribed": str(e)}
    data = {"format": FORMAT, "version": VERSION, **described,
            "model": {k: v.detach().cpu() for k, v in _state_dict(model).items()},
            "records": plain(obj["records"], "records"),
            "ctx": plain(obj["ctx"], "ctx"),
            "generator": _generator_name(model)}
    if is_main_process():       # under torch.distributed: rank 0 writes, every rank waits
        write(data, path)
    barrier()


def luz_load(path: str, module: Any = None) -> LuzModuleFitted:
    """R's ``luz_load(path)``: the fitted model ``luz_save()`` saved, rebuilt from the model's
    generator defined in this session (found by name) and what ``setup()`` was given (rtorch's
    and PyTorch's losses, optimizers and metrics, or the user's, found by name). ``module``
    (rtorch's addition) rebuilds it instead from the ``setup()`` result, an ``nn_module``
    generator (called with the saved ``hparams``), or a model to load the weights into."""
    raw, tagged = read(path, "cpu")
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise LuzError(f"{os.fspath(path)!r} was not written by luz_save()")
    name = repr(os.fspath(path))
    try:
        records = as_named(to_torch(decode(raw["records"], name=name)))
        ctx = as_named(to_torch(decode(raw["ctx"], name=name)))
        if module is None and "module" in raw and tagged:
            node = raw["module"]
            base = find_class(node["class"], "luz_load()")
            cls = _setup_again(base, decode(raw["setup"], inside=True, name=name)) \
                if raw.get("setup") else base
            model = decode(node, classes={node["id"]: cls}, name=name)
            return LuzModuleFitted(model=model, records=records, ctx=ctx)
    except TorchLoadError as e:
        raise LuzError(str(e)) from None
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as e:
        raise LuzError(f"{name} is damaged: {type(e).__name__}: {e}") from None
    if module is None and "undescribed" not in raw:
        module = _resolve(raw.get("generator"))           # files of rtorch's first format
    if module is None:
        why = raw.get("undescribed") or "it was written by an older rtorch"
        raise LuzError(f"luz_load() needs the model's generator to rebuild the model: the file "
                       f"holds its weights only ({why}). Pass it: `luz_load(path, module = net "
                       ">> setup(...))`")
    hparams = ctx.get("hparams") or {}
    model = module(**hparams) if not isinstance(module, torch.nn.Module) else module
    model.load_state_dict(to_torch(decode(raw["model"])))
    return LuzModuleFitted(model=model, records=records, ctx=ctx)


@pipeable(accepts=_not_a_path)
def luz_save_model_weights(obj: Any, path: str) -> None:
    """R's ``luz_save_model_weights(obj, path)``: the model's state dict (``torch_save``)."""
    state = _state_dict(_fitted(obj, "luz_save_model_weights")["model"])
    if is_main_process():       # under torch.distributed: rank 0 writes, every rank waits
        torch_save(state, path)
    barrier()


@pipeable(accepts=_not_a_path)
def luz_load_model_weights(obj: Any, path: str, *args: Any, **kwargs: Any) -> None:
    """R's ``luz_load_model_weights(obj, path, ...)``: loads weights saved with
    ``luz_save_model_weights()`` into ``obj``'s model, in place (``...`` go to
    ``torch_load()``). Returns ``None``."""
    _fitted(obj, "luz_load_model_weights")["model"].load_state_dict(
        torch_load(path, *args, **kwargs))
    return None


def _fitted(x: Any, verb: str) -> LuzModuleFitted:
    if not isinstance(x, LuzModuleFitted):
        raise LuzError(f"{verb}() takes a fitted model (what fit() returns), got "
                       f"<{type(x).__name__}>")
    return x

