"""Every vignette executes as a notebook in a fresh Jupyter kernel and prints what its
committed notebook shows; the reference tutorial's deterministic cells print what R printed,
in the notebook and through the README's demo command."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import nbformat
import pytest

from seed_r_output import R_OUTPUT
from tutorial import VIGNETTES
from notebook import execute, output_text, read_cells, to_notebook, vignette_names

NAMES = vignette_names()
_fresh: dict = {}


def fresh(name: str):
    """``vignettes/<name>.py`` executed now, as a notebook (once per test session)."""
    if name not in _fresh:
        _fresh[name] = execute(to_notebook(read_cells(name)))
    return _fresh[name]


def stored(name: str):
    return nbformat.read(os.path.join(VIGNETTES, name + ".ipynb"), as_version=4)


def layout(text: str) -> str:
    """What random draws keep of a printed text: its numbers masked, its blanks collapsed,
    and a tensor print's scale line (``1e-02 *``) dropped."""
    masked = re.sub(r"-?\d+(\.\d+)?(e[+-]?\d+)?", "#", text)
    return re.sub(r"\s+", " ", re.sub(r"(?m)^[ \t]*# \*[ \t]*\n", "", masked))


def test_the_seed_and_at_least_eight_articles_are_vignettes():
    assert "seed" in NAMES and len(NAMES) >= 9
    assert not (set(NAMES) - {f[:-6] for f in os.listdir(VIGNETTES) if f.endswith(".ipynb")})


@pytest.mark.parametrize("name", NAMES)
def test_notebook_holds_the_script_cells(name):
    nb = stored(name)
    expected = [(c.kind, c.source, c.title, c.tags) for c in read_cells(name)]
    got = [(c.cell_type, c.source, c.metadata.get("title", ""), c.metadata.get("tags", []))
           for c in nb.cells[1:]]
    assert got == expected, f"vignettes/{name}.ipynb is stale: python vignettes/notebook.py {name}"


@pytest.mark.notebooks
@pytest.mark.parametrize("name", NAMES)
def test_vignette_executes_and_prints_what_its_notebook_shows(name):
    now, before = fresh(name).cells, stored(name).cells
    assert len(now) == len(before)
    for new, old in zip(now, before):
        if new.cell_type != "code":
            continue
        tags = new.metadata.get("tags", [])
        printed = output_text(new)                  # raises on a cell's error
        if "varies" in tags:
            continue
        if "random" in tags:
            assert layout(printed) == layout(output_text(old)), new.source
        else:
            assert printed == output_text(old), new.source


@pytest.mark.notebooks
def test_seed_notebook_prints_what_r_printed():
    cells = {c.metadata.get("title"): c for c in fresh("seed").cells if c.cell_type == "code"}
    for title, text in R_OUTPUT.items():
        assert output_text(cells[title]) == text, title


@pytest.mark.notebooks
def test_demo_command_prints_what_r_printed():
    env = {**os.environ, "RTORCH_INTERACTIVE": "0"}
    out = subprocess.run([sys.executable, "-m", "rtorch.rscript", "--echo",
                          os.path.join(VIGNETTES, "seed.py")], env=env, capture_output=True,
                         text=True, check=True, timeout=600).stdout
    printed = "".join(line for line in out.splitlines(keepends=True)
                      if not line.startswith(("> ", "+ ")))        # the echoed code
    for title, text in R_OUTPUT.items():
        assert text in printed, title
    assert "> t1 = torch_tensor(1)\n> t1\ntorch_tensor\n 1\n[ CPUFloatType{1} ]\n" in out


def test_layout_ignores_digits_widths_and_scale_lines():
    plain = "torch_tensor\n(1,.,.) = \n -1.2345  0.5000\n[ CPUFloatType{1,1,2} ]"
    scaled = "torch_tensor\n(1,.,.) = \n  1e-02 *\n  -4.2345  10.5000\n[ CPUFloatType{1,1,2} ]"
    assert layout(plain) == layout(scaled)
    assert layout(plain) != layout(plain.replace("{1,1,2}", "{1,2}"))
