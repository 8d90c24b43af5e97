"""The base-function table (docs/base-functions.md, rtorch/rbase/catalog.py): every function it
lists as provided exists, the coverage it claims holds, and the document is up to date."""
import builtins
import importlib.util
import pathlib

import rtorch
import rtorch.luz
from rtorch.rbase import catalog

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _table_tool():
    spec = importlib.util.spec_from_file_location("base_functions_table",
                                                  ROOT / "tools" / "base_functions_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_provided_function_exists():
    for r_name, kind, spelling in catalog.ROWS:
        if kind in ("rbase", "rtorch"):
            assert callable(getattr(rtorch, spelling, None)), (r_name, spelling)
            assert spelling in rtorch.__all__, (r_name, spelling)
        elif kind == "luz":
            assert callable(getattr(rtorch.luz, spelling, None)), (r_name, spelling)


def test_rbase_exports_are_the_table():
    from rtorch import rbase
    assert rbase.__all__ == catalog.EXPORTS
    assert all(hasattr(rbase, n) for n in rbase.__all__)


def test_no_new_builtin_is_shadowed():
    shadowed = {n for n in rtorch.__all__ if hasattr(builtins, n)}
    assert shadowed == {"sum", "max", "min", "abs", "round", "all", "any", "setattr"}


def test_coverage_of_counted_calls_is_at_least_95_percent():
    cov = _table_tool().coverage()
    assert cov["calls"] > 10000
    assert cov["provided"] >= 0.95
    assert cov["provided"] + cov["python"] >= 0.98


def test_every_counted_function_is_in_the_table():
    rows, _ = _table_tool().read_counts()
    listed = {name for name, _, _ in catalog.ROWS}
    top = [name for name, _, _ in rows[:200]]
    assert [n for n in top if n not in listed] == []


def test_document_is_up_to_date():
    assert (ROOT / "docs" / "base-functions.md").read_text() == _table_tool().render_doc()
