"""Proof on R torch scripts by other people (tests/data/port/scripts/, see its README): each
is translated by ``rtorch.port`` with nothing left as TODO, run with
``python -m rtorch.rscript``, and its output compared with R's (random digits masked)."""
from __future__ import annotations

import os
import re

import pytest

pytest.importorskip("tree_sitter_language_pack")

from port_proof import DATA, run_python, translate_file  # noqa: E402

SCRIPTS = os.path.join(DATA, "scripts")
NAMES = sorted(n[:-2] for n in os.listdir(SCRIPTS) if n.endswith(".R"))
RANDOM = {"torch-example-basic-nn-module"}   # its weights and inputs are random draws


def masked(text: str, random: bool) -> str:
    return re.sub(r" *-?\d+\.\d+(e[+-]\d+)?", "#", text) if random else text


@pytest.mark.parametrize("name", NAMES)
def test_script(name, tmp_path):
    result = translate_file(os.path.join(SCRIPTS, name + ".R"))
    assert result.todos == [] and result.errors == []
    run = run_python(result.script(), str(tmp_path))
    assert run.returncode == 0, run.stderr[-2000:]
    with open(os.path.join(SCRIPTS, name + ".out"), encoding="utf-8") as f:
        expected = f.read()
    assert masked(run.stdout, name in RANDOM) == masked(expected, name in RANDOM)
