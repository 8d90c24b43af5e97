"""R's base values (rtorch.rbase): printing exactly as R prints, 1-based indexing, type rules."""
from __future__ import annotations

import builtins
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rtorch import rbase
from rtorch.rbase import (
    NA, RVector, apply, array, as_character, as_integer, as_logical, as_matrix, as_numeric,
    c, cat, cbind, character, cumsum, dim, head, integer, intersect, is_na, length, logical,
    matrix, mean, ncol, nrow, numeric, outer, paste, paste0, rbind, rep, rev, sample, sapply,
    seq, seq_along, seq_len, set_seed, setdiff, sprintf, tail, union, unique, which,
)
from rtorch.rbase import abs as r_abs
from rtorch.rbase import all as r_all
from rtorch.rbase import max as r_max
from rtorch.rbase import min as r_min
from rtorch.rbase import round as r_round
from rtorch.rbase import sum as r_sum


class drop:
    """Stands in for rtorch.indexing.drop (recognised by class name and ``.value``)."""

    def __init__(self, value: bool) -> None:
        self.value = value


def printed(x) -> str:
    return repr(x)


# ---------------------------------------------------------------------------------------
# The seed's base-R outputs
# ---------------------------------------------------------------------------------------

def test_seed_vector_and_matrix():
    assert printed(c(1)) == "[1] 1"
    assert printed(matrix(1)) == "     [,1]\n[1,]    1"


def test_seed_outer_sum_apply():
    m = outer(seq(1, 3), seq(1, 6))
    assert m.rtype == "integer" and m.shape == (3, 6)
    assert printed(r_sum(m)) == "[1] 126"
    assert printed(apply(m, 1, r_sum)) == "[1] 21 42 63"
    assert printed(apply(m, 2, r_sum)) == "[1]  6 12 18 24 30 36"


def test_seed_coefs_vector():
    assert printed(c(0.2, -1.3, -0.5)) == "[1]  0.2 -1.3 -0.5"


def test_seed_length_of_dataset_like():
    assert printed(length(list(range(333)))) == "[1] 333"


SEED_CAT_NUMBERS = ["0.3502924", "0.07398106", "0.02483024", "0.009619333", "0.003990697",
                    "0.001719962", "0.0007584976", "0.0003393509", "0.0001532408",
                    "6.962555e-05", "-0.667685", "-0.5771312", "-0.003222887",
                    "-0.006653666", "2.553179", "2.40357", "1.97622", "0.9601057", "126"]


@pytest.mark.parametrize("text", SEED_CAT_NUMBERS)
def test_cat_formats_each_number_like_r(capsys, text):
    cat(float(text))
    assert capsys.readouterr().out == text


def test_cat_seed_lines(capsys):
    cat("Iteration: ", 100, "\n")
    cat("Value is: ", as_numeric(0.35029240123), "\n")
    cat("Gradient is: ", as_matrix(c(-0.667685, -0.5771312)), "\n")
    cat("Epoch: ", seq(1, 200)[10], "   Loss: ", 2.553179, "\n")
    cat("Value is: ", 6.962555e-05, "\n")
    assert capsys.readouterr().out == (
        "Iteration:  100 \n"
        "Value is:  0.3502924 \n"
        "Gradient is:  -0.667685 -0.5771312 \n"
        "Epoch:  10    Loss:  2.553179 \n"
        "Value is:  6.962555e-05 \n")


def test_cat_float32_value_prints_seven_digits(capsys):
    cat(as_numeric(np.float32(0.3502924)))
    assert capsys.readouterr().out == "0.3502924"


def test_cat_rules(capsys):
    cat("a", None, "b")               # NULL adds no separator
    cat("|")
    cat("a", character(0), "b")       # an empty vector does
    cat("|")
    cat(True, as_integer(3), "x", sep="-")
    cat("|")
    cat("a", "b", sep="\n")           # a newline in sep ends the output with one
    cat(c(1, 2, 3), sep=", ")
    cat("|")
    cat([1, "a"], 100000)
    assert capsys.readouterr().out == "a b|a  b|TRUE-3-x|a\nb\n1, 2, 3|1 a 1e+05"


def test_cat_fill_wraps_and_ends_line(capsys):
    # R prints the separator before it decides to break, so full lines end in a space
    cat(*["abcdefghi"] * 10, fill=30)
    assert capsys.readouterr().out == (
        "abcdefghi abcdefghi abcdefghi \n" * 3 + "abcdefghi\n")


# ---------------------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------------------

def test_long_vector_wraps_at_80_with_index_prefixes():
    assert printed(seq(1, 30)) == (
        " [1]  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25\n"
        "[26] 26 27 28 29 30")


