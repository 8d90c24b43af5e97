"""R's base values: atomic vectors, matrices, arrays and the base-R helpers around them.

An :class:`RVector` is an R atomic vector (or matrix, or array). It holds ``.values``, a
numpy array whose shape is R's ``dim`` (1-D for a plain vector) and whose element
``[i, j]`` is R's ``m[i + 1, j + 1]``. The R type follows the numpy dtype:

============  ==================  ===========================================
R type        numpy dtype         R's NA stored as
============  ==================  ===========================================
logical       ``bool``            a vector holding NA is ``int8``: 0, 1, -128 (NA)
integer       ``int64``           ``NA_integer_`` = the smallest int64
double        ``float64``         R's own NA bit pattern (a NaN, payload 1954)
complex       ``complex128``      NA in the real part
character     ``object`` (str)    ``None``
============  ==================  ===========================================

Porting (R -> Python): names with ``.`` take ``_`` (``seq_len``, ``as_integer``,
``is_na``, ``set_seed``); ``1:5`` is ``seq(1, 5)`` (an integer vector, as in R);
``5L`` is ``as_integer(5)``; a Python ``int`` or ``float`` is an R double, a ``bool`` an
R logical and a ``str`` an R character string. Operators: ``^`` -> ``**``,
``%%`` -> ``%``, ``%/%`` -> ``//``, ``%*%`` -> ``@``, ``!`` -> ``~``; ``&``, ``|``,
comparisons and arithmetic recycle and promote types as in R. Indexing is 1-based:
``x[2]``, ``x[c(1, 3)]``, ``x[-1]`` (drops the first), ``x[x > 2]``, ``m[1, :]`` (``:`` is
R's empty subscript), ``m[1, :, drop(False)]``; a slice ``a:b`` includes both ends.
``print(x)`` and ``repr(x)`` show what R's ``print(x)`` shows; ``x.print(digits = 3)``
is R's ``print(x, digits = 3)``; ``x.str()`` is R's ``str(x)``.

numpy and PyTorch see the plain array: ``np.asarray(x)`` is ``x.values`` (int64, float64,
bool, complex128 or object; bool for a logical vector holding NA), ``torch.as_tensor(x)``
goes through DLPack, numpy ufuncs (``np.exp(x)``) return RVectors and numpy operands follow
R's rules. ``len(x)`` and iteration cover all elements in R's column-major order; a length-1 vector converts with
``float()``, ``int()``, ``bool()``, works as a Python index, hashes as its value (a dict key:
``{2.0: "x"}[c(2)]``) and formats as its value (``f"{x:.2f}"``; ``f"{x}"`` as ``paste0``
writes it). A length-1 character result of R's string functions (``paste0``, ``sprintf``,
``tolower``, ``sub``, ``as.character``, ``x[i]``) is an :class:`RString`: a Python ``str``
that is still an R vector, so ``getattr(obj, paste0("nn_", act))`` works (a Python ``int``
indexes its characters, as for any ``str``; ``x[c(1)]`` is R's subscript); ``str()`` of any
length-1 character vector is the string itself (``x.print()`` prints R's ``[1] "x"``).

``sample``, ``rnorm`` and ``runif`` draw from R's own generator, the Mersenne-Twister seeded
as R's ``set.seed()`` seeds it (numpy's MT19937 underneath): after ``set_seed(42)``
(R's ``set.seed``), ``sample(10)`` and ``runif(3)`` are R's numbers. ``set_sample_seed(seed)``
is the same reseeding, the hook other modules call to tie it to a global seed.

``sum``, ``max``, ``min``, ``abs``, ``round``, ``all`` and ``any`` are Python builtins too:
given an :class:`RVector` or a numpy array they do what R does (and return a length-1
:class:`RVector`); given Python values they are the Python builtin (``sum([1, 2])`` is 3),
except where the builtin cannot take R's numbers, and R's meaning applies (``sum(1)`` is 1,
``max(5)`` is 5, ``all(TRUE)`` is TRUE).

Lists are Python lists and named lists (:class:`rtorch.named_list.NamedList`); the apply
family (``lapply``, ``sapply``, ``vapply``, ``mapply``, ``Map``, ``Filter``, ``Reduce``,
``do_call``) computes when given its data and is a pipe stage only without it. Factors are
:class:`Factor` (integer codes with levels). Every function a port may call is listed, with
its call count in R torch packages, in ``docs/base-functions.md``.

``NA`` is R's logical NA: ``c(TRUE, NA)`` is logical, ``c(1, NA)`` double; comparisons
with NA or NaN give NA; ``&``/``|``, ``!``, ``any``/``all`` follow R's three-valued logic;
``x[c(TRUE, NA)]`` gives NA where the subscript is NA; ``if`` on NA is R's error.

Where this differs from R:

* numpy and PyTorch see a logical NA as TRUE, as R torch stores it
  (``torch_tensor(c(TRUE, NA))`` is TRUE TRUE); ``np.asarray(x)`` of such a vector is bool.
* Integers are 64-bit and never overflow to NA.
* Python names bind, R names copy: after ``y = x``, ``y[1] = 0`` changes ``x`` too;
  use ``y = x.copy()``. ``RVector(array)`` shares the array's memory.
* No ``dimnames``: ``cbind(a = x)`` has no column names, ``tail()`` of a matrix numbers
  its rows from 1. ``x.names`` (named vectors) is supported.
* Strings sort and compare by code point, not by the locale's collation.
* ``rnorm()`` matches R's draws to the last bit or one unit in the last place (R's
  compiled ``qnorm`` rounds a few in a hundred differently); ``sample()`` with ``prob`` and
  ``rpois``/``rbinom``/``rgamma`` draw from R's generator in numpy's ways, not R's.
* Printing does not stop at ``getOption("max.print")``; complex numbers print with each
  part formatted on its own.

Layout: one module per family, :mod:`.vectors` (the class, NA, coercion, subscripts,
``as_*``/``is_*``), :mod:`.printing`, :mod:`.sequences`, :mod:`.functional`, :mod:`.sets`,
:mod:`.arithmetic`, :mod:`.stats`, :mod:`.strings`, :mod:`.files`, :mod:`.frames` (a data
frame as R's list of columns, read through :mod:`rtorch.dataframe`); every name, private ones
included, is also reachable here (``from rtorch.rbase import RVector``).
"""
from __future__ import annotations

import sys
import types

from . import (vectors, printing, sequences, functional, sets, arithmetic, stats, strings,
               files, lists, text, factors, more_base, catalog)

#: The exports: the base-function table's rbase rows (:mod:`.catalog`).
__all__ = list(catalog.EXPORTS)

_MODULES = (vectors, printing, sequences, functional, sets, arithmetic, stats, strings, files,
            lists, text, factors, more_base)

for _module in _MODULES:
    for _name, _value in vars(_module).items():
        if not _name.startswith("__") and _name != "_rng":
            globals().setdefault(_name, _value)
del _module, _name, _value


class _Package(types.ModuleType):
    """``rbase._rng`` reads and sets the generator that lives in :mod:`.stats`."""

    @property
    def _rng(self):  # noqa: D401
        return stats._rng

    @_rng.setter
    def _rng(self, generator) -> None:
        stats._rng = generator


sys.modules[__name__].__class__ = _Package

from ..named_list import named_list  # noqa: E402  (R's list(a = 1): a named list)
from .utils_extra import CoordCartesian, coord_cartesian, str_  # noqa: E402,F401
