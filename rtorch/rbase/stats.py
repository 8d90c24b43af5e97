"""Randomness and densities: sample, set.seed, rnorm, runif, dnorm.

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins
import math
import re
import sys
import warnings
from typing import Any, Callable, Iterable, Iterator, Sequence
import numpy as np

from .vectors import (RVector, _as_rvector, _coerce)  # noqa: F401
from .sequences import (_count, integer, seq_len)  # noqa: F401
from .arithmetic import (_math, log, max, mean, min, sd)  # noqa: F401

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
