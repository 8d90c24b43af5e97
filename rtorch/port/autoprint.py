"""What R's auto-print shows, for the translation: the R functions whose value R returns
invisibly (:data:`INVISIBLE`: a top-level call becomes ``_ = f()``), and (:func:`is_scalar`)
which R expressions the translation leaves as plain Python values where R has a length-1
vector: ``x$item()``, ``x$dim()``, ``x$size(1)``, number, logical and string literals,
``is.null(x)``, and arithmetic, comparisons and ``&&``/``||`` of these (and of names assigned
them). R prints such a value as a vector (``[1] 5``, ``[1] TRUE``, ``[1] "a"``); Python
prints ``5``, ``True``, ``'a'``. Where R prints one (auto-print at the top level,
``print(x)``), the translation wraps it in ``c()``, which makes it an R vector and leaves an
R vector as it is. Nothing else is wrapped: a tensor or a list is never taken for a scalar.
"""
from __future__ import annotations

from .parse import Node

__all__ = ["INVISIBLE", "is_scalar"]

#: R functions whose value R returns invisibly but rtorch's function returns as a value a
#: Python script would print (their Python names).
INVISIBLE = {"options", "Sys_setenv", "unlink"}

#: Tensor methods (``x$m(...)``) whose value is a Python number or logical (or a tuple of
#: numbers, which ``c()`` makes one vector); ``size`` only with a dim (``x$size()`` is a
#: shape).
SCALAR_METHODS = {"item", "dim", "numel", "nelement", "ndimension", "element_size",
                  "is_contiguous", "is_leaf", "is_floating_point", "is_complex",
                  "get_device", "equal", "allclose", "stride"}   # stride(): a tuple
#: Tensor and module fields (``x$f``) that are a Python number or logical.
SCALAR_FIELDS = {"requires_grad", "is_leaf", "ndim", "is_cuda", "training"}
#: Functions whose value is one R logical or number computed from scalars only when all
#: their arguments are scalars (rtorch hands a tensor to PyTorch).
SCALAR_IF_ARGS = {"max", "min", "abs", "round", "sum", "prod"}
_ARITHMETIC = {"+", "-", "*", "/", "^", "%%", "%/%", "==", "!=", "<", ">", "<=", ">=",
               "&&", "||"}
_LITERALS = {"float", "string", "true", "false"}


def is_scalar(node: Node | None, names: set[str]) -> bool:
    """Whether the translation of R ``node`` is a plain Python number, logical or string;
    ``names`` are the names known to hold one."""
    if node is None:
        return False
    t = node.type
    if t in _LITERALS:
        return True
    if t == "identifier":
        return node.text.decode("utf-8") in names
    if t == "parenthesized_expression":
        inner = [c for c in node.named_children if c.type != "comment"]
        return len(inner) == 1 and is_scalar(inner[0], names)
    if t == "unary_operator":
        op = node.child_by_field_name("operator").text.decode("utf-8")
        return op in ("-", "+", "!") and is_scalar(node.child_by_field_name("rhs"), names)
    if t == "binary_operator":
        op = node.child_by_field_name("operator").text.decode("utf-8")
        return op in _ARITHMETIC and all(
            is_scalar(node.child_by_field_name(k), names) for k in ("lhs", "rhs"))
    if t == "extract_operator":
        rhs = node.child_by_field_name("rhs")
        field = rhs.text.decode("utf-8") if rhs is not None else ""
        return field in SCALAR_FIELDS or (field != "params" and _param_group(
            node.child_by_field_name("lhs")))
    if t == "call":
        return _scalar_call(node, names)
    return False


def _param_group(node: Node | None) -> bool:
    """Whether ``node`` is ``opt$param_groups[[i]]``: PyTorch's dict of an optimizer's
    hyper-parameters, numbers and logicals (``betas`` a tuple) but for ``params``."""
    if node is None or node.type != "subset2":
        return False
    fn = node.child_by_field_name("function")
    rhs = fn.child_by_field_name("rhs") if fn is not None and fn.type == "extract_operator" \
        else None
    return rhs is not None and rhs.text.decode("utf-8") == "param_groups"


def _scalar_call(node: Node, names: set[str]) -> bool:
    fn = node.child_by_field_name("function")
    values = [c.child_by_field_name("value") for c in
              node.child_by_field_name("arguments").children if c.type == "argument"]
    if fn.type == "extract_operator":          # x$method(...)
        method = fn.child_by_field_name("rhs")
        name = method.text.decode("utf-8") if method is not None else ""
        if name == "size":
            return len(values) == 1
        return name in SCALAR_METHODS
    if fn.type != "identifier":
        return False
    name = fn.text.decode("utf-8")
    if name == "is.null":
        return True                            # x is None
    return name in SCALAR_IF_ARGS and bool(values) and all(is_scalar(v, names)
                                                            for v in values)
