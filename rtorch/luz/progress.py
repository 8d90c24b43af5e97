"""luz's console output: messages, the live progress bar, and R's formatting of numbers.

* Messages (``Epoch 1/200``, ``Train metrics: Loss: 1.2345``, ``Early stopping at epoch 5 of
  25``) go to standard error, as R's ``rlang::inform()`` writes to R's message stream, and only
  when the process is verbose; in Jupyter they are ordinary output (standard output), which
  Jupyter shows as the cell's text rather than as an error stream.
* ``verbose = None`` (the default of ``fit()``, ``predict()``, ``evaluate()``) follows R's
  ``interactive()``: :func:`interactive` is true in a Python REPL, IPython or Jupyter, and when
  standard error is a terminal; the environment variable ``RTORCH_INTERACTIVE`` (``1``/``0``)
  decides when set.
* The progress bar (``12/50 [=====>------] - ETA: 3s - Loss: 1.2345``) appears when an epoch
  lasts more than 0.2 seconds, in a terminal (redrawn in place on standard error) and in
  Jupyter (an output area updated in place); it is cleared when the pass ends. In Jupyter the
  finished bar's output area is not left empty: the next bar reuses it, and the next message
  (the epoch's metrics) replaces it, so an executed notebook shows the messages in order and
  no empty outputs (a bar followed by no message, as ``lr_finder()``'s, stays, complete).
  It is redrawn at most every 0.1 seconds, and metric values are computed (a device sync)
  only then.
  ``OPTIONS`` holds luz's options: ``force_progress_bar`` (R's ``luz.force_progress_bar``:
  draw even where output is not a terminal, and from the first tick) and
  ``show_progress_bar_eta`` (R's ``luz.show_progress_bar_eta``).
"""
from __future__ import annotations

import math
import os
import shutil
import sys
import time
from typing import Any, Callable

from .distributed import is_main_process

__all__ = ["OPTIONS", "interactive", "inform", "r_number", "pretty_sec", "ProgressBar"]

#: luz's options (R's ``options(luz.force_progress_bar = , luz.show_progress_bar_eta = )``)
OPTIONS: dict[str, Any] = {"force_progress_bar": False, "show_progress_bar_eta": True,
                           "width": None}

SHOW_AFTER = 0.2      # seconds before a bar appears (R's progress: show_after = 0.2)
REDRAW_EVERY = 0.1    # seconds between redraws


def _jupyter() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()
    except AttributeError:
        return False
    return ip is not None and hasattr(ip, "kernel")


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def interactive() -> bool:
    """R's ``interactive()`` as luz uses it (see the module docstring)."""
    env = os.environ.get("RTORCH_INTERACTIVE")
    if env is not None and env.strip():
        return env.strip().lower() in ("1", "true", "yes")
    if hasattr(sys, "ps1") or sys.flags.interactive or _jupyter():
        return True
    return _isatty(sys.stderr)


#: Jupyter: (cell, output area) of the last finished bar, taken by the next bar or message
#: of the same cell
_slot: tuple[int, Any] | None = None


def _cell() -> int:
    return sys.modules["IPython"].get_ipython().execution_count


def _take_slot() -> Any:
    """The finished bar's output area, if the running cell has one."""
    global _slot
    slot, _slot = _slot, None
    return slot[1] if slot is not None and slot[0] == _cell() else None


def inform(context: Any, message: str) -> None:
    """luz's ``inform()``: ``message`` on standard error when ``context`` is verbose (in
    Jupyter: on standard output, or in place of the bar that just finished); rank 0 only
    under torch.distributed."""
    if context is not None and context.verbose and is_main_process():
        report(message)


def report(message: str) -> None:
    """One of luz's messages, where the console shows it (see the module docstring)."""
    if not _jupyter():
        print(message, file=sys.stderr, flush=True)
        return
    slot = _take_slot()
    if slot is not None:
        slot.update(_Text(message))
        return
    print(message, file=sys.stdout, flush=True)


def r_number(v: Any) -> str:
    """A number as R's ``as.character()`` writes it (``1.34``, ``2``, ``1e-04``)."""
    from ..rbase import as_character
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    return str(as_character(float(v)))            # a length-1 character vector: the string


