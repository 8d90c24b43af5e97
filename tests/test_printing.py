"""Exact-text tests of the R torch tensor printer (legacy libtorch formatter)."""
from __future__ import annotations

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from rtorch.printing import format_tensor

NOTICE = "... [the output was truncated (use n=-1 to disable)]"

JOHNSON_JOHNSON = [
    0.71, 0.63, 0.85, 0.44, 0.61, 0.69, 0.92, 0.55, 0.72, 0.77, 0.92, 0.60, 0.83, 0.80,
    1.00, 0.77, 0.92, 1.00, 1.24, 1.00, 1.16, 1.30, 1.45, 1.25, 1.26, 1.38, 1.86, 1.56,
    1.53, 1.59, 1.83, 1.86, 1.53, 2.07, 2.34, 2.25, 2.16, 2.43, 2.70, 2.25, 2.79, 3.42,
    3.69, 3.60, 3.60, 4.32, 4.32, 4.05, 4.86, 5.04, 5.04, 4.41, 5.58, 5.85, 6.57, 5.31,
    6.03, 6.39, 6.93, 5.85, 6.93, 7.74, 7.83, 6.12, 7.74, 8.91, 8.28, 6.84, 9.54, 10.26,
    9.54, 8.73, 11.88, 12.06, 12.15, 8.91, 14.04, 12.96, 14.85, 9.99, 16.20, 14.67, 16.02,
    11.61,
]


def text(*lines: str) -> str:
    return "\n".join(("torch_tensor",) + lines)


def f32(values) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float32)


def r_array(values, dims) -> torch.Tensor:
    """R's ``array(values, dim = dims)``: column-major fill."""
    return torch.tensor(values).reshape(tuple(reversed(dims))).permute(*reversed(range(len(dims))))


# --------------------------------------------------------------------------
# seed tutorial outputs


def test_seed_one_element_float():
    assert format_tensor(f32([1])) == text(" 1", "[ CPUFloatType{1} ]")


def test_seed_long_vector():
    assert format_tensor(torch.arange(1, 6)) == text(" 1", " 2", " 3", " 4", " 5", "[ CPULongType{5} ]")


def test_seed_float_vector():
    assert format_tensor(torch.arange(1, 6, dtype=torch.float32)) == text(
        " 1", " 2", " 3", " 4", " 5", "[ CPUFloatType{5} ]"
    )


def test_seed_matrices():
    assert format_tensor(r_array(list(range(1, 10)), (3, 3))) == text(
        " 1  4  7", " 2  5  8", " 3  6  9", "[ CPULongType{3,3} ]"
    )
    assert format_tensor(torch.arange(1, 10).reshape(3, 3)) == text(
        " 1  2  3", " 4  5  6", " 7  8  9", "[ CPULongType{3,3} ]"
    )


def test_seed_3d_integer_array():
    expected = text(
        "(1,.,.) = ", "   1  13", "   5  17", "   9  21", "",
        "(2,.,.) = ", "   2  14", "   6  18", "  10  22", "",
        "(3,.,.) = ", "   3  15", "   7  19", "  11  23", "",
        "(4,.,.) = ", "   4  16", "   8  20", "  12  24",
        "[ CPULongType{4,3,2} ]",
    )
    assert format_tensor(r_array(list(range(1, 25)), (4, 3, 2))) == expected
    assert format_tensor(torch.arange(1, 25).reshape(2, 3, 4).permute(2, 1, 0)) == expected


def test_seed_randn_matrix():
    t = f32([[-1.5090, -1.9471, -1.0123], [0.4907, -0.6271, 0.1965], [1.2400, 0.0293, 0.5151]])
    assert format_tensor(t) == text(
        "-1.5090 -1.9471 -1.0123", " 0.4907 -0.6271  0.1965", " 1.2400  0.0293  0.5151",
        "[ CPUFloatType{3,3} ]",
    )


