"""The reference tutorial's modelling sections ("神经网络模型", "图像分类"), ported line by line."""
from __future__ import annotations

import re

import torch

from rtorch import *  # noqa: F403
from tutorial import SEED, namespace, run_chunks


def test_seed_network_training_loop_decreases_the_loss():
    torch_manual_seed(1)
    losses = []

    def recorded_mse_loss(input, target, *args, **kwargs):
        loss = nnf_mse_loss(input, target, *args, **kwargs)
        losses.append(loss.item())
        return loss

    out = run_chunks(SEED, "神经网络模型", namespace(nnf_mse_loss=recorded_mse_loss),
                     since="神经网络模型: data")
    lines = out.splitlines()
    assert len(losses) == 200
    assert len(lines) == 20 and re.fullmatch(r"Epoch:  10    Loss:  \S+ ", lines[0])
    assert losses[-1] < losses[0] * 0.7
    assert all(b <= a + 1e-6 for a, b in zip(losses[::20], losses[20::20]))


def test_seed_loop_with_pytorch_adam_on_the_same_module():
    """The same loop with PyTorch's own optimizer: ``net.parameters()`` is PyTorch's method."""
    torch_manual_seed(1)
    x = torch_randn(100, 3)
    y = x.matmul(c(0.2, -1.3, -0.5)).unsqueeze(2) + torch_randn(100, 1)
    net = nn_sequential(nn_linear(3, 32), nn_relu(), nn_linear(32, 1))
    opt = torch.optim.Adam(net.parameters())
    first = None
    for _ in range(200):
        loss = nnf_mse_loss(net(x), y)
        first = first if first is not None else loss.item()
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < first * 0.7


def test_seed_image_classification_convnet():
    torch_manual_seed(2)      # weights and image whose print has the tutorial's layout (no scale line)
    ns = namespace()
    printed = run_chunks(SEED, "图像分类", ns, since="图像分类: module")
    assert re.fullmatch(r"torch_tensor\n( +-?\d\.\d{4}){3}\n"
                        r"\[ CPUFloatType\{1,3\} \]\[ grad_fn = <AddmmBackward0> \]\n", printed), printed
    model = ns["model"]
    assert type(model).__name__ == "convnet"
    assert "An `nn_module` containing 30,211 parameters." in repr(model)


def test_seed_module_generator_for_luz():
    """The luz section's module: a generator whose instances wrap an ``nn_sequential``."""
    ns = namespace()
    run_chunks(SEED, "模型设定", ns, since="数据准备")
    model = ns["net"](d_in = 3, d_hidden = 32, d_out = 1)
    assert tuple(model(torch_randn(10, 3)).shape) == (10, 1)
    assert len(model.parameters) == 4
