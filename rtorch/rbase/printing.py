"""Formatting numbers and vectors the way R prints them (formatReal, scientific, EncodeReal0).

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins
import math

import numpy as np

from .vectors import NA_INT, RVector, _EMPTY, _WIDTH, _na_mask  # noqa: F401

# --------------------------------------------------------------------------------------
# Formatting numbers the way R does (formatReal, scientific, EncodeReal0)
# --------------------------------------------------------------------------------------

_KP_MAX = 27
_TEN = np.longdouble(10)
#: _POW10[k + 1] == 10**k exactly, k = -1..27 (R's ``tbl``).
_POW10 = [np.longdouble("0.1")] + [_TEN ** k for k in range(_KP_MAX + 1)]
_INT_MIN = -(2**31)


def _scientific(x: float, digits: int) -> tuple[bool, int, int, bool]:
    """R's ``scientific()``: sign, decimal exponent, significant digits (<= ``digits``) and
    whether rounding to ``digits`` widens the fixed-point form."""
    if x == 0.0:
        return False, 0, 1, False
    neg = x < 0
    r = -x if neg else x
    if digits >= 16:
        text = "%#.*e" % (digits - 1, r)
        i = digits
        while i >= 2 and text[i] == "0":
            i -= 1
        return neg, int(text[digits + 2:]), i, False
    kp = math.floor(math.log10(r)) - digits + 1
    r_prec = np.longdouble(r)
    if builtins.abs(kp) <= _KP_MAX:
        if kp > 0:
            r_prec /= _POW10[kp + 1]
        elif kp < 0:
            r_prec *= _POW10[-kp + 1]
    else:
        r_prec /= _TEN ** kp
    if r_prec < _POW10[digits]:
        r_prec *= 10
        kp -= 1
    alpha = float(np.rint(r_prec))
    nsig = digits
    for _ in range(digits):
        alpha /= 10.0
        if alpha != math.floor(alpha):
            break
        nsig -= 1
    if nsig == 0:
        nsig, kp = 1, kp + 1
    kpower = kp + digits - 1
    rgt = builtins.min(builtins.max(digits - kpower, 0), _KP_MAX)
    widens = 0 < kpower <= _KP_MAX and r < _POW10[kpower + 1] - 0.5 / _POW10[1 + rgt]
    return neg, kpower, nsig, bool(widens)


def _real_layout(xs: np.ndarray, digits: int) -> tuple[int, int, int]:
    """R's ``formatReal()``: common width ``w``, decimals ``d`` and exponent flag ``e``."""
    finite = xs[np.isfinite(xs)]
    rgt = mxl = mxsl = mxns = _INT_MIN
    mnl = -_INT_MIN
    neg = False
    for x in np.unique(finite).tolist():
        neg_i, kpower, nsig, widens = _scientific(x, digits)
        left = kpower + 1 - widens
        sleft = neg_i + (1 if left <= 0 else left)
        neg = neg or neg_i
        rgt = builtins.max(rgt, nsig - left)
        mxl, mnl = builtins.max(mxl, left), builtins.min(mnl, left)
        mxsl, mxns = builtins.max(mxsl, sleft), builtins.max(mxns, nsig)
    if mxl < 0:
        mxsl = 1 + neg
    rgt = builtins.max(rgt, 0)
    w_fixed = mxsl + rgt + (rgt != 0)
    e = 2 if (mxl > 100 or mnl <= -99) else 1
    if mxns != _INT_MIN:
        d = mxns - 1
        w = neg + (d > 0) + d + 4 + e
        if w_fixed <= w:                                   # R_print.scipen = 0
            e, d, w = 0, rgt, w_fixed
    else:
        w = d = e = 0
    na = _na_mask(xs)
    nan = np.isnan(xs) & ~na
    for flag, width in ((na.any(), 2), (nan.any(), 3), (np.isposinf(xs).any(), 3),
                        (np.isneginf(xs).any(), 4)):
        if flag:
            w = builtins.max(w, width)
    return w, d, e


