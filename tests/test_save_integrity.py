"""Integrity of saved files: every flipped bit inside tensor data (and anywhere else in a file
rtorch wrote) is an error naming the file; truncated and foreign files are clear errors;
PyTorch's own files still load."""
from __future__ import annotations

import io
import random
import zipfile

import numpy as np
import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.safe_load import CorruptFileError, TorchLoadError


def _tensor_regions(data: bytes) -> list[tuple[int, int]]:
    """(offset, length) of each tensor data record in a torch zip file."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            if "/data/" in info.filename:
                head = data[info.header_offset:info.header_offset + 30]
                name_len = int.from_bytes(head[26:28], "little")
                extra_len = int.from_bytes(head[28:30], "little")
                start = info.header_offset + 30 + name_len + extra_len
                out.append((start, info.file_size))
    return out


def _flipped(data: bytes, byte: int, bit: int) -> bytes:
    b = bytearray(data)
    b[byte] ^= 1 << bit
    return bytes(b)


def _model():
    torch_manual_seed(3)
    return nn_sequential(nn_linear(4, 3), nn_relu(), nn_linear(3, 2))


def test_every_bit_flip_in_tensor_data_is_detected():
    data = torch_serialize(_model())
    regions = _tensor_regions(data)
    assert sum(n for _, n in regions) == (12 + 3 + 6 + 2) * 4
    flips = 0
    for start, n in regions:
        for byte in range(start, start + n):
            for bit in range(8):
                with pytest.raises(CorruptFileError, match="do not match the checksum"):
                    torch_load(_flipped(data, byte, bit))
                flips += 1
    assert flips == 92 * 8


def test_a_flip_anywhere_in_the_file_is_detected():
    data = torch_serialize({"model": _model(), "x": torch_arange(1, 10)})
    for byte in range(len(data)):
        with pytest.raises(TorchLoadError):
            torch_load(_flipped(data, byte, byte % 8))


def test_flips_sampled_across_a_large_tensor_are_detected(tmp_path):
    path = tmp_path / "big.pt"
    torch_save(torch_randn(256, 1024), str(path))             # 1 MiB of tensor data
    data = path.read_bytes()
    (start, n), = _tensor_regions(data)
    assert n == 256 * 1024 * 4
    rng = random.Random(0)
    # every 4 KiB block of the data gets a flip, plus its first and last byte
    positions = sorted({start, start + n - 1} | {start + b + rng.randrange(4096)
                                                    for b in range(0, n, 4096)})
    for pos in positions:
        path.write_bytes(_flipped(data, pos, rng.randrange(8)))
        with pytest.raises(CorruptFileError, match=r"big\.pt' is corrupt"):
            torch_load(str(path))
    assert len(positions) >= 256
    path.write_bytes(data)
    assert torch_load(str(path)).torch.shape == (256, 1024)


def test_truncated_files_are_clear_errors(tmp_path):
    data = torch_serialize([torch_ones(3), _model()])
    for n in list(range(0, 200)) + list(range(200, len(data), 7)) + [len(data) - 1]:
        with pytest.raises(TorchLoadError, match="truncated|not a readable torch file|corrupt"):
            torch_load(data[:n])
    path = tmp_path / "cut.pt"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(TorchLoadError, match=r"cut\.pt"):
        torch_load(str(path))


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for k, v in entries.items():
            z.writestr(k, v)
    return buf.getvalue()


@pytest.mark.parametrize("content, message", [
    (b"", "not a readable torch file"),
    (b"hello, world\n" * 10, "not a readable torch file"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "not a readable torch file"),
    (np.lib.format.magic(1, 0) + bytes(200), "not a readable torch file"),
    (_zip({"readme.txt": b"hi"}), "no data.pkl"),
])
def test_foreign_files_are_clear_errors(tmp_path, content, message):
    path = tmp_path / "foreign.bin"
    path.write_bytes(content)
    with pytest.raises(TorchLoadError, match=message):
        torch_load(str(path))


def test_pytorch_legacy_files_are_refused_with_advice(tmp_path):
    path = tmp_path / "legacy.pt"
    torch.save(torch.ones(2), path, _use_new_zipfile_serialization=False)
    with pytest.raises(TorchLoadError, match="legacy format.*save it again"):
        torch_load(str(path))


def test_pytorch_written_files_still_load(tmp_path):
    path = tmp_path / "p.pt"
    plain = torch.nn.Sequential(torch.nn.Linear(3, 2))
    torch.save(plain.state_dict(), path)
    sd = torch_load(str(path))
    assert torch.equal(sd["0.weight"].torch, plain[0].weight) and type(sd["0.weight"]) is Tensor
    model = nn_sequential(nn_linear(3, 2))
    model.load_state_dict(sd)
    assert torch.equal(model[1].weight.torch, plain[0].weight)
    torch.save({"a": [torch.arange(3), 2.5, "text"], "b": torch.float64}, path)
    got = torch_load(str(path))
    assert torch.equal(got["a"][0].torch, torch.arange(3)) and got["a"][1:] == [2.5, "text"]
    buf = io.BytesIO()
    torch.save(torch.eye(2), buf)
    assert torch.equal(torch_load(buf.getvalue()).torch, torch.eye(2))


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.bfloat16,
                                   torch.complex64, torch.complex128, torch.complex32,
                                   torch.int8, torch.int16, torch.int32, torch.int64,
                                   torch.uint8, torch.uint16, torch.uint32, torch.uint64,
                                   torch.bool, torch.float8_e4m3fn, torch.float8_e5m2])
def test_every_dtype_loads_from_pytorch_and_rtorch_files(dtype):
    x = torch.arange(6).reshape(2, 3).to(dtype)
    view = x.t()                                       # a strided view of the same storage
    buf = io.BytesIO()
    torch.save([x, view], buf)
    for data in (buf.getvalue(), torch_serialize([x, view])):
        a, b = torch_load(data)
        assert a.torch.dtype == dtype and b.torch.dtype == dtype
        assert torch.equal(a.torch.view(torch.uint8), x.view(torch.uint8))
        assert b.torch.stride() == view.stride()
        assert b.torch.untyped_storage().data_ptr() == a.torch.untyped_storage().data_ptr()


def test_a_pickled_pytorch_module_is_refused_with_advice(tmp_path):
    path = tmp_path / "whole.pt"
    torch.save(torch.nn.Linear(2, 2), path)                 # the class by reference: code
    with pytest.raises(TorchLoadError, match="save a PyTorch module's state_dict"):
        torch_load(str(path))
