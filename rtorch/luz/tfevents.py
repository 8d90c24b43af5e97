"""luz's ``luz_callback_tfevents()``: metrics (and weight histograms) for TensorBoard.

TensorBoard reads *event files*: records of ``Event`` protocol buffers, each framed by its
length and masked CRC-32C checksums. This module writes them itself (no TensorFlow, protobuf
or tensorboard package needed): as R's ``tfevents`` does, each run is a subfolder of ``logdir``
(``train``, ``valid``, ``weights``) holding ``events.out.tfevents.<time>.v2``, with one scalar
per metric (tag: the metric's name; step: the epoch) and, on request, one histogram per
parameter. :func:`collect_events` reads them back (R's ``tfevents::collect_events()``).
"""
from __future__ import annotations

import os
import struct
import time
from typing import Any, Iterator

import numpy as np
import torch

from .callbacks import LuzCallback
from .distributed import is_main_process

__all__ = ["luz_callback_tfevents", "EventWriter", "collect_events"]


# -- CRC-32C and record framing --------------------------------------------------------------

def _crc_table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC = _crc_table()


def crc32c(data: bytes) -> int:
    """CRC-32C (Castagnoli), as TFRecord framing uses it."""
    c = 0xFFFFFFFF
    for b in data:
        c = _CRC[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def _masked(data: bytes) -> int:
    c = crc32c(data)
    return (((c >> 15) | (c << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def _record(data: bytes) -> bytes:
    head = struct.pack("<Q", len(data))
    return head + struct.pack("<I", _masked(head)) + data + struct.pack("<I", _masked(data))


# -- a minimal protocol buffer encoder / decoder -----------------------------------------------

def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _field(number: int, wire: int, payload: bytes) -> bytes:
    key = _varint((number << 3) | wire)
    if wire == 2:
        return key + _varint(len(payload)) + payload
    return key + payload


def _double(number: int, v: float) -> bytes:
    return _field(number, 1, struct.pack("<d", v))


def _message(number: int, payload: bytes) -> bytes:
    return _field(number, 2, payload)


def _event(step: int | None, **content: bytes) -> bytes:
    body = _double(1, time.time())
    if step is not None:
        body += _field(2, 0, _varint(int(step)))
    if "file_version" in content:
        body += _message(3, content["file_version"])
    if "summary" in content:
        body += _message(5, content["summary"])
    return body


def _scalar(tag: str, value: float) -> bytes:
    return _message(1, _message(1, tag.encode()) + _field(2, 5, struct.pack("<f", value)))


def _histogram(tag: str, values: np.ndarray, bins: int = 30) -> bytes:
    values = values.astype(np.float64).reshape(-1)
    counts, edges = np.histogram(values, bins=bins)
    histo = (_double(1, float(values.min())) + _double(2, float(values.max()))
             + _double(3, float(values.size)) + _double(4, float(values.sum()))
             + _double(5, float((values ** 2).sum()))
             + _message(6, struct.pack(f"<{bins}d", *edges[1:]))
             + _message(7, struct.pack(f"<{bins}d", *counts.astype(np.float64))))
    return _message(1, _message(1, tag.encode()) + _message(5, histo))


def _fields(data: bytes) -> Iterator[tuple[int, int, Any]]:
    i = 0
    while i < len(data):
        key, i = _read_varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _read_varint(data, i)
        elif wire == 1:
            value, i = struct.unpack_from("<d", data, i)[0], i + 8
        elif wire == 5:
            value, i = struct.unpack_from("<f", data, i)[0], i + 4
        else:
            n, i = _read_varint(data, i)
            value, i = data[i:i + n], i + n
        yield number, wire, value


def _read_varint(data: bytes, i: int) -> tuple[int, int]:
    shift = result = 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, i


# -- writing and reading event files -------------------------------------------------------------

class EventWriter:
    """One event file in ``folder``: ``scalar()`` and ``histogram()`` append to it."""

    def __init__(self, folder: str):
        os.makedirs(folder, exist_ok=True)
        self.path = os.path.join(folder, f"events.out.tfevents.{int(time.time())}.v2")
        with open(self.path, "ab") as f:
            f.write(_record(_event(None, file_version=b"brain.Event:2")))

    def _write(self, step: int, summary: bytes) -> None:
        with open(self.path, "ab") as f:
            f.write(_record(_event(step, summary=summary)))

    def scalar(self, tag: str, value: float, step: int) -> None:
        self._write(step, _scalar(tag, float(value)))

    def histogram(self, tag: str, values: np.ndarray, step: int) -> None:
        self._write(step, _histogram(tag, values))


def collect_events(logdir: str) -> list[dict]:
    """Every scalar and histogram event under ``logdir``: ``run``, ``step``, ``tag`` and
    ``value`` (a histogram's value is its number of values); checksums verified."""
    out = []
    for root, _, files in sorted(os.walk(logdir)):
        run = os.path.relpath(root, logdir).replace(os.sep, "/")
        for name in sorted(f for f in files if f.startswith("events.out.tfevents")):
            with open(os.path.join(root, name), "rb") as f:
                data = f.read()
            i = 0
            while i < len(data):
                head = data[i:i + 8]
                n = struct.unpack("<Q", head)[0]
                if struct.unpack_from("<I", data, i + 8)[0] != _masked(head):
                    raise ValueError(f"corrupt event file {name}")
                body = data[i + 12:i + 12 + n]
                if struct.unpack_from("<I", data, i + 12 + n)[0] != _masked(body):
                    raise ValueError(f"corrupt event file {name}")
                i += 16 + n
                out.extend(_decode(body, run))
    return out


def _decode(event: bytes, run: str) -> list[dict]:
    step, found = 0, []
    for number, _, value in _fields(event):
        if number == 2:
            step = value
        elif number == 5:
            for n, _, v in _fields(value):
                if n == 1:
                    found.append(dict(_fields_of_value(v)))
    return [{"run": run, "step": step, **f} for f in found]


def _fields_of_value(value: bytes) -> Iterator[tuple[str, Any]]:
    for n, _, v in _fields(value):
        if n == 1:
            yield "tag", v.decode()
        elif n == 2:
            yield "value", v
        elif n == 5:
            yield "value", dict((k, x) for k, _, x in _fields(v)).get(3)


# -- the callback ---------------------------------------------------------------------------------

class luz_callback_tfevents(LuzCallback):
    """R's ``luz_callback_tfevents(logdir = "logs", histograms = FALSE, ...)``: after each
    training and validation pass, the epoch's metrics go to ``logdir/train`` and
    ``logdir/valid``; ``histograms = TRUE`` (or a list of parameter names) adds histograms of
    the weights (``logdir/weights``) after each training pass. View with ``tensorboard
    --logdir=logs``."""

    def initialize(self, logdir: str = "logs", histograms: Any = False, **kwargs: Any) -> None:
        self.logdir = os.fspath(logdir)
        self.histograms = histograms
        self.writers: dict[str, EventWriter] = {}

    def _writer(self, run: str) -> EventWriter:
        w = self.writers.get(run)
        if w is None:
            w = self.writers[run] = EventWriter(os.path.join(self.logdir, run))
        return w

    def log_events(self, set: str) -> None:
        if not is_main_process():       # under torch.distributed, files come from rank 0
            return
        values = self.ctx.get_metrics(set, self.ctx.epoch) or {}
        for name, v in values.items():
            if isinstance(v, dict):
                for sub, x in v.items():
                    self._writer(f"{set}/{sub}").scalar(name, x, self.ctx.epoch)
            else:
                self._writer(set).scalar(name, v, self.ctx.epoch)

    def log_histograms(self) -> None:
        if not is_main_process():
            return
        params = dict(torch.nn.Module.named_parameters(self.ctx.model))
        if not isinstance(self.histograms, bool):
            wanted = [self.histograms] if isinstance(self.histograms, str) else self.histograms
            params = {k: params[k] for k in wanted}
        writer = self._writer("weights")
        for name, p in params.items():
            writer.histogram(name, p.detach().cpu().numpy(), self.ctx.epoch)

    def on_train_end(self) -> None:
        self.log_events("train")
        if self.histograms is not False:
            self.log_histograms()

    def on_valid_end(self) -> None:
        self.log_events("valid")
