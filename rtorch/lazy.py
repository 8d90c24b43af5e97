"""Optional dependencies, imported when first used: fast ``import rtorch``, clear messages.

* :class:`LazyModule` stands for a module (``pd = LazyModule("pandas", extra="data")``) and
  imports it on the first attribute access, so ``import rtorch`` does not pay for pandas or
  matplotlib; when the module is not installed the error is one line naming the extra:
  ``pandas is needed here: pip install 'rtorch[data]'``.
* :func:`when_imported` runs a function once a module has been imported, by whoever imports
  it (rtorch adds its ``.r`` indexer to pandas frames when pandas arrives).
* :func:`installed` tells whether a module can be imported, without importing it.
* :func:`require` imports a module or raises :class:`MissingExtra`.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import types
from typing import Any, Callable

__all__ = ["MissingExtra", "LazyModule", "installed", "require", "when_imported",
           "missing_extra"]


class MissingExtra(ModuleNotFoundError):
    """An optional dependency is not installed; the message names rtorch's extra."""


def missing_extra(module: str, extra: str, what: str | None = None) -> MissingExtra:
    """The error for a missing optional dependency, in one line."""
    top = module.split(".")[0]
    e = MissingExtra(f"{what or top} needs {top}, which is not installed: "
                     f"pip install 'rtorch[{extra}]'")
    e.name = top
    return e


def installed(module: str) -> bool:
    """Whether ``module`` can be imported (its finder is asked; nothing is imported)."""
    if module in sys.modules:
        return sys.modules[module] is not None
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def require(module: str, extra: str, what: str | None = None) -> types.ModuleType:
    """``import module``, or a :class:`MissingExtra` naming ``rtorch[extra]``."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name and module.split(".")[0] != e.name.split(".")[0]:
            raise
        raise missing_extra(module, extra, what) from None


class LazyModule(types.ModuleType):
    """A module imported on first attribute access (see the module docstring)."""

    def __init__(self, name: str, extra: str, what: str | None = None) -> None:
        super().__init__(name)
        self.__dict__["_lazy"] = (extra, what)

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        module = self.__dict__.get("_module")
        if module is None:
            extra, what = self.__dict__["_lazy"]
            module = self.__dict__["_module"] = require(self.__name__, extra, what)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self.__name__!r}>"


_HOOKS: dict[str, list[Callable[[types.ModuleType], None]]] = {}


class _PostImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself; wraps the real loader of a watched module to run its hooks."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None):
        if fullname not in _HOOKS:
            return None
        for finder in sys.meta_path:
            if finder is self:
                continue
            find = getattr(finder, "find_spec", None)
            spec = find(fullname, path, target) if find else None
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        exec_module = loader.exec_module

        class Loader(importlib.abc.Loader):
            def create_module(self, s):
                return loader.create_module(s)

            def exec_module(self, module):
                exec_module(module)
                _run_hooks(fullname, module)

            def __getattr__(self, name):
                return getattr(loader, name)

        spec.loader = Loader()
        return spec


_FINDER = _PostImport()


def _run_hooks(name: str, module: types.ModuleType) -> None:
    for hook in _HOOKS.pop(name, []):
        hook(module)
    if not _HOOKS and _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)


def when_imported(name: str, hook: Callable[[types.ModuleType], None]) -> None:
    """Run ``hook(module)`` now if ``name`` is imported, else right after it is imported."""
    module = sys.modules.get(name)
    if module is not None:
        hook(module)
        return
    _HOOKS.setdefault(name, []).append(hook)
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
