"""Proof on real text, luz's articles (tests/data/port/articles/luz-*.Rmd and the child
documents in tests/data/port/man/rmd/, under luz's MIT licence): see test_port_articles."""
from __future__ import annotations

import pytest

pytest.importorskip("tree_sitter_language_pack")

from port_proof import ARTICLES  # noqa: E402
from test_port_articles import check  # noqa: E402

LUZ = sorted(a for a in ARTICLES if a.startswith("luz-"))


@pytest.mark.parametrize("article", LUZ)
def test_luz_article(article, tmp_path):
    check(article, tmp_path)
