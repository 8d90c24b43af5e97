"""TorchScript: ``jit_trace``, ``jit_trace_module``, ``jit_save``, ``jit_load``,
``jit_compile``, ``jit_serialize``, ``jit_unserialize``, ``jit_scalar``, ``jit_tuple``.

PyTorch's ``torch.jit`` does the work. Traced and loaded programs are wrapped so that they
take and return rtorch tensors, like every rtorch function; ``.torch`` is PyTorch's object.
They print as R torch prints them: a traced or compiled function ``<script_function>``, a
method ``<script_method>``, a compilation unit ``<torch_compilation_unit>``. A traced
function's graph is R's too: its values are numbered (``%0``), not named after Python
variables, and an R number in arithmetic (``x + 20``) is the Scalar constant R records
(``float = prim::Constant[value=20.]``).
"""
from __future__ import annotations

import io
import numbers
import warnings

import numpy as np
import torch
from torch.overrides import TorchFunctionMode

from .atomic import atomic_write
from .nn_module import nn_module
from .tensor import _LEFT_METHODS, _SCALAR_OVERLOADS, _OPERATORS, unwrap, wrap_all


class ScriptCallable:
    """A TorchScript function or module (``.torch``) called with rtorch tensors."""

    __slots__ = ("torch",)

    def __init__(self, script):
        self.torch = script

    def _forward(self):
        """The method a call runs: a module traced in both modes (R's ``respect_mode``) runs
        ``trainforward`` or ``evalforward`` by its mode, as R torch's script modules do."""
        script = self.torch
        if isinstance(script, torch.jit.ScriptModule) and not hasattr(script, "forward") \
                and hasattr(script, "trainforward") and hasattr(script, "evalforward"):
            return script.trainforward if script.training else script.evalforward
        return script

    def __call__(self, *args, **kwargs):
        return wrap_all(self._forward()(*unwrap(args), **unwrap(kwargs)))

    @property
    def graph(self) -> "ScriptGraph":
        """R's ``$graph``: the graph of the function (of the mode's forward for a module)."""
        return ScriptGraph(self._forward().graph)

    def train(self, mode: bool = True) -> "ScriptCallable":
        self.torch.train(bool(mode))
        return self

    def eval(self) -> "ScriptCallable":
        return self.train(False)

    def __getattr__(self, name: str):
        attr = getattr(self.torch, name)
        if isinstance(attr, _SCRIPT_CALLABLES):          # R's script_function, script_method
            return ScriptCallable(attr)
        if callable(attr) and not isinstance(attr, torch.nn.Module):
            return lambda *a, **k: wrap_all(attr(*unwrap(a), **unwrap(k)))
        return ScriptCallable(attr) if isinstance(attr, torch.jit.ScriptModule) else wrap_all(attr)

    def save(self, path) -> None:
        jit_save(self, path)

    def __repr__(self) -> str:
        """R's print: ``<script_function>``, ``<script_method>``, ``<torch_compilation_unit>``
        (a module, which R prints as an ``nn_module``, shows ``<script ...>`` here)."""
        for kind, text in _PRINTED:
            if isinstance(self.torch, kind):
                return text
        return f"<script {type(self.torch).__name__}>"

    __str__ = __repr__


#: What R torch prints for each kind of TorchScript object (R/trace.R, R/script_module.R,
#: R/compilation_unit.R).
_PRINTED = ((torch.jit.ScriptFunction, "<script_function>"),
            (torch._C.ScriptMethod, "<script_method>"),
            (torch.jit.CompilationUnit, "<torch_compilation_unit>"))
_SCRIPT_CALLABLES = (torch.jit.ScriptFunction, torch._C.ScriptMethod)


class ScriptGraph:
    """A TorchScript graph, printed as R torch prints it (without Python source locations)."""

    __slots__ = ("torch",)

    def __init__(self, graph):
        self.torch = graph

    def __repr__(self) -> str:
        return self.torch.str(False).rstrip("\n")

    __str__ = __repr__


def _plain_function(fn):
    """``fn`` (rtorch in, rtorch out) as a function of PyTorch tensors, for tracing."""
    if isinstance(fn, torch.nn.Module):
        return fn

    def plain(*args):
        return unwrap(fn(*wrap_all(args)))

    plain.__name__ = getattr(fn, "__name__", "fn")
    return plain


#: R's message for an example input that is no tensor (R's numbers are doubles: ``float``).
_NOT_TRACEABLE = ("Only tensors or (possibly nested) dict or tuples of tensors can be inputs to "
                  "traced functions. Got {}")


def _check_inputs(inputs) -> None:
    for x in inputs:
        if isinstance(x, (bool, np.bool_)):
            kind = "bool"
        elif isinstance(x, numbers.Number):
            kind = "float"
        elif isinstance(x, str):
            kind = "str"
        else:
            continue
        raise RuntimeError(_NOT_TRACEABLE.format(kind))


