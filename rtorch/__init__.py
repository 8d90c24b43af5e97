"""rtorch: R's ``torch`` in Python — same names, 1-based indices and dims, R's printing;
PyTorch computes everything.

``from rtorch import *`` is R's ``library(torch)``. The namespace is PyTorch's,
renamed and translated by rule (:mod:`rtorch.mirror`), plus R torch's own
functions (:mod:`rtorch.creation`, :mod:`rtorch.conversions`), R's base values
(:mod:`rtorch.rbase`) and R's built-in data sets (:mod:`rtorch.rdatasets`). Modules and
layers: :mod:`rtorch.nn_module`, :mod:`rtorch.nn_layers`, :mod:`rtorch.nnf`,
:mod:`rtorch.nn_init`, :mod:`rtorch.nn_utils`; R's pipe ``x >> f()``: :mod:`rtorch.pipes`.
"""
from __future__ import annotations

from . import mirror as _mirror
from .tensor import Tensor, Shape, is_torch_tensor, is_undefined_tensor, as_torch

_mirror.install_methods()
globals().update(_mirror.torch_namespace())

from .dtypes import *  # noqa: E402,F403  (R's dtype constructors replace the mirror's)
from .dtypes import __all__ as _dtype_names  # noqa: E402
from .devices import *  # noqa: E402,F403
from .devices import __all__ as _device_names  # noqa: E402
from .indexing import N, newaxis, drop, slc  # noqa: E402
from .rbase import *  # noqa: E402,F403
from .rbase import __all__ as _rbase_names  # noqa: E402
from .creation import R_FUNCTIONS as _creation  # noqa: E402
from .conversions import R_GENERICS as _generics  # noqa: E402
from .objects import R_OBJECTS as _objects  # noqa: E402
from .serialization import R_SERIALIZATION as _serialization  # noqa: E402
from .jit import R_JIT as _jit  # noqa: E402
from .rdatasets import JohnsonJohnson  # noqa: E402
from .data import R_DATA as _data, PYTHON_DATA as _data_classes  # noqa: E402
from .autograd import R_AUTOGRAD as _autograd, install_methods as _autograd_methods  # noqa: E402
from .optim import R_OPTIM as _optim  # noqa: E402
from .lr_schedulers import R_LR_SCHEDULERS as _lr_schedulers  # noqa: E402
from .distributions import R_DISTRIBUTIONS as _distributions  # noqa: E402

_autograd_methods()
_training = {**_autograd, **_optim, **_lr_schedulers, **_distributions}
globals().update(_training)

for _table in (_creation, _generics, _objects, _serialization, _jit, _data, _data_classes):
    globals().update(_table)

from .pipes import pipeable, pipeable_table  # noqa: E402
from .nn_module import R_NN_MODULE as _nn_module  # noqa: E402
from .nn_layers import R_NN_LAYERS as _nn_layers  # noqa: E402
from .nnf import R_NNF as _nnf  # noqa: E402
from .nn_init import R_NN_INIT as _nn_init  # noqa: E402
from .nn_utils import R_NN_UTILS as _nn_utils  # noqa: E402

_nn = {**_nn_module, **_nn_layers, **_nnf, **_nn_init, **_nn_utils, "pipeable": pipeable}
globals().update(_nn)
globals().update(pipeable_table({**_creation, **_generics, **_objects}))  # x >> as_array()

from .formals import bind_namespace as _bind_namespace  # noqa: E402

_bind_namespace(globals(), Tensor)   # R's formals for the functions written in rtorch

from ._version import __version__  # noqa: E402


def __getattr__(name: str):            # rtorch.iris, rtorch.mtcars: pandas only when asked for
    from . import rdatasets
    if name in rdatasets.FRAMES:
        return getattr(rdatasets, name)
    raise AttributeError(f"module 'rtorch' has no attribute {name!r}")


__all__ = sorted(
    {n for n in globals() if n.startswith(("torch_", "linalg_"))}
    | set(_dtype_names) | set(_device_names) | set(_rbase_names) | set(_creation)
    | set(_generics) | set(_objects) | set(_serialization) | set(_jit) | set(_training) | set(_data)
    | set(_nn)
    | {"Tensor", "Shape", "is_torch_tensor", "is_undefined_tensor", "as_torch", "N", "newaxis",
       "drop", "slc", "JohnsonJohnson"}
)
