"""Where pufa's own theme and sample content are, installed or in a checkout."""
from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder ``theme`` or ``content`` that ships with pufa.

    A wheel carries them in ``pufa/_data``; an editable install or a source
    checkout uses the folders at the repository root.
    """
    packaged = _PKG / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PKG.parent.parent / name


def theme_dir() -> Path:
    return data_dir("theme")


def sample_content_dir() -> Path:
    return data_dir("content")
