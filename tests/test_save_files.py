"""What saving does to the file system: writes are atomic and otherwise behave as writing the
file in place would (permissions kept, symbolic links written through, a missing folder an error
naming the path), and no temporary file outlives a save: for ``torch_save``, ``luz_save``,
luz checkpoints and ``jit_save``."""
from __future__ import annotations

import os
import stat

import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403
from rtorch.atomic import TEMP_MARK, atomic_write
from test_luz_support import mlp, regression


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _fitted():
    x, y = regression()
    return (mlp >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
            >> set_hparams(d_in = 4, d_hidden = 3) >> fit([x, y], epochs = 1, verbose = False))


def _savers(tmp_path):
    """Each way rtorch writes a file: ``save(path)``."""
    fitted = _fitted()
    script = jit_trace(nn_linear(2, 1), torch_randn(1, 2))
    return {"torch_save": lambda p: torch_save(nn_linear(2, 2), p),
            "luz_save": lambda p: luz_save(fitted, p),
            "luz_save_model_weights": lambda p: luz_save_model_weights(fitted, p),
            "jit_save": lambda p: jit_save(script, p)}


@pytest.fixture(scope="module")
def savers(tmp_path_factory):
    return _savers(tmp_path_factory.mktemp("s"))


@pytest.mark.parametrize("verb", ["torch_save", "luz_save", "luz_save_model_weights", "jit_save"])
@pytest.mark.parametrize("mode", [0o644, 0o600, 0o640, 0o664])
def test_permissions_of_an_existing_file_are_kept(tmp_path, savers, verb, mode):
    path = tmp_path / "m.pt"
    path.write_bytes(b"old")
    os.chmod(path, mode)
    savers[verb](str(path))
    assert _mode(path) == mode and path.read_bytes() != b"old"
    assert os.listdir(tmp_path) == ["m.pt"]


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_umask_mode(tmp_path, umask):
    old = os.umask(umask)
    try:
        torch_save(torch_ones(2), str(tmp_path / "new.pt"))
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.pt") == 0o666 & ~umask


@pytest.mark.parametrize("verb", ["torch_save", "luz_save", "jit_save"])
def test_a_symbolic_link_is_written_through(tmp_path, savers, verb):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "model.pt"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    link = tmp_path / "link.pt"
    link.symlink_to(os.path.join("real", "model.pt"))        # a relative link
    savers[verb](str(link))
    assert link.is_symlink() and os.readlink(link) == os.path.join("real", "model.pt")
    assert target.read_bytes() != b"old" and _mode(target) == 0o640
    assert sorted(os.listdir(tmp_path / "real")) == ["model.pt"]
    assert sorted(os.listdir(tmp_path)) == ["link.pt", "real"]
    if verb == "torch_save":
        assert type(torch_load(str(link))).__name__ == "nn_linear"


def test_a_dangling_link_creates_its_target(tmp_path):
    link = tmp_path / "link.pt"
    link.symlink_to(tmp_path / "later.pt")
    torch_save(torch_ones(1), str(link))
    assert link.is_symlink() and (tmp_path / "later.pt").is_file()


@pytest.mark.parametrize("verb", ["torch_save", "luz_save", "jit_save"])
def test_a_missing_folder_is_an_error_naming_the_path(tmp_path, savers, verb):
    path = os.path.join("no", "such", "folder", "m.pt")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with pytest.raises(FileNotFoundError,
                           match=r"Can't write 'no/such/folder/m\.pt': the folder 'no/such/folder' "
                                 "does not exist"):
            savers[verb](path)
    finally:
        os.chdir(cwd)
    assert os.listdir(tmp_path) == []


def test_a_folder_as_target_is_an_error(tmp_path):
    with pytest.raises(IsADirectoryError, match="it is a folder"):
        torch_save(torch_ones(1), str(tmp_path))


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "m.pt"
    path.write_bytes(b"old")

    def broken(f):
        f.write(b"partial")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(str(path), broken)
    assert path.read_bytes() == b"old" and os.listdir(tmp_path) == ["m.pt"]


def test_stale_temporaries_of_dead_processes_are_removed_by_the_next_save(tmp_path):
    import subprocess
    import sys
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = [f".m.pt{TEMP_MARK}{dead}-0badc0de", f".other.pt{TEMP_MARK}{dead}-12345678"]
    alive = f".x.pt{TEMP_MARK}{os.getpid()}-abcdef01"        # a save running now: kept
    unrelated = ".m.pt.tmp-notours"
    for name in stale + [alive, unrelated]:
        (tmp_path / name).write_bytes(b"x" * 100)
    torch_save(torch_ones(1), str(tmp_path / "new.pt"))
    assert sorted(os.listdir(tmp_path)) == sorted(["new.pt", alive, unrelated])


def test_checkpoints_are_written_through_links_keeping_permissions(tmp_path):
    x, y = regression()
    (tmp_path / "store").mkdir()
    (tmp_path / "ckpt").symlink_to(tmp_path / "store")
    path = str(tmp_path / "ckpt" / "epoch.pt")
    (tmp_path / "store" / "epoch.pt").write_bytes(b"old")
    os.chmod(tmp_path / "store" / "epoch.pt", 0o640)
    (mlp >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
     >> set_hparams(d_in = 4, d_hidden = 3)
     >> fit([x, y], epochs = 2, verbose = False,
            callbacks = [luz_callback_model_checkpoint(path, monitor = "train_loss")]))
    assert _mode(tmp_path / "store" / "epoch.pt") == 0o640
    assert os.listdir(tmp_path / "store") == ["epoch.pt"]
    state = torch_load(path)
    assert state["epoch"] == 2 and "model" in state
