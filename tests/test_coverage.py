"""How much of R torch's exported API rtorch has (name lists from R torch's NAMESPACE)."""
from __future__ import annotations

import os

import rtorch

DATA = os.path.join(os.path.dirname(__file__), "data")
CORE_PREFIXES = ("torch_", "linalg_")


def r_names(file: str) -> list[str]:
    """The names listed in ``tests/data/<file>`` (R packages' exports, R torch's tensor methods)."""
    with open(os.path.join(DATA, file), encoding="utf-8") as f:
        return f.read().split()


def _reachable(x, name: str) -> bool:
    try:
        getattr(x, name)
    except AttributeError:
        return False
    except Exception:           # exists, but not meaningful for this tensor (e.g. imag of a real)
        return True
    return True


def test_torch_namespace_coverage():
    names = r_names("torch-exports.txt")
    core = [n for n in names if n.startswith(CORE_PREFIXES)]
    have = [n for n in core if hasattr(rtorch, n)]
    everything = [n for n in names if hasattr(rtorch, n)]
    print(f"\ntorch_/linalg_ names: {len(have)}/{len(core)} ({100 * len(have) / len(core):.1f}%); "
          f"all R torch exports: {len(everything)}/{len(names)}")
    print("missing torch_/linalg_:", sorted(set(core) - set(have)))
    assert len(have) / len(core) >= 0.95


def test_every_tensor_method_is_reachable():
    methods = r_names("torch-tensor-methods.txt")
    x = rtorch.torch_tensor(rtorch.c(1, 2))
    missing = [m for m in methods if not _reachable(x, m)]
    print(f"\ntensor methods reachable: {len(methods) - len(missing)}/{len(methods)}")
    assert missing == []


def test_star_import_matches_all():
    ns: dict = {}
    exec("from rtorch import *", ns)
    assert {n for n in ns if not n.startswith("__")} == set(rtorch.__all__)
    for builtin_name in ("range", "list", "print", "len", "str", "int", "float", "map", "filter"):
        assert builtin_name not in rtorch.__all__