def test_wrap_prefix_width_follows_length():
    lines = printed(seq(1, 100) * 1.5).split("\n")
    assert lines[0] == ("  [1]   1.5   3.0   4.5   6.0   7.5   9.0  10.5  12.0  13.5  15.0"
                        "  16.5  18.0")
    assert lines[-1] == " [97] 145.5 147.0 148.5 150.0"


@pytest.mark.parametrize("values, expected", [
    ([0.1, 0.2], "[1] 0.1 0.2"),
    ([1e-10, 1], "[1] 1e-10 1e+00"),
    ([6.962555e-05], "[1] 6.962555e-05"),
    ([0.0007584976], "[1] 0.0007584976"),
    ([1 / 3], "[1] 0.3333333"),
    ([100000], "[1] 1e+05"),
    ([123456], "[1] 123456"),
    ([1.123456789, 123456.7], "[1] 1.123457e+00 1.234567e+05"),
    ([0.00001, 123], "[1] 1.00e-05 1.23e+02"),
    ([1e100, 1e-5], "[1] 1e+100  1e-05"),
    ([123456789012, 1], "[1] 123456789012            1"),
    ([0.1 + 0.2], "[1] 0.3"),
    ([-0.0], "[1] 0"),
    ([1.5, float("nan"), float("inf"), -float("inf")], "[1]  1.5  NaN  Inf -Inf"),
])
def test_doubles_print_like_format_real(values, expected):
    assert printed(c(*values)) == expected


def test_na_prints_as_na_and_nan_as_nan():
    assert printed(c(-1.5, 2, NA)) == "[1] -1.5  2.0   NA"
    assert printed(c(as_integer(1), NA, as_integer(3))) == "[1]  1 NA  3"
    assert printed(c(NA, "a")) == '[1] NA  "a"'


def test_other_types_print():
    assert printed(c(True, False)) == "[1]  TRUE FALSE"
    assert printed(c("a", "bb")) == '[1] "a"  "bb"'
    assert printed(c("bb", "a")) == '[1] "bb" "a" '
    assert printed(c('say "hi"')) == '[1] "say \\"hi\\""'
    assert printed(c(1 + 2j, -1.5 - 0.5j)) == "[1]  1.0+2.0i -1.5-0.5i"


@pytest.mark.parametrize("empty, expected", [
    (numeric(0), "numeric(0)"), (integer(0), "integer(0)"), (logical(0), "logical(0)"),
    (character(0), "character(0)"),
])
def test_empty_vectors(empty, expected):
    assert printed(empty) == expected


def test_named_vector():
    assert printed(c(a=1, b=2.5)) == "  a   b \n1.0 2.5 "
    assert printed(c(a="x", bb="yy")) == '   a   bb \n "x" "yy" '


def test_matrix_printing():
    assert printed(matrix(seq(1, 9), ncol=3)) == (
        "     [,1] [,2] [,3]\n"
        "[1,]    1    4    7\n"
        "[2,]    2    5    8\n"
        "[3,]    3    6    9")
    assert printed(matrix(c(1.5, 2, -3, 4), 2)) == (
        "     [,1] [,2]\n"
        "[1,]  1.5   -3\n"
        "[2,]  2.0    4")
    assert printed(matrix(c("a", "bbb", "cc", "d"), 2)) == (
        '     [,1]  [,2]\n'
        '[1,] "a"   "cc"\n'
        '[2,] "bbb" "d" ')


def test_matrix_row_labels_are_as_wide_as_r_makes_them():
    # R sizes row labels by IndexWidth(nrow + 1): nine rows already get " [1,]"
    lines = printed(matrix(seq(1, 9), 9)).split("\n")
    assert lines[0] == "      [,1]" and lines[1] == " [1,]    1" and lines[9] == " [9,]    9"


def test_wide_matrix_prints_in_column_blocks():
    # widths 4 (row labels) + 9 x 5 + 5 x 6 = 79 < 80: the first block holds 14 columns
    lines = printed(matrix(seq(1, 40), 2)).split("\n")
    assert lines[0] == "    " + "".join(f"{f'[,{j}]':>5}" for j in range(1, 10)) + "".join(
        f"{f'[,{j}]':>6}" for j in range(10, 15))
    assert lines[1] == "[1,]" + "".join(f"{v:>5}" for v in range(1, 18, 2)) + "".join(
        f"{v:>6}" for v in range(19, 28, 2))
    assert lines[3] == "    " + "".join(f"{f'[,{j}]':>6}" for j in range(15, 21))
    assert len(lines) == 6


