"""R's saving round trips, each loaded in a fresh process that only defines the generators:
``torch_save(module)`` / ``torch_load()``, ``torch_serialize()`` bytes, lists of tensors and
modules, an optimizer's state, ``luz_save()`` / ``luz_load()`` (then ``predict``, ``evaluate``,
more training), with generators defined in a script, in a module, inside a function and in a
notebook cell; and the error naming the generator to define when it isn't."""
from __future__ import annotations

import functools
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.serialization import TorchLoadError

ROOT = Path(__file__).resolve().parents[1]

MODULE = '''
from rtorch import *

def _init(self, d):
    self.fc = nn_linear(d, 2)
    self.drop = nn_dropout(0.5)

modnet = nn_module("modnet", initialize = _init, forward = lambda self, x: self.drop(self.fc(x)))
'''

DEFS = '''
import torch
from rtorch import *
from rtorch.luz import *
from rtorch.luz.module import LuzModuleGenerator
import mymodels

def _init(self, d_in, d_out):
    self.fc = nn_linear(d_in, d_out)
    self.bn = nn_batch_norm1d(d_out)
    self.scale = 2.5
    self.label = "net"
    self.sizes = [d_in, d_out]
    self.act = nnf_relu
    self.frozen = nn_parameter(torch_ones(d_out), requires_grad = False)

def _forward(self, x):
    return self.act(self.bn(self.fc(x))) * self.scale + self.frozen

net = nn_module("net", initialize = _init, forward = _forward)

def _tied(self):
    self.a = nn_linear(3, 3)
    self.b = nn_linear(3, 3)
    self.b.weight = self.a.weight

tied = nn_module("tied", initialize = _tied, forward = lambda self, x: self.b(self.a(x)))

def inside(path = None, model = None):
    """A generator defined inside a function, used there."""
    inner = nn_module("inner", initialize = lambda self: setattr(self, "fc", nn_linear(3, 1)),
                      forward = lambda self, x: self.fc(x))
    if model is None:
        return torch_load(path)
    torch_save(inner(), path)

CELL = """
cellnet = nn_module("cellnet", initialize = lambda self: setattr(self, "fc", nn_linear(2, 2)),
                    forward = lambda self, x: self.fc(x))
"""

def notebook(code):
    """Runs ``code`` as a notebook cell (IPython's shell, as a kernel runs cells)."""
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    shell.user_ns.update(globals())
    result = shell.run_cell(code)
    result.raise_error()
    return shell.user_ns
'''

SAVE = '''
torch_manual_seed(1)
x = torch_randn(64, 4)
m = net(4, 3)
m(x)                                        # batch norm running stats move
m.eval()
torch_save(m, "net.pt")
open("net.bin", "wb").write(torch_serialize(m))
torch_save({"x": x, "y": m(x)}, "expected.pt")
t = tied()
torch_save(t, "tied.pt")
mm = mymodels.modnet(4)
torch_save({"tensors": [torch_ones(2), torch_arange(1, 3)], "m": mm,
            "nested": [net(2, 2), torch_zeros(3)]}, "list.pt")
opt = optim_adam(m.parameters, lr = 0.1)
m.train()
nnf_mse_loss(m(x), torch_zeros(64, 3)).backward()
opt.step()
torch_save(opt.state_dict(), "opt.pt")
inside("inner.pt", model = True)
notebook(CELL + "c = cellnet()\\ntorch_save(c, 'cell.pt')\\n"
         "torch_save(c(torch_ones(1, 2)), 'cell_y.pt')")

y = x[:, 1:3]
fitted = (net >> setup(loss = nn_mse_loss(), optimizer = optim_adam,
                        metrics = [luz_metric_mae()])
          >> set_hparams(d_in = 4, d_out = 3) >> set_opt_hparams(lr = 0.01)
          >> fit([x, y], epochs = 2, verbose = False))
luz_save(fitted, "fitted.pt")
ev = evaluate(fitted, [x, y])
torch_save({"pred": predict(fitted, x), "loss": float(get_metrics(ev).value[1])}, "fitted_expected.pt")
print("SAVED")
'''

