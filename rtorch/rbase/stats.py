"""Randomness and densities: sample, set.seed, rnorm, runif, dnorm.

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins
import math

from typing import Any, Callable
import numpy as np

from .vectors import NA_DOUBLE, RVector, _as_rvector, _coerce  # noqa: F401
from .sequences import _count, integer, seq, seq_len  # noqa: F401
from .arithmetic import _math, log, max, mean, min, sd  # noqa: F401

# --------------------------------------------------------------------------------------
# Randomness
# --------------------------------------------------------------------------------------

_rng: np.random.Generator = np.random.default_rng()


def set_sample_seed(seed: Any) -> None:
    """Seed the generator behind ``sample``, ``rnorm`` and ``runif`` (``None``: fresh entropy).

    Other modules call this to tie it to one global seed (``torch_manual_seed`` does).
    """
    global _rng
    _rng = np.random.default_rng(None if seed is None else int(seed))


def set_seed(seed: Any) -> None:
    """R's ``set.seed(seed)``: reproducible ``sample``/``rnorm``/``runif`` (not R's numbers)."""
    set_sample_seed(seed)


def _generator(generator: np.random.Generator | None) -> np.random.Generator:
    return _rng if generator is None else generator


def sample(x: Any, size: Any = None, replace: bool = False, prob: Any = None,
           generator: np.random.Generator | None = None) -> RVector:
    """R's ``sample(x, size, replace = FALSE, prob = NULL)``; a single number ``n >= 1``
    samples from ``1:n`` (an integer vector), as in R."""
    v = _as_rvector(x)
    if v.values.size == 1 and v.rtype in ("integer", "double") and float(v) >= 1:
        v = seq_len(float(v))
    n = v.values.size
    k = n if size is None else _count(size, "size")
    if not replace and k > n:
        raise ValueError("cannot take a sample larger than the population when 'replace = FALSE'")
    p = None
    if prob is not None:
        weights = _coerce(_as_rvector(prob)._flat(), _as_rvector(prob).rtype, "double")
        if weights.size != n:
            raise ValueError("incorrect number of probabilities")
        p = weights / weights.sum()
    picks = _generator(generator).choice(n, size=k, replace=replace, p=p)
    return v[RVector(picks.astype(np.int64) + 1)] if k else v[integer(0)]


def _draw_count(n: Any) -> int:
    v = _as_rvector(n)
    return v.values.size if v.values.size > 1 else _count(v, "n")


def rnorm(n: Any, mean: Any = 0, sd: Any = 1,
          generator: np.random.Generator | None = None) -> RVector:
    """R's ``rnorm(n, mean = 0, sd = 1)`` (numpy's generator)."""
    draws = _generator(generator).standard_normal(_draw_count(n))
    return RVector(draws) * sd + mean


def runif(n: Any, min: Any = 0, max: Any = 1,
          generator: np.random.Generator | None = None) -> RVector:
    """R's ``runif(n, min = 0, max = 1)`` (numpy's generator)."""
    draws = _generator(generator).random(_draw_count(n))
    return RVector(draws) * (_as_rvector(max) - min) + min


def dnorm(x: Any, mean: Any = 0, sd: Any = 1, log: bool = False) -> RVector:
    """R's ``dnorm(x, mean = 0, sd = 1, log = FALSE)``: the normal density (its log with
    ``log = TRUE``)."""
    z = (_as_rvector(x) - mean) / sd
    log_density = z * z / -2 - (_math(sd, np.log) + math.log(2 * math.pi) / 2)
    return log_density if log else _math(log_density, np.exp)


def df(x: Any, df1: Any, df2: Any, log: bool = False) -> RVector:
    """R's ``df(x, df1, df2, log = FALSE)``: the density of the F distribution (0 below 0)."""
    v = _doubles_of(x)
    d1, d2 = float(df1), float(df2)
    with np.errstate(divide="ignore", invalid="ignore"):
        logd = (d1 / 2 * math.log(d1 / d2) + (d1 / 2 - 1) * np.log(v)
                - (d1 + d2) / 2 * np.log1p(d1 * v / d2)
                - (math.lgamma(d1 / 2) + math.lgamma(d2 / 2) - math.lgamma((d1 + d2) / 2)))
    logd = np.where(v < 0, -np.inf, logd)
    return RVector(logd if log else np.exp(logd))


