"""Every text file of the built site also as .gz (and .br with the `brotli`
package), beside the original, for a web server to send as it is
(nginx `gzip_static on;` / `brotli_static on;`, Apache's and IIS's
equivalents, `pufa server-config`): the server compresses nothing per
request, and at the best levels, which it would not spend time on.

A compressed copy is written only where it saves at least 10 %, and is
identical build after build (no file name or time in the gzip header), so a
deployment by rsync or a checksum copies only what changed.
Plain module: no MkDocs.
"""
from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest", ".csv", ".map", ".ico"}
MIN_BYTES = 512          # below this a compressed copy saves less than its headers and a disk block
ENCODINGS = (".gz", ".br")


@dataclass
class Precompressed:
    files: int = 0
    original: int = 0
    gzip: int = 0
    brotli: int = 0
    brotli_available: bool = False


def _brotli():
    try:
        import brotli
    except ImportError:
        return None
    return brotli


def is_compressed_copy(path: Path) -> bool:
    """site/…/index.html.gz: a server's copy, not a file of the site itself."""
    return path.suffix in ENCODINGS and Path(path.stem).suffix.lower() in TEXT


def _write(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def precompress_site(site: Path) -> Precompressed:
    br = _brotli()
    report = Precompressed(brotli_available=br is not None)
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in TEXT or is_compressed_copy(path):
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        report.files += 1
        report.original += len(data)
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) <= 0.9 * len(data):
            _write(path.with_name(path.name + ".gz"), packed)
            report.gzip += len(packed)
        if br is not None:
            # Measured on 300 law pages: quality 5 packs to 0.269 at 47 MB/s, 9 to 0.262 at
            # 2.6 MB/s (gzip -9: 0.302 at 41 MB/s).  Pages get 5; pufa's and Material's
            # scripts and styles, few and fetched by every reader, get 11.
            quality = 11 if path.parts[len(site.parts)] == "assets" and path.suffix in (".css", ".js") else 5
            packed = br.compress(data, quality=quality)
            if len(packed) <= 0.9 * len(data):
                _write(path.with_name(path.name + ".br"), packed)
                report.brotli += len(packed)
    return report
