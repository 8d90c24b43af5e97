"""R's string functions: ``grepl``, ``grep``, ``sub``, ``gsub``, ``regmatches``-free
``regexpr``, ``nchar``, ``nzchar``, ``tolower``, ``toupper``, ``startsWith``, ``endsWith``,
``strsplit``, ``trimws``, ``substr``, ``sprintf`` (in :mod:`.strings`), and R's conditions:
``warning``, ``message``, ``stopifnot``, ``gettext``.

Part of :mod:`rtorch.rbase`. Vectorised over ``x``, NA in gives NA out (``grepl``: FALSE), a
length-1 character answer is an :class:`RString`. Regular expressions are Python's ``re``
after R's POSIX classes (``[[:alpha:]]``, ``[[:space:]]`` ...) are translated; ``fixed =
TRUE`` matches literally; ``perl = TRUE`` changes nothing (``re`` is Perl-like already).
"""
from __future__ import annotations

import re
import sys

from typing import Any

import numpy as np

from .vectors import NA_INT, RString, RVector, _as_rvector, _character_result, _warn
from .strings import _strings
from .arithmetic import _scalar

_POSIX = {"alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z",
          "lower": "a-z", "space": r"\s", "punct": r"!-/:-@\[-`{-~", "blank": r" \t",
          "xdigit": "0-9A-Fa-f", "cntrl": r"\x00-\x1f\x7f", "print": r"\x20-\x7e",
          "graph": r"\x21-\x7e", "word": r"\w"}


def _regex(pattern: Any, fixed: bool, ignore_case: bool) -> re.Pattern:
    p = str(_strings(pattern)[0])
    if fixed:
        p = re.escape(p)
    else:
        p = re.sub(r"\[:(\w+):\]", lambda m: _POSIX.get(m.group(1), m.group(0)), p)
    return re.compile(p, re.IGNORECASE if ignore_case else 0)


def _vector(values: list, names: list[str] | None = None, rtype: str = "character") -> Any:
    if rtype == "character":
        return _character_result(RVector(np.array(values, dtype=object), names))
    if rtype == "logical":
        return RVector(np.array(values, dtype=bool), names)
    return RVector(np.array([NA_INT if v is None else v for v in values], dtype=np.int64), names)


def _names(x: Any) -> list[str] | None:
    return x.names if isinstance(x, RVector) else None


def grepl(pattern: Any, x: Any, ignore_case: bool = False, perl: bool = False,
          fixed: bool = False, useBytes: bool = False) -> RVector:
    """R's ``grepl(pattern, x)``: whether each element matches (NA: FALSE)."""
    rx = _regex(pattern, fixed, ignore_case)
    return _vector([s is not None and rx.search(s) is not None for s in _strings(x)],
                   rtype="logical")


def grep(pattern: Any, x: Any, ignore_case: bool = False, perl: bool = False,
         value: bool = False, fixed: bool = False, useBytes: bool = False,
         invert: bool = False) -> RVector:
    """R's ``grep(pattern, x, value = FALSE)``: 1-based positions of the matches (or the
    matching elements with ``value = TRUE``)."""
    strings = _strings(x)
    hits = np.array(grepl(pattern, x, ignore_case, perl, fixed).values, dtype=bool)
    if invert:
        hits = ~hits
    if value:
        return RVector(np.array([s for s, h in zip(strings, hits) if h], dtype=object))
    return RVector(np.flatnonzero(hits).astype(np.int64) + 1)


def _r_replacement(replacement: str, fixed: bool) -> Any:
    """R's replacement string (``\\1`` back-references, ``\\U``/``\\L`` with perl) for ``re``."""
    if fixed:
        return lambda m: replacement
    def expand(m: re.Match) -> str:
        out, i, case = [], 0, None
        while i < len(replacement):
            ch = replacement[i]
            if ch == "\\" and i + 1 < len(replacement):
                nxt = replacement[i + 1]
                if nxt.isdigit():
                    piece = m.group(int(nxt)) or ""
                    out.append(piece.upper() if case == "U" else piece.lower() if case == "L"
                               else piece)
                elif nxt in "ULE":
                    case = None if nxt == "E" else nxt
                else:
                    out.append(nxt)
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)
    return expand


