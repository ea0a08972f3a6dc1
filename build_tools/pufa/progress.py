"""Progress for long commands (pufa import-laws), drawn by tqdm.

In a terminal: tqdm's usual bar, redrawn in place. To a file, a pipe or a CI
log, '\\r' redraws would pile up as thousands of frames, so there a bar writes
one plain line at each fifth of the work instead (five lines a bar at most).
"""
from __future__ import annotations

from typing import Iterable, Iterator, TypeVar

from tqdm import tqdm

T = TypeVar("T")

LOG_STEPS = 5
LOG_FORMAT = "{desc}：{percentage:3.0f}%（{n_fmt}/{total_fmt} {unit}，用时 {elapsed}）"


def is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):   # no isatty, or a closed stream
        return False


class _LogBar(tqdm):
    """tqdm for a non-terminal: one line per step reached, never a '\\r' frame."""

    def __init__(self, *args, **kwargs):
        self._shown = 0
        # gui=True: tqdm's hook for other front ends (no status printer, no '\r' or
        # '\n' of its own at close); every update reaches display(), which throttles.
        super().__init__(*args, gui=True, mininterval=0, miniters=1, bar_format=LOG_FORMAT, **kwargs)

    def display(self, msg=None, pos=None):
        if not self.total:
            return
        step = min(self.n, self.total) * LOG_STEPS // self.total
        if step > self._shown:
            self._shown = step
            self.fp.write(self.format_meter(**self.format_dict) + "\n")
            self.fp.flush()

    def close(self):
        if not self.disable:
            self.display()   # the last step, when the final update came without a refresh
        super().close()


def track(items: Iterable[T], desc: str, stream, total: int | None = None,
          unit: str = "件") -> Iterator[T]:
    """Yield items while showing progress on stream (None: show nothing)."""
    if total is None:
        total = len(items)   # type: ignore[arg-type]
    if stream is None or not total:
        return iter(items)
    bar = tqdm if is_terminal(stream) else _LogBar
    return iter(bar(items, desc=desc, total=total, file=stream, unit=unit, leave=True))
