"""R's logical NA: ``NA`` is a logical, logical vectors hold it, and R's three-valued logic
holds for ``!``, ``&``, ``|``, comparisons, ``any``/``all``, subscripts and ``if``. Each
expected value is what R prints for the same expression; where a tensor is made, R torch's
(a logical NA is TRUE in a bool tensor, as R torch stores it)."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from rtorch import torch_tensor
from rtorch.rbase import (NA, NA_integer_, NA_real_, all, any, as_character, as_integer,
                          as_logical, as_numeric, c, factor, ifelse, is_logical, is_na,
                          isFALSE, isTRUE, matrix, max, rep, sum, table, typeof, which)


def printed(x) -> str:
    return repr(x)


@pytest.mark.parametrize("expr, r_prints", [
    (lambda: NA, "[1] NA"),
    (lambda: typeof(NA), '[1] "logical"'),
    (lambda: c(True, NA), "[1] TRUE   NA"),
    (lambda: c(NA, False, True), "[1]    NA FALSE  TRUE"),
    (lambda: typeof(c(True, NA)), '[1] "logical"'),
    (lambda: c(1, NA), "[1]  1 NA"),
    (lambda: typeof(c(1, NA)), '[1] "double"'),
    (lambda: typeof(c(as_integer(1), NA)), '[1] "integer"'),
    (lambda: c("a", NA), '[1] "a" NA '),
    (lambda: rep(NA, 3), "[1] NA NA NA"),
    (lambda: is_na(c(True, NA)), "[1] FALSE  TRUE"),
    (lambda: ~c(True, NA, False), "[1] FALSE    NA  TRUE"),
    (lambda: c(True, NA, False) & NA, "[1]    NA    NA FALSE"),
    (lambda: c(True, NA, False) | NA, "[1] TRUE   NA   NA"),
    (lambda: NA & False, "[1] FALSE"),
    (lambda: NA | True, "[1] TRUE"),
    (lambda: c(1, NA, 3) > 2, "[1] FALSE    NA  TRUE"),
    (lambda: c(1, float("nan")) == 1, "[1] TRUE   NA"),
    (lambda: NA + 1, "[1] NA"),
    (lambda: typeof(NA + 1), '[1] "double"'),
    (lambda: sum(c(True, NA, True)), "[1] NA"),
    (lambda: sum(c(True, NA, True), na_rm=True), "[1] 2"),
    (lambda: any(c(False, NA)), "[1] NA"),
    (lambda: any(c(True, NA)), "[1] TRUE"),
    (lambda: all(c(True, NA)), "[1] NA"),
    (lambda: all(c(False, NA)), "[1] FALSE"),
    (lambda: all(c(True, NA), na_rm=True), "[1] TRUE"),
    (lambda: which(c(True, NA, True)), "[1] 1 3"),
    (lambda: c(10, 20, 30)[c(True, NA, False)], "[1] 10 NA"),
    (lambda: c(True, False)[3], "[1] NA"),
    (lambda: ifelse(c(True, NA, False), 1, 2), "[1]  1 NA  2"),
    (lambda: as_logical(c("TRUE", "yes", "F")), "[1]  TRUE    NA FALSE"),
    (lambda: as_logical(c(0, NA_real_, float("nan"), 2)), "[1] FALSE    NA    NA  TRUE"),
    (lambda: as_integer(c(True, NA)), "[1]  1 NA"),
    (lambda: as_numeric(NA), "[1] NA"),
    (lambda: as_character(c(True, NA)), '[1] "TRUE" NA    '),
    (lambda: max(c(True, NA)), "[1] NA"),
    (lambda: matrix(NA, 2, 2), "     [,1] [,2]\n[1,]   NA   NA\n[2,]   NA   NA"),
    (lambda: is_logical(NA), "[1] TRUE"),
    (lambda: factor(c(True, NA)), "[1] TRUE <NA>\nLevels: TRUE"),
    (lambda: table(c(True, NA, False)), "\nFALSE  TRUE \n    1     1 "),
])
def test_r_prints(expr, r_prints):
    assert printed(expr()) == r_prints


def test_if_on_na_is_r_error():
    with pytest.raises(ValueError, match="missing value where TRUE/FALSE needed"):
        bool(c(NA) > 0)


def test_tests_of_truth():
    assert isTRUE(NA) is False and isFALSE(NA) is False
    assert isTRUE(c(True)) is True and isFALSE(c(False)) is True
    assert NA_integer_.tolist() == [None] and c(True, NA).tolist() == [True, None]


def test_assignment_coerces_and_refuses_na_subscripts():
    x = rep(NA, 3)
    x[2] = 0.5                             # R: losses <- rep(NA, n); losses[i] <- value
    assert printed(x) == "[1]  NA 0.5  NA" and typeof(x).tolist() == ["double"]
    y = c(1, 2, 3)
    with pytest.raises(IndexError, match="NAs are not allowed in subscripted assignments"):
        y[c(True, NA, False)] = c(7, 8)


def test_tensors_see_logical_na_as_true():
    """R torch stores R's logical NA (a non-zero integer) as TRUE."""
    t = torch_tensor(c(True, NA, False))
    assert t.dtype == torch.bool and t.tolist() == [True, True, False]
    assert torch_tensor(NA).tolist() == [True]
    assert np.asarray(c(NA, False)).tolist() == [True, False]
    x = torch_tensor(c(1, 2, 3))
    assert x[c(True, NA, False)].tolist() == [1, 2]
    assert torch_tensor(NA_real_).isnan().all()        # NA_real_ stays a double NaN


def test_numpy_ufunc_of_logical_na_is_r_double():
    out = np.exp(c(True, NA))
    assert printed(out) == "[1] 2.718282       NA"
