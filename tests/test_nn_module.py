"""``nn_module``: generators and the class form, R's fields and methods, containers, printing,
state dicts, and the boundary with PyTorch code."""
from __future__ import annotations

import os
from collections import OrderedDict

import pytest
import torch

import rtorch
from rtorch import (c, clone_module, is_nn_buffer, is_nn_module, is_nn_parameter, nn_buffer,
                    nn_conv2d, nn_linear, nn_module, nn_module_dict, nn_module_list,
                    nn_parameter, nn_prune_head, nn_relu, nn_sequential, nn_tanh, torch_double,
                    torch_load, torch_long, torch_ones, torch_randn, torch_save, torch_zeros)
from rtorch.nn_module import ModuleMembers, TorchModule
from rtorch.tensor import Tensor


def _mlp_init(self, d_in, d_hidden, d_out):
    self.net = nn_sequential(nn_linear(d_in, d_hidden), nn_relu(), nn_linear(d_hidden, d_out))


def _mlp_forward(self, x):
    return self.net(x)


mlp = nn_module(initialize=_mlp_init, forward=_mlp_forward)


class Net(nn_module):
    def initialize(self, d):
        self.fc = nn_linear(d, 1)
        self.w = nn_parameter(torch_randn(d))
        self.b = nn_buffer(torch_zeros(1))

    def forward(self, x):
        return self.fc(x) + (x * self.w).sum(dim=2, keepdim=True) + self.b


# -- generators ----------------------------------------------------------------------------------

def test_generator_form_makes_instances_that_are_torch_modules():
    model = mlp(3, 8, 1)
    assert isinstance(model, torch.nn.Module) and isinstance(model, nn_module)
    assert is_nn_module(model) and not is_nn_module(mlp)
    out = model(torch_randn(5, 3))
    assert type(out) is Tensor and tuple(out.shape) == (5, 1)
    assert out.grad_fn.name() == "AddmmBackward0"
    assert mlp.__name__ == "nn_module"
    assert nn_module("convnet").__name__ == "convnet"
    assert nn_module(classname="x", inherit=nn_linear).__name__ == "x"


def test_class_form_and_registration():
    net = Net(3)
    assert tuple(net(torch_randn(4, 3)).shape) == (4, 1)
    assert list(net._parameters) == ["w"] and list(net._buffers) == ["b"]
    assert isinstance(net._parameters["w"], torch.nn.Parameter)
    assert type(net.w) is Tensor and net.w.requires_grad
    assert net.w.torch is net._parameters["w"]                       # shares the parameter
    assert is_nn_parameter(net.w) and is_nn_parameter(net.fc.weight)
    assert not is_nn_parameter(torch_randn(2)) and is_nn_buffer(nn_buffer(torch_randn(2)))
    with pytest.raises(TypeError, match="`x` must be a tensor."):
        nn_parameter(3)


def test_pytorch_style_init_also_works():
    class P(nn_module):
        def __init__(self, d):
            super().__init__()
            self.fc = nn_linear(d, 2)

        def forward(self, x):
            return self.fc(x)

    assert tuple(P(3)(torch_randn(1, 3)).shape) == (1, 2)


def test_inherit_and_super():
    def init(self, a, b):
        self.super.initialize(a, b)
        self.scale = 2

    def fwd(self, x):
        return self.super.forward(x) * self.scale

    scaled = nn_module("scaled_linear", inherit=nn_linear, initialize=init, forward=fwd)
    m = scaled(3, 1)
    assert isinstance(m, torch.nn.Linear)
    x = torch_ones(2, 3)
    expected = 2 * torch.nn.functional.linear(x.torch, m.weight.torch, m.bias.torch)
    torch.testing.assert_close(m(x).torch, expected)

    def init2(self, a, b):
        super(scaled2, self).initialize(a, b)            # Python's spelling

    scaled2 = nn_module(inherit=scaled, initialize=init2)
    assert scaled2(2, 3).scale == 2 and scaled2.__name__ == "scaled_linear"

    def init3(self):
        self.super.initialize(3, 8, 1)

    deeper = nn_module(inherit=mlp, initialize=init3)
    assert tuple(deeper()(torch_randn(2, 3)).shape) == (2, 1)


