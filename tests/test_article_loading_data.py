"""What the ported article "Loading data" needs: a data loader made in a pipe
(R's ``tuxes %>% dataloader(batch_size = 8)``), R's ``tempfile()`` for a data folder, and
the article's dataset and batches (checked against the same computation in plain PyTorch)."""
from __future__ import annotations

import os

import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.pipes import PipeError


def _penguin_like(n: int = 21):
    def initialize(self):
        self.data = torch_tensor(matrix(seq(1, n * 8), ncol = 8)).to(torch_float())

    def getitem(self, index):
        return [self.data[index, 2:-1], self.data[index, 1].to(torch_long())]

    def length_(self):
        return self.data.size(1)

    return dataset(name = "penguin_like", initialize = initialize, getitem = getitem,
                   length = length_)()


def test_dataloader_in_a_pipe_is_dataloader_called_with_the_dataset():
    ds = _penguin_like()
    dl = ds >> dataloader(batch_size = 8)
    assert type(dl) is type(dataloader(ds, batch_size = 8))
    assert dl.dataset is ds and dl.batch_size == 8
    assert repr(dl.length()) == "[1] 3"                     # R: ceiling(21 / 8)
    b = dl.iter().next()
    full = torch.arange(1, 21 * 8 + 1, dtype=torch.float32).reshape(8, 21).T   # R's column fill
    assert torch.equal(b[0].torch, full[:8, 1:])            # R's 2:-1: columns 2 .. 8
    assert torch.equal(b[1].torch, full[:8, 0].long())
    shuffled = ds >> dataloader(batch_size = 5, shuffle = True, drop_last = True)
    assert shuffled.length() == 4 and sum(len(b[1]) for b in shuffled) == 20


def test_dataloader_without_a_dataset_is_a_stage():
    stage = dataloader(batch_size = 8)
    with pytest.raises(PipeError, match="dataloader()"):
        repr(stage)
    with pytest.raises(TypeError):
        dataloader()(1)


def test_dataloader_pipe_looks_up_worker_globals_where_it_is_written():
    ds = _penguin_like()
    helper = 42  # noqa: F841  (found by name, as R's worker_globals = "helper")
    dl = ds >> dataloader(batch_size = 4, worker_globals = "helper")
    assert dl.worker_globals == {"helper": 42}


def test_tempfile_names_a_new_file_in_the_session_folder():
    d = tempdir()
    assert os.path.isdir(d) and tempdir() == d
    p = tempfile()
    assert isinstance(p, str) and os.path.dirname(p) == d and not os.path.exists(p)
    assert os.path.basename(p).startswith("file")
    q = tempfile(pattern = "data", fileext = ".pt")
    assert os.path.basename(q).startswith("data") and q.endswith(".pt") and q != p
    several = tempfile(c("a", "b"), tmpdir = d)
    assert length(several) == 2 and [os.path.basename(s)[0] for s in several] == ["a", "b"]
    os.makedirs(p)                                          # the article's data folder
    assert os.path.isdir(p)