LOAD = '''
e = torch_load("expected.pt")
m = torch_load("net.pt")
assert type(m) is net and isinstance(m, nn_module), type(m)
assert m.training is False and m.bn.training is False
assert m.scale == 2.5 and m.label == "net" and m.sizes == [4, 3] and m.act is nnf_relu
assert m.frozen.requires_grad is False and m.fc.weight.requires_grad is True
assert torch.equal(m(e["x"]).torch, e["y"].torch)
b = torch_load(open("net.bin", "rb").read())
assert type(b) is net and torch.equal(b(e["x"]).torch, e["y"].torch)

t = torch_load("tied.pt")
assert t._modules["a"]._parameters["weight"] is t._modules["b"]._parameters["weight"]

l = torch_load("list.pt")
assert torch.equal(l["tensors"][0].torch, torch.ones(2))
assert type(l["m"]) is mymodels.modnet and l["m"].training is True
assert type(l["nested"][0]) is net and torch.equal(l["nested"][1].torch, torch.zeros(3))

state = torch_load("opt.pt")
opt = optim_adam(m.parameters, lr = 0.1)
opt.load_state_dict(state)
saved = torch.load("opt.pt", weights_only = True)
for k, v in saved["state"].items():
    assert torch.equal(opt.state_dict()["state"][k]["exp_avg"].torch
                       if hasattr(opt.state_dict()["state"][k]["exp_avg"], "torch")
                       else opt.state_dict()["state"][k]["exp_avg"], v["exp_avg"])

i = inside("inner.pt")
assert type(i).__name__ == "inner"
ns = notebook(CELL + "cell = torch_load('cell.pt')")
assert type(ns["cell"]) is ns["cellnet"]
assert torch.equal(ns["cell"](torch_ones(1, 2)).torch, torch_load("cell_y.pt").torch)

fe = torch_load("fitted_expected.pt")
loaded = luz_load("fitted.pt")
assert isinstance(loaded.model, net)
x = e["x"]
y = x[:, 1:3]
assert torch.equal(predict(loaded, x).torch, fe["pred"].torch)
ev = evaluate(loaded, [x, y])
assert abs(float(get_metrics(ev).value[1]) - fe["loss"]) < 1e-6, (get_metrics(ev), fe["loss"])
assert get_metrics(ev).metric.tolist() == ["loss", "mae"]
assert dict(loaded.ctx.hparams) == {"d_in": 4, "d_out": 3}
# more training: the rebuilt setup (loss, optimizer, metrics) fits again
again = LuzModuleGenerator(type(loaded.model), loaded.ctx.hparams, loaded.ctx.opt_hparams)
refit = again >> fit([x, y], epochs = 1, verbose = False)
assert get_metrics(refit).metric.tolist() == ["loss", "mae"]
model = loaded.model
opts = model.set_optimizers(**loaded.ctx.opt_hparams)
before = model.loss(model(x), y).item()
for _ in range(5):
    opts.zero_grad()
    model.backward(model.loss(model(x), y))
    opts.step()
assert model.loss(model(x), y).item() < before
print("LOADED")
'''

MISSING = '''
import torch
from rtorch import *
from rtorch.luz import *
from rtorch.serialization import TorchLoadError
from rtorch.luz import LuzError
try:
    torch_load("net.pt")
except TorchLoadError as e:
    print("TORCH:", e)
try:
    luz_load("fitted.pt")
except LuzError as e:
    print("LUZ:", e)
'''


