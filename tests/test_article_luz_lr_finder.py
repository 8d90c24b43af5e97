"""What luz's learning-rate-finder article needs from rtorch: R's ``str()`` of the records
``lr_finder()`` returns (``records.str()``), with the rates R records."""
from __future__ import annotations

import numpy as np

from rtorch import *
from rtorch.luz import *
from rtorch.rbase import RVector, _str_line
from rtorch.rdatasets import iris


def test_str_line_without_length_is_a_data_frame_column():
    # R: str(iris) shows ` $ Sepal.Length: num  5.1 4.9 4.7 4.6 5 5.4 4.6 5 4.4 4.9 ...`
    values = RVector(np.asarray(iris["Sepal.Length"], dtype=np.float64))
    assert _str_line(values, give_length=False) == " num  5.1 4.9 4.7 4.6 5 5.4 4.6 5 4.4 4.9 ..."
    assert _str_line(values) == " num [1:150] 5.1 4.9 4.7 4.6 5 5.4 4.6 5 4.4 4.9 ..."
    assert _str_line(c(2.5), give_length=False) == " num 2.5"        # R: $ x: num 2.5


def _records(steps=100):
    torch_manual_seed(1)
    x = torch_randn(64, 4)
    y = x.sum(dim = 2, keepdim = True)
    model = nn_linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam) >> \
        set_hparams(in_features = 4, out_features = 1)
    return lr_finder(model, [x, y], steps = steps, start_lr = 1e-6, end_lr = 1,
                     verbose = False, dataloader_options = dict(batch_size = 8))


def test_lr_finder_records_rates_as_r_does():
    records = _records()
    assert records.shape == (100, 2) and list(records.columns) == ["lr", "loss"]
    # R: the rate is multiplied by (end_lr / start_lr)^(1/steps) before each batch
    expected = 1e-6 * (1e6 ** (np.arange(1, 101) / 100))
    np.testing.assert_allclose(records["lr"].to_numpy(), expected, rtol=1e-9)


def test_records_str_prints_what_r_prints(capsys):
    records = _records()
    assert records.str() is None
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Classes \u2018lr_records\u2019 and 'data.frame':\t100 obs. of  2 variables:"
    assert lines[1] == " $ lr  : num  1.15e-06 1.32e-06 1.51e-06 1.74e-06 2e-06 ..."
    assert lines[2].startswith(" $ loss: num  ") and lines[2].endswith(" ...")
    assert len(lines) == 3
