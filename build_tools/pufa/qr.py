"""QR codes drawn at build time from the `qrcode` package's matrix.

Every page of a 1,600-page law site carries one, so size counts: a page's code
is a one-pixel-a-module PNG inline (about 500 bytes, `img`); posters and
display screens, few and large, get vector SVG (`svg`): `qrcode`'s own SVG
factories write one <rect> per module (20–40 KB), we draw each row's dark runs
as strokes of one path (about 2 KB).
"""
from __future__ import annotations

import functools

import posixpath
from urllib.parse import quote

import qrcode
from markupsafe import escape
from qrcode import base
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}
QUIET = 4  # modules of light margin every reader expects
# Every mask gives a valid code.  `qrcode` picking the "best" one tries all
# eight: ~7 ms a code, 11 s for the law corpus.  With a fixed mask and the data
# codewords computed here (below) a code takes ~0.7 ms.  Mask 0 also gives the
# shortest paths on the corpus' URLs (about 4 % shorter).
FAST_MASK = 0


def matrix(data: str, level: str = "L", mask: int | None = None) -> list[list[bool]]:
    """The code's modules, without the quiet zone (True = dark).

    mask=None lets `qrcode` pick the mask by the standard's penalty rules.
    """
    if mask is not None:
        try:
            return _fast_matrix(data.encode("utf-8"), LEVELS[level], mask)
        except (AttributeError, TypeError):
            pass    # a `qrcode` release without the internals used there: its own (slower) way
    code = qrcode.QRCode(error_correction=LEVELS[level], border=0, mask_pattern=mask)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


@functools.lru_cache(maxsize=4096)      # a preview draws the same screens' codes after every save
def svg(data: str, level: str = "L", label: str = "", css_class: str = "pufa-qr",
        mask: int | None = None) -> str:
    """An inline <svg> of `data` that scales to its box and prints sharp."""
    return svg_of(matrix(data, level, mask), label, css_class)


def svg_of(rows: list[list[bool]], label: str = "", css_class: str = "pufa-qr") -> str:
    size = len(rows) + 2 * QUIET
    # The viewBox starts at (-QUIET, -QUIET - .5): modules sit at whole
    # coordinates and each 1-wide stroke covers its row, so no ".5" per row.
    d = []
    for y, row in enumerate(rows):
        runs = _runs(row)
        if not runs:
            continue
        x, length = runs[0]
        d.append(f"M{x} {y}h{length}")
        end = x + length
        for x, length in runs[1:]:
            d.append(f"m{x - end} 0h{length}")
            end = x + length
    title = f"<title>{escape(label)}</title>" if label else ""
    return (f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="-{QUIET} -{QUIET}.5 {size} {size}" '
            f'role="img" shape-rendering="crispEdges"{f" aria-label={_attr(label)}" if label else ""}>'
            f'{title}<rect x="-{QUIET}" y="-{QUIET}.5" width="{size}" height="{size}" fill="#fff"/>'
            f'<path stroke="#000" d="{"".join(d)}"/></svg>')


def _attr(value: str) -> str:
    return '"' + str(escape(value)) + '"'


def _runs(row: list[bool]) -> list[tuple[int, int]]:
    runs, x, n = [], 0, len(row)
    while x < n:
        if row[x]:
            start = x
            while x < n and row[x]:
                x += 1
            runs.append((start, x - start))
        else:
            x += 1
    return runs


# -- the data codewords, fast -------------------------------------------------
# `qrcode` builds them bit by bit and divides polynomials as objects (most of
# its ~2 ms a code); here: one integer for the bits, table-driven Reed-Solomon.
# Byte mode only (URLs); `qrcode` then places the modules and applies the mask.
_EXP, _LOG = [0] * 512, [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i], _LOG[_x] = _x, _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]
_GENERATORS: dict[int, list[int]] = {}


def _fast_matrix(raw: bytes, ec: int, mask: int) -> list[list[bool]]:
    for version in range(1, 41):
        count_bits = 8 if version < 10 else 16
        blocks = base.rs_blocks(version, ec)
        capacity = sum(b.data_count for b in blocks)
        if 4 + count_bits + 8 * len(raw) <= capacity * 8:
            break
    else:
        raise ValueError("too long for a QR code")
    code = qrcode.QRCode(version=version, error_correction=ec, border=0)
    code.data_cache = _codewords(raw, count_bits, blocks, capacity)
    code.makeImpl(False, mask)
    return [list(row) for row in code.modules]


