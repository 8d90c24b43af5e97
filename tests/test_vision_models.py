"""rtorch.vision models: every constructor builds; outputs have R's shapes; weights offline."""
import pytest
import torch
import torchvision

from rtorch import Tensor, nn_linear, nn_module, torch_randn, torch_tensor
from rtorch.nn_module import nn_module as NNModule
from rtorch.vision import R_MODELS
from rtorch.vision.models import WeightsNotFound, weights_file

#: R's arguments that avoid reading weights, and the output size of the classifier.
NO_WEIGHTS = {"facenet": {"pretrained": False}, "fcn_resnet": {"pretrained_backbone": False}}
CLASSES = {"_22k": 21841, "fcn": 21, "deeplab": 21, "facenet": None}


def _args(name):
    return next((v for k, v in NO_WEIGHTS.items() if k in name), {})


def _n_classes(name):
    return next((v for k, v in CLASSES.items() if k in name and not name.endswith("22k1k")),
                1000)


@pytest.mark.parametrize("name", sorted(R_MODELS))
def test_every_constructor_builds_an_rtorch_module(name):
    with torch.device("meta"):                      # the architecture, without its memory
        m = R_MODELS[name](**_args(name))
    assert isinstance(m, NNModule) and isinstance(m, torch.nn.Module)
    assert sum(p.numel() for p in m.parameters()) > 1000
    n = _n_classes(name)
    last = [mod for mod in m.modules() if isinstance(mod, (torch.nn.Linear, torch.nn.Conv2d))][-1]
    if "detection" in name or "rcnn" in name:
        assert m.roi_heads.box_predictor.cls_score.out_features == \
            (91 if "convnext" not in name else 92)
    elif n is not None:
        assert getattr(last, "out_features", getattr(last, "out_channels", None)) == n


# one of each family on a small batch: for real ("cpu"), or shapes only ("meta") for the
# architectures that are slow on 2 CPU cores
FORWARD = {
    "model_resnet18": ("cpu", 32), "model_mobilenet_v3_small": ("cpu", 32),
    "model_efficientnet_b0": ("cpu", 32), "model_inception_v3": ("meta", 75),
    "model_alexnet": ("meta", 64), "model_vgg11_bn": ("meta", 32),
    "model_mobilenet_v2": ("meta", 32), "model_mobilenet_v3_large_quantized": ("meta", 32),
    "model_efficientnet_v2_s": ("meta", 32), "model_convnext_tiny_1k": ("meta", 32),
    "model_resnext50_32x4d": ("meta", 32), "model_vit_b_32": ("meta", 224),
    "model_maxvit": ("meta", 224),
}


@pytest.mark.parametrize("name", sorted(FORWARD))
def test_classifiers_give_logits(name):
    device, size = FORWARD[name]
    with torch.device(device), torch.no_grad():
        m = R_MODELS[name](num_classes=7).eval()
        y = m(torch_tensor(torch.randn(2, 3, size, size)))
    assert type(y) is Tensor and y.shape == (2, 7)          # inception too, unless training


def test_inception_in_training_gives_logits_and_aux_logits():
    with torch.device("meta"):
        m = R_MODELS["model_inception_v3"](num_classes=7).train()
        y = m(torch_tensor(torch.randn(2, 3, 299, 299)))
        assert list(y.keys()) == ["logits", "aux_logits"] and y.logits.shape == (2, 7)
        m = R_MODELS["model_inception_v3"](num_classes=7, aux_logits=False).train()
        assert m(torch_tensor(torch.randn(2, 3, 299, 299))).shape == (2, 7)


