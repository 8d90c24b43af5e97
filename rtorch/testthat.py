"""R's testthat, for test suites ported from R packages built on torch.

``python -m rtorch.port tests/testthat/test-foo.R -o test_foo.py`` turns each
``test_that("...", { ... })`` into a pytest test function; the expectations here check what
testthat (edition 3) checks and fail with an ``AssertionError`` that says what differed, so
pytest reports them. R evaluates the object of ``expect_error()`` and its kin lazily; in Python
it is a function of no arguments (the translator writes ``lambda: x[0]``).

==============================  ======================================================
R                               rtorch.testthat
==============================  ======================================================
``test_that(desc, code)``       runs ``code`` (a function) at once, as R does
``expect_equal(x, y)``          waldo's comparison: types, dims, names, NA, numbers to
                                ``testthat_tolerance()`` (integer and double agree)
``expect_identical(x, y)``      ``identical()``
``expect_error(f, regexp)``     ``f()`` raises, its message matching ``regexp``;
                                ``regexp = NA``: it raises nothing
``skip_if(cond)`` ...           ``pytest.skip()``
==============================  ======================================================
"""
from __future__ import annotations

import contextlib
import contextvars
import io
import math
import re
import warnings
from typing import Any, Callable

import numpy as np

from .rbase.lists import mean_difference       # edition 2 compares numbers as R's all.equal()
from .rbase.vectors import RVector, _as_rvector, _na_mask

__all__ = [
    "test_that", "context", "local_edition", "edition_get", "testthat_tolerance", "describe",
    "it",
    "expect_equal", "expect_identical", "expect_equivalent", "expect_true", "expect_false",
    "expect_null", "expect_length", "expect_named", "expect_type", "expect_s3_class",
    "expect_is", "expect_lt", "expect_lte", "expect_gt", "expect_gte", "expect_match",
    "expect_setequal", "expect_error", "expect_no_error", "expect_warning",
    "expect_no_warning", "expect_message", "expect_output", "expect_silent",
    "expect_snapshot", "expect_invisible", "expect_visible", "expect_condition",
    "skip", "skip_if", "skip_if_not", "skip_on_cran", "skip_on_ci", "skip_on_os",
    "skip_if_not_installed", "skip_if_offline", "fail", "succeed",
]

_TOLERANCE = math.sqrt(np.finfo(float).eps)


def testthat_tolerance() -> float:  # noqa: D103
    """R's ``testthat_tolerance()``: ``.Machine$double.eps^0.5``."""
    return _TOLERANCE


testthat_tolerance.__test__ = False   # pytest must not collect it (its name starts "test")


# -- tests ---------------------------------------------------------------------------------

def test_that(desc: str, code: Callable[[], Any] | None = None) -> bool:
    """R's ``test_that(desc, code)``: runs ``code`` now (a function of no arguments)."""
    if callable(code):
        code()
    return True


test_that.__test__ = False            # pytest must not collect this function itself


def describe(desc: str, code: Callable[[], Any] | None = None) -> bool:
    """testthat's ``describe(desc, code)``: runs ``code`` now."""
    return test_that(desc, code)


it = describe


def context(desc: str) -> None:
    """testthat's ``context()`` (superseded in edition 3): does nothing."""


#: testthat's edition: 3's ``expect_equal()`` is waldo's comparison, 2's is ``all.equal()``
#: (a package's tests are edition 2 unless its DESCRIPTION says
#: ``Config/testthat/edition: 3``; ``rtorch.port`` sets it in the translated helpers).
_EDITION: contextvars.ContextVar[int] = contextvars.ContextVar("testthat_edition", default=3)


def local_edition(x: Any) -> None:
    """testthat's ``local_edition(x)``: the edition of the expectations that follow (2 or 3)."""
    edition = int(float(x))
    if edition not in (2, 3):
        raise ValueError(f"testthat edition {edition}: only 2 and 3 exist")
    _EDITION.set(edition)


