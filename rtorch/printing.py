"""Tensor printing exactly as R torch prints it (legacy libtorch formatter).

R torch prints ``torch_tensor``, then libtorch's stream text of the tensor
(body lines and a ``[ CPUFloatType{3,3} ]`` trailer), then an autograd
suffix, keeping only the first ``n`` body lines when the text is longer.

The body follows the iostream-based formatter of libtorch < 2.8:

* values are converted to double and formatted per *block*: the whole tensor
  for 1-D/2-D, each 2-D slice over the last two dims otherwise;
* a block is in integer mode when every finite value is whole (``%g``,
  width = digits + 1); otherwise ``%.4e`` (width 11/12) when the digit counts
  of the largest and smallest magnitudes differ by more than 4, else ``%.4f``
  (with a common ``10^k *`` scale line when the largest value has more than 5
  or fewer than 0 integer digits);
* the largest magnitude is quirky: it starts at ``|first finite value|`` and
  only a larger *signed* value replaces it, so large negatives do not widen;
* rows are split into ``Columns a to b`` blocks that fit 80 characters, rows
  after the first of a scaled block get one extra leading space;
* slices of N-D tensors are printed first-index-fastest under a
  ``(i,j,.,.) = `` header with an indent of one space, and the stream keeps
  the precision a non-``%g`` slice set (4), so a later integer slice prints
  ``%g`` with 4 significant digits.

Only the lines that survive truncation are formatted, and block statistics
are computed with vectorised numpy reductions.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import islice, product
from typing import Iterator, Optional

import numpy as np
import torch

from .dtypes import scalar_type_name

__all__ = ["format_tensor", "tensor_body_lines", "tensor_type_string"]

LINE_WIDTH = 80
DEFAULT_PRECISION = 6
FORMAT_PRECISION = 4
TRUNCATION_NOTICE = "... [the output was truncated (use n=-1 to disable)]"
COMPLEX_NOTICE = "\u2139 Use `$real` or `$imag` to print the contents of this tensor."
UNDEFINED_TEXT = "[ Tensor (undefined) ]"
META_BODY = "..."
FIRST_CHUNK_VALUES = 32
MAX_CHUNK = 1 << 16


@dataclass(frozen=True)
class BlockStats:
    """What the legacy formatter measures in one block."""

    int_mode: bool
    exp_min: int
    exp_max: int
    negative_nan: bool


@dataclass(frozen=True)
class BlockFormat:
    """How every value of one block is printed."""

    width: int
    spec: str
    scale: float = 1.0
    negative_nan: bool = False

    @property
    def scaled(self) -> bool:
        return self.scale != 1.0

    def scale_line(self) -> str:
        return "%.4g *" % self.scale

    def format_values(self, values: np.ndarray) -> list[str]:
        """Each value divided by the scale and right-aligned in ``width``."""
        if self.scaled:
            values = values / self.scale
        texts = list(map(self.spec.__mod__, values.tolist()))
        if self.negative_nan:
            for i in np.flatnonzero(np.isnan(values) & np.signbit(values)):
                texts[i] = "-nan".rjust(self.width)
        return texts


# --------------------------------------------------------------------------
# number format


def _digit_count(magnitude: float) -> int:
    """``floor(log10(a)) + 1``, with 1 for zero."""
    if magnitude == 0:
        return 1
    return math.floor(math.log10(magnitude)) + 1


def _c_format(spec: str, value: float) -> str:
    """C ``printf`` of one double, including glibc's ``-nan``."""
    if math.isnan(value) and math.copysign(1.0, value) < 0:
        return "-nan"
    return spec % value


def block_stats(blocks: np.ndarray, integral: bool = False) -> list[BlockStats]:
    """Statistics of each row of ``blocks`` (shape ``(count, size)``, float64).

    ``integral`` says that every value is known to be a whole number.
    """
    finite = np.isfinite(blocks)
    all_finite = bool(finite.all())
    first = blocks[np.arange(len(blocks)), finite.argmax(axis=1)]
    if all_finite:
        int_mode = np.ones(len(blocks), bool) if integral else (blocks == np.ceil(blocks)).all(axis=1)
        low = np.abs(blocks).min(axis=1)
        high = blocks.max(axis=1)
        negative_nan = np.zeros(len(blocks), bool)
        has_finite = np.ones(len(blocks), bool)
    else:
        with np.errstate(invalid="ignore"):
            int_mode = ((blocks == np.ceil(blocks)) | ~finite).all(axis=1)
        low = np.where(finite, np.abs(blocks), np.inf).min(axis=1)
        high = np.where(finite, blocks, -np.inf).max(axis=1)
        negative_nan = (np.isnan(blocks) & np.signbit(blocks)).any(axis=1)
        has_finite = finite.any(axis=1)
    high = np.maximum(np.abs(first), high)
    return [
        BlockStats(bool(im), _digit_count(lo) if ok else 1, _digit_count(hi) if ok else 1, bool(nn))
        for im, lo, hi, nn, ok in zip(
            int_mode.tolist(), low.tolist(), high.tolist(), negative_nan.tolist(), has_finite.tolist()
        )
    ]