def test_empty_matrices():
    assert printed(matrix(numeric(0), 0, 3)) == "     [,1] [,2] [,3]"
    assert printed(matrix(numeric(0), 0, 0)) == "<0 x 0 matrix>"


def test_array_prints_slices():
    assert printed(array(seq(1, 8), dim=c(2, 2, 2))) == (
        ", , 1\n\n"
        "     [,1] [,2]\n"
        "[1,]    1    3\n"
        "[2,]    2    4\n\n"
        ", , 2\n\n"
        "     [,1] [,2]\n"
        "[1,]    5    7\n"
        "[2,]    6    8\n")


def test_print_method_and_digits(capsys):
    c(1 / 3, 2).print(digits=3)
    print(c(1 / 3))
    assert capsys.readouterr().out == "[1] 0.333 2.000\n[1] 0.3333333\n"


def test_str():
    assert seq(1, 5).str() == " int [1:5] 1 2 3 4 5"
    assert seq(1, 100).str() == " int [1:100] 1 2 3 4 5 6 7 8 9 10 ..."
    assert c(2.5).str() == " num 2.5"
    assert c(1.23456, 2.5).str() == " num [1:2] 1.23 2.5"
    assert matrix(seq(1, 18), 3).str() == " int [1:3, 1:6] 1 2 3 4 5 6 7 8 9 10 ..."
    assert c("a", "b").str() == ' chr [1:2] "a" "b"'


# ---------------------------------------------------------------------------------------
# Types
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, rtype", [
    (seq(1, 5), "integer"), (seq(5, 1), "integer"), (seq(5), "integer"),
    (seq(0, 1, by=0.1), "double"), (seq(1, 10, length_out=4), "double"),
    (seq_len(3), "integer"), (seq_along(c(5, 6)), "integer"),
    (seq(1, 3) / seq(1, 3), "double"), (seq(1, 3) * seq(1, 3), "integer"),
    (seq(1, 3) ** as_integer(2), "double"), (seq(1, 3) * 2, "double"),
    (seq(1, 3) * as_integer(2), "integer"), (seq(1, 3) + True, "integer"),
    (c(True, False) + c(True, True), "integer"), (seq(1, 3) // 2, "double"),
    (seq(1, 3) // as_integer(2), "integer"), (seq(1, 3) > 1, "logical"),
    (c(1, "a"), "character"), (c(True, as_integer(1)), "integer"), (c(1, 2j), "complex"),
    (r_sum(seq(1, 3)), "integer"), (r_sum(c(True, True)), "integer"), (r_sum(c(1.5)), "double"),
    (mean(seq(1, 3)), "double"), (r_max(seq(1, 3)), "integer"), (-c(True), "integer"),
    (as_integer(c(1.9)), "integer"), (cumsum(c(True, True)), "integer"),
])
def test_r_type_rules(value, rtype):
    assert value.rtype == rtype


def test_python_scalars_are_doubles_bools_are_logicals():
    assert c(1).rtype == "double" and c(True).rtype == "logical" and c("a").rtype == "character"
    assert RVector(np.array([1, 2])).rtype == "integer"
    assert RVector(np.array([1.0], dtype=np.float32)).values.dtype == np.float64


