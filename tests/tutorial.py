"""Run the vignettes' ported tutorial chunks from the tests (the code is written once, in
``vignettes/``; the tests assert on what it prints and leaves behind)."""
from __future__ import annotations

import io
import os
import sys
from contextlib import redirect_stdout

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vignettes"))
from autoprint import run, star_import  # noqa: E402
import luz_regression  # noqa: E402,F401
import seed  # noqa: E402,F401
import seed_tensors  # noqa: E402,F401



def namespace(*libraries: str, **overrides) -> dict:
    """What ``from rtorch import *`` (and ``libraries``, e.g. ``"rtorch.luz"``) gives a
    script, with ``overrides`` on top."""
    return {**star_import("rtorch", *libraries), **overrides}


def run_chunks(chunks, titles, ns: dict) -> str:
    """Run the chunks named in ``titles``, in the order of ``chunks`` and all earlier ones
    (later chunks use earlier names); return what the named chunks printed."""
    titles = {titles} if isinstance(titles, str) else set(titles)
    printed = io.StringIO()
    for title, code in chunks:
        out = io.StringIO()
        with redirect_stdout(out):
            run(code, ns)
        if title in titles:
            printed.write(out.getvalue())
            titles.discard(title)
            if not titles:
                return printed.getvalue()
    raise KeyError(sorted(titles))
