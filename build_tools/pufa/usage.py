"""Kiosk usage counts: which function a page belongs to, and the staff page's PIN check.

Counting happens in the kiosk's browser (pufa.js) and is never sent anywhere;
the staff page at /usage/ shows and exports the counts.  The PIN only keeps
visitors from opening it by chance: the page is public and the hash is weak.
"""
from __future__ import annotations

from pufa.content import types as T
from pufa.search.text import fnv1a

USAGE_SRC = "usage.md"

HOME, OTHER = "首页", "其他"
# The staff page's columns, most used on a kiosk first: law texts, then the
# content types (named by the registry; one added later comes after these),
# then the quizzes and the search.
_LAWS = (("laws/min-fa-dian/", "民法典"), ("laws/", "法律法规"))
_TYPE_ORDER = ("guides", "directory", "qa", "lessons", "documents", "villages", "party-history", "campaigns")
_MADE = (("quiz/", "知识自测"), ("search/", "搜索"))
# Counts a kiosk kept under a function's old name are shown under the new one.
RENAMED = {"律师查询": T.DIRECTORY.label}


def functions() -> list[tuple[str, str]]:
    """(address prefix, function name); pufa.js counts a page for the first prefix it starts with."""
    rank = {folder: i for i, folder in enumerate(_TYPE_ORDER)}
    types = sorted(T.TYPES, key=lambda t: rank.get(t.folder, len(rank)))   # stable: registry order after
    return [*_LAWS, *((t.folder + "/", t.label) for t in types), *_MADE]


def pin_hash(pin: str, site_name: str) -> str:
    """What the staff page compares the typed PIN with (pufa.js computes the same)."""
    if not pin:
        return ""
    return format(fnv1a("pufa-usage:" + site_name + ":" + pin), "08x")
