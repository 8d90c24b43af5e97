"""Run Python code the way R's console runs R code: every top-level expression whose value
is not None is printed (R's auto-print), so a ported tutorial shows what R showed.
With ``echo=True`` each statement is shown first, prefixed like R's prompt (``> ``, ``+ ``)."""
from __future__ import annotations

import ast
import importlib


def run(code: str, namespace: dict, echo: bool = False) -> None:
    """Execute ``code`` in ``namespace``, printing the value of each top-level expression."""
    tree = ast.parse(code)
    for node in tree.body:
        if echo:
            lines = ast.get_source_segment(code, node).splitlines()
            print("\n".join(("> " if i == 0 else "+ ") + line for i, line in enumerate(lines)))
        if isinstance(node, ast.Expr):
            value = eval(compile(ast.Expression(node.value), "<chunk>", "eval"), namespace)
            if value is not None:
                print(repr(value))
        else:
            exec(compile(ast.Module([node], []), "<chunk>", "exec"), namespace)


def star_import(*modules: str) -> dict:
    """The names ``from <module> import *`` gives a script, for each module in turn
    (``star_import("rtorch", "rtorch.luz")`` is R's ``library(torch); library(luz)``)."""
    ns: dict = {}
    for name in modules:
        module = importlib.import_module(name)
        ns.update({n: getattr(module, n) for n in module.__all__})
    return ns
