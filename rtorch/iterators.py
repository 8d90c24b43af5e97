"""The ``coro`` iteration protocol R torch uses, in Python terms.

In R an iterator is a function: each call returns the next value, and ``coro::exhausted()``
once there is none. R torch's ``.iter`` methods (datasets, samplers) return such functions and
``as_iterator()`` / ``coro::loop()`` consume them. Here:

* ``exhausted()`` is that sentinel and ``is_exhausted(x)`` tests for it;
* an ``iter`` method may return a Python iterator (a generator, ``iter(...)``) **or** an R-style
  function returning values then ``exhausted()`` -- :func:`iterate` reads either;
* ``as_iterator(x)`` is an :class:`RIterator`: a Python iterator (``next(it)``, ``for``) that
  can also be called like R's (``it()`` gives the next value, then ``exhausted()``);
* ``loop(x)`` is R's ``coro::loop(for (b in x) ...)``: ``for b in loop(x): ...``.
"""
from __future__ import annotations

import itertools
from typing import Any, Callable, Iterable, Iterator


class _Exhausted:
    """coro's ``exhausted()`` sentinel (one object)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<exhausted>"

    def __reduce__(self) -> str:
        return "EXHAUSTED"


EXHAUSTED = _Exhausted()


def exhausted() -> _Exhausted:
    """coro's ``exhausted()``: what an R-style iterator function returns when it is done."""
    return EXHAUSTED


def is_exhausted(x: Any) -> bool:
    """coro's ``is_exhausted(x)``."""
    return x is EXHAUSTED


def _not_exhausted(x: Any) -> bool:
    return x is not EXHAUSTED


def _from_function(f: Callable[[], Any]) -> Iterator[Any]:
    while True:
        value = f()
        if value is EXHAUSTED:
            return
        yield value


def iterate(source: Any) -> Iterator[Any]:
    """The values of what an ``iter`` method returned: a Python iterable, or an R-style
    function called until it returns ``exhausted()``."""
    if hasattr(source, "__iter__"):
        return itertools.takewhile(_not_exhausted, source)
    if callable(source):
        return _from_function(source)
    raise TypeError(f"an `iter` method must return an iterator or a function, not "
                    f"{type(source).__name__}")


class RIterator:
    """A Python iterator that can also be called as an R (coro) iterator function."""

    __slots__ = ("_it",)

    def __init__(self, it: Iterable[Any]):
        self._it = iter(it)

    def __iter__(self) -> "RIterator":
        return self

    def __next__(self) -> Any:
        return next(self._it)

    def __call__(self) -> Any:
        """The next value, or ``exhausted()`` at the end (an R iterator call)."""
        return next(self._it, EXHAUSTED)


def as_iterator(x: Any) -> RIterator:
    """coro's ``as_iterator(x)`` (R torch methods for data loaders, iterable datasets and
    samplers): an iterator over ``x``'s batches, items or indices -- ``next(it)`` or ``it()``."""
    return x if isinstance(x, RIterator) else RIterator(iter(x))


def loop(x: Any) -> RIterator:
    """coro's ``loop(for (b in x) ...)``, written ``for b in loop(x): ...``."""
    return as_iterator(x)
