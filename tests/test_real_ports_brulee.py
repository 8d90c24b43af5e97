"""Real R files ported line for line: tidymodels/brulee (Max Kuhn, Daniel Falbel and the
brulee authors), ``R/activation.R``, ``R/convert_data.R`` and ``R/outcome_processing.R``,
with brulee's helper ``float_32()`` from ``R/0_utils.R``.

Idioms: a character vector of names, ``paste0("nn_", arg)`` turned into a function of torch
(``rlang::call2(..., .ns = "torch")`` is ``getattr(rtorch, ...)``), ``is.factor``,
``as.numeric`` of a factor, ``nlevels``, ``is.numeric``, ``is.null``, ``list(mean = ...,
sd = ...)`` read with ``$``, ``mean``/``sd`` with ``na.rm``, ``cli::cli_abort`` (``stop``),
``as.matrix(mtcars[, -1])``, ``mtcars$mpg``, ``tensor_dataset(x = x, y = y)``.
Expected values are R's (brulee run in R 4.4 with torch 0.13, and mtcars/iris values).
"""
import pytest
import torch

import rtorch
from rtorch import *  # noqa: F403
from rtorch import iris, mtcars


# ---- R/activation.R ------------------------------------------------------------------------------

allowed_activation = c(
    "celu",
    "elu",
    "gelu",
    "hardshrink",
    "hardsigmoid",
    "hardtanh",
    "leaky_relu",
    "linear",
    "log_sigmoid",
    "relu",
    "relu6",
    "rrelu",
    "selu",
    "sigmoid",
    "silu",
    "softplus",
    "softshrink",
    "softsign",
    "tanh",
    "tanhshrink"
)


def brulee_activations():
    return allowed_activation


def get_activation_fn(arg, *args):
    if arg == "linear":
        arg = "identity"

    cl = getattr(rtorch, paste0("nn_", arg))     # rlang::call2(paste0("nn_", arg), .ns = "torch")
    res = cl()                                    # rlang::eval_bare(cl)

    return res


# ---- R/0_utils.R (the helper convert_data.R uses) ------------------------------------------------

def float_32(x, device=None):
    if is_null(device):
        return torch_tensor(x, dtype=torch_float32())
    else:
        return torch_tensor(x, dtype=torch_float32(), device=device)


# ---- R/convert_data.R ----------------------------------------------------------------------------

def matrix_to_dataset(x, y, device=None):
    x = float_32(x, device=device)
    if is_factor(y):
        y = as_numeric(y)
        if is_null(device):
            y = torch_tensor(y, dtype=torch_long())
        else:
            y = torch_tensor(y, dtype=torch_long(), device=device)
    else:
        y = float_32(y, device=device)
    return tensor_dataset(x=x, y=y)


def scale_stats(x, call=None):
    res = named_list(mean=mean(x, na_rm=True), sd=sd(x, na_rm=True))
    if res.sd == 0:
        stop("There is no variation in `y`.")   # cli::cli_abort("There is no variation in {.arg y}.")
    return res


def scale_y(y, stats):
    return (y - stats.mean) / stats.sd


# ---- R/outcome_processing.R ----------------------------------------------------------------------

def validate_numeric_outcome(outcome, call=None):
    if not is_numeric(outcome):
        stop("`outcome` should be numeric.")

    return outcome


def validate_binary_outcome(outcome, call=None):
    if not is_factor(outcome):
        stop("`outcome` should be a factor.")

    if nlevels(outcome) > 2:
        stop("Logistic regression is for outcomes with two classes.")

    if nlevels(outcome) < 2:
        stop("Logistic regression requires outcomes with two classes.")

    return outcome


def validate_multiclass_outcome(outcome, call=None):
    if not is_factor(outcome):
        stop("`outcome` should be a factor.")

    if nlevels(outcome) < 3:
        stop("Multinomial regression is for outcomes with 3+ classes.")

    return outcome


def validate_mlp_outcome(outcome, call=None):
    if not is_numeric(outcome) and not is_factor(outcome):
        stop("`outcome` should be numeric or a factor.")
    return outcome


# ---- R's results ---------------------------------------------------------------------------------

def test_activations():
    assert length(brulee_activations()) == 20 and brulee_activations()[10] == "relu"
    for act in brulee_activations():
        fn = get_activation_fn(act)
        assert isinstance(fn, torch.nn.Module)
        assert type(fn).__name__ == ("nn_identity" if act == "linear" else paste0("nn_", act))
    relu = get_activation_fn("relu")
    assert relu(torch_tensor(c(-1, 2))).torch.tolist() == [0, 2]


def test_matrix_to_dataset_regression_and_classification():
    ds = matrix_to_dataset(as_matrix(mtcars.r[:, -1]), mtcars.r.mpg)
    assert int(length(ds)) == 32
    first = ds[1]
    assert first.x.torch.tolist() == pytest.approx([6, 160, 110, 3.9, 2.62, 16.46, 0, 1, 4, 4])
    assert first.y.item() == 21 and first.x.dtype == torch_float32()
    cls = matrix_to_dataset(as_matrix(iris.r[:, 1:4]), iris.r.Species)
    assert cls.tensors.y.dtype == torch_long()
    assert cls[51].y.item() == 2 and cls[150].y.item() == 3     # factor codes, as R


def test_scaling():
    stats = scale_stats(mtcars.r.mpg)
    assert float(stats.mean) == pytest.approx(20.09062, abs=1e-5)
    assert float(stats.sd) == pytest.approx(6.026948, abs=1e-6)
    z = scale_y(mtcars.r.mpg, stats)
    assert float(mean(z)) == pytest.approx(0, abs=1e-12) and float(sd(z)) == pytest.approx(1)
    with pytest.raises(RuntimeError, match="There is no variation"):
        scale_stats(c(1, 1, 1))


def test_outcome_validation():
    species = iris.r.Species
    assert validate_multiclass_outcome(species) is species
    with pytest.raises(RuntimeError, match="two classes"):
        validate_binary_outcome(species)
    two = droplevels(species[species != "setosa"])
    assert validate_binary_outcome(two) is two and int(nlevels(two)) == 2
    with pytest.raises(RuntimeError, match="should be numeric"):
        validate_numeric_outcome(species)
    assert validate_mlp_outcome(mtcars.r.mpg) is not None
    with pytest.raises(RuntimeError, match="numeric or a factor"):
        validate_mlp_outcome(c("a", "b"))
