"""The site's settings (mkdocs.yml) as plain values, read by the engine adapter."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace


@dataclass
class Settings:
    site: Path                       # the folder holding mkdocs.yml
    config_file: Path
    docs_dir: Path
    site_dir: Path
    site_name: str = ""
    site_url: str = ""               # the public address, as written in mkdocs.yml
    site_description: str = ""
    use_directory_urls: bool = True
    logo: str | None = None
    # Each pufa plugin's options; None when the plugin is not listed in mkdocs.yml.
    pufa: SimpleNamespace | None = None
    laws: SimpleNamespace | None = None
    search: SimpleNamespace | None = None
    offline: SimpleNamespace | None = None
    material_search: bool = False    # Material's own search plugin is listed
    # The Markdown extensions mkdocs.yml lists (names) and their options, for
    # rendering a page body outside a build (`pufa wechat`).
    markdown_extensions: list = field(default_factory=list)
    mdx_configs: dict = field(default_factory=dict)
    findings: list = field(default_factory=list)

    @property
    def root(self) -> str:
        """How staff see docs_dir in messages: 'content', relative to the site."""
        try:
            return posixpath.normpath(self.docs_dir.resolve().relative_to(self.site.resolve()).as_posix())
        except ValueError:
            return self.docs_dir.resolve().as_posix()

    @property
    def link_citations(self) -> bool:
        return self.laws is not None and bool(self.laws.link_citations)

    @property
    def search_enabled(self) -> bool:
        return self.search is not None and bool(self.search.enabled)

    @property
    def offline_enabled(self) -> bool:
        return self.offline is not None and bool(self.offline.enabled)


def namespace(value):
    """Nested options (MkDocs Config objects, dicts) as attribute namespaces."""
    if hasattr(value, "items") and not isinstance(value, (str, bytes)):
        return SimpleNamespace(**{str(k): namespace(v) for k, v in value.items()})
    if isinstance(value, list):
        return [namespace(v) for v in value]
    return value
