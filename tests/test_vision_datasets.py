"""rtorch.vision datasets on small files written here: item structure, shapes, dtypes, value
ranges, 1-based labels, offline errors, data loaders."""
import gzip
import json
import pickle
import struct

import numpy as np
import pytest
import torch
from PIL import Image

from rtorch import c, dataloader, dataset_subset, length, torch_float, torch_long
from rtorch.rbase import RVector
from rtorch.vision import *  # noqa: F403
from rtorch.vision.datasets import DatasetNotFound

RNG = np.random.default_rng(0)


def image(path, h=12, w=10, mode="RGB", fmt=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    bands = {"RGB": 3, "L": 1, "RGBA": 4}[mode]
    a = RNG.integers(0, 256, (h, w, bands), dtype=np.uint8)
    Image.fromarray(a[..., 0] if bands == 1 else a, mode).save(path, format=fmt)
    return a


def label(item):
    assert isinstance(item.y, RVector) and item.y.rtype == "integer"
    return int(item.y.values[0])


# -- image folders -----------------------------------------------------------------------------

def test_image_folder_dataset(tmp_path):
    for k, cls in enumerate(["cat", "dog", "emu"]):
        for i in range(2):
            image(tmp_path / cls / f"{i}.png" if k != 1 else tmp_path / cls / "sub" / f"{i}.jpg")
    image(tmp_path / "cat" / "g.png", mode="L")
    (tmp_path / "emu" / "notes.txt").write_text("not an image")
    ds = image_folder_dataset(tmp_path)
    assert length(ds) == 7 and len(ds) == 7
    assert list(ds.classes.values) == ["cat", "dog", "emu"]
    assert list(ds.class_to_idx.values) == [1, 2, 3]
    item = ds[1]
    assert list(item.keys()) == ["x", "y"] and label(item) == 1
    assert item.x.shape == (12, 10, 3) and item.x.dtype == np.float64
    assert 0 <= item.x.min() and item.x.max() <= 1
    assert [label(ds[i]) for i in range(1, 8)] == [1, 1, 1, 2, 2, 3, 3]
    assert ds.classes[ds[7].y].values[0] == "emu"                       # 1-based lookup
    assert ds[3].x.shape == (12, 10, 3)                                   # gray -> 3 channels
    tds = image_folder_dataset(tmp_path, transform=transform_to_tensor)
    batch = next(iter(dataloader(tds, batch_size=4)))
    assert batch.x.shape == (4, 3, 12, 10) and batch.x.dtype == torch_float()
    assert batch.y.dtype == torch_long() and batch.y.torch.tolist() == [1, 1, 1, 2]
    pil = image_folder_dataset(tmp_path, loader=magick_loader,
                               transform=lambda x: x >> transform_resize(c(6, 5))
                               >> transform_to_tensor())
    assert pil[2].x.shape == (3, 6, 5)
    with pytest.raises(RuntimeError, match="Found 0 files"):
        image_folder_dataset(tmp_path / "cat")


def test_base_loader(tmp_path):
    rgba = image(tmp_path / "a.png", mode="RGBA")
    a = base_loader(tmp_path / "a.png")
    assert a.shape == (12, 10, 4) and np.allclose(a, rgba / 255)
    with pytest.raises(RuntimeError, match="rtorch does not download"):
        base_loader("https://example.org/x.png")
    with pytest.raises(RuntimeError, match="File not found"):
        base_loader(tmp_path / "missing.png")
    assert magick_loader(tmp_path / "a.png").mode == "RGB"


def test_tiny_imagenet(tmp_path):
    base = tmp_path / "tiny-imagenet-200"
    for wnid in ("n01", "n02"):
        image(base / "train" / wnid / "images" / f"{wnid}_0.JPEG", fmt="JPEG")
    image(base / "val" / "images" / "val_0.JPEG", fmt="JPEG")
    image(base / "val" / "images" / "val_1.JPEG", fmt="JPEG")
    (base / "val" / "val_annotations.txt").write_text("val_0.JPEG\tn02\t0\t0\t5\t5\n"
                                                      "val_1.JPEG\tn01\t0\t0\t5\t5\n")
    train = tiny_imagenet_dataset(tmp_path)
    assert length(train) == 2 and list(train.classes.values) == ["n01", "n02"]
    val = tiny_imagenet_dataset(tmp_path, split="val")
    assert [label(val[1]), label(val[2])] == [2, 1]
    with pytest.raises(DatasetNotFound, match="rtorch does not download"):
        tiny_imagenet_dataset(tmp_path / "nowhere", download=True)


# -- MNIST ------------------------------------------------------------------------------------

def write_idx(path, a, gz=True):
    path.parent.mkdir(parents=True, exist_ok=True)
    code = {np.dtype("uint8"): 0x08, np.dtype(">i4"): 0x0C}[a.dtype]
    raw = struct.pack(">BBBB", 0, 0, code, a.ndim) + struct.pack(f">{a.ndim}i", *a.shape) \
        + a.tobytes()
    (gzip.open if gz else open)(str(path) + (".gz" if gz else ""), "wb").write(raw)


def mnist_files(folder, prefix="", n=5, gz=True):
    for split, m in (("train", n), ("t10k", 3)):
        write_idx(folder / f"{prefix}{split}-images-idx3-ubyte",
                  RNG.integers(0, 256, (m, 28, 28)).astype(np.uint8), gz)
        write_idx(folder / f"{prefix}{split}-labels-idx1-ubyte",
                  np.arange(m, dtype=np.uint8) % 10, gz)


@pytest.mark.parametrize("make, folder", [(mnist_dataset, "mnist/raw"),
                                          (kmnist_dataset, "KMNIST/raw"),
                                          (fashion_mnist_dataset, "fashion_mnist/raw")])
def test_mnist_family(tmp_path, make, folder):
    mnist_files(tmp_path / folder, gz=folder != "KMNIST/raw")
    ds = make(tmp_path)
    assert length(ds) == 5 and len(ds.classes.values) == 10
    item = ds[1]
    assert item.x.shape == (1, 28, 28) and item.x.dtype == np.int32
    assert item.x.max() <= 255 and label(item) == 1                  # digit 0 is class 1
    assert [label(ds[i]) for i in range(1, 6)] == [1, 2, 3, 4, 5]
    assert length(make(tmp_path, train=False, download=True)) == 3    # files there: no download
    t = make(tmp_path, transform=transform_to_tensor)[2]
    assert t.x.shape == (1, 28, 28) and t.x.dtype == torch_float() and float(t.x.torch.max()) <= 1
    batch = next(iter(dataloader(make(tmp_path, transform=transform_to_tensor), batch_size=5,
                                 shuffle=True)))
    assert batch.x.shape == (5, 1, 28, 28) and sorted(batch.y.torch.tolist()) == [1, 2, 3, 4, 5]
    raw = next(iter(dataloader(ds, batch_size=2)))               # untransformed: R's integers
    assert raw.x.shape == (2, 1, 28, 28) and raw.x.dtype == torch_long()


def test_mnist_offline_errors(tmp_path):
    with pytest.raises(DatasetNotFound, match="Dataset not found"):
        mnist_dataset(tmp_path)
    with pytest.raises(DatasetNotFound, match="download = TRUE.*rtorch does not download"):
        mnist_dataset(tmp_path, download=True)


def test_qmnist_and_emnist(tmp_path):
    raw = tmp_path / "qmnist" / "raw"
    write_idx(raw / "qmnist-test-images-idx3-ubyte", np.zeros((4, 28, 28), np.uint8))
    lab = np.zeros((4, 8), dtype=">i4")
    lab[:, 0] = [3, 1, 4, 1]
    write_idx(raw / "qmnist-test-labels-idx2-int", lab)
    q = qmnist_dataset(tmp_path, split="test")
    assert [label(q[i]) for i in range(1, 5)] == [4, 2, 5, 2]
    with pytest.raises(ValueError, match="should be one of"):
        qmnist_dataset(tmp_path, split="valid")
    gz = tmp_path / "emnist_collection/raw/unzipped/gzip"
    write_idx(gz / "emnist-letters-test-images-idx3-ubyte", np.zeros((2, 28, 28), np.uint8))
    write_idx(gz / "emnist-letters-test-labels-idx1-ubyte", np.array([0, 25], np.uint8))
    e = emnist_collection(tmp_path, dataset="letters")
    assert e.classes[label(e[2])].values[0] == "z"
    with pytest.warns(DeprecationWarning):
        assert length(emnist_dataset("letters", tmp_path)) == 2


# -- CIFAR ----------------------------------------------------------------------------------------

def test_cifar10_from_python_pickles(tmp_path):
    folder = tmp_path / "cifar-10-batches-py"
    folder.mkdir()
    rows = {}
    for name, n in [(f"data_batch_{i}", 2) for i in range(1, 6)] + [("test_batch", 3)]:
        data = RNG.integers(0, 256, (n, 3072)).astype(np.uint8)
        rows[name] = data
        pickle.dump({b"data": data, b"labels": [9, 0, 4][:n]}, open(folder / name, "wb"))
    names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
             "truck"]
    pickle.dump({b"label_names": names}, open(folder / "batches.meta", "wb"))
    ds = cifar10_dataset(tmp_path)
    assert length(ds) == 10 and list(ds.classes.values) == names
    item = ds[1]
    assert item.x.shape == (32, 32, 3) and item.x.dtype == np.int32
    assert np.array_equal(item.x[..., 0].reshape(-1), rows["data_batch_1"][0, :1024])
    assert label(item) == 10 and ds.classes[item.y].values[0] == "truck"
    test = cifar10_dataset(tmp_path, train=False, transform=transform_to_tensor)
    assert length(test) == 3 and test[3].x.shape == (3, 32, 32) and label(test[3]) == 5
    assert torch.allclose(test[1].x.torch[0].reshape(-1) * 255,
                          torch.tensor(rows["test_batch"][0, :1024], dtype=torch.float32))