def edition_get() -> int:
    """testthat's ``edition_get()``."""
    return _EDITION.get()


def fail(message: str = "Failure has been forced") -> None:
    raise AssertionError(str(message))


def succeed(message: str = "Success has been forced") -> bool:
    return True


# -- skips ---------------------------------------------------------------------------------

def skip(message: str = "") -> None:
    """testthat's ``skip(message)``: the test is skipped (``pytest.skip``)."""
    import pytest
    pytest.skip(str(message))


def skip_if(condition: Any, message: str | None = None) -> None:
    if _is_true(condition):
        skip(message or "condition is TRUE")


def skip_if_not(condition: Any, message: str | None = None) -> None:
    if not _is_true(condition):
        skip(message or "condition is not TRUE")


def skip_on_cran() -> None:
    """Tests run as a developer runs them (R's ``NOT_CRAN = "true"``): nothing is skipped."""


def skip_on_ci() -> None:
    import os
    if os.environ.get("CI", "").lower() == "true":
        skip("On CI")


def skip_on_os(os: Any, arch: Any = None) -> None:
    import sys
    here = {"win32": "windows", "darwin": "mac"}.get(sys.platform, sys.platform)
    here = "linux" if here.startswith("linux") else here
    if here in [str(o) for o in _as_rvector(os)]:
        skip(f"On {here}")


def skip_if_not_installed(pkg: str, minimum_version: Any = None) -> None:
    """R packages other than torch, luz and torchvision have no rtorch counterpart here."""
    if str(pkg) not in ("torch", "luz", "torchvision", "testthat", "coro", "R6", "withr"):
        skip(f"{pkg} cannot be loaded")


def skip_if_offline(host: str = "") -> None:
    skip("offline")


# -- comparing values ----------------------------------------------------------------------

def _is_true(x: Any) -> bool:
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, RVector):
        return x.rtype == "logical" and len(x) == 1 and bool(x.values.flat[0])
    return False


def _is_false(x: Any) -> bool:
    if isinstance(x, (bool, np.bool_)):
        return not x
    if isinstance(x, RVector):
        return x.rtype == "logical" and len(x) == 1 and not bool(x.values.flat[0])
    return False


def _is_tensor(x: Any) -> bool:
    return hasattr(x, "detach") and hasattr(x, "cpu") and hasattr(x, "dtype")


def _vector(x: Any) -> RVector | None:
    """``x`` as an R atomic vector, or None for other objects (lists, modules, dtypes)."""
    if _is_tensor(x):
        from .conversions import as_array
        return _as_rvector(as_array(x))
    if isinstance(x, tuple) and all(isinstance(v, int) and not isinstance(v, bool)
                                    for v in x):
        return RVector(np.asarray(x, dtype=np.int64).reshape(-1))   # a shape: R's integers
    if isinstance(x, (RVector, bool, int, float, complex, str, np.ndarray, np.generic)) or (
            isinstance(x, tuple) and all(isinstance(v, (int, float, bool)) for v in x)):
        return _as_rvector(x)
    if hasattr(x, "__array__") and not isinstance(x, (list, dict)):
        try:
            return _as_rvector(np.asarray(x))
        except (TypeError, ValueError):
            return None
    return None


def _describe(v: RVector) -> str:
    kind = {"double": "a double", "integer": "an integer", "logical": "a logical",
            "character": "a character", "complex": "a complex"}[v.rtype]
    what = "vector" if v.values.ndim <= 1 else "array"
    return f"{kind} {what}"


