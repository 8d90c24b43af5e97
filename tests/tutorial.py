"""Run the vignettes' cells from the tests: the tutorial is written once, in
``vignettes/seed.py``; the tests assert on what its cells print and leave behind."""
from __future__ import annotations

import importlib
import io
import os
import sys
from contextlib import redirect_stdout

from rtorch.rscript import run_source

VIGNETTES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vignettes")
sys.path.insert(0, VIGNETTES)
from notebook import read_cells  # noqa: E402


def chunks(name: str) -> list[tuple[str, str]]:
    """(title, code) of each code cell of ``vignettes/<name>.py`` after its imports cell."""
    return [(c.title, c.source) for c in read_cells(name) if c.kind == "code" and c.title != "library"]


SEED = chunks("seed")


def namespace(*libraries: str, **overrides) -> dict:
    """What ``from rtorch import *`` (and ``libraries``, e.g. ``"rtorch.luz"``) gives a
    script, with ``overrides`` on top."""
    ns: dict = {}
    for name in ("rtorch", *libraries):
        module = importlib.import_module(name)
        ns.update({n: getattr(module, n) for n in module.__all__})
    return {**ns, **overrides}


def run(code: str, ns: dict) -> str:
    """Run ``code`` in ``ns`` as a script (R's auto-print); return what it printed."""
    out = io.StringIO()
    with redirect_stdout(out):
        run_source(code, ns)
    return out.getvalue()


def run_chunks(chunks, titles, ns: dict, since: str | None = None) -> str:
    """Run the chunks named in ``titles`` and every chunk before them (later chunks use
    earlier names), starting at the chunk titled ``since`` if given; return what the named
    chunks printed."""
    titles = {titles} if isinstance(titles, str) else set(titles)
    printed = io.StringIO()
    started = since is None
    for title, code in chunks:
        started = started or title == since
        if not started:
            continue
        out = run(code, ns)
        if title in titles:
            printed.write(out)
            titles.discard(title)
            if not titles:
                return printed.getvalue()
    raise KeyError(sorted(titles))
