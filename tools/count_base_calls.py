"""Count calls of R's base, stats and utils functions in a folder of R files.

Usage::

    python tools/count_base_calls.py [--names tools/r_base_names.txt] [--markdown] DIR [DIR ...]

Each DIR is searched for ``*.R`` files (generated files named ``gen-*.R`` are skipped: they are
written by code generators, not by people). Comments and string literals are removed, then
every ``name(`` whose name is in the names file counts as one call, unless the package defines
a function of that name itself (an R function assigned with ``<-``/``=`` at the top level of
one of its files shadows base's). ``pkg::name(`` counts only when ``pkg`` is base, stats or
utils. Calls inside a formula or quoted code are counted like any other.

The names file lists one ``package<TAB>name`` per line; ``--build-names R_SOURCE`` writes it
from a checkout of R's sources (base's primitives and R files, stats' and utils' NAMESPACE).
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import re
import sys

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`(?:[^`\\]|\\.)*`', re.S)
_COMMENT = re.compile(r"#[^\n]*")
_CALL = re.compile(r"(?<![\w.$@])(?:(\w+):::?)?([A-Za-z.][\w.]*)\s*\(")
_DEFINITION = re.compile(r"^([A-Za-z.][\w.]*)\s*(?:<-|=)\s*function\b", re.M)
_BASE_PACKAGES = {"base", "stats", "utils"}
_KEYWORDS = {"if", "for", "while", "function", "repeat", "return", "switch", "else", "in",
             "next", "break"}


def _strip(code: str) -> str:
    """R code without its comments and string literals (backquoted names kept as names)."""
    out, pos = [], 0
    pattern = re.compile(_STRING.pattern + r"|" + _COMMENT.pattern, re.S)
    for m in pattern.finditer(code):
        out.append(code[pos:m.start()])
        text = m.group(0)
        if text.startswith("`"):
            out.append(text[1:-1])
        elif not text.startswith("#"):
            out.append('""')
        pos = m.end()
    out.append(code[pos:])
    return "".join(out)


def r_files(folder: pathlib.Path) -> list[pathlib.Path]:
    """The hand-written R files under ``folder``."""
    return sorted(p for p in folder.rglob("*") if p.suffix in (".R", ".r")
                  and not p.name.startswith("gen-"))


def read_names(path: pathlib.Path) -> dict[str, str]:
    """name -> package, from a names file."""
    names: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            pkg, name = line.split("\t")
            names.setdefault(name, pkg)
    return names


def count(folder: pathlib.Path, names: dict[str, str]) -> collections.Counter:
    """Calls of each base/stats/utils function in one package's R files."""
    codes = [_strip(p.read_text(errors="replace")) for p in r_files(folder)]
    own = {m.group(1) for code in codes for m in _DEFINITION.finditer(code)}
    counts: collections.Counter = collections.Counter()
    for code in codes:
        for m in _CALL.finditer(code):
            pkg, name = m.group(1), m.group(2)
            if name in _KEYWORDS or name not in names:
                continue
            if pkg is not None and pkg not in _BASE_PACKAGES:
                continue
            if pkg is None and name in own:
                continue
            counts[name] += 1
    return counts


def build_names(r_source: pathlib.Path) -> list[tuple[str, str]]:
    """(package, name) of R's base, stats and utils exports, read from R's sources."""
    rows: set[tuple[str, str]] = set()
    names_c = (r_source / "src/main/names.c").read_text()
    for m in re.finditer(r'^\{"([^"]+)"', names_c, re.M):
        if re.fullmatch(r"[A-Za-z.][\w.]*", m.group(1)) and not m.group(1).startswith("."):
            rows.add(("base", m.group(1)))
    for f in sorted((r_source / "src/library/base/R").glob("*.R")):
        for m in _DEFINITION.finditer(_strip(f.read_text(errors="replace"))):
            if not m.group(1).startswith("."):
                rows.add(("base", m.group(1)))
    for pkg in ("stats", "utils"):
        ns = _COMMENT.sub("", (r_source / f"src/library/{pkg}/NAMESPACE").read_text())
        for block in re.finditer(r"\bexport\((.*?)\)", ns, re.S):
            for item in block.group(1).split(","):
                name = item.strip().strip('"').strip("'")
                if re.fullmatch(r"[A-Za-z][\w.]*", name):
                    rows.add((pkg, name))
    return sorted(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=pathlib.Path)
    ap.add_argument("--names", type=pathlib.Path,
                    default=pathlib.Path(__file__).with_name("r_base_names.txt"))
    ap.add_argument("--build-names", type=pathlib.Path, metavar="R_SOURCE")
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    args = ap.parse_args(argv)
    if args.build_names:
        rows = build_names(args.build_names)
        args.names.write_text("# package<TAB>name, from R's sources\n" +
                              "".join(f"{p}\t{n}\n" for p, n in rows))
        return 0
    names = read_names(args.names)
    total: collections.Counter = collections.Counter()
    per_pkg: dict[str, collections.Counter] = {}
    for d in args.dirs:
        per_pkg[d.name] = count(d, names)
        total += per_pkg[d.name]
    n = sum(total.values())
    cumulative = 0
    if args.markdown:
        print("| function | package | calls | share | cumulative |")
        print("|---|---|---:|---:|---:|")
    for name, k in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
        cumulative += k
        if args.markdown:
            print(f"| `{name}` | {names[name]} | {k} | {100 * k / n:.2f}% | "
                  f"{100 * cumulative / n:.2f}% |")
        else:
            print(f"{name}\t{names[name]}\t{k}\t{100 * cumulative / n:.2f}")
    print(f"# {n} calls of {len(total)} functions in {len(per_pkg)} packages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
