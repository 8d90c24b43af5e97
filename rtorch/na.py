"""R's missing integer as rtorch stores it, for the low-level modules that check for it.

R's ``NA_integer_`` lives in an int64 vector as the int64 minimum (:mod:`rtorch.rbase` builds
R's vectors on it; :mod:`rtorch.input_checks` turns it into R torch's own tensor NA). Defined
here, below both, so that checking an input never imports R's base functions.
"""
from __future__ import annotations

import numpy as np

#: R's ``NA_integer_`` inside an int64 vector.
NA_INT = int(np.iinfo(np.int64).min)
