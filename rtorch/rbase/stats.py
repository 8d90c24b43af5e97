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
# Randomness: R's own generator
# --------------------------------------------------------------------------------------
# R's default generator is the Mersenne-Twister (MT19937), which numpy has too: seeded as
# R's set.seed() seeds it (below), numpy's bit generator gives R's 32-bit draws, and
# runif/sample/rnorm turn them into numbers exactly as R does (R >= 3.6: sample.kind
# "Rejection", normal.kind "Inversion").

_TO_UNIT = 2.3283064365386963e-10          # 2^-32: R's MT draw as a double in [0, 1)
_EDGE = 0.5 * 2.328306437080797e-10         # R keeps a uniform strictly inside (0, 1)
_BIG = 134217728                            # 2^27: R's inversion joins two uniforms


def r_seeded(seed: Any) -> np.random.MT19937:
    """The Mersenne-Twister in the state R's ``set.seed(seed)`` leaves: R scrambles the seed
    with 50 steps of the congruence ``69069 * s + 1`` (mod 2^32), fills the generator's 625
    words with the next 625 steps and starts at the end of the block (position 624)."""
    s = int(seed) & 0xFFFFFFFF
    for _ in range(50):
        s = (69069 * s + 1) & 0xFFFFFFFF
    words = np.empty(625, dtype=np.uint32)
    for j in range(625):
        s = (69069 * s + 1) & 0xFFFFFFFF
        words[j] = s
    bits = np.random.MT19937()
    bits.state = {"bit_generator": "MT19937", "state": {"key": words[1:], "pos": 624}}
    return bits


def _fresh_seed() -> int:
    return int(np.random.SeedSequence().generate_state(1)[0])


_rng: np.random.Generator = np.random.Generator(r_seeded(_fresh_seed()))


def set_sample_seed(seed: Any) -> None:
    """Seed the generator behind ``sample``, ``rnorm``, ``runif`` and the other draws as R's
    ``set.seed(seed)`` does (``None``: a fresh seed).

    Other modules call this to tie it to one global seed (``torch_manual_seed`` does).
    """
    global _rng
    _rng = np.random.Generator(r_seeded(_fresh_seed() if seed is None else seed))


def set_seed(seed: Any) -> None:
    """R's ``set.seed(seed)``: after it, ``sample``, ``runif`` and ``rnorm`` give R's numbers."""
    set_sample_seed(seed)


def _generator(generator: np.random.Generator | None) -> np.random.Generator:
    return _rng if generator is None else generator


def _r_bits(generator: np.random.Generator | None) -> np.random.MT19937 | None:
    """The Mersenne-Twister behind a generator (R's draws come from it), else None."""
    bits = _generator(generator).bit_generator
    return bits if isinstance(bits, np.random.MT19937) else None


def _unif(bits: np.random.MT19937, n: int) -> np.ndarray:
    """R's ``unif_rand()``, ``n`` times."""
    u = bits.random_raw(n).astype(np.float64) * _TO_UNIT
    u[u <= 0.0] = _EDGE
    u[1.0 - u <= 0.0] = 1.0 - _EDGE
    return u


class _Uniforms:
    """R's uniforms one at a time (R's rejection sampling takes a varying number), drawn in
    blocks; what a block holds past the last one taken goes back (the generator is rewound)."""

    def __init__(self, bits: np.random.MT19937, expected: int) -> None:
        self.bits, self.block, self.at = bits, np.zeros(0), 0
        self.size = builtins.max(16, expected)
        self.start = bits.state

    def __call__(self) -> float:
        if self.at == len(self.block):
            self.start = self.bits.state
            self.block, self.at = _unif(self.bits, self.size), 0
        self.at += 1
        return float(self.block[self.at - 1])

    def close(self) -> None:
        """Leave the generator just after the last uniform taken."""
        self.bits.state = self.start
        if self.at:
            self.bits.random_raw(self.at)


def _unif_index(unif: _Uniforms, dn: int) -> int:
    """R's ``R_unif_index(dn)``: a uniform integer in ``[0, dn)`` by rejection, from 16 bits
    of each uniform."""
    if dn <= 0:
        return 0
    bits = math.ceil(math.log2(dn))
    while True:
        v = 0
        for _ in range(0, bits + 1, 16):
            v = 65536 * v + int(unif() * 65536)
        v &= (1 << bits) - 1
        if v < dn:
            return v


def _r_sample(bits: np.random.MT19937, n: int, k: int, replace: bool) -> np.ndarray:
    """R's ``sample.int(n, k, replace)``: 0-based picks, drawn as R draws them."""
    unif = _Uniforms(bits, 2 * k)
    try:
        if replace or k < 2:
            return np.array([_unif_index(unif, n) for _ in range(k)], dtype=np.int64)
        pool = list(range(n))
        out = np.empty(k, dtype=np.int64)
        for i in range(k):
            j = _unif_index(unif, n)
            out[i] = pool[j]
            n -= 1
            pool[j] = pool[n]
        return out
    finally:
        unif.close()


def sample(x: Any, size: Any = None, replace: bool = False, prob: Any = None,
           generator: np.random.Generator | None = None) -> RVector:
    """R's ``sample(x, size, replace = FALSE, prob = NULL)``; a single number ``n >= 1``
    samples from ``1:n`` (an integer vector), as in R. Without ``prob`` the draws are R's
    (after ``set_seed``); with ``prob``, from the same generator in numpy's way."""
    v = _as_rvector(x)
    if v.values.size == 1 and v.rtype in ("integer", "double") and float(v) >= 1:
        v = seq_len(float(v))
    n = v.values.size
    k = n if size is None else _count(size, "size")
    if not replace and k > n:
        raise ValueError("cannot take a sample larger than the population when 'replace = FALSE'")
    bits = _r_bits(generator)
    if prob is None and bits is not None:
        picks = _r_sample(bits, n, k, replace)
    else:
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


