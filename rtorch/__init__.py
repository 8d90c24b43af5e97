"""rtorch: R's ``torch`` in Python — same names, 1-based indices and dims, R's printing;
PyTorch computes everything.

``from rtorch import *`` is R's ``library(torch)``. The namespace is PyTorch's,
renamed and translated by rule (:mod:`rtorch.mirror`), plus R torch's own
functions (:mod:`rtorch.creation`, :mod:`rtorch.conversions`), R's base values
(:mod:`rtorch.rbase`) and R's built-in data sets (:mod:`rtorch.rdatasets`).
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
from .rdatasets import JohnsonJohnson  # noqa: E402

for _table in (_creation, _generics, _objects, _serialization):
    globals().update(_table)

__version__ = "0.1.0"

__all__ = sorted(
    {n for n in globals() if n.startswith(("torch_", "linalg_"))}
    | set(_dtype_names) | set(_device_names) | set(_rbase_names) | set(_creation)
    | set(_generics) | set(_objects) | set(_serialization)
    | {"Tensor", "Shape", "is_torch_tensor", "is_undefined_tensor", "as_torch", "N", "newaxis",
       "drop", "slc", "JohnsonJohnson"}
)
