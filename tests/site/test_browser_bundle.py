"""The browser code: joined from pufa/browser/ at build, with the registry's names generated in."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from pufa import browser_bundle, pwa, usage
from pufa.fingerprint import shipped
from pufa.content import types as T
from pufa.search.text import fnv1a

SHIPPED = ("assets/pufa/pufa.js", "search/search.js")


def shipped_registry(site) -> dict:
    """REGISTRY as the built (minified) pufa.js carries it."""
    text = shipped(site, "assets/pufa/pufa.js").read_text(encoding="utf-8")
    at = re.search(r"var REGISTRY\s*=\s*", text)
    assert at, "pufa.js starts with the generated REGISTRY"
    data, _ = json.JSONDecoder().raw_decode(text, at.end())
    return data


def browser_data_as_json() -> dict:
    return json.loads(json.dumps(browser_bundle.browser_data(), ensure_ascii=False))


def test_every_content_type_reaches_the_browser(sample_site):
    """A type added to the registry is named on the offline page and counted on kiosks, with its own name."""
    site = sample_site / "site"
    data = shipped_registry(site)
    assert data == browser_data_as_json()
    functions = [tuple(f) for f in data["usage"]["functions"]]
    for t in T.TYPES:
        assert data["sections"].get(t.folder) == t.label, t.key
        assert (t.folder + "/", t.label) in functions, t.key
    assert ("directory/", "机构名录") in functions and "律师查询" not in dict(functions).values()
    assert data["usage"]["renamed"] == {"律师查询": "机构名录"}
    # Every section this site's pages fall in has a Chinese name (what the offline plugin groups by).
    folders = {p.relative_to(site).parts[0] if len(p.relative_to(site).parts) > 1 else "home"
               for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("posters", "assets")}
    assert {"directory", "qa", "documents", "quiz", "laws", "screens", "usage", "home"} <= folders
    assert folders | {"search"} <= set(data["sections"]), folders - set(data["sections"])


def test_a_type_added_later_is_generated_not_copied(monkeypatch):
    notices = T.ContentType(key="notice", folder="notices", label="通知公告", description="", fields=())
    monkeypatch.setattr(T, "TYPES", T.TYPES + (notices,))
    data = browser_bundle.browser_data()
    assert data["sections"]["notices"] == "通知公告"
    functions = data["usage"]["functions"]
    assert ["notices/", "通知公告"] in functions
    # After the listed types, before 知识自测 and 搜索; the staff page's columns otherwise stay.
    assert [f[1] for f in functions][-3:] == ["通知公告", "知识自测", "搜索"]
    assert "通知公告" in browser_bundle.join("assets/pufa/pufa.js")
    assert set(pwa.section_names()) >= {t.folder for t in T.TYPES}
    assert not set(pwa.MADE_SECTIONS) & {t.folder for t in T.TYPES}, "a made section hides a content type"


def test_kiosk_functions_keep_their_order():
    """The staff page's columns, as before the registry drove them (only 律师查询 became 机构名录)."""
    assert [label for _, label in usage.functions()] + [usage.HOME, usage.OTHER] == [
        "民法典", "法律法规", "办事指南", "机构名录", "法律咨询", "普法课堂", "规范性文件", "民主法治示范村",
        "党史学习", "宣传活动", "知识自测", "搜索", "首页", "其他"]


def test_every_source_is_joined_once_and_not_shipped(sample_site):
    site = sample_site / "site"
    sources = {p.name for p in browser_bundle.SOURCES.glob("*.js")}
    listed = [m for b in browser_bundle.BUNDLES.values() for m in b.modules]
    assert set(listed) == sources, "a source in pufa/browser/ that no bundle joins (or the reverse)"
    assert set(browser_bundle.BUNDLES) == set(SHIPPED)
    assert [re.sub(r"\.[0-9a-f]{8}\.min", "", p.name) for p in sorted((site / "assets" / "pufa").glob("*.js"))] \
        == ["pufa.js", "screen.js"]
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.js")}
    for name in sources - {"search.js"}:
        assert not any(rel.endswith("/" + name) for rel in built), name
    sw = (site / "sw.js").read_text(encoding="utf-8")
    for rel in SHIPPED:
        assert shipped(site, rel).relative_to(site).as_posix() in sw, rel
    assert "core.js" not in sw and "browser/" not in sw
    # The shipped files are the joined sources, minified (nothing else writes them).
    from pufa.minify import minify_text
    for rel in SHIPPED:
        assert shipped(site, rel).read_text(encoding="utf-8") == minify_text(browser_bundle.join(rel), ".js"), rel


def test_one_fnv1a_for_search_and_pin_matches_python():
    """hash.js (search shards, the staff page's PIN) gives what pufa/search/text.py gives."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.fail("需要 node：运行 make test")
    words = ["", "a", "民法", "醉驾", "minfadian", "𠀋𠀌", "pufa-usage:云溪区普法网（示例）:2468", "x" * 300]
    script = (browser_bundle.SOURCES / "hash.js").read_text(encoding="utf-8") + \
        "\nprocess.stdout.write(JSON.stringify(JSON.parse(process.argv[1]).map(fnv1a)));"
    out = subprocess.run([node, "-e", script, json.dumps(words)], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [fnv1a(w) for w in words]
    for b in browser_bundle.BUNDLES.values():
        assert "hash.js" in b.modules
    assert usage.pin_hash("2468", "云溪区普法网（示例）") == format(fnv1a("pufa-usage:云溪区普法网（示例）:2468"), "08x")
