"""Files, connections and the session: tempdir(), tempfile(), file.path(), basename(),
file.exists(), list.files(), readLines(), untar(), Sys.getenv(), getOption(), rawConnection(),
saveRDS() ...

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins

import sys

from typing import Any
import numpy as np

from .vectors import NA_DOUBLE, RString, RVector, _character_result, _warn  # noqa: F401
from .strings import _strings  # noqa: F401
from .sequences import character  # noqa: F401

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


# --------------------------------------------------------------------------------------
# Files, connections, options and the session
# --------------------------------------------------------------------------------------

def _one_string(x: Any) -> str:
    return str(_strings(x)[0])


def _texts(values: list, names: Any = None) -> Any:
    return _character_result(RVector(np.array(values, dtype=object)))


def file_path(*args: Any, fsep: str = "/") -> Any:
    """R's ``file.path(...)``: the parts joined with ``/``, vectorised."""
    parts = [_strings(a) for a in args]
    if not parts or builtins.min(len(p) for p in parts) == 0:
        return RVector(np.zeros(0, dtype=object))
    n = builtins.max(len(p) for p in parts)
    return _texts([fsep.join(str(p[i % len(p)]) for p in parts) for i in range(n)])


def basename(path: Any) -> Any:
    """R's ``basename(path)``: the last part of each path (trailing ``/`` ignored)."""
    import os
    return _texts([os.path.basename(p.rstrip("/")) for p in _strings(path)])


def dirname(path: Any) -> Any:
    """R's ``dirname(path)``: each path without its last part (``"."`` when there is none)."""
    import os
    return _texts([os.path.dirname(p.rstrip("/")) or "." for p in _strings(path)])


def file_exists(*args: Any) -> RVector:
    """R's ``file.exists(...)``: whether each path exists."""
    import os
    return RVector(np.array([os.path.exists(p) for a in args for p in _strings(a)], dtype=bool))


def dir_exists(paths: Any) -> RVector:
    """R's ``dir.exists(paths)``: whether each path is a folder."""
    import os
    return RVector(np.array([os.path.isdir(p) for p in _strings(paths)], dtype=bool))


def dir_create(path: Any, showWarnings: bool = True, recursive: bool = False,
               mode: str = "0777") -> bool:
    """R's ``dir.create(path, recursive = FALSE)``: TRUE when it made the folder."""
    import os
    p = _one_string(path)
    if os.path.isdir(p):
        if showWarnings:
            _warn(f"'{p}' already exists")
        return False
    (os.makedirs if recursive else os.mkdir)(p)
    return True


def list_files(path: Any = ".", pattern: Any = None, all_files: bool = False,
               full_names: bool = False, recursive: bool = False,
               ignore_case: bool = False) -> RVector:
    """R's ``list.files(path, pattern, full.names, recursive)``: sorted file names."""
    import os
    import re as _re
    root = _one_string(path)
    rx = None if pattern is None else _re.compile(_one_string(pattern),
                                                  _re.IGNORECASE if ignore_case else 0)
    found = []
    if recursive:
        for d, _, files in os.walk(root):
            for f in files:
                found.append(os.path.relpath(os.path.join(d, f), root))
    else:
        found = os.listdir(root)
    out = sorted(f for f in found if (all_files or not os.path.basename(f).startswith("."))
                 and (rx is None or rx.search(os.path.basename(f))))
    if full_names:
        out = [f"{root}/{f}" for f in out]
    return RVector(np.array(out, dtype=object))


def normalizePath(path: Any, winslash: str = "\\", mustWork: Any = None) -> Any:
    """R's ``normalizePath(path)``: the absolute, resolved path."""
    import os
    return _texts([os.path.realpath(os.path.expanduser(p)) for p in _strings(path)])


def path_expand(path: Any) -> Any:
    """R's ``path.expand(path)``: ``~`` expanded."""
    import os
    return _texts([os.path.expanduser(p) for p in _strings(path)])


