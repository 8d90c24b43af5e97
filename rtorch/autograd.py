"""R torch's autograd functions over ``torch.autograd``.

==============================================  ============================================
R torch                                         PyTorch
==============================================  ============================================
``autograd_grad(outputs, inputs, ...)``         ``torch.autograd.grad`` (a list of tensors)
``autograd_backward(tensors, grad_tensors)``    ``torch.autograd.backward``
``autograd_set_grad_mode(enabled)``             ``torch.set_grad_enabled``
``autograd_function(forward, backward)``        a ``torch.autograd.Function`` subclass
``x$register_hook(hook)``                       ``Tensor.register_hook`` (rtorch tensors in/out)
==============================================  ============================================

R's ``retain_graph = create_graph`` default is written ``retain_graph = None`` (PyTorch's
rule is the same). An undefined gradient (an unused input with ``allow_unused = TRUE``) is
``None``.

In ``autograd_function``, ``forward(ctx, ...)`` and ``backward(ctx, grad_output)`` see rtorch
tensors; ``ctx`` is R's context: ``ctx.save_for_backward(result = result)`` then
``ctx.saved_variables.result`` (or ``["result"]``; unnamed values come back as a list),
``ctx.needs_input_grad`` (named by ``forward``'s arguments), ``ctx.mark_dirty(...)``,
``ctx.mark_non_differentiable(...)``. ``backward`` returns a dict (R's named list) of
gradients by argument name: ``dict(i = grad_output * result)``.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import torch

from .errors import translated
from .named_list import NamedList
from .tensor import Tensor, _TT, unwrap, wrap
from .tensor import is_torch_tensor as _is_tensor

__all__ = ["autograd_grad", "autograd_backward", "autograd_set_grad_mode", "autograd_function",
           "TorchHook", "AutogradContext"]


def _tensors(x: Any) -> list:
    """R's "a tensor or a list of tensors" -> a list of PyTorch tensors (``None`` kept)."""
    if x is None or _is_tensor(x):
        return [unwrap(x)]
    return [unwrap(v) for v in x]


def _wrap_grads(grads) -> list:
    return [None if g is None else wrap(g) for g in grads]


_UNUSED = ("element {}of the differentiated Tensors appears to not have been used in the graph. "
           "Set allow_unused=True if this is the desired behavior.")


def autograd_grad(outputs: Any, inputs: Any, grad_outputs: Any = None, retain_graph: "bool | None" = None,
                  create_graph: bool = False, allow_unused: bool = False) -> list:
    """R's ``autograd_grad(outputs, inputs, grad_outputs = NULL, retain_graph = create_graph,
    create_graph = FALSE, allow_unused = FALSE)`` (PyTorch ``torch.autograd.grad``): the
    gradients of ``outputs`` with respect to each of ``inputs``, as a list."""
    ins = _tensors(inputs)
    try:
        grads = torch.autograd.grad(_tensors(outputs), ins,
                                    None if grad_outputs is None else _tensors(grad_outputs),
                                    retain_graph=retain_graph, create_graph=create_graph,
                                    allow_unused=True)
    except (RuntimeError, ValueError, TypeError) as e:
        raise translated(e) from None
    if not allow_unused:
        for i, g in enumerate(grads, 1):
            if g is None:
                raise RuntimeError(_UNUSED.format(i))       # R's (libtorch's) text, 1-based
    return _wrap_grads(grads)


def autograd_backward(tensors: Any, grad_tensors: Any = None, retain_graph: "bool | None" = None,
                      create_graph: bool = False, inputs: Any = None) -> None:
    """R's ``autograd_backward(tensors, grad_tensors = NULL, retain_graph = create_graph,
    create_graph = FALSE)`` (PyTorch ``torch.autograd.backward``): accumulates gradients into
    the leaves' ``grad``. ``inputs`` (PyTorch's) limits which leaves get them."""
    try:
        torch.autograd.backward(_tensors(tensors),
                                None if grad_tensors is None else _tensors(grad_tensors),
                                retain_graph=retain_graph, create_graph=create_graph,
                                inputs=None if inputs is None else _tensors(inputs))
    except (RuntimeError, ValueError, TypeError) as e:
        raise translated(e) from None


def autograd_set_grad_mode(enabled: bool) -> None:
    """R's ``autograd_set_grad_mode(enabled)`` (PyTorch ``torch.set_grad_enabled``)."""
    torch.set_grad_enabled(bool(enabled))


# -- hooks -----------------------------------------------------------------------------------

class TorchHook:
    """R's ``<torch_hook>``: what ``x.register_hook(f)`` returns; ``.remove()`` takes the hook
    off (PyTorch's ``RemovableHandle`` is ``.handle``)."""

    __slots__ = ("handle",)

    def __init__(self, handle: Any):
        self.handle = handle

    def remove(self) -> None:
        """R's ``hook$remove()``."""
        self.handle.remove()

    def __repr__(self) -> str:
        return "<torch_hook>"


def register_hook(self: Tensor, hook: Callable) -> TorchHook:
    """R's ``x$register_hook(hook)``: ``hook(grad)`` gets the gradient as an rtorch tensor; a
    tensor it returns replaces the gradient, anything else keeps it."""
    def h(grad: torch.Tensor) -> "torch.Tensor | None":
        out = hook(wrap(grad))
        return unwrap(out) if _is_tensor(out) else None

    return TorchHook(self._t.register_hook(h))


def install_methods() -> None:
    """Tensor methods that differ from the rule-derived ones."""
    Tensor.register_hook = register_hook