def test_seed_zeros_ones_eye_diag():
    assert format_tensor(torch.zeros(2, 5)) == text(
        " 0  0  0  0  0", " 0  0  0  0  0", "[ CPUFloatType{2,5} ]"
    )
    assert format_tensor(torch.ones(2, 2)) == text(" 1  1", " 1  1", "[ CPUFloatType{2,2} ]")
    assert format_tensor(torch.eye(5)) == text(
        " 1  0  0  0  0", " 0  1  0  0  0", " 0  0  1  0  0", " 0  0  0  1  0", " 0  0  0  0  1",
        "[ CPUFloatType{5,5} ]",
    )
    assert format_tensor(torch.diag(f32([1, 2, 3]))) == text(
        " 1  0  0", " 0  2  0", " 0  0  3", "[ CPUFloatType{3,3} ]"
    )


def test_seed_johnson_johnson_truncated():
    values = ["%8.4f" % v for v in JOHNSON_JOHNSON[:30]]
    assert values[:2] == ["  0.7100", "  0.6300"] and values[-1] == "  1.5900"
    assert format_tensor(f32(JOHNSON_JOHNSON)) == text(*values, NOTICE, "[ CPUFloatType{84} ]")


def test_seed_arithmetic_results():
    assert format_tensor(f32([4, 6])) == text(" 4", " 6", "[ CPUFloatType{2} ]")
    assert format_tensor(torch.tensor(32)) == text("32", "[ CPULongType{} ]")
    assert format_tensor(torch.tensor(126)) == text("126", "[ CPULongType{} ]")
    assert format_tensor(torch.tensor([14, 32, 50, 68])) == text(
        " 14", " 32", " 50", " 68", "[ CPULongType{4} ]"
    )
    assert format_tensor(torch.tensor([4, 10, 18])) == text("  4", " 10", " 18", "[ CPULongType{3} ]")
    assert format_tensor(torch.tensor([6, 12, 18, 24, 30, 36])) == text(
        "  6", " 12", " 18", " 24", " 30", " 36", "[ CPULongType{6} ]"
    )


def test_seed_randn_3d():
    t = f32([
        [[1.0909, 0.7280], [-0.9649, 0.0656], [0.6603, -0.1091]],
        [[0.6917, -1.8887], [-0.7837, -0.4657], [-1.9810, 0.8186]],
        [[-0.3341, 0.4803], [1.4476, -0.4953], [0.0839, -1.2790]],
        [[0.5520, 0.1349], [-2.5736, 0.5080], [0.5140, -0.8253]],
    ])
    assert format_tensor(t) == text(
        "(1,.,.) = ", "  1.0909  0.7280", " -0.9649  0.0656", "  0.6603 -0.1091", "",
        "(2,.,.) = ", "  0.6917 -1.8887", " -0.7837 -0.4657", " -1.9810  0.8186", "",
        "(3,.,.) = ", " -0.3341  0.4803", "  1.4476 -0.4953", "  0.0839 -1.2790", "",
        "(4,.,.) = ", "  0.5520  0.1349", " -2.5736  0.5080", "  0.5140 -0.8253",
        "[ CPUFloatType{4,3,2} ]",
    )


def test_seed_means():
    assert format_tensor(f32([-0.1331, -0.1940])) == text("-0.1331", "-0.1940", "[ CPUFloatType{2} ]")
    t = f32([[0.2621, 0.2282], [-0.6910, -0.5119], [0.3991, -0.4313], [-0.5025, -0.0608]])
    assert format_tensor(t) == text(
        " 0.2621  0.2282", "-0.6910 -0.5119", " 0.3991 -0.4313", "-0.5025 -0.0608",
        "[ CPUFloatType{4,2} ]",
    )


def test_seed_slicing():
    m = torch.arange(1, 10).reshape(3, 3)
    assert format_tensor(m[0, :]) == text(" 1", " 2", " 3", "[ CPULongType{3} ]")
    assert format_tensor(m[0:1, :]) == text(" 1  2  3", "[ CPULongType{1,3} ]")
    t = f32([[[0.0366, 0.7073], [0.3949, 0.6707]], [[0.8056, 0.1895], [0.0173, 0.1867]]])
    assert format_tensor(t) == text(
        "(1,.,.) = ", "  0.0366  0.7073", "  0.3949  0.6707", "",
        "(2,.,.) = ", "  0.8056  0.1895", "  0.0173  0.1867",
        "[ CPUFloatType{2,2,2} ]",
    )


