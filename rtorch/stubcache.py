"""A per-PyTorch-version cache of what :mod:`rtorch.signatures` reads from PyTorch's stubs.

Parsing ``torch/_C/*.pyi`` (about 1.5 MB of Python) costs a fifth of a second at every import;
the overloads it yields depend only on the stub file and rtorch's reader. :func:`cached` wraps
the reader: the first import with a given PyTorch writes the overloads as JSON to the cache
directory, later imports read them back (a few milliseconds).

The cache key is PyTorch's version, the stub file's size and modification time and the reader's
own source file, so upgrading either re-parses. The directory is ``$RTORCH_CACHE_DIR``, else
``$XDG_CACHE_HOME/rtorch``, else ``~/.cache/rtorch``; ``RTORCH_CACHE_DIR=""`` turns the cache
off. Any failure to read or write the cache falls back to parsing: the cache can only make
import faster, never change a result.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import sys
import tempfile
from typing import Any, Callable

__all__ = ["cache_dir", "cached"]

_FORMAT = 1


def cache_dir() -> str | None:
    """The cache directory, or None when the cache is turned off."""
    env = os.environ.get("RTORCH_CACHE_DIR")
    if env is not None:
        return env or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "rtorch")


def _key(stub_path: str, reader: Callable, class_name: str | None) -> str:
    import torch
    st = os.stat(stub_path)
    src = sys.modules[reader.__module__].__file__ or ""
    rs = os.stat(src) if src and os.path.exists(src) else None
    parts = (_FORMAT, torch.__version__, stub_path, st.st_size, st.st_mtime_ns,
             src, rs and rs.st_size, rs and rs.st_mtime_ns, class_name)
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()[:16]
    name = os.path.basename(stub_path).replace(".", "_")
    return f"stubs-{torch.__version__.replace('+', '_')}-{name}-{class_name}-{digest}.json"


def cached(reader: Callable[[str, str | None], dict[str, list[Any]]]):
    """``reader(filename, class_name)`` (a stub reader returning ``{name: [Overload, ...]}``)
    with its results cached on disk per PyTorch version."""

    @functools.wraps(reader)
    def read(filename: str, class_name: str | None) -> dict[str, list[Any]]:
        directory = cache_dir()
        if directory is None:
            return reader(filename, class_name)
        import torch
        stub = os.path.join(os.path.dirname(torch.__file__), "_C", filename)
        try:
            path = os.path.join(directory, _key(stub, reader, class_name))
        except OSError:
            return reader(filename, class_name)
        overload = sys.modules[reader.__module__].Overload
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
            return {n: [overload(**o) for o in os_] for n, os_ in data.items()}
        except (OSError, ValueError, TypeError):
            pass
        out = reader(filename, class_name)
        try:
            os.makedirs(directory, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({n: [dataclasses.asdict(o) for o in os_] for n, os_ in out.items()}, f,
                          default=sorted)               # sets (names without a default) as lists
            os.replace(tmp, path)
        except (OSError, TypeError, ValueError):
            pass
        return out

    return read
