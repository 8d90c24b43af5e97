"""Run a Python file the way ``Rscript`` runs an R file: the value of every top-level
expression is printed (R's auto-print), so a ported script shows what the R script showed
without a ``print()`` around each line.

    python -m rtorch.rscript script.py            # like Rscript script.R
    python -m rtorch.rscript --echo script.py     # like source("script.R", echo = TRUE)

Statements that are not expressions (assignments, ``def``, ``for``, ...) print nothing, and
neither do invisible values (:func:`visible`): ``None`` (R's invisible results) and what
matplotlib's drawing calls return (``[<Line2D>]``, R's plotting functions return nothing
visible); warnings show as R shows them
(``Warning message:`` and the text, no Python file and line). ``--echo`` shows each statement
before its output, with R's ``> `` and ``+ `` prompts; cells of a percent-format script
(``# %%``) are shown as blank lines, and its markdown cells as plain text.

In Jupyter or IPython, ``%load_ext rtorch.rscript`` gives the same auto-print: every
top-level visible value of a cell is shown (through IPython's display hook, so ``_`` and
``Out`` keep the last one), values inside loops and functions are not, as in R.
"""
from __future__ import annotations

import argparse
import ast
import os
import sys

import numpy as np

from .printing import format_value

__all__ = ["run_source", "run_file", "load_ipython_extension", "unload_ipython_extension",
           "r_warnings", "visible"]


def _is_artist(value: object) -> bool:
    mpl = sys.modules.get("matplotlib")
    if mpl is None:
        return False
    import matplotlib.artist
    import matplotlib.container
    import matplotlib.figure
    if isinstance(value, matplotlib.figure.FigureBase):          # a figure is R's plot: shown
        return False
    return isinstance(value, (matplotlib.artist.Artist, matplotlib.container.Container))


def visible(value: object) -> bool:
    """Whether R's auto-print would show ``value``: not ``None`` (R's invisible results), not
    matplotlib's artists nor a list or tuple holding them (what ``plt.plot()``, ``plt.hist()``
    return, where R's plotting functions return nothing visible)."""
    if value is None or _is_artist(value):
        return False
    if type(value) in (list, tuple) and "matplotlib" in sys.modules:
        return not any(_is_artist(v) or type(v) in (list, tuple) and v and _is_artist(v[0])
                       for v in value)
    return True


def r_format(value: object, prefix: str = "") -> str:
    """What R's auto-print shows for ``value``: Python's own values as the R values they
    stand for (``True`` as ``[1] TRUE``, ``2.5`` as ``[1] 2.5``, ``"a"`` as ``[1] "a"``, a
    list as R's list ``[[1]]`` ..., a dict as R's named list ``$a`` ..., nested ones labelled
    ``$a[[1]]`` as R labels them), a pandas DataFrame as R prints a data frame; tensors, R
    vectors and rtorch's objects as they print themselves."""
    import numbers
    from .rbase import c
    if value is None:
        return "NULL"
    if isinstance(value, (bool, numbers.Number, np.generic)) and not isinstance(value, complex) \
            or type(value) is str:
        return repr(c(value))
    from . import dataframe
    if dataframe._is_df(value):
        return dataframe.r_print(value)             # R's print of a data frame
    if type(value) in (list, tuple) or type(value) is dict:
        if not value:
            return "named list()" if type(value) is dict else "list()"
        items = value.items() if type(value) is dict else enumerate(value, 1)
        out = []
        for k, v in items:
            label = f"{prefix}${k}" if type(value) is dict else f"{prefix}[[{k}]]"
            out.append(f"{label}\n{r_format(v, label)}\n")
        return "\n".join(out)
    return format_value(value)


class RShown:
    """A top-level value that is Python's ``None`` where R's value prints: R torch's undefined
    tensor (``x$grad`` before any backward pass) or R's visible ``NULL`` (an optimizer's
    ``$step()`` returns its loss, ``NULL`` without a closure). It prints as R prints it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


_UNDEFINED = RShown("torch_tensor\n[ Tensor (undefined) ]")
_NULL = RShown("NULL")
_GRAD, _STEP, _INVISIBLE = "__rtorch_grad__", "__rtorch_step__", "__rtorch_invisible__"


def _grad_shown(value: object) -> object:
    """``x.grad`` at the top level: None is R torch's undefined tensor."""
    return _UNDEFINED if value is None else value


