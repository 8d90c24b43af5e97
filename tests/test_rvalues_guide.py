"""The porting guide's section 20 ("Idioms of real R code"): each row, as written there."""
import io
import warnings

import pytest

import rtorch
from rtorch import *  # noqa: F403


def test_namespaced_calls_and_dynamic_names():
    act = c("gelu")
    layer = getattr(rtorch, paste0("nn_", act))()
    assert type(layer).__name__ == "nn_gelu"


def test_on_exit_is_finally():
    closed = []

    def f():
        con = rawConnection()
        try:                                                   # on.exit(close(con), add = TRUE)
            torch_save(torch_tensor(1), con)
            return rawConnectionValue(con)
        finally:
            close(con)
            closed.append(con.closed)
    assert isinstance(f(), bytes) and closed == [True]


def test_do_call_and_splice():
    assert do_call("rbind", [c(1, 2), c(3, 4)]).shape == (2, 2)
    args = dict(data=c(1, 2, 3, 4), nrow=2)
    assert do_call(matrix, args).shape == matrix(**args).shape == (2, 2)


def test_growing_a_list_and_closures():
    x = named_list()
    x.a = 1
    assert list(names(x)) == ["a"] and list(x) == [1]

    def counter():
        count = 0

        def bump():
            nonlocal count                                    # count <<- count + 1
            count = count + 1
            return count
        return bump
    bump = counter()
    bump()
    assert bump() == 2


def test_vector_mode_list_and_collect():
    assert [None] * 3 == [None, None, None]
    ds = tensor_dataset(torch_ones(4, 2))
    batches = list(dataloader(ds, batch_size=2))               # coro::collect(dl)
    assert len(batches) == 2


def test_dotted_protocol_and_members():
    ds = tensor_dataset(torch_ones(4, 2))
    it = dataloader(ds, batch_size=2).iter()                   # dl$.iter()
    first = it.next()                                          # it$.next()
    assert first[0].shape == (2, 2)
    gen = nn_module("m", **{".check": 3}, initialize=lambda self: None)
    assert gen()._check == 3


def test_match_arg_class_try_and_conditions():
    assert match_arg("su", c("mean", "sum", "none")) == "sum"
    with pytest.raises(ValueError, match="should be one of"):
        match_arg("x", c("mean", "sum"))
    assert list(class_(nn_linear(1, 1))) == ["nn_linear", "nn_module"]
    err = try_(lambda: stop("bad"), silent=True)
    assert isinstance(err, RuntimeError) and conditionMessage(err) == "bad"
    assert tryCatch(lambda: stop("boom"), error=lambda e: conditionMessage(e)) == "boom"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with suppressWarnings():
            warning("ignored")
        assert suppressWarnings(lambda: (warning("also"), 5)[1]) == 5


def test_missing_and_variables_named_like_functions():
    def f(x=None):
        return missing(x)
    assert f() and not f(1)
    c_ = 4                                                     # R: c <- 4
    assert c(c_, 5).tolist() == [4, 5]


def test_raw_connections_and_formatting():
    con = io.BytesIO()
    torch_save(torch_tensor(c(1, 2)), con)
    assert torch_load(con).torch.tolist() == [1, 2]
    lr = c(0.001)
    assert paste0("lr_", lr) == "lr_0.001" and f"{lr:.1e}" == "1.0e-03"
    assert sprintf("%.2f", sqrt(2)) == "1.41"
