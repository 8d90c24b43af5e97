"""Proof on the seed tutorial: every R chunk of the rendered page is translated by
``rtorch.port``, the chunks run in order as one script with ``python -m rtorch.rscript``,
and each deterministic chunk's output is compared line by line with R's ``## `` lines."""
from __future__ import annotations

import pytest

pytest.importorskip("tree_sitter_language_pack")

from port_proof import MARK, run_python, seed_chunks, seed_script, seed_text  # noqa: E402


def test_seed_tutorial(tmp_path):
    text = seed_text()
    if text is None:
        pytest.skip("the seed tutorial is kept beside the repository, not in it")
    chunks = seed_chunks(text)
    assert len(chunks) >= 20
    run = run_python(seed_script(chunks), str(tmp_path))
    assert run.returncode == 0, run.stderr[-2000:]
    outputs = run.stdout.split(MARK + "\n")[1:]
    assert len(outputs) == len(chunks)
    compared = [(c, o) for c, o in zip(chunks, outputs) if c.compared]
    assert len(compared) >= 12
    # knitr drops the trailing blank of a page's last output line: compare lines rstripped
    def lines(text: str) -> list[str]:
        return [ln.rstrip() for ln in text.splitlines()]

    differ = [c.code for c, o in compared if lines(o) != lines(c.output)]
    assert differ == []
