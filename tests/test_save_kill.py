"""A save killed with ``kill -9`` leaves the old file or the new one, never a corrupt one, and
the temporary file it leaves is removed by the next save into that folder: 20 interruptions of
a 200 MB ``torch_save``, at random moments spread over the save."""
from __future__ import annotations

import os
import random
import signal
import sys
import time

import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.atomic import TEMP_MARK

N = 50_000_000                                   # 200 MB of float32


def _save_in_child(base: torch.Tensor, version: float, path: str) -> int:
    """Fork a process that writes ``base`` with first element ``version`` to ``path``."""
    pid = os.fork()
    if pid == 0:                                 # the child: save, then leave at once
        code = 1
        try:
            base.numpy()[0] = version
            torch_save(base, path)
            code = 0
        finally:
            os._exit(code)
    return pid


def _temporaries(folder) -> list[str]:
    return [n for n in os.listdir(folder) if TEMP_MARK in n]


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="needs fork")
def test_kill_9_leaves_the_old_or_the_new_file(tmp_path):
    path = str(tmp_path / "big.pt")
    base = torch.zeros(N)
    start = time.perf_counter()
    pid = _save_in_child(base, 0.0, path)
    assert os.waitpid(pid, 0)[1] == 0
    full = time.perf_counter() - start             # how long a whole save takes here
    current = 0.0
    rng = random.Random(14)
    interrupted = leftovers = 0
    for i in range(1, 21):
        pid = _save_in_child(base, float(i), path)
        time.sleep(rng.uniform(0.05, 1.0) * full)
        os.kill(pid, signal.SIGKILL)
        status = os.waitpid(pid, 0)[1]
        killed = os.WIFSIGNALED(status)
        interrupted += killed
        loaded = torch_load(path)                  # checksum verified: intact, or an error
        first = float(loaded.torch[0])
        assert first in (current, float(i)), (i, first, current)
        assert loaded.torch.shape == (N,)
        if not killed:
            assert first == float(i)
        current = first
        del loaded
        left = len(_temporaries(tmp_path))
        assert left <= 1                           # each save removed the one before it
        leftovers += left
    assert interrupted >= 10, f"only {interrupted} of 20 saves were interrupted"
    assert leftovers >= 5, f"only {leftovers} saves were killed while writing"
    torch_save(torch_ones(1), str(tmp_path / "next.pt"))
    assert _temporaries(tmp_path) == []
    assert sorted(os.listdir(tmp_path)) == ["big.pt", "next.pt"]
