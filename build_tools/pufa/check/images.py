"""`pufa images`: find photos too big for phones on slow connections, and shrink them."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pufa.backup import keep_original

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
MAX_WIDTH = 1600   # pixels: wide enough for any screen the site is read on


@dataclass
class ImageResult:
    path: Path
    before: int
    after: int | None = None
    note: str = ""


def large_images(docs_dir: Path, limit_bytes: int) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*")
                  if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES and p.stat().st_size > limit_bytes)


def shrink(path: Path, limit_bytes: int, docs_dir: Path, max_width: int = MAX_WIDTH) -> ImageResult:
    """Resize to at most max_width pixels and re-encode until under the limit.
    The original is kept in .pufa-backup/ (pufa.backup), never beside the photo."""
    before = path.stat().st_size
    backup = keep_original(path, docs_dir)
    size = compress(backup, path, limit_bytes, max_width)
    note = "" if size <= limit_bytes else "已尽量压缩，仍超过上限：请换一张更小的图片"
    return ImageResult(path, before, size, note)


def compress(source, path: Path, limit_bytes: int, max_width: int = MAX_WIDTH) -> int:
    """The image in `source` (a path or a binary file) written to `path`, in the
    format its suffix names, smaller step by step until under the limit (or 480
    pixels wide); returns the size written."""
    from PIL import Image, ImageOps

    with Image.open(source) as img:
        img = ImageOps.exif_transpose(img)
        fmt = "PNG" if path.suffix.lower() == ".png" else "WEBP" if path.suffix.lower() == ".webp" else "JPEG"
        width = min(max_width, img.width)
        quality = 85
        while True:
            out = img
            if img.width > width:
                out = img.resize((width, round(img.height * width / img.width)), Image.LANCZOS)
            if fmt == "JPEG" and out.mode not in ("RGB", "L"):
                out = out.convert("RGB")
            kwargs = {"optimize": True}
            if fmt in ("JPEG", "WEBP"):
                kwargs["quality"] = quality
            out.save(path, fmt, **kwargs)
            size = path.stat().st_size
            if size <= limit_bytes or width <= 480:
                return size
            width = int(width * 0.8)
            quality = max(60, quality - 8)
