"""Posters: one A4 sheet per content page, with a big QR code to the page.

Plain data, paths and printing live here; the pufa plugin renders
theme/pufa/poster.html with MkDocs' Jinja environment for every content page
of a build, and `pufa poster` prints one to PDF with Chromium.
"""
from __future__ import annotations

import math
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from pufa import qr

FOLDER = "posters"          # site/posters/<page path>/index.html
TEMPLATE = "pufa/poster.html"
# The sheet's text area, in em of the poster's root font (4 mm on paper);
# theme/pufa/poster.html lays the sheet out with the same numbers.
TEXT_WIDTH = 41.5           # 186 mm sheet less 2.5 em padding each side
TEXT_HEIGHT = 20.0          # left for the title and summary (under 21.6 em: a margin for rounding)
TITLE_SIZES = (5.0, 4.2, 3.6, 3.0, 2.6, 2.2)
TITLE_LINE, TITLE_LINES, TITLE_HEIGHT = 1.25, 3, 11.0
SUMMARY_SIZES = (1.9, 1.7, 1.5, 1.35)
SUMMARY_LINE = 1.6


class PosterError(Exception):
    """A problem staff can fix; the message is Chinese and says how."""


@dataclass
class Poster:
    title: str
    summary: str
    kind: str               # 普法课堂, 办事指南 …
    sample: bool
    url: str                # the page's public address, in the QR code
    qr: Markup              # the code as inline SVG
    bureau: str
    hotline: str
    page_href: str          # from the poster back to its page (screen only)
    dest_uri: str           # where the poster is written, relative to site/
    title_em: float         # font sizes: shorter texts print larger
    summary_em: float
    title_lines: int        # CSS line clamps (a second guard)
    summary_lines: int


def has_poster(item) -> bool:
    """Articles of types that print as publicity (a directory entry or a normative document does not)."""
    return item is not None and not item.is_listing and item.ctype.posters


def dest_uri(page_dest_uri: str) -> str:
    """lessons/xian-fa/index.html -> posters/lessons/xian-fa/index.html (bundle: …/xian-fa.html)."""
    return f"{FOLDER}/{page_dest_uri}"


def url_of(dest: str) -> str:
    """The link to a built file, as MkDocs writes page URLs (…/ or ….html)."""
    return dest[: -len("index.html")] if dest.endswith("/index.html") or dest == "index.html" else dest


def back_href(page_dest_uri: str, poster_dest_uri: str) -> str:
    rel = posixpath.relpath(page_dest_uri, posixpath.dirname(poster_dest_uri))
    if rel.endswith("index.html") and poster_dest_uri.endswith("/index.html"):
        rel = rel[: -len("index.html")]     # directory URLs on a web server
    return rel


