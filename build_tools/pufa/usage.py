"""Kiosk usage counts: which function a page belongs to, and the staff page's PIN check.

Counting happens in the kiosk's browser (pufa.js) and is never sent anywhere;
the staff page at /usage/ shows and exports the counts.  The PIN only keeps
visitors from opening it by chance: the page is public and the hash is weak.
"""
from __future__ import annotations

from pufa.search.text import fnv1a

USAGE_SRC = "usage.md"


def pin_hash(pin: str, site_name: str) -> str:
    """What the staff page compares the typed PIN with (pufa.js computes the same)."""
    if not pin:
        return ""
    return format(fnv1a("pufa-usage:" + site_name + ":" + pin), "08x")