def _normal_quantile(p: np.ndarray) -> np.ndarray:
    """The standard normal quantile by Wichura's algorithm AS 241 (PPND16), the one R's
    ``qnorm()`` uses: a rational function in ``p - 0.5`` near the middle, in
    ``sqrt(-log(tail))`` in the tails (``1 - p`` computed as R does, ``0.5 - p + 0.5``)."""
    p = np.asarray(p, dtype=np.float64)
    q = p - 0.5
    out = np.empty_like(p)
    central = np.abs(q) <= 0.425
    r = 0.180625 - q[central] * q[central]
    qc = q[central]
    out[central] = qc * (((((((r * 2509.0809287301226727 +
                       33430.575583588128105) * r + 67265.770927008700853) * r +
                     45921.953931549871457) * r + 13731.693765509461125) * r +
                   1971.5909503065514427) * r + 133.14166789178437745) * r +
                 3.387132872796366608) / (((((((r * 5226.495278852545925 +
                         28729.085735721942674) * r + 39307.89580009271061) * r +
                       21213.794301586595867) * r + 5394.1960214247511077) * r +
                     687.1870074920579083) * r + 42.313330701600911252) * r + 1.)
    tail = ~central
    qt = q[tail]
    pt = p[tail]
    r = np.sqrt(-np.log(np.where(qt < 0, pt, 0.5 - pt + 0.5)))
    near = r <= 5.0
    val = np.empty_like(r)
    rn = r[near] - 1.6
    val[near] = (((((((rn * 7.7454501427834140764e-4 +
                       .0227238449892691845833) * rn + .24178072517745061177) *
                     rn + 1.27045825245236838258) * rn +
                    3.64784832476320460504) * rn + 5.7694972214606914055) *
                  rn + 4.6303378461565452959) * rn +
                 1.42343711074968357734) / (((((((rn *
                                  1.05075007164441684324e-9 + 5.475938084995344946e-4) *
                                 rn + .0151986665636164571966) * rn +
                                .14810397642748007459) * rn + .68976733498510000455) *
                              rn + 1.6763848301838038494) * rn +
                             2.05319162663775882187) * rn + 1.)
    rf = r[~near] - 5.0
    val[~near] = (((((((rf * 2.01033439929228813265e-7 +
                       2.71155556874348757815e-5) * rf +
                      .0012426609473880784386) * rf + .026532189526576123093) *
                    rf + .29656057182850489123) * rf +
                   1.7848265399172913358) * rf + 5.4637849111641143699) *
                 rf + 6.6579046435011037772) / (((((((rf *
                                  2.04426310338993978564e-15 + 1.4215117583164458887e-7) *
                                 rf + 1.8463183175100546818e-5) * rf +
                                7.868691311456132591e-4) * rf + .0148753612908506148525)
                              * rf + .13692988092273580531) * rf +
                             .59983220655588793769) * rf + 1.)
    val = np.where(qt < 0, -val, val)
    out[tail] = val
    return out


def _standard_normals(count: int, generator: np.random.Generator | None) -> np.ndarray:
    """R's ``norm_rand()`` by inversion: two uniforms make one 2^-27-fine probability, and
    the normal quantile of it (:func:`_normal_quantile`, R's algorithm) is the draw."""
    bits = _r_bits(generator)
    if bits is None:
        return _generator(generator).standard_normal(count)
    u = _unif(bits, 2 * count).reshape(count, 2)
    return _normal_quantile((np.floor(_BIG * u[:, 0]) + u[:, 1]) / _BIG)


def rnorm(n: Any, mean: Any = 0, sd: Any = 1,
          generator: np.random.Generator | None = None) -> RVector:
    """R's ``rnorm(n, mean = 0, sd = 1)``: R's draws after ``set_seed`` (R's inversion)."""
    return RVector(_standard_normals(_draw_count(n), generator)) * sd + mean


def runif(n: Any, min: Any = 0, max: Any = 1,
          generator: np.random.Generator | None = None) -> RVector:
    """R's ``runif(n, min = 0, max = 1)``: R's draws after ``set_seed``."""
    bits = _r_bits(generator)
    count = _draw_count(n)
    draws = _unif(bits, count) if bits is not None else _generator(generator).random(count)
    return RVector(draws) * (_as_rvector(max) - min) + min


def weighted_mean(x: Any, w: Any = None, na_rm: bool = False) -> RVector:
    """R's ``weighted.mean(x, w, na.rm = FALSE)``: ``sum(x * w) / sum(w)`` (``w`` missing:
    equal weights), a double."""
    v = _as_rvector(x)
    values = _coerce(v._flat(), v.rtype, "double")
    weights = np.ones(values.size) if w is None else \
        _coerce(_as_rvector(w)._flat(), _as_rvector(w).rtype, "double")
    if weights.size != values.size:
        raise ValueError("'x' and 'w' must have the same length")
    if na_rm:
        keep = ~np.isnan(values)
        values, weights = values[keep], weights[keep]
    return RVector(np.array([float((values * weights).sum() / weights.sum())]))


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
    """R's ``qnorm(p, mean = 0, sd = 1)``: normal quantiles (R's algorithm, AS 241)."""
    values = _doubles_of(p)
    flat = values.reshape(-1)
    inside = (flat > 0) & (flat < 1)
    out = np.where(flat == 0, -math.inf, np.where(flat == 1, math.inf, math.nan))
    out[inside] = _normal_quantile(flat[inside])
    return RVector(out.reshape(values.shape)) * sd + mean


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