def unlink(x: Any, recursive: bool = False, force: bool = False) -> int:
    """R's ``unlink(x, recursive = FALSE)``: remove files (folders with ``recursive``); 0."""
    import os
    import shutil
    for p in _strings(x):
        if os.path.isdir(p):
            if recursive:
                shutil.rmtree(p, ignore_errors=True)
        elif os.path.exists(p):
            os.remove(p)
    return 0


def file_remove(*args: Any) -> RVector:
    """R's ``file.remove(...)``: whether each file was removed."""
    import os
    out = []
    for a in args:
        for p in _strings(a):
            try:
                os.remove(p)
                out.append(True)
            except OSError:
                out.append(False)
    return RVector(np.array(out, dtype=bool))


def readLines(con: Any, n: int = -1, warn: bool = True, encoding: str = "unknown") -> RVector:
    """R's ``readLines(con, n = -1)``: the lines of a file (a path or an open text file)."""
    if hasattr(con, "read"):
        text = con.read()
        text = text.decode() if isinstance(text, bytes) else text
    else:
        with open(_one_string(con), encoding="utf-8") as f:
            text = f.read()
    lines = text.splitlines()
    if int(n) >= 0:
        lines = lines[:int(n)]
    return RVector(np.array(lines, dtype=object))


def writeLines(text: Any, con: Any = None, sep: str = "\n") -> None:
    """R's ``writeLines(text, con = stdout(), sep = "\\n")``."""
    out = "".join(f"{s}{sep}" for s in _strings(text))
    if con is None:
        sys.stdout.write(out)
    elif hasattr(con, "write"):
        con.write(out)
    else:
        with open(_one_string(con), "w", encoding="utf-8") as f:
            f.write(out)


def untar(tarfile: Any, files: Any = None, list: bool = False, exdir: Any = ".") -> Any:
    """R's ``untar(tarfile, exdir = ".")``: extract an archive (``list = TRUE``: its names)."""
    import tarfile as _tarfile
    with _tarfile.open(_one_string(tarfile)) as tf:
        if list:
            return RVector(np.array(tf.getnames(), dtype=object))
        members = None if files is None else [tf.getmember(f) for f in _strings(files)]
        tf.extractall(_one_string(exdir), members=members, filter="data")
    return 0


def unzip(zipfile: Any, files: Any = None, list: bool = False, exdir: Any = ".") -> Any:
    """R's ``unzip(zipfile, exdir = ".")``."""
    import zipfile as _zipfile
    with _zipfile.ZipFile(_one_string(zipfile)) as zf:
        if list:
            return RVector(np.array(zf.namelist(), dtype=object))
        zf.extractall(_one_string(exdir), None if files is None else _strings(files))
    return 0


def Sys_getenv(x: Any = None, unset: str = "", names: Any = None) -> Any:
    """R's ``Sys.getenv(x, unset = "")``."""
    import os
    if x is None:
        return dict(os.environ)
    return _texts([os.environ.get(k, unset) for k in _strings(x)])


def Sys_setenv(**kwargs: Any) -> RVector:
    """R's ``Sys.setenv(NAME = value)``."""
    import os
    for k, v in kwargs.items():
        os.environ[k] = _one_string(v)
    return RVector(np.ones(len(kwargs), dtype=bool))


def Sys_time() -> float:
    """R's ``Sys.time()``: seconds since the epoch (differences are seconds)."""
    import time
    return time.time()


def Sys_sleep(time: Any) -> None:
    """R's ``Sys.sleep(time)``."""
    import time as _time
    _time.sleep(float(time))


#: R's ``options()`` that R torch code reads, with R's defaults.
_OPTIONS: dict[str, Any] = {"digits": 7, "width": 80, "warn": 0, "OutDec": ".",
                            "scipen": 0, "timeout": 60, "stringsAsFactors": False}


def getOption(x: Any, default: Any = None) -> Any:
    """R's ``getOption(x, default = NULL)``."""
    return _OPTIONS.get(_one_string(x), default)


