"""R torchvision's models: ``model_<name>(pretrained = FALSE, ...)``, built by torchvision.

The rule: ``model_<name>`` is torchvision's builder of the same name, looked up in
``torchvision.models``, ``.segmentation`` and ``.detection`` (``model_resnet18`` is
``torchvision.models.resnet18``, ``model_fcn_resnet50`` is
``torchvision.models.segmentation.fcn_resnet50``). R's ``...`` go to the builder
(``num_classes = 10``). What R does otherwise is in :data:`SPECS`: R's argument names and
defaults per family (detection models count ``num_classes`` without the background and call
the thresholds ``score_thresh``, ``nms_thresh``, ``detections_per_img``), and the models whose
torchvision pieces have other names (``model_maxvit`` is ``maxvit_t``, the ConvNeXt variants,
the ConvNeXt detection and FCN models assembled from torchvision's ``FasterRCNN`` /
``FCN`` / ``FCNHead`` and ``BackboneWithFPN``).

Models are rtorch modules (``torch.nn.Module``s that speak R, see :mod:`rtorch.nn_module`): the
torchvision module's class is swapped for one deriving from both ``nn_module`` and it, so
``model(x)`` takes and returns rtorch tensors, ``model.parameters`` is R's named list, it prints
as R prints a module, and parameter names are torchvision's. Results: a tensor of logits for
classifiers; ``list(out = , aux = )`` (a named list) for segmentation models;
``list(logits = , aux_logits = )`` for ``model_inception_v3`` in training with ``aux_logits``
(its logits otherwise, as R); for detection models
``list(features = , detections = list(list(boxes = , labels = , scores = ), ...))``, labels
``1 .. num_classes`` (R's classes, torchvision's background ``0`` never appears).

Weights: rtorch never downloads. ``pretrained = TRUE`` loads torchvision's ImageNet (COCO,
VOC) weights for the model from the torch hub cache (``torch.hub.get_dir()/checkpoints``,
where torchvision itself keeps them) and fails with a message naming the file and the folder
when they are not there; ``pretrained = "<file>"`` (an rtorch extension) loads a state dict
with torchvision's parameter names from that file. ``progress`` is accepted and ignored.
R torchvision's own weight files use other parameter names for some architectures and are
not read.

Models R torchvision has and torchvision has not (RF-DETR, LW-DETR, UperNet, MTCNN, the
FaceNet Inception-ResNet) are not provided; the three small MTCNN stages
(``model_facenet_pnet`` / ``_rnet`` / ``_onet``) are written here with ``torch.nn`` layers.
"""
from __future__ import annotations

import functools
import inspect
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import torch
import torch.nn as tnn
import torchvision.models as tvm
from torchvision.models import detection as tvd
from torchvision.models import quantization as tvq
from torchvision.models import segmentation as tvs
from torchvision.models._utils import IntermediateLayerGetter
from torchvision.models.detection.backbone_utils import BackboneWithFPN
from torchvision.models.segmentation.fcn import FCN, FCNHead

from ..named_list import NamedList
from ..nn_module import ModuleGenerator, nn_module, to_torch
from ..pipes import Stage
from ..tensor import Tensor
from .convert import py_value, r_out

__all__ = ["R_MODELS", "SPECS", "WeightsNotFound", "as_r_model", "weights_file"]


class WeightsNotFound(FileNotFoundError):
    """``pretrained = TRUE`` and the weights are not on this machine (rtorch never downloads)."""


# -- rtorch modules from torchvision modules ------------------------------------------------

def _plain(self: Any, run: Callable[[], Any]) -> Any:
    return r_out(run())


def _inception_out(self: Any, run: Callable[[], Any]) -> Any:
    """R's: ``list(logits = , aux_logits = )`` when training with ``aux_logits``, else the
    logits tensor (torchvision's own rule, so its result's form decides)."""
    out = run()
    if isinstance(out, tuple):
        return NamedList(logits=r_out(out.logits), aux_logits=r_out(out.aux_logits))
    return r_out(out)


def _detection_out(self: Any, run: Callable[[], Any]) -> NamedList:
    seen: dict[str, Any] = {}
    hook = self._modules["backbone"].register_forward_hook(
        lambda module, inputs, output: seen.setdefault("features", output))
    try:
        out = run()
    finally:
        hook.remove()
    return NamedList(features=r_out(seen.get("features")), detections=r_out(out))


