"""``rtorch.rscript``: R's auto-print for Python scripts, in a script runner and in IPython."""
from __future__ import annotations

import subprocess
import sys

import pytest

from rtorch.rscript import run_source

SCRIPT = '''\
# %% [markdown]
# # A title
# %%
from rtorch import *
x = torch_tensor(seq(1, 2))
x
for i in seq(1, 2):
    x                      # not printed: R prints top-level values only
def f():
    return None
f()
x.sum().item()
'''


def test_top_level_values_print_and_nothing_else(capsys):
    run_source(SCRIPT, {})
    assert capsys.readouterr().out == "torch_tensor\n 1\n 2\n[ CPULongType{2} ]\n[1] 3\n"


def test_echo_shows_statements_with_r_prompts_and_markdown_as_text(capsys):
    run_source(SCRIPT, {}, echo=True)
    out = capsys.readouterr().out
    assert out.startswith("\n# A title\n\n> from rtorch import *\n> x = torch_tensor(seq(1, 2))\n> x\ntorch_tensor\n")
    assert ("> for i in seq(1, 2):\n+     x                      # not printed: R prints top-level "
            "values only\n> def f():\n+     return None\n> f()\n> x.sum().item()\n[1] 3\n") in out


def test_command_line_runs_a_file(tmp_path):
    script = tmp_path / "s.py"
    script.write_text(SCRIPT)
    out = subprocess.run([sys.executable, "-m", "rtorch.rscript", str(script)],
                         capture_output=True, text=True, check=True).stdout
    assert out == "torch_tensor\n 1\n 2\n[ CPULongType{2} ]\n[1] 3\n"


def test_errors_propagate():
    with pytest.raises(IndexError, match="1-based"):
        run_source("from rtorch import *\ntorch_tensor(seq(1, 3))[0]\n", {})


def _shell():
    interactiveshell = pytest.importorskip("IPython.core.interactiveshell")
    shell = interactiveshell.InteractiveShell.instance()
    shell.run_line_magic("load_ext", "rtorch.rscript")
    return shell


def _shown_by(shell, cell: str) -> list:
    """The values IPython's display hook shows while ``cell`` runs."""
    shown = []
    hook, pub = shell.displayhook, shell.display_pub
    write, publish = hook.write_format_data, pub.publish
    hook.write_format_data = lambda data, md=None: shown.append(data["text/plain"])
    pub.publish = lambda data, *args, **kwargs: shown.append(data["text/plain"])
    try:
        shell.run_cell(cell, store_history=True).raise_error()
    finally:
        hook.write_format_data, pub.publish = write, publish
    return shown


def test_ipython_extension_shows_each_top_level_value_once():
    shell = _shell()
    shown = _shown_by(shell, "a = 1\na + 1\nfor i in [1, 2]:\n    i * 10\nNone\na + 2")
    assert shown == ["[1] 2", "[1] 3"]                    # R's print of a number
    assert shell.user_ns["_"] == 3                          # IPython's _ and Out are kept
    assert shell.user_ns["Out"][shell.execution_count - 1] == 3


def test_ipython_extension_hides_invisible_values():
    shell = _shell()
    pytest.importorskip("matplotlib")
    cell = ("from matplotlib.figure import Figure\nax = Figure().subplots()\n"
            "ax.plot([1, 2], [3, 4])\nax.set_title('t')\nax.hist([1, 2, 2])\n"
            "x = 5\nx += 1\nprint('printed')\n[1, 2]\nax.figure\n")
    assert _shown_by(shell, cell) == ["[[1]]\n[1] 1\n\n[[2]]\n[1] 2\n",
                                      "<Figure size 640x480 with 1 Axes>"]


def test_ipython_extension_unloads():
    shell = _shell()
    shell.run_line_magic("unload_ext", "rtorch.rscript")
    try:
        assert _shown_by(shell, "1 + 1\n2 + 2") == ["4"]        # IPython's own rule again
    finally:
        shell.run_line_magic("load_ext", "rtorch.rscript")