def test_private_and_active_fields():
    gen = nn_module(initialize=lambda self: setattr(self, "k", 2),
                    forward=lambda self, x: x * self.twice(),
                    private=dict(twice=lambda self: self.k * 2),
                    active=dict(kk=lambda self, value=None: self.k if value is None else setattr(self, "k", value)))
    m = gen()
    assert m(torch_ones(1)).item() == 4
    m.kk = 5
    assert m.kk == 5


def test_forward_not_implemented():
    with pytest.raises(NotImplementedError, match="Forward method is not implemented"):
        nn_module()()(torch_randn(2))
    with pytest.raises(NotImplementedError, match="Forward method is not implemented"):
        nn_module_list([nn_relu()])(torch_randn(2))


# -- R's fields --------------------------------------------------------------------------------------

def test_parameters_is_r_named_list():
    net = Net(3)
    ps = net.parameters
    assert isinstance(ps, ModuleMembers)
    assert ps.names() == ["fc.weight", "fc.bias", "w"]        # R's order: children first
    assert len(ps) == 3 and all(type(p) is Tensor for p in ps)
    assert ps[1].torch is net.fc._parameters["weight"] and ps[-1].torch is net._parameters["w"]
    assert ps["w"].torch is net._parameters["w"]
    with pytest.raises(IndexError, match="Indexing starts at 1"):
        ps[0]
    with pytest.raises(IndexError, match="subscript out of bounds"):
        ps[4]
    assert [type(p) for p in net.parameters()] == [torch.nn.Parameter] * 3   # PyTorch's method
    assert len(list(net.parameters(recurse=False))) == 1
    with pytest.raises(RuntimeError, match="It's not possible to modify the parameters list."):
        net.parameters = []
    assert list(net.buffers.keys()) == ["b"] and list(net.children.keys()) == ["fc"]
    assert list(net.modules.keys()) == ["", "fc"]


def test_shared_parameters_counted_once():
    lin = nn_linear(2, 2)
    seq = nn_sequential(lin, lin)
    assert len(seq.parameters) == 2
    assert "6 parameters" in repr(seq)


def test_training_flag_and_train_eval():
    net = Net(2)
    assert net.training
    assert net.eval() is net and not net.training and not net.fc.training
    net.train()
    assert net.fc.training
    with pytest.raises(ValueError, match="Field `training` must be a logical flag."):
        net.training = "yes"


def test_to_dtype_first_and_its_check():
    net = Net(2)
    assert net.to(torch_double()).fc.weight.dtype == torch_double()
    assert net.to(dtype=torch.float32).w.dtype == rtorch.torch_float()
    assert net.to(device="cpu") is net and net.to("cpu") is net
    assert net.cpu() is net
    with pytest.raises(ValueError, match="nn.Module.to only accepts floating point '"):
        net.to(dtype=torch_long())


def test_zero_grad_fills_zeros_and_apply():
    net = Net(3)
    net(torch_randn(2, 3)).sum().backward()
    net.zero_grad()
    assert torch.equal(net.fc.weight.grad.torch, torch.zeros(1, 3))
    seen = []
    assert net.apply(lambda m: seen.append(type(m).__name__)) is net
    assert seen == ["nn_linear", "Net"]


def test_attribute_access_shares_storage():
    lin = nn_linear(2, 2)
    w = lin.weight
    w.torch.data.fill_(1)
    assert lin._parameters["weight"].sum().item() == 4
    with rtorch.with_no_grad():
        lin.weight[1, 1] = 5
    assert lin._parameters["weight"][0, 0].item() == 5
    lin.extra = torch_randn(2)                           # a plain field keeps the rtorch tensor
    assert type(lin.extra) is Tensor and "extra" not in lin._buffers
    with pytest.raises(TypeError, match="nn_parameter"):
        lin.weight = torch_randn(2, 2)


# -- containers ----------------------------------------------------------------------------------------

