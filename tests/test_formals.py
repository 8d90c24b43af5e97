"""R's formals: the generated table is in sync with R's ``formals()``, and
``inspect.signature()`` shows R's names, order and defaults for (almost) every R torch/luz
export, tensor method and ``nn_`` generator."""
from __future__ import annotations

import csv
import importlib.util
import inspect
import keyword
import os

import pytest

import rtorch
import rtorch.luz
from rtorch import Tensor
from rtorch.formals import DOTS, NO_DEFAULT, VALUE
from rtorch.formals_table import FORMALS

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
_CANDIDATES = [os.path.join(ROOT, *up, "shared", "reference", "api", "r-formals.tsv")
               for up in (("..",), ("..", ".."))]
REFERENCE = os.environ.get("RTORCH_R_FORMALS") or next(
    (p for p in _CANDIDATES if os.path.exists(p)), _CANDIDATES[0])


def _generator():
    spec = importlib.util.spec_from_file_location("gen_formals", os.path.join(ROOT, "tools", "gen_formals.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generator_reads_r_formals():
    gen = _generator()
    assert gen.split_formals('x, average=c("micro", "macro"), y="a, b"') == [
        "x", 'average=c("micro", "macro")', 'y="a, b"']
    assert gen.formal("dim=-1L") == ("dim", 1, -1)
    assert gen.formal("keepdim=FALSE") == ("keepdim", 1, False)
    assert gen.formal("dtype=NULL") == ("dtype", 1, None)
    assert gen.formal("eps=1e-05") == ("eps", 1, 1e-05)
    assert gen.formal('mode="zeros"') == ("mode", 1, "zeros")
    assert gen.formal("retain_graph=create_graph") == ("retain_graph", 2, "create_graph")
    assert gen.formal("...") == ("...", 3, None)
    assert gen.formal(".env=parent.frame()") == ("_env", 2, "parent.frame()")
    assert gen.formal("from") == ("from_", 0, None)


@pytest.mark.skipif(not os.path.exists(REFERENCE), reason="R's formals file not available")
def test_table_in_sync_with_reference():
    with open(os.path.join(ROOT, "rtorch", "formals_table.py"), encoding="utf-8") as fh:
        assert fh.read() == _generator().generate(REFERENCE), \
            "rtorch/formals_table.py is stale: run tools/gen_formals.py"


def _object(kind: str, name: str):
    if kind == "method":
        return getattr(Tensor, name, None)
    if kind.startswith("luz_"):
        return getattr(rtorch.luz, name, None) or getattr(rtorch, name, None)
    return getattr(rtorch, name, None)


def _actual(obj, method: bool) -> list[inspect.Parameter] | None:
    try:
        ps = list(inspect.signature(obj).parameters.values())
    except (TypeError, ValueError):
        return None
    return ps[1:] if method and ps and ps[0].name == "self" else ps


def _expected_names(fs) -> list[str]:
    names = ["*args" if c == DOTS else n for n, c, _ in fs]
    return names + (["**kwargs"] if any(c == DOTS for _, c, _ in fs) else [])


def _names(ps) -> list[str]:
    P = inspect.Parameter
    return ["*args" if p.kind is P.VAR_POSITIONAL else "**kwargs" if p.kind is P.VAR_KEYWORD
            else p.name for p in ps]


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


def coverage():
    rows = names_ok = n_defaults = defaults_ok = inherited = 0
    misses = []
    for kind, table in FORMALS.items():
        for name, fs in table.items():
            obj = _object(kind, name)
            if kind == "module" and not fs:
                inherited += 1                  # R's table has no formals for a generator whose
                continue                        # initialize is inherited: nothing to compare
            rows += 1
            if kind == "method" and isinstance(obj, property) and len(fs) <= 1:
                names_ok += 1                   # a field (``x$shape``; an active binding takes
                continue                        # its one value: ``x$requires_grad <- TRUE``)
            ps = _actual(obj, kind == "method")
            if ps is None:
                misses.append((kind, name, "no signature"))
                continue
            want = _expected_names(fs)
            ps = [p for p in ps if not (p.kind is p.KEYWORD_ONLY and p.name not in want)]
            got = _names(ps)                    # (rtorch's additions come keyword-only, last)
            got = [w if w.endswith("_") and keyword.iskeyword(w[:-1]) and g != w else g
                   for g, w in zip(got, want)] + got[len(want):]   # a Python keyword respelled
            if got == want or got == want + ["**kwargs"]:
                names_ok += 1
            else:
                misses.append((kind, name, got, want))
            by_name = {p.name: p for p in ps}
            for n, code, value in fs:
                if code != VALUE:
                    continue
                n_defaults += 1
                p = by_name.get(n) or (by_name.get(n[:-2] + "d") if n == "lambda_" else None)
                if p is not None and _same(p.default, value):
                    defaults_ok += 1
                else:
                    misses.append((kind, name, n, "default", None if p is None else p.default, value))
    return rows, names_ok, n_defaults, defaults_ok, misses, inherited


def test_signatures_are_r_formals():
    rows, names_ok, n_defaults, defaults_ok, misses, inherited = coverage()
    names_pct, defaults_pct = 100 * names_ok / rows, 100 * defaults_ok / n_defaults
    print(f"\nR's argument names in R's order: {names_ok}/{rows} = {names_pct:.1f}% "
          f"({inherited} generators with inherited initialize, no formals in R's table, left out)")
    print(f"R's simple defaults: {defaults_ok}/{n_defaults} = {defaults_pct:.1f}%")
    for m in misses[:60]:
        print("  ", m)
    assert names_pct >= 99
    assert defaults_pct >= 98


def test_signature_examples():
    assert str(inspect.signature(rtorch.torch_nonzero)) == "(self, as_list=False)"
    assert str(inspect.signature(Tensor.expand)) == "(self, size, implicit=False)"
    assert str(inspect.signature(Tensor.sort)) == "(self, dim=-1, descending=False, stable)"
    assert str(inspect.signature(rtorch.torch_normal)) == \
        "(mean, std, size=None, generator=None, *args, **kwargs)"
    assert "retain_graph=create_graph" in str(inspect.signature(rtorch.autograd_backward))
    assert rtorch.torch_flip.__doc__.startswith("R usage: ``torch_flip(self, dims)``")
    assert Tensor.sum.__doc__.startswith("R usage: ``x$sum(dim, keepdim = FALSE, dtype = NULL)``")


#: Generators whose call binds by R's formals in rtorch (not only shows them): R's positional
#: count and R's ``unused argument`` error are checked for every such row of R's table.
_CONSTRUCTORS = ("optim_", "lr_", "nn_init_", "luz_callback_", "luz_metric_")
_FACTORIES = {"lr_scheduler", "lr_finder", "luz_metric_set", "optim_required"}


def constructor_binding():
    """Rows of R's table for ``optim_*``, ``lr_*``, ``nn_init_*`` and luz's callbacks and metrics:
    how many bind by R's formals (an unknown name and one positional argument too many are
    R's ``unused argument``; rows with R's ``...`` take both, so only the signature counts)."""
    from rtorch.formals import BindError
    rows, ok, misses = 0, 0, []
    for kind in ("function", "luz_function"):
        for name, fs in FORMALS[kind].items():
            if not name.startswith(_CONSTRUCTORS) or name in _FACTORIES:
                continue
            obj = _object(kind, name)
            rows += 1
            if obj is None:
                misses.append((name, "missing"))
                continue
            if any(c == DOTS for _, c, _ in fs):
                init = getattr(obj, "initialize", obj)
                if hasattr(init, "__r_binder__"):
                    ok += 1
                else:
                    misses.append((name, "not bound"))
                continue
            extra = "zz_extra"
            too_many = tuple(f"arg{i}" for i in range(len(fs))) + (extra,)
            got = []
            for args, kwargs, want in ((too_many, {}, f"unused argument ('{extra}')"),
                                       ((), {extra: 1}, f"unused argument ({extra} = 1)")):
                try:
                    obj(*args, **kwargs)
                    got.append("no error")
                except BindError as e:
                    got.append(str(e) == want or str(e))
                except Exception as e:          # noqa: BLE001 (reported below)
                    got.append(f"{type(e).__name__}: {e}")
            if got == [True, True]:
                ok += 1
            else:
                misses.append((name, got))
    return rows, ok, misses


def test_constructors_bind_by_r_formals():
    rows, ok, misses = constructor_binding()
    print(f"\noptim_*, lr_*, nn_init_*, luz callbacks and metrics binding by R's formals: "
          f"{ok}/{rows}")
    for m in misses:
        print("  ", m)
    assert rows >= 50 and not misses