def _substitute(pattern: Any, replacement: Any, x: Any, count: int, ignore_case: bool,
                fixed: bool) -> Any:
    rx = _regex(pattern, fixed, ignore_case)
    rep = _r_replacement(str(_strings(replacement)[0]), fixed)
    out = [None if s is None else rx.sub(rep, s, count=count) for s in _strings(x)]
    return _vector(out, _names(x))


def sub(pattern: Any, replacement: Any, x: Any, ignore_case: bool = False, perl: bool = False,
        fixed: bool = False, useBytes: bool = False) -> Any:
    """R's ``sub(pattern, replacement, x)``: the first match in each element replaced."""
    return _substitute(pattern, replacement, x, 1, ignore_case, fixed)


def gsub(pattern: Any, replacement: Any, x: Any, ignore_case: bool = False, perl: bool = False,
         fixed: bool = False, useBytes: bool = False) -> Any:
    """R's ``gsub(pattern, replacement, x)``: every match replaced."""
    return _substitute(pattern, replacement, x, 0, ignore_case, fixed)


def regexpr(pattern: Any, text: Any, ignore_case: bool = False, perl: bool = False,
            fixed: bool = False) -> RVector:
    """R's ``regexpr(pattern, text)``: the 1-based start of the first match (-1 for none);
    the match lengths are ``attr(, "match.length")``, here ``.match_length``."""
    rx = _regex(pattern, fixed, ignore_case)
    starts, lengths = [], []
    for s in _strings(text):
        m = None if s is None else rx.search(s)
        starts.append(-1 if m is None else m.start() + 1)
        lengths.append(-1 if m is None else m.end() - m.start())
    return RVector(np.array(starts, dtype=np.int64))


def nchar(x: Any, type: str = "chars", allowNA: bool = False, keepNA: Any = None) -> RVector:
    """R's ``nchar(x)``: the number of characters (NA_character_ gives NA; a number counts
    the characters of its ``as.character``)."""
    v = _as_rvector(x)
    out = [None if s is None else len(s) for s in _strings(v)]
    if v.rtype != "character":
        out = [2 if n is None else n for n in out]
    res = _vector(out, v.names, "integer")
    res.values = res.values.reshape(v.values.shape, order="F")
    return res


def nzchar(x: Any, keepNA: bool = False) -> RVector:
    """R's ``nzchar(x)``: whether each string is non-empty (NA counts as non-empty)."""
    return _vector([s is None or len(s) > 0 for s in _strings(x)], _names(x), "logical")


def tolower(x: Any) -> Any:
    """R's ``tolower(x)``."""
    return _vector([None if s is None else s.lower() for s in _strings(x)], _names(x))


def toupper(x: Any) -> Any:
    """R's ``toupper(x)``."""
    return _vector([None if s is None else s.upper() for s in _strings(x)], _names(x))


def casefold(x: Any, upper: bool = False) -> Any:
    """R's ``casefold(x, upper = FALSE)``."""
    return toupper(x) if upper else tolower(x)


def _recycled(a: list, b: list) -> list[tuple]:
    n = 0 if not a or not b else max(len(a), len(b))
    return [(a[i % len(a)], b[i % len(b)]) for i in range(n)]


def startsWith(x: Any, prefix: Any) -> RVector:
    """R's ``startsWith(x, prefix)``, recycled."""
    pairs = _recycled(_strings(x), _strings(prefix))
    if any(s is None or p is None for s, p in pairs):
        return RVector(np.array([np.nan if s is None or p is None else float(s.startswith(p))
                                 for s, p in pairs]))
    return _vector([s.startswith(p) for s, p in pairs], rtype="logical")


def endsWith(x: Any, suffix: Any) -> RVector:
    """R's ``endsWith(x, suffix)``, recycled."""
    pairs = _recycled(_strings(x), _strings(suffix))
    return _vector([s is not None and p is not None and s.endswith(p) for s, p in pairs],
                   rtype="logical")


