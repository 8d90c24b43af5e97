"""R torch's small objects and session functions: layouts, memory formats, quantization
schemes, reduction codes, ``torch_finfo`` / ``torch_iinfo``, installation queries, raw
buffers, scoped state (``with_no_grad`` & co.), ``cuda_*`` and ``backends_*``."""
from __future__ import annotations

import contextlib
import os

import numpy as np
import torch

from . import dtypes as _dtypes
from . import devices as _devices
from .dims import ints
from .tensor import Tensor, wrap, unwrap, wrap_all


def _constant(name: str, value, doc: str):
    def f():
        return value

    f.__name__ = f.__qualname__ = name
    f.__doc__ = doc
    return f


_CONSTANTS = {
    "torch_strided": (torch.strided, "R's ``torch_strided()`` layout (``torch.strided``)."),
    "torch_sparse_coo": (torch.sparse_coo, "R's ``torch_sparse_coo()`` layout (``torch.sparse_coo``)."),
    "torch_contiguous_format": (torch.contiguous_format, "``torch.contiguous_format``."),
    "torch_channels_last_format": (torch.channels_last, "``torch.channels_last``."),
    "torch_preserve_format": (torch.preserve_format, "``torch.preserve_format``."),
    "torch_per_tensor_affine": (torch.per_tensor_affine, "``torch.per_tensor_affine``."),
    "torch_per_channel_affine": (torch.per_channel_affine, "``torch.per_channel_affine``."),
    "torch_per_tensor_symmetric": (torch.per_tensor_symmetric, "``torch.per_tensor_symmetric``."),
    "torch_per_channel_symmetric": (torch.per_channel_symmetric, "``torch.per_channel_symmetric``."),
    # libtorch's reduction enum, as R torch's torch_reduction_*() return it
    "torch_reduction_none": (0, "R's ``torch_reduction_none()``: libtorch's reduction code 0."),
    "torch_reduction_mean": (1, "R's ``torch_reduction_mean()``: libtorch's reduction code 1."),
    "torch_reduction_sum": (2, "R's ``torch_reduction_sum()``: libtorch's reduction code 2."),
}
CONSTANTS = {n: _constant(n, v, d) for n, (v, d) in _CONSTANTS.items()}


def is_torch_layout(x) -> bool:
    """R's ``is_torch_layout()``."""
    return isinstance(x, torch.layout)


def is_torch_memory_format(x) -> bool:
    """R's ``is_torch_memory_format()``."""
    return isinstance(x, torch.memory_format)


def is_torch_qscheme(x) -> bool:
    """R's ``is_torch_qscheme()``."""
    return isinstance(x, torch.qscheme)


def torch_finfo(dtype=None):
    """R's ``torch_finfo(dtype)``: ``bits``, ``eps``, ``max``, ``min``, ``tiny`` of a float dtype."""
    return torch.finfo(_dtypes.as_torch_dtype(dtype) or torch.get_default_dtype())


def torch_iinfo(dtype):
    """R's ``torch_iinfo(dtype)``: ``bits``, ``max``, ``min`` of an integer dtype."""
    return torch.iinfo(_dtypes.as_torch_dtype(dtype))


def torch_is_installed() -> bool:
    """R's ``torch_is_installed()``: PyTorch is the backend, so always True."""
    return True


def torch_install_path() -> str:
    """R's ``torch_install_path()``: where the PyTorch package lives."""
    return os.path.dirname(torch.__file__)


def install_torch(*args, **kwargs) -> None:
    """R's ``install_torch()``: nothing to do; PyTorch is installed with pip."""
    return None


install_torch_from_file = install_torch


def install_torch_sitrep() -> None:
    """R's ``install_torch_sitrep()``: prints what PyTorch build is in use."""
    print(f"PyTorch {torch.__version__} at {torch_install_path()}; CUDA available: "
          f"{torch.cuda.is_available()}")


def get_install_libs_url(*args, **kwargs) -> None:
    """R's ``get_install_libs_url()``: no libtorch download exists for rtorch (PyTorch comes from pip)."""
    return None


def buffer_from_torch_tensor(x) -> bytes:
    """R's ``buffer_from_torch_tensor(x)``: the tensor's raw bytes."""
    return unwrap(x).detach().cpu().contiguous().numpy().tobytes()


def torch_tensor_from_buffer(buffer, shape, dtype="float") -> Tensor:
    """R's ``torch_tensor_from_buffer(buffer, shape, dtype)``: a tensor over raw bytes (copied)."""
    td = _dtypes.as_torch_dtype(dtype)
    arr = np.frombuffer(bytearray(buffer), dtype=torch.empty(0, dtype=td).numpy().dtype)
    return wrap(torch.from_numpy(arr.copy()).reshape(ints(shape)))


