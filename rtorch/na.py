"""R's missing integer and logical as rtorch stores them, for the low-level modules that
check for them.

R's ``NA_integer_`` lives in an int64 vector as the int64 minimum (:mod:`rtorch.rbase` builds
R's vectors on it; :mod:`rtorch.input_checks` turns it into R torch's own tensor NA). A
logical vector that holds R's ``NA`` is an int8 vector (0, 1, and -128 for NA; every other
logical vector is numpy bool): :mod:`rtorch.indexing` tells it by its dtype. Defined here,
below both, so that checking an input never imports R's base functions.
"""
from __future__ import annotations

import numpy as np

#: R's ``NA_integer_`` inside an int64 vector.
NA_INT = int(np.iinfo(np.int64).min)

#: R's logical ``NA`` inside an int8 logical vector, and that vector's dtype (builtin dtypes
#: are singletons: test it with ``is``).
NA_LGL = -128
LOGICAL_NA = np.dtype(np.int8)
