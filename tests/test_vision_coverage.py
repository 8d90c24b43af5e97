"""How much of R torchvision's namespace ``from rtorch.vision import *`` provides."""
from pathlib import Path

import rtorch.vision as vision
from test_coverage import r_names

EXPORTS = r_names("torchvision-exports.txt")
README = (Path(vision.__file__).parent / "README.md").read_text()


def test_coverage_of_r_torchvision_exports():
    star: dict = {}
    exec("from rtorch.vision import *", star)
    have = [n for n in EXPORTS if n in star and callable(star[n])]
    missing = [n for n in EXPORTS if n not in star]
    print(f"\nrtorch.vision covers {len(have)} of R torchvision's {len(EXPORTS)} exports "
          f"({100 * len(have) / len(EXPORTS):.1f}%)")
    for n in missing:
        print(f"  missing: {n} -- {vision.NOT_PROVIDED.get(n, '?')}")
    assert len(have) / len(EXPORTS) >= 0.90
    assert sorted(missing) == sorted(vision.NOT_PROVIDED)          # each missing name has a reason
    assert all(f"`{n}`" in README for n in missing)                  # and is documented
    assert set(vision.__all__) <= set(EXPORTS)                       # nothing beyond R's names


def test_every_export_names_r_and_the_call_behind_it():
    for name in vision.__all__:
        doc = getattr(vision, name).__doc__ or ""
        assert "R torchvision's" in doc and name.split("_dataset")[0] in doc.replace("``", ""), \
            name


def test_core_never_imports_vision():
    core = Path(vision.__file__).parent.parent
    for f in core.glob("*.py"):
        assert "rtorch.vision" not in f.read_text() and "from .vision" not in f.read_text(), f