def choose_format(stats: BlockStats, precision: int = DEFAULT_PRECISION) -> tuple[BlockFormat, int]:
    """The block's format and the stream precision it leaves behind."""
    exp_min, exp_max, nn = stats.exp_min, stats.exp_max, stats.negative_nan
    if stats.int_mode:
        if exp_max > 9:
            return BlockFormat(11, "%11.4e", negative_nan=nn), FORMAT_PRECISION
        width = exp_max + 1
        return BlockFormat(width, f"%{width}.{precision}g", negative_nan=nn), precision
    if exp_max - exp_min > 4:
        width = 12 if abs(exp_max) > 99 or abs(exp_min) > 99 else 11
        return BlockFormat(width, f"%{width}.4e", negative_nan=nn), FORMAT_PRECISION
    if exp_max > 5 or exp_max < 0:
        scale = 10.0 ** float(exp_max - 1)
        return BlockFormat(7, "%7.4f", scale, nn), FORMAT_PRECISION
    width = 7 if exp_max == 0 else exp_max + 6
    return BlockFormat(width, f"%{width}.4f", negative_nan=nn), FORMAT_PRECISION


# --------------------------------------------------------------------------
# layouts


def _chunks(total: int, item_size: int = 1) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` ranges covering ``range(total)``, growing geometrically.

    The first range holds about ``FIRST_CHUNK_VALUES`` values of ``item_size``.
    """
    start, size = 0, max(1, FIRST_CHUNK_VALUES // item_size)
    while start < total:
        stop = min(total, start + size)
        yield start, stop
        start, size = stop, min(size * 2, MAX_CHUNK)


def _vector_lines(x: np.ndarray, fmt: BlockFormat) -> Iterator[str]:
    if fmt.scaled:
        yield fmt.scale_line()
    for start, stop in _chunks(len(x)):
        yield from fmt.format_values(x[start:stop])


def _matrix_lines(m: np.ndarray, fmt: BlockFormat, indent: int) -> Iterator[str]:
    """Rows of a 2-D block, split into ``Columns a to b`` blocks when too wide."""
    rows, cols = m.shape
    per_line = max(1, (LINE_WIDTH - indent) // (fmt.width + 1))
    pad = " " * indent
    row_pad = pad + " " if fmt.scaled else pad
    prefix = pad
    for first in range(0, cols, per_line):
        last = min(first + per_line, cols)
        if per_line < cols:
            if first:
                yield ""
            prefix += f"Columns {first + 1} to {last}{pad}"
        if fmt.scaled:
            yield prefix + fmt.scale_line()
            prefix = pad
        for row in range(rows):
            yield prefix + " ".join(fmt.format_values(m[row, first:last]))
            prefix = row_pad
        prefix = ""


def _slice_lines(x: np.ndarray, integral: bool) -> Iterator[str]:
    """2-D slices of an N-D array, first index fastest, blank line between."""
    lead, (rows, cols) = x.shape[:-2], x.shape[-2:]
    flat = x.reshape(-1, rows * cols)
    order = np.arange(len(flat)).reshape(lead).T.ravel()
    headers = (tuple(reversed(idx)) for idx in product(*(range(d) for d in reversed(lead))))
    precision = DEFAULT_PRECISION
    for start, stop in _chunks(len(order), rows * cols):
        chunk = order[start:stop]
        for slice_id, stats, index in zip(chunk.tolist(), block_stats(flat[chunk], integral), headers):
            if slice_id != 0:
                yield ""
            yield "(" + "".join(f"{i + 1}," for i in index) + ".,.) = "
            fmt, precision = choose_format(stats, precision)
            yield from _matrix_lines(flat[slice_id].reshape(rows, cols), fmt, 1)


def _dense_lines(t: torch.Tensor) -> Iterator[str]:
    """Body lines of a strided tensor (without the trailer)."""
    if t.device.type == "meta":
        yield META_BODY
        return
    integral = not t.is_floating_point()
    x = t.detach().resolve_neg().to("cpu", torch.float64).numpy()
    if x.ndim == 0:
        yield _c_format(f"%.{DEFAULT_PRECISION}g", float(x))
    elif x.size == 0:
        return
    elif x.ndim == 1:
        yield from _vector_lines(x, _whole_format(x, integral))
    elif x.ndim == 2:
        yield from _matrix_lines(x, _whole_format(x, integral), 0)
    else:
        yield from _slice_lines(x, integral)


def _whole_format(x: np.ndarray, integral: bool) -> BlockFormat:
    """Format of a 1-D or 2-D array, which is a single block."""
    return choose_format(block_stats(x.reshape(1, -1), integral)[0])[0]


def _sparse_lines(t: torch.Tensor) -> Iterator[str]:
    """libtorch's sparse COO text up to (not including) its closing ``]``."""
    t = t.detach()
    yield f"[ {tensor_type_string(t)}{{}}"
    for name, part in (("indices", t._indices()), ("values", t._values())):
        yield f"{name}:"
        yield from _dense_lines(part)
        yield _trailer(part)
    yield "size:"
    yield "[" + ", ".join(str(s) for s in t.shape) + "]"


# --------------------------------------------------------------------------
# trailer and the R-level text


def tensor_type_string(t: torch.Tensor) -> str:
    """libtorch's type string: ``CPUFloatType``, ``CUDALongType``, ``SparseCPUFloatType``."""
    sparse = "Sparse" if t.layout == torch.sparse_coo else ""
    return f"{sparse}{t.device.type.upper()}{scalar_type_name(t.dtype)}Type"


def _trailer(t: torch.Tensor) -> str:
    return "[ " + tensor_type_string(t) + "{" + ",".join(str(s) for s in t.shape) + "} ]"


def _autograd_suffix(t: torch.Tensor) -> str:
    if t.grad_fn is not None:
        return f"[ grad_fn = <{t.grad_fn.name()}> ]"
    if t.requires_grad:
        return "[ requires_grad = TRUE ]"
    return ""


def tensor_body_lines(t: torch.Tensor) -> tuple[Iterator[str], str]:
    """Lazily generated body lines of libtorch's text for ``t``, and its last line."""
    if t.is_complex():
        return iter([COMPLEX_NOTICE]), _trailer(t)
    if t.layout == torch.sparse_coo:
        return _sparse_lines(t), "]"
    if t.layout != torch.strided:
        return _dense_lines(t.detach().to_dense()), _trailer(t)
    if t.is_quantized:
        return _dense_lines(t.detach().dequantize()), _trailer(t)
    return _dense_lines(t), _trailer(t)


def _truncate(lines: Iterator[str], n: int) -> list[str]:
    """R torch keeps ``n`` lines when the text (body + last line) exceeds ``n`` lines."""
    if n <= 1:
        return list(lines)
    kept = list(islice(lines, n))
    if len(kept) == n:
        kept.append(TRUNCATION_NOTICE)
    return kept


def format_tensor(t: Optional[torch.Tensor], n: int = 30) -> str:
    """Full text R torch prints for tensor ``t`` (no trailing newline).

    ``torch_tensor``, the body lines, then the trailer (``[ CPUFloatType{3,3} ]``)
    followed by ``[ grad_fn = <...> ]`` or ``[ requires_grad = TRUE ]``. When the
    body and trailer have more than ``n`` lines (``n > 1``), only the first ``n``
    lines, a truncation notice and the trailer are printed. ``None`` stands for
    an undefined tensor.
    """
    if t is None:
        return "torch_tensor\n" + UNDEFINED_TEXT
    body, last = tensor_body_lines(t)
    return "\n".join(["torch_tensor", *_truncate(body, n), last + _autograd_suffix(t)])


def rule(title: str = "", width: int = 80) -> str:
    """cli's ``cat_rule(title)``, as R torch and luz draw section rules: ``── Title ───...``."""
    head = f"── {title} " if title else ""
    return head + "─" * (width - len(head))


def _is_tensor(v) -> bool:
    return isinstance(v, torch.Tensor) or isinstance(getattr(v, "torch", None), torch.Tensor) \
        and type(v).__name__ == "Tensor"


def format_value(value) -> str:
    """What R prints for ``value``: a list of tensors (a multi-result function's tuple, a
    list) as R prints a list (``[[1]]``, the tensor, a blank line, ...); anything else its
    ``repr()``."""
    if isinstance(value, (list, tuple)) and value and all(_is_tensor(v) for v in value):
        return "\n".join(f"[[{i}]]\n{v!r}\n" for i, v in enumerate(value, 1))
    return repr(value)
