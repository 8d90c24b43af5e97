"""What ``import rtorch`` does not do (import pandas or matplotlib, parse PyTorch's stubs twice),
and what it still does when they arrive (pandas frames get ``.r``; missing extras are named)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rtorch import lazy, signatures, stubcache

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str, **env: str) -> str:
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       timeout=300, env={**os.environ, "OMP_NUM_THREADS": "1", **env})
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_import_rtorch_and_luz_import_neither_pandas_nor_matplotlib():
    out = _python("import sys\nfrom rtorch import *\nfrom rtorch.luz import *\n"
                  "x = as_numeric(torch_tensor(c(1, 2)))\n"
                  "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))")
    assert out == "[]"


def test_pandas_frames_get_the_r_indexer_when_pandas_arrives():
    pytest.importorskip("pandas")
    out = _python("import sys\nimport rtorch\nassert 'pandas' not in sys.modules\n"
                  "import pandas as pd\ndf = pd.DataFrame({'a': [1, 2, 3], 'b': [4, 5, 6]})\n"
                  "print(list(df.r[2:3, 'b']), rtorch.dataframe.is_frame(df))")
    assert out == "[5, 6] True"


def test_data_frames_are_built_on_first_use():
    pytest.importorskip("pandas")
    out = _python("import sys\nimport rtorch\nprint('pandas' in sys.modules)\n"
                  "print(rtorch.mtcars.shape, 'pandas' in sys.modules)")
    assert out == "False\n(32, 11) True"


def test_missing_extra_is_one_line_naming_the_extra():
    with pytest.raises(lazy.MissingExtra) as e:
        lazy.require("rtorch_no_such_module", "luz", "plot()")
    assert str(e.value) == ("plot() needs rtorch_no_such_module, which is not installed: "
                            "pip install 'rtorch[luz]'")
    assert isinstance(e.value, ModuleNotFoundError)
    missing = lazy.LazyModule("rtorch_no_such_module", extra="data")
    with pytest.raises(lazy.MissingExtra, match=r"pip install 'rtorch\[data\]'"):
        missing.DataFrame


def test_when_imported_runs_now_or_later(tmp_path, monkeypatch):
    seen = []
    lazy.when_imported("json", lambda m: seen.append(m.__name__))       # already imported
    assert seen == ["json"]
    name = "rtorch_test_hook_module"
    (tmp_path / f"{name}.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        lazy.when_imported(name, lambda m: seen.append(m.VALUE))
        assert seen == ["json"]
        __import__(name)
        assert seen == ["json", 1]
    finally:
        sys.modules.pop(name, None)


# ---- the stub cache ----------------------------------------------------------------------------

def test_stub_cache_gives_what_parsing_gives(tmp_path, monkeypatch):
    monkeypatch.setenv("RTORCH_CACHE_DIR", str(tmp_path))
    read = signatures._read_stub
    parsed = read.__wrapped__("__init__.pyi", "TensorBase")
    first = read("__init__.pyi", "TensorBase")                       # parses, writes the cache
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].suffix == ".json"
    second = read("__init__.pyi", "TensorBase")                      # reads the cache
    assert first == parsed and second == parsed
    assert second["sum"] == parsed["sum"] and second["sum"] is not parsed["sum"]


def test_stub_cache_can_be_turned_off_and_survives_a_bad_file(tmp_path, monkeypatch):
    monkeypatch.setenv("RTORCH_CACHE_DIR", "")
    assert stubcache.cache_dir() is None
    signatures._read_stub("_VariableFunctions.pyi", None)
    monkeypatch.setenv("RTORCH_CACHE_DIR", str(tmp_path))
    good = signatures._read_stub("_VariableFunctions.pyi", None)
    (path,) = tmp_path.iterdir()
    path.write_text(json.dumps({"abs": [{"no_such_field": 1}]}))      # a stale or broken cache
    assert signatures._read_stub("_VariableFunctions.pyi", None) == good
    path.write_text("{not json")
    assert signatures._read_stub("_VariableFunctions.pyi", None) == good