def _step_shown(receiver: object, *args: object, **kwargs: object) -> object:
    """``opt.step(...)`` at the top level: an optimizer's None is R's visible NULL (an LR
    scheduler's ``$step()`` is invisible in R, as is anything else's None here)."""
    value = receiver.step(*args, **kwargs)
    if value is None:
        import torch
        if isinstance(receiver, torch.optim.Optimizer):
            return _NULL
    return value


#: The helpers the rewritten top-level expressions call (:func:`_r_value`).
_HELPERS = {_GRAD: _grad_shown, _STEP: _step_shown, _INVISIBLE: lambda value: None}


def _r_value(expr: ast.expr) -> ast.expr:
    """A top-level expression whose Python value is not what R's auto-print shows, rewritten:
    ``x.grad`` as ``__rtorch_grad__(x.grad)``, ``opt.step(...)`` as ``__rtorch_step__(opt,
    ...)`` (the receiver evaluated once), and ``x.print(...)`` as
    ``__rtorch_invisible__(x.print(...))`` (R's ``print()`` returns its argument invisibly);
    any other as it is."""
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
            and expr.func.attr == "print":
        new = ast.Call(ast.Name(_INVISIBLE, ast.Load()), [expr], [])
    elif isinstance(expr, ast.Attribute) and expr.attr == "grad":
        new = ast.Call(ast.Name(_GRAD, ast.Load()), [expr], [])
    elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
            and expr.func.attr == "step":
        new = ast.Call(ast.Name(_STEP, ast.Load()), [expr.func.value, *expr.args], expr.keywords)
    else:
        return expr
    return ast.fix_missing_locations(ast.copy_location(new, expr))


def _echo(lines: list[str]) -> None:
    """Print source lines as R's console echoes them; percent-format markers become layout."""
    markdown = False
    prompt = "> "
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("# %%"):
            markdown = "[markdown]" in stripped
            print()
            continue
        if markdown:
            if stripped:
                print(line[2:] if line.startswith("# ") else line.lstrip("#"))
            continue
        if not stripped:
            continue
        print(prompt + line)
        if not stripped.startswith("#"):
            prompt = "+ "


class _LineTracker:
    """Standard output that remembers whether its last text ended a line, so an echoed
    statement starts on a line of its own after ``cat("no newline")``."""

    def __init__(self, out) -> None:
        self.out = out
        self.at_line_start = True

    def write(self, text: str) -> int:
        if text:
            self.at_line_start = text.endswith("\n")
        return self.out.write(text)

    def __getattr__(self, name: str):
        return getattr(self.out, name)


def run_source(code: str, namespace: dict, echo: bool = False, filename: str = "<rscript>") -> None:
    """Execute ``code`` in ``namespace``, printing the value of each top-level expression
    (R's auto-print); with ``echo`` each statement is shown first, as R's console shows it."""
    if echo:
        tracker = sys.stdout = _LineTracker(sys.stdout)
        try:
            return _run(code, namespace, filename, tracker)
        finally:
            sys.stdout = tracker.out
    return _run(code, namespace, filename, None)


def _run(code: str, namespace: dict, filename: str, tracker: "_LineTracker | None") -> None:
    echo = tracker is not None
    tree = ast.parse(code, filename)
    source_lines = code.splitlines()
    done = 0                                # source lines already echoed
    for node in tree.body:
        if echo:
            if not tracker.at_line_start:
                print()
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())]) - 1
            _echo(source_lines[done:first])
            statement = source_lines[first:node.end_lineno]
            print("\n".join(("> " if i == 0 else "+ ") + line for i, line in enumerate(statement)))
            done = node.end_lineno
        if isinstance(node, ast.Expr):
            expr = _r_value(node.value)
            if expr is not node.value:
                namespace.update(_HELPERS)
            value = eval(compile(ast.Expression(expr), filename, "eval"), namespace)
            if visible(value):
                print(r_format(value))              # R's auto-print
        else:
            exec(compile(ast.Module([node], []), filename, "exec"), namespace)
        sys.stdout.flush()
    if echo:
        _echo(source_lines[done:])


def run_file(path: str, echo: bool = False) -> dict:
    """Run the file at ``path`` as ``__main__`` with R's auto-print; return its namespace."""
    with open(path, encoding="utf-8") as f:
        code = f.read()
    namespace = {"__name__": "__main__", "__file__": os.path.abspath(path),
                 "__builtins__": __builtins__}
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    try:
        run_source(code, namespace, echo=echo, filename=path)
    finally:
        sys.path.pop(0)
    return namespace