def _run(folder: Path, code: str) -> str:
    script = folder / "script.py"
    script.write_text(textwrap.dedent(code))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(folder)]),
               OMP_NUM_THREADS="1")
    r = subprocess.run([sys.executable, str(script)], cwd=folder, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("saved")
    (folder / "mymodels.py").write_text(MODULE)
    out = _run(folder, DEFS + SAVE)
    assert "SAVED" in out
    return folder


def test_round_trips_in_a_fresh_process(saved):
    assert "LOADED" in _run(saved, DEFS + LOAD)


def test_a_missing_generator_is_named(saved):
    out = _run(saved, MISSING)
    assert "TORCH: torch_load(): the file holds a module of class <net>" in out
    assert "Define its generator first (`net = nn_module(\"net\", ...)`" in out
    assert "LUZ: luz_load(): the file holds a module of class <net>" in out


def test_pytorch_reads_rtorch_files_as_data(saved):
    raw = torch.load(saved / "net.pt", weights_only=True)
    assert raw["__rtorch__"] == "module" and raw["class"]["name"] == "net"
    assert raw["parameters"]["frozen"]["requires_grad"] is False
    sd = torch.load(saved / "opt.pt", weights_only=True)
    assert set(sd) == {"state", "param_groups"}


def test_builtin_layers_round_trip(tmp_path):
    path = str(tmp_path / "m.pt")
    for model, x in [(nn_lstm(3, 4, batch_first=True), torch_randn(2, 5, 3)),
                     (nn_conv2d(1, 2, 3, padding=1), torch_randn(1, 1, 5, 5)),
                     (nn_sequential(nn_linear(3, 3), nn_relu(), nn_dropout(0.1)),
                      torch_randn(2, 3)),
                     (nn_embedding(10, 3, padding_idx=1), torch_tensor([[1, 2]], dtype=torch_long())),
                     (nn_multihead_attention(4, 2), torch_randn(3, 1, 4))]:
        model.eval()
        torch_save(model, path)
        back = torch_load(path)
        assert type(back) is type(model)
        args = (x, x, x) if isinstance(model, torch.nn.MultiheadAttention) else (x,)
        a, b = model(*args), back(*args)
        a, b = (a[0], b[0]) if isinstance(a, (tuple, list)) else (a, b)
        assert torch.equal(a.torch, b.torch)


def test_module_fields_must_be_data(tmp_path):
    holder = nn_module("holder", initialize=lambda self: setattr(self, "f", lambda v: v))
    with pytest.raises(TypeError, match=r"Can't save `object\$f` \(a function not defined"):
        torch_save(holder(), str(tmp_path / "h.pt"))
    assert os.listdir(tmp_path) == []


def test_load_into_a_given_module_still_works(tmp_path):
    path = str(tmp_path / "m.pt")
    model = nn_linear(3, 2)
    torch_save(model, path)
    into = nn_linear(3, 2)
    assert torch_load(path, module=into) is into
    assert torch.equal(into.weight.torch, model.weight.torch)
    torch.save(model.state_dict(), path)                   # PyTorch's state dict file
    assert torch.equal(load_state_dict(path)["weight"].torch, model.weight.torch)
    with pytest.raises(FileNotFoundError, match="nothing.pt' does not exist"):
        torch_load(str(tmp_path / "nothing.pt"))
    with pytest.raises(IsADirectoryError, match="is a folder"):
        torch_load(str(tmp_path))


anon_a = nn_module(initialize=lambda self: setattr(self, "fc", nn_linear(2, 3)),
                   forward=lambda self, x: self.fc(x))
anon_b = nn_module(initialize=lambda self: setattr(self, "fc", nn_linear(3, 2)),
                   forward=lambda self, x: self.fc(x) * 2)


def test_anonymous_generators_are_told_apart_by_their_names(tmp_path):
    assert anon_a.__name__ == anon_b.__name__ == "nn_module"
    path = str(tmp_path / "m.pt")
    for gen in (anon_a, anon_b):
        torch_save(gen(), path)
        assert type(torch_load(path)) is gen


def test_a_redefined_generator_loads_as_its_current_definition(tmp_path):
    global redefined
    redefined = nn_module("redefined", initialize=lambda self: setattr(self, "k", 1))
    old = redefined
    keep = old()                                            # the old class stays alive
    redefined = nn_module("redefined", initialize=lambda self: setattr(self, "k", 2))
    torch_save(keep, str(tmp_path / "m.pt"))
    assert type(torch_load(str(tmp_path / "m.pt"))) is redefined


def test_every_rtorch_and_pytorch_module_class_is_found_by_its_record():
    from rtorch.serialization import _class_ref, _subclasses, find_class
    import rtorch.vision  # noqa: F401
    import rtorch.luz  # noqa: F401
    classes = [c for c in _subclasses(torch.nn.Module)
               if c.__module__.partition(".")[0] in ("rtorch", "torch", "torchvision")
               and "<locals>" not in c.__qualname__]          # classes made inside functions
    assert len(classes) > 500
    assert [c for c in classes if find_class(_class_ref(c)) is not c] == []


def _norm_init(self):
    self.norm_layer = functools.partial(nn_layer_norm, eps = 1e-3)
    self.norm = self.norm_layer(4)


normed = nn_module("normed", initialize = _norm_init, forward = lambda self, x: self.norm(x))


def test_partial_functions_and_helper_objects_round_trip(tmp_path):
    path = str(tmp_path / "m.pt")
    torch_save(normed(), path)
    back = torch_load(path)
    assert isinstance(back.norm_layer, functools.partial)
    assert back.norm_layer.func is nn_layer_norm and back.norm_layer.keywords == {"eps": 1e-3}
    from rtorch.vision import model_fasterrcnn_mobilenet_v3_large_320_fpn
    model = model_fasterrcnn_mobilenet_v3_large_320_fpn(num_classes = 3)
    torch_save(model, path)                          # holds BoxCoder, Matcher, ... objects
    back = torch_load(path)
    assert type(back) is type(model)
    assert type(back.rpn.box_coder) is type(model.rpn.box_coder)
    assert vars(back.rpn.box_coder) == vars(model.rpn.box_coder)
    sd, sd2 = torch.nn.Module.state_dict(model), torch.nn.Module.state_dict(back)
    assert list(sd) == list(sd2) and all(torch.equal(sd[k], sd2[k]) for k in sd)


def test_different_generators_of_one_name_are_never_guessed_between(tmp_path):
    def make(scale):
        if scale == 1:
            return nn_module("twin", initialize = lambda self: setattr(self, "k", 1),
                             forward = lambda self, x: x)
        return nn_module("twin", initialize = lambda self: setattr(self, "k", 2),
                         forward = lambda self, x: x * 2)

    def same():
        return nn_module("triplet", forward = lambda self, x: x)

    one, two = make(1), make(2)
    path = str(tmp_path / "m.pt")
    torch_save(one(), path)
    with pytest.raises(TorchLoadError, match="several different generators of class <twin>"):
        torch_load(path)
    a, b = same(), same()                           # the same code, made twice: either will do
    torch_save(a(), path)
    assert type(torch_load(path)) in (a, b)
