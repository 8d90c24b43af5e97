"""Small synthetic problems and models shared by the luz tests (``from test_luz_support import
...``); the test here checks that the problems are learnable as built."""
from __future__ import annotations

import contextlib
import io
from typing import Any, Iterator

import torch

from rtorch import (Tensor, c, dataloader, nn_linear, nn_module, nn_mse_loss, nn_relu,
                    nn_sequential, optim_adam, tensor_dataset, torch_long, torch_manual_seed,
                    torch_randint, torch_randn)
from rtorch.luz import luz_callback, set_hparams, setup


def regression(n: int = 64, d: int = 4, seed: int = 1) -> tuple[Any, Any]:
    """``y = x %*% w + noise``: R's ``list(x, y)`` of tensors."""
    torch_manual_seed(seed)
    x = torch_randn(n, d)
    w = torch_randn(d, 1)
    return x, x.matmul(w) + 0.1 * torch_randn(n, 1)


def classification(n: int = 90, d: int = 4, classes: int = 3, seed: int = 2) -> tuple[Any, Any]:
    """Three separable blobs; targets are 1-based classes (R's factor codes)."""
    torch_manual_seed(seed)
    y = torch_randint(1, classes + 1, size=c(n))
    centers = torch_randn(classes, d) * 4
    x = Tensor(centers.torch[y.torch.long() - 1] + torch.randn(n, d))
    return x, y.to(dtype=torch_long())


def _linear_init(self, d_in: int, d_out: int = 1) -> None:
    self.fc = nn_linear(d_in, d_out)


def _fc_forward(self, x: Any) -> Any:
    return self.fc(x)


def _mlp_init(self, d_in: int, d_hidden: int = 8, d_out: int = 1) -> None:
    self.net = nn_sequential(nn_linear(d_in, d_hidden), nn_relu(), nn_linear(d_hidden, d_out))


def _net_forward(self, x: Any) -> Any:
    return self.net(x)


#: ``linear(d_in, d_out = 1)``: one linear layer
linear = nn_module("linear", initialize=_linear_init, forward=_fc_forward)
#: ``mlp(d_in, d_hidden = 8, d_out = 1)``: the seed's network
mlp = nn_module("mlp", initialize=_mlp_init, forward=_net_forward)


def linear_model(**setup_args: Any) -> Any:
    """``linear`` set up for ``regression()``: MSE loss and Adam unless ``setup_args`` say
    otherwise, ``d_in = 4``."""
    args = {"loss": nn_mse_loss(), "optimizer": optim_adam, **setup_args}
    return linear >> setup(**args) >> set_hparams(d_in=4)


def loader(x: Any, y: Any, batch_size: int = 16, shuffle: bool = False) -> Any:
    return dataloader(tensor_dataset(x, y), batch_size=batch_size, shuffle=shuffle)


def _record(self, name: str) -> None:
    self.calls.append(name)


def recorder(*breakpoints: str, weight: float = 0) -> Any:
    """A callback that appends each breakpoint's name to ``self.calls`` when it runs."""
    methods = {bp: (lambda bp: lambda self: _record(self, bp))(bp) for bp in breakpoints}
    return luz_callback("recorder", calls=[], weight=weight, **methods)()


@contextlib.contextmanager
def captured() -> Iterator[io.StringIO]:
    """Standard output and error of the block, together."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        yield out


def test_support_problems_are_learnable():
    x, y = regression()
    assert tuple(x.shape) == (64, 4) and tuple(y.shape) == (64, 1)
    x, y = classification()
    assert int(y.min()) == 1 and int(y.max()) == 3 and str(y.dtype) == "torch_Long"
