"""Data frames (pandas) as R code uses them, the seed's penguins dataset, R's built-in data."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch import iris, mtcars  # built on first access (pandas imported then)
from rtorch.named_list import NamedList
from tutorial import SEED, namespace, run_chunks


def values(x) -> list:
    return torch.as_tensor(x).tolist()


# ---- the seed's "dataset设定" block ----------------------------------------------------------

def test_seed_penguins_dataset():
    ns = namespace()
    run_chunks(SEED, "dataset设定", ns, since="dataset设定: data")
    penguins, ds = ns["penguins"], ns["ds"]
    assert repr(length(ds)) == "[1] 333"
    clean = penguins.dropna()
    codes = {"Adelie": 1, "Chinstrap": 2, "Gentoo": 3}
    cols = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
    for i in (1, 4, 152, 333):
        item = ds[i]
        assert isinstance(item, NamedList) and item.x.shape == (4,) and item.y.shape == ()
        row = clean.iloc[i - 1]
        assert values(item.x) == pytest.approx(row[cols].to_numpy(dtype=float).tolist())
        assert item.y.item() == codes[row.species] and item["y"].dtype == torch_long()
    assert values(ds[1].x) == pytest.approx([39.1, 18.7, 181, 3750])
    batch = next(iter(dataloader(ds, batch_size=8, shuffle=True)))
    assert batch.x.shape == (8, 4) and batch.y.shape == (8,) and batch.y.dtype == torch_long()
    assert sorted(set(values(torch_cat([b.y for b in dataloader(ds, batch_size=100)])))) == [1, 2, 3]


# ---- df.r[i, j] -------------------------------------------------------------------------------

@pytest.fixture
def df():
    return pd.DataFrame({"a": [1.0, 2.0, np.nan, 4.0], "b": [1, 2, 3, 4],
                         "s": ["x", "y", None, "x"], "t": [True, False, True, True]},
                        index=[10, 11, 12, 13])


def test_r_indexing_of_frames(df):
    assert list(df.r[:, 2:3].columns) == ["b", "s"]
    assert list(df.r[2:3, :].index) == [11, 12]
    assert df.r[:, 2].tolist() == [1, 2, 3, 4]                 # one column drops to a vector
    assert isinstance(df.r[:, 2, drop(False)], pd.DataFrame)
    assert list(df.r[:, -1].columns) == ["b", "s", "t"]
    assert list(df.r[:, c("t", "a")].columns) == ["t", "a"]
    assert list(df.r[df.b > 2, :].index) == [12, 13]
    assert list(df.r[seq(3, 4)].columns) == ["s", "t"]          # df[3:4]: columns
    assert df.r[c(1, 3), "b"].tolist() == [1, 3]
    with pytest.raises(IndexError):
        df.r[0, :]
    with pytest.raises(IndexError, match="out of range"):
        df.r[:, 5]


def test_r_indexing_of_series(df):
    assert df.b.r[1] == 1 and df.b.r[4] == 4
    assert df.b.r[2:3].tolist() == [2, 3]
    assert df.b.r[-1].tolist() == [2, 3, 4]


def test_na_omit(df):
    assert list(na_omit(df).index) == [10, 11, 13]
    assert list(na_omit(c(1, NA, 3))) == [1.0, 3.0]
    assert na_omit(df.a).tolist() == [1.0, 2.0, 4.0]


def test_factors(df):
    f = factor(c("lo", "hi", "lo"))
    assert list(levels(f)) == ["hi", "lo"]
    assert list(as_numeric(f)) == [2.0, 1.0, 2.0]
    g = factor(["a", "b"], levels=["b", "a"], labels=["B", "A"])
    assert list(as_integer(g)) == [2, 1] and list(levels(g)) == ["B", "A"]
    codes = as_numeric(df.s)                                   # strings read as a factor
    assert codes.values[[0, 1, 3]].tolist() == [1.0, 2.0, 1.0] and bool(is_na(codes)[3])
    assert list(as_numeric(df.a))[:2] == [1.0, 2.0] and bool(is_na(as_numeric(df.a))[3])
    assert list(as_integer(df.b)) == [1, 2, 3, 4]
    cat = pd.Series(pd.Categorical(["m", "f", "m"], categories=["m", "f"]))
    assert list(as_numeric(cat)) == [1.0, 2.0, 1.0]


def test_as_matrix(df):
    m = as_matrix(df.r[:, 1:2])
    assert m.shape == (4, 2) and m.rtype == "double" and bool(is_na(m)[3])
    ints = as_matrix(df[["b"]])
    assert ints.rtype == "integer"
    chars = as_matrix(df)
    assert chars.rtype == "character" and chars.values[0, 2] == "x"
    assert torch_tensor(as_matrix(df.r[c(1, 2), 1:2])).dtype == torch_float()


# ---- R's built-in data sets ---------------------------------------------------------------------

def test_iris_is_rs():
    assert iris.shape == (150, 5)
    assert list(iris.columns) == ["Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width",
                                  "Species"]
    means = iris.iloc[:, :4].mean().tolist()                  # R: colMeans(iris[, 1:4])
    assert means == pytest.approx([5.843333, 3.057333, 3.758, 1.199333], abs=1e-6)
    assert list(levels(iris.Species)) == ["setosa", "versicolor", "virginica"]
    assert list(as_numeric(iris.Species))[::50] == [1.0, 2.0, 3.0]
    assert list(as_numeric(iris.r[35, 1:4])) == [4.9, 3.1, 1.5, 0.2]   # R's rows, not UCI's
    assert list(as_numeric(iris.r[38, 1:4])) == [4.9, 3.6, 1.4, 0.1]
    assert list(as_numeric(iris.r[150, 1:4])) == [5.9, 3.0, 5.1, 1.8]
    by_species = iris.groupby("Species", observed=True)["Petal.Length"].mean().tolist()
    assert by_species == pytest.approx([1.462, 4.260, 5.552])


def test_mtcars_is_rs():
    assert mtcars.shape == (32, 11)
    assert (mtcars.dtypes == np.float64).all()
    assert mtcars.loc["Mazda RX4 Wag"].tolist() == [21, 6, 160, 110, 3.9, 2.875, 17.02, 0, 1, 4, 4]
    assert list(mtcars.index[[0, 31]]) == ["Mazda RX4", "Volvo 142E"]
    means = mtcars.mean().tolist()                            # R: colMeans(mtcars)
    assert means == pytest.approx([20.090625, 6.1875, 230.721875, 146.6875, 3.5965625, 3.21725,
                                   17.84875, 0.4375, 0.40625, 3.6875, 2.8125])


def test_r_vignette_mtcars_dataset():              # R torch's vignettes/examples/dataset.R
    def initialize(self, df, response_variable):
        self.df = df.r[:, -(list(df.columns).index(response_variable) + 1)]
        self.response_variable = df[response_variable]

    def getitem(self, index):
        response = torch_tensor(self.response_variable.r[index])
        x = torch_tensor(as_numeric(self.df.r[index, :]))
        return dict(x=x, y=response)

    df_dataset = dataset("mydataset", initialize=initialize, getitem=getitem,
                         length=lambda self: length(self.response_variable))
    mtcars_dataset = df_dataset(mtcars, "mpg")
    item = mtcars_dataset.getitem(1)
    assert values(item["x"]) == pytest.approx([6, 160, 110, 3.9, 2.62, 16.46, 0, 1, 4, 4])
    assert values(item["y"]) == [21.0]
    sizes = [(next(iter(b)).shape, b.y.shape) for b in dataloader(mtcars_dataset,
                                                                      batch_size=15, shuffle=True)]
    assert sizes == [((15, 10), (15, 1)), ((15, 10), (15, 1)), ((2, 10), (2, 1))]


# ---- a data frame as R's list of columns, with R's NA --------------------------------------------
# Expected values: what R prints for the same expressions.

def _frame():
    return data_frame(a = c(1.5, NA, 3), b = factor(c("u", NA, "v")),
                      n = c(as_integer(1), NA, as_integer(3)), f = c(True, NA, False))


def test_columns_keep_r_na():
    x = _frame()
    assert str(x["n"].dtype) == "Int64" and str(x["f"].dtype) == "boolean"
    assert repr(x.r.n) == "[1]  1 NA  3" and repr(x.r.f) == "[1]  TRUE    NA FALSE"
    assert repr(is_na(x)) == ("      [,1]  [,2]  [,3]  [,4]\n[1,] FALSE FALSE FALSE FALSE\n"
                              "[2,]  TRUE  TRUE  TRUE  TRUE\n[3,] FALSE FALSE FALSE FALSE")


def test_apply_family_iterates_columns():
    x = _frame()
    assert repr(sapply(x, is_factor)) == "    a     b     n     f \nFALSE  TRUE FALSE FALSE "
    assert repr(which(sapply(x, is_factor))) == "b \n2 "
    assert list(lapply(x, length).keys()) == ["a", "b", "n", "f"]
    assert repr(nlevels(pluck(x, 2))) == "[1] 2" and pluck(x, "a").equals(x["a"])


def test_whole_columns_replaced_by_a_matrix():
    """x[, idx] <- sapply(idx, function(i) as.integer(x[[i]])): each column its own."""
    x = data_frame(a = c(1.5, 2), b = factor(c("u", "v")), d = factor(c("hi", "lo")))
    idx = which(sapply(x, is_factor))
    x.r[:, idx] = sapply(idx, lambda i: as_integer(pluck(x, i)))
    assert [str(t) for t in x.dtypes] == ["float64", "int64", "int64"]
    assert repr(as_matrix(x)) == "     [,1] [,2] [,3]\n[1,]  1.5    1    1\n[2,]  2.0    2    2"


def test_as_matrix_takes_r_type_of_all_columns():
    x = data_frame(a = c(1.5, NA), n = c(as_integer(1), NA), f = c(True, NA))
    m = as_matrix(x)
    assert typeof(m).tolist() == ["double"]
    assert repr(m) == "     [,1] [,2] [,3]\n[1,]  1.5    1    1\n[2,]   NA   NA   NA"
    assert torch_tensor(m).isnan().tolist() == [[False] * 3, [True] * 3]
    assert typeof(as_matrix(data_frame(n = c(as_integer(1), NA)))).tolist() == ["integer"]


def test_data_frames_print_as_r_prints_them(capsys):
    """rscript's auto-print of a data frame: R's print.data.frame (R's output, verbatim)."""
    from rtorch import mtcars
    from rtorch.rscript import r_format
    df = data_frame(a = c(1.5, NA, -3), b = factor(c("u", NA, "v")),
                    n = c(as_integer(1), NA, as_integer(30)), f = c(True, NA, False),
                    s = c("x", "yy", NA))
    assert r_format(df) == ("     a    b  n     f    s\n"
                            "1  1.5    u  1  TRUE    x\n"
                            "2   NA <NA> NA    NA   yy\n"
                            "3 -3.0    v 30 FALSE <NA>")
    assert r_format(head(mtcars, 3)) == (
        "               mpg cyl disp  hp drat    wt  qsec vs am gear carb\n"
        "Mazda RX4     21.0   6  160 110 3.90 2.620 16.46  0  1    4    4\n"
        "Mazda RX4 Wag 21.0   6  160 110 3.90 2.875 17.02  0  1    4    4\n"
        "Datsun 710    22.8   4  108  93 3.85 2.320 18.61  1  1    4    1")
    assert r_format(data_frame(x = c(0.001234, 123.5), y = c(1e10, 2))) == (
        "          x     y\n1 1.234e-03 1e+10\n2 1.235e+02 2e+00")
    wide = as_data_frame(matrix(round(seq(1, 2, length_out = 28), 4), nrow = 2))
    assert r_format(wide) == (
        "     V1     V2     V3     V4     V5     V6     V7     V8     V9    V10    V11\n"
        "1 1.000 1.0741 1.1481 1.2222 1.2963 1.3704 1.4444 1.5185 1.5926 1.6667 1.7407\n"
        "2 1.037 1.1111 1.1852 1.2593 1.3333 1.4074 1.4815 1.5556 1.6296 1.7037 1.7778\n"
        "     V12    V13   V14\n"
        "1 1.8148 1.8889 1.963\n"
        "2 1.8519 1.9259 2.000")
    pandas_default = pd.DataFrame({"set": ["train"], "value": [0.5]})   # index 0: R's row 1
    assert r_format(pandas_default) == "    set value\n1 train   0.5"