def test_seed_linear_output_with_grad_fn():
    layer = torch.nn.Linear(1, 3)
    with torch.no_grad():
        layer.weight.zero_()
        layer.bias.copy_(f32([0.1491, -0.0458, -0.0643]))
    out = layer(torch.ones(1, 1))
    assert format_tensor(out) == text(
        " 0.1491 -0.0458 -0.0643", "[ CPUFloatType{1,3} ][ grad_fn = <AddmmBackward0> ]"
    )
    assert out.grad_fn is not None and out.grad_fn.name() == "AddmmBackward0"


# --------------------------------------------------------------------------
# layout, trailer and autograd suffix (sections 2, 7)


def test_requires_grad_and_grad_fn_suffixes():
    x = f32([1, 2, 3]).requires_grad_()
    assert format_tensor(x) == text(" 1", " 2", " 3", "[ CPUFloatType{3} ][ requires_grad = TRUE ]")
    assert format_tensor(torch.log(x)) == text(
        " 0.0000", " 0.6931", " 1.0986", "[ CPUFloatType{3} ][ grad_fn = <LogBackward0> ]"
    )


def test_printing_does_not_touch_autograd_or_values():
    x = torch.tensor([1.5, -2.25], dtype=torch.float64, requires_grad=True)
    before = x.detach().clone()
    format_tensor(x)
    assert x.grad_fn is None and x.grad is None and x.is_leaf
    assert torch.equal(x.detach(), before)


@pytest.mark.parametrize(
    ("dtype", "name"),
    [
        (torch.float64, "Double"), (torch.float16, "Half"), (torch.bfloat16, "BFloat16"),
        (torch.int32, "Int"), (torch.int16, "Short"), (torch.int8, "Char"), (torch.uint8, "Byte"),
    ],
)
def test_trailer_dtype_names(dtype, name):
    assert format_tensor(torch.tensor([1, 2], dtype=dtype)) == text(" 1", " 2", f"[ CPU{name}Type{{2}} ]")


def test_half_precision_values():
    assert format_tensor(torch.tensor([0.5, 1.25], dtype=torch.float16)) == text(
        " 0.5000", " 1.2500", "[ CPUHalfType{2} ]"
    )
    assert format_tensor(torch.tensor([0.1, 0.05], dtype=torch.bfloat16)) == text(
        " 0.1001", " 0.0500", "[ CPUBFloat16Type{2} ]"
    )
    assert format_tensor(torch.tensor([0.05], dtype=torch.bfloat16)) == text(
        "0.01 *", " 5.0049", "[ CPUBFloat16Type{1} ]"
    )


def test_bool():
    assert format_tensor(torch.tensor([True, False])) == text(" 1", " 0", "[ CPUBoolType{2} ]")


def test_empty_tensors():
    assert format_tensor(f32([])) == text("[ CPUFloatType{0} ]")
    assert format_tensor(torch.zeros(0, 3)) == text("[ CPUFloatType{0,3} ]")
    assert format_tensor(torch.zeros(2, 0)) == text("[ CPUFloatType{2,0} ]")
    assert format_tensor(torch.zeros(2, 0, 3)) == text("[ CPUFloatType{2,0,3} ]")
    assert format_tensor(torch.tensor([], dtype=torch.bool)) == text("[ CPUBoolType{0} ]")


def test_zero_dim_scalars():
    assert format_tensor(f32(0.1).sum()) == text("0.1", "[ CPUFloatType{} ]")
    assert format_tensor(f32(1 / 3).sum()) == text("0.333333", "[ CPUFloatType{} ]")
    assert format_tensor(f32(1234567).sum()) == text("1.23457e+06", "[ CPUFloatType{} ]")
    assert format_tensor(torch.tensor(float("nan"))) == text("nan", "[ CPUFloatType{} ]")
    assert format_tensor(torch.tensor(True)) == text("1", "[ CPUBoolType{} ]")


