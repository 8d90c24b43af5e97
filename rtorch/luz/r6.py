"""The R6 objects behind luz's callbacks and metrics, as Python classes.

luz builds callbacks (``luz_callback()``) and metrics (``luz_metric()``) as R6 classes: members
given by name, ``initialize`` as the constructor, ``super$method()`` for the parent's version,
fields copied into each object. :class:`R6Object` gives a class those rules:

* ``Cls(...)`` runs ``initialize(...)`` (the Python class form overrides ``initialize`` too);
* list, dict and set fields written in the class (R's ``fields``) are copied into each object,
  so objects never share them (R6 copies field values per object);
* ``self.super.initialize(...)`` is R's ``super$initialize(...)``, also in methods given as
  keyword arguments, which have no class body for Python's ``super()``.
"""
from __future__ import annotations

import copy
from typing import Any, Callable

from ..generator import R6, create_class

__all__ = ["R6Object", "r6_generator"]

_MUTABLE = (list, dict, set)


class R6Object(R6):
    """Base of luz's R6-style objects (see the module docstring); ``self.super`` is the core's
    (:class:`rtorch.generator.R6`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._own_fields()
        self.initialize(*args, **kwargs)

    def initialize(self) -> None:
        """R's ``initialize``: the constructor's body."""

    def _own_fields(self) -> None:
        seen: set[str] = set()
        for klass in type(self).__mro__:
            for name, value in vars(klass).items():
                if name not in seen and isinstance(value, _MUTABLE):
                    seen.add(name)
                    if name not in self.__dict__:
                        self.__dict__[name] = copy.copy(value)


def r6_generator(kind: type, name: str | None, inherit: Any, members: dict[str, Any],
                 private: dict[str, Any] | None, active: dict[str, Callable] | None,
                 what: str) -> type:
    """A new class deriving from ``inherit`` (default ``kind``) holding ``members``: what
    ``luz_callback()`` / ``luz_metric()`` return. ``what`` names the kind in errors."""
    if inherit is not None and not (isinstance(inherit, type) and issubclass(inherit, kind)):
        raise TypeError(f"`inherit` must be a {what} made by `{what}()`, got "
                        f"<{type(inherit).__name__}>")
    return create_class(kind, name, inherit, members, private, active)
