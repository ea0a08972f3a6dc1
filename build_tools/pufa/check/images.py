"""`pufa images`: find photos too big for phones on slow connections, and shrink them."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pufa.backup import keep_original

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


@dataclass
class ImageResult:
    path: Path
    before: int
    after: int | None = None
    note: str = ""


def large_images(docs_dir: Path, limit_bytes: int) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*")
                  if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES and p.stat().st_size > limit_bytes)


def shrink(path: Path, limit_bytes: int, docs_dir: Path, max_width: int = 1600) -> ImageResult:
    """Resize to at most max_width pixels and re-encode until under the limit.
    The original is kept in .pufa-backup/ (pufa.backup), never beside the photo."""
    from PIL import Image, ImageOps

    before = path.stat().st_size
    backup = keep_original(path, docs_dir)
    with Image.open(backup) as img:
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
                break
            width = int(width * 0.8)
            quality = max(60, quality - 8)
    note = "" if size <= limit_bytes else "已尽量压缩，仍超过上限：请换一张更小的图片"
    return ImageResult(path, before, size, note)