def test_complex():
    x = torch.zeros(10, dtype=torch.complex64, requires_grad=True)
    assert format_tensor(x) == text(
        "\u2139 Use `$real` or `$imag` to print the contents of this tensor.",
        "[ CPUComplexFloatType{10} ][ requires_grad = TRUE ]",
    )


def test_undefined_and_meta():
    assert format_tensor(None) == text("[ Tensor (undefined) ]")
    assert format_tensor(torch.empty(2, 3, device="meta")) == text("...", "[ METAFloatType{2,3} ]")


def test_sparse_coo():
    s = torch.sparse_coo_tensor(torch.tensor([[0, 1], [0, 1]]), f32([3, 4]), (2, 2), check_invariants=True)
    assert format_tensor(s) == text(
        "[ SparseCPUFloatType{}", "indices:", " 0  1", " 0  1", "[ CPULongType{2,2} ]",
        "values:", " 3", " 4", "[ CPUFloatType{2} ]", "size:", "[2, 2]", "]",
    )


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_cuda_trailer():
    assert format_tensor(torch.arange(1, 6, device="cuda")) == text(
        " 1", " 2", " 3", " 4", " 5", "[ CUDALongType{5} ]"
    )


# --------------------------------------------------------------------------
# truncation (section 8)


def test_truncation_arange_100():
    values = ["%3d" % i for i in range(30)]
    assert format_tensor(torch.arange(0, 100, dtype=torch.float32)) == text(
        *values, NOTICE, "[ CPUFloatType{100} ]"
    )


def test_truncation_limits():
    assert format_tensor(torch.arange(0, 25, dtype=torch.float32)).count("\n") == 26
    assert NOTICE not in format_tensor(torch.arange(1, 30, dtype=torch.float32))
    at_n_plus_one = format_tensor(torch.arange(1, 31, dtype=torch.float32))
    assert at_n_plus_one == text(*("%3d" % i for i in range(1, 31)), NOTICE, "[ CPUFloatType{30} ]")
    x = torch.arange(0, 100, dtype=torch.float32)
    assert format_tensor(x, n=2) == text("  0", "  1", NOTICE, "[ CPUFloatType{100} ]")
    full = text(*("%3d" % i for i in range(100)), "[ CPUFloatType{100} ]")
    for n in (-1, 0, 1):
        assert format_tensor(x, n=n) == full
    assert format_tensor(x, n=50).splitlines()[1:51] == ["%3d" % i for i in range(50)]


def test_truncation_keeps_autograd_suffix_and_counts_blank_lines():
    x = torch.ones(4, 3, 2, requires_grad=True)
    lines = format_tensor(x, n=6).splitlines()
    assert lines == [
        "torch_tensor", "(1,.,.) = ", "  1  1", "  1  1", "  1  1", "",
        "(2,.,.) = ", NOTICE, "[ CPUFloatType{4,3,2} ][ requires_grad = TRUE ]",
    ]


# --------------------------------------------------------------------------
# number formats and layouts (sections 3-6, 9)


def test_common_scale_vector():
    assert format_tensor(f32([0.001, 0.002, 0.0035])) == text(
        "0.001 *", " 1.0000", " 2.0000", " 3.5000", "[ CPUFloatType{3} ]"
    )


def test_large_scale_vector():
    assert format_tensor(f32([123456, 234567.5])) == text(
        "1e+05 *", " 1.2346", " 2.3457", "[ CPUFloatType{2} ]"
    )
    assert format_tensor(f32([1234567.5, 2345678.5])).splitlines()[1] == "1e+06 *"


