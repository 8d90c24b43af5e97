"""Proof on real text, the rest of R torch's articles: see test_port_articles."""
from __future__ import annotations

import pytest

pytest.importorskip("tree_sitter_language_pack")

from test_port_articles import TORCH, check  # noqa: E402


@pytest.mark.parametrize("article", TORCH[4:])
def test_torch_article(article, tmp_path):
    check(article, tmp_path)