def torch_scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p: float = 0.0,
                                       is_causal: bool = False, scale=None, enable_gqa: bool = False):
    """R's ``torch_scaled_dot_product_attention()`` (PyTorch
    ``torch.nn.functional.scaled_dot_product_attention``)."""
    return wrap(torch.nn.functional.scaled_dot_product_attention(
        unwrap(query), unwrap(key), unwrap(value), attn_mask=unwrap(attn_mask),
        dropout_p=dropout_p, is_causal=is_causal, scale=scale, enable_gqa=enable_gqa))


def torch_sparse_sampled_addmm(input, mat1, mat2, beta=1.0, alpha=1.0):
    """R's ``torch_sparse_sampled_addmm()`` (PyTorch ``torch.sparse.sampled_addmm``)."""
    return wrap(torch.sparse.sampled_addmm(unwrap(input), unwrap(mat1), unwrap(mat2),
                                           beta=beta, alpha=alpha))


# -- scoped state: R's with_*() are context managers here; local_*() set state for the
#    rest of the program and return a context manager that restores it ---------------------

def with_no_grad():
    """R's ``with_no_grad({...})`` is ``with with_no_grad(): ...`` (``torch.no_grad``)."""
    return torch.no_grad()


def with_enable_grad():
    """R's ``with_enable_grad({...})`` (``torch.enable_grad``)."""
    return torch.enable_grad()


def with_detect_anomaly():
    """R's ``with_detect_anomaly({...})`` (``torch.autograd.detect_anomaly``)."""
    return torch.autograd.detect_anomaly()


class _Restore(contextlib.AbstractContextManager):
    """What ``local_*()`` returns: the state changes now; leaving a ``with`` block (or calling
    ``.restore()``) puts the old state back."""

    def __init__(self, restore):
        self._restore = restore

    def restore(self) -> None:
        self._restore()

    def __exit__(self, *exc):
        self._restore()
        return None


def local_no_grad() -> _Restore:
    """R's ``local_no_grad()``: autograd off from here on (restore with the returned handle)."""
    old = torch.is_grad_enabled()
    torch.set_grad_enabled(False)
    return _Restore(lambda: torch.set_grad_enabled(old))


def local_enable_grad() -> _Restore:
    """R's ``local_enable_grad()``."""
    old = torch.is_grad_enabled()
    torch.set_grad_enabled(True)
    return _Restore(lambda: torch.set_grad_enabled(old))


@contextlib.contextmanager
def with_torch_manual_seed(seed):
    """R's ``with_torch_manual_seed({...}, seed = )``: a seeded block; the global RNG state is
    restored afterwards."""
    from .creation import torch_manual_seed
    state = torch.get_rng_state()
    torch_manual_seed(seed)
    try:
        yield
    finally:
        torch.set_rng_state(state)


def local_torch_manual_seed(seed) -> _Restore:
    """R's ``local_torch_manual_seed(seed)``."""
    from .creation import torch_manual_seed
    state = torch.get_rng_state()
    torch_manual_seed(seed)
    return _Restore(lambda: torch.set_rng_state(state))


@contextlib.contextmanager
def with_device(device):
    """R's ``with_device({...}, device = )``: new tensors are created on ``device``."""
    old = torch.get_default_device()
    torch.set_default_device(_devices.as_torch_device(device))
    try:
        yield
    finally:
        torch.set_default_device(old)


def local_device(device) -> _Restore:
    """R's ``local_device(device)``."""
    old = torch.get_default_device()
    torch.set_default_device(_devices.as_torch_device(device))
    return _Restore(lambda: torch.set_default_device(old))


def with_autocast(device_type: str = "cpu", dtype=None, enabled: bool = True, cache_enabled=None):
    """R's ``with_autocast({...}, device_type = )`` (``torch.autocast``)."""
    kw = {"dtype": _dtypes.as_torch_dtype(dtype), "enabled": enabled}
    if cache_enabled is not None:
        kw["cache_enabled"] = cache_enabled
    return torch.autocast(device_type, **kw)


def set_autocast(device_type: str = "cpu", dtype=None, enabled: bool = True, cache_enabled=None):
    """R's ``set_autocast()``: enter autocast until ``unset_autocast(handle)``."""
    ctx = with_autocast(device_type, dtype, enabled, cache_enabled)
    ctx.__enter__()
    return ctx


def unset_autocast(context) -> None:
    """R's ``unset_autocast(context)``."""
    context.__exit__(None, None, None)


def local_autocast(device_type: str = "cpu", dtype=None, enabled: bool = True,
                   cache_enabled=None) -> _Restore:
    """R's ``local_autocast()``."""
    ctx = set_autocast(device_type, dtype, enabled, cache_enabled)
    return _Restore(lambda: unset_autocast(ctx))


