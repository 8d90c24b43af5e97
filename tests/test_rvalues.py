"""R's values in Python: each example of the "R's values" contract (PORTING §7) with R's value.

Expected values are R's printed results (R 4.x) or the same computation in plain PyTorch.
"""
import io
import math
import operator

import pandas as pd
import pytest
import torch

import rtorch
from rtorch import *  # noqa: F403
from rtorch import iris, mtcars
from rtorch.named_list import NamedList


def vals(x):
    return list(x.tolist()) if hasattr(x, "tolist") else list(x)


# ---- 1. R vectors as Python scalars ------------------------------------------------------------

def test_length_one_vectors_are_python_scalars():
    assert float(sqrt(2)) == math.sqrt(2)
    assert int(c(3)) == 3 and bool(c(True)) is True
    assert operator.index(c(2)) == 2
    assert [10, 20, 30][c(1)] == 20 and (10, 20, 30)[as_integer(2)] == 30
    assert list(range(c(3))) == [0, 1, 2]
    torch_manual_seed(1)
    w = nn_init_normal_(torch_empty(100, 100), std=sqrt(2))      # std = sqrt(2): a float
    assert math.isclose(w.std().item(), math.sqrt(2), rel_tol=0.05)
    assert math.isclose(nn_init_calculate_gain("leaky_relu", sqrt(5)), math.sqrt(2 / 6))


def test_length_one_character_vectors_are_strings():
    act = c("relu")
    assert str(act) == "relu" and str(paste0("nn_", act)) == "nn_relu"
    assert c("relu")[1] == "relu" and isinstance(c("relu")[1], str)
    assert getattr(rtorch, paste0("nn_", act)) is rtorch.nn_relu
    assert globals()[paste0("nn_", "relu")] is nn_relu           # noqa: F405
    table = {"nn_relu": 1}
    assert table[paste0("nn_", act)] == 1 and {paste0("a", "b"): 2}["ab"] == 2
    assert hash(paste0("a", "b")) == hash("ab")
    assert {2.0: "two"}[c(2)] == "two" and hash(c(2)) == hash(2)
    assert paste0("x", 1).print() == "x1"                        # still prints as R
    import fnmatch
    pattern = paste0("*", ".png")                                # Python libraries see a str
    assert fnmatch.fnmatch("a.png", pattern) and pattern[0] == "*" and list(pattern)[1] == "."
    assert pattern[c(1)] == "*.png" and int(length(pattern)) == 1   # R's subscript, R's length


def test_format_and_fstrings_use_the_value():
    assert f"{sqrt(2)}" == "1.4142135623731"                     # R's as.character(sqrt(2))
    assert f"{sqrt(2):.2f}" == "1.41" and format(c(2.5), ".1f") == "2.5"
    assert f"epoch {seq(1, 3)[2]}" == "epoch 2"
    assert f"{c(1, 2, 3)}" == "1 2 3"
    with pytest.raises(TypeError):
        hash(c(1, 2))


# ---- 2. Lists as R lists -----------------------------------------------------------------------

def _two_layer():
    net = nn_module("net", initialize=lambda self: (setattr(self, "fc1", nn_linear(3, 4)),
                                                    setattr(self, "fc2", nn_linear(4, 1))) and None,
                    forward=lambda self, x: self.fc2(self.fc1(x)))
    return net()


def test_names_of_parameters_and_logical_indexing():
    model = _two_layer()
    assert vals(names(model.parameters)) == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    params = model.parameters
    is_bias = grepl("bias", names(params))
    weights = params[~is_bias]
    assert vals(names(weights)) == ["fc1.weight", "fc2.weight"]
    assert [tuple(p.shape) for p in weights] == [(4, 3), (1, 4)]
    rest = params[-c(1)]                                         # R's params[-1]
    assert vals(names(rest)) == ["fc1.bias", "fc2.weight", "fc2.bias"]
    assert list(names(model.state_dict())) == ["fc1.weight", "fc1.bias", "fc2.weight",
                                               "fc2.bias"]
    assert all(isinstance(t, Tensor) for t in model.state_dict())    # iterates the values


def test_lapply_over_parameters_computes_at_once():
    model = _two_layer()
    lapply(model.parameters, lambda p: p.requires_grad_(False))    # LoRA: freeze base weights
    assert not any(p.requires_grad for p in torch.nn.Module.parameters(model))
    sizes = sapply(model.parameters, lambda p: p.numel())
    assert vals(sizes) == [12, 4, 4, 1] and vals(names(sizes)) == vals(names(model.parameters))
    assert vals(c(1, 2, 3) >> sapply(lambda x: x * 2)) == [2, 4, 6]    # a stage without data


