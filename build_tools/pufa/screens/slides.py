"""What a display page shows: each playlist item as a slide for a 1920×1080 screen.

A page becomes its title, summary and main points in large type, with a QR
code to its public address; a Markdown slide is rendered as written.
Campaign pages join the playlist on their own dates.  Plain data for the
template; no MkDocs here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import markdown as md
from markupsafe import Markup

from pufa import qr
from pufa.screens import schedule as S
from pufa.screens.playlist import Item, Playlist

MAX_POINTS = 5


@dataclass
class PageInfo:
    """What a slide needs from a site page (given by the engine)."""
    title: str
    url: str                    # local URL, relative to the site root
    public: str                 # public address for the QR code ('' without site_url)
    label: str = ""             # section: 普法课堂, 办事指南 …
    summary: str = ""
    points: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    sample: bool = False
    slogan: str = ""


def headings(markdown_text: str, limit: int = MAX_POINTS) -> tuple[str, ...]:
    """The page's second-level headings as plain text: its main points."""
    out = []
    in_fence = False
    for line in markdown_text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or not line.startswith("## "):
            continue
        text = re.sub(r"\{[^}]*\}\s*$", "", line[3:])          # attr_list {#id}
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)    # links
        text = re.sub(r"[*_`]", "", text).strip()
        if text:
            out.append(text)
        if len(out) >= limit:
            break
    return tuple(out)


def render_slide_markdown(text: str) -> Markup:
    return Markup(md.markdown(text, extensions=["tables", "attr_list", "sane_lists"], output_format="html"))


def build(playlist: Playlist, by_name: dict[str, Playlist], describe: Callable[[str], PageInfo | None],
          home: PageInfo, campaigns: list[dict]) -> dict:
    """The template's view of one screen: its slides in playing order.

    `campaigns`: dicts with src, start, end, repeat, featured (content paths).
    Slides of the fallback chain come after the screen's own, marked so the
    player uses them only when nothing of its own is on.
    """
    slides: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(item_key: str, group: str, info: PageInfo | None, duration: int, window: S.Window,
            html: Markup | None = None, title: str = "", link: PageInfo | None = None):
        target = info or link or home
        slide = {
            "id": f"s{len(slides) + 1}",
            "key": item_key,
            "group": group,
            "kind": "page" if info else "slide",
            "title": title or (info.title if info else ""),
            "label": info.label if info else "",
            "summary": info.summary if info else "",
            "points": info.points if info else (),
            "facts": info.facts if info else (),
            "slogan": info.slogan if info else "",
            "sample": (info.sample if info else False) or playlist.sample,
            "html": html,
            "href": target.url,
            "public": target.public,
            "qr": Markup(qr.svg(target.public, "L", f"扫码打开：{target.title}")) if target.public else "",
            "duration": duration,
            "window": window.to_dict(),
        }
        slides.append(slide)

    def add_item(item: Item, group: str):
        if (group, item.key) in seen:
            return
        seen.add((group, item.key))
        if item.kind == "page":
            info = describe(item.page)
            if info is not None:
                add(item.key, group, info, item.duration, item.window, title=item.title)
        else:
            html = render_slide_markdown(item.markdown)
            link = describe(item.link) if item.link else None
            add(item.key, group, None, item.duration, item.window, html=html,
                title=item.title, link=link)

    for item in playlist.items:
        add_item(item, "main")
    if playlist.campaigns:
        for c in campaigns:
            window = S.Window(start=c["start"], end=c["end"], repeat=c["repeat"])
            for path in [c["src"], *c["featured"]]:
                key = "page:" + path
                if ("campaign", key) in seen:
                    continue
                info = describe(path)
                if info is not None:
                    seen.add(("campaign", key))
                    add(key, "campaign", info, playlist.duration, window)
    name, chain = playlist.fallback, [playlist.name]
    while name and name in by_name and name not in chain:
        chain.append(name)
        for item in by_name[name].items:
            add_item(item, "fallback")
        name = by_name[name].fallback

    return {
        "name": playlist.name,
        "title": playlist.title,
        "idle": playlist.idle,
        "slides": slides,
        "home": home,
        "home_qr": Markup(qr.svg(home.public, "L", f"扫码打开：{home.title}")) if home.public else "",
    }

