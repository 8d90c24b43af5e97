"""Parameter names and types of PyTorch's functions and Tensor methods.

The translators decide what to do with an argument from its *name and type*
(the rule R torch's own code generator uses), so they need PyTorch's
signatures. C functions carry no introspectable signature; their type stubs
(``torch/_C/*.pyi``, shipped with every PyTorch wheel) do, overloads included.
Python-level functions are read with ``inspect``; ``torch.linalg`` and
``torch.fft`` builtins from the first line of their docstrings.
"""
from __future__ import annotations

import ast
import functools
import inspect
import os
import re
import sys
from dataclasses import dataclass, field

import torch

from .stubcache import cached as _cached_per_torch_version


@dataclass
class Overload:
    """One PyTorch overload: positional names in order, ``*args`` name, keyword-only names."""
    positional: list[str]
    varargs: str | None = None
    keywords: list[str] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    required: frozenset[str] | None = None     # names without a default (None: unknown)

    def __post_init__(self) -> None:
        if self.required is not None and not isinstance(self.required, frozenset):
            self.required = frozenset(self.required)    # read back from the JSON cache


def _overload_from_ast(fn: ast.FunctionDef, skip_self: bool) -> Overload:
    a = fn.args
    pos = [p for p in a.posonlyargs + a.args]
    with_default = {p.arg for p in pos[len(pos) - len(a.defaults):]} if a.defaults else set()
    with_default |= {p.arg for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None}
    if skip_self and pos and pos[0].arg == "self":
        pos = pos[1:]
    types = {}
    for p in pos + a.kwonlyargs + ([a.vararg] if a.vararg else []):
        types[p.arg] = ast.unparse(p.annotation) if p.annotation is not None else ""
    required = frozenset(p.arg for p in pos + a.kwonlyargs if p.arg not in with_default)
    return Overload([p.arg for p in pos], a.vararg.arg if a.vararg else None,
                    [p.arg for p in a.kwonlyargs], types, required)


@_cached_per_torch_version        # parsed once per PyTorch version (rtorch.stubcache)
def _read_stub(filename: str, class_name: str | None) -> dict[str, list[Overload]]:
    """Overloads of the functions in PyTorch's stub ``filename`` (in ``class_name``), cached
    per PyTorch version as JSON data (:mod:`rtorch.stubcache`: never code, never a pickle)."""
    return _parse_stub(os.path.join(os.path.dirname(torch.__file__), "_C", filename), class_name)


def _parse_stub(path: str, class_name: str | None) -> dict[str, list[Overload]]:
    tree = ast.parse(open(path, encoding="utf-8").read())
    body = tree.body
    if class_name is not None:
        body = next(n.body for n in body if isinstance(n, ast.ClassDef) and n.name == class_name)
    out: dict[str, list[Overload]] = {}
    for node in body:
        if isinstance(node, ast.FunctionDef):
            out.setdefault(node.name, []).append(
                _overload_from_ast(node, skip_self=class_name is not None))
    return out


@functools.cache
def tensor_methods() -> dict[str, list[Overload]]:
    """Overloads of every ``torch.Tensor`` method, from the stubs of ``TensorBase``."""
    return _read_stub("__init__.pyi", "TensorBase")


@functools.cache
def torch_functions() -> dict[str, list[Overload]]:
    """Overloads of every C function of the ``torch`` namespace."""
    return _read_stub("_VariableFunctions.pyi", None)


_DOC_SIGNATURE = re.compile(r"^\s*[\w.]+\((.*?)\)\s*(->|$)", re.M)


def _from_docstring(fn) -> list[Overload] | None:
    m = _DOC_SIGNATURE.search(fn.__doc__ or "")
    if not m:
        return None
    positional, keywords, varargs, kw_only = [], [], None, False
    for part in m.group(1).split(","):
        name = part.split("=")[0].split(":")[0].strip()
        if not name:
            continue
        if name == "*":
            kw_only = True
        elif name.startswith("*"):
            varargs, kw_only = name.lstrip("*"), True
        elif kw_only:
            keywords.append(name)
        else:
            positional.append(name)
    return [Overload(positional, varargs, keywords)]


def _from_inspect(fn) -> list[Overload] | None:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    positional, keywords, varargs, types = [], [], None, {}
    required = frozenset(p.name for p in sig.parameters.values() if p.default is p.empty
                         and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD))
    for p in sig.parameters.values():
        if p.annotation is not inspect.Parameter.empty:
            types[p.name] = p.annotation if isinstance(p.annotation, str) else repr(p.annotation)
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            positional.append(p.name)
        elif p.kind is p.VAR_POSITIONAL:
            varargs = p.name
        elif p.kind is p.KEYWORD_ONLY:
            keywords.append(p.name)
    return [Overload(positional, varargs, keywords, types, required)]


def overloads_of(fn, name: str, stub: dict[str, list[Overload]] | None) -> list[Overload]:
    """Best-known overloads of ``fn``: stubs first, then ``inspect``, then the docstring."""
    if stub is not None and name in stub:
        return stub[name]
    return _from_inspect(fn) or _from_docstring(fn) or [Overload([], "args")]
