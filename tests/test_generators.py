"""R6-style generators defined at the top level of a script (no enclosing function)."""
from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from rtorch import *
net = nn_module("net", initialize = lambda self: None, forward = lambda self, x: x * 2)
ds = dataset("ds", initialize = lambda self: None, getitem = lambda self, i: i,
             length = lambda self: 3)
print(net().__class__.__module__, net()(torch_tensor(1)).item(), length(ds()))
"""


def test_generators_at_top_level_of_a_script():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["__main__", "2.0", "[1]", "3"]