def test_arithmetic_values_and_recycling():
    assert (seq(-5, 5) % 3).tolist() == [1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]
    assert (c(-7.5) % 2).tolist() == [0.5]
    assert (seq(-5, -1) // 2).tolist() == [-3.0, -2.0, -2.0, -1.0, -1.0]
    assert (as_integer(5) // as_integer(0)).tolist() == [None]
    with pytest.warns(UserWarning, match="longer object length"):
        assert (seq(1, 6) + seq(1, 4)).tolist() == [2, 4, 6, 8, 6, 8]
    assert (seq(1, 4) + c(10, 20)).tolist() == [11.0, 22.0, 13.0, 24.0]
    assert len(seq(1, 3) + numeric(0)) == 0
    assert (matrix(seq(1, 4), 2) * 10).shape == (2, 2)
    with pytest.raises(ValueError, match="non-conformable"):
        matrix(seq(1, 4), 2) + matrix(seq(1, 6), 2)


def test_na_propagates():
    x = c(as_integer(1), NA, as_integer(3))
    assert (x + as_integer(1)).tolist() == [2, None, 4]
    assert printed(r_sum(x)) == "[1] NA"
    assert printed(r_sum(x, na_rm=True)) == "[1] 4"
    assert printed(mean(x, na_rm=True)) == "[1] 2"
    assert is_na(x).tolist() == [False, True, False]
    assert printed(NA + 1) == "[1] NA"
    assert printed(c(float("nan")) + 1) == "[1] NaN"


def test_logic_and_not():
    x = seq(1, 3)
    assert (~(x > 1)).tolist() == [True, False, False]
    assert ((x > 1) & (x < 3)).tolist() == [False, True, False]
    assert ((x < 2) | (x > 2)).tolist() == [True, False, True]
    assert (x == c(1, 5, 3)).tolist() == [True, False, True]


def test_matrix_product():
    assert printed(matrix(c(1.5, 2, 3, 4), 2) @ c(1, 1)) == "     [,1]\n[1,]  4.5\n[2,]  6.0"
    assert printed(seq(1, 3) @ seq(1, 3)) == "     [,1]\n[1,]   14"


# ---------------------------------------------------------------------------------------
# Indexing
# ---------------------------------------------------------------------------------------

def test_one_based_indexing():
    x = seq(10, 50, by=10)
    assert printed(x[2]) == "[1] 20"
    assert x[c(1, 3)].tolist() == [10.0, 30.0]
    assert x[[1, 3]].tolist() == [10.0, 30.0]
    assert x[seq(2, 4)].tolist() == [20.0, 30.0, 40.0]
    assert x[2:4].tolist() == [20.0, 30.0, 40.0]
    assert x[4:].tolist() == [40.0, 50.0]
    assert x[x > 25].tolist() == [30.0, 40.0, 50.0]
    assert x[c(True, False)].tolist() == [10.0, 30.0, 50.0]
    assert x[7].tolist() == [None]                          # R: NA past the end
    assert isinstance(x[1], RVector) and len(x[1]) == 1


def test_negative_indices_exclude():
    x = seq(1, 5)
    assert x[-1].tolist() == [2, 3, 4, 5]
    assert x[-c(1, 5)].tolist() == [2, 3, 4]
    assert x[-10].tolist() == [1, 2, 3, 4, 5]
    with pytest.raises(IndexError, match="can't mix"):
        x[c(-1, 2)]


@pytest.mark.parametrize("key", [0, c(0, 1), slice(0, 2)])
def test_index_zero_is_an_error_in_one_based_terms(key):
    with pytest.raises(IndexError, match="start at 1"):
        seq(1, 5)[key]


def test_matrix_indexing():
    m = matrix(seq(1, 12), 3)
    assert printed(m[2, :]) == "[1]  2  5  8 11"
    assert printed(m[:, 2]) == "[1] 4 5 6"
    assert printed(m[2, 3]) == "[1] 8"
    assert m[1:2, c(1, 4)].shape == (2, 2)
    assert m[c(1, 3), c(1, 3)].tolist() == [1, 3, 7, 9]       # per dimension, as in R
    assert printed(m[1, :, drop(False)]) == "     [,1] [,2] [,3] [,4]\n[1,]    1    4    7   10"
    assert m[-1, :].shape == (2, 4)
    assert m[m > 10].tolist() == [11, 12]
    assert m[5].tolist() == [5]                               # column-major single index
    assert m[cbind(c(1, 3), c(2, 4))].tolist() == [4, 12]
    with pytest.raises(IndexError, match="incorrect number of dimensions"):
        m[1, 2, 3]
    with pytest.raises(IndexError, match="out of bounds"):
        m[4, 1]


def test_assignment():
    v = seq(1, 3)
    v[2] = as_integer(20)
    assert v.rtype == "integer" and v.tolist() == [1, 20, 3]
    v[1] = 2.5                                                # promotes like R
    assert v.rtype == "double" and v.tolist() == [2.5, 20.0, 3.0]
    v[5] = 9
    assert v.tolist() == [2.5, 20.0, 3.0, None, 9.0]
    v[c(1, 2)] = 0
    assert v.tolist()[:2] == [0.0, 0.0]
    m = matrix(seq(1, 6), 2)
    m[2, 3] = as_integer(60)
    m[:, 1] = as_integer(0)
    assert m.tolist() == [0, 0, 3, 4, 5, 60]
    m[m > 4] = as_integer(-1)
    assert m.tolist() == [0, 0, 3, 4, -1, -1]
    with pytest.raises(IndexError, match="start at 1"):
        m[0, 1] = 5


def test_names_index():
    x = c(a=1, b=2, cc=3)
    assert x["b"].tolist() == [2.0]
    assert x[c(3, 1)].names == ["cc", "a"]


@given(st.lists(st.integers(-100, 100), min_size=1, max_size=20), st.data())
@settings(max_examples=200, deadline=None)
def test_indexing_matches_zero_based_numpy(values, data):
    arr = np.array(values, dtype=np.int64)
    v = RVector(arr)
    n = arr.size
    positive = data.draw(st.lists(st.integers(1, n), max_size=10))
    if positive:
        assert v[c(*positive)].tolist() == arr[np.array(positive) - 1].tolist()
    excluded = data.draw(st.lists(st.integers(1, n + 3), min_size=1, max_size=5))
    keep = [i for i in range(n) if i + 1 not in excluded]
    assert v[-c(*excluded)].tolist() == arr[keep].tolist()
    mask = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    assert v[RVector(np.array(mask))].tolist() == arr[np.array(mask, dtype=bool)].tolist()
    lo = data.draw(st.integers(1, n))
    hi = data.draw(st.integers(lo, n))
    assert v[lo:hi].tolist() == arr[lo - 1:hi].tolist()


@given(st.integers(1, 5), st.integers(1, 5), st.data())
@settings(max_examples=100, deadline=None)
def test_matrix_indexing_matches_numpy(nr, nc, data):
    ref = np.arange(nr * nc).reshape((nr, nc), order="F")
    m = matrix(seq(0, nr * nc - 1), nr)
    rows = data.draw(st.lists(st.integers(1, nr), min_size=1, max_size=4))
    cols = data.draw(st.lists(st.integers(1, nc), min_size=1, max_size=4))
    expected = ref[np.ix_(np.array(rows) - 1, np.array(cols) - 1)]
    got = m[c(*rows), c(*cols), drop(False)]
    assert got.shape == expected.shape and np.array_equal(np.asarray(got), expected)
    assert m[c(*rows), c(*cols)].tolist() == expected.reshape(-1, order="F").tolist()


# ---------------------------------------------------------------------------------------
# Construction
# ---------------------------------------------------------------------------------------

def test_matrix_fill_is_column_major_and_byrow():
    assert np.array_equal(matrix(seq(1, 6), 2).values, [[1, 3, 5], [2, 4, 6]])
    assert np.array_equal(matrix(seq(1, 6), 2, byrow=True).values, [[1, 2, 3], [4, 5, 6]])
    assert matrix(seq(1, 6), ncol=2).shape == (3, 2)
    assert matrix(seq(1, 6)).shape == (6, 1)
    assert matrix(0, 2, 3).tolist() == [0.0] * 6
    assert printed(matrix(nrow=1, ncol=1)) == "     [,1]\n[1,]   NA"
    message = r"data length \[6\] is not a sub-multiple or multiple of the number of rows \[4\]"
    with pytest.warns(UserWarning, match=message):
        matrix(seq(1, 6), 4)


def test_array_fill():
    a = array(seq(1, 24), dim=c(4, 3, 2))
    assert a.shape == (4, 3, 2) and a[2, 3, 2].tolist() == [22]
    assert dim(a).tolist() == [4, 3, 2] and dim(seq(1, 3)) is None
    assert nrow(a).tolist() == [4] and ncol(matrix(seq(1, 6), 2)).tolist() == [3]


def test_c_flattens_and_promotes():
    assert c() is None
    assert c(seq(1, 2), [3, 4], np.array([5.0]), None).tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert c(matrix(seq(1, 4), 2)).tolist() == [1, 2, 3, 4]
    assert c(True, 2, "x").tolist() == ["TRUE", "2", "x"]
    assert c(NA, as_integer(1)).rtype == "integer"
    assert c(a=1, b=seq(1, 2)).names == ["a", "b1", "b2"]


def test_seq_variants():
    assert seq(1, 5).tolist() == [1, 2, 3, 4, 5]
    assert seq(5, 1).tolist() == [5, 4, 3, 2, 1]
    assert seq(1, 10, by=2).tolist() == [1.0, 3.0, 5.0, 7.0, 9.0]
    assert seq(2, 11, 3).tolist() == [2.0, 5.0, 8.0, 11.0]
    assert printed(seq(0, 1, by=0.1)) == " [1] 0.0 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.0"
    assert seq(0, 1, length_out=5).tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert seq(1, 10, length=4).tolist() == [1.0, 4.0, 7.0, 10.0]
    assert seq(along_with=c(4, 5, 6)).tolist() == [1, 2, 3]
    assert seq(c(7, 8, 9)).tolist() == [1, 2, 3]
    assert seq(1.5, 3).tolist() == [1.5, 2.5]
    assert seq(10, 1, by=-3).tolist() == [10.0, 7.0, 4.0, 1.0]
    with pytest.raises(ValueError, match="wrong sign"):
        seq(1, 10, by=-1)


def test_rep_and_bind():
    assert rep(c(1, 2), times=3).tolist() == [1.0, 2.0] * 3
    assert rep(c(1, 2), each=2).tolist() == [1.0, 1.0, 2.0, 2.0]
    assert rep(seq(1, 2), times=c(2, 3)).tolist() == [1, 1, 2, 2, 2]
    assert rep(seq(1, 3), length_out=7).tolist() == [1, 2, 3, 1, 2, 3, 1]
    assert np.array_equal(cbind(seq(1, 3), seq(4, 6)).values, [[1, 4], [2, 5], [3, 6]])
    assert np.array_equal(rbind(seq(1, 3), seq(4, 6)).values, [[1, 2, 3], [4, 5, 6]])
    assert cbind(matrix(seq(1, 4), 2), 9).tolist() == [1.0, 2.0, 3.0, 4.0, 9.0, 9.0]


def test_sapply_apply_simplify():
    assert sapply(seq(1, 3), lambda x: x ** 2).tolist() == [1.0, 4.0, 9.0]
    assert printed(sapply(c("a", "b"), lambda s: paste0(s, "!"))) == '   a    b \n"a!" "b!" '
    assert sapply(seq(1, 3), lambda x: c(x, x * 2)).shape == (2, 3)
    cube = array(seq(1, 24), c(2, 3, 4))
    assert apply(cube, c(1, 3), r_sum).values[0].tolist() == [9, 27, 45, 63]
    assert outer(seq(1, 2), seq(1, 3), "+").tolist() == [2, 3, 3, 4, 4, 5]


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------

def test_sets_and_search():
    assert unique(c(1, 2, 2, 3, 1)).tolist() == [1.0, 2.0, 3.0]
    assert setdiff(seq(1, 5), c(2, 3)).tolist() == [1, 4, 5]
    assert union(c(1, 2), c(2, 5)).tolist() == [1.0, 2.0, 5.0]
    assert intersect(seq(1, 5), c(2, 9)).tolist() == [2.0]
    assert which(c(False, True, True)).tolist() == [2, 3]
    assert cumsum(seq(1, 5)).tolist() == [1, 3, 6, 10, 15]
    assert rev(seq(1, 3)).tolist() == [3, 2, 1]
    assert head(seq(1, 10), 3).tolist() == [1, 2, 3]
    assert head(seq(1, 10), -8).tolist() == [1, 2]
    assert tail(seq(1, 10), 3).tolist() == [8, 9, 10]
    assert head(matrix(seq(1, 20), 10), 2).shape == (2, 2)


def test_sample_seeded_and_r_like():
    set_seed(1)
    first = sample(seq(1, 10), size=4)
    set_seed(1)
    assert sample(seq(1, 10), size=4).tolist() == first.tolist()
    perm = sample(10)
    assert perm.rtype == "integer" and sorted(perm.tolist()) == list(range(1, 11))
    assert len(sample(seq(1, 1000), size=0.6 * length(seq(1, 1000)))) == 600
    gen = np.random.default_rng(3)
    assert len(sample(c(5, 6), 5, replace=True, generator=gen)) == 5
    with pytest.raises(ValueError, match="larger than the population"):
        sample(seq(1, 3), 4)


def test_text():
    assert paste("a", 1, True).tolist() == ["a 1 TRUE"]
    assert paste0("x", seq(1, 3)).tolist() == ["x1", "x2", "x3"]
    assert paste(c("a", "b"), collapse="+").tolist() == ["a+b"]
    assert paste("a", None, "b").tolist() == ["a b"]
    formatted = sprintf("%5.2f|%d|%s|%s", 3.14159, as_integer(3), 0.1, True)
    assert formatted.tolist() == [" 3.14|3|0.1|TRUE"]
    assert sprintf("%d", seq(1, 3)).tolist() == ["1", "2", "3"]
    assert as_character(c(1e5, 123456, 0.1, 1 / 3)).tolist() == ["1e+05", "123456", "0.1",
                                                                 "0.333333333333333"]


def test_conversions():
    assert as_integer(c(1.9, -1.9)).tolist() == [1, -1]
    assert as_numeric(matrix(c(1, 3, 2, 4), 2, byrow=True)).tolist() == [1.0, 2.0, 3.0, 4.0]
    assert as_logical(c(0, 2)).tolist() == [False, True]
    assert as_logical("T").tolist() == [True]
    with pytest.warns(UserWarning, match="NAs introduced by coercion"):
        assert as_integer(c("12", "x")).tolist() == [12, None]
    assert as_matrix(seq(1, 3)).shape == (3, 1)
    assert as_matrix(array(seq(1, 8), c(2, 2, 2))).shape == (8, 1)
    assert rbase.is_integer(5).tolist() == [False] and rbase.is_numeric(5).tolist() == [True]


def test_r_summaries_and_python_fallbacks():
    assert r_sum([1, 2, 3]) == 6 and type(r_sum([1, 2, 3])) is int
    assert r_max(1, 5) == 5 and r_min([3, 2]) == 2
    assert r_abs(-3) == 3 and r_round(2.567, 2) == 2.57
    assert r_all([]) is True
    assert printed(r_max(c(1, 5), 7)) == "[1] 7"
    assert printed(r_sum(np.array([1, 2]))) == "[1] 3"
    assert printed(r_round(c(2.5, 0.15, 1234.5678), 1)) == "[1]    2.5    0.1 1234.6"
    assert printed(r_round(c(2.5, 3.5))) == "[1] 2 4"
    assert printed(r_abs(c(-1, 2))) == "[1] 1 2"
    assert printed(rbase.exp(1)) == "[1] 2.718282"
    assert printed(rbase.log(100, 10)) == "[1] 2"
    assert printed(mean(seq(1, 10))) == "[1] 5.5"
    assert printed(rbase.sd(c(1, 2, 3, 4))) == "[1] 1.290994"
    with pytest.warns(UserWarning, match="no non-missing arguments to max"):
        assert printed(r_max(numeric(0))) == "[1] -Inf"


def test_python_protocols():
    v = seq(1, 4)
    assert len(v) == 4 and list(v) == [1, 2, 3, 4]
    assert list(range(length(v))) == [0, 1, 2, 3]
    assert float(c(2.5)) == 2.5 and int(as_integer(4)) == 4 and bool(c(True))
    with pytest.raises(ValueError, match="length > 1"):
        bool(v > 1)
    out = np.exp(seq(1, 3))
    assert isinstance(out, RVector) and printed(out) == "[1]  2.718282  7.389056 20.085537"
    assert np.asarray(seq(1, 3)).dtype == np.int64
    assert (np.array([1, 2, 3]) + seq(1, 3)).rtype == "integer"
    assert (np.float64(2.0) * seq(1, 3)).rtype == "double"
    assert as_numeric(c(1)).tolist() == [1.0]


def test_plain_pytorch_reads_the_array_not_a_one_based_sequence():
    torch = pytest.importorskip("torch")
    m = matrix(seq(1, 6), 2)
    assert torch.as_tensor(m).tolist() == [[1, 3, 5], [2, 4, 6]]
    assert torch.tensor(seq(1, 3)).dtype == torch.int64
    assert torch.tensor(c(True, False)).dtype == torch.bool


def test_warnings_point_at_the_caller():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        seq(1, 3) + seq(1, 2)
    assert caught and caught[0].filename == __file__


def test_module_exports_and_builtins_untouched():
    assert "range" not in rbase.__all__ and "print" not in rbase.__all__
    assert "str" not in rbase.__all__ and "len" not in rbase.__all__
    for name in rbase.__all__:
        assert hasattr(rbase, name), name
    assert builtins.sum is not r_sum


def test_rank_range_months_and_named_binds():
    """R's values: rank(c(10, 30, 20)) is 1 3 2; ties average (or min); range(); month.name;
    rbind(a = 1:2, b = 3:4) binds in order (R's row names are not kept: no dimnames)."""
    from rtorch.rbase import (as_integer, c, month_abb, month_name, range_, rank, rbind,
                              seq)
    assert repr(rank(c(10, 30, 20))) == "[1] 1 3 2"
    assert repr(rank(c(2, 1, 2, 3))) == "[1] 2.5 1.0 2.5 4.0"
    assert repr(rank(c(2, 1, 2, 3), ties_method="min")) == "[1] 2 1 2 4"
    assert repr(range_(c(5, 1, 9))) == "[1] 1 9"
    assert repr(range_(as_integer(c(3, 2)))) == "[1] 2 3"
    assert repr(month_name[seq(1, 2)]) == '[1] "January"  "February"'
    assert str(month_abb[12]) == "Dec"
    assert repr(rbind(a=seq(1, 2), b=seq(3, 4))) == "     [,1] [,2]\n[1,]    1    2\n[2,]    3    4"


def test_set_seed_gives_r_numbers():
    """R 4.x's default generator and methods (Mersenne-Twister, sample.kind "Rejection",
    normal.kind "Inversion"): each expected value is R's own output for the same calls."""
    from rtorch.rbase import c, mean, rnorm, round, runif, sample, sd, seq, set_seed
    set_seed(1)
    assert runif(3).tolist() == [0.26550866314209998, 0.37212389963679016, 0.57285336335189641]
    set_seed(42)
    assert repr(sample(10)) == " [1]  1  5 10  8  2  4  6  9  7  3"
    set_seed(123)
    assert repr(sample(5, 10, replace=True)) == " [1] 3 3 2 2 3 5 4 1 2 3"
    set_seed(7)
    assert repr(sample(c("a", "b", "c"), 2)) == '[1] "b" "a"'
    assert repr(runif(2)) == "[1] 0.11569778 0.06974868"
    set_seed(99)
    assert repr(sample(100000, 5)) == "[1] 72993 19306 77026 98662  6724"
    assert repr(sample(70000)[seq(1, 5)]) == "[1] 11986 22944 21202 35750 53992"
    set_seed(1)
    x = rnorm(3)
    assert repr(x) == "[1] -0.6264538  0.1836433 -0.8356286"
    assert abs(x.tolist()[0] - -0.62645381074233242) < 1e-15
    set_seed(2024)
    x = rnorm(1000)
    assert abs(float(mean(x)) - 0.0045426984855311799) < 1e-15
    assert abs(float(sd(x)) - 0.98271506531120045) < 1e-15
    set_seed(-5)
    assert repr(round(rnorm(4), 6)) == "[1]  0.626769 -0.874051  1.775528 -0.374055"


def test_format_all_equal_str_of_lists_and_named_elements(capsys):
    """R's values (R's own output for each call): format(), prettyNum(), all.equal(),
    storage.mode(), str() of a list, and [[ on a named vector dropping the name."""
    from rtorch.rbase import (all_equal, c, format_ as format, isTRUE, matrix, pluck,
                              prettyNum, seq, storage_mode, str_)
    assert repr(format(3.14159, digits=3)) == '[1] "3.14"'
    assert repr(format(c(1, 10, 100))) == '[1] "  1" " 10" "100"'
    assert repr(format(2, nsmall=2)) == '[1] "2.00"'
    assert repr(format(1234567.891, big_mark=",")) == '[1] "1,234,568"'
    assert repr(prettyNum(1234567, big_mark=",")) == '[1] "1,234,567"'
    assert repr(all_equal(1, 1 + 1e-10)) == "[1] TRUE"
    assert repr(all_equal(1, 1.1)) == '[1] "Mean relative difference: 0.1"'
    assert isTRUE(all_equal(1, 1.1)) is False
    assert repr(storage_mode(matrix(seq(1, 6), 2, dimnames=None))) == '[1] "integer"'
    assert repr(pluck(c(first=1.5, second=2), "first")) == "[1] 1.5"
    str_([1, "a"])
    str_(dict(a=seq(1, 3), bb="x", c=dict(d=True, e=2.5)))
    assert capsys.readouterr().out == (
        'List of 2\n $ : num 1\n $ : chr "a"\n'
        'List of 3\n $ a : int [1:3] 1 2 3\n $ bb: chr "x"\n $ c :List of 2\n'
        '  ..$ d: logi TRUE\n  ..$ e: num 2.5\n')


def test_all_equal_compares_the_elements_that_differ():
    """R's all.equal() (countEQ = FALSE): the mean difference over the differing elements
    only, relative to their mean size (R's output for each call)."""
    from rtorch.rbase import NA, all_equal, as_integer, c
    assert repr(all_equal(c(1, 2, 3), c(1, 2, 4))) == '[1] "Mean relative difference: 0.3333333"'
    assert repr(all_equal(c(10, 20), c(10.5, 20))) == '[1] "Mean relative difference: 0.05"'
    assert repr(all_equal(0, 1e-3)) == '[1] "Mean absolute difference: 0.001"'
    assert repr(all_equal(as_integer(c(1, 2, 3)), c(1, 2, 3.5))) == \
        '[1] "Mean relative difference: 0.1666667"'
    assert repr(all_equal(c(1, NA), c(1, 2))) == \
        '''[1] "'is.NA' value mismatch: 0 in current 1 in target"'''


def test_rank_na_last():
    """R: rank(c(3, NA, 1)) is 2 3 1; with na.last = "keep" 2 NA 1; other na.last values are
    refused here rather than ranked as TRUE."""
    from rtorch.rbase import NA, c, rank
    assert repr(rank(c(3, NA, 1))) == "[1] 2 3 1"
    assert repr(rank(c(3, NA, 1), na_last="keep")) == "[1]  2 NA  1"
    assert repr(rank(c(3, NA, 1), na_last="keep", ties_method="min")) == "[1]  2 NA  1"
    with pytest.raises(ValueError, match="na.last"):
        rank(c(1, 2), na_last=False)
