"""Display pages for screens: the playlists joined to the site's pages.

Each playlist becomes a generated page `screens/<name>/` (so it is
precached, bundled and URL-styled like any page) drawn by `pufa/screen.html`.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

from pufa import qr
from pufa.dates import cn_date
from pufa.content import types as T
from pufa.content import views
from pufa.content.slug import slugify
from pufa.screens import slides
from pufa.screens.playlist import FOLDER, Playlist

# Front-matter fields a slide lists as facts, by content type.
FACTS = {
    T.GUIDE.key: ("location", "hours", "phone"),
    T.VILLAGE.key: ("town", "level"),
    T.PARTY_HISTORY.key: ("period", "event_date"),
}


def page_src(playlist: Playlist) -> str:
    """The generated display page of a playlist."""
    return f"{FOLDER}/{slugify(playlist.name) or 'screen'}.md"


def is_playlist_file(src_uri: str) -> bool:
    """Playlists are data, not published files."""
    return src_uri.startswith(FOLDER + "/") and src_uri.endswith((".yml", ".yaml"))


class ScreenSite:
    """Describes the site's pages for slides (titles, points, URLs, QR targets)."""

    def __init__(self, index, pages: dict, site_url: str, site_name: str, lib=None):
        self.index = index
        self.pages = pages              # src_uri -> (url, dest_uri) of every page built
        self.site_url = site_url or ""
        self.site_name = site_name
        self.laws = lib.by_src if lib is not None else {}

    def describe(self, src: str) -> slides.PageInfo | None:
        if src not in self.pages:
            return None
        url, dest_uri = self.pages[src]
        public = qr.public_url(self.site_url, dest_uri)
        item = self.index.by_src(src) if self.index else None
        if item is not None and not item.is_listing:
            if item.is_draft:
                return None
            meta = item.meta
            facts = []
            for name in FACTS.get(item.ctype.key, ()):
                field = item.ctype.field(name)
                value = meta.get(name)
                if isinstance(value, list):
                    value = "、".join(str(v) for v in value)
                if name.endswith("date"):
                    value = cn_date(value) if value else value
                if value:
                    facts.append((field.label if field else name, str(value)))
            campaign = next((c for c in views.campaigns(self.index) if c["url"] == item.url), None)
            if campaign and campaign["span"]:
                facts.insert(0, ("活动时间", campaign["span"]))
            return slides.PageInfo(
                title=item.title, url=url, public=public, label=item.ctype.label,
                summary=str(meta.get("summary") or meta.get("answer") or ""), points=slides.headings(item.body),
                facts=tuple(facts), sample=bool(meta.get("sample")), slogan=str(meta.get("slogan") or ""))
        entry = self.laws.get(src)
        if entry is not None:
            return slides.PageInfo(title=entry.title, url=url, public=public, label="法律法规库")
        ctype = T.type_for_path(src)
        fm = self.index.others.get(src) if self.index else None
        title = (fm.data.get("title") if fm is not None and fm.data else None) \
            or (ctype.label if ctype and src.endswith("index.md") else None) or self.site_name
        return slides.PageInfo(title=str(title), url=url, public=public,
                               label=ctype.label if ctype else "")

    def home(self) -> slides.PageInfo:
        url = self.pages.get("index.md", ("", ""))[0]
        return slides.PageInfo(title=self.site_name, url=url,
                               public=qr.public_url(self.site_url, "index.html"))

    def campaigns(self) -> list[dict]:
        out = []
        for item in self.index.of_type(T.CAMPAIGN):
            start, end = item.meta.get("start"), item.meta.get("end")
            if start is None or end is None:
                continue
            out.append({"src": item.src_uri, "start": start, "end": end,
                        "repeat": bool(item.meta.get("repeat")),
                        "featured": [str(p) for p in item.meta.get("featured") or []]})
        return out

    def view(self, playlist: Playlist, by_name: dict) -> dict:
        return slides.build(playlist, by_name, self.describe, self.home(), self.campaigns())



def drop_from_sitemap(site_dir: Path) -> None:
    """Display pages and the kiosk usage page are not for search engines."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    kept = re.sub(r"\s*<url>\s*<loc>[^<]*/(" + FOLDER + r"/[^<]*|usage/)</loc>.*?</url>", "", text, flags=re.S)
    if kept != text:
        sitemap.write_text(kept, encoding="utf-8")
        gz = site_dir / "sitemap.xml.gz"
        if gz.is_file():
            gz.write_bytes(gzip.compress(kept.encode("utf-8"), mtime=0))
