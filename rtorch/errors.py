"""PyTorch's error messages, rewritten into the user's 1-based terms.

R torch passes libtorch's messages through a table of patterns that add 1 to
the dimension and index numbers they quote; rtorch applies the same table
(reference: R torch's ``R/translate.R``), and also rewrites the messages R
torch leaves 0-based, so that every number a user reads is one they could
have written.
"""
from __future__ import annotations

import re

from .input_checks import add_hint


def _plus1(m: re.Match, *groups: int, always: bool = False) -> str:
    text = m.group(0)
    out, last = [], 0
    for g in groups:
        v = int(m.group(g))
        out.append(text[last:m.start(g) - m.start(0)])
        out.append(str(v + 1 if (v >= 0 or always) else v))
        last = m.end(g) - m.start(0)
    out.append(text[last:])
    return "".join(out)


# (pattern, groups to shift, shift negatives too)
_RULES: list[tuple[re.Pattern, tuple[int, ...], bool]] = [
    (re.compile(r"Dimension out of range \(expected to be in range of \[-?\d+, (\d+)\], but got (-?\d+)\)"), (1, 2), False),
    (re.compile(r"dimension (\d+) does not have size"), (1,), False),
    (re.compile(r"inputs dimension (\d+) must have length"), (1,), False),
    (re.compile(r"Found an invalid max index: (\d+)"), (1,), False),
    (re.compile(r"index (-?\d+) out of range for tensor of size \[[\d, ]*\] at dimension (\d+)"), (1, 2), False),
    (re.compile(r"Target (-?\d+) is out of bounds"), (1,), False),   # negatives reach PyTorch as given
    (re.compile(r"in dim (\d+) and second has size \d+ in dim (\d+)"), (1, 2), False),
    (re.compile(r"index (-?\d+) is out of bounds for dimension (\d+) with size"), (1, 2), False),
    (re.compile(r"for tensor number (\d+) in the list"), (1,), False),
    (re.compile(r"Sizes of tensors must match except in dimension (\d+)"), (1,), False),
    (re.compile(r"at non-singleton dimension (\d+)"), (1,), False),
    (re.compile(r"at entry (\d+)"), (1,), False),
    (re.compile(r"\] at index (\d+)"), (1,), False),
]


def translate_message(msg: str) -> str:
    """Rewrite every 0-based number of a PyTorch message to 1-based; drop C++ context lines."""
    msg = msg.split("\nException raised from", 1)[0]
    for pattern, groups, always in _RULES:
        msg = pattern.sub(lambda m: _plus1(m, *groups, always=always), msg)
    return add_hint(msg)


def translated(e: Exception) -> Exception:
    """The same exception with its message in 1-based terms (``e`` itself when nothing changes)."""
    msg = str(e.args[0]) if e.args and isinstance(e.args[0], str) else None
    if msg is None:
        return e
    new = translate_message(msg)
    if new == msg:
        return e
    try:
        out = type(e)(new)
    except Exception:
        return e
    return out.with_traceback(e.__traceback__)
