"""The translator's tables: R names and operators and their rtorch Python spellings, and the
rules that make any R name a Python one (dots become ``_``, keywords get a ``_``)."""
from __future__ import annotations

import keyword
import re
from functools import lru_cache

__all__ = [
    "py_name", "LIBRARIES", "BINARY", "COMPARISON", "GENERATORS", "METHOD_RENAMES",
    "WITH_BLOCKS", "RENAMES", "exports", "BOOLEAN_CALLS", "PY_BUILTINS", "pipeable",
    "PIPE_PREFIXES", "LUZ_VERBS", "TESTTHAT", "TESTTHAT_LAZY", "LAZY_ARGS", "TENSOR_FIELDS",
    "INVISIBLE_METHODS", "LIST_METHODS",
]

# library(pkg) -> the import that gives the same names; None: nothing needed in Python.
LIBRARIES: dict[str, str | None] = {
    "torch": "from rtorch import *",
    "luz": "from rtorch.luz import *",
    "torchvision": "from rtorch.vision import *",
    "torchdatasets": None, "zeallot": None, "coro": None, "magrittr": None,
    "purrr": None, "R6": None, "knitr": None, "rmarkdown": None,
    "testthat": "from rtorch.testthat import *",
    "palmerpenguins": "from palmerpenguins import load_penguins\npenguins = load_penguins()",
}

# R binary operators that are spelled differently (or are functions) in Python.
BINARY: dict[str, str] = {
    "+": "+", "-": "-", "*": "*", "/": "/", "^": "**",
    "%%": "%", "%/%": "//", "%*%": "@", "&": "&", "|": "|", "&&": "and", "||": "or",
}
COMPARISON = {"==", "!=", "<", ">", "<=", ">="}

# Object generators whose function arguments become methods taking ``self`` first.
GENERATORS = {
    "nn_module", "dataset", "iterable_dataset", "sampler", "optimizer", "lr_scheduler",
    "luz_callback", "luz_metric", "autograd_function",
}
# Method names R writes with a dot (a Python keyword argument cannot start with one).
METHOD_RENAMES = {".getitem": "getitem", ".length": "length", ".getbatch": "getbatch",
                  ".iter": "iter", ".next": "next"}

# R functions taking a code block that are Python ``with`` statements.
WITH_BLOCKS = {
    "with_no_grad", "with_enable_grad", "with_torch_manual_seed", "with_detect_anomaly",
    "with_device", "with_autocast", "with_cuda_memory_stats", "local_no_grad",
    "local_enable_grad", "local_autocast",
}

# R functions with another rtorch/Python name (after the dots-to-underscores rule).
RENAMES = {
    "Sys.time": "time.time", "Sys.getenv": "os.environ.get", "file.path": "os.path.join",
    "file.exists": "os.path.exists", "dir.create": "os.makedirs", "basename": "os.path.basename",
    "is.function": "callable",
    "conditionMessage": "str", "str": "str_", "range": "range_",
    "format": "format_", "map": "lapply",
}

# R's operators that R code passes as functions (`` Reduce(`+`, x) ``, `` sapply(x, `-`) ``):
# the translation gives their names, which rbase's apply family, Reduce and do_call take.
OPERATOR_VALUES = {"+", "-", "*", "/", "^", "%%", "%/%", "==", "!=", "<", "<=", ">", ">=",
                   "&", "|"}

# R functions that evaluate an argument lazily (R's promise): (its name, its position). The
# Python argument is a function of no arguments (``lambda: expr``, or the block's ``def``).
LAZY_ARGS: dict[str, tuple[str, int]] = {
    "replicate": ("expr", 1), "system.time": ("expr", 0),
    "suppressWarnings": ("expr", 0), "suppressMessages": ("expr", 0),
}

# Fields of a tensor: ``b$shape`` on a loop variable over a data loader is the tensor's
# field even where the batches could be named lists.
TENSOR_FIELDS = {"shape", "dtype", "device", "grad", "grad_fn", "requires_grad", "is_leaf",
                 "ndim"}

# Methods of R torch's modules whose value is invisible (R prints nothing for
# ``model$train()`` at the top level): the call's value is not shown (``_ = m.train()``).
INVISIBLE_METHODS = {"train", "eval", "load_state_dict"}

# Methods whose value is an R named list that rtorch gives as a mapping (a name assigned it
# reads its elements by name: ``sd$state`` is ``sd["state"]``; ``sd[[1]]`` stays 1-based).
LIST_METHODS = {"state_dict"}

# Calls known to give one R logical: ``!`` before them is Python's ``not``.
BOOLEAN_CALLS = re.compile(
    r"^(is[._]|any$|all$|identical$|exists$|missing$|isTRUE$|isFALSE$|inherits$|file[._]exists$"
    r"|cuda_is_available$|torch_allclose$|torch_equal$|is_torch_tensor$)")

PY_BUILTINS = {"print", "dict", "list", "float", "len", "str", "int", "range", "type",
               "iter", "next", "callable", "bool", "isinstance", "copy", "functools", "os",
               "time", "warnings", "sys"}

_IDENT = re.compile(r"[^0-9A-Za-z_]")


def py_name(r_name: str) -> str:
    """R's name as a Python identifier: backticks dropped, ``.`` and other characters made
    ``_``, a leading digit or ``_`` kept legal, a keyword suffixed with ``_``.
    ``T``/``F`` are handled by the caller (they are values)."""
    name = r_name[1:-1] if r_name.startswith("`") and r_name.endswith("`") else r_name
    if name.startswith(".") and len(name) > 1:
        name = name[1:]
    name = _IDENT.sub("_", name)
    if not name or name[0].isdigit():
        name = "_" + name
    if keyword.iskeyword(name) or name in ("None", "True", "False"):
        name += "_"
    return name


PIPE_PREFIXES = ("nnf_", "torch_", "transform_", "linalg_", "distr_")
LUZ_VERBS = {"setup", "fit", "set_hparams", "set_opt_hparams", "evaluate", "predict",
             "lr_finder", "as_dataloader"}


@lru_cache(maxsize=None)
def pipeable(name: str) -> bool:
    """Whether rtorch's ``name`` makes a ``>>`` stage when called without its first argument."""
    import importlib
    for package in ("rtorch", "rtorch.luz", "rtorch.vision"):
        try:
            fn = getattr(importlib.import_module(package), name, None)
        except ImportError:  # pragma: no cover - optional parts missing
            continue
        if fn is not None and hasattr(fn, "__wrapped_pipeable__"):
            return True
    return name.startswith(PIPE_PREFIXES) or name in LUZ_VERBS


@lru_cache(maxsize=None)
def exports(package: str) -> frozenset[str]:
    """The names ``from <package> import *`` gives (rtorch, rtorch.luz, rtorch.vision)."""
    import importlib
    try:
        module = importlib.import_module(package)
    except ImportError:  # pragma: no cover - optional parts missing
        return frozenset()
    return frozenset(getattr(module, "__all__", ()))


# testthat (tests/testthat/test-*.R): its names come from rtorch.testthat; the object of these
# expectations is evaluated lazily in R, so the translation passes a function of it.
TESTTHAT = exports("rtorch.testthat")
TESTTHAT_LAZY = frozenset({
    "expect_error", "expect_no_error", "expect_warning", "expect_no_warning", "expect_message",
    "expect_output", "expect_silent", "expect_condition", "expect_invisible", "expect_visible"})