def test_cifar100_from_binary_files(tmp_path):
    folder = tmp_path / "cifar-100-binary"
    folder.mkdir()
    for name, n in (("train.bin", 4), ("test.bin", 2)):
        recs = np.zeros((n, 3074), np.uint8)
        recs[:, 0], recs[:, 1] = 7, np.arange(n) + 40          # coarse, fine label
        recs[:, 2:] = RNG.integers(0, 256, (n, 3072))
        recs.tofile(folder / name)
    (folder / "fine_label_names.txt").write_text("\n".join(f"c{i}" for i in range(100)) + "\n")
    ds = cifar100_dataset(tmp_path)
    assert length(ds) == 4 and len(ds.classes.values) == 100
    assert [label(ds[i]) for i in range(1, 5)] == [41, 42, 43, 44]
    assert ds[1].x.shape == (32, 32, 3)


# -- file-list datasets ----------------------------------------------------------------------

def test_caltech_and_lfw(tmp_path):
    cal = tmp_path / "caltech-101" / "caltech-101" / "101_ObjectCategories"
    for cls in ("BACKGROUND_Google", "accordion", "ant"):
        image(cal / cls / "image_0001.jpg", fmt="JPEG")
    ds = caltech101_dataset(tmp_path)
    assert list(ds.classes.values) == ["accordion", "ant"] and label(ds[2]) == 2
    c256 = tmp_path / "caltech256" / "256_ObjectCategories"
    image(c256 / "001.ak47" / "001_0001.jpg", fmt="JPEG")
    assert list(caltech256_dataset(tmp_path).classes.values) == ["ak47"]
    for person in ("Ann_A", "Bob_B"):
        for i in (1, 2):
            image(tmp_path / "lfw" / person / f"{person}_{i:04d}.jpg", fmt="JPEG")
    people = lfw_people_dataset(tmp_path)
    assert length(people) == 4 and label(people[3]) == 2
    (tmp_path / "pairsDevTrain.txt").write_text("2\nAnn_A 1 2\nAnn_A 1 Bob_B 2\n")
    (tmp_path / "pairs.txt").write_text("")
    pairs = lfw_pairs_dataset(tmp_path)
    assert length(pairs) == 2 and label(pairs[1]) == 1 and label(pairs[2]) == 2
    assert isinstance(pairs[2].x, list) and pairs[2].x[1].shape == (12, 10, 3)


