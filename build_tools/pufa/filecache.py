"""What pufa computed from a file, kept while the file is unchanged.

A preview rebuild, or `pufa build` after its checks in the same process,
parses only the files that changed.  A file is unchanged when its size and
modification time are; a file modified within a few seconds of being read is
read again next time, since FAT-formatted USB sticks keep times in 2-second steps.
"""
from __future__ import annotations

import os
import time
from typing import Callable, TypeVar

T = TypeVar("T")
COARSE_CLOCK = 2.5          # seconds

_store: dict[tuple, tuple[tuple[int, int], float, object]] = {}


def get(kind: str, path, compute: Callable[[], T]) -> T:
    """compute() for this file, or what it returned last time if the file is unchanged."""
    try:
        st = os.stat(path)
    except OSError:
        return compute()
    stamp = (st.st_mtime_ns, st.st_size)
    key = (kind, os.fspath(path))
    hit = _store.get(key)
    if hit is not None and hit[0] == stamp and hit[1] - st.st_mtime_ns / 1e9 > COARSE_CLOCK:
        return hit[2]
    value = compute()
    _store[key] = (stamp, time.time(), value)
    return value


def forget() -> None:
    _store.clear()