def test_scientific_formats():
    assert format_tensor(f32([1e-10, 1, 1e5])) == text(
        " 1.0000e-10", " 1.0000e+00", " 1.0000e+05", "[ CPUFloatType{3} ]"
    )
    assert format_tensor(f32([1e10, 1])) == text(" 1.0000e+10", " 1.0000e+00", "[ CPUFloatType{2} ]")
    assert format_tensor(torch.tensor([1e-150, 1.5e200], dtype=torch.float64)) == text(
        " 1.0000e-150", " 1.5000e+200", "[ CPUDoubleType{2} ]"
    )


def test_seven_digit_integers():
    assert format_tensor(torch.tensor([1234567, 2])) == text("1.23457e+06", "       2", "[ CPULongType{2} ]")


def test_non_finite():
    assert format_tensor(f32([1.5, math.nan, math.inf, -math.inf])) == text(
        " 1.5000", "    nan", "    inf", "   -inf", "[ CPUFloatType{4} ]"
    )
    negative_nan = -torch.tensor([math.nan, 2.5]).abs()
    assert format_tensor(negative_nan) == text("   -nan", "-2.5000", "[ CPUFloatType{2} ]")
    assert format_tensor(torch.tensor([math.nan, math.inf])) == text("nan", "inf", "[ CPUFloatType{2} ]")


def test_negative_magnitude_quirk():
    assert format_tensor(f32([1, -100.5])) == text(" 1.0000", "-100.5000", "[ CPUFloatType{2} ]")
    assert format_tensor(f32([-100.5, 1])) == text("-100.5000", "   1.0000", "[ CPUFloatType{2} ]")


def test_matrix_scale_misaligns_later_rows():
    assert format_tensor(r_array([0.001, 0.003, 0.002, 0.004], (2, 2)).float()) == text(
        "0.001 *", " 1.0000  2.0000", "  3.0000  4.0000", "[ CPUFloatType{2,2} ]"
    )


def test_column_blocks():
    assert format_tensor((torch.arange(1, 25) / 10).view(2, 12)) == text(
        "Columns 1 to 10 0.1000  0.2000  0.3000  0.4000  0.5000  0.6000  0.7000  0.8000  0.9000  1.0000",
        " 1.3000  1.4000  1.5000  1.6000  1.7000  1.8000  1.9000  2.0000  2.1000  2.2000",
        "",
        "Columns 11 to 12 1.1000  1.2000",
        " 2.3000  2.4000",
        "[ CPUFloatType{2,12} ]",
    )


def test_column_blocks_with_scale():
    assert format_tensor((torch.arange(1, 25) / 1000).view(2, 12)) == text(
        "Columns 1 to 100.01 *",
        " 0.1000  0.2000  0.3000  0.4000  0.5000  0.6000  0.7000  0.8000  0.9000  1.0000",
        "  1.3000  1.4000  1.5000  1.6000  1.7000  1.8000  1.9000  2.0000  2.1000  2.2000",
        "",
        "Columns 11 to 120.01 *",
        " 1.1000  1.2000",
        "  2.3000  2.4000",
        "[ CPUFloatType{2,12} ]",
    )


def test_column_blocks_in_3d_slice():
    assert format_tensor((torch.arange(1, 13) / 10).view(1, 1, 12)) == text(
        "(1,.,.) = ",
        " Columns 1 to 9  0.1000  0.2000  0.3000  0.4000  0.5000  0.6000  0.7000  0.8000  0.9000",
        "",
        "Columns 10 to 12  1.0000  1.1000  1.2000",
        "[ CPUFloatType{1,1,12} ]",
    )


def test_4d_slice_order():
    block = ("  1  1", "  1  1")
    assert format_tensor(torch.ones(2, 2, 2, 2)) == text(
        "(1,1,.,.) = ", *block, "", "(2,1,.,.) = ", *block, "",
        "(1,2,.,.) = ", *block, "", "(2,2,.,.) = ", *block,
        "[ CPUFloatType{2,2,2,2} ]",
    )
    lines = format_tensor(torch.arange(8).reshape(2, 2, 2, 1)).splitlines()
    assert [ln for ln in lines if ln.startswith("(")] == [
        "(1,1,.,.) = ", "(2,1,.,.) = ", "(1,2,.,.) = ", "(2,2,.,.) = "
    ]
    assert lines[5:8] == ["(2,1,.,.) = ", "  4", "  5"]


