"""What the ported article "Checkpointing your models" needs: R's ``stop()``, a character
vector as a file path (``luz_load_checkpoint(results, files[1])``), and a run that fails in a
callback resuming with ``luz_callback_auto_resume()``."""
from __future__ import annotations

import os

import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403


def test_stop_raises_the_pasted_message():
    with pytest.raises(RuntimeError, match=r"^Error on epoch 5$"):
        stop("Error on epoch 5")
    with pytest.raises(RuntimeError, match=r"^Error on epoch 5$"):
        stop("Error on epoch ", 5)
    with pytest.raises(RuntimeError, match=r"^ab$"):
        stop(c("a", "b"))


def test_a_character_vector_is_a_path(tmp_path):
    files = c(os.path.join(tmp_path, "a.pt"), os.path.join(tmp_path, "b.pt"))
    assert os.fspath(files[1]) == os.path.join(tmp_path, "a.pt")
    torch_save(torch_tensor(c(1, 2)), files[2])
    assert torch_load(files[2]).torch.tolist() == [1.0, 2.0]
    with pytest.raises(TypeError, match="single string"):
        os.fspath(files)
    with pytest.raises(TypeError, match="single string"):
        os.fspath(c(1))


def _model():
    return (nn_linear >>
      setup(optimizer = optim_sgd, loss = nnf_mse_loss) >>
      set_hparams(in_features = 10, out_features = 1) >>
      set_opt_hparams(lr = 0.01))


def test_failed_run_resumes_and_checkpoints_load(tmp_path):
    def on_epoch_end(self):
        if ctx.epoch == 5 and not self.failed:
            self.failed = True
            stop("Error on epoch 5")

    interrupt = luz_callback("interrupt", failed = False, on_epoch_end = on_epoch_end)
    x = torch_randn(200, 10)
    y = torch_randn(200, 1)
    model = _model()
    autoresume = luz_callback_auto_resume(path = os.path.join(tmp_path, "state.pt"))
    inter = interrupt()
    with pytest.raises(RuntimeError, match="(?s)at on_epoch_end.*Error on epoch 5"):
        model >> fit([x, y], callbacks = [inter, autoresume], verbose = False)
    results = model >> fit([x, y], callbacks = [inter, autoresume], verbose = False)
    metrics = get_metrics(results)
    assert sorted(set(metrics["epoch"])) == list(range(1, 11))

    folder = os.path.join(tmp_path, "checkpoints") + "/"
    checkpoint = luz_callback_model_checkpoint(path = folder, monitor = "train_loss")
    results = model >> fit([x, y], callbacks = [checkpoint], verbose = False)
    files = c(*sorted(os.path.join(folder, f) for f in os.listdir(folder)))
    assert len(files) == 10 and os.path.basename(os.fspath(files[1])).startswith(
        "epoch-01-train_loss-")
    assert luz_load_checkpoint(results, files[1]) is None
    saved = torch.load(os.fspath(files[1]), weights_only=True)["model"]
    assert torch.equal(results.model.weight.torch, saved["weight"])
