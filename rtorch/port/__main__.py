"""``python -m rtorch.port FILE [-o OUT]``: translate an R script (``.R``) or an R Markdown /
Quarto document (``.Rmd``, ``.qmd``) into rtorch Python.

The output goes to ``OUT`` (``.py``: a script, percent-format for a document; ``.ipynb``: a
notebook) or to standard output. Each statement left as a ``# TODO(port)`` comment is listed
on standard error with its line. The exit status is 1 only when the input cannot be parsed
as R (the parts that could be are still translated), 2 for a missing file (or parser)."""
from __future__ import annotations

import argparse
import os
import sys

from . import translate_document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rtorch.port",
                                     description="Translate R torch code into rtorch Python.")
    parser.add_argument("file", help="an .R script, an .Rmd/.qmd document ('-': stdin, R), "
                        "or a testthat folder (then -o names the pytest folder to write)")
    parser.add_argument("-o", "--output", help="write here (.py or .ipynb); default: stdout")
    parser.add_argument("--to", choices=("py", "ipynb"),
                        help="output format (default: from -o's extension, else py)")
    parser.add_argument("--edition", type=int, choices=(2, 3),
                        help="a testthat folder's testthat edition (default: its package's)")
    parser.add_argument("--eval-all", action="store_true",
                        help="make chunks knitr does not run (eval = FALSE) code cells too")
    opts = parser.parse_args(argv)
    if os.path.isdir(opts.file):
        return _testthat(opts.file, opts.output, opts.edition)
    if opts.file == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        try:
            with open(opts.file, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            print(f"rtorch.port: {e}", file=sys.stderr)
            return 2
        name = opts.file
    markdown = os.path.splitext(name)[1].lower() in (".rmd", ".qmd", ".rmarkdown")
    base_dir = os.path.dirname(os.path.abspath(opts.file)) if opts.file != "-" else None
    try:
        result = translate_document(text, markdown=markdown, base_dir=base_dir,
                                    eval_all=opts.eval_all)
    except (ImportError, OSError) as e:   # no parser installed; a child document missing
        print(f"rtorch.port: {e}", file=sys.stderr)
        return 2
    to = opts.to or ("ipynb" if (opts.output or "").endswith(".ipynb") else "py")
    out = result.notebook() if to == "ipynb" else result.script()
    if opts.output:
        with open(opts.output, "w", encoding="utf-8") as f:
            f.write(out)
    else:
        sys.stdout.write(out)
    for todo in result.todos:
        print(f"{name}:{todo.line}: TODO(port): {todo.reason}: {todo.text}", file=sys.stderr)
    for line, text in result.errors:
        print(f"{name}:{line}: cannot parse: {text}", file=sys.stderr)
    if result.todos or result.errors:
        print(f"rtorch.port: {len(result.todos)} statement(s) left as TODO(port), "
              f"{len(result.errors)} parse error(s)", file=sys.stderr)
    return 1 if result.errors else 0


def _testthat(folder: str, out: str | None, edition: int | None = None) -> int:
    """A testthat folder: a pytest folder at ``out`` (see :mod:`rtorch.port.testthat`)."""
    if not out:
        print("rtorch.port: a testthat folder needs -o OUT (a folder)", file=sys.stderr)
        return 2
    from .testthat import translate_testthat
    result = translate_testthat(folder, out, edition)
    count = 0
    for r_file, todos in result.todos.items():
        for todo in todos:
            print(f"{os.path.join(folder, r_file)}:{todo.line}: TODO(port): {todo.reason}: "
                  f"{todo.text}", file=sys.stderr)
        count += len(todos)
    errors = sum(len(e) for e in result.errors.values())
    print(f"rtorch.port: {len(set(result.files.values()))} file(s) written to {out}; "
          f"{count} statement(s) left as TODO(port), {errors} parse error(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