def test_sequential_is_1_based():
    a, b, t = nn_linear(2, 3), nn_relu(), nn_tanh()
    seq = nn_sequential(a, b, t)
    assert list(seq._modules) == ["0", "1", "2"]
    assert seq[1] is a and seq[3] is t and seq[-1] is t and len(seq) == 3
    assert list(seq[c(1, 3)]._modules.values()) == [a, t]
    assert list(seq[1:2]._modules.values()) == [a, b]
    with pytest.raises(IndexError, match="subscript out of bounds"):
        seq[5]
    with pytest.raises(IndexError, match="Indexing starts at 1"):
        seq[0]
    with pytest.raises(TypeError, match="Expected <nn_module> but got object of type <function>"):
        nn_sequential(lambda x: x)
    with pytest.raises(TypeError, match='Module "0" must be initialized'):
        nn_sequential(nn_linear)
    x = torch_randn(4, 2)
    torch.testing.assert_close(seq(x).torch, torch.tanh(torch.relu(a(x).torch)))


def test_module_list_and_dict():
    ml = nn_module_list([nn_linear(1, 1), nn_relu()])
    ml.insert(1, nn_tanh())
    ml.append(rtorch.nn_sigmoid())
    ml.extend([nn_relu()])
    assert [type(m).__name__ for m in ml] == ["nn_tanh", "nn_linear", "nn_relu", "nn_sigmoid", "nn_relu"]
    assert type(ml[2]).__name__ == "nn_linear" and len(ml) == 5
    assert list(ml._modules) == ["0", "1", "2", "3", "4"]
    md = nn_module_dict(dict(l1=nn_linear(2, 3), l2=nn_linear(3, 1)))
    assert tuple(md.l2(md["l1"](torch_randn(4, 2))).shape) == (4, 1)
    assert list(md.keys()) == ["l1", "l2"] and len(md.parameters) == 4


def test_prune_head_and_clone():
    seq = nn_sequential(nn_relu(), nn_linear(2, 3), nn_tanh())
    pruned = nn_prune_head(seq, 1)
    assert list(pruned._modules) == ["0", "1"]
    net = Net(3)
    deep = clone_module(net, deep=True)
    assert deep.fc.weight.torch.data_ptr() != net.fc.weight.torch.data_ptr()
    torch.testing.assert_close(deep.fc.weight.torch, net.fc.weight.torch)
    shallow = net.clone()
    assert shallow.fc.weight.torch is net.fc.weight.torch and shallow is not net
    shallow.extra = nn_relu()
    assert "extra" not in net._modules


# -- printing ---------------------------------------------------------------------------------------------

def test_printing_follows_r():
    seq = nn_sequential(nn_linear(10, 1000), nn_relu(), nn_linear(1000, 1))
    assert repr(seq) == (
        "An `nn_module` containing 12,001 parameters.\n\n"
        "── Modules ─────────────────────────────────────────────────────────────────────\n"
        "• 0: <nn_linear> #11,000 parameters\n"
        "• 1: <nn_relu> #0 parameters\n"
        "• 2: <nn_linear> #1,001 parameters")
    assert repr(nn_linear(3, 1)) == (
        "An `nn_module` containing 4 parameters.\n\n"
        "── Parameters ──────────────────────────────────────────────────────────────────\n"
        "• weight: Float [1:1, 1:3]\n"
        "• bias: Float [1:1]")
    assert repr(nn_relu()) == "An `nn_module` containing 0 parameters."
    net = Net(3)
    text = repr(net)
    assert "• fc: <nn_linear> #4 parameters" in text and "• w: Float [1:3]" in text
    assert "── Buffers ─" in text and "• b: Float [1:1]" in text
    assert all(len(line) == 80 for line in text.splitlines() if line.startswith("──"))


# -- state dicts and files ----------------------------------------------------------------------------------