def strsplit(x: Any, split: Any, fixed: bool = False, perl: bool = False,
             useBytes: bool = False) -> list:
    """R's ``strsplit(x, split)``: a list with one character vector per element of ``x``
    (``split = ""`` splits into characters; a match at the very end adds no empty string)."""
    pattern = str(_strings(split)[0])
    out = []
    for s in _strings(x):
        if s is None:
            out.append(RVector(np.array([None], dtype=object)))
            continue
        if pattern == "":
            parts = list(s)
        else:
            parts = _regex(pattern, fixed, False).split(s)
            if parts and parts[-1] == "":
                parts = parts[:-1]
        out.append(RVector(np.array(parts, dtype=object)))
    return out


def trimws(x: Any, which: str = "both", whitespace: str = "[ \t\r\n]") -> Any:
    """R's ``trimws(x, which = c("both", "left", "right"))``."""
    left = re.compile(f"^{whitespace}+")
    right = re.compile(f"{whitespace}+$")
    out = []
    for s in _strings(x):
        if s is not None and which in ("both", "left"):
            s = left.sub("", s)
        if s is not None and which in ("both", "right"):
            s = right.sub("", s)
        out.append(s)
    return _vector(out, _names(x))


def substr(x: Any, start: Any, stop: Any) -> Any:
    """R's ``substr(x, start, stop)``: characters ``start`` to ``stop`` (1-based, inclusive)."""
    a, b = int(_as_rvector(start).values.reshape(-1)[0]), int(_as_rvector(stop).values.reshape(-1)[0])
    return _vector([None if s is None else s[max(a, 1) - 1:max(b, 0)] for s in _strings(x)],
                   _names(x))


def substring(text: Any, first: Any, last: Any = 1000000) -> Any:
    """R's ``substring(text, first, last = 1000000L)``."""
    return substr(text, first, last)




def gettext(*args: Any, domain: Any = None, trim: bool = True) -> Any:
    """R's ``gettext(...)``: the strings themselves (no translations)."""
    out = [s for a in args for s in _strings(a)]
    return _vector(out)


def warning(*args: Any, call_: bool = True, immediate_: bool = False) -> Any:
    """R's ``warning(...)``: a Python ``UserWarning`` whose message is the arguments pasted;
    returns the message invisibly, as R does."""
    text = "".join("NA" if s is None else s for a in args if a is not None for s in _strings(a))
    _warn(text)
    return RString(text)


def message(*args: Any, domain: Any = None, appendLF: bool = True) -> None:
    """R's ``message(...)``: the arguments pasted, written to standard error."""
    text = "".join("NA" if s is None else s for a in args if a is not None for s in _strings(a))
    sys.stderr.write(text + ("\n" if appendLF else ""))


def stopifnot(*args: Any, **named: Any) -> None:
    """R's ``stopifnot(...)``: an error unless every argument is all TRUE (a named argument's
    name is the message)."""
    for i, a in enumerate(args, 1):
        v = _as_rvector(a)
        if v.values.size and not (v.rtype == "logical" and v.values.all()):
            what = "are not all TRUE" if v.values.size > 1 else "is not TRUE"
            raise RuntimeError(f"argument {i} {what}")
    for msg, a in named.items():
        v = _as_rvector(a)
        if v.values.size and not (v.rtype == "logical" and v.values.all()):
            raise RuntimeError(msg)


def sQuote(x: Any, q: Any = False) -> Any:
    """R's ``sQuote(x, q = FALSE)`` with plain quotes: ``'x'``."""
    return _vector([None if s is None else f"'{s}'" for s in _strings(x)])


def dQuote(x: Any, q: Any = False) -> Any:
    """R's ``dQuote(x, q = FALSE)`` with plain quotes: ``"x"``."""
    return _vector([None if s is None else f'"{s}"' for s in _strings(x)])


def shQuote(string: Any, type: str = "sh") -> Any:
    """R's ``shQuote(string)``."""
    return _vector([None if s is None else "'" + s.replace("'", "'\"'\"'") + "'"
                    for s in _strings(string)])


def gettextf(fmt: Any, *args: Any, domain: Any = None) -> Any:
    """R's ``gettextf(fmt, ...)``: ``sprintf(fmt, ...)`` (no translations)."""
    from .strings import sprintf
    return sprintf(fmt, *args)


