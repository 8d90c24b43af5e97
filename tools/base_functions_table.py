"""Write ``docs/base-functions.md`` and ``tools/base_call_counts.tsv``: how often R packages
built on torch call each base/stats/utils function, and how rtorch covers each.

Usage::

    python tools/base_functions_table.py DIR [DIR ...]

Each DIR holds one package's R sources (its ``R/`` folder), named ``owner+package`` or
``package``. The counts come from ``tools/count_base_calls.py``; the coverage from the table
in ``rtorch/rbase/catalog.py``. With no DIR, the table is rewritten from the saved counts.
"""
from __future__ import annotations

import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import count_base_calls  # noqa: E402
from rtorch.rbase.catalog import ROWS  # noqa: E402

COUNTS = ROOT / "tools" / "base_call_counts.tsv"
DOC = ROOT / "docs" / "base-functions.md"

_KIND_TEXT = {"rbase": "rtorch", "rtorch": "rtorch", "luz": "rtorch.luz",
              "python": "Python", "none": "not provided"}


def _package(d: pathlib.Path) -> str:
    return d.name.split("+")[-1]


def save_counts(dirs: list[pathlib.Path]) -> None:
    names = count_base_calls.read_names(ROOT / "tools" / "r_base_names.txt")
    per = {_package(d): count_base_calls.count(d, names) for d in dirs}
    files = {_package(d): len(count_base_calls.r_files(d)) for d in dirs}
    total: collections.Counter = collections.Counter()
    for c in per.values():
        total += c
    pkgs = sorted(per)
    lines = ["# " + " ".join(f"{p}:{files[p]}" for p in pkgs),
             "function\tpackage\ttotal\t" + "\t".join(pkgs)]
    for name, k in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{name}\t{names[name]}\t{k}\t" + "\t".join(str(per[p][name]) for p in pkgs))
    COUNTS.write_text("\n".join(lines) + "\n")


def read_counts() -> tuple[list[tuple[str, str, int]], str]:
    """(function, R package, calls) rows, and the header line naming the packages."""
    text = COUNTS.read_text().splitlines()
    rows = []
    for line in text[2:]:
        name, pkg, total, *_ = line.split("\t")
        rows.append((name, pkg, int(total)))
    return rows, text[0][2:]


def coverage() -> dict[str, float]:
    """Shares of all counted calls: provided by rtorch, spelled in Python, not covered."""
    rows, _ = read_counts()
    kinds = {name: kind for name, kind, _ in ROWS}
    n = sum(k for _, _, k in rows)
    share: collections.Counter = collections.Counter()
    for name, _, k in rows:
        kind = kinds.get(name, "none")
        share["provided" if kind in ("rbase", "rtorch", "luz") else kind] += k
    return {k: v / n for k, v in share.items()} | {"calls": n}


def render_doc() -> str:
    """The text of ``docs/base-functions.md``."""
    rows, header = read_counts()
    table = {name: (kind, spelling) for name, kind, spelling in ROWS}
    cov = coverage()
    n = int(cov["calls"])
    pkgs = ", ".join(f"{p.split(':')[0]} ({p.split(':')[1]} files)" for p in header.split())
    out = [
        "# R's base functions in rtorch",
        "",
        "Which functions of R's base, stats and utils packages R torch code calls, how often, and",
        "how a port spells each. Counted by `tools/count_base_calls.py` over the `R/` folders of",
        f"{pkgs}: hand-written files only (generated `gen-*.R` files left out), comments and",
        "strings removed, a package's own functions of the same name not counted.",
        "Regenerate with `python tools/base_functions_table.py DIR ...` (one folder per package).",
        "",
        f"**{n} calls of {len(rows)} functions.** rtorch provides the functions behind "
        f"**{100 * cov.get('provided', 0):.1f}%** of them; "
        f"**{100 * cov.get('python', 0):.1f}%** are R language features a port writes with "
        f"Python's own construct (third column: `UseMethod`, `on.exit`, `attr`, `quote` ...); "
        f"together **{100 * (cov.get('provided', 0) + cov.get('python', 0)):.1f}%**. "
        f"The rest ({100 * cov.get('none', 0):.1f}%: R's modelling formulae, environments as "
        "objects, a few rare statistics) is not provided.",
        "",
        "R's `list()` counts as provided: `named_list(a = 1)` is a named list (a `dict` that "
        "iterates its values), and an unnamed `list(a, b)` is the Python list `[a, b]`.",
        "",
        "Provided functions follow R's semantics: vectorised, recycled, NA in gives NA out, "
        "1-based positions; R names with `.` take `_` (`is.na` is `is_na`); `class` and `try` "
        "are `class_` and `try_` (Python keywords). Where the name is a Python builtin (`sum`, "
        "`max`, `min`, `abs`, `round`, `all`, `any`), R vectors, tensors and numbers get R's "
        "meaning (`sum(1)` is 1) and Python containers the builtin's (`sum([1, 2])` is 3).",
        "",
        "| R function | package | calls | cumulative | rtorch | how |",
        "|---|---|---:|---:|---|---|",
    ]
    cumulative = 0
    for name, pkg, k in rows:
        cumulative += k
        kind, spelling = table.get(name, ("none", ""))
        how = f"`{spelling}`" if kind in ("rbase", "rtorch", "luz") else spelling
        out.append(f"| `{name}` | {pkg} | {k} | {100 * cumulative / n:.1f}% | "
                   f"{_KIND_TEXT[kind]} | {how} |")
    extra = [(name, spelling) for name, kind, spelling in ROWS
             if kind == "rbase" and name not in {r[0] for r in rows}]
    if extra:
        out += ["", "Also provided (not called in the packages counted): " +
                ", ".join(f"`{s}`" for _, s in extra) + "."]
    return "\n".join(out) + "\n"


def write_doc() -> None:
    DOC.write_text(render_doc())


def main(argv: list[str]) -> int:
    if argv:
        save_counts([pathlib.Path(a) for a in argv])
    write_doc()
    print(coverage())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
