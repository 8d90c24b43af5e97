"""The vignettes are percent-format Python scripts (``# %%`` starts a code cell,
``# %% [markdown]`` a markdown cell); this module turns each into a Jupyter notebook and
executes it in a real kernel, so the committed ``.ipynb`` files carry their outputs.

    python vignettes/notebook.py               # rebuild every notebook
    python vignettes/notebook.py seed indexing # rebuild some

A cell line may carry a title and tags: ``# %% 1.Tensors tags=["random"]``. Cells tagged
``random`` print random draws: the tests compare their layout, not their digits; cells
tagged ``varies`` print what depends on the installed versions: the tests only run them.
The same scripts run as plain scripts with R's auto-print:
``python -m rtorch.rscript --echo vignettes/seed.py``.
"""
from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))

#: The first cell of every notebook: Jupyter then shows every top-level value, as R does.
SETUP = "%load_ext rtorch.rscript"

_MARKER = re.compile(r"^# %%(?P<rest>.*)$")


@dataclass
class Cell:
    kind: str                       # "code" or "markdown"
    source: str
    title: str = ""
    tags: list[str] = field(default_factory=list)


def vignette_names() -> list[str]:
    """The vignettes: every percent-format script in ``vignettes/``."""
    names = []
    for file in sorted(os.listdir(HERE)):
        if file.endswith(".py"):
            with open(os.path.join(HERE, file), encoding="utf-8") as f:
                if f.readline().startswith("# %%"):
                    names.append(file[:-3])
    return names


def read_cells(name: str) -> list[Cell]:
    """The cells of ``vignettes/<name>.py``."""
    with open(os.path.join(HERE, name + ".py"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    cells: list[Cell] = []
    for line in lines:
        marker = _MARKER.match(line)
        if marker:
            rest = marker.group("rest")
            tags: list[str] = []
            if "tags=" in rest:
                rest, tag_text = rest.split("tags=", 1)
                tags = json.loads(tag_text)
            kind = "markdown" if "[markdown]" in rest else "code"
            cells.append(Cell(kind, "", rest.replace("[markdown]", "").strip(), tags))
        elif cells:
            cell = cells[-1]
            if cell.kind == "markdown":
                line = line[2:] if line.startswith("# ") else line.lstrip("#")
            cell.source += line + "\n"
    for cell in cells:
        cell.source = cell.source.strip("\n")
    return [c for c in cells if c.source]


def to_notebook(cells: list[Cell]):
    """An unexecuted notebook of ``cells``, after the auto-print setup cell."""
    import nbformat.v4 as nbf

    nb = nbf.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells.append(nbf.new_code_cell(SETUP, metadata={"tags": ["setup"]}))
    for i, cell in enumerate(cells):
        metadata = {k: v for k, v in (("title", cell.title), ("tags", cell.tags)) if v}
        make = nbf.new_code_cell if cell.kind == "code" else nbf.new_markdown_cell
        nb.cells.append(make(cell.source, metadata=metadata, id=f"cell-{i + 1}"))
    nb.cells[0]["id"] = "setup"
    return nb


def execute(nb, timeout: int = 600):
    """Run ``nb`` in a fresh Python kernel started in ``vignettes/`` (R's non-interactive
    session: luz shows no progress bars); return it with its outputs."""
    from nbclient import NotebookClient

    before = {k: os.environ.get(k) for k in ("RTORCH_INTERACTIVE", "PYTHONPATH")}
    os.environ["RTORCH_INTERACTIVE"] = "0"              # the kernel inherits it
    # the kernel imports this checkout's rtorch, whatever else the environment has installed
    os.environ["PYTHONPATH"] = os.pathsep.join([os.path.dirname(HERE)]
                                               + [p for p in [before["PYTHONPATH"]] if p])
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": HERE}}).execute()
    finally:
        for k, v in before.items():
            if v is None:
                del os.environ[k]
            else:
                os.environ[k] = v
    return nb


def output_text(cell) -> str:
    """What a code cell printed: its stdout and the text of each value it showed."""
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream" and output["name"] == "stdout":
            parts.append(output["text"])
        elif output["output_type"] in ("execute_result", "display_data"):
            parts.append(output["data"].get("text/plain", "") + "\n")
        elif output["output_type"] == "error":
            raise RuntimeError(f"{output['ename']}: {output['evalue']}")
    return "".join(parts)


def build(name: str) -> str:
    """Execute ``vignettes/<name>.py`` as a notebook and write ``vignettes/<name>.ipynb``."""
    import nbformat

    nb = execute(to_notebook(read_cells(name)))
    path = os.path.join(HERE, name + ".ipynb")
    tmp = path + ".tmp"
    nbformat.write(nb, tmp)
    os.replace(tmp, path)
    return path


if __name__ == "__main__":
    for name in sys.argv[1:] or vignette_names():
        print(build(name))
