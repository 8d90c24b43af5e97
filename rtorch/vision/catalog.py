"""R torchvision's data-set collections stored as Hugging Face parquet files: the Roboflow-100
collections (``rf100_<topic>_collection(dataset, split)``), the WHOI plankton and CoralNet
sets, and the collection catalog (``get_collection_catalog()``,
``list_collection_datasets()``, ``search_collection()``).

Files: R keeps the parquet files in its cache (``~/.cache/torch``, R's
``rappdirs::user_cache_dir("torch")``) under ``<data set class>/<dataset>/``; so does rtorch,
and ``root =`` (an rtorch extension) names another folder. Any ``<split>-*.parquet`` there is
read (the Hugging Face split names: ``train``, ``validation``, ``test``). Reading parquet
needs the ``pyarrow`` package; nothing is downloaded.

Items, as R: an RF100 item is an ``image_with_bounding_box`` with ``y`` = ``image_id``,
``labels`` (1-based into ``classes``) and ``boxes`` (``x1, y1, x2, y2``), only images with
at least one box; a WHOI item has ``y`` the class ``1 ..``. Images are
:func:`~rtorch.vision.io.base_loader` arrays without alpha.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

import numpy as np
from ..lazy import LazyModule
import torch

pd = LazyModule("pandas", extra="vision", what="the dataset catalogs")   # imported when used

from ..named_list import NamedList
from ..tensor import wrap
from .convert import py_value, r_chr, r_int, r_ints
from .datasets import _EMNIST_CLASSES, VisionDataset, _choice
from .io import image_array, read_image
from .items import image_with_bounding_box

__all__ = ["R_CATALOG", "COLLECTIONS", "cache_dir"]

#: The Roboflow-100 collections: dataset name -> its Hugging Face data set (``Francesco/...``).
COLLECTIONS: dict[str, dict[str, str]] = {
    "rf100_biology": {
        "stomata_cell": "stomata-cells", "blood_cell": "bccd-ouzjz", "parasite": "parasites-1s07h",
        "cell": "cells-uyemf", "bacteria": "bacteria-ptywi", "cotton_disease": "cotton-plant-disease",
        "mitosis": "mitosis-gjs3g", "phage": "phages", "liver_disease": "liver-disease",
        "moth": "pests-2xlvx"},
    "rf100_medical": {
        "radio_signal": "radio-signal", "rheumatology": "x-ray-rheumatology", "knee": "acl-x-ray",
        "abdomen_mri": "abdomen-mri", "brain_axial_mri": "axial-mri",
        "gynecology_mri": "gynecology-mri", "brain_tumor": "brain-tumor-m2pbp",
        "fracture": "bone-fracture-7fylg"},
    "rf100_infrared": {
        "thermal_dog_and_people": "thermal-dogs-and-people-x6ejw",
        "solar_panel": "solar-panels-taxvb", "thermal_cheetah": "thermal-cheetah-my4dp",
        "ir_object": "flir-camera-objects"},
    "rf100_damage": {
        "liquid_crystals": "4-fold-defect", "solar_panel": "solar-panels-taxvb",
        "asbestos": "asbestos"},
    "rf100_underwater": {
        "pipes": "underwater-pipes-4ng4t", "aquarium": "aquarium-qlnqy",
        "objects": "underwater-objects-5v7p8", "coral": "coral-lwptl"},
    "rf100_document": {
        "tweeter_post": "tweeter-posts", "tweeter_profile": "tweeter-profile",
        "document_part": "document-parts", "activity_diagram": "activity-diagrams-qdobr",
        "signature": "signatures-xc8up", "paper_part": "paper-parts",
        "currency": "currency-v4f8j", "wine_label": "wine-labels"},
}

_HF_SPLITS = {"train": "train", "val": "validation", "valid": "validation", "test": "test"}


def cache_dir() -> Path:
    """R's ``rappdirs::user_cache_dir("torch")``: where R torchvision keeps parquet files."""
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif os.uname().sysname == "Darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "torch"


