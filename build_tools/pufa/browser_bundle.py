"""pufa's browser code: feature modules joined into the files the templates load.

The sources are ``pufa/browser/*.js``, one feature each.  They ship with the
package, never with a site: ``write_bundle`` joins them, in the order
``BUNDLES`` gives, into ``assets/pufa/pufa.js`` and ``search/search.js`` in the
built site.  ``minify.minify_site`` then minifies those like pufa's other
assets, and the offline plugin hashes the result for the service worker.

Joining, not a module system: the files are ES5 (WeChat's built-in browser,
old kiosks), so each bundle is one function whose body is its modules in turn,
sharing one scope as the single file used to.  At the top of pufa.js,
``REGISTRY`` carries the names the browser shows (offline sections, kiosk
functions), generated from the content-type registry, never copied by hand.

Plain module: nothing from MkDocs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pufa import pwa, usage
from pufa.laws.library import STATUS_LABELS

SOURCES = Path(__file__).with_name("browser")


@dataclass(frozen=True)
class Bundle:
    modules: tuple[str, ...]
    registry: bool = False      # starts with `var REGISTRY = {…};`


# Shipped file (relative to site/) -> its modules, in the order they are joined.
# Order matters only for `var` values used while loading (REGISTRY first, core
# before the rest); start.js is last and starts the features in its own order.
BUNDLES: dict[str, Bundle] = {
    "assets/pufa/pufa.js": Bundle((
        "clock.js",         # the reader's date; a law's status on it
        "core.js",          # window.pufa, the site's root, each/today/getParam
        "hash.js",          # fnv1a, shared with search.js
        "law-status.js",    # law statuses on the reader's clock (尚未生效 → 现行有效)
        "listings.js",      # listing and law-category filters, guide checklists
        "citations.js",     # article previews on cited laws
        "compare-view.js",  # 新旧对照: redline, new text only, old text only
        "law-download.js",  # a law as .docx (made in the browser), its print header
        "search-page.js",   # the header search box and the search page
        "offline.js",       # service worker, 内容已更新, 离线阅读 page
        "kiosk.js",         # browsing from a display page: 返回展示, idle reset
        "quiz.js",          # 自测题, scored in the browser
        "print.js",         # 打印本页
        "care.js",          # 关怀模式 and the reading toolbar
        "read-aloud.js",    # 朗读全文
        "usage.js",         # kiosk usage counts and the staff page
        "start.js",         # starts every feature
    ), registry=True),
    "search/search.js": Bundle((
        "clock.js",         # a law's status on the reader's date, as on its page
        "hash.js",
        "search.js",        # window.pufa.search
    )),
}


def browser_data() -> dict:
    """The registry's names as the browser needs them (REGISTRY in pufa.js)."""
    return {
        "sections": pwa.section_names(),
        "lawStatus": dict(STATUS_LABELS),
        "usage": {
            "functions": [list(f) for f in usage.functions()],
            "home": usage.HOME,
            "other": usage.OTHER,
            "renamed": dict(usage.RENAMED),
        },
    }


def _js_literal(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # JSON allows these two raw; an ES5 string literal does not.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def join(name: str) -> str:
    """The joined (unminified) text of one shipped file, e.g. ``assets/pufa/pufa.js``."""
    bundle = BUNDLES[name]
    parts = [f"/* {name}: joined from pufa/browser/ by pufa/browser_bundle.py; edit those files. */",
             "(function () {", '"use strict";']
    if bundle.registry:
        parts.append(f"var REGISTRY = {_js_literal(browser_data())};")
    for module in bundle.modules:
        text = (SOURCES / module).read_text(encoding="utf-8")
        parts.append(f"/* ---- {module} ---- */\n{text.rstrip()}")
    parts.append("})();")
    return "\n".join(parts) + "\n"


INLINE = SOURCES / "inline"


def inline(name: str) -> str:
    """A script of browser/inline/, minified, for a template to write inside <script>.

    Such scripts run where the page says them, before the first paint (what
    they show must not move the page).  Their text is the same on every page,
    so the Content-Security-Policy allows each by one hash.
    """
    from pufa.minify import minify_text

    text = minify_text((INLINE / name).read_text(encoding="utf-8"), ".js").strip()
    if "</" in text or "<!--" in text:
        raise ValueError(f"browser/inline/{name}: an inline script must not contain </ or <!--")
    return text


def write_bundle(site_dir: Path) -> list[Path]:
    """Write every bundle into the built site (before minify_site); returns the files written."""
    written = []
    for name in BUNDLES:
        out = Path(site_dir) / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(join(name), encoding="utf-8")
        written.append(out)
    return written