def test_eurosat_fer_fgvc(tmp_path):
    for cls in ("AnnualCrop", "Forest"):
        image(tmp_path / "eurosat" / "images" / "2750" / cls / f"{cls}_1.jpg", fmt="JPEG")
    (tmp_path / "eurosat-val.txt").write_text("Forest_1.tif\nAnnualCrop_1.tif\n")
    eu = eurosat_dataset(tmp_path)
    assert list(eu.classes.values) == ["Forest", "AnnualCrop"]
    assert [label(eu[1]), label(eu[2])] == [1, 2]
    rows = ["emotion,pixels,Usage"] + [f"{e},{' '.join(['7'] * 2304)},{u}" for e, u in
                                        ((3, "Training"), (0, "PublicTest"), (6, "Training"))]
    (tmp_path / "fer2013").mkdir()
    (tmp_path / "fer2013" / "fer2013.csv").write_text("\n".join(rows))
    fer = fer_dataset(tmp_path)
    assert length(fer) == 2 and fer[1].x.shape == (48, 48) and label(fer[2]) == 7
    assert fer.classes[fer[1].y].values[0] == "Happy"
    assert transform_to_tensor(fer[1].x).shape == (1, 48, 48)
    data = tmp_path / "fgvc-aircraft-2013b" / "data"
    image(data / "images" / "0000001.jpg", fmt="JPEG")
    for lvl, f, names in (("manufacturer", "manufacturers.txt", ["Boeing", "Airbus"]),
                          ("family", "families.txt", ["A320", "Boeing 707"]),
                          ("variant", "variants.txt", ["707-320", "A320"])):
        (data / f).write_text("\n".join(names) + "\n")
        value = {"manufacturer": "Boeing", "family": "Boeing 707", "variant": "707-320"}[lvl]
        (data / f"images_{lvl}_train.txt").write_text(f"0000001 {value}\n")
    fg = fgvc_aircraft_dataset(tmp_path)
    assert label(fg[1]) == 1 and fg[1].x.max() > 1                   # R's [0, 255]
    assert list(fgvc_aircraft_dataset(tmp_path, annotation_level="all")[1].y.values) == [1, 2, 1]


