"""TorchScript: ``jit_trace``, ``jit_trace_module``, ``jit_save``, ``jit_load``,
``jit_compile``, ``jit_serialize``, ``jit_unserialize``, ``jit_scalar``, ``jit_tuple``.

PyTorch's ``torch.jit`` does the work. Traced and loaded programs are wrapped so that they
take and return rtorch tensors, like every rtorch function; ``.torch`` is PyTorch's object.
"""
from __future__ import annotations

import io

import torch

from .serialization import atomic_write
from .tensor import unwrap, wrap_all


class ScriptCallable:
    """A TorchScript function or module (``.torch``) called with rtorch tensors."""

    __slots__ = ("torch",)

    def __init__(self, script):
        self.torch = script

    def __call__(self, *args, **kwargs):
        return wrap_all(self.torch(*unwrap(args), **unwrap(kwargs)))

    def __getattr__(self, name: str):
        attr = getattr(self.torch, name)
        if callable(attr) and not isinstance(attr, torch.nn.Module):
            return lambda *a, **k: wrap_all(attr(*unwrap(a), **unwrap(k)))
        return ScriptCallable(attr) if isinstance(attr, torch.jit.ScriptModule) else wrap_all(attr)

    def save(self, path) -> None:
        jit_save(self, path)

    def __repr__(self) -> str:
        return f"<script {type(self.torch).__name__}>"


def _plain_function(fn):
    """``fn`` (rtorch in, rtorch out) as a function of PyTorch tensors, for tracing."""
    if isinstance(fn, torch.nn.Module):
        return fn

    def plain(*args):
        return unwrap(fn(*wrap_all(args)))

    plain.__name__ = getattr(fn, "__name__", "fn")
    return plain


def jit_trace(func, *example_inputs, strict: bool = True) -> ScriptCallable:
    """R's ``jit_trace(func, ...)`` (``torch.jit.trace``): records the operations ``func``
    runs on the example inputs."""
    return ScriptCallable(torch.jit.trace(_plain_function(func), tuple(unwrap(example_inputs)),
                                          strict=strict))


def jit_trace_module(mod, **inputs) -> ScriptCallable:
    """R's ``jit_trace_module(mod, forward = list(x))`` (``torch.jit.trace_module``)."""
    examples = {k: tuple(unwrap(v)) if isinstance(v, (list, tuple)) else (unwrap(v),)
                for k, v in inputs.items()}
    return ScriptCallable(torch.jit.trace_module(mod, examples))


def jit_compile(source: str) -> ScriptCallable:
    """R's ``jit_compile(source)``: TorchScript functions from source text
    (``torch.jit.CompilationUnit``)."""
    return ScriptCallable(torch.jit.CompilationUnit(source))


def _script(obj):
    return obj.torch if isinstance(obj, ScriptCallable) else obj


def jit_save(obj, path, *args) -> None:
    """R's ``jit_save(obj, path)`` (``torch.jit.save``), written atomically."""
    atomic_write(path, lambda f: torch.jit.save(_script(obj), f))


def jit_save_for_mobile(obj, path, *args) -> None:
    """R's ``jit_save_for_mobile(obj, path)``: PyTorch's lite-interpreter format."""
    atomic_write(path, lambda f: f.write(_script(obj)._save_to_buffer_for_lite_interpreter()))


def jit_load(path, *args) -> ScriptCallable:
    """R's ``jit_load(path)`` (``torch.jit.load``): a TorchScript program, not a pickle."""
    return ScriptCallable(torch.jit.load(path, map_location="cpu"))


def jit_serialize(obj) -> bytes:
    """R's ``jit_serialize(obj)``: the bytes ``jit_save`` would write."""
    buf = io.BytesIO()
    torch.jit.save(_script(obj), buf)
    return buf.getvalue()


def jit_unserialize(data: bytes) -> ScriptCallable:
    """R's ``jit_unserialize(bytes)``."""
    return ScriptCallable(torch.jit.load(io.BytesIO(data), map_location="cpu"))


def jit_scalar(x):
    """R's ``jit_scalar(x)``: a length-1 R value as a scalar input for a traced program."""
    arr = unwrap(x)
    return arr.item() if hasattr(arr, "item") else x


def jit_tuple(x) -> tuple:
    """R's ``jit_tuple(x)``: a list passed to TorchScript as a tuple."""
    return tuple(x)


R_JIT = {f.__name__: f for f in (jit_trace, jit_trace_module, jit_compile, jit_save,
                                  jit_save_for_mobile, jit_load, jit_serialize, jit_unserialize,
                                  jit_scalar, jit_tuple)}