# -- custom functions ----------------------------------------------------------------------------

class AutogradContext:
    """R's ``ctx`` (``torch_autograd_context``) over PyTorch's ``FunctionCtx``."""

    def __init__(self, ctx: Any, call: "_Call"):
        self._ctx = ctx
        self._call = call

    def save_for_backward(self, *args: Any, **kwargs: Any) -> None:
        """R's ``ctx$save_for_backward(...)``: any values, named or not; tensors go through
        PyTorch's ``save_for_backward`` (checked for in-place changes when read back)."""
        items = [(None, v) for v in args] + list(kwargs.items())
        self._ctx.save_for_backward(*[unwrap(v) for _, v in items if _is_tensor(v)])
        self._call.saved = [(n, None if _is_tensor(v) else v, _is_tensor(v)) for n, v in items]

    @property
    def saved_variables(self) -> "NamedList | list":
        """R's ``ctx$saved_variables``: what ``save_for_backward`` got, by name when named."""
        tensors = iter(self._ctx.saved_tensors)
        items = [(n, wrap(next(tensors)) if is_t else v) for n, v, is_t in self._call.saved]
        if any(n is not None for n, _ in items):
            return NamedList((n if n is not None else str(i), v) for i, (n, v) in enumerate(items, 1))
        return [v for _, v in items]

    @property
    def needs_input_grad(self) -> NamedList:
        """R's ``ctx$needs_input_grad``: for each argument of ``forward``, whether it is a
        tensor that requires grad."""
        return NamedList(self._call.needs_grad)

    def mark_dirty(self, *args: Any) -> None:
        """R's ``ctx$mark_dirty(...)``: inputs modified in place by ``forward``."""
        self._ctx.mark_dirty(*[unwrap(v) for v in args])

    def mark_non_differentiable(self, *args: Any) -> None:
        """R's ``ctx$mark_non_differentiable(...)``: outputs without gradients."""
        self._ctx.mark_non_differentiable(*[unwrap(v) for v in args])


class _Call:
    """One call of an ``autograd_function``: the arguments that are not tensors, where the
    tensors go, and what ``forward`` saved that is not a tensor."""

    __slots__ = ("names", "values", "tensor_names", "needs_grad", "saved")

    def __init__(self, arguments: dict):
        self.names = list(arguments)
        self.values = {k: v for k, v in arguments.items() if not _is_tensor(v)}
        self.tensor_names = [k for k, v in arguments.items() if _is_tensor(v)]
        self.needs_grad = {k: _is_tensor(v) and v.requires_grad for k, v in arguments.items()}
        self.saved: list = []

    def arguments(self, tensors: tuple) -> dict:
        args = dict(self.values)
        args.update(zip(self.tensor_names, (wrap(t) for t in tensors)))
        return {k: args[k] for k in self.names}


def _grads_out(result: Any, call: _Call) -> list:
    """``backward``'s result -> one gradient per tensor argument (R: a list named by argument;
    also accepted: one tensor for one argument needing grad, or a list in argument order)."""
    if isinstance(result, dict):
        by_name = result
    elif _is_tensor(result) or result is None:
        wanted = [k for k in call.tensor_names if call.needs_grad[k]] or call.tensor_names[:1]
        by_name = {wanted[0]: result} if wanted else {}
    else:
        by_name = dict(zip(call.names, result))
    return [unwrap(by_name.get(k)) if call.needs_grad[k] else None for k in call.tensor_names]


def autograd_function(forward: Callable, backward: Callable) -> Callable:
    """R's ``autograd_function(forward, backward)``: a differentiable function defined by its
    ``forward(ctx, ...)`` and ``backward(ctx, grad_output)`` (a ``torch.autograd.Function``
    behind). The result takes ``forward``'s arguments without ``ctx``."""
    params = list(inspect.signature(forward).parameters.values())[1:]
    signature = inspect.Signature(params)
    n_grad_args = len(inspect.signature(backward).parameters) - 1

    class RFunction(torch.autograd.Function):
        r_autograd_function = True              # its nodes print as R torch's

        @staticmethod
        def forward(ctx: Any, call: _Call, *tensors: torch.Tensor) -> Any:
            ctx.r_call = call                     # (no reference back to ctx: no cycle)
            out = forward(AutogradContext(ctx, call), **call.arguments(tensors))
            if isinstance(out, (list, tuple)):
                return tuple(unwrap(o) for o in out)
            return unwrap(out)

        @staticmethod
        def backward(ctx: Any, *grad_outputs: torch.Tensor) -> tuple:
            grads = _wrap_grads(grad_outputs)
            if n_grad_args == 1 and len(grads) > 1:
                grads = [grads]                   # R: several outputs' gradients as one list
            return (None, *_grads_out(backward(AutogradContext(ctx, ctx.r_call), *grads), ctx.r_call))

    def apply(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        call = _Call(bound.arguments)
        tensors = [unwrap(bound.arguments[k]) for k in call.tensor_names]
        try:
            out = RFunction.apply(call, *tensors)
        except (RuntimeError, ValueError, TypeError, IndexError) as e:
            raise translated(e) from None
        if isinstance(out, tuple):
            return [wrap(o) if isinstance(o, _TT) else o for o in out]
        return wrap(out) if isinstance(out, _TT) else out

    apply.__signature__ = signature
    apply.__doc__ = "A function made by R's ``autograd_function(forward, backward)``."
    apply.autograd_function = RFunction
    return apply


R_AUTOGRAD = {f.__name__: f for f in (autograd_grad, autograd_backward, autograd_set_grad_mode,
                                      autograd_function)}
