"""A notebook without rtorch's extension: luz's progress and messages show as ordinary output,
in order, with no empty outputs; ``plot(fitted)`` shows a figure; assignments print nothing.
Executed in a real Jupyter kernel (``notebooks`` tier)."""
from __future__ import annotations

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("matplotlib")

import tutorial  # noqa: E402,F401  (puts vignettes/ on the path)
from notebook import execute  # noqa: E402

CELLS = [
    "from rtorch import *\nfrom rtorch.luz import *\nfrom rtorch.luz.progress import OPTIONS\n"
    "OPTIONS['force_progress_bar'] = True        # draw the bar from the first batch",
    "x = torch_randn(64, 3)\ny = x.sum(dim = 2, keepdim = True)\n"
    "net = nn_module(initialize = lambda self: setattr(self, 'fc', nn_linear(3, 1)),\n"
    "                forward = lambda self, x: self.fc(x))",
    "dl = dataloader(tensor_dataset(x, y), batch_size = 8)\n"
    "fitted = (net >> setup(loss = nn_mse_loss(), optimizer = optim_adam)\n"
    "              >> fit(dl, epochs = 2, valid_data = dl, verbose = True))",
    "plot(fitted)",
    "z = 1",
]


@pytest.fixture(scope="module")
def cells():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    return execute(nb, timeout=300).cells           # in a kernel importing this checkout's rtorch


def _texts(cell) -> list[str]:
    out = []
    for o in cell.outputs:
        if o.output_type == "stream":
            out.append(o.text)
        elif o.output_type in ("display_data", "execute_result"):
            out.append(o.data.get("text/plain", ""))
        elif o.output_type == "error":
            raise AssertionError(f"{o.ename}: {o.evalue}")
    return out


def test_no_empty_outputs(cells):
    for cell in cells:
        for text, o in zip(_texts(cell), cell.outputs):
            assert text.strip() or "image/png" in o.get("data", {}), (cell.source, o)


def test_luz_reports_are_ordinary_output_in_order(cells):
    fit_cell = cells[2]
    assert all(o.get("name") != "stderr" for o in fit_cell.outputs)
    lines = "".join(t if t.endswith("\n") else t + "\n" for t in _texts(fit_cell)).splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Epoch 1/2", "Train metrics", "Valid metrics",
        "Epoch 2/2", "Train metrics", "Valid metrics"]
    assert all(line.startswith("Train metrics: Loss: ") for line in lines[1::3])


def test_progress_bar_area_is_reused_for_the_metrics(cells):
    # the bars were drawn (display outputs) and their areas now hold the epoch's first report
    displays = [o for o in cells[2].outputs if o.output_type == "display_data"]
    assert [d.data["text/plain"].split(":")[0] for d in displays] == ["Train metrics"] * 2


def test_plot_shows_a_figure_without_the_extension(cells):
    (out,) = cells[3].outputs
    assert out.output_type == "execute_result"
    assert out.data["image/png"][:8] == "iVBORw0K"                      # base64 of \x89PNG
    assert out.data["text/plain"].startswith("<Figure size ")


def test_assignments_print_nothing(cells):
    assert cells[4].outputs == [] and cells[1].outputs == []