def _codewords(raw: bytes, count_bits: int, blocks, capacity: int) -> list[int]:
    bits = ((0b0100 << count_bits | len(raw)) << 8 * len(raw)) | int.from_bytes(raw, "big")
    n = 4 + count_bits + 8 * len(raw)
    end = min(4, capacity * 8 - n) + (-(n + min(4, capacity * 8 - n)) % 8)   # terminator, then to a byte
    words = list((bits << end).to_bytes((n + end) // 8, "big"))
    words += [(0xEC, 0x11)[i % 2] for i in range(capacity - len(words))]
    data, ecc, offset = [], [], 0
    for b in blocks:
        data.append(words[offset:offset + b.data_count])
        ecc.append(_reed_solomon(data[-1], b.total_count - b.data_count))
        offset += b.data_count
    out = []
    for group in (data, ecc):
        for i in range(max(len(g) for g in group)):
            out.extend(g[i] for g in group if i < len(g))
    return out


def _reed_solomon(data: list[int], n: int) -> list[int]:
    gen = _GENERATORS.get(n)
    if gen is None:
        gen = [1]
        for i in range(n):      # times (x - a^i)
            gen = [a ^ (_EXP[_LOG[b] + i] if b else 0) for a, b in zip(gen + [0], [0] + gen)]
        _GENERATORS[n] = gen
    logs = [_LOG[c] for c in gen[1:]]
    rest = list(data) + [0] * n
    for i in range(len(data)):
        if rest[i]:
            lc = _LOG[rest[i]]
            for j, lg in enumerate(logs, i + 1):
                rest[j] ^= _EXP[lc + lg]
    return rest[len(data):]


def public_url(site_url: str, dest_uri: str) -> str:
    """The address a page has on the public site, whatever this build's URL style.

    `dest_uri` is the built file (``lessons/xian-fa/index.html`` or, in a
    `pufa bundle` build, ``lessons/xian-fa.html``); the public site always
    uses directory URLs, so both give ``https://…/lessons/xian-fa/``.
    """
    if not site_url:
        return ""
    path = dest_uri
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    path = posixpath.normpath(path).lstrip("./") + "/" if path.strip("/") else ""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + quote(path, safe="/-._~")


@functools.lru_cache(maxsize=4096)     # a preview draws each page's code again after a save
def img(data: str, level: str = "L", label: str = "", css_class: str = "pufa-qr") -> str:
    """An <img> of `data`: a one-pixel-a-module PNG inline, scaled by CSS with
    `image-rendering: pixelated`.  About 500 bytes where the SVG takes 2 KB, on
    each of 1,600+ law pages (docs/decisions/0005)."""
    import base64
    picture = png(data, level, scale=1)
    size = int.from_bytes(picture[16:20], "big")          # IHDR width: modules and quiet zone
    src = base64.b64encode(picture).decode("ascii")
    return (f'<img class="{css_class}" src="data:image/png;base64,{src}" width="{size}" height="{size}" '
            f'alt={_attr(label or "二维码")}>')


@functools.lru_cache(maxsize=256)      # a preview draws each page's code again after a save
def png(data: str, level: str = "M", scale: int = 8) -> bytes:
    """The code as a PNG (1-bit grey, `scale` pixels a module, with its quiet zone):
    for places that take pictures, not SVG (the 公众号 editor)."""
    import struct
    import zlib

    rows = matrix(data, level, FAST_MASK)
    size = (len(rows) + 2 * QUIET) * scale
    pad = (-size) % 8                      # each line fills whole bytes
    light_row = [False] * (len(rows) + 2 * QUIET)
    lines = []
    for row in [light_row] * QUIET + [[False] * QUIET + r + [False] * QUIET for r in rows] + [light_row] * QUIET:
        bits = "".join(("0" if dark else "1") * scale for dark in row) + "1" * pad   # 1 = white
        line = b"\x00" + int(bits, 2).to_bytes(len(bits) // 8, "big")
        lines += [line] * scale

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(lines), 9))
            + chunk(b"IEND", b""))
