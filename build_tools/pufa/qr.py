"""QR codes as small vector SVG, drawn at build time from the `qrcode` package's matrix.

`qrcode`'s own SVG factories write one <rect> per module (20–40 KB for a page
URL); every page of a 1,553-law site carries one, so we draw each row's dark
runs as strokes of one path instead (about 2 KB).
"""
from __future__ import annotations

import posixpath
from urllib.parse import quote

import qrcode
from markupsafe import escape
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}
QUIET = 4  # modules of light margin every reader expects
# Every mask gives a valid code.  Choosing the "best" one tries all eight and
# takes ~7 ms a code (11 s for the law corpus); a fixed mask takes ~2 ms.
# Mask 0 also gives the shortest paths on the corpus' URLs (about 4 % shorter).
FAST_MASK = 0


def matrix(data: str, level: str = "L", mask: int | None = None) -> list[list[bool]]:
    """The code's modules, without the quiet zone (True = dark).

    mask=None lets `qrcode` pick the mask by the standard's penalty rules.
    """
    code = qrcode.QRCode(error_correction=LEVELS[level], border=0, mask_pattern=mask)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


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
