"""Atomic file writes for everything rtorch saves (``torch_save``, ``luz_save``, checkpoints,
``jit_save``).

:func:`atomic_write` writes to a temporary file in the target's folder, flushes it to disk and
renames it over the target, so a reader (or a crash) only ever sees the old file or the new one.
What a plain ``open(path, "wb")`` would do is kept:

* an existing target keeps its permissions (and owner, where the process may set it); a new
  file gets the usual mode (``0666`` less the umask);
* a symbolic link is written through: its target file is replaced, the link stays;
* a missing folder is an error naming the path the user gave.

A crash (even ``kill -9``) can leave a temporary file ``.<name>.rtorch-tmp-<pid>-<random>``
behind; the next save into that folder removes those of processes that no longer run.
"""
from __future__ import annotations

import os
import re
import secrets
import stat
from typing import IO, Callable

__all__ = ["atomic_write", "TEMP_MARK"]

#: what names rtorch's temporary files (``.<name>.rtorch-tmp-<pid>-<random>``)
TEMP_MARK = ".rtorch-tmp-"
_TEMP = re.compile(r"^\..*\.rtorch-tmp-(\d+)-[0-9a-f]+$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:                 # another user's live process
        return True
    return True


def remove_stale_temporaries(folder: str) -> list[str]:
    """Remove the temporary files that crashed saves left in ``folder`` (those of processes
    that no longer run); returns their names."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _TEMP.match(name)
        if m and not _alive(int(m.group(1))):
            try:
                os.unlink(os.path.join(folder, name))
                removed.append(name)
            except OSError:
                pass
    return removed


def _target(path: str) -> str:
    """The file a write to ``path`` lands in (a symbolic link's target), checking its folder."""
    real = os.path.realpath(path) if os.path.islink(path) else os.path.abspath(path)
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        where = os.path.dirname(path) or "."
        raise FileNotFoundError(f"Can't write '{path}': the folder '{where}' does not exist")
    if os.path.isdir(real):
        raise IsADirectoryError(f"Can't write '{path}': it is a folder")
    return real


def atomic_write(path: str | os.PathLike, write: Callable[[IO[bytes]], object]) -> None:
    """Call ``write(file)`` on a temporary file next to ``path`` (or next to the file a
    symbolic link ``path`` points to), then rename it over that file. Permissions of an existing
    file are kept; a new file gets ``0666`` less the umask. On any error the temporary file is
    removed and the target is untouched."""
    path = os.fspath(path)
    real = _target(path)
    folder, base = os.path.split(real)
    remove_stale_temporaries(folder)
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    tmp = os.path.join(folder, f".{base}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)      # umask applies
    try:
        with os.fdopen(fd, "wb") as f:
            if st is not None:
                if hasattr(os, "fchmod"):
                    os.fchmod(f.fileno(), stat.S_IMODE(st.st_mode))
                else:
                    os.chmod(tmp, stat.S_IMODE(st.st_mode))
                try:
                    os.fchown(f.fileno(), st.st_uid, st.st_gid)
                except (OSError, AttributeError):
                    pass
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:                                    # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
