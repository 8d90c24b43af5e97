"""Proof on real text for ``rtorch.port``: translate R Markdown articles and R scripts, run
the translations with ``python -m rtorch.rscript``, and compare what they print with what R
printed (the hand-ported vignettes' recorded notebook outputs, which the project's tests hold
equal to R's, or R's own output kept next to a script)."""
from __future__ import annotations

import json
import re
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
    "luz-custom-loop.Rmd": "luz_custom_loop",
}

#: The project's other hand-ported vignettes are its own articles, with no R article behind
#: them (a multi-process luz run, an image-folder classifier, least squares and the FFT).
OWN_VIGNETTES = {"distributed", "image_classification", "least_squares"}

#: luz's checkpoints and lr-finder articles do not run their training chunks when the
#: package is built (``eval = FALSE``); the hand-ported vignettes run them, so the proof does
#: too (``--eval-all``). The other articles run as knitr runs them: luz's get-started runs
#: only its hidden evaluation example and prints it; luz's custom-loop sets
#: ``knitr::opts_chunk$set(eval = FALSE)`` and runs nothing (its chunks do not run as written:
#: they use a layer they never make and names they never define).
EVAL_ALL = {"luz-checkpoints.Rmd", "luz-lr-finder.Rmd"}

#: Articles where R printed nothing (knitr ran no chunk that prints): their proof is that
#: the translation runs what knitr ran and prints nothing either.
NO_OUTPUT = {"luz-custom-loop.Rmd"}

#: Cells of the hand-ported vignette that make what the article reads from elsewhere (data it
#: downloads or builds in chunks it does not run): run before the translation. The MNIST
#: stand-in is written where the article looks (``~/Downloads/mnist``, under a fresh HOME).
SETUP_CELLS = {
    "luz_lr_finder": ["MNIST stand-in (not in the article)"],
}

#: Cells of the hand-ported vignette whose output is not the article's: code the article
#: shows but knitr does not run (``eval = FALSE``: R printed nothing there) or code the
#: vignette adds. Their outputs are left out of what the translation must print.
NOT_IN_ARTICLE = {
    # the Python side of "loading models saved in Python" and the eval = FALSE chunk that
    # loads its weights into `Model()`, which the article leaves to the reader
    "serialization": ["the Python side (PyTorch)", "the architecture in rtorch",
                      "loading the state dict", "same outputs"],
    # fit(..., callbacks = list(print_callback(...))) is eval = FALSE, with `...` for
    # arguments: the vignette fills them in and runs it
    "luz_get_started": ["fit with the callback"],
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
    tagged ``random`` or ``varies`` left out, and those of :data:`NOT_IN_ARTICLE`), in
    order."""
    with open(os.path.join(VIGNETTES, vignette + ".ipynb"), encoding="utf-8") as f:
        nb = json.load(f)
    blocks = []
    skipped = set(NOT_IN_ARTICLE.get(vignette, []))
    titles = {cell.get("metadata", {}).get("title") for cell in nb["cells"]}
    assert skipped <= titles, f"{vignette} has no cell {sorted(skipped - titles)}"
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        if "random" in tags or "varies" in tags:
            continue
        if cell.get("metadata", {}).get("title") in skipped:
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


# ---------------------------------------------------------------------- the seed tutorial
#: The seed tutorial (a rendered page: prose, R code, and R's output as ``## `` lines) is
#: kept with the project's shared material, beside the repository.
SEED_DIRS = [os.path.join(HERE, "..", "..", "shared", "seed"),
             os.path.join(HERE, "..", "..", "..", "shared", "seed")]

#: R code whose output is random (or needs a GPU, or is a data frame's console layout):
#: such chunks run, but their lines are not compared.
NOT_COMPARED = re.compile(r"torch_rand|sample\(|shuffle = TRUE|nn_linear|nn_conv|cuda|glimpse"
                          r"|penguins|fit\(")


def seed_text() -> str | None:
    """The seed tutorial's text, or None where the shared material is not beside the repo."""
    for d in SEED_DIRS:
        if os.path.isdir(d):
            names = sorted(n for n in os.listdir(d) if n.endswith(".txt"))
            if names:
                with open(os.path.join(d, names[0]), encoding="utf-8") as f:
                    return f.read()
    return None


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _is_prose(line: str) -> bool:
    """A line of the page's prose: Chinese outside a comment, or words that are not R (an
    unindented line without brackets, ``$`` or an assignment that does not parse)."""
    code = line.split("#", 1)[0]
    if _CJK.search(code):
        return True
    from rtorch.port.parse import parse, parse_errors
    stripped = code.strip()
    if line[:1].isspace():
        return False   # an indented line continues code
    return bool(stripped) and not re.search(r"[()\[\]{}$%]|<-|[,+*/=-]$", stripped) and \
        bool(parse_errors(parse(stripped)))


@dataclass
class SeedChunk:
    code: str
    output: str

    @property
    def compared(self) -> bool:
        return bool(self.output) and not NOT_COMPARED.search(self.code)


def seed_chunks(text: str) -> list[SeedChunk]:
    """The tutorial's R chunks and what R printed for each: a chunk is a run of code and
    ``## `` output lines between two lines of prose."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("library("))
    chunks: list[SeedChunk] = []
    code: list[str] = []
    out: list[str] = []

    def flush() -> None:
        if any(c.strip() for c in code):
            chunks.append(SeedChunk("\n".join(code), "".join(o + "\n" for o in out)))
        code.clear()
        out.clear()

    for line in lines[start:]:
        if line.startswith("##") and (line == "##" or line.startswith("## ")):
            out.append(line[3:])
        elif not line.strip():
            continue
        elif _is_prose(line):
            flush()
        else:
            code.append(line)
    flush()
    return chunks


MARK = "@@chunk@@"


def seed_script(chunks: list[SeedChunk]) -> str:
    """The chunks translated as one document (names and libraries carry over from chunk to
    chunk, as in R), then joined into one script printing a marker line before each chunk;
    chunks that need a GPU are left out (R ran them on one)."""
    doc = "\n\n".join("```{r}\n" + ("# needs a GPU" if "cuda" in c.code else c.code) + "\n```"
                      for c in chunks)
    cells = [c for c in translate_document(doc, markdown=True).cells if c.kind == "code"]
    assert len(cells) == len(chunks)
    parts = []
    for cell in cells:
        parts.append(f"print({MARK!r})")
        parts.append(cell.source)
    return "\n".join(parts) + "\n"