def test_per_slice_formats():
    assert format_tensor(f32([[[1, 2], [3, 4]], [[100.5, 2], [3, 4]]])) == text(
        "(1,.,.) = ", "  1  2", "  3  4", "",
        "(2,.,.) = ", "  100.5000    2.0000", "    3.0000    4.0000",
        "[ CPUFloatType{2,2,2} ]",
    )


def test_scaled_slice_rows_get_two_spaces():
    assert format_tensor(f32([[[0.001], [0.002]]])) == text(
        "(1,.,.) = ", " 0.001 *", "  1.0000", "   2.0000", "[ CPUFloatType{1,2,1} ]"
    )


def test_precision_carried_to_later_integer_slices():
    t = f32([[[0.5, 1]], [[12345, 2]], [[123456, 7]]])
    assert format_tensor(t) == text(
        "(1,.,.) = ", "  0.5000  1.0000", "",
        "(2,.,.) = ", " 1.234e+04      2", "",
        "(3,.,.) = ", " 1.235e+05       7",
        "[ CPUFloatType{3,1,2} ]",
    )
    assert format_tensor(f32([[[12345, 2]], [[0.5, 1]]])).splitlines()[2] == "  12345      2"


def test_non_contiguous_and_wide_integers():
    t = torch.arange(30).reshape(3, 10).t()
    assert format_tensor(t, n=-1).splitlines()[1:3] == ["  0  10  20", "  1  11  21"]
    wide = torch.arange(40).reshape(1, 40)
    assert format_tensor(wide).splitlines()[1].startswith("Columns 1 to 20  0   1   2")


# --------------------------------------------------------------------------
# agreement with a direct, element-by-element transcription of the formatter


