"""``python -m rtorch``: rtorch's version, and which optional parts are installed.

    python -m rtorch --version     # rtorch 0.1.0
    python -m rtorch --info        # the versions of PyTorch and of each extra's packages
"""
from __future__ import annotations

import argparse
import importlib.metadata

from ._version import __version__
from .lazy import installed

#: rtorch's extras and the modules each brings (pyproject.toml's optional dependencies)
EXTRAS = {"vision": ("torchvision", "PIL", "pandas"), "catalog": ("pyarrow",),
          "data": ("pandas", "palmerpenguins"), "luz": ("matplotlib", "pandas"),
          "notebooks": ("ipykernel", "nbformat", "nbclient")}

_DISTRIBUTIONS = {"PIL": "pillow"}


def _version_of(module: str) -> str:
    try:
        return importlib.metadata.version(_DISTRIBUTIONS.get(module, module))
    except importlib.metadata.PackageNotFoundError:
        return "installed" if installed(module) else "not installed"


def info() -> str:
    """One line per package: PyTorch, then each extra's packages and whether they are there."""
    lines = [f"rtorch {__version__}", f"torch {_version_of('torch')}"]
    for extra, modules in EXTRAS.items():
        found = ", ".join(f"{m} {_version_of(m)}" for m in modules)
        lines.append(f"[{extra}] {found}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m rtorch",
                                     description="R's torch, luz and torchvision in Python.")
    parser.add_argument("--version", action="version", version=f"rtorch {__version__}")
    parser.add_argument("--info", action="store_true",
                        help="show the versions of PyTorch and of the optional packages")
    args = parser.parse_args(argv)
    if args.info:
        print(info())
    else:
        parser.print_help()


if __name__ == "__main__":
    main()
