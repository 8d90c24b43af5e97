"""Proof on real text for ``rtorch.port``: translate R Markdown articles and R scripts, run
the translations with ``python -m rtorch.rscript``, and compare what they print with what R
printed (the hand-ported vignettes' recorded notebook outputs, which the project's tests hold
equal to R's, or R's own output kept next to a script)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

from rtorch.port import translate_document

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data", "port")
VIGNETTES = os.path.join(HERE, "..", "vignettes")

#: R article (tests/data/port/articles/) -> the hand-ported vignette printing R's output.
ARTICLES = {
    "torch-using-autograd.Rmd": "using_autograd",
    "torch-tensor-creation.Rmd": "tensor_creation",
    "torch-indexing.Rmd": "indexing",
    "torch-distributions.Rmd": "distributions",
    "torch-extending-autograd.Rmd": "extending_autograd",
    "torch-serialization.Rmd": "serialization",
    "torch-torchscript.Rmd": "torchscript",
    "torch-loading-data.Rmd": "loading_data",
    "luz-get-started.Rmd": "luz_get_started",
    "luz-checkpoints.Rmd": "luz_checkpoints",
    "luz-lr-finder.Rmd": "luz_lr_finder",
}


#: luz's articles do not run their training chunks when the package is built (``eval =
#: FALSE``); the hand-ported vignettes run them, so the proof does too (``--eval-all``).
EVAL_ALL = {"luz-get-started.Rmd", "luz-checkpoints.Rmd", "luz-lr-finder.Rmd"}

#: Cells of the hand-ported vignette that make what the article reads from elsewhere (data it
#: downloads or builds in chunks it does not run): run before the translation. The MNIST
#: stand-in is written where the article looks (``~/Downloads/mnist``, under a fresh HOME).
SETUP_CELLS = {
    "luz_lr_finder": ["MNIST stand-in (not in the article)"],
    "luz_get_started": ["data (made here instead of MNIST)"],
}


def setup_code(vignette: str) -> str:
    """The source of the vignette's cells in :data:`SETUP_CELLS` (after its imports)."""
    with open(os.path.join(VIGNETTES, vignette + ".py"), encoding="utf-8") as f:
        text = f.read()
    out = []
    for title in SETUP_CELLS.get(vignette, []):
        start = text.index(f"# %% {title}\n") + len(f"# %% {title}\n")
        end = text.find("\n# %%", start)
        out.append(text[start:end if end >= 0 else None])
    code = "\n".join(out).replace(
        "mnist_dir = tempfile()", "mnist_dir = os.path.expanduser('~/Downloads/mnist')")
    return code


def expected_blocks(vignette: str) -> list[str]:
    """What each deterministic code cell of ``vignettes/<vignette>.ipynb`` printed (cells
    tagged ``random`` or ``varies`` left out), in order."""
    with open(os.path.join(VIGNETTES, vignette + ".ipynb"), encoding="utf-8") as f:
        nb = json.load(f)
    blocks = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        if "random" in tags or "varies" in tags:
            continue
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream" and out.get("name") == "stdout":
                text = "".join(out["text"])
            elif out["output_type"] in ("display_data", "execute_result"):
                text = "".join(out.get("data", {}).get("text/plain", "")) + "\n"
            else:
                continue
            if text.strip():
                blocks.append(text)
    return blocks


def run_python(source: str, cwd: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run ``source`` with ``python -m rtorch.rscript`` (R's auto-print) in ``cwd``."""
    path = os.path.join(cwd, "translated.py")
    with open(path, "w", encoding="utf-8") as f:
        f.write(source)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg", "HOME": cwd,
           "PYTHONPATH": os.path.join(HERE, "..")}
    return subprocess.run([sys.executable, "-m", "rtorch.rscript", path], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


@dataclass
class Score:
    found: int
    total: int
    missing: list[str]

    @property
    def ratio(self) -> float:
        return self.found / self.total if self.total else 1.0


def score(output: str, blocks: list[str]) -> Score:
    """How many of ``blocks`` appear in ``output``, in order, each as whole lines."""
    pos, found, missing = 0, 0, []
    out = _normal(output if output.endswith("\n") else output + "\n")
    for block in map(_normal, blocks):
        at = out.find(block, pos)
        while at > 0 and out[at - 1] != "\n":
            at = out.find(block, at + 1)
        if at >= 0:
            found += 1
            pos = at + len(block)
        else:
            missing.append(block)
    return Score(found, len(blocks), missing)


def _normal(text: str) -> str:
    """Lines without their surrounding blanks (Jupyter's pretty-printer indents the
    continuation lines of a Python list and breaks it after each comma; a script's
    ``print`` does neither): a ``, `` that ends a tensor's line ends the line."""
    text = text.replace("], torch_tensor", "],\ntorch_tensor")
    return "\n".join(line.strip() for line in text.split("\n"))


def translate_file(path: str, eval_all: bool = False):
    """The translation of an ``.R`` or ``.Rmd`` file (a :class:`rtorch.port.Result`)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return translate_document(text, markdown=path.endswith((".Rmd", ".qmd")),
                              base_dir=os.path.dirname(path), eval_all=eval_all)
