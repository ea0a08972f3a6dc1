"""pufa serve: each page shows its own problems, and how many the site has."""
from __future__ import annotations

import threading

from markupsafe import escape

_SWAP = threading.Lock()     # one search index swapped in at a time


def by_file(findings: list) -> dict:
    """Everything `pufa check` would say, by file ('*': all of it)."""
    out: dict = {"*": findings}
    for f in findings:
        out.setdefault(f.file, []).append(f)
    return out


def banner(findings: dict, shown: str) -> str:
    """A banner at the foot of each page in `pufa serve`: this page's problems,
    and how many the whole site has (the build would stop on errors)."""
    mine = findings.get(shown, [])
    everything = findings.get("*", [])
    errors = sum(1 for f in everything if f.is_error)
    if not everything:
        return ""
    items = "".join(
        f'<li class="pufa-preview-findings__{"error" if f.is_error else "warning"}">'
        f"<b>{escape(f.severity)}</b> {escape(f.location())} {escape(f.message)}"
        f'<br><span>修改方法：{escape(f.hint)}</span></li>' for f in mine)
    state = "pufa-preview-findings--errors" if errors else "pufa-preview-findings--warnings"
    return (f'<aside class="pufa-preview-findings {state}" role="status" data-pufa-noindex>'
            f'<p><b>预览检查</b>：本页 {len(mine)} 个问题；全站 {errors} 个错误、{len(everything) - errors} 个警告'
            f'{"（有错误时 pufa build 不会生成网站）" if errors else ""}。运行 <code>pufa check</code> 查看全部。</p>'
            f'{"<ul>" + items + "</ul>" if items else ""}</aside>')


def pages_to_rebuild(previous, model) -> set[str] | None:
    """After a save: the pages whose HTML can change (None: every page).

    A saved page, the pages that name it (links, related:, featured:, a
    lawyer's firm), the home page and its section's listing; for a saved law,
    its other versions and the pages citing it.  Anything else that changed --
    settings, folder defaults, playlists, synonyms, a file added or removed --
    renders everything again."""
    if previous is None or set(previous.stamps) != set(model.stamps):
        return None
    changed = [rel for rel, stamp in model.stamps.items() if previous.stamps.get(rel) != stamp]
    pages = {rel for rel in changed if rel.endswith(".md")}
    others = [rel for rel in changed if rel not in pages]
    if any(rel.startswith("/") or rel.endswith((".yml", ".yaml")) or "/_" in "/" + rel for rel in others) \
            or any("/_" in "/" + rel for rel in pages):
        return None
    names = set()
    for rel in list(pages):
        entry = model.laws.by_src.get(rel) if model.laws else None
        if entry is not None:
            names.add(entry.short_title)
            pages.update(e.src_uri for e in model.laws.by_title.get(entry.title, []))
        else:
            names.add(rel.rsplit("/", 1)[-1].removesuffix(".md"))
            pages.update(("index.md", rel.split("/", 1)[0] + "/index.md"))
    for rel, fm in model.index.pages.items():
        if any(n in fm.body or n in str(fm.data) for n in names):
            pages.add(rel)
    return pages


def index_in_background(run, site_dir) -> None:
    """pufa serve: the search index from the pages seen so far, written beside
    the site and swapped in when done, so a save shows without waiting for it.
    A newer save's index supersedes one still being made."""
    import shutil
    from pathlib import Path

    from pufa.search.site_index import SiteIndex

    memory, generation = run.memory, run.memory.generation
    s = run.settings.search
    live = [(src, page) for src, page in memory.pages.items() if src in run.files]
    lib = run.model.laws if run.settings.laws is not None else None

    def work():
        target = Path(site_dir) / "search"
        tmp = Path(site_dir) / f".search-{generation}"
        index = SiteIndex(tmp, s.shards, s.max_postings, s.snippet_chars)
        index.start(lib)
        for src, (title, url, html) in live:
            index.add(src, title, url, html)
        index.finish(run.model.synonyms)
        with _SWAP:
            if memory.generation != generation:
                shutil.rmtree(tmp, ignore_errors=True)      # a newer save is indexing
                return
            old = Path(site_dir) / f".search-old-{generation}"
            if target.exists():
                target.rename(old)
            tmp.rename(target)
            shutil.rmtree(old, ignore_errors=True)

    def quietly():
        try:
            work()
        except Exception:   # noqa: BLE001 - the preview stopped or the folder went away: the next save remakes it
            shutil.rmtree(Path(site_dir) / f".search-{generation}", ignore_errors=True)

    threading.Thread(target=quietly, name="pufa-preview-index", daemon=True).start()