def options(**kwargs: Any) -> dict:
    """R's ``options(name = value)``: set options, returning the old values."""
    old = {k: _OPTIONS.get(k) for k in kwargs}
    _OPTIONS.update(kwargs)
    return old


def interactive() -> bool:
    """R's ``interactive()``: whether Python runs interactively (a REPL or notebook)."""
    return hasattr(sys, "ps1") or "ipykernel" in sys.modules


def requireNamespace(package: Any, quietly: bool = True) -> bool:
    """R's ``requireNamespace(pkg, quietly = TRUE)``: TRUE for R packages rtorch stands for
    (``torch``, ``luz``, ``torchvision``, ``torchdatasets``, ``coro``, ``zeallot``, ``magrittr``)
    and for importable Python modules of that name."""
    import importlib.util
    name = _one_string(package)
    if name in ("torch", "luz", "torchvision", "torchdatasets", "coro", "zeallot", "magrittr",
                "base", "stats", "utils", "methods", "R6"):
        return True
    return importlib.util.find_spec(name) is not None


def rawConnection(object: Any = b"", open: str = "r") -> Any:
    """R's ``rawConnection(raw())``: an in-memory binary connection (``io.BytesIO``) that
    ``torch_save``/``torch_load`` write and read."""
    import io
    return io.BytesIO(bytes(object) if object is not None else b"")


def rawConnectionValue(con: Any) -> bytes:
    """R's ``rawConnectionValue(con)``: the bytes written to a raw connection."""
    return con.getvalue()


def close(con: Any, *args: Any) -> None:
    """R's ``close(con)``."""
    con.close()


def saveRDS(object: Any, file: Any = "", compress: Any = True) -> None:
    """R's ``saveRDS(object, file)``: Python's pickle (not R's format), read by ``readRDS``."""
    import pickle
    if hasattr(file, "write"):
        pickle.dump(object, file)
        return
    with open(_one_string(file), "wb") as f:
        pickle.dump(object, f)


def readRDS(file: Any) -> Any:
    """R's ``readRDS(file)`` of a file written by :func:`saveRDS` (trusted files only: it is
    Python's pickle)."""
    import pickle
    if hasattr(file, "read"):
        return pickle.load(file)
    with open(_one_string(file), "rb") as f:
        return pickle.load(f)


def system_file(*args: Any, package: Any = "base", mustWork: bool = False) -> Any:
    """R's ``system.file(..., package)``: no R library here, so ``""`` (R's answer for a file
    that is not installed)."""
    return RString("")


def file_size(*args: Any) -> RVector:
    """R's ``file.size(...)``: sizes in bytes (NA for a missing file)."""
    import os
    out = [float(os.path.getsize(p)) if os.path.exists(p) else NA_DOUBLE
           for a in args for p in _strings(a)]
    return RVector(np.array(out, dtype=np.float64))


def file_copy(from_: Any, to: Any, overwrite: bool = False) -> RVector:
    """R's ``file.copy(from, to, overwrite = FALSE)`` (``from`` is ``from_``): TRUE for each
    file copied."""
    import os
    import shutil
    out = []
    for src, dst in zip(_strings(from_), _strings(to) * len(_strings(from_))):
        target = os.path.join(dst, os.path.basename(src)) if os.path.isdir(dst) else dst
        if os.path.exists(target) and not overwrite:
            out.append(False)
            continue
        shutil.copyfile(src, target)
        out.append(True)
    return RVector(np.array(out, dtype=bool))


def download_file(url: Any, destfile: Any, mode: str = "w", quiet: bool = False) -> int:
    """R's ``download.file(url, destfile)``: 0 on success."""
    import urllib.request
    urllib.request.urlretrieve(_one_string(url), _one_string(destfile))
    return 0


