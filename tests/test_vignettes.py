"""The vignettes run: the whole reference tutorial, and image classification with luz."""
from __future__ import annotations

import os
import re
import subprocess
import sys

VIGNETTES = os.path.join(os.path.dirname(__file__), "..", "vignettes")


def test_whole_tutorial_prints_what_r_printed():
    env = {**os.environ, "RTORCH_INTERACTIVE": "0"}
    out = subprocess.run([sys.executable, os.path.join(VIGNETTES, "seed.py")], env=env,
                         capture_output=True, text=True, check=True, timeout=600).stdout
    assert "Iteration:  100 \nValue is:  0.3502924 \nGradient is:  -0.667685 -0.5771312 \n" in out
    assert "Value is:  6.962555e-05 \nGradient is:  -0.003222887 -0.006653666 \n" in out
    assert "> length(ds)\n[1] 333\n" in out
    assert len(re.findall(r"Epoch:  \d+    Loss:  \S+ \n", out)) == 20
    # random weights: the values (and a possible scale line) vary, the layout does not
    assert re.search(r"> model\(img\)\ntorch_tensor\n(\S+ \*\n)?( *-?[0-9.e+-]+){3}\n"
                     r"\[ CPUFloatType\{1,3\} \]\[ grad_fn = <AddmmBackward0> \]\n", out), out[-400:]


def test_image_classification_vignette_learns(tmp_path):
    sys.path.insert(0, VIGNETTES)
    try:
        import image_classification
    finally:
        sys.path.remove(VIGNETTES)
    result = image_classification.main(str(tmp_path), epochs=6)
    assert list(result["classes"]) == ["horizontal", "square", "vertical"]
    assert result["accuracy"] >= 0.8
