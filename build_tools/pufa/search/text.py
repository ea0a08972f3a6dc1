"""How text becomes search terms.  search.js does exactly the same in the browser.

- NFKC and lower case (full-width letters and digits become ASCII);
- runs of CJK characters give overlapping bigrams (a one-character run gives
  itself): no dictionary, and the query is split the same way as the text;
- runs of ASCII letters and digits are terms of their own (12348, app).
"""
from __future__ import annotations

import re
import unicodedata

CJK_RANGE = "\u3400-\u9fff"
_TOKENS = re.compile(rf"[{CJK_RANGE}]+|[a-z0-9]+")
_HAN_RUNS = re.compile(rf"[{CJK_RANGE}]+")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def terms(text: str) -> list[str]:
    """Terms of a text in order, repeats kept."""
    out: list[str] = []
    for run in _TOKENS.findall(normalize(text)):
        if run[0] <= "z":
            out.append(run)
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


def fnv1a(term: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (what JavaScript strings are)."""
    h = 0x811C9DC5
    data = term.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def shard_term(term: str) -> str:
    """The term whose shard holds `term`: itself, except an expansion's entry
    ("#房东"), which rides in the shard of its key's first term (房东), a shard
    the query that says the key loads anyway: one request fewer per expansion."""
    if term.startswith("#"):
        first = terms(term[1:])
        return first[0] if first else term
    return term


ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def six_bits(bits) -> str:
    """0/1 values six to a character of search.js's alphabet (bit k of digit i: value 6i + k)."""
    bits = list(bits)
    return "".join(ALPHABET[sum(bits[i + k] << k for k in range(6) if i + k < len(bits))]
                   for i in range(0, len(bits), 6))


def bigrams(text: str) -> set[str]:
    """The pairs of adjacent CJK characters of a text, as written (no normalising)."""
    return {run[i:i + 2] for run in _HAN_RUNS.findall(text) for i in range(len(run) - 1)}
