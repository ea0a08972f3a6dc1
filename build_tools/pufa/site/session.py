"""The build in progress, shared by the engine adapter and the plugins.

`pufa build` and `pufa serve` load the model, report its findings, then hand
it here before the engine starts; every plugin asks `run_for(config)` and gets
the same Run.  Under a plain `mkdocs build` nothing was handed: the first
plugin to ask loads the model (and the plugin reports it).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import jinja2

from pufa.site import model as site_model
from pufa.site.run import Run


@dataclass
class Handoff:
    load: Callable[[object], site_model.SiteModel]   # engine config -> the model for this build
    preview: bool = False
    site_url: str | None = None                  # the public address (serve replaces it)
    # pufa serve: what the previous build knew, so the next one redoes only what changed.
    memory: "PreviewMemory | None" = None


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory across a preview's builds (a changed
    template has another checksum and is compiled again)."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class PreviewMemory:
    model: site_model.SiteModel | None = None
    pages: dict = field(default_factory=dict)    # src_uri -> (title, url, html) for the search index
    generation: int = 0                          # builds so far (a background index checks it)
    templates: "TemplateCache" = field(default_factory=lambda: TemplateCache())
    # The engine's objects of the last build (files, nav, templates), for a save that renders a few pages.
    engine: dict = field(default_factory=dict)
    # A model already loaded for the next build (the engine read it to decide what a save needs).
    ready: site_model.SiteModel | None = None


_handoffs: dict[str, Handoff] = {}
_current: tuple[int, Run] | None = None


def hand(config_file: str, handoff: Handoff) -> None:
    _handoffs[str(config_file)] = handoff


def release(config_file: str) -> None:
    global _current
    _handoffs.pop(str(config_file), None)
    _current = None


def run_for(config, settings_of, relative_url) -> tuple[Run, bool]:
    """The run of this build (one per engine config object), and whether it was
    just made by a plain engine build nobody reported for."""
    global _current
    if _current is not None and _current[0] == id(config):
        return _current[1], False
    handoff = _handoffs.get(str(config.config_file_path))
    if handoff is not None:
        run = Run(handoff.load(config), relative_url, preview_mode=handoff.preview, site_url=handoff.site_url,
                  memory=handoff.memory)
        unreported = False
    else:
        run = Run(site_model.load(settings_of(config)), relative_url)
        unreported = True
    _current = (id(config), run)
    return run, unreported


def end(config=None) -> None:
    """The build of this config is over (None: whichever build was running, after an error)."""
    global _current
    if _current is not None and (config is None or _current[0] == id(config)):
        _current = None
