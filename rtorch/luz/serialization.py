"""luz's saving and loading: ``luz_save()`` / ``luz_load()``, model weights, checkpoints.

Files are PyTorch's format, written atomically (a temporary file renamed over the target: a
crash never leaves a half-written file) and read with PyTorch's ``weights_only`` loader: loading
never runs code from a file. So a file holds **data only**: state dicts, records, numbers,
strings, and the hyper-parameters (which must be data too).

* ``luz_save(fitted, path)`` stores the model's weights, the records, ``hparams`` and
  ``opt_hparams``, and where the model's generator was defined (``"module:name"``, text).
  ``luz_load(path, module = None)`` rebuilds the model from a generator and the saved
  ``hparams``, then loads the weights: give ``module`` (the ``setup()`` result, or the
  ``nn_module`` generator, or a model to load into); without it, the generator named in the
  file is used when that Python module is already imported (as in the session or script that
  saved it). Nothing is imported: no code runs because of a file.
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
from ..serialization import torch_load, torch_save
from ..tensor import Tensor
from .conditions import LuzError
from .context import Context, _ActiveContext, active_context
from .distributed import barrier, is_main_process
from .module import LuzModuleFitted, LuzModuleGenerator

__all__ = ["luz_save", "luz_load", "luz_save_model_weights", "luz_load_model_weights",
           "luz_checkpoint", "luz_load_checkpoint", "FORMAT"]

FORMAT = "luz_module_fitted"
VERSION = 1
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
        generator = np.random.default_rng()
        generator.bit_generator.state = state["sample"]
        rbase._rng = generator


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
        if set(saved) != set(ctx.optimizers):
            raise LuzError("The checkpoint's optimizers are not the model's: "
                           f"{sorted(saved)} vs {sorted(ctx.optimizers)}")
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
    """Where the generator of ``model`` lives: ``"module:name"`` of a global that is the
    ``setup()`` result (preferred) or the ``nn_module`` generator it was made from, looked up in
    the caller's module, ``__main__`` and the generator's own module."""
    cls = type(model)
    base = cls.__mro__[1] if cls.__name__ == "luz_module" else cls
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


def _resolve(ref: str | None) -> Any:
    if not ref:
        return None
    module_name, _, name = ref.partition(":")
    space = sys.modules.get(module_name)
    value = getattr(space, name, None) if space is not None else None
    if isinstance(value, LuzModuleGenerator) or (isinstance(value, type) and
                                                  issubclass(value, torch.nn.Module)):
        return value
    return None


@pipeable(accepts=_not_a_path)
def luz_save(obj: Any, path: str) -> None:
    """R's ``luz_save(obj, path)``: saves a fitted model (see the module docstring)."""
    if not isinstance(obj, LuzModuleFitted):
        raise LuzError(f"luz_save only works with 'luz_module_fitted' objects and got "
                       f"<{type(obj).__name__}>")
    data = {"format": FORMAT, "version": VERSION,
            "model": {k: v.detach().cpu() for k, v in _state_dict(obj["model"]).items()},
            "records": plain(obj["records"], "records"),
            "ctx": plain(obj["ctx"], "ctx"),
            "generator": _generator_name(obj["model"])}
    if is_main_process():       # under torch.distributed: rank 0 writes, every rank waits
        torch_save(data, path)
    barrier()


def luz_load(path: str, module: Any = None) -> LuzModuleFitted:
    """R's ``luz_load(path)``: a fitted model saved by ``luz_save()``. ``module`` (rtorch's
    addition; see the module docstring) is what rebuilds the model: the ``setup()`` result, an
    ``nn_module`` generator, or a model to load the weights into."""
    data = _load(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LuzError(f"{os.fspath(path)!r} was not written by luz_save()")
    ctx = as_named(data["ctx"])
    hparams = ctx.get("hparams") or {}
    source = module if module is not None else _resolve(data.get("generator"))
    if source is None:
        raise LuzError("luz_load() needs the model's generator to rebuild the model (a luz file "
                       "holds weights and data, never code): pass it, `luz_load(path, module = "
                       "net >> setup(...))`")
    model = source(**hparams) if not isinstance(source, torch.nn.Module) else source
    model.load_state_dict(data["model"])
    return LuzModuleFitted(model=model, records=as_named(data["records"]), ctx=ctx)


@pipeable(accepts=_not_a_path)
def luz_save_model_weights(obj: Any, path: str) -> None:
    """R's ``luz_save_model_weights(obj, path)``: the model's state dict (``torch_save``)."""
    model = _fitted(obj, "luz_save_model_weights")["model"]
    if is_main_process():       # under torch.distributed: rank 0 writes, every rank waits
        torch_save(model, path)
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

