"""Material's markup that the Nu HTML Checker (vnu) rejects, put right on each
built page (issue 18: government sites are inspected for valid HTML).

Material writes these in base.html and its navigation partials, which have no
block to override; copying those templates whole would leave us maintaining
Material's markup by hand across its releases, so the few attributes at fault
are fixed after rendering instead (docs/decisions/0016).  Each fix is exact
text Material writes, and changes nothing a reader or a script sees:

- `autocomplete="off"` on the checkbox toggles (drawer, search, navigation):
  allowed only on text-like inputs;
- `tabindex=""` on section labels of the navigation: not an integer;
- the table of contents' title `<label for="__toc">` on a page whose toggle
  `__toc` Material did not write (the page is not in the navigation): a label
  for nothing.

Plain module: nothing from MkDocs.
"""
from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def valid_html(html: str) -> str:
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    if _TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