def test_saved_variables_unpack_to_values():
    def forward(ctx, x, w):
        ctx.save_for_backward(x=x, w=w)
        return x * w

    def backward(ctx, grad_output):
        x, w = ctx.saved_variables                              # c(x, w) %<-% ctx$saved_variables
        return dict(x=grad_output * w, w=grad_output * x)

    f = autograd_function(forward, backward)
    x = torch_tensor(c(1, 2), requires_grad=True)
    w = torch_tensor(c(3, 4), requires_grad=True)
    f(x, w).sum().backward()
    assert vals(x.grad) == [3, 4] and vals(w.grad) == [1, 2]


def test_named_lists_iterate_values_and_grow():
    batch = NamedList(x=1, y=2)
    a, b = batch
    assert (a, b) == (1, 2) and list(batch.keys()) == ["x", "y"] and "x" in batch
    assert vals(names(batch)) == ["x", "y"] and dict(batch) == {"x": 1, "y": 2}
    x = named_list()                                             # x <- NULL; x$a <- v
    x.a = 5
    x["b"] = 6
    assert vals(names(x)) == ["a", "b"] and list(x) == [5, 6]
    assert list(x[c(2)]) == [6] and list(x[-c(1)]) == [6] and list(x[c(True, False)]) == [5]
    assert list(x[c("b", "a")]) == [6, 5]
    assert list(rev(x)) == [6, 5] and list(names(rev(x))) == ["b", "a"]
    assert rev([1, 2, 3]) == [3, 2, 1] and head([1, 2, 3], 2) == [1, 2] and tail([1, 2, 3], 1) == [3]
    assert list(head(x, 1)) == [5] and isinstance(head(x, 1), NamedList)


def test_apply_family_values():
    assert vals(vapply(c(1, 4, 9), sqrt, numeric(1))) == [1, 2, 3]
    with pytest.raises(ValueError, match="values must be length 1"):
        vapply(c(1, 2), lambda v: c(v, v), numeric(1))
    assert [vals(v) for v in Map(lambda a, b: a + b, c(1, 2), c(10, 20))] == [[11], [22]]
    assert vals(Filter(lambda v: v > 1, c(1, 2, 3))) == [2, 3]
    assert Filter(lambda v: v > 1, [1, 2, 3]) == [2, 3]
    assert vals(Reduce(lambda a, b: a + b, seq(1, 4), accumulate=True)) == [1, 3, 6, 10]
    assert float(Reduce(lambda a, b: a * b, c(1, 2, 3, 4))) == 24
    assert vals(Reduce("+", [torch_ones(2), torch_ones(2)])) == [2, 2]   # Reduce(`+`, tensors)
    assert vals(sapply(c(1, 2), "-", 1)) == [0, 1]
    assert do_call(paste0, ["a", "b"]) == "ab"
    assert float(do_call("sum", [1, 2, 3])) == 6
    assert do_call(paste, ["x", "y"]) == "x y"
    m = do_call(matrix, dict(data=c(1, 2, 3, 4), nrow=2))
    assert m.shape == (2, 2) and vals(m[2, :]) == [2, 4]
    assert vals(mapply(lambda x, y: x * y, c(1, 2, 3), c(4, 5, 6))) == [4, 10, 18]


def test_r6_field_default_holds_a_module_later():
    net = nn_module("net", activation_f=None, w=None,
                    initialize=lambda self: (setattr(self, "activation_f", nn_relu()),
                                             setattr(self, "w", nn_parameter(torch_ones(2))))
                    and None,
                    forward=lambda self, x: self.activation_f(x * self.w))
    m = net()
    assert vals(m(torch_tensor(c(-1, 2)))) == [0, 2]
    assert vals(names(m.parameters)) == ["w"]
    assert net().activation_f is not None


# ---- 3. Factors and data frames ----------------------------------------------------------------

