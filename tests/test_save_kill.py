"""A save killed with ``kill -9`` leaves the old file or the new one, never a corrupt one, and
the temporary file it leaves is removed by the next save into that folder: 20 saves of 200 MB,
each killed at a chosen point of its write (16 random points, 2 at the start, 2 once every byte
is written, while the file is flushed and renamed: those two may finish before the kill lands,
so 18 kills are asserted)."""
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


def _wait_for(folder, pid: int, nbytes: int, timeout: float = 60.0) -> int | None:
    """Wait until ``pid``'s temporary file in ``folder`` holds ``nbytes``; ``None`` then, or the
    child's exit status if it ended first (it was quicker than the polling)."""
    mark = f"{TEMP_MARK}{pid}-"
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        for name in os.listdir(folder):
            if mark in name:
                try:
                    if os.stat(os.path.join(folder, name)).st_size >= nbytes:
                        return None
                except FileNotFoundError:         # renamed: the save is finishing
                    return None
        time.sleep(0.001)
    raise AssertionError("the save did not progress")


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="needs fork")
def test_kill_9_leaves_the_old_or_the_new_file(tmp_path):
    path = str(tmp_path / "big.pt")
    base = torch.zeros(N)
    pid = _save_in_child(base, 0.0, path)
    assert os.waitpid(pid, 0)[1] == 0
    size = os.path.getsize(path)
    current = 0.0
    rng = random.Random(14)
    # where each save is killed: at random points of its writing, at its very start, and once
    # everything is written (while it flushes to disk and renames)
    points = [rng.random() for _ in range(16)] + [0.0, 0.0, 1.0, 1.0]
    leftovers = killed = 0
    for i, point in enumerate(points, 1):
        pid = _save_in_child(base, float(i), path)
        status = _wait_for(tmp_path, pid, int(point * size))
        if status is None:
            os.kill(pid, signal.SIGKILL)
            status = os.waitpid(pid, 0)[1]
        killed += os.WIFSIGNALED(status)
        loaded = torch_load(path)                  # checksum verified: intact, or an error
        first = float(loaded.torch[0])
        assert first in (current, float(i)), (i, first, current)
        assert loaded.torch.shape == (N,)
        current = first
        del loaded
        left = len(_temporaries(tmp_path))
        assert left <= 1                           # each save removed the one before it
        leftovers += left
    assert killed >= 18 and leftovers >= 16, (killed, leftovers)
    torch_save(torch_ones(1), str(tmp_path / "next.pt"))
    assert _temporaries(tmp_path) == []
    assert sorted(os.listdir(tmp_path)) == ["big.pt", "next.pt"]