# --------------------------------------------------------------------------------------
# More of stats and base's numeric helpers
# --------------------------------------------------------------------------------------

def sample_int(n: Any, size: Any = None, replace: bool = False, prob: Any = None,
               useHash: Any = None) -> RVector:
    """R's ``sample.int(n, size = n, replace = FALSE, prob = NULL)``: integers from ``1:n``."""
    return sample(seq_len(n), size, replace, prob)


def _doubles(x: Any, na_rm: bool) -> np.ndarray:
    v = _as_rvector(x)
    if v.rtype == "character":
        raise TypeError("need numeric data")
    flat = _coerce(v._flat(), v.rtype, "double")
    return flat[~np.isnan(flat)] if na_rm else flat


def median(x: Any, na_rm: bool = False) -> RVector:
    """R's ``median(x, na.rm = FALSE)`` (NA when the data hold one)."""
    v = _as_rvector(x)
    flat = _doubles(v, na_rm)
    if flat.size == 0 or np.isnan(flat).any():
        return RVector(np.array([NA_DOUBLE]))
    m = float(np.median(flat))
    if v.rtype in ("integer", "logical") and m.is_integer() and flat.size % 2 == 1:
        return RVector(np.array([int(m)], dtype=np.int64))
    return RVector(np.array([m]))


def quantile(x: Any, probs: Any = None, na_rm: bool = False, names: bool = True,
             type: int = 7) -> RVector:
    """R's ``quantile(x, probs = seq(0, 1, 0.25), type = 7)``, named ``"0%"``, ``"25%"`` ..."""
    flat = _doubles(x, na_rm)
    if np.isnan(flat).any():
        raise ValueError("missing values and NaN's not allowed if 'na.rm' is FALSE")
    p = np.array([0, 0.25, 0.5, 0.75, 1.0]) if probs is None else \
        _coerce(_as_rvector(probs)._flat(), _as_rvector(probs).rtype, "double")
    methods = {7: "linear", 1: "inverted_cdf", 2: "averaged_inverted_cdf",
               3: "closest_observation", 4: "interpolated_inverted_cdf", 5: "hazen",
               6: "weibull", 8: "median_unbiased", 9: "normal_unbiased"}
    q = np.quantile(flat, p, method=methods[int(type)]) if flat.size else np.full(p.size, NA_DOUBLE)
    labels = None
    if names:
        labels = [_percent(v) for v in p.tolist()]
    return RVector(np.asarray(q, dtype=np.float64), labels)


def _percent(p: float) -> str:
    text = f"{100 * p:.7g}"
    return f"{text}%"


def which_max(x: Any) -> RVector:
    """R's ``which.max(x)``: the 1-based position of the first maximum (NA ignored)."""
    return _which_extreme(x, np.nanargmax)


def which_min(x: Any) -> RVector:
    """R's ``which.min(x)``: the 1-based position of the first minimum (NA ignored)."""
    return _which_extreme(x, np.nanargmin)


def _which_extreme(x: Any, pick: Callable) -> RVector:
    v = _as_rvector(x)
    flat = _doubles(v, False)
    if flat.size == 0 or np.isnan(flat).all():
        return RVector(np.zeros(0, dtype=np.int64))
    i = int(pick(flat))
    return RVector(np.array([i + 1], dtype=np.int64), None if v.names is None else [v.names[i]])


def _matrix_of(x: Any) -> tuple[np.ndarray, list | None, list | None]:
    """A numeric matrix from an R matrix or a data frame (with its row and column names)."""
    if type(x).__name__ == "DataFrame":
        return (x.to_numpy(dtype=np.float64), [str(i) for i in x.index],
                [str(c) for c in x.columns])
    v = _as_rvector(x)
    if v.values.ndim != 2:
        raise ValueError("'x' must be an array of at least two dimensions")
    return _coerce(v.values, v.rtype, "double"), None, None


def _margin(x: Any, axis: int, fn: Callable, na_rm: bool) -> RVector:
    m, rows, cols = _matrix_of(x)
    with np.errstate(all="ignore"):
        out = (getattr(np, "nan" + fn.__name__) if na_rm else fn)(m, axis=axis)
    names = cols if axis == 0 else (rows if rows is not None and not all(
        r == str(i) for i, r in enumerate(rows)) else None)
    return RVector(np.asarray(out, dtype=np.float64), names)


