"""Offline reading: the web app manifest, icons and the service worker's lists.

Plain module: given a built site, decide what the service worker precaches
(the shell, the home and listing pages, the offline page and, within a size
budget, the other pages and the search files they need) and what can be saved
on demand, section by section (保存离线阅读).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from pufa.content import types as T

SHELL_SUFFIXES = (".css", ".js", ".png", ".svg", ".ico", ".webmanifest")


# A section is the first folder of a page's address ("home" for the site's
# root); the offline page offers each as 保存「名称」.  The content types are
# named by the registry; these are the parts pufa makes itself.
MADE_SECTIONS = {
    "laws": "法律法规库",
    "quiz": "知识自测",
    "screens": "展示屏",
    "usage": "一体机使用统计",
    "offline": "离线阅读",
    "site-map": "网站地图",
    "search": "搜索索引（离线搜索法律）",   # the index files (see plan), not the search page
    "home": "首页",
}


def section_names() -> dict[str, str]:
    """Section id -> the name the offline page shows (sent to the browser in pufa.js)."""
    names = {t.folder: t.label for t in T.TYPES}
    names.update(MADE_SECTIONS)
    return names


@dataclass
class Plan:
    version: str
    precache: list[str] = field(default_factory=list)
    precache_bytes: int = 0
    sections: list[dict] = field(default_factory=list)   # saved on demand


def site_version(site_dir: Path) -> str:
    """A hash of every file: a new build with any change is a new version."""
    h = hashlib.sha256()
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.name != "sw.js":
            h.update(path.relative_to(site_dir).as_posix().encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


FORM_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".odt", ".ods")


def plan(site_dir: Path, budget_bytes: int, page_urls: dict[str, str], shell: tuple[str, ...] = ()) -> Plan:
    """page_urls: URL (relative to the site root) -> section ('laws', 'lessons' …)."""
    p = Plan(version=site_version(site_dir))

    def add(rel: str) -> None:
        path = site_dir / rel
        if rel not in p.precache and path.is_file():
            p.precache.append(rel)
            p.precache_bytes += path.stat().st_size

    # The shell: styles, scripts, icons, the offline page, the home page.
    for path in sorted(site_dir.joinpath("assets").rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and rel.endswith(SHELL_SUFFIXES) and "/fonts/" not in rel \
                and "/workers/" not in rel and "lunr" not in rel:
            add(rel)
    for rel in shell:               # what every page shows besides assets/ (the footer's 党政机关网站标识)
        add(rel)
    for rel in ("index.html", "offline/index.html", "offline/sections.js", "manifest.webmanifest",
                "search/index.html",
                *(x.relative_to(site_dir).as_posix() for x in sorted(site_dir.glob("search/search*.js"))),
                "search/meta.js", "search/pinyin.js", "search/asks.js", "search/ts.js",
                "search/elsewhere.js"):
        add(rel)
    listings = sorted(u for u, s in page_urls.items() if u.endswith("index.html") and u.count("/") <= 2)
    for rel in listings:
        add(rel)
    # Within the budget: every page that is not a law, then the search shards and blocks.
    for rel in sorted(page_urls):
        if page_urls[rel] != "laws" and p.precache_bytes + _size(site_dir / rel) <= budget_bytes:
            add(rel)
    # Forms attached to guides (申请表): readers fill them in where there is no signal.
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix.lower() in FORM_SUFFIXES and not rel.startswith("laws/") \
                and p.precache_bytes + _size(path) <= budget_bytes:
            add(rel)
    search_files = sorted(x.relative_to(site_dir).as_posix() for x in (site_dir / "search").rglob("*.js")
                          if x.parent.name in ("t", "u"))
    # To search the precached pages offline: every term shard, and the unit
    # blocks of those pages (law units come first; their blocks wait for a visit
    # or for 保存离线阅读).
    # A small site's whole index fits: then law results have snippets offline too.
    wanted = [r for r in search_files if r.startswith("search/t/")] + \
        [f"search/u/{n}.js" for n in _page_blocks(site_dir)]
    everything = sum(_size(site_dir / rel) for rel in search_files)
    if p.precache_bytes + everything <= min(budget_bytes, 8 * 1024 * 1024):
        wanted = search_files
    total = sum(_size(site_dir / rel) for rel in wanted)
    if p.precache_bytes + total <= budget_bytes:
        for rel in wanted:
            add(rel)

    # Sections to save on demand: every section's pages (laws: every law page).
    by_section: dict[str, list[str]] = {}
    for rel, section in page_urls.items():
        by_section.setdefault(section, []).append(rel)
    if (site_dir / "search").is_dir():
        by_section["search"] = search_files
    for section, rels in sorted(by_section.items()):
        missing = [r for r in sorted(rels) if r not in p.precache]
        if missing:
            p.sections.append({"id": section, "urls": missing,
                               "bytes": sum(_size(site_dir / r) for r in missing)})
    return p


LAW_KINDS = {"law", "interpretation", "regulation", "rule", "case", "other", "local", "city", "elsewhere"}


def _page_blocks(site_dir: Path) -> list[int]:
    """Unit blocks that hold units of pages other than laws (from search/meta.js)."""
    meta_file = site_dir / "search" / "meta.js"
    if not meta_file.is_file():
        return []
    text = meta_file.read_text(encoding="utf-8")
    meta = json.loads(text[text.index("(") + 1: text.rindex(")")])
    from pufa.search.build import read_docs

    kinds, docs, block, units = meta["kinds"], read_docs(meta), meta["block"], meta["units"]
    blocks: set[int] = set()
    for i, doc in enumerate(docs):
        if kinds[doc[2]] in LAW_KINDS:
            continue
        start = doc[4]
        end = docs[i + 1][4] if i + 1 < len(docs) else units
        blocks.update(range(start // block, (end - 1) // block + 1) if end > start else ())
    return sorted(blocks)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def manifest(name: str, short_name: str, description: str, theme_color: str) -> str:
    return json.dumps({
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": "zh-CN",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": theme_color,
        "icons": [
            {"src": "assets/pufa/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "assets/pufa/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
        ],
    }, ensure_ascii=False, indent=1)


def make_icon(size: int, color: str, path: Path, logo: Path | None = None) -> None:
    """The site's logo (a PNG or JPEG) on the theme colour; without one, a plain
    emblem (an open book under a balance), drawn without fonts."""
    from PIL import Image, ImageDraw

    if logo is not None and logo.is_file():
        try:
            with Image.open(logo) as src:
                mark = src.convert("RGBA")
                mark.thumbnail((int(size * 0.7), int(size * 0.7)))
                img = Image.new("RGBA", (size, size), color)
                img.alpha_composite(mark, ((size - mark.width) // 2, (size - mark.height) // 2))
                path.parent.mkdir(parents=True, exist_ok=True)
                img.convert("RGB").save(path, "PNG", optimize=True)
                return
        except OSError:
            pass   # not an image Pillow can read (an SVG): fall back to the emblem

    img = Image.new("RGB", (size, size), color)
    d = ImageDraw.Draw(img)
    s = size / 100
    white = "#ffffff"
    gold = "#f3c44b"
    # balance: post, beam, pans
    d.rectangle([48 * s, 18 * s, 52 * s, 58 * s], fill=gold)
    d.rectangle([24 * s, 22 * s, 76 * s, 26 * s], fill=gold)
    for x in (26, 74):
        d.line([x * s, 26 * s, (x - 8) * s, 42 * s], fill=gold, width=max(1, int(2 * s)))
        d.line([x * s, 26 * s, (x + 8) * s, 42 * s], fill=gold, width=max(1, int(2 * s)))
        d.pieslice([(x - 10) * s, 34 * s, (x + 10) * s, 50 * s], 0, 180, fill=gold)
    # open book
    d.polygon([(18 * s, 62 * s), (50 * s, 68 * s), (50 * s, 84 * s), (18 * s, 78 * s)], fill=white)
    d.polygon([(82 * s, 62 * s), (50 * s, 68 * s), (50 * s, 84 * s), (82 * s, 78 * s)], fill=white)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PNG", optimize=True)


def write_offline(site_dir: Path, *, site_name: str, description: str, theme_color: str,
                  precache_mb: int, logo: Path | None, pages: dict[str, str], shell: tuple[str, ...] = ()) -> Plan:
    """Icons, manifest, the offline sections and the service worker, for a built site.

    Runs last: the precache lists every file as it will be served."""
    from pufa.service_worker import SERVICE_WORKER

    for size in (192, 512):
        make_icon(size, theme_color, site_dir / "assets" / "pufa" / f"icon-{size}.png", logo)
    (site_dir / "manifest.webmanifest").write_text(
        manifest(site_name, short_name(site_name), description, theme_color), encoding="utf-8")
    sections = site_dir / "offline" / "sections.js"
    sections.parent.mkdir(parents=True, exist_ok=True)
    sections.write_text("", encoding="utf-8")   # listed in the precache; written below
    result = plan(site_dir, precache_mb * 1024 * 1024, pages, shell)
    sections.write_text(
        "window.pufaOffline=" + json.dumps({"version": result.version, "precacheBytes": result.precache_bytes,
                                             "sections": result.sections}, ensure_ascii=False,
                                            separators=(",", ":")) + ";\n", encoding="utf-8")
    (site_dir / "sw.js").write_text(SERVICE_WORKER % {
        "version": json.dumps(result.version),
        "precache": json.dumps(result.precache, ensure_ascii=False, separators=(",", ":")),
    }, encoding="utf-8")
    return result


def short_name(name: str) -> str:
    """The name under the home-screen icon."""
    return name.replace("（示例）", "")[:8]


PREVIEW_WORKER = """/* pufa serve: a preview is never served from a cache. This worker replaces
 * any offline worker an earlier build left at this address, and removes itself. */
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.registration.unregister(); }));
});
"""


def write_preview_worker(site_dir: Path) -> None:
    (site_dir / "sw.js").write_text(PREVIEW_WORKER, encoding="utf-8")