def _numbers_differ(x: np.ndarray, y: np.ndarray, tolerance: float | None) -> str | None:
    """waldo's ``num_equal()``: the mean absolute difference of the elements that differ,
    relative to the mean size of ``y``'s when that is above ``tolerance``."""
    na_x, na_y = _na_mask(x) | np.isnan(x), _na_mask(y) | np.isnan(y)
    if (na_x != na_y).any():
        return "NA or NaN in different places"
    same = na_x | (x == y)
    if same.all():
        return None
    if tolerance is None:
        return "values differ"
    xd, yd = x[~same].astype(float), y[~same].astype(float)
    avg_diff = float(np.mean(np.abs(xd - yd)))
    avg_y = float(np.mean(np.abs(yd)))
    if math.isfinite(avg_y) and avg_y > tolerance:
        avg_diff /= avg_y
    if avg_diff < tolerance:
        return None
    first = int(np.flatnonzero(~same.reshape(-1))[0])
    return (f"mean relative difference {avg_diff:.7g} (tolerance {tolerance:.7g}); first "
            f"difference at element {first + 1}: {x.reshape(-1)[first]!r} vs "
            f"{y.reshape(-1)[first]!r}")


def _difference(x: Any, y: Any, tolerance: float | None, path: str = "") -> str | None:
    """What differs between ``x`` and ``y`` as testthat's ``expect_equal()`` sees it, or
    None when they are equal."""
    at = f" at {path}" if path else ""
    if x is None or y is None:
        return None if x is None and y is None else f"one is NULL, the other is not{at}"
    if isinstance(x, dict) and isinstance(y, dict):            # named lists
        kx, ky = [str(k) for k in dict.keys(x)], [str(k) for k in dict.keys(y)]
        if kx != ky:
            return f"names differ{at}: {kx} vs {ky}"
        for k, a, b in zip(kx, dict.values(x), dict.values(y)):
            d = _difference(a, b, tolerance, f"{path}${k}")
            if d:
                return d
        return None
    if isinstance(x, list) and isinstance(y, list):
        if len(x) != len(y):
            return f"lengths differ{at}: {len(x)} vs {len(y)}"
        for i, (a, b) in enumerate(zip(x, y)):
            d = _difference(a, b, tolerance, f"{path}[[{i + 1}]]")
            if d:
                return d
        return None
    vx, vy = _vector(x), _vector(y)
    if vx is None or vy is None:
        try:
            equal = bool(x == y)
        except Exception:                                       # noqa: BLE001
            equal = x is y
        return None if equal else f"{x!r} is not equal to {y!r}{at}"
    numeric = ("integer", "double")
    if vx.rtype != vy.rtype and not (tolerance is not None and vx.rtype in numeric
                                     and vy.rtype in numeric):
        return f"types differ{at}: {_describe(vx)} vs {_describe(vy)}"
    dx = vx.values.shape if vx.values.ndim > 1 else None
    dy = vy.values.shape if vy.values.ndim > 1 else None
    if dx != dy:
        return f"dims differ{at}: {dx or 'none'} vs {dy or 'none'}"
    if len(vx) != len(vy):
        return f"lengths differ{at}: {len(vx)} vs {len(vy)}"
    if vx.names != vy.names:
        return f"names differ{at}: {vx.names} vs {vy.names}"
    fx, fy = vx._flat(), vy._flat()
    if vx.rtype in numeric + ("complex",) and vy.rtype in numeric + ("complex",):
        d = mean_difference(fx, fy, tolerance) if _EDITION.get() == 2 and tolerance \
            is not None else _numbers_differ(fx, fy, tolerance)
        return f"{d}{at}" if d else None
    if fx.tolist() != fy.tolist():
        first = next(i for i, (a, b) in enumerate(zip(fx.tolist(), fy.tolist())) if a != b)
        return f"element {first + 1} differs{at}: {fx[first]!r} vs {fy[first]!r}"
    return None


def _fail(what: str, detail: str, info: Any = None) -> None:
    message = f"{what}\n{detail}"
    if info is not None:
        message += f"\n{info}"
    raise AssertionError(message)


# -- expectations --------------------------------------------------------------------------

