"""Run Python code the way R's console runs R code: every top-level expression whose value
is not None is printed (R's auto-print), so a ported tutorial shows what R showed."""
from __future__ import annotations

import ast


def run(code: str, namespace: dict) -> None:
    """Execute ``code`` in ``namespace``, printing the value of each top-level expression."""
    tree = ast.parse(code)
    for node in tree.body:
        if isinstance(node, ast.Expr):
            value = eval(compile(ast.Expression(node.value), "<chunk>", "eval"), namespace)
            if value is not None:
                print(repr(value))
        else:
            exec(compile(ast.Module([node], []), "<chunk>", "exec"), namespace)
