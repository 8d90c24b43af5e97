"""``rtorch.port``: translate R torch scripts and R Markdown into rtorch Python.

    python -m rtorch.port script.R -o script.py        # R script -> Python script
    python -m rtorch.port article.Rmd -o article.py    # R Markdown -> percent-format script
    python -m rtorch.port article.Rmd -o article.ipynb # R Markdown -> notebook

    from rtorch.port import translate
    translate("x <- torch_tensor(1:3)\\nx$sum()")

The output follows rtorch's porting contract (``docs/porting.md``): same names, 1-based
indices and dims, R's printing; run it with ``python -m rtorch.rscript`` to get R's
auto-print. What the translator cannot translate stays in the output as the R lines in a
``# TODO(port)`` comment, and is listed in :attr:`Result.todos`. See ``docs/port.md``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .rmarkdown import Cell, read_rmd
from .translate import Todo, Translator

__all__ = ["translate", "translate_document", "Result", "Todo"]

_HEADER = "from rtorch import *"


@dataclass
class Result:
    """A translation: the Python cells (one for a script), the TODOs left, the parse errors."""
    cells: list[Cell]
    todos: list[Todo] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    def script(self) -> str:
        """Python source; a percent-format script (``# %%`` cells) for a document."""
        if len(self.cells) == 1 and self.cells[0].kind == "code" and not self.cells[0].label:
            return self.cells[0].source.rstrip() + "\n"
        out: list[str] = []
        for cell in self.cells:
            if cell.kind == "markdown":
                out.append("# %% [markdown]")
                out += ["# " + line if line.strip() else "#" for line in cell.source.splitlines()]
            else:
                out.append(f"# %% {cell.label}".rstrip())
                out.append(cell.source.rstrip())
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def notebook(self) -> str:
        """A Jupyter notebook (nbformat 4 JSON), cells not yet executed."""
        cells = []
        for cell in self.cells:
            lines = cell.source.rstrip().splitlines(keepends=True)
            if cell.kind == "markdown":
                cells.append({"cell_type": "markdown", "metadata": {}, "source": lines})
            else:
                cells.append({"cell_type": "code", "execution_count": None,
                              "metadata": {"tags": [cell.label]} if cell.label else {},
                              "outputs": [], "source": lines})
        if cells and cells[0]["cell_type"] == "code":
            cells.insert(0, {"cell_type": "code", "execution_count": None, "metadata": {},
                             "outputs": [], "source": ["%load_ext rtorch.rscript"]})
        else:
            cells.insert(1 if cells else 0, {"cell_type": "code", "execution_count": None,
                                             "metadata": {}, "outputs": [],
                                             "source": ["%load_ext rtorch.rscript"]})
        for i, cell in enumerate(cells):
            cell["id"] = f"cell-{i}"   # nbformat 4.5 wants an id on each cell
        nb = {"cells": cells, "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
        return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def _with_imports(source: str, tr: Translator, first: bool) -> str:
    head = sorted(tr.imports)
    if first and not tr.libraries:
        head.append(_HEADER)
    if not head:
        return source
    return "\n".join(head) + "\n" + source


def translate(text: str) -> str:
    """The rtorch Python for R source ``text`` (a script): imports, then the translated
    statements; untranslatable statements kept as ``# TODO(port)`` comments."""
    return translate_document(text).script()


def translate_document(text: str, markdown: bool = False, base_dir: str | None = None,
                       eval_all: bool = False) -> Result:
    """Translate an R script (``markdown=False``) or an R Markdown / Quarto document
    (its ``child`` documents read relative to ``base_dir``). Chunks knitr does not run
    (``eval = FALSE``) become markdown cells showing their translation, or code cells with
    ``eval_all``."""
    if not markdown:
        tr = Translator()
        lines, errors = tr.program(text)
        source = _with_imports("\n".join(lines), tr, first=True)
        return Result([Cell("code", source)], tr.todos, errors)
    tr = Translator()
    cells: list[Cell] = []
    document = read_rmd(text, base_dir)
    imports_torch = any(c.kind == "code" and re.search(r"\blibrary\(\s*torch\s*\)", c.source)
                        for c in document)
    errors: list[tuple[int, str]] = []
    first_code = True
    for cell in document:
        if cell.kind == "markdown":
            cells.append(cell)
            continue
        lines, errs = tr.program(cell.source, line_offset=cell.line - 1)
        if cell.evaluated or eval_all:
            errors += errs
        before = set(tr.imports)
        source = "\n".join(lines).strip("\n")
        if first_code:
            source = _with_imports(source, tr, first=not imports_torch)
            first_code = False
        elif tr.imports - before:
            source = "\n".join(sorted(tr.imports - before)) + "\n" + source
        if not source.strip():
            continue
        if str(cell.options.get("error", "")).strip() in ("TRUE", "T", "true"):
            # knitr shows the error and goes on: so does the port
            body = "\n".join("    " + ln if ln else ln for ln in source.splitlines())
            source = f"try:\n{body}\nexcept Exception as e:\n    print(e)"
        if not cell.evaluated and not eval_all:
            fenced = "Not run in the original (`eval = FALSE`):\n\n```python\n" + source + "\n```"
            cells.append(Cell("markdown", fenced))
            continue
        cells.append(Cell("code", source, cell.label or "", cell.options, cell.line))
    return Result(cells, tr.todos, errors)
