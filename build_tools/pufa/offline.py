"""Keep Material's JavaScript from reaching other hosts.

Material's bundle fetches two scripts from unpkg.com when it needs them: a
ResizeObserver polyfill (browsers older than Chrome 64 / Safari 13.1) and
mermaid (pages with diagrams).  Both hosts are unreachable where the site
runs, so the URLs are replaced by inline ``data:`` scripts at build time.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

# Enough of ResizeObserver for Material's layout: re-measure on window resize.
_RESIZE_OBSERVER = """(function(){if(window.ResizeObserver)return;
function RO(cb){this.cb=cb;this.els=[];var self=this;
this.h=function(){self.cb(self.els.map(function(el){return{target:el,contentRect:el.getBoundingClientRect()};}),self);};
window.addEventListener('resize',this.h);}
RO.prototype.observe=function(el){this.els.push(el);var self=this;setTimeout(function(){self.h();},0);};
RO.prototype.unobserve=function(el){this.els=this.els.filter(function(e){return e!==el;});};
RO.prototype.disconnect=function(){this.els=[];window.removeEventListener('resize',this.h);};
window.ResizeObserver=RO;})();"""

# Without network there is no mermaid: show the diagram source as text.
_MERMAID_STUB = """window.mermaid={initialize:function(){},
render:function(id,src){var d=document.createElement('div');d.textContent=src;
return Promise.resolve({svg:'<pre class=\"pufa-diagram\">'+d.innerHTML+'</pre>'});}};"""


def _data_script(code: str) -> str:
    return "data:text/javascript," + quote(code, safe="")


REPLACEMENTS = {
    re.compile(r"https://unpkg\.com/resize-observer-polyfill[^\"'`]*"): _data_script(_RESIZE_OBSERVER),
    re.compile(r"https://unpkg\.com/mermaid@[^\"'`]*"): _data_script(_MERMAID_STUB),
}


def localise_script(text: str) -> str:
    for pattern, replacement in REPLACEMENTS.items():
        text = pattern.sub(lambda _m: replacement, text)
    return text


_SOURCE_MAP = re.compile(r"\n?/[/*]# sourceMappingURL=[^\n]*?(\*/)?\s*$")


def localise_material_bundle(site_dir: Path) -> list[Path]:
    """Rewrite Material's bundle(s) in a built site; returns the files changed.

    Source maps go too: they are for debugging Material itself, quote its
    sources (unpkg.com included) and add about 1 MB."""
    changed = []
    assets = site_dir / "assets"
    for path in list(assets.rglob("*.map")) if assets.is_dir() else []:
        path.unlink()
    for path in list(assets.rglob("*.min.js")) + list(assets.rglob("*.min.css")) if assets.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        new = _SOURCE_MAP.sub("", text)
        if new != text:
            path.write_text(new, encoding="utf-8")
    for path in (site_dir / "assets" / "javascripts").glob("bundle.*.js"):
        text = path.read_text(encoding="utf-8")
        new = localise_script(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed
