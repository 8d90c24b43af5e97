"""Rules of ``rtorch.port`` that the articles' proof relies on, checked on small inputs:
knitr's document-wide chunk options, R functions whose value R does not print, R's
``str()``, and ggplot2's ``coord_cartesian()`` added to a figure."""
from __future__ import annotations

import pytest

pytest.importorskip("tree_sitter_language_pack")

from rtorch import NA, c, coord_cartesian, seq, str_, torch_randn  # noqa: E402
from rtorch.port import translate, translate_document  # noqa: E402
from rtorch.port.rmarkdown import read_rmd  # noqa: E402

DOC = """---
title: "T"
---

```{r, include = FALSE}
knitr::opts_chunk$set(
  collapse = TRUE,
  comment = "#>",
  eval = FALSE
)
```

```{r}
x <- 1
```

```{r, eval = TRUE}
y <- 2
```
"""


def test_opts_chunk_set_applies_to_the_chunks_after_it():
    code = [c for c in read_rmd(DOC) if c.kind == "code"]
    assert [c.evaluated for c in code] == [True, False, True]
    assert code[1].options["comment"] == '"#>"'      # a "#" inside a string is no comment
    cells = translate_document(DOC, markdown=True).cells
    assert [c.kind for c in cells if "x = 1" in c.source] == ["markdown"]
    assert [c.kind for c in cells if "y = 2" in c.source] == ["code"]


def test_opts_chunk_set_with_a_computed_eval_runs_the_chunks():
    doc = DOC.replace("eval = FALSE", 'eval = identical(Sys.getenv("A"), "1")')
    assert all(c.evaluated for c in read_rmd(doc) if c.kind == "code")


def test_values_r_returns_invisibly_are_not_printed():
    out = translate("options(cli.unicode = FALSE)\nold <- options(digits = 3)\n"
                    "Sys.setenv(A = 1)\nunlink(tempfile())\n")
    assert "_ = options(cli_unicode = False)" in out
    assert "old = options(digits = 3)" in out
    assert "_ = Sys_setenv(A = 1)" in out and "_ = unlink(tempfile())" in out


def test_str_translates_to_rs_str(capsys):
    assert "str_(x)" in translate("x <- 1:3\nstr(x)")
    str_(seq(1, 5))
    str_(c(1, 2.5))
    str_(5)
    str_("a")
    str_(torch_randn(2, 3))
    assert capsys.readouterr().out == (' int [1:5] 1 2 3 4 5\n num [1:2] 1 2.5\n num 5\n'
                                       ' chr "a"\nFloat [1:2, 1:3]\n')
    str_({"a": 1})                      # R's named list
    assert capsys.readouterr().out == "List of 1\n $ a: num 1\n"
    with pytest.raises(TypeError, match="str\\(\\) of a object"):
        str_(object())


def test_coord_cartesian_sets_the_view_of_a_figure():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure()
    ax = fig.add_subplot()
    ax.plot([1, 2, 3], [1, 10, 3])
    low = ax.get_ybound()[0]
    assert (fig + coord_cartesian(ylim=c(NA, 5))) is fig
    assert ax.get_ybound() == (low, 5.0)          # NA: the lower end stays free
    fig + coord_cartesian(xlim=c(1.5, 2))
    assert ax.get_xbound() == (1.5, 2.0)
    plt.close(fig)
    with pytest.raises(TypeError, match="added to a figure"):
        1 + coord_cartesian(ylim=c(0, 1))
    with pytest.raises(ValueError, match="ylim must have 2 values"):
        coord_cartesian(ylim=c(1, 2, 3))
    assert "coord_cartesian(ylim = c(NA, 5))" in translate(
        "p <- plot(records) + ggplot2::coord_cartesian(ylim = c(NA, 5))")


def _run(r: str, tmp_path) -> str:
    from port_proof import run_python
    run = run_python(translate(r), str(tmp_path))
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def test_python_scalars_print_as_r_vectors(tmp_path):
    r = ('x <- 5\nx\nTRUE\n"hello"\n2 * x\nx > 3\nx %% 3\n-x\n1/3\n1e5\n'
         't <- torch_tensor(c(1, 2, 3))\nt$sum()$item()\nt$dim()\nt$size(1)\n'
         't$requires_grad\nis.null(NULL)\nmax(3, 4)\nnchar("abc")\n(y <- x / 2)\n'
         'for (i in 1:2) print(t[i]$item())\n'
         'total <- 0\nfor (i in seq_len(3)) {\n  print(i)\n  total <- total + i\n}\ntotal\n'
         'f <- function() print(t$sum()$item())\nf()\n')
    assert _run(r, tmp_path) == (
        '[1] 5\n[1] TRUE\n[1] "hello"\n[1] 10\n[1] TRUE\n[1] 2\n[1] -5\n[1] 0.3333333\n'
        '[1] 1e+05\n[1] 6\n[1] 1\n[1] 3\n[1] FALSE\n[1] TRUE\n[1] 4\n[1] 3\n[1] 2.5\n'
        '[1] 1\n[1] 2\n[1] 1\n[1] 2\n[1] 3\n[1] 6\n[1] 6\n')


def test_tensors_and_reassigned_names_are_not_wrapped():
    out = translate("x <- 5\nx <- torch_ones(2)\nx\nt <- torch_ones(2)\nt$sum()\n"
                    "max(t)\nif (TRUE) 1\n")
    assert "c(x)" not in out and "c(t" not in out and "c(max" not in out
    assert "if True:\n    1" in out      # only what the script prints at its top level


def test_optimizer_hyper_parameters_print_as_r_vectors(tmp_path):
    r = ("m <- nn_linear(1, 1)\nopt <- optim_adam(m$parameters, lr = 0.2)\n"
         "opt$param_groups[[1]]$lr\nopt$param_groups[[1]]$betas\n"
         "opt$param_groups[[1]]$amsgrad\nm$training\nx <- torch_ones(2, 3)\nx$stride()\n")
    out = translate(r)
    assert 'c(opt.param_groups[0]["lr"])' in out and "c(m.training)" in out
    assert _run(r, tmp_path) == ("[1] 0.2\n[1] 0.900 0.999\n[1] FALSE\n[1] TRUE\n"
                                 "[1] 3 1\n")


def test_operators_as_values_are_their_names():
    """`` Reduce(`+`, x, accumulate = TRUE) ``: R passes the operator as a function; the
    translation gives its name, which rbase's Reduce and apply family take (R's values:
    ``[1]  1  3  6 10`` and ``[1] 0 1 2``)."""
    from rtorch import Reduce, sapply, seq
    code = translate("x <- Reduce(`+`, 1:4, accumulate = TRUE)\ny <- sapply(1:3, `-`, 1)\n"
                     "`my var` <- 2\n")
    assert 'x = Reduce("+", seq(1, 4), accumulate = True)' in code
    assert 'y = sapply(seq(1, 3), "-", 1)' in code and "my_var = 2" in code
    assert repr(Reduce("+", seq(1, 4), accumulate=True)) == "[1]  1  3  6 10"
    assert repr(sapply(seq(1, 3), "-", 1)) == "[1] 0 1 2"


def test_base_names_python_has_too():
    """R's range() is rbase's range_ (Python's range is the builtin); toupper() is rbase's,
    vectorised (no import of a module `str`); an integer literal shown to class(), typeof()
    or is.integer() stays R's integer."""
    code = translate('x <- range(c(5, 1, 9))\ny <- toupper(c("a", "b"))\nclass(1L)\n'
                     'typeof(5L)\nis.integer(2L)\n')
    assert "x = range_(c(5, 1, 9))" in code and 'y = toupper(c("a", "b"))' in code
    assert "import str" not in code
    assert "class_(as_integer(1))" in code and "typeof(as_integer(5))" in code
    assert "is_integer(as_integer(2))" in code


def test_a_module_in_a_variable_that_shadows_a_function_is_called():
    """``drop <- nn_dropout(0.5); drop(x)``: R's call finds the module ``drop`` holds (a
    module is a function in R), where ``c <- 4; c(1, c)`` still calls R's ``c``."""
    code = translate("library(torch)\ndrop <- nn_dropout(p = 0.5)\ndrop$eval()\n"
                     "drop(torch_ones(3))\nc <- 4\nc(1, c)\n")
    assert "drop_ = nn_dropout(p = 0.5)" in code and "drop_(torch_ones(3))" in code
    assert "c_ = 4" in code and "c(1, c_)" in code


def test_double_bracket_by_name_on_a_vector_drops_the_name():
    code = translate("nums <- c(first = 1.5, second = 2)\nnums[[\"first\"]]\n")
    assert 'pluck(nums, "first")' in code


def test_purrr_map_and_its_formula_lambdas():
    """tft's layers (mlverse/tft, MIT) map with purrr: ``purrr::map(x, ~ f(.x))``, piped
    ``x %>% purrr::map2(y, ~.y(.x))``; ``list(...)`` keeps the names of the dots."""
    from rtorch import Map, lapply, seq, weighted_mean, c, dots_list
    code = translate("a <- purrr::map(1:3, ~ .x * 2)\nb <- 1:2 %>% purrr::map2(3:4, ~ .x + .y)\n"
                     "f <- function(x, ...) {\n  extra <- list(...)\n  extra\n}\n")
    assert "a = lapply(seq(1, 3), lambda _x=None, _y=None: _x * 2)" in code
    assert "b = Map(lambda _x=None, _y=None: _x + _y, seq(1, 2), seq(3, 4))" in code
    assert "extra = dots_list(*args, **kwargs)" in code
    assert lapply(seq(1, 3), lambda _x=None, _y=None: _x * 2)[2].tolist() == [6]
    assert [v.tolist() for v in Map(lambda _x=None, _y=None: _x + _y, seq(1, 2), seq(3, 4))] \
        == [[4], [6]]
    assert dict(dots_list(context=1)) == {"context": 1} and dots_list(1, 2) == [1, 2]
    with pytest.raises(TypeError, match="named and unnamed"):
        dots_list(1, a=2)
    # R: weighted.mean(c(0, 0.5), c(0, 1)) is 0.5; tft's metric averages with it
    assert repr(weighted_mean(c(0, 0.5), c(0, 1))) == "[1] 0.5"