def expect_equal(object: Any, expected: Any, *args: Any, tolerance: float | None = None,
                 info: Any = None, label: Any = None, expected_label: Any = None,
                 ignore_attr: Any = False, **kwargs: Any) -> Any:
    """testthat's ``expect_equal(object, expected)``: equal up to ``testthat_tolerance()``."""
    tol = _TOLERANCE if tolerance is None else float(tolerance)
    d = _difference(object, expected, tol)
    if d:
        _fail("`object` not equal to `expected`.", d, info)
    return object


def expect_equivalent(object: Any, expected: Any, *args: Any, **kwargs: Any) -> Any:
    """testthat's ``expect_equivalent()``: equal, attributes (names) ignored."""
    a, b = _vector(object), _vector(expected)
    return expect_equal(RVector(a.values) if a is not None else object,
                        RVector(b.values) if b is not None else expected, *args, **kwargs)


def expect_identical(object: Any, expected: Any, info: Any = None, label: Any = None,
                     expected_label: Any = None, **kwargs: Any) -> Any:
    """testthat's ``expect_identical()``: R's ``identical()`` (no tolerance, same type)."""
    from .rbase.lists import _identical
    if not _identical(object, expected):
        d = _difference(object, expected, None) or f"{object!r} vs {expected!r}"
        _fail("`object` not identical to `expected`.", d, info)
    return object


def expect_true(object: Any, info: Any = None, label: Any = None) -> Any:
    if not _is_true(object):
        _fail("`object` is not TRUE", f"actual: {object!r}", info)
    return object


def expect_false(object: Any, info: Any = None, label: Any = None) -> Any:
    if not _is_false(object):
        _fail("`object` is not FALSE", f"actual: {object!r}", info)
    return object


def expect_null(object: Any, info: Any = None, label: Any = None) -> Any:
    if object is not None:
        _fail("`object` is not NULL.", f"actual: {object!r}", info)
    return object


def _length(x: Any) -> int:
    from . import length
    return int(length(x))


def expect_length(object: Any, n: int) -> Any:
    if _length(object) != int(n):
        _fail("`object` has the wrong length.", f"length {_length(object)}, not {int(n)}")
    return object


def expect_named(object: Any, expected: Any = None, ignore_order: bool = False,
                 ignore_case: bool = False, info: Any = None, label: Any = None) -> Any:
    from . import names
    got = names(object)
    if got is None:
        _fail("`object` does not have names.", "")
    if expected is not None:
        a, b = [str(v) for v in got], [str(v) for v in _as_rvector(expected)]
        if ignore_case:
            a, b = [v.lower() for v in a], [v.lower() for v in b]
        if ignore_order:
            a, b = sorted(a), sorted(b)
        if a != b:
            _fail("Names of `object` are not the expected ones.", f"{a} vs {b}")
    return object


def expect_type(object: Any, type: str) -> Any:
    from .rbase import typeof
    got = str(typeof(object))
    if got != str(type):
        _fail(f"`object` has type '{got}', not '{type}'.", "")
    return object


def expect_s3_class(object: Any, class_: Any = None, exact: bool = False, **kwargs: Any) -> Any:
    """testthat's ``expect_s3_class(object, class)`` (``class`` is ``class_`` in Python)."""
    from .rbase import inherits
    wanted = kwargs.pop("class", class_)
    if wanted is None:
        return object
    if not _is_true(inherits(object, wanted)):
        from .rbase import class_ as r_class
        _fail(f"`object` does not inherit from {list(_as_rvector(wanted))}.",
              f"its class: {list(_as_rvector(r_class(object)))}")
    return object


expect_is = expect_s3_class


def _compare(object: Any, expected: Any, op: Callable[[Any, Any], Any], word: str) -> Any:
    a, b = _vector(object), _vector(expected)
    if a is None or b is None or not bool(np.all(op(a._flat(), b._flat()))):
        _fail(f"`object` is not {word} `expected`.", f"{object!r} vs {expected!r}")
    return object


def expect_lt(object: Any, expected: Any, **kwargs: Any) -> Any:
    return _compare(object, expected, np.less, "strictly less than")