def write_mat(path, arrays):
    """A MATLAB 5 file of double matrices (what ``scipy.io.savemat`` writes, uncompressed)."""
    out = bytearray(b"MATLAB 5.0 MAT-file".ljust(116) + bytes(8) + struct.pack("<H", 0x0100)
                    + b"IM")

    def element(kind, payload):
        pad = -len(payload) % 8
        return struct.pack("<II", kind, len(payload)) + payload + bytes(pad)

    for name, a in arrays.items():
        a = np.asarray(a, dtype=np.float64).reshape(1, -1)
        body = element(6, struct.pack("<II", 6, 0)) + element(5, struct.pack("<ii", *a.shape)) \
            + element(1, name.encode()) + element(9, a.tobytes(order="F"))
        out += element(14, body)
    path.write_bytes(bytes(out))


def test_flowers102(tmp_path):
    base = tmp_path / "flowers-102"
    for i in (1, 2, 3):
        image(base / "jpg" / f"image_{i:05d}.jpg", fmt="JPEG")
    base.mkdir(exist_ok=True)
    write_mat(base / "imagelabels.mat", {"labels": [77, 1, 102]})
    write_mat(base / "setid.mat", {"trnid": [3, 1], "valid": [2], "tstid": [2]})
    ds = flowers102_dataset(tmp_path)
    assert [label(ds[1]), label(ds[2])] == [102, 77]
    assert ds.classes[ds[1].y].values[0] == "blackberry lily"
    assert length(flowers102_dataset(tmp_path, split="val")) == 1


