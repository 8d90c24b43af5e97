"""``python -m rtorch``: rtorch's version, and which optional parts are installed.

    python -m rtorch --version     # rtorch 0.1.0
    python -m rtorch --info        # PyTorch's version and, per extra, its packages' versions

The extras and their packages are read from rtorch's installed metadata (``pyproject.toml``'s
optional dependencies), never listed here.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import re

from ._version import __version__


#: ``name[...] >=1; extra == "luz"``: the distribution and the extra
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?[^;]*;"
                          r"\s*extra\s*==\s*['\"]([\w\-]+)['\"]")


def extras() -> dict[str, list[str]]:
    """Each extra of rtorch and the distributions it asks for (from rtorch's metadata)."""
    try:
        requires = importlib.metadata.requires("rtorch") or []
    except importlib.metadata.PackageNotFoundError:
        return {}
    out: dict[str, list[str]] = {}
    for req in requires:
        m = _REQUIREMENT.match(req)
        if m and m.group(1).lower() != "rtorch":
            out.setdefault(m.group(2), []).append(m.group(1))
    return out


def _version_of(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def info() -> str:
    """PyTorch's version, then one line per extra with its packages' versions."""
    lines = [f"rtorch {__version__}", f"torch {_version_of('torch')}"]
    for extra, distributions in extras().items():
        if extra in ("dev", "all"):
            continue
        lines.append(f"[{extra}] " + ", ".join(f"{d} {_version_of(d)}" for d in distributions))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m rtorch",
                                     description="R's torch, luz and torchvision in Python.")
    parser.add_argument("--version", action="version", version=f"rtorch {__version__}")
    parser.add_argument("--info", action="store_true",
                        help="show the versions of PyTorch and of each extra's packages")
    args = parser.parse_args(argv)
    if args.info:
        print(info())
    else:
        parser.print_help()


if __name__ == "__main__":
    main()
