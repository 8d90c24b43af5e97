"""Import time: what ``from rtorch import *`` (and ``rtorch.luz``, ``rtorch.vision``) adds to
``import torch``.

Each run is a fresh Python process (a cold interpreter; the operating system's file cache is
warm, as it is when a user re-runs a script) that imports ``torch``, then rtorch, then luz,
then vision, and reports the seconds each step took. The table gives the median of 7 runs, and
whether pandas or matplotlib got imported along the way (they should not: they are imported
when first used). The first run after installing rtorch or upgrading PyTorch also fills the
stub cache (:mod:`rtorch.stubcache`); its cost is shown on a separate row, with the cache
directory emptied first.

Run: python bench/bench_import.py   (Markdown table, CPU, 1 thread)."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7

_PROBE = r"""
import json, sys, time
t0 = time.perf_counter()
import torch
t1 = time.perf_counter()
from rtorch import *
t2 = time.perf_counter()
heavy = sorted(m for m in ("pandas", "matplotlib") if m in sys.modules)
from rtorch.luz import *
t3 = time.perf_counter()
heavy_luz = sorted(m for m in ("pandas", "matplotlib") if m in sys.modules)
try:
    from rtorch.vision import *
    t4 = time.perf_counter()
except ImportError:
    t4 = float("nan")
print(json.dumps({"torch": t1 - t0, "rtorch": t2 - t1, "luz": t3 - t2, "vision": t4 - t3,
                  "heavy": heavy, "heavy_luz": heavy_luz}))
"""


def run_once(env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "0"}
    run_once(env)                                           # warm caches (bytecode, stubs)
    runs = [run_once(env) for _ in range(RUNS)]
    with tempfile.TemporaryDirectory() as empty:
        first = run_once({**env, "RTORCH_CACHE_DIR": empty})
    med = {k: statistics.median(r[k] for r in runs) for k in ("torch", "rtorch", "luz", "vision")}
    python = sys.version.split()[0]
    print(f"Import time, median of {RUNS} fresh processes (seconds; Python {python})\n")
    print("| step | seconds |")
    print("|---|---|")
    print(f"| `import torch` | {med['torch']:.3f} |")
    print(f"| `from rtorch import *` after torch | **{med['rtorch']:.3f}** |")
    print(f"| `from rtorch.luz import *` after rtorch | **{med['luz']:.3f}** |")
    print(f"| `from rtorch.vision import *` after luz (imports torchvision) "
          f"| {med['vision']:.3f} |")
    print(f"| `from rtorch import *`, first run (stub cache empty) | {first['rtorch']:.3f} |")
    print(f"\npandas/matplotlib imported by rtorch: {runs[0]['heavy'] or 'none'}; "
          f"by rtorch.luz: {runs[0]['heavy_luz'] or 'none'}")


if __name__ == "__main__":
    main()
