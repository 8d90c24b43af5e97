"""The audit of rtorch's process-global mutable state, kept true by a test.

Run-time state that a ``fit()``, a data loader or a tensor operation changes must be
context-local (``contextvars``: one value per thread and per asyncio task), so that work
running at once in threads or tasks is independent. The audit (every module-level object of
every rtorch module, and what changes when typical work runs):

==========================================  ======================================================
state                                       kind
==========================================  ======================================================
``rtorch.luz.context._stack``               luz's active ``ctx``: a ``ContextVar`` (tuple stack)
``rtorch.luz.conditions._active``           condition handlers in force: a ``ContextVar``
``rtorch.testthat._EDITION``                testthat's edition (``local_edition()``): a
                                            ``ContextVar``
``LuzCallback.ctx``                         follows the calling thread's / task's fit when one
                                            callback object is given to fits running at once
``rtorch.nn_module._caller_is_torch``       memo of a pure function (is a code file PyTorch's?):
                                            same answer from any thread; no run state
``rtorch.devices._CACHE``,                  interning caches of immutable values
``functools.cache`` tables
``rtorch.rbase.stats._rng``                 R's random generator (``set.seed``, ``sample``):
                                            process-wide on purpose, like R's ``.Random.seed``
                                            and PyTorch's default generator, which
                                            ``torch_manual_seed()`` seeds together with it; work
                                            that must be reproducible in threads passes its own
                                            ``generator =``
``rtorch.luz.progress.OPTIONS``             luz's options (R's ``options(luz.*)``): user
                                            configuration, never written by rtorch at run time
``torch_set_default_dtype()``,              PyTorch's own process-wide settings; rtorch keeps no
``torch_set_num_threads()``                 copy of them
``with_no_grad()``, ``with_device()``,      PyTorch's grad mode and default-device context are
``local_*()``                               thread-local in PyTorch itself
==========================================  ======================================================

Pipes (``x >> f()``) keep no state: a stage holds its own call. ``interactive()`` reads the
environment each time.
"""
from __future__ import annotations

import sys
import types
from typing import Any

import rtorch
import rtorch.luz
import rtorch.vision  # noqa: F401  (its modules are audited too)
from rtorch import (dataloader, nn_linear, nn_mse_loss, optim_adam, sample, set_seed,
                    tensor_dataset, torch_manual_seed, torch_randn)
from rtorch.luz import evaluate, fit, get_metrics, luz_metric_mae, predict, set_hparams, setup

#: module-level objects that typical work may change, and why that is allowed
ALLOWED = {
    ("rtorch.nn_module", "_caller_is_torch"): "memo of a pure function",
    ("rtorch.devices", "_CACHE"): "interning cache",
    ("rtorch.rbase.stats", "_rng"): "R's process-wide random generator (set.seed)",
}


def _snapshot() -> dict[tuple[str, str], tuple[Any, Any]]:
    """Every module-level value of every rtorch module: (the object, a copy of its content
    when it is a container)."""
    out = {}
    for name, mod in list(sys.modules.items()):
        if not name.startswith("rtorch") or mod is None:
            continue
        for key, v in list(vars(mod).items()):
            if key.startswith("__") or isinstance(v, (types.ModuleType, types.FunctionType,
                                                      type, types.BuiltinFunctionType)):
                continue
            content = None
            if isinstance(v, dict):
                content = {k: id(x) for k, x in v.items()}
            elif isinstance(v, (list, set)):
                content = [id(x) for x in v]
            out[(name, key)] = (v, content)
    return out


def _work() -> None:
    x, y = torch_randn(20, 3), torch_randn(20, 1)
    net = (nn_linear >> setup(loss=nn_mse_loss(), optimizer=optim_adam, metrics=[luz_metric_mae()])
           >> set_hparams(in_features=3, out_features=1))
    fitted = fit(net, [x, y], epochs=2, verbose=False, valid_data=0.2,
                 dataloader_options=dict(batch_size=5))
    predict(fitted, x)
    evaluate(fitted, [x, y])
    get_metrics(fitted)
    repr(fitted)
    repr(x[1:2, 1])
    list(dataloader(tensor_dataset(x, y), batch_size=7, shuffle=True))
    torch_manual_seed(3)
    set_seed(3)
    sample(5)


def test_only_audited_module_state_changes():
    _work()                                      # first run: imports and lazy tables settle
    before = _snapshot()
    _work()
    after = _snapshot()
    changed = sorted(k for k in set(before) | set(after)
                     if k not in before or k not in after
                     or before[k][0] is not after[k][0] or before[k][1] != after[k][1])
    unexplained = [k for k in changed if k not in ALLOWED]
    assert not unexplained, f"module-level state changed at run time: {unexplained}"


def test_luz_run_state_is_context_local():
    import contextvars
    from rtorch.luz import conditions, context
    assert isinstance(context._stack, contextvars.ContextVar)
    assert isinstance(conditions._active, contextvars.ContextVar)
    assert context._stack.get() == () and conditions._active.get() == ()