def expect_lte(object: Any, expected: Any, **kwargs: Any) -> Any:
    return _compare(object, expected, np.less_equal, "less than or equal to")


def expect_gt(object: Any, expected: Any, **kwargs: Any) -> Any:
    return _compare(object, expected, np.greater, "strictly more than")


def expect_gte(object: Any, expected: Any, **kwargs: Any) -> Any:
    return _compare(object, expected, np.greater_equal, "more than or equal to")


def _matches(text: str, regexp: Any, fixed: bool = False, ignore_case: bool = False,
             perl: bool = False) -> bool:
    """R's ``grepl(regexp, text)``: R's default (TRE) regular expressions let ``.`` match a
    newline too (PCRE's, with ``perl = TRUE``, do not)."""
    pattern = re.escape(str(regexp)) if fixed else _r_regex(str(regexp))
    flags = (re.IGNORECASE if ignore_case else 0) | (0 if perl else re.DOTALL)
    return re.search(pattern, text, flags) is not None


def _r_regex(pattern: str) -> str:
    """R's (TRE/PCRE) classes that Python's ``re`` spells differently."""
    for r, py in (("[[:space:]]", r"\s"), ("[[:digit:]]", r"\d"), ("[[:alpha:]]", "[A-Za-z]"),
                  ("[:space:]", r"\s"), ("[:digit:]", r"\d"), ("[:alpha:]", "A-Za-z")):
        pattern = pattern.replace(r, py)
    return pattern


def expect_match(object: Any, regexp: str, perl: bool = False, fixed: bool = False,
                 ignore_case: bool = False, all: bool = True, **kwargs: Any) -> Any:
    texts = [str(v) for v in _as_rvector(object)]
    hits = [_matches(t, regexp, fixed, ignore_case, perl) for t in texts]
    if not texts or not (not [h for h in hits if not h] if all else any(hits)):
        _fail(f"`object` does not match '{regexp}'.", f"text: {texts!r}")
    return object


def expect_setequal(object: Any, expected: Any) -> Any:
    a, b = set(_as_rvector(object).tolist()), set(_as_rvector(expected).tolist())
    if a != b:
        _fail("`object` and `expected` don't have the same values.",
              f"only in object: {sorted(a - b, key=str)}; only in expected: "
              f"{sorted(b - a, key=str)}")
    return object


# -- conditions: the object is a function, called here -------------------------------------

def _call(object: Any) -> Any:
    _lazy(object)
    return object()


def _lazy(object: Any) -> None:
    if not callable(object):
        raise TypeError("rtorch.testthat: the object of expect_error() and its kin is "
                        "evaluated lazily in R; pass a function (`lambda: x[0]`)")


def _is_na(x: Any) -> bool:
    if isinstance(x, float) and math.isnan(x):
        return True
    return isinstance(x, RVector) and len(x) == 1 and bool(_na_mask(x.values).all())


def _class_matches(error: BaseException, class_: Any) -> bool:
    if class_ is None:
        return True
    wanted = [str(c) for c in _as_rvector(class_)]
    names = {t.__name__ for t in type(error).__mro__} | {"error", "condition"}
    # R torch's condition classes are Python's exception names in snake case (value_error)
    names |= {re.sub(r"(?<!^)(?=[A-Z])", "_", n).lower() for n in list(names)}
    names |= set(getattr(error, "r_class", ()) or ())
    return bool(names & set(wanted))