def test_factor_indexes_like_a_vector():
    y = factor(c("b", "a", "c", "a", "b"))
    assert vals(levels(y)) == ["a", "b", "c"] and int(nlevels(y)) == 3
    assert vals(as_integer(y)) == [2, 1, 3, 1, 2]                # R's codes
    in_val = c(1, 3)
    assert vals(y[in_val]) == ["b", "c"] and vals(y[-in_val]) == ["a", "a", "b"]
    assert vals(y[y == "a"]) == ["a", "a"]
    assert vals(levels(y[-in_val])) == ["a", "b", "c"]           # levels kept
    assert vals(levels(droplevels(y[y != "c"]))) == ["a", "b"]
    assert repr(y) == "[1] b a c a b\nLevels: a b c"
    assert vals(torch_tensor(as_integer(y))) == [2, 1, 3, 1, 2]
    assert bool(is_factor(y)) and not bool(is_factor(c(1)))
    assert vals(as_factor(c(3, 1, 3))) == ["3", "1", "3"]


def test_factor_levels_labels_ordered():
    f = factor(c(1, 2, 3, 1), levels=c(3, 2, 1), labels=c("hi", "mid", "lo"))
    assert vals(f) == ["lo", "mid", "hi", "lo"] and vals(as_integer(f)) == [3, 2, 1, 3]
    o = factor(c("lo", "hi"), levels=c("lo", "hi"), ordered=True)
    assert repr(o) == "[1] lo hi\nLevels: lo < hi"
    assert vals(class_(o)) == ["ordered", "factor"]
    assert vals(as_character(f)) == ["lo", "mid", "hi", "lo"]
    assert vals(factor(c("a", NA_character_, "b"))) == ["a", None, "b"]


def test_data_frame_columns_are_r_vectors():
    df = data_frame(id=c(1, 2, 3), corr=c(0.5, 0.1, 0.2), s=c("x", "y", "x"))
    assert vals(df.r.corr) == [0.5, 0.1, 0.2] and callable(df.corr)   # pandas' method stays
    assert vals(df.r["corr"]) == [0.5, 0.1, 0.2]
    row = df.r[2, :]
    assert float(row.r.id) == 2 and len(row.r.id) == 1 and row.r.s == "y"
    df.r[:, "corr"] = c(1, 2, 3)
    df.r.new = df.r.id * 2
    assert vals(df.r.corr) == [1, 2, 3] and vals(df.r.new) == [2, 4, 6]
    assert int(nrow(df)) == 3 and int(ncol(df)) == 4
    assert vals(colnames(df)) == ["id", "corr", "s", "new"] == vals(names(df))
    both = cbind(df, z=c(7, 8, 9))
    assert isinstance(both, pd.DataFrame) and vals(both.r.z) == [7, 8, 9]
    assert isinstance(rbind(df, df), pd.DataFrame) and int(nrow(rbind(df, df))) == 6
    assert int(nrow(head(df, 2))) == 2
    sub = subset(df, df.r.id > 1, select=c("id", "s"))
    assert vals(sub.r.id) == [2, 3] and vals(colnames(sub)) == ["id", "s"]
    m = merge(data_frame(k=c(2, 1), u=c(3, 4)), data_frame(k=c(1, 2), v=c(5, 6)))
    assert vals(m.r.k) == [1, 2] and vals(m.r.u) == [4, 3] and vals(m.r.v) == [5, 6]
    assert vals(iris.r.Species[c(1, 51, 101)]) == ["setosa", "versicolor", "virginica"]
    assert float(iris.r.Sepal_Length[1]) == 5.1 == float(iris.r["Sepal.Length"][1])
    penguins = pd.DataFrame({"species": ["Gentoo", "Adelie", "Chinstrap", "Adelie"]})
    assert vals(as_integer(penguins.r.species)) == [3, 1, 2, 1]     # R's factor codes
    assert vals(paste0(penguins.r.species, "!"))[0] == "Gentoo!"
    assert vals(unique(penguins.r.species)) == ["Gentoo", "Adelie", "Chinstrap"]
    assert vals(levels(unique(penguins.r.species))) == ["Adelie", "Chinstrap", "Gentoo"]


# ---- 4. Base functions ---------------------------------------------------------------------------

def test_builtin_names_take_r_numbers():
    assert float(sum(1)) == 1 and float(max(5)) == 5 and bool(all(True))
    assert sum([1, 2]) == 3 and max(3, 4) == 4 and min([2, 1]) == 1     # Python's meaning kept
    assert float(sum(c(1, 2), 3)) == 6


@pytest.mark.parametrize("name", ["sign", "trunc", "ceiling", "floor", "acos", "asin", "atan",
                                  "cos", "cosh", "sin", "sinh", "tan", "tanh", "exp", "expm1",
                                  "log2", "log10", "log1p", "sqrt", "abs"])
