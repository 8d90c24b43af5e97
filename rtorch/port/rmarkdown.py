"""R Markdown (``.Rmd``) and Quarto (``.qmd``) documents: prose and R chunks, in order.

A chunk is a fenced block opened by ```` ```{r label, opt = value} ```` (Quarto's chunk
options may also be ``#| opt: value`` lines at its top). Chunks of other engines are kept as
prose; so is the YAML header, as the document's title."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

__all__ = ["Cell", "read_rmd"]

_OPEN = re.compile(r"^(\s*)(`{3,})\s*\{\s*([A-Za-z0-9_]+)\s*,?\s*(.*?)\s*\}\s*$")
_QUARTO_OPT = re.compile(r"^#\|\s*([\w.-]+)\s*:\s*(.*?)\s*$")
_SET_DEFAULTS = re.compile(r"^\s*(?:knitr\s*::\s*)?opts_chunk\s*\$\s*set\s*\((.*)\)\s*$", re.S)


@dataclass
class Cell:
    """One cell: ``kind`` is "markdown" or "code"; code cells keep their R source, their
    label, their options and the 1-based line of their first source line."""
    kind: str
    source: str
    label: str = ""
    options: dict = field(default_factory=dict)
    line: int = 1

    @property
    def evaluated(self) -> bool:
        """False for chunks knitr does not run (``eval = FALSE``)."""
        value = str(self.options.get("eval", "TRUE")).strip()
        return value not in ("FALSE", "F", "false", "no")


def _options(text: str) -> tuple[str, dict]:
    """The label and options of a chunk header's ``label, a = 1, b = "x"`` part."""
    label, options = "", {}
    depth, start, items = 0, 0, []
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    for n, item in enumerate(i.strip() for i in items):
        if not item:
            continue
        if "=" in item and not item.startswith(("'", '"')):
            key, value = item.split("=", 1)
            options[key.strip()] = value.strip()
        elif n == 0:
            label = item.strip("'\"")
    if "label" in options:
        label = options.pop("label").strip("'\"")
    return label, options


def _defaults(source: str) -> dict:
    """The chunk options a ``knitr::opts_chunk$set(...)`` chunk sets for the chunks after it;
    empty for any other chunk."""
    m = _SET_DEFAULTS.match(source.strip())
    return _options("_, " + m.group(1).strip())[1] if m else {}


def _title(yaml: list[str]) -> list[str]:
    for line in yaml:
        m = re.match(r"^title:\s*[\"']?(.*?)[\"']?\s*$", line)
        if m and m.group(1):
            return [f"# {m.group(1)}"]
    return []


def read_rmd(text: str, base_dir: str | None = None) -> list[Cell]:
    """The cells of an R Markdown / Quarto document, in order. A chunk with a ``child``
    option is replaced by the cells of that document (read relative to ``base_dir``, as
    knitr reads it relative to the parent document)."""
    lines = text.splitlines()
    cells: list[Cell] = []
    prose: list[str] = []
    defaults: dict = {}   # what knitr::opts_chunk$set() set for the chunks after it
    i = 0
    if lines and lines[0].strip() == "---":
        end = next((j for j in range(1, len(lines)) if lines[j].strip() in ("---", "...")), None)
        if end is not None:
            prose.extend(_title(lines[1:end]))
            i = end + 1

    def flush() -> None:
        while prose and not prose[0].strip():
            prose.pop(0)
        while prose and not prose[-1].strip():
            prose.pop()
        if prose:
            cells.append(Cell("markdown", "\n".join(prose)))
        prose.clear()

    while i < len(lines):
        m = _OPEN.match(lines[i])
        if not m or m.group(3).lower() != "r":
            prose.append(lines[i])
            i += 1
            continue
        fence = m.group(2)
        label, options = _options(m.group(4))
        start = i + 1
        j = start
        while j < len(lines) and not re.match(rf"^\s*{fence}\s*$", lines[j]):
            j += 1
        body = lines[start:j]
        while body and _QUARTO_OPT.match(body[0]):
            key, value = _QUARTO_OPT.match(body[0]).groups()
            options[key] = {"false": "FALSE", "true": "TRUE"}.get(value, value)
            body = body[1:]
            start += 1
        if "label" in options:
            label = options.pop("label").strip("'\"")
        flush()
        child = options.get("child", "").strip("'\"")
        if child and base_dir is not None:
            path = os.path.normpath(os.path.join(base_dir, child))
            with open(path, encoding="utf-8") as f:
                cells.extend(read_rmd(f.read(), os.path.dirname(path)))
        elif not child:
            source = "\n".join(body)
            cells.append(Cell("code", source, label, {**defaults, **options}, start + 1))
            defaults.update(_defaults(source))
        i = j + 1
    flush()
    return cells
