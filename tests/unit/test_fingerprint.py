"""pufa's own files under hashed names (issue 18): the name a page is given
is the name of the file the build writes."""
from __future__ import annotations

import pytest

from pufa.fingerprint import FingerprintMismatch, apply, fingerprinted, plan, shipped, shipped_bytes
from pufa.minify import minify_text
from pufa.resources import theme_dir


def test_a_name_changes_with_the_bytes_and_looks_like_materials():
    a = fingerprinted("assets/pufa/pufa.css", b"a{color:red}")
    assert a.startswith("assets/pufa/pufa.") and a.endswith(".min.css") and len(a) == len("assets/pufa/pufa..min.css") + 8
    assert fingerprinted("assets/pufa/pufa.css", b"a{color:blue}") != a
    assert fingerprinted("assets/pufa/pufa.css", b"a{color:red}") == a


def test_the_sites_own_theme_wins_as_in_mkdocs(tmp_path):
    own = tmp_path / "theme" / "assets" / "pufa"
    own.mkdir(parents=True)
    (own / "pufa.css").write_text("/* 本单位的颜色 */\n.md-header { background: #8b0000; }\n", encoding="utf-8")
    names = plan([tmp_path / "theme", theme_dir()])
    assert names["assets/pufa/pufa.css"] == fingerprinted(
        "assets/pufa/pufa.css", minify_text((own / "pufa.css").read_text(encoding="utf-8"), ".css").encode())
    assert names["assets/pufa/pufa.css"] != plan([theme_dir()])["assets/pufa/pufa.css"]
    assert set(plan([theme_dir()])) == {"assets/pufa/pufa.css", "assets/pufa/pufa.js", "assets/pufa/screen.css",
                                        "assets/pufa/screen.js", "search/search.js"}


def test_apply_renames_and_refuses_a_file_that_is_not_what_the_pages_were_given(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "pufa").mkdir(parents=True)
    data = shipped_bytes("assets/pufa/screen.css", [theme_dir()])
    (site / "assets" / "pufa" / "screen.css").write_bytes(data)
    names = {"assets/pufa/screen.css": fingerprinted("assets/pufa/screen.css", data)}
    apply(site, names)
    assert not (site / "assets" / "pufa" / "screen.css").exists()
    assert shipped(site, "assets/pufa/screen.css").read_bytes() == data
    (site / "assets" / "pufa" / "screen.css").write_bytes(data + b"x")
    names = {"assets/pufa/screen.css": fingerprinted("assets/pufa/screen.css", data + b"y")}
    with pytest.raises(FingerprintMismatch):
        apply(site, names)
