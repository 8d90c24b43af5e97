"""The reference tutorial's modelling sections ("神经网络模型", "图像分类"), ported line by line."""
from __future__ import annotations

import io
import re
from contextlib import redirect_stdout

import torch

from rtorch import *  # noqa: F403


def test_seed_network_training_loop_decreases_the_loss():
    torch_manual_seed(1)
    # input dimensionality (number of input features)
    d_in = 3
    # number of observations in training set
    n = 100

    x = torch_randn(n, d_in)
    coefs = c(0.2, -1.3, -0.5)
    y = x.matmul(coefs).unsqueeze(2) + torch_randn(n, 1)

    # dimensionality of hidden layer
    d_hidden = 32
    # output dimensionality (number of predicted features)
    d_out = 1

    net = nn_sequential(
        nn_linear(d_in, d_hidden),
        nn_relu(),
        nn_linear(d_hidden, d_out)
    )

    opt = optim_adam(net.parameters)

    ### training loop --------------------------------------
    losses = []
    out = io.StringIO()
    with redirect_stdout(out):
        for t in seq(1, 200):
            ### -------- Forward pass --------
            y_pred = net(x)
            ### -------- Compute loss --------
            loss = nnf_mse_loss(y_pred, y)
            if t % 10 == 0:
                cat("Epoch: ", t, "   Loss: ", loss.item(), "\n")
            losses.append(loss.item())
            ### -------- Backpropagation --------
            opt.zero_grad()
            loss.backward()
            ### -------- Update weights --------
            opt.step()
    lines = out.getvalue().splitlines()
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
    def initialize(self):
        # nn_conv2d(in_channels, out_channels, kernel_size)
        self.conv1 = nn_conv2d(1, 16, 3)
        self.conv2 = nn_conv2d(16, 32, 3)
        self.conv3 = nn_conv2d(32, 64, 3)

        self.output = nn_linear(2304, 3)

    def forward(self, x):
        return (x
                >> self.conv1()
                >> nnf_relu()
                >> nnf_max_pool2d(2)
                >> self.conv2()
                >> nnf_relu()
                >> nnf_max_pool2d(2)
                >> self.conv3()
                >> nnf_relu()
                >> nnf_max_pool2d(2)
                >> torch_flatten(start_dim = 2)
                >> self.output())

    convnet = nn_module(
        "convnet",
        initialize = initialize,
        forward = forward
    )

    model = convnet()
    img = torch_randn(1, 1, 64, 64)
    printed = repr(model(img))
    assert re.fullmatch(r"torch_tensor\n( +-?\d\.\d{4}){3}\n"
                        r"\[ CPUFloatType\{1,3\} \]\[ grad_fn = <AddmmBackward0> \]", printed), printed
    assert type(model).__name__ == "convnet"
    assert "An `nn_module` containing 30,211 parameters." in repr(model)


def test_seed_module_generator_for_luz():
    """The luz section's module: a generator whose instances wrap an ``nn_sequential``."""
    def initialize(self, d_in, d_hidden, d_out):
        self.net = nn_sequential(
            nn_linear(d_in, d_hidden),
            nn_relu(),
            nn_linear(d_hidden, d_out)
        )

    def forward(self, x):
        return self.net(x)

    net = nn_module(initialize = initialize, forward = forward)
    model = net(d_in = 3, d_hidden = 32, d_out = 1)
    assert tuple(model(torch_randn(10, 3)).shape) == (10, 1)
    assert len(model.parameters) == 4
