"""R's parser: tree-sitter's R grammar, from the grammar wheel installed with rtorch's
``port`` extra (nothing is downloaded at run time)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

__all__ = ["parse", "parse_errors", "Node"]

Node = Any  # tree_sitter.Node


@lru_cache(maxsize=1)
def _parser():
    try:
        from tree_sitter_language_pack import get_parser
    except ImportError as e:  # pragma: no cover - depends on the installation
        raise ImportError(
            "rtorch.port needs tree-sitter's R grammar: pip install 'rtorch[port]' "
            "(tree-sitter and tree-sitter-language-pack<0.14)") from e
    return get_parser("r")


def parse(text: str) -> Node:
    """The syntax tree (``program`` node) of R source ``text``."""
    return _parser().parse(text.encode("utf-8")).root_node


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


def parse_errors(root: Node) -> list[tuple[int, str]]:
    """(1-based line, source text) of each part of the tree the grammar could not parse."""
    out = []
    src = root.text
    for n in _walk(root):
        if n.type == "ERROR" or n.is_missing:
            text = n.text.decode("utf-8", "replace").strip().splitlines()
            out.append((n.start_point[0] + 1, text[0] if text else n.type))
        elif n.type in ("program", "braced_expression"):
            # two expressions on one line need a ';' between them in R (the grammar is lenient)
            prev = None
            for child in n.children:
                if child.type == ";" or child.type == "comment":
                    prev = None if child.type == ";" else prev
                    continue
                if not child.is_named:
                    prev = None
                    continue
                between = src[prev.end_byte - root.start_byte:child.start_byte - root.start_byte] \
                    if prev is not None else b""
                if prev is not None and prev.end_point[0] == child.start_point[0] and \
                        b";" not in between:
                    line = child.start_point[0] + 1
                    out.append((line, "unexpected symbol: " + child.text.decode("utf-8", "replace")
                                .splitlines()[0]))
                prev = child
    seen: set[int] = set()
    return [(line, t) for line, t in out if not (line in seen or seen.add(line))]  # one a line