def colSums(x: Any, na_rm: bool = False, dims: int = 1) -> RVector:
    """R's ``colSums(x, na.rm = FALSE)`` of a matrix or data frame."""
    return _margin(x, 0, np.sum, na_rm)


def rowSums(x: Any, na_rm: bool = False, dims: int = 1) -> RVector:
    """R's ``rowSums(x, na.rm = FALSE)``."""
    return _margin(x, 1, np.sum, na_rm)


def colMeans(x: Any, na_rm: bool = False, dims: int = 1) -> RVector:
    """R's ``colMeans(x, na.rm = FALSE)``."""
    return _margin(x, 0, np.mean, na_rm)


def rowMeans(x: Any, na_rm: bool = False, dims: int = 1) -> RVector:
    """R's ``rowMeans(x, na.rm = FALSE)``."""
    return _margin(x, 1, np.mean, na_rm)


def t(x: Any) -> Any:
    """R's ``t(x)``: the transpose of a matrix (a vector becomes a 1-row matrix; a data frame
    a matrix)."""
    if type(x).__name__ == "DataFrame":
        from ..dataframe import as_matrix as frame_matrix
        x = frame_matrix(x)
    v = _as_rvector(x)
    values = v.values if v.values.ndim == 2 else v.values.reshape(1, -1)
    if values.ndim != 2:
        raise ValueError("argument is not a matrix")
    return RVector(values.T.copy())


def diff(x: Any, lag: int = 1, differences: int = 1) -> RVector:
    """R's ``diff(x, lag = 1, differences = 1)`` of a vector."""
    v = _as_rvector(x)
    flat = v._flat()
    for _ in range(int(differences)):
        flat = flat[int(lag):] - flat[:-int(lag)] if flat.size > int(lag) else flat[:0]
    return RVector(flat)


def seq_int(from_: Any = 1, to: Any = None, by: Any = None, length_out: Any = None,
            along_with: Any = None) -> RVector:
    """R's ``seq.int(from, to, by, length.out, along.with)``: :func:`seq`."""
    return seq(from_, to, by=by, length_out=length_out, along_with=along_with)


def scale(x: Any, center: bool = True, scale: bool = True) -> RVector:
    """R's ``scale(x, center = TRUE, scale = TRUE)`` of a numeric matrix (columns to mean 0,
    sd 1)."""
    m, _, _ = _matrix_of(x) if type(x).__name__ == "DataFrame" or _as_rvector(x).values.ndim == 2 \
        else (_doubles(x, False).reshape(-1, 1), None, None)
    out = m - m.mean(axis=0) if center else m.copy()
    if scale:
        sd_ = np.sqrt((out ** 2).sum(axis=0) / builtins.max(out.shape[0] - 1, 1))
        out = out / sd_
    return RVector(out)


def tabulate(bin: Any, nbins: Any = None) -> RVector:
    """R's ``tabulate(bin, nbins = max(1, bin))``: counts of 1, 2, ..., nbins."""
    b = _as_rvector(bin)._flat().astype(np.int64)
    n = int(nbins) if nbins is not None else builtins.max(1, int(b.max()) if b.size else 1)
    b = b[(b >= 1) & (b <= n)]
    return RVector(np.bincount(b - 1, minlength=n).astype(np.int64))


def signif(x: Any, digits: int = 6) -> RVector:
    """R's ``signif(x, digits = 6)``: rounded to ``digits`` significant digits."""
    v = _as_rvector(x)
    flat = _coerce(v.values, v.rtype, "double")
    with np.errstate(all="ignore"):
        mag = np.where(flat == 0, 0, np.floor(np.log10(np.abs(np.where(flat == 0, 1, flat)))))
        scale_ = 10.0 ** (int(digits) - 1 - mag)
        out = np.round(flat * scale_) / scale_
    return RVector(np.where(np.isfinite(flat), out, flat), v.names)


def _parallel(args: tuple, pick: Callable, na_rm: bool) -> RVector:
    vs = [_as_rvector(a) for a in args]
    n = builtins.max(v.values.size for v in vs)
    rtype = "double" if builtins.any(v.rtype == "double" for v in vs) else "integer"
    cols = np.stack([np.resize(_coerce(v._flat(), v.rtype, "double"), n) for v in vs])
    with np.errstate(all="ignore"):
        out = (getattr(np, "nan" + pick.__name__) if na_rm else pick)(cols, axis=0)
    return RVector(out.astype(np.int64) if rtype == "integer" and not np.isnan(out).any() else out)