def _encode_real(x: float, d: int, e: int) -> str:
    """R's ``EncodeReal0`` without the padding (NA is the caller's business)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Inf" if x > 0 else "-Inf"
    if x == 0:
        x = 0.0                                            # R never prints -0
    if e:
        return ("%#.*e" if d else "%.*e") % (d, x)
    return "%.*f" % (d, x)


def _format_reals(xs: np.ndarray, digits: int) -> tuple[list[str], int]:
    w, d, e = _real_layout(xs, digits)
    na = _na_mask(xs).tolist()
    return ["NA" if m else _encode_real(x, d, e) for x, m in zip(xs.tolist(), na)], w


def _complex_cells(xs: np.ndarray, digits: int) -> tuple[list[str], int]:
    re_cells, wr = _format_reals(xs.real.copy(), digits)
    im_cells, wi = _format_reals(np.abs(xs.imag), digits)
    na = _na_mask(xs)
    cells = ["NA" if m else f"{r}{'-' if i < 0 else '+'}{im}i"
             for r, im, i, m in zip(re_cells, im_cells, xs.imag.tolist(), na.tolist())]
    return cells, builtins.max([wr + wi + 2] + [len(s) for s in cells])


def _quote(s: str) -> str:
    escaped = (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t").replace("\r", "\\r"))
    return f'"{escaped}"'


def _cells(flat: np.ndarray, rtype: str, digits: int, quote: bool = True) -> tuple[list[str], int]:
    """Each element as R prints it (unpadded) and the common field width."""
    if rtype == "double":
        return _format_reals(flat, digits)
    if rtype == "complex":
        return _complex_cells(flat, digits)
    if rtype == "logical":
        cells = ["NA" if v is None else ("TRUE" if v else "FALSE")
                 for v in RVector(flat).tolist()]
    elif rtype == "integer":
        cells = ["NA" if v == NA_INT else str(v) for v in flat.tolist()]
    else:
        cells = ["NA" if v is None else (_quote(v) if quote else v) for v in flat.tolist()]
    return cells, builtins.max((len(s) for s in cells), default=0)


def _index_width(n: int) -> int:
    """R's ``IndexWidth``: digits needed to print ``n``."""
    return int(math.log10(n + 0.5) + 1)


def _pad(cell: str, width: int, left: bool) -> str:
    return cell.ljust(width) if left else cell.rjust(width)


def _vector_lines(flat: np.ndarray, rtype: str, digits: int, names: list[str] | None) -> list[str]:
    """R's ``printVector``: ``[k]`` prefixes, wrapped at width 80."""
    n = flat.size
    if n == 0:
        return [_EMPTY[rtype]]
    cells, w = _cells(flat, rtype, digits)
    if names is not None:
        return _named_lines(cells, w, names)
    left = rtype == "character"
    labw = _index_width(n) + 2
    lines, line, width = [], "[1]".rjust(labw), labw
    for i, cell in enumerate(cells):
        if i > 0 and width + w + 1 > _WIDTH:
            lines.append(line)
            line, width = f"[{i + 1}]".rjust(labw), labw
        line += " " + _pad(cell, w, left)
        width += w + 1
    return lines + [line]