def _read_parquet(files: list[Path]) -> tuple[pd.DataFrame, dict]:
    """The rows of parquet files and their Hugging Face metadata (``pyarrow``)."""
    from ..lazy import require
    pq = require("pyarrow.parquet", "catalog", "reading these parquet files")
    tables = [pq.read_table(f) for f in files]
    meta = tables[0].schema.metadata or {}
    info = json.loads(meta.get(b"huggingface", b"{}")).get("info", {})
    return pd.concat([t.to_pandas() for t in tables], ignore_index=True), info


def _image(cell: Any) -> np.ndarray:
    """An encoded image of a parquet row as R reads it (``H x W x 3`` in ``[0, 1]``)."""
    a = image_array(read_image(cell["bytes"]))
    return a[..., :3] if a.shape[-1] == 4 else a


class ParquetDataset(VisionDataset):
    """Rows of Hugging Face parquet files under ``root/<class>/<dataset>``."""

    source = "https://huggingface.co/datasets"

    def _files(self, folder: Path, split: str, url: str) -> list[Path]:
        hf = _HF_SPLITS[split]
        files = sorted(folder.glob(f"{hf}-*.parquet")) if folder.is_dir() else []
        if not files:
            self.source = url
            raise self._not_found(folder, f"{hf}-*.parquet")
        return files

    def _n(self) -> int:
        return len(self.data)


def _rf100_collection(name: str) -> type:
    datasets = COLLECTIONS[name]

    def initialize(self: Any, dataset: str, split: Any = ("train", "test", "valid"),
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False, root: Any = None) -> None:
        self._init(root or cache_dir(), transform, target_transform, download)
        self.dataset = _choice(dataset, datasets, "dataset")
        split = split[0] if isinstance(split, (list, tuple)) else split
        self.split = _choice(split, ("train", "test", "valid"), "split")
        folder = Path(self.root) / f"{name}_collection" / self.dataset
        df, info = _read_parquet(self._files(
            folder, self.split, f"https://huggingface.co/datasets/Francesco/{datasets[self.dataset]}"))
        names = info.get("features", {}).get("objects", {}).get("feature", {}) \
            .get("category", {}).get("names", [])
        self.classes = r_chr(names[1:])
        self.data = df[[len(o["bbox"]) > 0 for o in df["objects"]]].reset_index(drop=True)

    def getitem(self: Any, index: Any) -> NamedList:
        row = self.data.iloc[self._position(index)]
        boxes = torch.tensor(np.stack(row["objects"]["bbox"]), dtype=torch.float32).reshape(-1, 4)
        boxes[:, 2:] += boxes[:, :2]
        y = NamedList(image_id=r_int(int(row["image_id"])),
                      labels=r_ints(np.asarray(row["objects"]["category"])), boxes=wrap(boxes))
        return self._item(_image(row["image"]), y, image_with_bounding_box)

    doc = (f"R torchvision's ``{name}_collection(dataset, split = c(\"train\", \"test\", "
           f"\"valid\"), transform = NULL, target_transform = NULL, download = FALSE)``: a "
           f"Roboflow-100 data set ({', '.join(datasets)}), read from "
           f"``<cache>/{name}_collection/<dataset>/*.parquet`` (see "
           ":mod:`rtorch.vision.catalog`; ``root =`` names another cache folder).")
    cls = type(ParquetDataset)(f"{name}_collection", (ParquetDataset,),
                               {"initialize": initialize, "getitem": getitem, "__doc__": doc,
                                "__module__": __name__, "__qualname__": f"{name}_collection"})
    return cls


_WHOI = {"whoi_small_plankton": "nf-whoi/whoi-plankton-small",
         "whoi_plankton": "nf-whoi/whoi-plankton", "whoi_small_coralnet": "nf-whoi/coralnet-small"}