def test_places_vggface_flickr(tmp_path):
    p = tmp_path / "places365"
    image(p / "data_256" / "a" / "airfield" / "00000001.jpg", fmt="JPEG")
    (p / "categories_places365.txt").write_text("/a/airfield 0\n/a/airport 1\n")
    (p / "places365_train_standard.txt").write_text("/a/airfield/00000001.jpg 1\n"
                                                     "/a/airfield/missing.jpg 0\n")
    pl = places365_dataset(tmp_path, split="train")
    assert length(pl) == 1 and label(pl[1]) == 2 and isinstance(pl[1].x, Image.Image)
    assert list(pl.classes.values) == ["airfield", "airport"]
    v = tmp_path / "vggface2" / "raw"
    image(v / "train" / "n000002" / "0001_01.jpg", fmt="JPEG")
    image(v / "train" / "n000001" / "0002_01.jpg", fmt="JPEG")
    (v / "train_list.txt").write_text("n000002/0001_01.jpg\nn000001/0002_01.jpg\n")
    vg = vggface2_dataset(tmp_path)
    assert [label(vg[1]), label(vg[2])] == [2, 1]
    f = tmp_path / "flickr8k" / "raw"
    image(f / "Flicker8k_Dataset" / "a.jpg", fmt="JPEG")
    (f / "Flickr8k.token.txt").write_text("a.jpg#0\tA dog.\na.jpg#1\tA brown dog.\n")
    (f / "Flickr_8k.trainImages.txt").write_text("a.jpg\n")
    (f / "Flickr_8k.testImages.txt").write_text("")
    fl = flickr8k_caption_dataset(tmp_path)
    assert list(fl[1].y.values) == ["A dog.", "A brown dog."]
    f30 = tmp_path / "flickr30k" / "raw"
    image(f30 / "flickr30k-images" / "1.jpg", fmt="JPEG")
    (f30 / "dataset_flickr30k.json").write_text(json.dumps({"images": [
        {"filename": "1.jpg", "split": "train", "sentences": [{"raw": "Hi."}]}]}))
    assert list(flickr30k_caption_dataset(tmp_path)[1].y.values) == ["Hi."]


# -- detection and segmentation -----------------------------------------------------------

def test_coco_detection_and_segmentation(tmp_path):
    d = tmp_path / "coco2017"
    image(d / "val2017" / "1.jpg", h=20, w=30, fmt="JPEG")
    image(d / "val2017" / "2.jpg", h=20, w=30, fmt="JPEG")
    notes = {"images": [{"id": 5, "file_name": "1.jpg"}, {"id": 6, "file_name": "2.jpg"},
                        {"id": 7, "file_name": "gone.jpg"}],
             "annotations": [{"image_id": 5, "bbox": [1, 2, 10, 5], "category_id": 18,
                              "area": 50, "iscrowd": 0,
                              "segmentation": [[1, 2, 11, 2, 11, 7, 1, 7]]}],
             "categories": [{"id": 1, "name": "person"}, {"id": 18, "name": "dog"}]}
    (d / "annotations").mkdir()
    (d / "annotations" / "instances_val2017.json").write_text(json.dumps(notes))
    ds = coco_detection_dataset(tmp_path, train=False)
    assert length(ds) == 2
    item = ds[1]
    assert type(item).__name__ == "image_with_bounding_box"
    assert item.x.shape == (20, 30, 3)
    assert item.y.boxes.torch.tolist() == [[1.0, 2.0, 11.0, 7.0]]
    assert list(item.y.labels.values) == ["dog"] and item.y.image_height == 20
    assert ds[2].y.boxes.shape == (0, 4)
    flipped = coco_detection_dataset(tmp_path, train=False, transform=transform_to_tensor)[1] \
        >> item_transform_hflip()
    assert flipped.y.boxes.torch.tolist() == [[19.0, 2.0, 29.0, 7.0]]
    drawn = draw_bounding_boxes(flipped)
    assert drawn.shape == (3, 20, 30) and drawn.torch.dtype == torch.uint8
    seg = coco_segmentation_dataset(tmp_path, train=False, target_transform=target_transform_coco_masks)
    m = seg[1].y.masks
    assert m.shape == (1, 20, 30) and bool(m.torch[0, 4, 5]) and not bool(m.torch[0, 15, 25])


