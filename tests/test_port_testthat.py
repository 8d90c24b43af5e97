"""R torch's own test suite, translated: ``python -m rtorch.port tests/testthat -o OUT``
turns part of R torch's ``tests/testthat`` (kept in tests/data/port/testthat/, see its README)
into pytest files using :mod:`rtorch.testthat`; running them checks rtorch against what R
torch's tests assert R gives. Each file must keep at least the passes recorded here."""
from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("tree_sitter_language_pack")

from port_proof import DATA  # noqa: E402

FOLDER = os.path.join(DATA, "testthat")

#: R file -> tests that pass today (of those its translation holds). A file's other tests fail
#: on a translation the translator cannot know to make (``res[[1]]`` on a module's output is
#: taken for a vector's 1-based ``[1]``), on R torch internals (``$ptr``, ``cpp_*``), or on
#: differences listed in docs/port.md.
PASSING = {
    "test-autograd.R": 28, "test-compare.R": 4, "test-creation-ops.R": 21, "test-device.R": 5,
    "test-distribution-normal.R": 1, "test-dtype.R": 5, "test-generator.R": 4,
    "test-indexing.R": 13, "test-linalg.R": 27, "test-nn-activation.R": 2,
    "test-nn-batchnorm.R": 4, "test-nn-conv.R": 5, "test-nn-flatten.R": 1, "test-nn-init.R": 1,
    "test-nn-linear.R": 2, "test-nn-loss.R": 12, "test-nn-multihead-attention.R": 1,
    "test-nn-normalization.R": 2, "test-nn-rnn.R": 6, "test-nn-transformer.R": 8,
    "test-nn-upsampling.R": 2, "test-nn-utils-clip-grad.R": 2, "test-nn.R": 30,
    "test-nnf-dropout.R": 1, "test-nnf-embedding.R": 2, "test-nnf-fold.R": 1,
    "test-nnf-loss.R": 6, "test-nnf-padding.R": 2, "test-nnf-pooling.R": 2,
    "test-operators.R": 32, "test-optim-adam.R": 2, "test-optim-lr_scheduler.R": 8,
    "test-optim-sgd.R": 3, "test-reduction.R": 1, "test-save.R": 6, "test-scalar.R": 3,
    "test-stack.R": 1, "test-tensor.R": 33,
    "test-utils-data.R": 8,
}


def _module(r_file: str) -> str:
    from rtorch.port.testthat import _module_name
    return _module_name(r_file)


def test_translated_suite_keeps_its_passes(tmp_path):
    out = tmp_path / "tests_py"
    # R torch's DESCRIPTION declares no testthat edition: its tests are edition 2's
    made = subprocess.run([sys.executable, "-m", "rtorch.port", FOLDER, "-o", str(out),
                           "--edition", "2"],
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr[-2000:]
    assert (out / "testthat_helpers.py").exists()
    report = tmp_path / "report.xml"
    env = dict(os.environ, OMP_NUM_THREADS="1")
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "--continue-on-collection-errors", f"--junitxml={report}", str(out)],
                   capture_output=True, text=True, timeout=900, cwd=str(out), env=env)
    passed: dict[str, int] = {}
    total: dict[str, int] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        module = case.get("classname", "").split(".")[-1]
        total[module] = total.get(module, 0) + 1
        if not any(child.tag in ("failure", "error", "skipped") for child in case):
            passed[module] = passed.get(module, 0) + 1
    lines, short = [], []
    r_files = sorted(n for n in os.listdir(FOLDER) if n.startswith("test") and n.endswith(".R"))
    for r_file in r_files:
        want = PASSING.get(r_file, 0)
        got = passed.get(_module(r_file), 0)
        lines.append(f"{r_file}: {got}/{total.get(_module(r_file), 0)}")
        if got < want:
            short.append(f"{r_file}: {got} pass, {want} before")
    print(f"R torch's tests: {sum(passed.values())} of {sum(total.values())} pass")
    print("\n".join(lines))
    assert not short, "\n".join(lines)
