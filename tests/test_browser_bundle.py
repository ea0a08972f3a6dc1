"""The browser code: joined from pufa/browser/ at build into the files the templates load."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from pufa import browser_bundle, usage
from pufa.search.text import fnv1a

SHIPPED = ("assets/pufa/pufa.js", "search/search.js")


def test_every_source_is_joined_once_and_not_shipped(sample_site):
    site = sample_site / "site"
    sources = {p.name for p in browser_bundle.SOURCES.glob("*.js")}
    listed = [m for b in browser_bundle.BUNDLES.values() for m in b.modules]
    assert set(listed) == sources, "a source in pufa/browser/ that no bundle joins (or the reverse)"
    assert set(browser_bundle.BUNDLES) == set(SHIPPED)
    assert sorted(p.name for p in (site / "assets" / "pufa").glob("*.js")) == ["pufa.js", "screen.js"]
    shipped = {p.relative_to(site).as_posix() for p in site.rglob("*.js")}
    for name in sources - {"search.js"}:
        assert not any(rel.endswith("/" + name) for rel in shipped), name
    sw = (site / "sw.js").read_text(encoding="utf-8")
    assert "assets/pufa/pufa.js" in sw and "search/search.js" in sw
    assert "core.js" not in sw and "browser/" not in sw
    # The shipped files are the joined sources, minified (nothing else writes them).
    from pufa.minify import minify_text
    for rel in SHIPPED:
        assert (site / rel).read_text(encoding="utf-8") == minify_text(browser_bundle.join(rel), ".js"), rel


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