def test_pascal_voc(tmp_path):
    voc = tmp_path / "VOCdevkit" / "VOC2012"
    image(voc / "JPEGImages" / "a.jpg", h=8, w=6, fmt="JPEG")
    (voc / "ImageSets" / "Segmentation").mkdir(parents=True)
    (voc / "ImageSets" / "Segmentation" / "train.txt").write_text("a\n")
    (voc / "ImageSets" / "Main").mkdir(parents=True)
    (voc / "ImageSets" / "Main" / "train.txt").write_text("a\n")
    mask = np.zeros((8, 6), np.uint8)
    mask[2:5, 2:4] = 12                                          # dog
    mask[0, 0] = 255                                             # border
    (voc / "SegmentationClass").mkdir()
    png = Image.fromarray(mask, "P")
    png.putpalette(list(range(256)) * 3)                         # VOC's PNGs: index = class
    png.save(voc / "SegmentationClass" / "a.png")
    seg = pascal_segmentation_dataset(tmp_path)
    y = seg[1].y
    assert y.masks.shape == (21, 8, 6) and list(y.labels.values) == [1, 13]
    assert seg.classes[13].values[0] == "dog"
    (voc / "Annotations").mkdir()
    (voc / "Annotations" / "a.xml").write_text(
        "<annotation><object><name>dog</name><bndbox><xmin>1</xmin><ymin>2</ymin>"
        "<xmax>4</xmax><ymax>6</ymax></bndbox></object></annotation>")
    det = pascal_detection_dataset(tmp_path)[1]
    assert det.y.boxes.torch.tolist() == [[1, 2, 4, 6]] and list(det.y.labels.values) == ["dog"]


def test_oxford_pets(tmp_path):
    raw = tmp_path / "oxfordiiitpet" / "raw"
    for name in ("Abyssinian_1", "beagle_2"):
        image(raw / "images" / f"{name}.jpg", h=6, w=5, fmt="JPEG")
        (raw / "annotations" / "trimaps").mkdir(parents=True, exist_ok=True)
        Image.fromarray(np.full((6, 5), 2, np.uint8)).save(raw / "annotations" / "trimaps" /
                                                          f"{name}.png")
    (raw / "annotations" / "trainval.txt").write_text("Abyssinian_1 1 1 1\nbeagle_2 12 2 3\n")
    pets = oxfordiiitpet_dataset(tmp_path)
    assert [label(pets[1]), label(pets[2])] == [1, 12]
    assert list(pets.classes.values) == ["Abyssinian", "beagle"]
    binary = oxfordiiitpet_binary_dataset(tmp_path)
    assert [label(binary[1]), label(binary[2])] == [1, 2]
    seg = oxfordiiitpet_segmentation_dataset(tmp_path)[2]
    assert seg.y.masks.shape == (3, 6, 5) and bool(seg.y.masks.torch[1].all())
    assert int(seg.y.label.values[0]) == 12


