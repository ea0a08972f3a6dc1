"""pufa's helper processes end with pufa, however pufa ends.

A build forks a worker for the law library's search index, a preview forks
one after each save.  Killed by a signal (a closed terminal, a service
manager, `kill -9`), pufa must leave none of them running.
"""
from __future__ import annotations

import contextlib
import signal
import threading

_helpers: list = []         # running helper processes (multiprocessing.Process)


def end_with_parent() -> None:
    """Call in a forked child: on Linux it is killed when its parent ends,
    even by SIGKILL (elsewhere the parent's own cleanup stops it)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)          # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def started(process) -> None:
    """Note a helper so that `stop_helpers` can end it."""
    _helpers.append(process)


def finished(process) -> None:
    if process in _helpers:
        _helpers.remove(process)


def stop_helpers() -> None:
    """Kill every noted helper and wait until it is gone: a build that is
    stopped removes its temporary folder only after nobody writes there."""
    while _helpers:
        process = _helpers.pop()
        if process.is_alive():
            process.kill()
        process.join(timeout=10)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@contextlib.contextmanager
def stopped_like_ctrl_c():
    """SIGTERM and SIGHUP end the command as Ctrl+C does: every `finally`
    runs (temporary folders removed, helpers stopped, the old site kept)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            saved[sig] = signal.signal(sig, _interrupt)
    try:
        yield
    finally:
        for sig, previous in saved.items():
            signal.signal(sig, previous)
