"""Strip template indentation from built HTML (Material's templates are deeply
indented: about a third of a small page's bytes).  Whitespace inside <pre>,
<textarea> and <script> is kept; elsewhere a newline plus indentation
becomes a newline, which browsers render the same way."""
from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
_BLANKS = re.compile(r"\n{2,}")


def compact(html: str) -> str:
    parts = _KEEP.split(html)
    out = []
    i = 0
    while i < len(parts):
        text = parts[i]
        out.append(_BLANKS.sub("\n", _INDENT.sub("\n", text)))
        if i + 1 < len(parts):
            out.append(parts[i + 1])  # the kept block
            i += 3                    # skip the tag-name group
        else:
            i += 1
    return "".join(out)
