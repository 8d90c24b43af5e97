"""rtorch.vision box operations, drawing, grids, class lists, item transforms and SAHI."""
import os

import pytest
import torch
import torchvision.ops as tvo
import torchvision.utils as tvu
from PIL import Image

from rtorch import c, matrix, torch_tensor
from rtorch.named_list import NamedList
from rtorch.vision import *  # noqa: F403

torch.manual_seed(0)
XY = torch.rand(6, 2) * 20
BOXES = torch.cat([XY, XY + torch.rand(6, 2) * 10 + 1], 1)
SCORES = torch.rand(6)


def test_box_ops_match_torchvision():
    b = torch_tensor(BOXES)
    assert torch.equal(box_area(b).torch, tvo.box_area(BOXES))
    assert torch.equal(box_iou(b, b).torch, tvo.box_iou(BOXES, BOXES))
    assert torch.equal(generalized_box_iou(b, b).torch, tvo.generalized_box_iou(BOXES, BOXES))
    assert torch.equal(box_convert(b, "xyxy", "cxcywh").torch,
                       tvo.box_convert(BOXES, "xyxy", "cxcywh"))
    assert torch.equal(clip_boxes_to_image(b, c(10, 15)).torch,
                       tvo.clip_boxes_to_image(BOXES, (10, 15)))
    assert box_area(matrix(c(0, 0, 2, 3), nrow=1)).torch.tolist() == [6.0]   # an R matrix


def test_box_ops_return_one_based_positions():
    b, s = torch_tensor(BOXES), torch_tensor(SCORES)
    kept = nms(b, s, 0.3)
    assert torch.equal(kept.torch, tvo.nms(BOXES, SCORES, 0.3) + 1)
    assert torch.equal(b[kept].torch, BOXES[tvo.nms(BOXES, SCORES, 0.3)])     # R: boxes[keep, ]
    idxs = torch.tensor([0, 0, 1, 1, 2, 2])
    assert torch.equal(batched_nms(b, s, torch_tensor(idxs), 0.3).torch,
                       tvo.batched_nms(BOXES, SCORES, idxs, 0.3) + 1)
    assert torch.equal(remove_small_boxes(b, 5).torch, tvo.remove_small_boxes(BOXES, 5) + 1)


def test_rotated_boxes():
    r = box_xyxy_to_xyxyr(torch_tensor(torch.tensor([[0.0, 0.0, 4.0, 2.0]])), 90)
    assert torch.allclose(r.torch, torch.tensor([[1.0, -1.0, 3.0, 3.0, 90.0]]), atol=1e-5)
    back = box_xyxy_to_xyxyr(r, -90)                      # turning a turned box back
    assert torch.allclose(back.torch, torch.tensor([[0.0, 0.0, 4.0, 2.0, 0.0]]), atol=1e-4)


def test_grid_and_display(tmp_path):
    batch = torch.rand(5, 3, 8, 8)
    grid = vision_make_grid(torch_tensor(batch), num_rows=2)
    assert torch.equal(grid.torch, tvu.make_grid(batch, nrow=2, normalize=True))
    assert (torch_tensor(batch) >> vision_make_grid(scale=False)).shape == (3, 12, 52)
    pil = tensor_image_display(torch_tensor(batch[0]))
    assert isinstance(pil, Image.Image) and pil.size == (8, 8)
    path = torch_tensor(batch[0]) >> tensor_image_browse(file=tmp_path / "x.png")
    assert os.path.exists(path) and Image.open(path).size == (8, 8)
    with pytest.raises(ValueError, match="not batches"):
        tensor_image_display(torch_tensor(batch))


def test_drawing():
    img = (torch.rand(3, 40, 40) * 255).to(torch.uint8)
    boxes = torch.tensor([[2.0, 3.0, 20.0, 30.0], [5.0, 5.0, 9.0, 9.0]])
    out = draw_bounding_boxes(torch_tensor(img), torch_tensor(boxes), labels=c("a", "b"),
                              colors="red")
    assert torch.equal(out.torch, tvu.draw_bounding_boxes(img, boxes, ["a", "b"], "red"))
    assert draw_bounding_boxes(torch_tensor(img.float() / 255), boxes).shape == (3, 40, 40)
    rotated = draw_bounding_boxes(img, torch.tensor([[5.0, 5.0, 20.0, 15.0, 30.0]]))
    assert rotated.shape == (3, 40, 40) and not torch.equal(rotated.torch, img)
    masks = torch.zeros(2, 40, 40, dtype=torch.bool)
    masks[0, :10] = True
    out = draw_segmentation_masks(torch_tensor(img), torch_tensor(masks), alpha=0.5)
    r_default = [(75, 0, 85), (253, 227, 51)]                     # R: hcl.colors(2)
    assert torch.equal(out.torch, tvu.draw_segmentation_masks(img, masks, 0.5, r_default))
    kp = torch.tensor([[[5.0, 5.0], [20.0, 20.0], [30.0, 10.0]]])
    out = draw_keypoints(torch_tensor(img), torch_tensor(kp), connectivity=[c(1, 2), c(2, 3)],
                         colors="blue")
    assert torch.equal(out.torch, tvu.draw_keypoints(img, kp, [(0, 1), (1, 2)], "blue"))
    with pytest.raises(ValueError, match="xmin, ymin, xmax, ymax"):
        draw_bounding_boxes(img, torch.tensor([[5.0, 5.0, 1.0, 9.0]]))


