"""Temporary files: tempdir(), tempfile().

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins
import math
import re
import sys
import warnings
from typing import Any, Callable, Iterable, Iterator, Sequence
import numpy as np

from .vectors import (RVector)  # noqa: F401
from .strings import (_strings)  # noqa: F401
from .sequences import (character)  # noqa: F401

# --------------------------------------------------------------------------------------
# Temporary files
# --------------------------------------------------------------------------------------

_TEMPDIR: list[str] = []


def tempdir(check: bool = False) -> str:
    """R's ``tempdir()``: this session's temporary folder (made on first use, removed when
    Python exits); ``check = TRUE`` makes it again if it has gone."""
    import atexit
    import os
    import shutil
    import tempfile as _tempfile
    if not _TEMPDIR or (check and not os.path.isdir(_TEMPDIR[0])):
        if not _TEMPDIR:
            atexit.register(lambda: shutil.rmtree(_TEMPDIR[0], ignore_errors=True))
        _TEMPDIR[:] = [_tempfile.mkdtemp(prefix="Rtmp")]
    return _TEMPDIR[0]


def tempfile(pattern: Any = "file", tmpdir: Any = None, fileext: Any = "") -> Any:
    """R's ``tempfile(pattern = "file", tmpdir = tempdir(), fileext = "")``: names for
    temporary files (nothing is created), ``<tmpdir>/<pattern><random hex><fileext>``,
    vectorised over the arguments: a ``str`` for one name, a character vector for several."""
    import os
    import secrets
    parts = [_strings(pattern), _strings(tempdir() if tmpdir is None else tmpdir),
             _strings(fileext)]
    if builtins.min(len(p) for p in parts) == 0:
        return character(0)
    n = builtins.max(len(p) for p in parts)
    out: list[str] = []
    for i in range(n):
        p, d, e = (part[i % len(part)] for part in parts)
        path = os.path.join(d, f"{p}{secrets.token_hex(6)}{e}")
        while os.path.exists(path) or path in out:
            path = os.path.join(d, f"{p}{secrets.token_hex(6)}{e}")
        out.append(path)
    return out[0] if n == 1 else RVector(np.array(out, dtype=object))
