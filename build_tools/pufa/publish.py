"""Build into a temporary folder and swap it in only when the build succeeded.

A reader of ``site/`` (a web server, a kiosk) never sees a half-written tree,
and a build that fails or is killed leaves the previous site as it was.
On Linux the swap is one atomic ``renameat2(RENAME_EXCHANGE)``; elsewhere two
renames in quick succession.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

BUILD_PREFIX = ".pufa-build-"
OLD_PREFIX = ".pufa-old-"

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux); False where unsupported."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def clean_stale(parent: Path) -> list[Path]:
    """Remove temp folders left by builds that were killed."""
    removed = []
    for child in parent.iterdir() if parent.is_dir() else []:
        if child.is_dir() and child.name.startswith((BUILD_PREFIX, OLD_PREFIX)):
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


def new_build_dir(site_dir: Path) -> Path:
    parent = site_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=parent))


def publish(build_dir: Path, site_dir: Path) -> None:
    """Put build_dir in place of site_dir; the old site is removed afterwards."""
    os.chmod(build_dir, 0o755)  # mkdtemp makes it private; a web server must read it
    if not site_dir.exists():
        os.replace(build_dir, site_dir)
        return
    if _exchange(build_dir, site_dir):
        shutil.rmtree(build_dir, ignore_errors=True)  # now holds the old site
        return
    old = Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=site_dir.parent))
    os.rmdir(old)
    os.replace(site_dir, old)
    os.replace(build_dir, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def discard(build_dir: Path) -> None:
    shutil.rmtree(build_dir, ignore_errors=True)