def test_segmentation_and_stage_models():
    with torch.device("meta"), torch.no_grad():
        x = torch_tensor(torch.empty(1, 3, 32, 32))
        out = R_MODELS["model_convnext_tiny_fcn"](num_classes=3, aux_loss=True).eval()(x)
        assert out.out.shape == (1, 3, 32, 32) and out.aux.shape == (1, 3, 32, 32)
        out = R_MODELS["model_fcn_resnet50"](num_classes=4, pretrained_backbone=False).eval()(x)
        assert list(out.keys()) == ["out"] and out.out.shape == (1, 4, 32, 32)
    with torch.no_grad():
        p = R_MODELS["model_facenet_pnet"](pretrained=False)(torch_randn(1, 3, 12, 12))
        assert p.boxes.shape == (1, 4, 1, 1) and p.cls.shape == (1, 2, 1, 1)
        o = R_MODELS["model_facenet_onet"](pretrained=False)(torch_randn(2, 3, 48, 48))
        assert list(o.keys()) == ["boxes", "landmarks", "cls"] and o.landmarks.shape == (2, 10)
        assert torch.allclose(o.cls.torch.sum(1), torch.ones(2))


def test_detection_models_return_features_and_detections():
    torch.manual_seed(0)
    m = R_MODELS["model_fasterrcnn_mobilenet_v3_large_320_fpn"](
        num_classes=5, score_thresh=0.0, min_size=64, max_size=64).eval()
    with torch.no_grad():
        out = m(torch_tensor(torch.rand(2, 3, 64, 64)))
    assert list(out.keys()) == ["features", "detections"] and len(out.detections) == 2
    assert out.features["0"].shape[0] == 2
    det = out.detections[0]
    assert list(det.keys()) == ["boxes", "labels", "scores"]
    assert det.boxes.shape[1] == 4 and type(det.labels) is Tensor
    assert det.labels.shape[0] > 0 and 1 <= int(det.labels.torch.min()) <= 5
    with torch.device("meta"):                       # R's `...`: head arguments reach the head
        conv = R_MODELS["model_convnext_tiny_detection"](num_classes=5, min_size=64)
    assert conv.transform.min_size == (64,)
    with pytest.raises(ValueError, match="num_classes = 90"):
        R_MODELS["model_fasterrcnn_resnet50_fpn"](pretrained=True, num_classes=3)


def test_models_work_as_r_modules():
    m = R_MODELS["model_resnet18"](num_classes=10)
    assert "An `nn_module` containing 11,181,642 parameters." in repr(m)
    assert m.fc.in_features == 512
    m.fc = nn_linear(512, 3)
    x = torch_randn(2, 3, 32, 32)
    assert m(x).shape == (2, 3)
    assert torch_randn(2, 3, 32, 32) >> m() is not None          # pipes into the model
    assert list(m.state_dict().keys())[:2] == ["conv1.weight", "bn1.weight"]
    assert m(x.torch).__class__ is torch.Tensor                    # PyTorch in, PyTorch out
    net = nn_module("net", initialize=lambda self: setattr(
        self, "body", R_MODELS["model_mobilenet_v3_small"](num_classes=2)),
        forward=lambda self, x: self.body(x))
    assert net()(torch_randn(1, 3, 32, 32)).shape == (1, 2)


def test_pretrained_weights_are_read_offline(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    with pytest.raises(WeightsNotFound, match=r"resnet18-f37072fd\.pth.*checkpoints"):
        R_MODELS["model_resnet18"](pretrained=True)
    with pytest.raises(WeightsNotFound, match="has no weights"):
        R_MODELS["model_convnext_tiny_22k"](pretrained=True)
    ref = torchvision.models.resnet18()
    path = weights_file(torchvision.models.ResNet18_Weights.IMAGENET1K_V1)
    path.parent.mkdir(parents=True)
    torch.save(ref.state_dict(), path)
    x = torch.rand(1, 3, 32, 32)
    ref.eval()
    m = R_MODELS["model_resnet18"](pretrained=True).eval()
    assert torch.equal(m(torch_tensor(x)).torch, ref(x))
    own = tmp_path / "mine.pth"
    torch.save(ref.state_dict(), own)
    m = R_MODELS["model_resnet18"](pretrained=str(own)).eval()
    assert torch.equal(m(x).detach(), ref(x).detach())
