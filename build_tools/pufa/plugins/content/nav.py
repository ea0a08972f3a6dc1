"""MkDocs' navigation objects: taking a section out of the menu."""
from __future__ import annotations


def drop_from_nav(nav, src_uri: str) -> None:
    """Take a top-level page (or the section it opens) out of the menu; it is still built and reachable."""
    def opens(item) -> bool:
        first = item.children[0] if getattr(item, "is_section", False) and item.children else item
        return getattr(first, "file", None) is not None and first.file.src_uri == src_uri

    entry = next((i for i in nav.items if opens(i)), None)
    if entry is None:
        return
    nav.items.remove(entry)
    pages = [entry] if not getattr(entry, "is_section", False) else [
        c for c in entry.children if getattr(c, "is_page", False)]
    for page in pages:
        if page in nav.pages:
            nav.pages.remove(page)
        before, after = page.previous_page, page.next_page
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before
        page.previous_page = page.next_page = None