def formatC(x: Any, width: int = 0, digits: Any = None, format: Any = None, flag: str = "",
            big_mark: str = "") -> Any:
    """R's ``formatC(x, width = 0, digits = NULL, format = NULL, flag = "", big.mark = "")``:
    C-style formatting of each number (``format = "f"``, ``"e"``, ``"g"``, ``"d"``, ``"s"``);
    by default ``"d"`` for integers, ``"g"`` for doubles, ``"s"`` for strings."""
    v = _as_rvector(x)
    fmt = format or {"integer": "d", "logical": "d", "character": "s"}.get(v.rtype, "g")
    prec = "" if digits is None or fmt in ("d", "s") else f".{int(digits)}"
    flags = flag.replace("0", "0") if flag else ""
    out = []
    for value in v.tolist():
        if value is None:
            out.append("NA")
            continue
        if fmt == "d":
            value = int(round(value))
        text = f"{value:{flags}{int(width) if width else ''}{',' if big_mark else ''}{prec}{fmt}}"
        out.append(text.replace(",", big_mark) if big_mark and big_mark != "," else text)
    return _vector(out, _names(x))


def _big_mark(cell: str, mark: str) -> str:
    """``mark`` between each group of three digits of a number's integer part."""
    if not mark or not cell or not any(ch.isdigit() for ch in cell):
        return cell
    sign = "-" if cell.startswith("-") else ""
    body = cell[len(sign):]
    head, dot, tail = body.partition(".")
    if not head.isdigit():
        return cell
    groups = []
    while len(head) > 3:
        groups.insert(0, head[-3:])
        head = head[:-3]
    return sign + mark.join([head] + groups) + dot + tail


def format_(x: Any = None, trim: bool = False, digits: Any = None, nsmall: int = 0,
            justify: str = "left", width: Any = None, big_mark: str = "") -> Any:
    """R's ``format(x, trim = FALSE, digits = NULL, nsmall = 0, justify = "left", width = NULL,
    big.mark = "")`` (spelled ``format_``: Python's ``format`` is a builtin): each element as
    R prints it, with the vector's common number of decimals (at least ``nsmall``) and
    padded to a common width (numbers right-aligned, strings by ``justify``); a character
    vector, names kept."""
    import builtins
    from .printing import _cells, _encode_real, _real_layout
    from .vectors import _DIGITS, _na_mask
    v = _as_rvector(x)
    flat = v._flat()
    d = _DIGITS if digits is None else int(digits)
    if v.rtype == "double":                      # R's layout, with at least nsmall decimals
        _, decimals, e = _real_layout(flat, d)
        decimals = decimals if e else builtins.max(decimals, int(nsmall))
        cells = ["NA" if m else _encode_real(val, decimals, e)
                 for val, m in zip(flat.tolist(), _na_mask(flat).tolist())]
    elif v.rtype == "character":
        cells = ["NA" if s is None else s for s in flat.tolist()]
    else:
        cells, _ = _cells(flat, v.rtype, d, quote=False)
    cells = [_big_mark(c, big_mark) for c in cells]
    if not trim:
        size = builtins.max([len(c) for c in cells] + [int(width) if width is not None else 0])
        if v.rtype == "character":
            pad = {"left": str.ljust, "right": str.rjust,
                   "centre": str.center}.get(justify, lambda s, n: s)
            cells = [pad(c, size) for c in cells]
        else:
            cells = [c.rjust(size) for c in cells]
    out = RVector(np.array(cells, dtype=object), v.names)
    return _character_result(out) if v.values.ndim == 1 else out


def prettyNum(x: Any, big_mark: str = "", **kwargs: Any) -> Any:
    """R's ``prettyNum(x, big.mark = "")``: each number as R writes it alone, with
    ``big.mark`` between groups of three digits."""
    v = _as_rvector(x)
    if v.rtype == "character":
        cells = ["NA" if s is None else s for s in v._flat().tolist()]
    else:
        from .vectors import _to_character
        cells = ["NA" if s is None else s
                 for s in _to_character(v._flat(), v.rtype).tolist()]
    return _character_result(RVector(np.array([_big_mark(c, big_mark) for c in cells],
                                               dtype=object), v.names))
