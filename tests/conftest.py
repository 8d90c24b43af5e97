"""Test tiers. Markers (declared in ``pyproject.toml``):

* ``notebooks``: executes notebooks or vignettes end to end in a Jupyter kernel or a fresh
  interpreter (most of the suite's time);
* ``slow``: takes more than a few seconds for another reason (pyright over the vignettes,
  building and installing the wheel, torchrun, interrupted 200 MB saves);
* ``packaging``: builds the wheel and the sdist and installs the wheel in a fresh virtual
  environment.

``pytest -m "not notebooks"`` is the quick tier for local work; ``pytest -m "not notebooks and
not slow"`` quicker still; CI runs everything (plain ``pytest``).
"""
from __future__ import annotations

import pytest

#: tests marked here rather than in their files (module name -> markers for all its tests)
MODULE_MARKERS: dict[str, tuple[str, ...]] = {
    "test_vignettes": (),                    # marked per test in the file
    "test_notebook_output": ("notebooks",),
    "test_packaging": ("packaging", "slow"),
    # the translator's proofs: whole R articles and scripts, translated, then run end to end
    # in a fresh interpreter, as the vignettes are
    "test_port_seed": ("notebooks",),
    "test_port_articles": ("notebooks",),
    "test_port_articles_more": ("notebooks",),
    "test_port_luz": ("notebooks",),
    "test_port_scripts": ("notebooks",),
    "test_port_testthat": ("notebooks",),
    "test_luz_distributed": ("slow",),       # luz scripts under torchrun (2 processes)
    "test_save_kill": ("slow",),             # 20 interrupted saves of 200 MB
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for name in MODULE_MARKERS.get(item.module.__name__.rpartition(".")[2], ()):
            item.add_marker(getattr(pytest.mark, name))
