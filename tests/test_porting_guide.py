"""The porting guide's Python examples run, and do what the guide says they do."""
from __future__ import annotations

import os
import re

import torch

from tutorial import namespace, run

GUIDE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "porting.md")


def python_blocks() -> list[str]:
    with open(GUIDE, encoding="utf-8") as f:
        return re.findall(r"```python\n(.*?)```", f.read(), re.S)


def test_module_example_builds_the_r_module():
    module_block = next(b for b in python_blocks() if "nn_module(\"net\"" in b)
    ns = namespace()
    run(module_block, ns)
    model = ns["model"]
    assert type(model).__name__ == "net"
    x = ns["torch_randn"](4, 3)
    expected = torch.relu(torch.nn.functional.linear(x.torch, model.fc.weight, model.fc.bias))
    assert torch.equal(model(x).torch, expected)


def test_luz_example_fits_predicts_and_evaluates():
    luz_block = next(b for b in python_blocks() if "set_opt_hparams" in b)
    ns = namespace("rtorch.luz")
    run("""
torch_manual_seed(1)
x = torch_randn(60, 3)
y = x.matmul(c(1, 2, 3)).unsqueeze(2)
train_dl = dataloader(tensor_dataset(x[1:40, :], y[1:40, :]), batch_size = 10)
valid_dl = dataloader(tensor_dataset(x[41:50, :], y[41:50, :]), batch_size = 10)
test_dl = dataloader(tensor_dataset(x[51:60, :], y[51:60, :]), batch_size = 10)
def initialize(self, d_in):
    self.fc = nn_linear(d_in, 1)
def forward(self, x):
    return self.fc(x)
net = nn_module(initialize = initialize, forward = forward)
""", ns)
    run(luz_block, ns)
    assert tuple(ns["preds"].shape) == (10, 1)
    metrics = ns["get_metrics"](ns["fitted"])
    assert set(metrics.metric) == {"loss", "mae"} and metrics.epoch.max() == 10


def test_worked_example_prints_the_first_two_weights_and_the_largest_position():
    worked = python_blocks()[-1]
    ns = namespace()
    ns["torch_manual_seed"](3)
    printed = run(worked.replace("from rtorch import *\n", ""), ns)
    w = ns["w"].torch.detach()
    first_two = re.search(r"torch_tensor\n(.*?)\[ CPUFloatType\{2\} \]", printed, re.S).group(1)
    assert [float(v) for v in first_two.split()] == [round(float(v), 4) for v in w[:2]]
    assert "torch_tensor\n3\n[ CPULongType{} ]" in printed
    assert torch.allclose(w, torch.tensor([1.0, 2.0, 3.0]), atol=0.3)
