"""The build in progress, shared by the engine adapter and the plugins.

`pufa build` and `pufa serve` load the model, report its findings, then hand
it here before the engine starts; every plugin asks `run_for(config)` and gets
the same Run.  Under a plain `mkdocs build` nothing was handed: the first
plugin to ask loads the model (and the plugin reports it).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pufa.site import model as site_model
from pufa.site.run import Run


@dataclass
class Handoff:
    load: Callable[[object], site_model.SiteModel]   # engine config -> the model for this build
    preview: bool = False
    site_url: str | None = None                  # the public address (serve replaces it)


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
        run = Run(handoff.load(config), relative_url, preview_mode=handoff.preview, site_url=handoff.site_url)
        unreported = False
    else:
        run = Run(site_model.load(settings_of(config)), relative_url)
        unreported = True
    _current = (id(config), run)
    return run, unreported


def end(config) -> None:
    global _current
    if _current is not None and _current[0] == id(config):
        _current = None