def expect_error(object: Any, regexp: Any = None, class_: Any = None, *args: Any,
                 info: Any = None, label: Any = None, fixed: bool = False,
                 **kwargs: Any) -> Any:
    """testthat's ``expect_error(object, regexp, class)``: calling ``object`` raises an error
    whose message matches ``regexp``; ``regexp = NA``: it raises none."""
    class_ = kwargs.pop("class", class_)
    if _is_na(regexp):
        return expect_no_error(object)
    _lazy(object)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _call(object)
    except Exception as e:                                      # noqa: BLE001
        message = str(e)
        if regexp is not None and not _matches(message, regexp, fixed):
            _fail("`object` threw an error with unexpected message.",
                  f"Expected match: {str(regexp)!r}\nActual message: {message!r}", info)
        if not _class_matches(e, class_):
            _fail("`object` threw an error with unexpected class.",
                  f"Expected class: {class_!r}; actual: {type(e).__name__}", info)
        return e
    _fail("`object` did not throw an error.", "", info)


def expect_no_error(object: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return _call(object)
    except Exception as e:                                      # noqa: BLE001
        _fail("Expected `object` to run without any errors.",
              f"Actually got an error: {type(e).__name__}: {e}")


def expect_condition(object: Any, regexp: Any = None, class_: Any = None,
                     **kwargs: Any) -> Any:
    try:
        return expect_warning(object, regexp)
    except AssertionError:
        return expect_error(object, regexp, class_, **kwargs)


def expect_warning(object: Any, regexp: Any = None, class_: Any = None, *args: Any,
                   all: bool = False, fixed: bool = False, **kwargs: Any) -> Any:
    """testthat's ``expect_warning()``: calling ``object`` warns (Python's ``warnings``),
    one message matching ``regexp``; ``regexp = NA``: it warns nothing."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = _call(object)
    messages = [str(w.message) for w in caught]
    if _is_na(regexp):
        if messages:
            _fail("Expected `object` to run without any warnings.", f"got: {messages}")
        return value
    if not messages:
        _fail("`object` did not produce any warnings.", "")
    if regexp is not None and not any(_matches(m, regexp, fixed) for m in messages):
        _fail("`object` produced warnings with unexpected messages.",
              f"Expected match: {str(regexp)!r}\nActual: {messages!r}")
    return value


def expect_no_warning(object: Any, *args: Any, **kwargs: Any) -> Any:
    return expect_warning(object, float("nan"))


def _captured(object: Any) -> tuple[Any, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        value = _call(object)
    return value, out.getvalue(), err.getvalue()


def _expect_text(text: str, regexp: Any, fixed: bool, what: str) -> None:
    """The captured ``what`` ("messages" or "output") as testthat checks it: ``regexp = NA``
    wants none, else some, matching ``regexp`` when given."""
    if _is_na(regexp):
        if text:
            _fail(f"Expected `object` to run without any {what}.", f"got: {text!r}")
    elif not text:
        _fail(f"`object` did not produce any {what}.", "")
    elif regexp is not None and not _matches(text, regexp, fixed):
        _fail(f"`object` produced unexpected {what}.",
              f"Expected match: {str(regexp)!r}\nActual: {text!r}")


def expect_message(object: Any, regexp: Any = None, *args: Any, fixed: bool = False,
                   **kwargs: Any) -> Any:
    """testthat's ``expect_message()``: R's ``message()`` writes to stderr."""
    value, _out, err = _captured(object)
    _expect_text(err, regexp, fixed, "messages")
    return value


def expect_output(object: Any, regexp: Any = None, *args: Any, fixed: bool = False,
                  **kwargs: Any) -> Any:
    """testthat's ``expect_output()``: what ``object`` prints."""
    value, out, _err = _captured(object)
    _expect_text(out, regexp, fixed, "output")
    return value


def expect_silent(object: Any) -> Any:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value, out, err = _captured(object)
    if out or err or caught:
        _fail("`object` produced output, messages or warnings.",
              repr((out, err, [str(w.message) for w in caught])))
    return value


def expect_invisible(call: Any, label: Any = None) -> Any:
    return _call(call) if callable(call) else call


expect_visible = expect_invisible


def expect_snapshot(*args: Any, **kwargs: Any) -> None:
    """Snapshots are kept by R's testthat in ``_snaps/``; a ported suite has none."""
    skip("snapshot tests need testthat's _snaps/ files")