def _quiet(fn, *args, **kwargs):
    """``torch.jit.*`` without PyTorch's deprecation notice (R torch gives none)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r".*torch\.jit\..* is deprecated", FutureWarning)
        return fn(*args, **kwargs)


def _trace(fn, *args, **kwargs):
    """``torch.jit.trace``/``trace_module`` quietly, recording R numbers as R torch does."""
    with _RScalars():
        return _quiet(fn, *args, **kwargs)


def jit_trace(func, *example_inputs, strict: bool = True, respect_mode: bool = True
              ) -> ScriptCallable:
    """R's ``jit_trace(func, ...)`` (``torch.jit.trace``): records the operations ``func``
    runs on the example inputs. A module is traced by :func:`jit_trace_module`."""
    if isinstance(func, torch.nn.Module):
        return jit_trace_module(func, forward=list(example_inputs), strict=strict,
                                respect_mode=respect_mode)
    _check_inputs(example_inputs)
    script = _trace(torch.jit.trace, _plain_function(func), tuple(unwrap(example_inputs)),
                    strict=strict, check_trace=False)
    _number_values(script.graph)
    return ScriptCallable(script)


#: rtorch's operators with an R number on the right (``x + 20``): the tensor method they call
#: (``Tensor.add``) -> the libtorch Scalar overload R torch calls (``aten::add.Scalar``).
_TRACED_SCALAR = {_LEFT_METHODS.get(fn, fn): _SCALAR_OVERLOADS[name]
                  for _r, name, fn in _OPERATORS if name in _SCALAR_OVERLOADS}


class _RScalars(TorchFunctionMode):
    """While tracing: ``x + 20`` records R torch's Scalar overload, so that the graph holds
    the R number as R's does (``float = prim::Constant[value=20.]``), not a Double tensor
    constant. Outside tracing rtorch's operators call it only where autograd records it."""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        scalar = _TRACED_SCALAR.get(func)
        if scalar is not None and not kwargs and len(args) == 2 and type(args[1]) is float:
            return scalar(*args)
        return func(*args, **(kwargs or {}))


def _number_values(graph) -> None:
    """R torch's tracer names no value (its graphs read ``%0``, ``%1``); PyTorch's names
    them after Python variables it finds (``%t``): the names are cleared, which numbers them."""
    for value in graph.inputs():
        value.setDebugName("")
    for node in graph.nodes():
        for value in node.outputs():
            value.setDebugName("")
        for block in node.blocks():
            _number_values(block)


def jit_trace_module(mod, strict: bool = True, respect_mode: bool = True, **inputs
                     ) -> ScriptCallable:
    """R's ``jit_trace_module(mod, forward = list(x))`` (``torch.jit.trace_module``).

    As in R torch, with ``respect_mode = TRUE`` ``forward`` is traced twice, in training mode
    (``trainforward``) and in evaluation mode (``evalforward``), and the traced module runs
    the one of its current mode; other methods are traced in the module's mode. An rtorch
    module's methods are traced on rtorch tensors, so that their R code (1-based indices)
    computes what it computes untraced; a PyTorch module's on PyTorch's."""
    examples = {k: tuple(unwrap(v)) if isinstance(v, (list, tuple)) else (unwrap(v),)
                for k, v in inputs.items()}
    for v in examples.values():
        _check_inputs(v)
    r_code = isinstance(mod, nn_module)      # R's code: it runs on rtorch tensors (1-based)
    respect = respect_mode and "forward" in examples
    if not (respect or r_code):
        return ScriptCallable(_trace(torch.jit.trace_module, mod, examples, strict=strict,
                                     check_trace=False))
    was_training = mod.training

    def in_mode(name, mode):
        def method(self, *args):
            mod.train(mode)
            fn = getattr(mod, name)
            return unwrap(fn(*wrap_all(args)) if r_code else fn(*args))
        return method

    methods = {k: in_mode(k, was_training) for k in examples if not (respect and k == "forward")}
    if respect:
        methods["trainforward"] = in_mode("forward", True)
        methods["evalforward"] = in_mode("forward", False)
        forward = examples.pop("forward")
        examples = {"trainforward": forward, "evalforward": forward, **examples}
    holder = type(type(mod).__name__, (torch.nn.Module,), methods)()
    for field in ("_parameters", "_buffers", "_modules"):     # the module's own, not copies
        holder.__dict__[field] = getattr(mod, field)
    try:
        script = _trace(torch.jit.trace_module, holder, examples, strict=strict,
                        check_trace=False)
    finally:
        mod.train(was_training)
    script.train(was_training)
    return ScriptCallable(script)


def jit_compile(source: str) -> ScriptCallable:
    """R's ``jit_compile(source)``: TorchScript functions from source text
    (``torch.jit.CompilationUnit``)."""
    return ScriptCallable(torch.jit.CompilationUnit(source))


def _script(obj):
    return obj.torch if isinstance(obj, ScriptCallable) else obj


def jit_save(obj, path, *args) -> None:
    """R's ``jit_save(obj, path)`` (``torch.jit.save``), written atomically."""
    atomic_write(path, lambda f: _quiet(torch.jit.save, _script(obj), f))


def jit_save_for_mobile(obj, path, *args) -> None:
    """R's ``jit_save_for_mobile(obj, path)``: PyTorch's lite-interpreter format."""
    atomic_write(path, lambda f: f.write(_script(obj)._save_to_buffer_for_lite_interpreter()))


def jit_load(path, *args) -> ScriptCallable:
    """R's ``jit_load(path)`` (``torch.jit.load``): a TorchScript program, not a pickle."""
    return ScriptCallable(_quiet(torch.jit.load, path, map_location="cpu"))


def jit_serialize(obj) -> bytes:
    """R's ``jit_serialize(obj)``: the bytes ``jit_save`` would write."""
    buf = io.BytesIO()
    _quiet(torch.jit.save, _script(obj), buf)
    return buf.getvalue()


def jit_unserialize(data: bytes) -> ScriptCallable:
    """R's ``jit_unserialize(bytes)``."""
    return ScriptCallable(_quiet(torch.jit.load, io.BytesIO(data), map_location="cpu"))


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