_SHOW = "__rtorch_show__"
_VISIBLE = "__rtorch_visible__"


def _shown(value: object) -> object:
    """``value`` when R would print it, else ``None`` (which IPython's display hook skips)."""
    return value if visible(value) else None


class _TopLevelVisibility(ast.NodeTransformer):
    """Rewrites the top-level expression statements of a cell: the last statement ``v`` as
    ``__rtorch_visible__(v)`` (IPython's display hook shows it, and sets ``_`` and ``Out``,
    only when R would print it), each earlier one as ``__rtorch_show__(v)`` (displayed when
    visible)."""

    def visit_Module(self, node: ast.Module) -> ast.Module:
        last = len(node.body) - 1
        for i, statement in enumerate(node.body):
            if isinstance(statement, ast.Expr):
                name = _VISIBLE if i == last else _SHOW
                value = _r_value(statement.value)
                call = ast.Call(ast.Name(name, ast.Load()), [value], [])
                node.body[i] = ast.copy_location(ast.Expr(call), statement)
        return ast.fix_missing_locations(node)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning as R shows one (``Warning message:`` and the text, to standard error),
    without Python's file and line."""
    (file or sys.stderr).write(f"Warning message:\n{message}\n")


def r_warnings() -> None:
    """Show warnings the R way from now on (the script runner and the IPython extension
    call this)."""
    import warnings
    warnings.showwarning = _show_warning


def _png(figure) -> bytes:
    from IPython.core.pylabtools import print_figure
    return print_figure(figure, "png")


#: Python's types that IPython shows as R values under the extension.
_R_PRINTED = (bool, int, float, str, list, tuple, dict)


def _r_printer(obj, p, cycle) -> None:
    """IPython's printer of Python's values: R's auto-print of what they stand for
    (:func:`r_format`)."""
    p.text("..." if cycle else r_format(obj))


def load_ipython_extension(ipython) -> None:
    """``%load_ext rtorch.rscript``: IPython shows every top-level visible value of a cell (R's
    auto-print), the last one through its display hook (so ``_`` and ``Out`` hold it), and
    nothing from inside loops or functions; warnings are shown as R shows them."""
    from IPython.display import display

    def show(value: object) -> None:
        if visible(value):
            display(value)

    r_warnings()
    # figures (rtorch's plot() returns one) are drawn, as R draws its plots in a notebook
    ipython.display_formatter.formatters["image/png"].for_type_by_name(
        "matplotlib.figure", "Figure", _png)
    # Python's values show as the R values they stand for (a list of tensors as R's list,
    # True as [1] TRUE), as rtorch.rscript prints them
    plain = ipython.display_formatter.formatters["text/plain"]
    if not hasattr(plain, "_rtorch_saved"):           # IPython's own, for unloading
        plain._rtorch_saved = {kind: plain.for_type(kind, _r_printer) for kind in _R_PRINTED}
    ipython.push({_VISIBLE: _shown, _SHOW: show, **_HELPERS})
    ipython.user_ns_hidden.update({_VISIBLE: _shown, _SHOW: show, **_HELPERS})
    if not any(isinstance(t, _TopLevelVisibility) for t in ipython.ast_transformers):
        ipython.ast_transformers.append(_TopLevelVisibility())


def unload_ipython_extension(ipython) -> None:
    """``%unload_ext rtorch.rscript``: IPython's own display rule again."""
    ipython.ast_transformers[:] = [t for t in ipython.ast_transformers
                                   if not isinstance(t, _TopLevelVisibility)]
    plain = ipython.display_formatter.formatters["text/plain"]
    for kind, printer in getattr(plain, "_rtorch_saved", {}).items():
        if printer is None:
            plain.pop(kind, None)
        else:
            plain.for_type(kind, printer)
    if hasattr(plain, "_rtorch_saved"):
        del plain._rtorch_saved


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m rtorch.rscript",
                                     description="Run a Python file with R's auto-print.")
    parser.add_argument("--echo", action="store_true", help="show each statement before its output")
    parser.add_argument("file")
    args = parser.parse_args(argv)
    r_warnings()
    run_file(args.file, echo=args.echo)


if __name__ == "__main__":
    main()
