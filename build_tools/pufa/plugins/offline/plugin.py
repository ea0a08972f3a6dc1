"""The pufa-offline MkDocs plugin: manifest, icons, offline page, service worker."""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from pufa import pwa
from pufa.plugins.offline.config import OfflineConfig
from pufa.plugins.offline.sw import SERVICE_WORKER

OFFLINE_PAGE = "offline/index.md"


class OfflinePlugin(BasePlugin[OfflineConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.pages: dict[str, str] = {}

    def on_files(self, files, config):
        self.pages = {}
        if self.config.enabled and files.get_file_from_path(OFFLINE_PAGE) is None:
            files.append(File.generated(config, OFFLINE_PAGE, content=(
                "---\ntitle: 离线阅读\ntemplate: pufa/offline.html\nhide: [navigation, toc]\n"
                "search: {exclude: true}\n---\n")))
        return files

    def on_page_context(self, context, page, config, nav):
        if self.config.enabled:
            context["pufa_offline"] = {"theme_color": self.config.theme_color}
        return context

    def on_post_page(self, output, page, config):
        if self.config.enabled:
            dest = page.file.dest_uri
            self.pages[dest] = dest.split("/", 1)[0] if "/" in dest else "home"
        return output

    @event_priority(-90)  # last: every other plugin has written its files
    def on_post_build(self, config):
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        logo = config.theme.get("logo")
        logo_path = Path(config.docs_dir) / logo if logo else None
        for size in (192, 512):
            pwa.make_icon(size, self.config.theme_color, site / "assets" / "pufa" / f"icon-{size}.png", logo_path)
        (site / "manifest.webmanifest").write_text(pwa.manifest(
            config.site_name, _short(config.site_name), config.site_description or "",
            self.config.theme_color), encoding="utf-8")
        sections = site / "offline" / "sections.js"
        sections.parent.mkdir(parents=True, exist_ok=True)
        sections.write_text("", encoding="utf-8")   # listed in the precache; written below
        plan = pwa.plan(site, self.config.precache_mb * 1024 * 1024, self.pages)
        (site / "offline" / "sections.js").write_text(
            "window.pufaOffline=" + json.dumps({"version": plan.version, "precacheBytes": plan.precache_bytes,
                                                 "sections": plan.sections}, ensure_ascii=False,
                                                separators=(",", ":")) + ";\n", encoding="utf-8")
        (site / "sw.js").write_text(SERVICE_WORKER % {
            "version": json.dumps(plan.version),
            "precache": json.dumps(plan.precache, ensure_ascii=False, separators=(",", ":")),
        }, encoding="utf-8")
        self.last_plan = plan


def _short(name: str) -> str:
    name = name.replace("（示例）", "")
    return name[:8]
