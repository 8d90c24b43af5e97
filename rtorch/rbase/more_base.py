"""More of R's base functions that real R torch scripts call (timing, ...)."""
from __future__ import annotations

import os
import time
from typing import Any, Callable

__all__ = ["system_time"]


def system_time(expr: Callable[[], Any] | Any = None, gcFirst: bool = True) -> Any:
    """R's ``system.time(expr)``: the CPU (user, system) and elapsed seconds that evaluating
    ``expr`` took, as R's named vector ``user system elapsed`` (printed as R prints its
    ``proc_time``). ``expr`` is a function of no arguments, R's lazy expression (the
    translator writes ``lambda: expr``); Python's ``os.times()`` and ``time.perf_counter()``
    measure it, to the millisecond as R reports it."""
    from .lists import setNames
    from .sequences import c
    if gcFirst:
        import gc
        gc.collect()
    before, start = os.times(), time.perf_counter()
    if callable(expr):
        expr()
    after, elapsed = os.times(), time.perf_counter() - start
    user = (after.user - before.user) + (after.children_user - before.children_user)
    system = (after.system - before.system) + (after.children_system - before.children_system)
    return setNames(c(round(user, 3), round(system, 3), round(elapsed, 3)),
                    c("user", "system", "elapsed"))
