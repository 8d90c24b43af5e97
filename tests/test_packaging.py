"""The wheel and the sdist: what they carry, and rtorch installed without extras.

The wheel is built from a copy of the checkout (setuptools' PEP 517 backend, no network) and
installed with pip into a fresh virtual environment that sees PyTorch and numpy but none of
the extras' packages (torchvision, pillow, pandas, matplotlib, ...): there ``import rtorch``
and ``import rtorch.luz`` work, and what needs an extra says which, in one line.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: the extras' top-level modules and distributions: hidden from the fresh environment
EXTRAS = ("torchvision", "PIL", "pillow", "pandas", "matplotlib", "palmerpenguins", "pyarrow",
          "rtorch", "__editable__", "_rtorch")


def _build(kind: str, out: Path) -> Path:
    """``kind`` ("wheel" or "sdist") built from a clean copy of the checkout into ``out``."""
    src = out / "src"
    if not src.exists():
        ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "build",
                                        "dist", ".pytest_cache", ".hypothesis", "*.ipynb.tmp")
        shutil.copytree(ROOT, src, ignore=ignore)
    code = (f"from setuptools import build_meta as b; "
            f"print(b.build_{kind}({str(out)!r}))")
    name = subprocess.run([sys.executable, "-c", code], cwd=src, capture_output=True, text=True,
                          check=True, timeout=300).stdout.strip().splitlines()[-1]
    return out / name


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    return {"wheel": _build("wheel", out), "sdist": _build("sdist", out)}


def test_wheel_carries_license_stubs_and_metadata(dist):
    with zipfile.ZipFile(dist["wheel"]) as z:
        names = z.namelist()
        meta = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    for f in ("rtorch/py.typed", "rtorch/__init__.pyi", "rtorch/luz/__init__.pyi",
              "rtorch/vision/__init__.pyi", "rtorch/__main__.py"):
        assert f in names
    assert "License-Expression: MIT" in meta
    import rtorch
    assert f"Version: {rtorch.__version__}" in meta
    extras = {line.split(": ")[1] for line in meta.splitlines()
              if line.startswith("Provides-Extra: ")}
    assert {"vision", "luz", "data", "notebooks", "catalog", "all", "dev"} <= extras
    assert "Requires-Dist: pandas>=1.5; extra == \"vision\"" in meta


def test_sdist_carries_the_tests_and_runs_them(dist, tmp_path):
    with tarfile.open(dist["sdist"]) as t:
        names = t.getnames()
        t.extractall(tmp_path, filter="data")
    top = names[0].split("/")[0]
    for f in ("LICENSE", "tests/conftest.py", "tests/tutorial.py", "tests/data/torch-exports.txt",
              "vignettes/seed.py", "vignettes/notebook.py", "tools/gen_stubs.py",
              "rtorch/__init__.pyi", "rtorch/py.typed"):
        assert f"{top}/{f}" in names, f
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(tmp_path / top)}
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        "tests/test_rscript.py"], cwd=tmp_path / top, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:]
    assert " passed" in r.stdout


@pytest.fixture(scope="module")
def bare_python(dist, tmp_path_factory) -> str:
    """A fresh virtual environment with the wheel installed and no extras' packages."""
    base = tmp_path_factory.mktemp("venv")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    # PyTorch, numpy and their dependencies from this environment, the extras left out
    shared = base / "shared"
    shared.mkdir()
    site = Path(sysconfig.get_paths()["purelib"])
    for entry in site.iterdir():
        if entry.suffix == ".pth" or entry.name.startswith(EXTRAS) or entry.name == "__pycache__":
            continue
        if entry.name.split("-")[0].lower() in {e.lower() for e in EXTRAS}:
            continue
        (shared / entry.name).symlink_to(entry)
    venv_site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()"
                                "['purelib'])"], capture_output=True, text=True,
                               check=True).stdout.strip()
    Path(venv_site, "shared-torch.pth").write_text(str(shared) + "\n")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-index", "--no-deps",
                    str(dist["wheel"])], check=True, timeout=300)
    return python


def _run(python: str, code: str) -> subprocess.CompletedProcess:
    return subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=300,
                          cwd="/", env={**os.environ, "OMP_NUM_THREADS": "1",
                                        "PYTHONPATH": ""})


def _last_line(r: subprocess.CompletedProcess) -> str:
    return (r.stderr or r.stdout).strip().splitlines()[-1]


def test_bare_install_imports_rtorch_and_luz(bare_python):
    r = _run(bare_python, "import sys; from rtorch import *; import rtorch.luz; "
                          "import rtorch; print(rtorch.__file__, 'pandas' in sys.modules); "
                          "print(torch_randn(2, 3).shape)")
    assert r.returncode == 0, r.stderr
    first, shape = r.stdout.strip().splitlines()
    assert "site-packages" in first and first.endswith("False")
    assert shape == "[1] 2 3"


def test_bare_install_names_the_extra(bare_python):
    r = _run(bare_python, "import rtorch.vision")
    assert r.returncode != 0
    assert _last_line(r) == ("rtorch.lazy.MissingExtra: rtorch.vision needs torchvision, which "
                             "is not installed: pip install 'rtorch[vision]'")
    r = _run(bare_python, "from rtorch.luz import *\nfrom rtorch.luz.module import metrics_frame\n"
                          "metrics_frame({})")
    assert _last_line(r) == ("rtorch.lazy.MissingExtra: get_metrics() needs pandas, which is "
                             "not installed: pip install 'rtorch[luz]'")
    r = _run(bare_python, "from rtorch import *\nplot(c(1, 2))")
    assert _last_line(r) == ("rtorch.lazy.MissingExtra: plot() needs matplotlib, which is "
                             "not installed: pip install 'rtorch[luz]'")
    r = _run(bare_python, "import rtorch\nrtorch.iris")
    assert _last_line(r) == ("rtorch.lazy.MissingExtra: R's iris data set needs pandas, which "
                             "is not installed: pip install 'rtorch[data]'")


def test_python_m_rtorch_version(bare_python):
    import rtorch
    r = subprocess.run([bare_python, "-m", "rtorch", "--version"], capture_output=True,
                       text=True, timeout=300, cwd="/")
    assert r.stdout.strip() == f"rtorch {rtorch.__version__}"
    r = subprocess.run([bare_python, "-m", "rtorch", "--info"], capture_output=True,
                       text=True, timeout=300, cwd="/")
    lines = r.stdout.strip().splitlines()
    assert lines[1].startswith("torch 2.")
    assert ("[vision] torchvision not installed, pillow not installed, pandas not installed"
            in lines)
