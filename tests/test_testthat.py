"""rtorch.testthat: R's testthat expectations, as edition 3 decides them, failing under pytest."""
from __future__ import annotations

import warnings

import pytest

from rtorch import as_array, as_integer, c, matrix, named_list, torch_float, torch_tensor
from rtorch.testthat import (expect_equal, expect_error, expect_false, expect_identical,
                             expect_length, expect_message, expect_named, expect_no_error,
                             expect_output, expect_s3_class, expect_true, expect_warning,
                             skip_if, test_that, testthat_tolerance)


def fails(f, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as e:
        f(*args, **kwargs)
    return str(e.value)


def test_tolerance_is_testthats():
    assert testthat_tolerance() == pytest.approx(1.490116119384765625e-08)


def test_equal_numbers_within_tolerance_like_waldo():
    expect_equal(as_array(torch_tensor(c(0.1, 0.2))), c(0.1, 0.2))   # float32 vs double
    expect_equal(as_integer(c(1, 2)), c(1, 2))                       # integer vs double
    expect_equal(1 + 1e-9, 1)
    assert "mean relative difference 0.5" in fails(expect_equal, c(1, 3), c(1, 2))
    expect_equal(c(1, 3), c(1, 2), tolerance=0.6)


def test_equal_checks_type_dims_names_and_na():
    assert "types differ" in fails(expect_equal, True, 1)
    assert "dims differ" in fails(expect_equal, matrix(1, 2, 2), c(1, 1, 1, 1))
    assert "lengths differ" in fails(expect_equal, c(1, 2), c(1, 2, 3))
    assert "NA" in fails(expect_equal, c(1, float("nan")), c(1, 2))
    expect_equal(torch_tensor(matrix(1, 2, 3)).shape, c(2, 3))


def test_equal_on_lists_and_other_objects():
    expect_equal(named_list(a=1, b=c(1, 2)), named_list(a=1, b=c(1, 2)))
    assert "$b" in fails(expect_equal, named_list(a=1, b=c(1, 2)), named_list(a=1, b=c(1, 3)))
    expect_equal(torch_tensor(1).dtype, torch_float())


def test_identical_has_no_tolerance():
    expect_identical(c(1, 2), c(1, 2))
    fails(expect_identical, 1 + 1e-12, 1)
    fails(expect_identical, as_integer(1), 1)


def test_logical_expectations_are_istrue():
    expect_true(True)
    expect_true(c(True))
    expect_false(False)
    fails(expect_true, c(True, True))
    fails(expect_true, 1)
    fails(expect_false, None)


def test_error_expectations_call_the_object():
    x = torch_tensor(c(1, 2))
    e = expect_error(lambda: x[0], "1-based")
    assert isinstance(e, IndexError)
    fails(expect_error, lambda: x[1])
    assert "unexpected message" in fails(expect_error, lambda: x[0], "out of bounds")
    expect_error(lambda: x[1], float("nan"))          # regexp = NA: no error
    expect_no_error(lambda: x[2])
    with pytest.raises(TypeError, match="lazily"):
        expect_error(x)


def test_warning_message_output():
    expect_warning(lambda: warnings.warn("careful now"), "careful")
    fails(expect_warning, lambda: 1)
    expect_output(lambda: print(x := torch_tensor(1)), "torch_tensor")
    import sys
    expect_message(lambda: print("note", file=sys.stderr), "note")


def test_classes_lengths_names():
    expect_s3_class(torch_tensor(1), "torch_tensor")
    fails(expect_s3_class, torch_tensor(1), "nn_module")
    expect_length(c(1, 2, 3), 3)
    expect_named(named_list(a=1, b=2), c("a", "b"))
    fails(expect_named, named_list(a=1, b=2), c("b", "a"))


def test_test_that_runs_its_code_and_skips():
    ran = []
    assert test_that("it runs", lambda: ran.append(1)) is True and ran == [1]
    with pytest.raises(pytest.skip.Exception):
        skip_if(True, "not here")


def test_edition_2_is_all_equal():
    """R's all.equal (edition 2) scales the difference by the object's size, waldo's
    (edition 3) by the expected's."""
    from rtorch.testthat import edition_get, local_edition
    expect_equal(c(1), c(2), tolerance=0.6)                # waldo: |1 - 2| / 2 = 0.5
    try:
        local_edition(2)
        assert edition_get() == 2
        assert "Mean relative difference: 1" in fails(expect_equal, c(1), c(2),
                                                      tolerance=0.6)
        expect_equal(c(2), c(1), tolerance=0.6)             # all.equal: |2 - 1| / 2
        fails(expect_equal, True, 1)
    finally:
        local_edition(3)


def test_a_shape_is_an_integer_vector():
    from rtorch import integer, torch_scalar_tensor
    expect_identical(torch_scalar_tensor(1).shape, integer(0))     # R's integer(0)
    expect_identical(torch_tensor(c(1, 2)).shape, as_integer(2))
