"""What luz's get-started article needs from rtorch: warnings shown the R way by the script
runner (no Python file and line), and the article's evaluation printed as R printed it."""
from __future__ import annotations

import os
import subprocess
import sys

from rtorch import *
from rtorch.luz import *
from rtorch.rscript import _show_warning


def test_warnings_show_as_r_shows_them(tmp_path):
    script = tmp_path / "w.py"
    script.write_text("import warnings\nwarnings.warn('dropout2d: deprecated')\n1 + 1\n")
    out = subprocess.run([sys.executable, "-m", "rtorch.rscript", str(script)],
                         capture_output = True, text = True, check = True,
                         env = {**os.environ, "RTORCH_INTERACTIVE": "0"})
    assert out.stderr == "Warning message:\ndropout2d: deprecated\n"
    assert out.stdout == "[1] 2\n" or out.stdout == "2\n"


def test_show_warning_writes_rs_form(capsys):
    _show_warning(UserWarning("boom"), UserWarning, "/some/file.py", 3)
    assert capsys.readouterr().err == "Warning message:\nboom\n"


def test_the_articles_hidden_evaluation_prints_rs_numbers():
    # luz's get-started (evaluate.Rmd): R printed loss 1.8892, mae 1.0522, mse 1.645, rmse 1.2826
    torch_manual_seed(1)

    def initialize(self, input_size, output_size):
        self.fc = nn_linear(prod(input_size), prod(output_size))
        self.output_size = output_size

    def forward(self, x):
        return (x >> torch_flatten(start_dim = 2) >> self.fc()).view(c(x.size(1), self.output_size))

    model = (nn_module(initialize = initialize, forward = forward) >>
             setup(loss = nn_mse_loss(), optimizer = optim_adam,
                   metrics = [luz_metric_mae(), luz_metric_mse(), luz_metric_rmse()]) >>
             set_hparams(input_size = 10, output_size = 1) >> set_opt_hparams(lr = 0.001))
    x = [torch_randn(100, 10), torch_randn(100, 1)]
    fitted = model >> fit(x, epochs = 1, verbose = False,
                          dataloader_options = dict(batch_size = 2, shuffle = False))
    text = repr(fitted >> evaluate(data = x))
    assert text.splitlines()[2:] == ["loss: 1.8892", "mae: 1.0522", "mse: 1.645", "rmse: 1.2826"]