def test_class_lists():
    assert imagenet_classes()[1].values[0] == "tench"
    assert len(imagenet_1k_classes().values) == 1000
    assert list(imagenet_classes(c(1, 1000)).values) == ["tench", "toilet tissue"]
    assert coco_classes(1).values[0] == "person" and coco_classes(12).values[0] == "N/A"
    assert len(coco_classes().values) == 90
    voc = pascal_voc_classes()
    assert list(voc.values[[0, 11, 16, 20]]) == ["background", "dining table", "potted plant",
                                                 "tv/monitor"]
    with pytest.warns(UserWarning, match="cannot be > 21"):
        pascal_voc_classes(c(1, 22))


def _item(img, boxes, **y):
    return NamedList(x=torch_tensor(img), y=NamedList(boxes=torch_tensor(boxes), **y))


def test_item_transforms():
    img = torch.rand(3, 20, 30)
    item = _item(img, torch.tensor([[1.0, 2.0, 11.0, 7.0], [0.0, 0.0, 2.0, 2.0]]),
                 labels=c("dog", "cat"))
    v = item_transform_vflip(item)
    assert torch.equal(v.x.torch, img.flip(-2))
    assert v.y.boxes.torch.tolist()[0] == [1.0, 13.0, 11.0, 18.0]
    crop = item_transform_center_crop(item, c(10, 10))
    assert crop.x.shape == (3, 10, 10) and list(crop.y.labels.values) == ["dog"]
    assert crop.y.boxes.torch.tolist() == [[0.0, 0.0, 1.0, 2.0]]
    rot = item_transform_rotate(item, 90)
    assert type(rot).__name__ == "image_with_rotated_box" and rot.x.shape == (3, 30, 20)
    assert rot.y.boxes.shape == (2, 5)
    back = item_transform_hflip(rot)
    assert torch.equal(back.y.boxes.torch[:, 4], -rot.y.boxes.torch[:, 4])
    seg = NamedList(x=torch_tensor(img), y=NamedList(masks=torch_tensor(img > 0.5)))
    assert torch.equal(item_transform_hflip(seg).y.masks.torch, (img > 0.5).flip(-1))
    with pytest.raises(TypeError, match="dataset item"):
        item_transform_hflip(torch_tensor(img))


def test_target_transforms():
    y = NamedList(boxes=torch_tensor(torch.tensor([[10.0, 10.0, 20.0, 30.0]])),
                  image_height=100, image_width=50)
    r = target_transform_resize(y, c(50, 100))
    assert r.boxes.torch.tolist() == [[20.0, 5.0, 40.0, 15.0]] and r.image_width == 100
    rot = y >> target_transform_rotate(angle=30)
    assert rot.boxes.shape == (1, 5) and float(rot.boxes.torch[0, 4]) == 30
    tri = target_transform_trimap_masks(NamedList(trimap=torch_tensor(
        torch.tensor([[1, 2], [3, 1]]))))
    assert tri.masks.shape == (3, 2, 2) and tri.masks.torch[0].tolist() == [[True, False],
                                                                             [False, True]]


def test_sahi():
    sp = prepare_sahi_split(c(100, 150), size=c(64, 64), overlap_size_ratio=c(0.25, 0.25))
    windows = sp.crop_windows
    assert (windows[0].top, windows[0].left) == (1.0, 1.0)            # 1-based, as R
    assert windows[-1].top + windows[-1].height - 1 == 100
    assert windows[-1].left + windows[-1].width - 1 == 150
    img = torch_tensor(torch.rand(3, 100, 150))
    crops = img >> transform_sahi_crop(sp)
    assert crops.shape == (len(windows), 3, 64, 64)
    assert torch.equal(crops.torch[-1], img.torch[:, 36:100, 86:150])
    y = NamedList(boxes=torch_tensor(torch.tensor([[0.0, 0.0, 30.0, 30.0]])), labels=c("a"),
                  iscrowd=torch_tensor(torch.tensor([False])))
    ys = target_transform_sahi_crop(y, sp, min_area_ratio=0.5)
    assert len(ys) == len(windows) and "iscrowd" not in ys[0]
    assert ys[0].boxes.torch.tolist() == [[0.0, 0.0, 30.0, 30.0]]
    assert ys[-1].boxes.shape == (0, 4)
    assert len(prepare_sahi_split(img, size=c(200, 200)).crop_windows) == 1