def _whoi(name: str) -> type:
    def initialize(self: Any, split: str = "val", transform: Callable | None = None,
                   target_transform: Callable | None = None, download: Any = False,
                   root: Any = None) -> None:
        self._init(root or cache_dir(), transform, target_transform, download)
        self.split = _choice(split, ("train", "val", "test"), "split")
        df, info = _read_parquet(self._files(Path(self.root) / name, self.split,
                                             f"https://huggingface.co/datasets/{_WHOI[name]}"))
        self.classes = r_chr(info.get("features", {}).get("label", {}).get("names", []))
        self.data = df

    def getitem(self: Any, index: Any) -> NamedList:
        row = self.data.iloc[self._position(index)]
        return self._item(_image(row["image"]), r_int(int(row["label"]) + 1))

    doc = (f"R torchvision's ``{name}_dataset(split = \"val\", transform = NULL, "
           f"target_transform = NULL, download = FALSE)``: {_WHOI[name]} from "
           f"``<cache>/{name}/*.parquet`` (see :mod:`rtorch.vision.catalog`); ``y`` is the "
           "class, 1-based.")
    return type(ParquetDataset)(name, (ParquetDataset,),
                                {"initialize": initialize, "getitem": getitem, "__doc__": doc,
                                 "__module__": __name__, "__qualname__": f"{name}_dataset"})


# -- the catalog ---------------------------------------------------------------------------------

def get_collection_catalog() -> pd.DataFrame:
    """R torchvision's ``get_collection_catalog()``: the data sets of the collections (a data
    frame: ``collection``, ``dataset``, ``task``, ``source``, ``function_name``)."""
    rows = [(c, d, "object_detection", f"https://huggingface.co/datasets/Francesco/{hf}",
             f"{c}_collection") for c, ds in COLLECTIONS.items() for d, hf in ds.items()]
    rows += [("emnist", d, "image classification",
              "https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip", "emnist_collection")
             for d in _EMNIST_CLASSES]
    df = pd.DataFrame(rows, columns=["collection", "dataset", "task", "source", "function_name"])
    return df.sort_values(["collection", "dataset"]).reset_index(drop=True)


def _collection(collection: Any) -> str:
    c = py_value(collection)
    c = "emnist" if c == "mnist" else c
    valid = [*COLLECTIONS, "emnist"]
    if c not in valid:
        raise ValueError("Invalid collection. Must be one of: " + ", ".join(valid))
    return c


def list_collection_datasets(collection: Any) -> Any:
    """R torchvision's ``list_collection_datasets(collection)``: the sorted data-set names of a
    collection (a character vector)."""
    df = get_collection_catalog()
    return r_chr(sorted(df.loc[df["collection"] == _collection(collection), "dataset"]))


def search_collection(keyword: Any = None, collection: Any = None) -> pd.DataFrame | None:
    """R torchvision's ``search_collection(keyword = NULL, collection = NULL)``: the catalog rows
    of ``collection`` whose data-set name or source contains ``keyword`` (case-insensitive);
    ``None`` with a message when none does."""
    df = get_collection_catalog()
    if collection is not None:
        df = df[df["collection"] == _collection(collection)]
    if keyword is not None:
        k = str(py_value(keyword)).lower()
        df = df[df["dataset"].str.lower().str.contains(k, regex=False)
                | df["source"].str.lower().str.contains(k, regex=False)]
    if df.empty:
        print("No datasets found matching criteria", file=sys.stderr)
        return None
    return df.reset_index(drop=True)


_GENERATED = {**{f"{c}_collection": _rf100_collection(c) for c in COLLECTIONS},
              **{f"{n}_dataset": _whoi(n) for n in _WHOI}}
globals().update(_GENERATED)                    # module attributes, so that data sets pickle

R_CATALOG: dict[str, Any] = {
    **_GENERATED,
    "get_collection_catalog": get_collection_catalog,
    "list_collection_datasets": list_collection_datasets,
    "search_collection": search_collection,
}