def read_csv(file: Any, header: bool = True, sep: str = ",", stringsAsFactors: bool = False,
             **kwargs: Any) -> Any:
    """R's ``read.csv(file, header = TRUE, sep = ",")``: a pandas DataFrame with R's row
    names 1, 2, ... (``df.r.col`` reads a column the R way)."""
    import pandas as pd
    frame = pd.read_csv(file if hasattr(file, "read") else _one_string(file), sep=sep,
                        header=0 if header else None, **kwargs)
    if not header:
        frame.columns = [f"V{j + 1}" for j in range(frame.shape[1])]
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    if stringsAsFactors:
        for col in frame.columns:
            if frame[col].dtype.kind == "O":
                frame[col] = frame[col].astype("category")
    return frame


def read_delim(file: Any, header: bool = True, sep: str = "\t", **kwargs: Any) -> Any:
    """R's ``read.delim(file, sep = "\\t")``."""
    return read_csv(file, header=header, sep=sep, **kwargs)


def read_csv2(file: Any, header: bool = True, sep: str = ";", dec: str = ",",
              **kwargs: Any) -> Any:
    """R's ``read.csv2(file)``: ``;``-separated, ``,`` as the decimal mark."""
    return read_csv(file, header=header, sep=sep, decimal=dec, **kwargs)


def write_csv(x: Any, file: Any = "", row_names: bool = True, **kwargs: Any) -> None:
    """R's ``write.csv(x, file, row.names = TRUE)`` of a data frame."""
    target = sys.stdout if file in ("", None) else file if hasattr(file, "write") else \
        _one_string(file)
    x.to_csv(target, index=row_names, **kwargs)


def Sys_info() -> RVector:
    """R's ``Sys.info()``: a named character vector (sysname, release, version, nodename,
    machine, login, user)."""
    import getpass
    import platform
    u = platform.uname()
    try:
        user = getpass.getuser()
    except Exception:                                 # noqa: BLE001 - no user database
        user = "unknown"
    values = [u.system, u.release, u.version, u.node, u.machine, user, user, user]
    names = ["sysname", "release", "version", "nodename", "machine", "login", "user",
             "effective_user"]
    return RVector(np.array(values, dtype=object), names)


def Sys_getpid() -> RVector:
    """R's ``Sys.getpid()``."""
    import os
    return RVector(np.array([os.getpid()], dtype=np.int64))


def packageVersion(pkg: Any) -> RString:
    """R's ``packageVersion(pkg)``: the version of an installed Python package (``"torch"``,
    ``"rtorch"``, ...) as a string."""
    import importlib.metadata
    name = _one_string(pkg)
    if name == "torch" or name == "rtorch":
        import torch as _torch
        return RString(_torch.__version__.split("+")[0] if name == "torch" else "0.1.0")
    return RString(importlib.metadata.version(name))


def raw(length: Any = 0) -> bytes:
    """R's ``raw(length = 0)``: that many zero bytes."""
    return bytes(int(length))


def rawToChar(x: Any) -> RString:
    """R's ``rawToChar(x)``."""
    return RString(bytes(x).decode("latin-1"))


def gc(verbose: bool = False, full: bool = True) -> None:
    """R's ``gc()``: Python's garbage collection."""
    import gc as _gc
    _gc.collect()


def list_dirs(path: Any = ".", full_names: bool = True, recursive: bool = True) -> RVector:
    """R's ``list.dirs(path, full.names = TRUE, recursive = TRUE)`` (``path`` itself first)."""
    import os
    root = _one_string(path)
    found = [root]
    if recursive:
        for d, subdirs, _ in os.walk(root):
            found += [os.path.join(d, s) for s in sorted(subdirs)]
    else:
        found += [os.path.join(root, s) for s in sorted(os.listdir(root))
                  if os.path.isdir(os.path.join(root, s))]
    if not full_names:
        found = [os.path.relpath(f, root) if f != root else "" for f in found]
    return RVector(np.array(sorted(found), dtype=object))


def read_table(file: Any, header: bool = False, sep: str = r"\s+", **kwargs: Any) -> Any:
    """R's ``read.table(file, header = FALSE, sep = "")``: whitespace-separated columns."""
    return read_csv(file, header=header, sep=sep, **kwargs)
