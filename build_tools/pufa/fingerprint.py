"""pufa's own scripts and styles under names that carry their content's hash.

`pufa.css` becomes `pufa.1a2b3c4d.min.css`, as Material names its files: a
server may then let browsers keep them for a year (pufa server-config), and a
new version is a new name, fetched at once.  The pages are rendered before the
files are written, so the names are worked out first, from the very bytes the
build will write (the theme's file or the joined bundle, minified); `apply`
renames the written files and refuses a file whose bytes do not match its name,
which would leave pages pointing at a file that is not there.

A preview (pufa serve) keeps the plain names: nothing is cached there.
Plain module: nothing from MkDocs.
"""
from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from pufa.browser_bundle import BUNDLES, join
from pufa.minify import minify_text

# Relative to site/: the files pufa's templates load.
OWN = ("assets/pufa/pufa.css", "assets/pufa/pufa.js", "assets/pufa/screen.css",
       "assets/pufa/screen.js", "search/search.js")


class FingerprintMismatch(RuntimeError):
    """A built file is not what its name was worked out from."""


def fingerprinted(rel: str, data: bytes) -> str:
    """`assets/pufa/pufa.css` with these bytes -> `assets/pufa/pufa.<8 hex>.min.css`."""
    path = PurePosixPath(rel)
    digest = hashlib.sha256(data).hexdigest()[:8]
    return str(path.with_name(f"{path.stem}.{digest}.min{path.suffix}"))


def shipped_bytes(rel: str, theme_dirs: list[str | Path]) -> bytes | None:
    """The bytes the build will write for `rel`, or None when no theme has it."""
    if rel in BUNDLES:
        text = join(rel)
    else:
        found = next((Path(d) / rel for d in theme_dirs if (Path(d) / rel).is_file()), None)
        if found is None:
            return None
        text = found.read_text(encoding="utf-8")
    return minify_text(text, PurePosixPath(rel).suffix).encode("utf-8")


def plan(theme_dirs: list[str | Path]) -> dict[str, str]:
    """Plain name -> fingerprinted name, for each of pufa's files the themes provide."""
    names = {}
    for rel in OWN:
        data = shipped_bytes(rel, theme_dirs)
        if data is not None:
            names[rel] = fingerprinted(rel, data)
    return names


def apply(site_dir: Path, names: dict[str, str]) -> None:
    """Rename the written (minified) files to their planned names."""
    for rel, new in names.items():
        src = site_dir / rel
        if not src.is_file():
            continue
        actual = fingerprinted(rel, src.read_bytes())
        if actual != new:
            raise FingerprintMismatch(f"{rel} 的内容和生成页面时算出的不一致（{actual} ≠ {new}）")
        src.replace(site_dir / new)


def shipped(site_dir: Path, rel: str) -> Path:
    """The built file for a plain name: fingerprinted, or plain (a preview)."""
    path = site_dir / rel
    if path.is_file():
        return path
    pattern = f"{path.stem}.*.min{path.suffix}"
    found = sorted(path.parent.glob(pattern))
    if len(found) != 1:
        raise FileNotFoundError(f"{rel}: {len(found)} files match {pattern}")
    return found[0]