def _named_lines(cells: list[str], w: int, names: list[str]) -> list[str]:
    """R's ``printNamedVector``: a row of names over a row of values, right-aligned."""
    w = builtins.max([w] + [len(nm) for nm in names])
    per = builtins.max(_WIDTH // (w + 1), 1)
    lines = []
    for start in range(0, len(cells), per):
        lines.append("".join(nm.rjust(w) + " " for nm in names[start:start + per]))
        lines.append("".join(cell.rjust(w) + " " for cell in cells[start:start + per]))
    return lines


def _matrix_lines(m: np.ndarray, rtype: str, digits: int) -> list[str]:
    """R's ``printMatrix``: ``[,j]`` headers, ``[i,]`` row labels, columns in blocks of width 80."""
    nr, nc = m.shape
    if nr == 0 and nc == 0:
        return ["<0 x 0 matrix>"]
    rlabw = _index_width(nr + 1) + 3
    row_labels = [f"[{i + 1},]".rjust(rlabw) for i in range(nr)]
    if nc == 0:
        return [" " * rlabw] + row_labels
    left = rtype == "character"
    columns = []
    for j in range(nc):
        cells, w = _cells(m[:, j], rtype, digits)
        columns.append((cells, builtins.max(w, _index_width(j + 1) + 3)))
    lines: list[str] = []
    jmin = 0
    while jmin < nc:
        jmax, width = jmin, rlabw
        while True:
            width += columns[jmax][1] + 1
            jmax += 1
            if not (jmax < nc and width + columns[jmax][1] + 1 < _WIDTH):
                break
        block = range(jmin, jmax)
        lines.append(" " * rlabw + "".join(
            " " + _pad(f"[,{j + 1}]", columns[j][1], left) for j in block))
        for i in range(nr):
            lines.append(row_labels[i] + "".join(
                " " + _pad(columns[j][0][i], columns[j][1], left) for j in block))
        jmin = jmax
    return lines


def _array_lines(a: np.ndarray, rtype: str, digits: int) -> list[str]:
    """R's ``printArray``: one ``, , k`` section per matrix slice."""
    outer_dims = a.shape[2:]
    count = math.prod(outer_dims)
    if count == 0:
        return ["<" + " x ".join(str(d) for d in a.shape) + f" array of {rtype}>"]
    lines: list[str] = []
    for k in range(count):
        idx = np.unravel_index(k, outer_dims, order="F")
        lines += [", , " + ", ".join(str(int(i) + 1) for i in idx), ""]
        lines += _matrix_lines(a[(slice(None), slice(None)) + idx], rtype, digits) + [""]
    return lines


def _drop0trailing(s: str) -> str:
    mantissa, sep, exponent = s.partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return mantissa if exponent in ("", "+00") else mantissa + sep + exponent


_STR_ABBREV = {"logical": "logi", "integer": "int", "double": "num", "complex": "cplx",
               "character": "chr"}


def _str_line(x: RVector, give_length: bool = True) -> str:
    """R's ``str()`` of an atomic vector, with R's defaults (``vec.len = 4``, 3 digits);
    ``give_length = False`` leaves out ``[1:n]``, as ``str()`` of a data frame's columns does."""
    rtype, n = x.rtype, x.values.size
    head_word = _STR_ABBREV[rtype]
    if n == 0:
        return f" {head_word}(0) "
    flat = x._flat()
    shown = {"logical": 6, "character": 4, "complex": 3}.get(rtype, 10)
    if rtype == "double":
        first = flat[:10]
        ok = first[np.isfinite(first)]
        nice = np.all((ok == 0) | ((np.abs(ok) > 1e-10) & (np.abs(ok) < 1e10)))
        signif3 = np.array([float(f"{v:.3g}") for v in ok.tolist()])
        nice = nice and np.all(np.abs(ok - signif3) <= 1e-10)
        shown = 10 if nice else 5
    part = flat[:shown]
    cells = _cells(part, rtype, 3)[0]
    if rtype in ("double", "complex"):
        cells = [_drop0trailing(s) for s in cells]
    dims = x.values.shape if x.values.ndim > 1 else ((n,) if n > 1 else ())
    dim_text = "[" + ", ".join(f"1:{d}" for d in dims) + "] " if dims else ""
    if not give_length and dims:
        dim_text = " "
    more = " ..." if n > shown else ""
    named = "Named " if x.names is not None else ""
    return f" {named}{head_word} {dim_text}{' '.join(cells)}{more}"


# names defined by later modules of the package, used at call time
from .sets import names  # noqa: E402,F401