#: How a model's PyTorch result is handed to R code: ``f(model, run)``, ``run()`` giving the
#: PyTorch result.
OUTPUTS: dict[str, Callable[[Any, Callable[[], Any]], Any]] = {
    "tensor": _plain,
    "inception": _inception_out,
    "detection": _detection_out,
}


def _r_forward(torch_cls: type, output: str) -> Callable:
    """The forward of the R face of ``torch_cls``: PyTorch's forward on the PyTorch tensors of
    rtorch inputs, its result converted by :data:`OUTPUTS`; PyTorch inputs get PyTorch's
    forward untouched."""
    torch_forward = torch_cls.forward
    convert = OUTPUTS[output]

    def forward(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs:
            return Stage(self, (), {}, f"{type(self).__name__}()")
        if not any(type(a) is Tensor for a in (*args, *kwargs.values())):
            return torch_forward(self, *args, **kwargs)
        return convert(self, lambda: torch_forward(self, *to_torch(args), **to_torch(kwargs)))

    forward._torch_forward = True       # nn_module's ModuleGenerator: call PyTorch's __call__
    forward.__qualname__ = f"{torch_cls.__name__}.forward"
    forward.__doc__ = f"``{torch_cls.__module__}.{torch_cls.__name__}.forward`` on rtorch tensors."
    return forward


@functools.cache
def _r_class(torch_cls: type, output: str) -> type:
    """The rtorch module class deriving from ``nn_module`` and ``torch_cls`` (registered in this
    module, so that models pickle)."""
    name = f"r_{torch_cls.__name__}" + ("" if output == "tensor" else f"_{output}")
    ns = {"forward": _r_forward(torch_cls, output), "__module__": __name__,
          "__qualname__": name,
          "__doc__": f"An rtorch module that is a ``{torch_cls.__module__}.{torch_cls.__name__}``."}
    cls = ModuleGenerator(name, (nn_module, torch_cls), ns)
    setattr(sys.modules[__name__], name, cls)
    return cls


def as_r_model(module: tnn.Module, output: str = "tensor") -> tnn.Module:
    """``module`` (a plain PyTorch module) made an rtorch module in place: its class becomes one
    deriving from ``nn_module`` and its own class (see the module docstring)."""
    if isinstance(module, nn_module):
        return module
    module.__class__ = _r_class(type(module), output)
    return module


# -- weights -------------------------------------------------------------------------------

def weights_file(weights: Any) -> Path:
    """Where torchvision keeps the file of ``weights`` (a torchvision weights enum member)."""
    return Path(torch.hub.get_dir()) / "checkpoints" / os.path.basename(weights.url)


def _missing(r_name: str, weights: Any) -> WeightsNotFound:
    if weights is None:
        return WeightsNotFound(
            f"`{r_name}(pretrained = TRUE)`: Python's torchvision has no weights for this model. "
            f"Pass `pretrained = \"<file>\"` with a state dict of this model's parameter names "
            "(`names(model$state_dict())`), or `pretrained = FALSE`.")
    path = weights_file(weights)
    return WeightsNotFound(
        f"`{r_name}(pretrained = TRUE)`: the weights are not on this machine and rtorch does "
        f"not download. Put `{path.name}` (from {weights.url}) in `{path.parent}`, or pass "
        f"`pretrained = \"<file>\"`, or `pretrained = FALSE`.")


def _load_file(module: tnn.Module, path: Any, strict: bool = True) -> None:
    state = torch.load(os.fspath(path), map_location="cpu", weights_only=True)
    module.load_state_dict(state.get("state_dict", state) if isinstance(state, dict) else state,
                           strict=strict)


def _pretrained(r_name: str, pretrained: Any, weights: Any) -> Any:
    """What ``pretrained`` asks for: ``None`` (no weights), a torchvision weights member whose
    file is in the hub cache, or a path to a state dict file."""
    if pretrained is None or pretrained is False:
        return None
    if isinstance(pretrained, (str, os.PathLike)):
        if not os.path.exists(pretrained):
            raise WeightsNotFound(f"`{r_name}()`: no weights file at `{pretrained}`")
        return Path(pretrained)
    if not bool(py_value(pretrained)):
        return None
    if weights is None or not weights_file(weights).exists():
        raise _missing(r_name, weights)
    return weights


def _first_weights(builder: Callable) -> Any:
    try:
        return list(tvm.get_model_weights(builder))[0]
    except (ValueError, KeyError):
        return None


def _kwargs(kwargs: dict) -> dict:
    return {k: py_value(v) for k, v in kwargs.items()}


def _build(r_name: str, builder: Callable, weights: Any, pretrained: Any,
           kwargs: dict) -> tnn.Module:
    """``builder`` with the weights ``pretrained`` asks for (the hub cache, or a file)."""
    w = _pretrained(r_name, pretrained, weights)
    if isinstance(w, Path):
        if weights is not None and "num_classes" not in kwargs:
            kwargs["num_classes"] = len(weights.meta["categories"])
        m = builder(weights=None, **kwargs)
        _load_file(m, w)
        return m
    return builder(weights=w, progress=False, **kwargs)


# -- families: R's arguments -> torchvision's --------------------------------------------------

def _classifier(spec: "ModelSpec", r_name: str, pretrained: Any, progress: Any, **kw: Any):
    return _build(r_name, spec.builder, spec.weights, pretrained, _kwargs(kw))


def _inception(spec: "ModelSpec", r_name: str, pretrained: Any, progress: Any, **kw: Any):
    if not _wants(pretrained):
        kw.setdefault("init_weights", True)      # torchvision's initialisation, without its warning
    return _classifier(spec, r_name, pretrained, progress, **kw)


def _wants(pretrained: Any) -> bool:
    """Whether ``pretrained`` asks for weights (``TRUE`` or a file)."""
    return isinstance(pretrained, (str, os.PathLike)) or bool(py_value(pretrained))


def _backbone_weights(r_name: str, model: tnn.Module, arch: str, wanted: Any) -> None:
    """R's ``pretrained_backbone = TRUE``: the backbone's ImageNet weights (from the hub
    cache), loaded into the body of a segmentation or detection model."""
    weights = _first_weights(getattr(tvm, arch))
    w = _pretrained(f"{r_name}(pretrained_backbone = TRUE)'s backbone ({arch})", wanted, weights)
    if w is None:
        return
    path = w if isinstance(w, Path) else weights_file(w)
    _load_file(model.backbone, path, strict=False)          # the classifier's head is left out


def _segmentation(spec: "ModelSpec", r_name: str, pretrained: Any, progress: Any,
                  num_classes: int = 21, aux_loss: Any = None, pretrained_backbone: Any = None,
                  **kw: Any):
    if aux_loss is None:                # R: the auxiliary head comes with pretrained weights
        aux_loss = _wants(pretrained)
    kwargs = _kwargs({"num_classes": num_classes, "aux_loss": aux_loss, **kw})
    m = _build(r_name, spec.builder, spec.weights, pretrained, {**kwargs, "weights_backbone": None})
    if not _wants(pretrained):
        _backbone_weights(r_name, m, spec.backbone, pretrained_backbone)
    return m


def _detector(spec: "ModelSpec", r_name: str, pretrained: Any, progress: Any,
              num_classes: int = 90, score_thresh: float = 0.05, nms_thresh: float = 0.5,
              detections_per_img: int = 100, **kw: Any):
    kwargs = _kwargs({"num_classes": int(py_value(num_classes)) + 1,
                      "box_score_thresh": score_thresh, "box_nms_thresh": nms_thresh,
                      "box_detections_per_img": int(py_value(detections_per_img)), **kw})
    if _wants(pretrained) and int(py_value(num_classes)) != 90:
        raise ValueError("Pretrained weights require num_classes = 90 (excluding background).")
    return _build(r_name, spec.builder, spec.weights, pretrained,
                  {**kwargs, "weights_backbone": None})


def _convnext_stem(m: tnn.Module, channels: int) -> None:
    """R's ``channels``: a stem convolution for other than 3 input channels."""
    if channels != 3:
        old = m.features[0][0]
        m.features[0][0] = tnn.Conv2d(channels, old.out_channels, old.kernel_size, old.stride)


def _convnext(spec: "ModelSpec", r_name: str, pretrained: Any, progress: Any, channels: int = 3,
              num_classes: int = 1000, **kw: Any):
    m = _build(r_name, spec.builder, spec.weights, pretrained,
               _kwargs({"num_classes": num_classes, **kw}))
    _convnext_stem(m, int(py_value(channels)))
    return m


def _convnext_features(spec: "ModelSpec", r_name: str, pretrained_backbone: Any,
                       kw: dict) -> tnn.Sequential:
    weights = _first_weights(spec.builder)
    m = _build(f"{r_name}(pretrained_backbone = TRUE)'s backbone", spec.builder, weights,
               pretrained_backbone, _kwargs(kw))
    return m.features


#: ConvNeXt stages whose outputs feed the heads (torchvision's ``features`` indices).
_CONVNEXT_STAGES = {"1": "0", "3": "1", "5": "2", "7": "3"}


def _split_kwargs(kw: dict, head: Callable) -> tuple[dict, dict]:
    """R's ``...`` of a ConvNeXt detector: the arguments ``head`` takes, and the backbone's."""
    own = inspect.signature(head).parameters
    return ({k: v for k, v in kw.items() if k in own},
            {k: v for k, v in kw.items() if k not in own})


def _convnext_detector(spec: "ModelSpec", r_name: str, num_classes: int = 91,
                       pretrained_backbone: Any = False, **kw: Any):
    head_kw, body_kw = _split_kwargs(kw, tvd.FasterRCNN)
    features = _convnext_features(spec, r_name, pretrained_backbone, body_kw)
    dims = [features[int(i)][-1].block[0].in_channels for i in _CONVNEXT_STAGES]
    backbone = BackboneWithFPN(features, _CONVNEXT_STAGES, dims, 256)
    return tvd.FasterRCNN(backbone, num_classes=int(py_value(num_classes)) + 1,
                          **_kwargs(head_kw))


def _convnext_fcn(spec: "ModelSpec", r_name: str, num_classes: int = 21, aux_loss: Any = False,
                  pretrained_backbone: Any = False, **kw: Any):
    features = _convnext_features(spec, r_name, pretrained_backbone, kw)
    out_dim = features[7][-1].block[0].in_channels
    aux_dim = features[5][-1].block[0].in_channels
    aux = bool(py_value(aux_loss))
    body = IntermediateLayerGetter(features, {"7": "out", **({"5": "aux"} if aux else {})})
    n = int(py_value(num_classes))
    return FCN(body, FCNHead(out_dim, n), FCNHead(aux_dim, n) if aux else None)


# -- the three small MTCNN stages ------------------------------------------------------------

class _MTCNNStage(tnn.Module):
    """An MTCNN stage: convolutions with PReLU and max pooling, then heads. ``layers`` name
    ``(kind, *args)`` in order; ``heads`` name the outputs R returns."""

    def __init__(self, layers: list[tuple], heads: dict[str, str], flatten_before: str | None):
        super().__init__()
        kinds = {"conv": tnn.Conv2d, "prelu": tnn.PReLU, "pool": tnn.MaxPool2d,
                 "dense": tnn.Linear, "softmax": tnn.Softmax}
        self._order = [name for name, *_ in layers]
        self._heads = heads
        self._flatten_before = flatten_before
        self._softmax = next(name for name, kind, *_ in layers if kind == "softmax")
        for name, kind, *args in layers:
            kw = {"ceil_mode": True} if kind == "pool" else {"dim": 1} if kind == "softmax" else {}
            self.add_module(name, kinds[kind](*args, **kw))

    def forward(self, x: torch.Tensor) -> dict:
        layers = self._modules                  # PyTorch's modules, whoever reads
        heads = set(self._heads.values())
        for name in self._order:
            if name in heads or name.startswith("softmax"):
                continue
            if name == self._flatten_before:
                x = x.permute(0, 3, 2, 1).contiguous().flatten(1)
            x = layers[name](x)
        out = {key: layers[head](x) for key, head in self._heads.items()}
        out["cls"] = layers[self._softmax](out["cls"])
        return out


def _stage_layers(convs: list[tuple], pools: dict[int, tuple], dense: list[tuple]) -> list:
    layers = []
    for i, (cin, cout, k) in enumerate(convs, 1):
        layers += [(f"conv{i}", "conv", cin, cout, k), (f"prelu{i}", "prelu", cout)]
        if i in pools:
            layers.append((f"pool{i}", "pool", *pools[i]))
    return layers + dense


def _pnet() -> tnn.Module:
    layers = _stage_layers([(3, 10, 3), (10, 16, 3), (16, 32, 3)], {1: (2, 2)}, [
        ("conv4_1", "conv", 32, 2, 1), ("softmax4_1", "softmax"), ("conv4_2", "conv", 32, 4, 1)])
    return _MTCNNStage(layers, {"boxes": "conv4_2", "cls": "conv4_1"}, None)


def _rnet() -> tnn.Module:
    layers = _stage_layers([(3, 28, 3), (28, 48, 3), (48, 64, 2)], {1: (3, 2), 2: (3, 2)}, [
        ("dense4", "dense", 576, 128), ("prelu4", "prelu", 128),
        ("dense5_1", "dense", 128, 2), ("softmax5_1", "softmax"), ("dense5_2", "dense", 128, 4)])
    return _MTCNNStage(layers, {"boxes": "dense5_2", "cls": "dense5_1"}, "dense4")


def _onet() -> tnn.Module:
    layers = _stage_layers([(3, 32, 3), (32, 64, 3), (64, 64, 3), (64, 128, 2)],
                           {1: (3, 2), 2: (3, 2), 3: (2, 2)}, [
        ("dense5", "dense", 1152, 256), ("prelu5", "prelu", 256),
        ("dense6_1", "dense", 256, 2), ("softmax6_1", "softmax"),
        ("dense6_2", "dense", 256, 4), ("dense6_3", "dense", 256, 10)])
    return _MTCNNStage(layers, {"boxes": "dense6_2", "landmarks": "dense6_3", "cls": "dense6_1"},
                       "dense5")


def _facenet(spec: "ModelSpec", r_name: str, pretrained: Any = True, progress: Any = False,
             **kw: Any):
    m = spec.builder()
    w = _pretrained(r_name, pretrained, None)
    if w is not None:
        _load_file(m, w)
    return m.eval()


# -- the table -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ModelSpec:
    """How R's ``model_<name>`` is built: the torchvision ``builder``, the ``family`` that
    translates R's arguments, the ``weights`` for ``pretrained = TRUE``, how the output is
    handed back, R's extra ``defaults``; ``backbone`` names the ImageNet backbone of
    ``pretrained_backbone``; ``eval`` puts the model in eval mode, as R does for some."""

    builder: Callable
    family: Callable
    weights: Any = None
    output: str = "tensor"
    defaults: dict = field(default_factory=dict)
    backbone: str | None = None
    eval: bool = False
    source: str = ""


def _rule(name: str, family: Callable = _classifier, **kw: Any) -> ModelSpec:
    for module in (tvm, tvs, tvd):
        builder = getattr(module, name, None)
        if callable(builder):
            return ModelSpec(builder, family, _first_weights(builder), **kw)
    raise AttributeError(f"torchvision has no model builder `{name}`")


_CLASSIFIERS = (
    "alexnet", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d",
    "resnext101_32x8d", "wide_resnet50_2", "wide_resnet101_2", "vgg11", "vgg11_bn", "vgg13",
    "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn", "mobilenet_v2",
    *(f"efficientnet_b{i}" for i in range(8)), "efficientnet_v2_s", "efficientnet_v2_m",
    "efficientnet_v2_l", "vit_b_16", "vit_b_32", "vit_l_16", "vit_l_32", "vit_h_14",
)

_CONVNEXT = {"tiny_1k": ("tiny", 1000, True), "tiny_22k": ("tiny", 21841, False),
             "small_22k": ("small", 21841, False), "small_22k1k": ("small", 1000, False),
             "base_1k": ("base", 1000, True), "base_22k": ("base", 21841, False),
             "large_1k": ("large", 1000, True), "large_22k": ("large", 21841, False)}


def _convnext_spec(size: str, n: int, has_weights: bool) -> ModelSpec:
    builder = getattr(tvm, f"convnext_{size}")
    return ModelSpec(builder, _convnext, _first_weights(builder) if has_weights else None,
                     defaults={"channels": 3, "num_classes": n})


def _head_spec(size: str, family: Callable, output: str, defaults: dict, head: str) -> ModelSpec:
    return ModelSpec(getattr(tvm, f"convnext_{size}"), family, None, output, defaults,
                     source=f"{head} on torchvision.models.convnext_{size}'s features")


#: R's ``model_*`` names and how each is built (the rule, and what differs from it).
SPECS: dict[str, ModelSpec] = {
    **{n: _rule(n) for n in _CLASSIFIERS},
    "inception_v3": _rule("inception_v3", _inception, output="inception"),
    "mobilenet_v3_large": _rule("mobilenet_v3_large", defaults={"num_classes": 1000,
                                                                "width_mult": 1.0}, eval=True),
    "mobilenet_v3_small": _rule("mobilenet_v3_small", defaults={"num_classes": 1000,
                                                                "width_mult": 1.0}, eval=True),
    "mobilenet_v3_large_quantized": ModelSpec(
        tvq.mobilenet_v3_large, _classifier, _first_weights(tvm.mobilenet_v3_large)),
    "maxvit": ModelSpec(tvm.maxvit_t, _classifier, _first_weights(tvm.maxvit_t),
                        defaults={"num_classes": 1000}),
    **{f"fcn_resnet{d}": _rule(f"fcn_resnet{d}", _segmentation, backbone=f"resnet{d}",
                               defaults={"pretrained_backbone": True}) for d in (50, 101)},
    **{f"deeplabv3_resnet{d}": _rule(f"deeplabv3_resnet{d}", _segmentation,
                                     backbone=f"resnet{d}",
                                     defaults={"pretrained_backbone": False})
       for d in (50, 101)},
    **{n: _rule(n, _detector, output="detection") for n in (
        "fasterrcnn_resnet50_fpn", "fasterrcnn_resnet50_fpn_v2",
        "fasterrcnn_mobilenet_v3_large_fpn", "fasterrcnn_mobilenet_v3_large_320_fpn",
        "maskrcnn_resnet50_fpn", "maskrcnn_resnet50_fpn_v2")},
    **{f"convnext_{k}": _convnext_spec(*v) for k, v in _CONVNEXT.items()},
    **{f"convnext_{s}_detection": _head_spec(s, _convnext_detector, "detection",
                                             {"num_classes": 91, "pretrained_backbone": False},
                                             "torchvision.models.detection.FasterRCNN with an FPN")
       for s in ("tiny", "small", "base")},
    **{f"convnext_{s}_fcn": _head_spec(s, _convnext_fcn, "tensor",
                                       {"num_classes": 21, "aux_loss": False,
                                        "pretrained_backbone": False},
                                       "torchvision.models.segmentation.FCN with FCNHead")
       for s in ("tiny", "small", "base")},
    **{f"facenet_{k}": ModelSpec(b, _facenet, None, "tensor", {"pretrained": True,
                                                               "progress": False},
                                 source="MTCNN's stage, written with torch.nn layers")
       for k, b in (("pnet", _pnet), ("rnet", _rnet), ("onet", _onet))},
}

#: Families whose R constructor has no ``pretrained`` / ``progress`` arguments.
_HEAD_FAMILIES = (_convnext_detector, _convnext_fcn)


def _constructor(name: str, spec: ModelSpec) -> Callable:
    r_name = f"model_{name}"
    head = spec.family in _HEAD_FAMILIES
    base = {} if head else {"pretrained": False, "progress": True}
    defaults = {**base, **spec.defaults}

    def model(*args: Any, **kwargs: Any) -> tnn.Module:
        if args:
            kwargs.update(zip(defaults, args))
        args_ = {**defaults, **kwargs}
        if head:
            m = spec.family(spec, r_name, **args_)
        else:
            m = spec.family(spec, r_name, args_.pop("pretrained"), args_.pop("progress"), **args_)
        m = as_r_model(m, spec.output)
        return m.eval() if spec.eval else m

    shown = ", ".join(f"{k} = {_r_value(v)}" for k, v in defaults.items())
    where = spec.source or f"{spec.builder.__module__}.{spec.builder.__name__}"
    model.__name__ = model.__qualname__ = r_name
    model.__doc__ = (f"R torchvision's ``{r_name}({shown}, ...)``: ``{where}`` "
                     "as an rtorch module. See "
                     ":mod:`rtorch.vision.models`.")
    return model


def _r_value(v: Any) -> str:
    return {True: "TRUE", False: "FALSE", None: "NULL"}.get(v, repr(v)) \
        if isinstance(v, (bool, type(None))) else repr(v)


R_MODELS: dict[str, Callable] = {f"model_{n}": _constructor(n, s) for n, s in SPECS.items()}
