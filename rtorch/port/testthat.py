"""Translate an R package's testthat folder (``tests/testthat``) into a pytest folder.

testthat sources ``helper*.R`` (and ``setup*.R``) before the tests; here they become one
module, ``testthat_helpers.py``, that every translated ``test_*.py`` imports. Each
``test_that("what", { ... })`` becomes a test function (``def test_what():``) pytest collects,
and the expectations come from :mod:`rtorch.testthat`::

    python -m rtorch.port tests/testthat -o tests_py
    python -m pytest tests_py
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .translate import Todo, Translator, translate_code

__all__ = ["translate_testthat", "TestthatResult"]

HELPERS = "testthat_helpers"
_HEADER = "from rtorch import *\nfrom rtorch.testthat import *\n"

#: testthat's ``local_*()`` calls last until their test ends: the edition is put back after
#: each test, as R's ``local_edition()`` puts it back when the test's frame exits.
_CONFTEST = '''import pytest

from rtorch.testthat import edition_get, local_edition


@pytest.fixture(autouse=True)
def _testthat_edition():
    edition = edition_get()
    yield
    local_edition(edition)
'''


@dataclass
class TestthatResult:
    """What :func:`translate_testthat` wrote: the files (R name -> Python path) and the
    statements left as ``# TODO(port)`` per R file."""
    __test__ = False
    files: dict[str, str] = field(default_factory=dict)
    todos: dict[str, list[Todo]] = field(default_factory=dict)
    errors: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _write(path: str, text: str) -> None:
    from ..atomic import atomic_write
    atomic_write(path, lambda f: f.write(text.encode("utf-8")))


def _module_name(r_file: str) -> str:
    stem = os.path.splitext(os.path.basename(r_file))[0]
    stem = re.sub(r"^test[-_.]?", "", stem)
    return "test_" + re.sub(r"[^0-9A-Za-z]+", "_", stem).strip("_").lower()


def package_edition(folder: str) -> int:
    """The testthat edition of the package whose ``tests/testthat`` is ``folder``: its
    DESCRIPTION's ``Config/testthat/edition``, else 2 (testthat's default for a package);
    3 where no DESCRIPTION is found."""
    path = os.path.join(folder, os.pardir, os.pardir, "DESCRIPTION")
    if not os.path.exists(path):
        return 3
    m = re.search(r"^Config/testthat/edition:\s*(\d+)", _read(path), re.M)
    return int(m.group(1)) if m else 2


def translate_testthat(folder: str, out: str, edition: int | None = None) -> TestthatResult:
    """Translate ``folder`` (an R ``tests/testthat``) into ``out``: ``testthat_helpers.py``
    from the helper and setup files, and one ``test_*.py`` per ``test-*.R``. ``edition``:
    testthat's (2: ``expect_equal()`` is ``all.equal()``; 3: waldo's), by default the
    package's (:func:`package_edition`)."""
    edition = package_edition(folder) if edition is None else edition
    names = sorted(os.listdir(folder))
    helpers = [n for n in names if n.endswith((".R", ".r")) and n.startswith(("helper", "setup"))]
    tests = [n for n in names if n.endswith((".R", ".r")) and n.startswith("test")]
    os.makedirs(out, exist_ok=True)
    result = TestthatResult()
    base = Translator()
    base._testthat()
    chunks = []
    for n in helpers:
        seen = len(base.todos)
        code, base, errors = translate_code(_read(os.path.join(folder, n)), base)
        chunks.append(f"# ---- {n}\n{code}")
        result.todos[n], result.errors[n] = base.todos[seen:], errors
    imports = "\n".join(sorted(i for i in base.imports if not i.startswith("from rtorch")))
    helper_code = (_HEADER + (imports + "\n" if imports else "")
                   + f"local_edition({edition})   # the package's testthat edition\n\n"
                   + "\n".join(chunks))
    _write(os.path.join(out, HELPERS + ".py"), helper_code)
    _write(os.path.join(out, "conftest.py"), _CONFTEST)
    result.files.update({n: os.path.join(out, HELPERS + ".py") for n in helpers})
    for n in tests:
        tr = Translator()
        tr._testthat()
        tr.defined = set(base.defined)
        tr._called, tr._assigned = set(), set()
        tr.list_names |= base.list_names
        tr.vector_names |= base.vector_names
        code, tr, errors = translate_code(_read(os.path.join(folder, n)), tr)
        imports = "\n".join(sorted(i for i in tr.imports if not i.startswith("from rtorch")))
        text = (_HEADER + f"from {HELPERS} import *  # noqa: F403\n"
                + (imports + "\n" if imports else "") + "\n" + code)
        path = os.path.join(out, _module_name(n) + ".py")
        _write(path, text)
        result.files[n] = path
        result.todos[n], result.errors[n] = tr.todos, errors
    return result