def test_state_dict_round_trip(tmp_path):
    net = Net(3)
    sd = net.state_dict()
    assert isinstance(sd, ModuleMembers) and list(sd.keys()) == ["w", "b", "fc.weight", "fc.bias"]
    # R detaches, then gives each entry its parameter's requires_grad (keepvars_or_detach)
    assert type(sd["w"]) is Tensor and sd["w"].requires_grad and sd["w"].is_leaf
    other = Net(3)
    assert other.load_state_dict(sd) is other
    torch.testing.assert_close(other.fc.weight.torch, net.fc.weight.torch)
    with pytest.raises(ValueError, match="Could not find bias in the state_dict."):
        nn_linear(2, 1).load_state_dict({"weight": torch_randn(1, 2), "extra": torch_randn(1)})
    lin = nn_linear(2, 1)
    lin.load_state_dict(OrderedDict(weight=torch.ones(1, 2), bias=torch.zeros(1)))   # PyTorch's
    assert lin.weight.torch.sum().item() == 2
    path = os.fspath(tmp_path / "net.pt")
    torch_save(net, path)
    loaded = torch_load(path)                                    # R: the module comes back
    assert type(loaded) is Net and torch.equal(loaded.w.torch, net.w.torch)
    torch_save(net.state_dict(), path)
    loaded = torch_load(path)
    assert isinstance(loaded, ModuleMembers)
    with pytest.raises(TypeError, match="load_state_dict"):
        loaded(torch_randn(1, 3))
    fresh = torch_load(path, module=Net(3))
    torch.testing.assert_close(fresh.w.torch, net.w.torch)
    plain = torch.load(path, weights_only=True)                  # PyTorch reads rtorch's file
    assert isinstance(plain, OrderedDict) and type(plain["w"]) is torch.Tensor
    torch.save(net.state_dict(), path)                            # R-side state dicts pickle as PyTorch's
    assert type(torch.load(path, weights_only=True)["w"]) is torch.Tensor


# -- the boundary with PyTorch ---------------------------------------------------------------------------------

def test_pytorch_code_sees_pytorch_objects():
    net = Net(3)
    seq = torch.nn.Sequential(torch.nn.Linear(3, 3), net)           # PyTorch calls an rtorch module
    out = seq(torch.randn(2, 3))
    assert type(out) is torch.Tensor
    sd = torch.nn.Module.state_dict(seq)
    assert all(type(v) is torch.Tensor for v in sd.values())
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    net(torch_randn(2, 3)).sum().backward()
    opt.step()
    assert torch.nn.utils.parameters_to_vector(net.parameters()).numel() == 7


def test_plain_pytorch_child_gets_pytorch_tensors():
    class WithTorch(nn_module):
        def initialize(self):
            self.body = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU())
            self.head = nn_linear(4, 2)

        def forward(self, x):
            return x >> self.body() >> self.head()

    m = WithTorch()
    out = m(torch_randn(5, 3))
    assert type(out) is Tensor and tuple(out.shape) == (5, 2)
    assert type(m.body) is TorchModule and type(m.body.torch) is torch.nn.Sequential
    assert type(m._modules["body"]) is torch.nn.Sequential
    assert "• body: <nn_sequential> #16 parameters" in repr(m)
    assert len(m.parameters) == 4 and m.parameters.names()[0] == "body.0.weight"


def test_rnn_survives_to_and_flatten_weights():
    class R(nn_module):
        def initialize(self):
            self.rnn = rtorch.nn_lstm(3, 4)

        def forward(self, x):
            return self.rnn(x)[0]

    r = R().to(dtype=torch_double())
    out = r(torch_randn(5, 2, 3).to(torch_double()))
    assert out.dtype == torch_double()
    assert all(type(w) is torch.nn.Parameter for w in r.rnn._flat_weights)


def test_conv_net_module_pipes():
    def init(self):
        self.conv1 = nn_conv2d(1, 4, 3)
        self.out = nn_linear(4 * 3 * 3, 2)

    def fwd(self, x):
        return x >> self.conv1() >> rtorch.nnf_relu() >> rtorch.nnf_max_pool2d(2) \
            >> rtorch.torch_flatten(start_dim=2) >> self.out()

    m = nn_module("small", initialize=init, forward=fwd)()
    assert tuple(m(torch_randn(2, 1, 8, 8)).shape) == (2, 2)


def test_nn_sequential_numbers_named_modules_as_r_does():
    """R torch: ``nn_sequential(a = nn_linear(1, 2), b = nn_relu())`` numbers its modules 0, 1
    (R's print: ``• 0: <nn_linear> #4 parameters``, ``• 1: <nn_relu> #0 parameters``)."""
    from rtorch import nn_linear, nn_relu, nn_sequential
    seqm = nn_sequential(a = nn_linear(1, 2), b = nn_relu())
    assert list(seqm._modules) == ["0", "1"]
    assert "• 0: <nn_linear> #4 parameters\n• 1: <nn_relu> #0 parameters" in repr(seqm)