class _Stream:
    """Minimal iostream model: text, stream precision and float field."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.precision = 6
        self.field = "default"

    def write(self, s: str) -> None:
        self.out.append(s)

    def number(self, v: float, width: int) -> None:
        spec = {"default": f"%.{self.precision}g", "fixed": f"%.{self.precision}f",
                "scientific": f"%.{self.precision}e"}[self.field]
        s = "-nan" if math.isnan(v) and math.copysign(1, v) < 0 else spec % v
        self.write(s.rjust(width))


def _ref_format(st_: _Stream, values: list[float]) -> tuple[float, int]:
    int_mode = all(v == math.ceil(v) for v in values if math.isfinite(v))
    finite = [v for v in values if math.isfinite(v)]
    exp_min = exp_max = 1.0
    if finite:
        exp_min = exp_max = abs(finite[0])
        for v in finite:
            exp_min = min(exp_min, abs(v))
            if v > exp_max:
                exp_max = abs(v)
        exp_min = math.floor(math.log10(exp_min)) + 1 if exp_min else 1
        exp_max = math.floor(math.log10(exp_max)) + 1 if exp_max else 1
    scale = 1.0
    if int_mode and exp_max <= 9:
        st_.field = "default"
        return scale, int(exp_max) + 1
    st_.precision = 4
    if int_mode or exp_max - exp_min > 4:
        st_.field = "scientific"
        wide = not int_mode and (abs(exp_max) > 99 or abs(exp_min) > 99)
        return scale, 12 if wide else 11
    st_.field = "fixed"
    if exp_max > 5 or exp_max < 0:
        return 10.0 ** (exp_max - 1), 7
    return scale, 7 if exp_max == 0 else int(exp_max) + 6


def _ref_scale(st_: _Stream, scale: float) -> None:
    st_.write("%.4g *\n" % scale)


def _ref_matrix(st_: _Stream, rows: list[list[float]], indent: int) -> None:
    scale, sz = _ref_format(st_, [v for r in rows for v in r])
    st_.write(" " * indent)
    per_line = (80 - indent) // (sz + 1)
    ncol = len(rows[0])
    first = 0
    while first < ncol:
        last = first + per_line - 1 if first + per_line <= ncol else ncol - 1
        if per_line < ncol:
            if first != 0:
                st_.write("\n")
            st_.write(f"Columns {first + 1} to {last + 1}")
            st_.write(" " * indent)
        if scale != 1:
            _ref_scale(st_, scale)
            st_.write(" " * indent)
        for li, row in enumerate(rows):
            for c in range(first, last + 1):
                st_.number(row[c] / scale, sz)
                if c == last:
                    st_.write("\n")
                    if li != len(rows) - 1:
                        st_.write(" " * indent + (" " if scale != 1 else ""))
                else:
                    st_.write(" ")
        first = last + 1


def _ref_text(t: torch.Tensor) -> str:
    st_ = _Stream()
    x = t.detach().double()
    if x.dim() == 0:
        st_.number(x.item(), 0)
        st_.write("\n")
    elif x.numel() == 0:
        pass
    elif x.dim() == 1:
        values = x.tolist()
        scale, sz = _ref_format(st_, values)
        if scale != 1:
            _ref_scale(st_, scale)
        for v in values:
            st_.number(v / scale, sz)
            st_.write("\n")
    elif x.dim() == 2:
        _ref_matrix(st_, x.tolist(), 0)
    else:
        lead = list(x.shape[:-2])
        counter = [0] * len(lead)
        counter[0] = -1
        start = True
        while True:
            for i in range(len(lead)):
                counter[i] += 1
                if counter[i] < lead[i]:
                    break
                if i == len(lead) - 1:
                    counter = None
                    break
                counter[i] = 0
            if counter is None:
                break
            if not start:
                st_.write("\n")
            start = False
            st_.write("(" + "".join(f"{c + 1}," for c in counter) + ".,.) = \n")
            _ref_matrix(st_, x[tuple(counter)].tolist(), 1)
    dtype = {torch.float32: "Float", torch.float64: "Double", torch.int64: "Long", torch.bool: "Bool"}[t.dtype]
    st_.write(f"[ CPU{dtype}Type{{{','.join(map(str, t.shape))}}} ]")
    return "".join(st_.out)


def _r_truncate(body: str, n: int) -> str:
    lines = body.split("\n")
    if len(lines) > n and n > 1:
        lines = lines[:n] + [NOTICE, lines[-1]]
    return "torch_tensor\n" + "\n".join(lines)


_special = st.sampled_from([math.nan, -math.nan, math.inf, -math.inf, 0.0, -0.0])
_values = st.one_of(
    st.integers(-2000, 2000).map(float),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(-1e-3, 1e-3, allow_nan=False),
    st.sampled_from([1e12, -3e-9, 123456.5, 0.0123, 99999.5, 1e-120, 1e150]),
    _special,
)


@st.composite
def _tensors(draw) -> torch.Tensor:
    ndim = draw(st.integers(0, 4))
    shape = [draw(st.integers(0 if ndim else 1, 3)) for _ in range(max(ndim - 1, 0))]
    if ndim:
        shape.append(draw(st.integers(1, 14)))
    count = math.prod(shape)
    base = draw(st.sampled_from([_values, st.integers(-9, 9).map(float), st.integers(-10**8, 10**8).map(float)]))
    # slices alternate between the base strategy and general values to mix formats
    values = [draw(st.one_of(base, _values) if i % 5 == 0 else base) for i in range(count)]
    dtype = draw(st.sampled_from([torch.float32, torch.float64, torch.int64, torch.bool]))
    t = torch.tensor(values, dtype=torch.float64).reshape(shape)
    if dtype in (torch.int64, torch.bool):
        t = torch.nan_to_num(t, nan=0.0, posinf=7.0, neginf=-7.0)
    return t.to(dtype)


@settings(max_examples=400, deadline=None)
@given(_tensors(), st.integers(-2, 40))
def test_matches_element_by_element_formatter(t, n):
    body = _ref_text(t)
    assert format_tensor(t, n=-1) == "torch_tensor\n" + body
    assert format_tensor(t, n=n) == _r_truncate(body, n)
