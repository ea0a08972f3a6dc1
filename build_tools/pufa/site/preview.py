"""pufa serve: each page shows its own problems, and how many the site has."""
from __future__ import annotations

import os
import shutil
import signal
import threading
from pathlib import Path

from markupsafe import escape

from pufa.laws.library import LAWS_FOLDER
from pufa.processes import end_with_parent
from pufa.site.preview_cache import INDEXED, stamps_hash

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
    its other versions and the pages citing it.  A page added or removed
    counts as saved (the engine lists the files again).  Anything else that
    changed -- settings, folder defaults, playlists, synonyms, the law
    library's files, a section's first page or its last -- renders everything
    again: the menu of every page can change."""
    if previous is None:
        return None
    added_or_removed = set(previous.stamps) ^ set(model.stamps)
    if any(rel.startswith(("/", LAWS_FOLDER + "/")) for rel in added_or_removed) \
            or _sections(previous.stamps) != _sections(model.stamps):
        return None
    changed = [rel for rel, stamp in model.stamps.items() if previous.stamps.get(rel) != stamp]
    changed += [rel for rel in previous.stamps if rel not in model.stamps]
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
    return {rel for rel in pages if rel in model.stamps or rel.endswith("index.md")}


def _sections(stamps: dict) -> set[str]:
    """The folders that hold pages (each has its place in the menu)."""
    return {rel.split("/", 1)[0] for rel in stamps if rel.endswith(".md") and "/" in rel}


def indexed(folder: Path, stamps: dict) -> bool:
    """Whether the search index in folder was made from these sources."""
    try:
        return (folder / INDEXED).read_text(encoding="utf-8") == stamps_hash(stamps)
    except OSError:
        return False


def mark_indexed(folder: Path, stamps: dict) -> None:
    (folder / INDEXED).write_text(stamps_hash(stamps), encoding="utf-8")


def index_in_background(run, site_dir) -> None:
    """pufa serve: the search index from the pages seen so far, written beside
    the site and swapped in when done, so a save shows without waiting for it.

    Made in a forked process where there is fork (Linux): a thread would hold
    the interpreter while the next save renders, and every file the preview
    reads would wait for it.  A newer save stops the index still being made."""
    memory, generation = run.memory, run.memory.generation
    s = run.settings.search
    live = [(src, page) for src, page in memory.pages.items() if src in run.files]
    lib = run.model.laws if run.settings.laws is not None else None
    site_dir = Path(site_dir)
    stamps = dict(run.model.stamps)

    def work():
        from pufa.search.site_index import SiteIndex

        target, tmp = site_dir / "search", site_dir / f".search-{generation}"
        try:
            index = SiteIndex(tmp, s.shards, s.max_postings, s.snippet_chars, s.unit_terms,
                                s.common_share)
            index.start(lib)
            for src, (title, url, dest) in live:
                index.add(src, title, url, (site_dir / dest).read_text(encoding="utf-8"))
            index.finish(run.model.synonyms)
            mark_indexed(tmp, stamps)
            with _SWAP:
                if memory.generation != generation:
                    return                          # a newer save is indexing (thread fallback)
                old = site_dir / f".search-old-{generation}"
                if target.exists():
                    target.rename(old)
                tmp.rename(target)
                shutil.rmtree(old, ignore_errors=True)
        except Exception:   # noqa: BLE001 - the preview stopped or the folder went away: the next save remakes it
            pass
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    stop_indexing()
    if not hasattr(os, "fork"):
        threading.Thread(target=work, name="pufa-preview-index", daemon=True).start()
        return
    pid = os.fork()
    if pid == 0:                                    # the child: index, then leave at once
        try:
            os.setpgid(0, 0)                        # its own group: stopping it stops its helpers too
            end_with_parent()
            os.nice(10)                             # the next save's rendering comes first
            work()
        finally:
            os._exit(0)
    try:
        os.setpgid(pid, pid)                        # (both sides set it: no race with a quick stop)
    except (ProcessLookupError, PermissionError):
        pass
    reaper = threading.Thread(target=_reap, args=(pid,), name="pufa-preview-index", daemon=True)
    _INDEXING.append((pid, reaper, [site_dir / f".search-{generation}", site_dir / f".search-old-{generation}"]))
    reaper.start()


_INDEXING: list = []         # (pid, reaper thread, its folders) of the index being made


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def stop_indexing() -> None:
    """Stop the index a preview is still making (a newer save, or the preview ends)."""
    while _INDEXING:
        pid, reaper, folders = _INDEXING.pop()
        if reaper.is_alive():
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            reaper.join(timeout=10)
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)


# -- 复制到公众号 (pufa serve only) ------------------------------------------------

WECHAT_SCRIPT = "assets/pufa/preview-wechat.js"     # in the preview's folder only
WECHAT_SOURCE = Path(__file__).resolve().parent.parent / "browser" / "preview" / "wechat.js"
_ARTICLE = '<article class="md-content__inner md-typeset">'


def wechat_dest(page_dest_uri: str) -> str:
    """lessons/xian-fa/index.html -> lessons/xian-fa/wechat.html (…/xian-fa.html -> …/xian-fa.wechat.html):
    beside the page, so the article's relative image addresses hold for both."""
    if page_dest_uri.endswith("index.html"):
        return page_dest_uri[: -len("index.html")] + "wechat.html"
    return page_dest_uri.removesuffix(".html") + ".wechat.html"


def with_wechat_button(output: str, page_dest_uri: str, images: int, script_href: str) -> str:
    """The page with its 「复制到公众号」 bar at the top of the article and the script that copies."""
    if _ARTICLE not in output:
        return output
    name = wechat_dest(page_dest_uri).rsplit("/", 1)[-1]
    bar = (f'<div class="pufa-preview-wechat" data-pufa-noindex data-pufa-wechat="{escape(name)}" '
           f'data-pufa-images="{images}"><button type="button" class="md-button">复制到公众号</button>'
           '<span class="pufa-preview-wechat__status" role="status" aria-live="polite">'
           '只在预览里有：把本文复制成公众号编辑器能保留排版的格式。</span></div>')
    output = output.replace(_ARTICLE, _ARTICLE + bar, 1)
    return output.replace("</body>", f'<script src="{escape(script_href)}"></script></body>', 1)


def write_wechat_script(site_dir: Path) -> None:
    out = Path(site_dir) / WECHAT_SCRIPT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(WECHAT_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