def pretty_sec(seconds: float) -> str:
    """prettyunits' ``pretty_sec()``: ``133ms``, ``1.3s``, ``2m 3.5s``, ``1h 2m 3s``."""
    ms = seconds * 1000
    if ms < 1000:
        return f"{round(ms)}ms"
    s = round(seconds, 1)
    days, s = divmod(s, 86400)
    hours, s = divmod(s, 3600)
    minutes, s = divmod(s, 60)
    s = round(s, 1)
    parts = [f"{int(v)}{u}" for v, u in ((days, "d"), (hours, "h"), (minutes, "m")) if v]
    if s or not parts:
        parts.append(f"{s:g}s")
    return " ".join(parts)


def _terse(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "?s"
    if seconds < 50:
        return f"{max(0, round(seconds))}s"
    if seconds < 3000:
        return f"{round(seconds / 60)}m"
    return f"{round(seconds / 3600)}h"


def _width() -> int:
    return OPTIONS.get("width") or shutil.get_terminal_size((80, 24)).columns


class _Text:
    """Plain text for Jupyter's display machinery."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


class ProgressBar:
    """R's ``progress::progress_bar`` as luz configures it. ``tick(tokens)`` counts one step;
    ``tokens()`` (``{"Loss": "1.2345"}``) is called only when the bar is redrawn."""

    SPIN = "-\\|/"

    def __init__(self, total: int | None, stream: Any = None):
        self.total = total
        self.current = 0
        self.stream = stream if stream is not None else sys.stderr
        self.force = bool(OPTIONS["force_progress_bar"])
        self.mode = ("jupyter" if _jupyter() else
                     "terminal" if self.force or _isatty(self.stream) else None) \
            if is_main_process() else None
        self.start = time.perf_counter()
        self.last = 0.0
        self.shown = False
        self.handle: Any = None

    def tick(self, tokens: Callable[[], dict[str, str]] | None = None) -> None:
        """One step done; redraw when due."""
        self.current += 1
        if self.mode is None:
            return
        now = time.perf_counter()
        if not self.force and now - self.start < SHOW_AFTER:
            return
        if not self.force and now - self.last < REDRAW_EVERY and self.current != self.total:
            return
        self.last = now
        self._draw(self.line(tokens() if tokens else {}, now))

    def line(self, tokens: dict[str, str], now: float | None = None) -> str:
        """The bar's text for the current step."""
        now = time.perf_counter() if now is None else now
        elapsed = max(now - self.start, 1e-9)
        width = _width()
        extra = ""
        if self.total:
            if OPTIONS["show_progress_bar_eta"]:
                eta = elapsed / self.current * (self.total - self.current)
                extra = f" - ETA: {_terse(eta)}"
        elif OPTIONS["show_progress_bar_eta"]:
            extra = f" - Rate: {self.current / elapsed:.1f} iter/s"
        metrics = "".join(f" - {k}: {v} " for k, v in tokens.items())
        if not self.total:
            return f"{self.current}/unk [{self.SPIN[(self.current - 1) % 4]}]{extra}{metrics}"
        head = f"{self.current}/{self.total} ["
        tail = f"]{extra}{metrics}"
        size = max(width - len(head) - len(tail) - 1, 10)
        done = min(round(size * self.current / self.total), size)
        if self.current >= self.total:
            bar = "=" * size
        else:
            n = max(done - 1, 0)
            bar = "=" * n + ">" + "-" * (size - n - 1)
        return head + bar + tail

    def _draw(self, text: str) -> None:
        self.shown = True
        if self.mode == "terminal":
            self.stream.write("\r" + text.ljust(_width() - 1))
            self.stream.flush()
            return
        if self.handle is None:
            self.handle = _take_slot()                      # the last finished bar's area
        if self.handle is None:
            from IPython.display import display
            sys.stdout.flush()                              # the bar comes after what was printed
            self.handle = display(_Text(text), display_id=True)
        else:
            self.handle.update(_Text(text))

    def done(self) -> None:
        """Clear the bar (R's ``clear = TRUE``)."""
        global _slot
        if not self.shown:
            return
        if self.mode == "terminal":
            self.stream.write("\r" + " " * (_width() - 1) + "\r")
            self.stream.flush()
        elif self.handle is not None:
            _slot, self.handle = (_cell(), self.handle), None   # reused, not emptied
        self.shown = False