def shorten(text: str, limit: int) -> str:
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _width(text: str) -> float:
    """Width in em: Chinese characters and full-width punctuation 1, the rest about half."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.55 for c in text)


def _lines(text: str, size: float) -> int:
    # 5 % slack: lines do not break before ，。 and may end short.
    return max(1, math.ceil(_width(text) * size * 1.05 / TEXT_WIDTH))


def _cut(text: str, size: float, lines: int) -> str:
    """The longest start of text that fits in `lines` lines at `size`, ending in …"""
    if _lines(text, size) <= lines:
        return text
    while text and _lines(text + "…", size) > lines:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass
class Fit:
    title: str
    title_em: float
    title_lines: int
    summary: str
    summary_em: float
    summary_lines: int


def fit(title: str, summary: str) -> Fit:
    """Largest type that keeps title and summary inside the sheet's text area.

    The sheet itself has a fixed height and cuts what overflows, so a poster is
    always one page; this makes sure nothing needs cutting.
    """
    title, summary = shorten(title, 200), shorten(summary, 600)
    for t_em in TITLE_SIZES:
        t_lines = _lines(title, t_em)
        if t_lines <= TITLE_LINES and t_lines * t_em * TITLE_LINE <= TITLE_HEIGHT:
            break
    else:
        title = _cut(title, t_em, TITLE_LINES)
        t_lines = _lines(title, t_em)
    room = TEXT_HEIGHT - t_lines * t_em * TITLE_LINE
    for s_em in SUMMARY_SIZES:
        s_lines = _lines(summary, s_em)
        if s_lines * s_em * SUMMARY_LINE <= room:
            break
    else:
        s_lines = int(room // (s_em * SUMMARY_LINE))
        summary = _cut(summary, s_em, s_lines)
    return Fit(title, t_em, t_lines, summary, s_em, max(s_lines, 1))


def make(*, title: str, summary: str, kind: str, sample: bool, site_url: str, page_dest_uri: str,
         bureau: str, hotline: str) -> Poster:
    dest = dest_uri(page_dest_uri)
    url = qr.public_url(site_url, page_dest_uri)
    f = fit(title, summary)
    return Poster(
        title=f.title, summary=f.summary, kind=kind, sample=sample, url=url,
        # Level M: a printed sheet gets scuffed and photographed at an angle.
        qr=Markup(qr.svg(url, "M", label="扫码阅读全文", css_class="qr")),
        bureau=bureau, hotline=hotline, page_href=back_href(page_dest_uri, dest), dest_uri=dest,
        title_em=f.title_em, summary_em=f.summary_em, title_lines=f.title_lines,
        summary_lines=f.summary_lines)


def make_for(item, page_dest_uri: str, settings, site_url: str | None = None) -> Poster:
    """The poster of a content item, with the site's bureau and hotline."""
    from pufa.content.views import summary_of

    kind = item.ctype.label
    if item.meta.get("layout") == "以案释法":
        kind += " · 以案释法"
    bureau = settings.pufa.bureau
    return make(title=item.title, summary=summary_of(item), kind=kind, sample=bool(item.meta.get("sample")),
                site_url=settings.site_url if site_url is None else site_url, page_dest_uri=page_dest_uri,
                bureau=bureau.name or settings.site_name, hotline=bureau.hotline)


def render(env, poster: Poster) -> str:
    """The poster as a standalone HTML file (inline CSS, nothing loaded from elsewhere)."""
    # The type sizes as classes, written in the template's one <style> block: the
    # same block on every poster, so a strict security policy allows it by one
    # hash (no style attributes; pufa.server_config).
    most = int(TEXT_HEIGHT // (min(SUMMARY_SIZES) * SUMMARY_LINE)) + 1
    return env.get_template(TEMPLATE).render(poster=poster, type_sizes={
        "title": TITLE_SIZES, "summary": SUMMARY_SIZES, "lines": range(1, max(most, TITLE_LINES) + 1)})


def pdf_name(title: str) -> str:
    """<title>-海报.pdf, without characters Windows forbids in file names."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", title).strip(" .") or "海报"
    return f"{safe[:60]}-海报.pdf"


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge")


def find_browser() -> str | None:
    """Chromium, Chrome or Edge: on PATH, or where Windows installs them."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)"),
                 os.environ.get("LOCALAPPDATA")):
        for rel in ("Google/Chrome/Application/chrome.exe", "Microsoft/Edge/Application/msedge.exe"):
            if base and Path(base, rel).is_file():
                return str(Path(base, rel))
    return None


def print_pdf(browser: str, html: Path, pdf: Path, timeout: int = 120) -> None:
    """Print html to pdf with a headless browser (page size from the poster's @page)."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    tmp = pdf.with_name(f".{pdf.stem}.tmp.pdf")
    tmp.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="pufa-browser-") as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={profile}", f"--print-to-pdf={tmp}", html.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired:
            tmp.unlink(missing_ok=True)
            raise PosterError(f"浏览器 {browser} 在 {timeout} 秒内没有打印完。\n"
                              "      修改方法：关掉其他程序后再试一次") from None
    if not tmp.is_file() or tmp.stat().st_size == 0:
        detail = (proc.stderr or "").strip().splitlines()[-1:] or [""]
        raise PosterError(f"浏览器没有生成 PDF（{browser}，退出码 {proc.returncode}）{detail[0]}\n"
                          "      修改方法：确认浏览器能正常打开；也可以用 --html 只生成海报网页，再用浏览器打印")
    tmp.replace(pdf)