def call_torch_function(name: str, *args, quiet: bool = False, **kwargs):
    """R's ``call_torch_function(name, ...)``: call ``torch_<f>`` (or ``torch.<f>`` translated by
    the same rule) by name."""
    import rtorch
    fn = getattr(rtorch, name, None)
    if fn is None:
        from .mirror import translated_function
        from . import signatures as sig
        base = name[len("torch_"):] if name.startswith("torch_") else name
        raw = getattr(torch, base)
        fn = translated_function(raw, base, sig.overloads_of(raw, base, sig.torch_functions()))
    return fn(*args, **kwargs)


def cpu_cache_flush() -> None:
    """R's ``cpu_cache_flush()``: nothing to flush for PyTorch's CPU allocator."""
    return None


def set_cpu_allocator_config(*args, **kwargs) -> None:
    """R's ``set_cpu_allocator_config()``: PyTorch's CPU allocator has no R-style settings."""
    return None


# -- cuda_* and backends_*: PyTorch's, renamed --------------------------------------------
def _renamed(r_name: str, fn):
    def f(*args, **kwargs):
        return wrap_all(fn(*unwrap(args), **unwrap(kwargs)))

    f.__name__ = f.__qualname__ = r_name
    f.__doc__ = f"R's ``{r_name}()`` (PyTorch ``{fn.__module__}.{fn.__name__}``)."
    return f


_CUDA = {
    "cuda_current_device": torch.cuda.current_device,
    "cuda_empty_cache": torch.cuda.empty_cache,
    "cuda_get_device_capability": torch.cuda.get_device_capability,
    "cuda_get_rng_state": torch.cuda.get_rng_state,
    "cuda_set_rng_state": torch.cuda.set_rng_state,
    "cuda_memory_stats": torch.cuda.memory_stats,
    "cuda_memory_summary": torch.cuda.memory_summary,
    "cuda_memory_snapshot": torch.cuda.memory_snapshot,
    "cuda_record_memory_history": torch.cuda.memory._record_memory_history,
    "cuda_dump_memory_snapshot": torch.cuda.memory._dump_snapshot,
    "cuda_synchronize": torch.cuda.synchronize,
    "backends_cudnn_is_available": torch.backends.cudnn.is_available,
    "backends_cudnn_version": torch.backends.cudnn.version,
    "backends_mkl_is_available": torch.backends.mkl.is_available,
    "backends_mkldnn_is_available": torch.backends.mkldnn.is_available,
    "backends_openmp_is_available": torch.backends.openmp.is_available,
    "backends_mps_synchronize": torch.mps.synchronize,
}
RENAMED = {n: _renamed(n, f) for n, f in _CUDA.items()}


def cuda_runtime_version():
    """R's ``cuda_runtime_version()``: the CUDA version PyTorch was built with (None on CPU builds)."""
    return torch.version.cuda


def cuda_amp_grad_scaler(init_scale: float = 65536.0, growth_factor: float = 2.0,
                         backoff_factor: float = 0.5, growth_interval: int = 2000,
                         enabled: bool = True):
    """R's ``cuda_amp_grad_scaler()`` (``torch.amp.GradScaler("cuda")``)."""
    return torch.amp.GradScaler("cuda", init_scale=init_scale, growth_factor=growth_factor,
                                backoff_factor=backoff_factor, growth_interval=growth_interval,
                                enabled=enabled)


R_OBJECTS = {f.__name__: f for f in (
    is_torch_layout, is_torch_memory_format, is_torch_qscheme, torch_finfo, torch_iinfo,
    torch_is_installed, torch_install_path, install_torch, install_torch_from_file,
    install_torch_sitrep, get_install_libs_url, buffer_from_torch_tensor,
    torch_tensor_from_buffer, torch_scaled_dot_product_attention, torch_sparse_sampled_addmm,
    with_no_grad, with_enable_grad, with_detect_anomaly, local_no_grad, local_enable_grad,
    with_torch_manual_seed, local_torch_manual_seed, with_device, local_device, with_autocast,
    set_autocast, unset_autocast, local_autocast, call_torch_function, cpu_cache_flush,
    set_cpu_allocator_config, cuda_runtime_version, cuda_amp_grad_scaler)}
R_OBJECTS["install_torch_from_file"] = install_torch_from_file
R_OBJECTS.update(CONSTANTS)
R_OBJECTS.update(RENAMED)

from .r_methods import R_METHODS_OBJECTS  # noqa: E402  (also attaches R's tensor methods)
R_OBJECTS.update(R_METHODS_OBJECTS)