def test_math_generics_on_tensors_vectors_and_numbers(name):
    x = torch_tensor(c(0.25, 0.5, 0.75))
    torch_name = {"ceiling": "ceil"}.get(name, name)
    expected = getattr(torch, torch_name)(torch.tensor([0.25, 0.5, 0.75]))
    got = getattr(rtorch, name)(x)
    assert isinstance(got, Tensor)
    torch.testing.assert_close(got.torch, expected)
    on_vector = getattr(rtorch, name)(c(0.25, 0.5, 0.75))
    assert vals(on_vector) == pytest.approx(expected.double().tolist(), rel=1e-6)
    assert float(getattr(rtorch, name)(0.5)) == pytest.approx(float(expected[1]), rel=1e-6)


def test_summaries_on_tensors_with_dim():
    x = torch_tensor(matrix(c(1, 2, 3, 4, 5, 6), nrow=2))         # [[1, 3, 5], [2, 4, 6]]
    assert vals(sum(x, dim=1)) == [3, 7, 11] and vals(sum(x, dim=2)) == [9, 12]
    assert sum(x, dim=1, keepdim=True).shape == (1, 3)
    assert vals(mean(x, dim=2)) == [3, 4] and vals(prod(x, dim=1)) == [2, 12, 30]
    assert vals(max(x, dim=1)) == [2, 4, 6] and vals(min(x, dim=2)) == [1, 2]
    assert float(sum(x)) == 21 and float(max(x)) == 6 and float(sum(x, x)) == 42
    assert vals(log(torch_tensor(c(8, 4)), base=2)) == [3, 2]
    assert float(log(8, base=2)) == pytest.approx(3)
    assert vals(cumsum(torch_tensor(c(1, 2, 3)))) == [1, 3, 6]
    assert vals(rev(torch_tensor(c(1, 2, 3)))) == [3, 2, 1] and vals(rev(c(1, 2))) == [2, 1]
    assert vals(as_numeric(x)) == [1, 2, 3, 4, 5, 6] and vals(as_logical(torch_tensor(c(0, 1)))) == [False, True]
    assert int(length(x)) == 6 and vals(dim(x)) == [2, 3]


def test_predicates_and_sampling():
    assert vals(is_nan(c(1, float("nan"), NA))) == [False, True, False]
    assert vals(is_finite(c(1, float("inf"), NA))) == [True, False, False]
    s = sample_int(10, 5)
    assert len(s) == 5 and len(set(vals(s))) == 5 and all(1 <= v <= 10 for v in vals(s))
    assert bool(inherits(nn_linear(2, 2), "nn_module"))
    assert bool(inherits(torch_tensor(1), "torch_tensor"))
    assert vals(class_(nn_linear(2, 2))) == ["nn_linear", "nn_module"]
    assert vals(class_(c(1))) == ["numeric"] and vals(class_(matrix(1))) == ["matrix", "array"]
    assert bool(identical(c(1, 2), c(1, 2))) and not bool(identical(c(1, 2), as_integer(c(1, 2))))
    assert bool(identical(NamedList(a=c(1)), NamedList(a=c(1))))


def test_strings():
    assert vals(grepl("a", c("ab", "cd", NA_character_))) == [True, False, False]
    assert sub("(\\w+) (\\w+)", "\\2 \\1", "hello world") == "world hello"
    assert gsub("[[:space:]]+", "_", "a  b c") == "a_b_c"
    assert vals(tolower(c("AB", "Cd"))) == ["ab", "cd"] and toupper("x") == "X"
    assert vals(strsplit("a,b,,c", ",")[0]) == ["a", "b", "", "c"]
    assert vals(nchar(c("abc", NA_character_))) == [3, None] or \
        vals(nchar(c("abc", NA_character_)))[0] == 3
    assert trimws("  x ") == "x" and bool(startsWith("nn_relu", "nn_"))
    assert vals(grep("b", c("abc", "x", "b"))) == [1, 3]


