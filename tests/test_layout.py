"""rtorch's layout: its core modules import one another in one direction only.

Every ``import`` inside the package is read with ``ast`` (module level and inside functions:
a lazy import is still an edge), importing ``a.b.c`` also imports the packages ``a.b`` above
it (``rtorch`` itself, which assembles the namespace from everything, is left out), and no
core module may sit on an import cycle. The test prints the core modules in an
order a newcomer can read them in: each one after everything it imports.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "rtorch"

#: the tensor core: what a call goes through (bind -> convert -> PyTorch -> wrap) and below
CORE = frozenset({
    "errors", "input_checks", "na", "dtypes", "devices", "dims", "index_data", "values",
    "convert", "printing", "tensor", "indexing", "pipes", "formals_table", "formals",
    "stubcache", "signatures", "mirror", "creation", "lazy",
})


def _modules() -> dict[str, Path]:
    out = {}
    for p in ROOT.rglob("*.py"):
        parts = list(p.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = p
    return out


def _targets(module: str, is_package: bool, node: ast.AST, modules: dict) -> set[str]:
    """The package's modules that one import statement in ``module`` runs."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = module.split(".") if is_package else module.split(".")[:-1]
        if node.level:
            base = base[:len(base) - node.level + 1] + (node.module.split(".") if node.module else [])
        else:
            base = node.module.split(".")
        stem = ".".join(base)
        names = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in modules else stem for a in node.names]
    out = set()
    for name in names:
        parts = name.split(".")
        if parts[0] != "rtorch":
            continue
        for i in range(2, len(parts) + 1):          # a.b.c runs a.b's __init__ too, unless
            pkg = ".".join(parts[:i])               # ``module`` is inside a.b already
            if pkg in modules and pkg != module and (i == len(parts)
                                                     or not module.startswith(pkg + ".")):
                out.add(pkg)
    return out


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (anywhere in its source)."""
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), str(path))
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges |= _targets(name, path.name == "__init__.py", node, modules)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        found.append(sorted(comp))
    return found


def reading_order(graph: dict[str, set[str]], names) -> list[str]:
    """``names`` bottom-up: each after the modules (among ``names``) it imports."""
    names = set(names)
    order: list[str] = []
    done: set[str] = set()
    while len(done) < len(names):
        ready = sorted(n for n in names - done if graph[n] & names <= done)
        assert ready, f"no module can come next among {sorted(names - done)}"
        order += ready
        done |= set(ready)
    return order


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_the_graph_sees_module_and_function_level_imports(graph):
    assert "rtorch.convert" in graph["rtorch.tensor"]              # module level
    assert "rtorch.tensor" in graph["rtorch.creation"]
    assert "rtorch.convert" in graph["rtorch.creation"]            # inside torch_where()
    assert "rtorch.rbase" in graph["rtorch.mirror"]                # ``from .rbase import``
    assert "rtorch.pipes" in graph["rtorch.formals"]               # inside Binder's code


def test_core_modules_are_on_no_import_cycle(graph):
    core = {"rtorch." + n for n in CORE}
    assert core <= set(graph), sorted(core - set(graph))
    bad = [c for c in cycles(graph) if core & set(c)]
    others = [c for c in cycles(graph) if not core & set(c)]
    print("\ncycles outside the core:", *(" <-> ".join(c) for c in others), sep="\n  ")
    assert not bad, "core modules on an import cycle: " + "; ".join(" <-> ".join(c) for c in bad)
    print("core modules, bottom up (each after what it imports):")
    for i, n in enumerate(reading_order(graph, core), 1):
        below = sorted(m.removeprefix("rtorch.") for m in graph[n] & core)
        print(f"  {i:2}. {n.removeprefix('rtorch.'):14} imports {', '.join(below) or '-'}")


def test_tensor_reaches_up_to_nothing_that_uses_it(graph):
    """The class and its converters never import the modules that build on them; R's pipe
    (a stage waiting for its data) needs nothing of rtorch."""
    above = {"rtorch.indexing", "rtorch.mirror", "rtorch.formals", "rtorch.creation",
             "rtorch.rbase", "rtorch.nnf", "rtorch.nn_module"}
    assert graph["rtorch.pipes"] == set()

    def reach(n: str, seen: set) -> set:
        for m in graph[n]:
            if m not in seen:
                seen.add(m)
                reach(m, seen)
        return seen

    for low in ("rtorch.tensor", "rtorch.convert", "rtorch.dims", "rtorch.index_data",
                "rtorch.values", "rtorch.printing", "rtorch.errors", "rtorch.input_checks"):
        assert not reach(low, set()) & above, (low, sorted(reach(low, set()) & above))


def test_a_cycle_is_found():
    g = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(g) == [["a", "b", "c"]]
    assert reading_order({"x": {"y"}, "y": set()}, ["x", "y"]) == ["y", "x"]


def test_behaviour_is_installed_on_tensor_from_above():
    """What ``Tensor`` does that the modules above it define, they install on the class."""
    import rtorch  # noqa: F401  (assembles the namespace, importing every layer)
    from rtorch import convert, indexing, mirror, pipes, tensor
    T = tensor.Tensor
    assert T.__getitem__ is indexing.tensor_getitem
    assert T.__setitem__ is indexing.tensor_setitem
    assert not hasattr(T, "__getattr__")          # every attribute read stays fast
    assert any(isinstance(v, mirror._OnFirstRead) for v in T.__dict__.values())
    assert convert.Tensor is T
    assert T in pipes._DATA_TYPES and pipes.is_data(T(__import__("torch").zeros(1)))
    src = Path(tensor.__file__).read_text()
    for above in ("indexing", "mirror", "pipes"):
        assert f"from .{above} import" not in src and f"from . import {above}" not in src