def test_cityscapes_and_peixos(tmp_path):
    img = tmp_path / "leftImg8bit" / "train" / "bonn"
    image(img / "bonn_000_leftImg8bit.png", h=4, w=6)
    gt = tmp_path / "gtFine" / "train" / "bonn"
    gt.mkdir(parents=True)
    Image.fromarray(np.full((4, 6), 7, np.uint8)).save(gt / "bonn_000_gtFine_labelIds.png")
    cs = cityscapes_dataset(tmp_path, target_type="semantic")
    item = cs[1]
    assert isinstance(item.x, Image.Image) and item.y.semantic.shape == (1, 4, 6)
    assert int(item.y.semantic.max()) == 7
    folder = tmp_path / "rf100_peixos_segmentation_dataset" / "train"
    image(folder / "f.jpg", h=10, w=10, fmt="JPEG")
    (folder / "_annotations.coco.json").write_text(json.dumps({
        "images": [{"id": 0, "file_name": "f.jpg"}],
        "annotations": [{"image_id": 0, "category_id": 1,
                         "segmentation": [[1, 1, 6, 1, 6, 6, 1, 6]]}],
        "categories": [{"id": 1, "name": "fish"}]}))
    fish = rf100_peixos_segmentation_dataset(root=tmp_path)
    y = fish[1].y
    assert y.masks.shape == (1, 10, 10) and int(y.masks.torch.sum()) > 0
    assert int(y.labels.values[0]) == 1


def test_parquet_collections(tmp_path, monkeypatch):
    import pandas as pd
    import rtorch.vision.catalog as cat
    with pytest.raises(DatasetNotFound, match="Francesco/bccd-ouzjz"):
        rf100_biology_collection("blood_cell", split="test", root=tmp_path, download=True)
    folder = tmp_path / "rf100_biology_collection" / "blood_cell"
    folder.mkdir(parents=True)
    (folder / "test-00000-of-00001.parquet").write_bytes(b"")
    buf = __import__("io").BytesIO()
    Image.fromarray(RNG.integers(0, 256, (8, 8, 4), dtype=np.uint8), "RGBA").save(buf, "PNG")
    rows = pd.DataFrame({
        "image_id": [3, 4], "image": [{"bytes": buf.getvalue(), "path": "a.png"}] * 2,
        "objects": [{"bbox": [np.array([1.0, 1.0, 2.0, 3.0])], "category": np.array([2])},
                    {"bbox": [], "category": np.array([], dtype=int)}]})
    info = {"features": {"objects": {"feature": {"category": {"names": ["cells", "RBC", "WBC"]}}}}}
    monkeypatch.setattr(cat, "_read_parquet", lambda files: (rows, info))
    ds = rf100_biology_collection("blood_cell", split="test", root=tmp_path)
    assert length(ds) == 1 and list(ds.classes.values) == ["RBC", "WBC"]
    item = ds[1]
    assert item.x.shape == (8, 8, 3) and item.y.boxes.torch.tolist() == [[1.0, 1.0, 3.0, 4.0]]
    assert ds.classes[item.y.labels].values[0] == "WBC"
    assert "blood_cell" in list(list_collection_datasets("rf100_biology").values)
    assert len(search_collection("solar")) == 2
    assert set(get_collection_catalog()["collection"]) >= {"rf100_medical", "emnist"}


def test_subsets_and_loaders_of_vision_datasets(tmp_path):
    mnist_files(tmp_path / "MNIST" / "raw", n=6, gz=False)
    ds = mnist_dataset(tmp_path, transform=transform_to_tensor)
    sub = dataset_subset(ds, c(2, 4, 6))
    assert [label(sub[i]) for i in (1, 2, 3)] == [2, 4, 6]
    batches = list(dataloader(sub, batch_size=2))
    assert [b.x.shape[0] for b in batches] == [2, 1]