def pmax(*args: Any, na_rm: bool = False) -> RVector:
    """R's ``pmax(...)``: the elementwise maximum, recycled."""
    return _parallel(args, np.max, na_rm)


def pmin(*args: Any, na_rm: bool = False) -> RVector:
    """R's ``pmin(...)``: the elementwise minimum, recycled."""
    return _parallel(args, np.min, na_rm)


def diag(x: Any = 1, nrow: Any = None, ncol: Any = None) -> RVector:
    """R's ``diag(x)``: a matrix's diagonal; the ``n`` by ``n`` identity for a number ``n``; a
    diagonal matrix for a vector."""
    v = _as_rvector(x)
    if v.values.ndim == 2:
        return RVector(np.diagonal(v.values).copy())
    if v.values.size == 1 and nrow is None and ncol is None:
        return RVector(np.eye(int(float(v))))
    n = int(nrow) if nrow is not None else v.values.size
    m = int(ncol) if ncol is not None else n
    out = np.zeros((n, m))
    k = min(n, m)
    out[np.arange(k), np.arange(k)] = np.resize(_coerce(v._flat(), v.rtype, "double"), k)
    return RVector(out)


def _doubles_of(x: Any) -> np.ndarray:
    v = _as_rvector(x)
    return _coerce(v.values, v.rtype, "double")


def pnorm(q: Any, mean: Any = 0, sd: Any = 1, lower_tail: bool = True) -> RVector:
    """R's ``pnorm(q, mean = 0, sd = 1, lower.tail = TRUE)``: the normal distribution function."""
    z = (_doubles_of(q) - float(mean)) / (float(sd) * math.sqrt(2))
    p = 0.5 * np.vectorize(math.erfc)(-z) if z.size else z
    return RVector(p if lower_tail else 1 - p)


def qnorm(p: Any, mean: Any = 0, sd: Any = 1) -> RVector:
    """R's ``qnorm(p, mean = 0, sd = 1)``: normal quantiles."""
    from statistics import NormalDist
    dist = NormalDist(float(mean), float(sd))
    values = _doubles_of(p)
    out = [math.nan if not 0 < v < 1 else dist.inv_cdf(v) for v in values.reshape(-1).tolist()]
    out = [-math.inf if v == 0 else math.inf if v == 1 else o for v, o in
           zip(values.reshape(-1).tolist(), out)]
    return RVector(np.array(out).reshape(values.shape))


def rpois(n: Any, lambda_: Any = 1, generator: np.random.Generator | None = None) -> RVector:
    """R's ``rpois(n, lambda)`` (``lambda`` is ``lambda_``: a Python keyword); integers."""
    return RVector(_generator(generator).poisson(float(lambda_), _draw_count(n)).astype(np.int64))


def rbinom(n: Any, size: Any, prob: Any, generator: np.random.Generator | None = None) -> RVector:
    """R's ``rbinom(n, size, prob)``; integers."""
    return RVector(_generator(generator).binomial(int(size), float(prob), _draw_count(n))
                   .astype(np.int64))


def rgamma(n: Any, shape: Any, rate: Any = 1, scale: Any = None,
           generator: np.random.Generator | None = None) -> RVector:
    """R's ``rgamma(n, shape, rate = 1, scale = 1/rate)``."""
    s = 1 / float(rate) if scale is None else float(scale)
    return RVector(_generator(generator).gamma(float(shape), s, _draw_count(n)))


def replicate(n: Any, expr: Callable, simplify: bool = True) -> Any:
    """R's ``replicate(n, expr)``: ``expr`` (a function of no arguments, R's lazy expression)
    evaluated ``n`` times, simplified as ``sapply`` does."""
    from .functional import _simplify
    results = [expr() for _ in range(int(n))]
    return _simplify(results, (len(results),)) if simplify else results


def rle(x: Any) -> Any:
    """R's ``rle(x)``: run lengths and values, as a named list (``lengths``, ``values``)."""
    from ..named_list import NamedList
    v = _as_rvector(x)
    flat = v._flat()
    lengths, starts = [], []
    for i, value in enumerate(flat.tolist()):
        if i and value == flat[i - 1]:
            lengths[-1] += 1
        else:
            starts.append(i)
            lengths.append(1)
    return NamedList(lengths=RVector(np.array(lengths, dtype=np.int64)),
                     values=RVector(flat[np.array(starts, dtype=np.int64)]))