def test_vectors_and_lists():
    assert vals(ifelse(c(1, 2, 3) > 2, "y", "n")) == ["n", "n", "y"]
    assert vals(ifelse(c(1, NA, 0), "y", "n")) == ["y", None, "n"]   # NA in test: NA
    assert vals(ifelse(matrix(c(1, 0, 0, 1), 2) > 0, 1, 0)) == [1, 0, 0, 1]
    u = unlist(dict(a=1, b=c(2, 3)))
    assert vals(u) == [1, 2, 3] and u.names == ["a", "b1", "b2"]
    assert vals(unlist([1, [2, 3]])) == [1, 2, 3]
    q = quantile(seq(1, 10))
    assert vals(q) == [1, 3.25, 5.5, 7.75, 10] and q.names == ["0%", "25%", "50%", "75%", "100%"]
    assert int(which_max(c(3, 9, 2))) == 2 and int(which_min(c(3, 9, 2))) == 3
    assert match_arg("me", c("mean", "sum")) == "mean"
    assert match_arg(None, c("mean", "sum")) == "mean"
    assert append([1, 2], [3], after=1) == [1, 3, 2]
    assert vals(setNames(c(1, 2), c("a", "b")).names) == ["a", "b"]
    assert vals(colMeans(matrix(c(1, 2, 3, 4), nrow=2))) == [1.5, 3.5]
    assert float(median(c(1, 3, 2, 4))) == 2.5
    assert vals(table(c("a", "b", "a"))) == [2, 1]
    assert repr(table(c("a", "b", "a"))) == "\na b \n2 1 "
    out = tryCatch(lambda: stop("boom"), error=lambda e: conditionMessage(e))
    assert out == "boom"


def test_torch_save_on_a_raw_connection():
    x = torch_tensor(c(1, 2, 3))
    con = rawConnection()
    torch_save(x, con)
    assert vals(torch_load(rawConnectionValue(con))) == [1, 2, 3]
    assert vals(torch_load(con)) == [1, 2, 3]
    buf = io.BytesIO()
    torch_save(nn_linear(2, 1), buf)
    assert vals(names(torch_load(buf).state_dict())) == ["weight", "bias"]   # the module back
    assert vals(torch_load(torch_serialize(x))) == [1, 2, 3]


def test_more_base_functions(tmp_path):
    path = file_path(tmp_path, "d.csv")
    writeLines(c("a,b", "1,x", "2,y"), path)
    df = read_csv(path)
    assert vals(df.r.a) == [1, 2] and vals(df.r.b) == ["x", "y"] and vals(rownames(df)) == ["1", "2"]
    assert float(file_size(path)) == 12 and bool(file_exists(path))
    assert attr(c(a=1) if False else setNames(c(1), "a"), "names") == "a"
    assert list(names(formals(lambda x, n=3: None))) == ["x", "n"]
    assert aperm(array(seq(1, 6), dim=c(1, 2, 3))).shape == (3, 2, 1)
    assert aperm(torch_ones(2, 3, 4), c(3, 1, 2)).shape == (4, 2, 3)
    assert modifyList(named_list(a=1, b=2), named_list(b=None, c=3)) == {"a": 1, "c": 3}
    assert not Negate(is_null)(None)
    assert str(Sys_info()["sysname"]) != "" and isinstance(packageVersion("numpy"), str)


def test_stats_and_grouping():
    assert vals(pnorm(c(0, 1.96))) == pytest.approx([0.5, 0.9750021], abs=1e-7)
    assert vals(qnorm(c(0.5, 0.975))) == pytest.approx([0, 1.959964], abs=1e-6)
    r = rle(c(1, 1, 2, 2, 2, 3))
    assert vals(r.lengths) == [2, 3, 1] and vals(r.values) == [1, 2, 3]
    groups = split(c(1, 2, 3, 4), c("a", "b", "a", "b"))
    assert list(names(groups)) == ["a", "b"] and vals(groups.b) == [2, 4]
    frame = data_frame(a=c(1, NA, 3), b=c("x", "y", "z"))
    assert vals(complete_cases(frame)) == [True, False, True]
    assert vals(replicate(3, lambda: 2)) == [2, 2, 2]
    set_seed(1)
    assert len(rpois(5, 3)) == 5 and typeof(rpois(1, 3)) == "integer"


def test_formatC():
    assert formatC(3.14159, digits=3, format="f") == "3.142"
    assert vals(formatC(c(1, 10, 100), width=5)) == ["    1", "   10", "  100"]
    assert formatC(as_integer(42), width=6, flag="0") == "000042"
    assert formatC(1234567.891, format="f", digits=1, big_mark=",") == "1,234,567.9"
    assert formatC(0.000123, format="e", digits=2) == "1.23e-04"