def test_script_runner_hides_matplotlib_artists(capsys):
    pytest.importorskip("matplotlib")
    run_source("from matplotlib.figure import Figure\nax = Figure().subplots()\n"
               "ax.plot([1, 2], [3, 4])\n3\n", {})
    assert capsys.readouterr().out == "[1] 3\n"


def test_echo_starts_each_statement_on_its_own_line(capsys):
    run_source('from rtorch import *\ncat("no newline")\nc(1)\n', {}, echo=True)
    assert capsys.readouterr().out == ('> from rtorch import *\n> cat("no newline")\nno newline\n'
                                       '> c(1)\n[1] 1\n')


def test_ipython_extension_draws_figures():
    interactiveshell = pytest.importorskip("IPython.core.interactiveshell")
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure
    shell = interactiveshell.InteractiveShell.instance()
    shell.run_line_magic("load_ext", "rtorch.rscript")
    fig = Figure()
    fig.subplots().plot([1, 2], [3, 4])
    data, _ = shell.display_formatter.format(fig)
    assert data["image/png"][:4] == b"\x89PNG"


def test_plot_figures_render_themselves_without_the_extension():
    formatters = pytest.importorskip("IPython.core.formatters")
    pytest.importorskip("matplotlib")
    from rtorch import c, plot
    fig = plot(c(1, 4, 9))
    data, _ = formatters.DisplayFormatter().format(fig)        # a shell without rtorch's extension
    assert data["image/png"][:4] == b"\x89PNG"
    assert data["text/plain"] == "<Figure size 600x450 with 1 Axes>"


def test_python_values_print_as_the_r_values_they_stand_for(capsys):
    run_source("True\n2.5\n'a'\n[1, 'b']\ndict(a = 1, b = [2, None])\n[]\n", {})
    assert capsys.readouterr().out == (
        '[1] TRUE\n[1] 2.5\n[1] "a"\n[[1]]\n[1] 1\n\n[[2]]\n[1] "b"\n\n'
        "$a\n[1] 1\n\n$b\n$b[[1]]\n[1] 2\n\n$b[[2]]\nNULL\n\n\nlist()\n")



R_NONES = '''\
from rtorch import *
x = torch_tensor(1, requires_grad = True)
x.grad
model = nn_linear(1, 1)
opt = optim_sgd(model.parameters, lr = 0.1)
scheduler = lr_step(opt, step_size = 1)
opt.step()
scheduler.step()
opt.zero_grad()
(x * 3).sum().backward()
x.grad
'''


def test_values_none_in_python_print_as_r_prints_them(capsys):
    """What R torch prints for these (R torch 0.17, libtorch 2.8): ``x$grad`` before any
    backward pass is an undefined tensor; an optimizer's ``$step()`` returns its loss, a
    visible NULL; an LR scheduler's ``$step()`` and ``$zero_grad()`` are invisible."""
    run_source(R_NONES, {})
    assert capsys.readouterr().out == ("torch_tensor\n[ Tensor (undefined) ]\nNULL\n"
                                       "torch_tensor\n 3\n[ CPUFloatType{1} ]\n")


def test_ipython_extension_prints_r_values_of_none():
    shell = _shell()
    shown = _shown_by(shell, R_NONES)
    assert shown == ["torch_tensor\n[ Tensor (undefined) ]", "NULL",
                     "torch_tensor\n 3\n[ CPUFloatType{1} ]"]


def test_print_is_invisible_at_the_top_level(capsys):
    """R's ``print(x, digits = 3)`` (``x.print(digits = 3)``) prints once: R's print returns
    its argument invisibly."""
    from rtorch.port import translate
    code = translate("x <- c(1.23456, 2)\nprint(x, digits = 3)\nx\n")
    assert "x.print(digits = 3)" in code
    run_source(code, {})
    assert capsys.readouterr().out == "[1] 1.23 2.00\n[1] 1.23456 2.00000\n"
