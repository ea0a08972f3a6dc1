"""Every script the site ships parses as ES5: WeChat's built-in browser and old kiosk
Chromium builds have no arrow functions, let/const or template strings."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

ACORN = ROOT / "node_modules" / "acorn" / "dist" / "acorn.js"

# Reads {name: source} on stdin, answers {name: "line:col message"} for those that fail.
PARSE = """
const acorn = require(process.argv[1]);
let data = "";
process.stdin.on("data", c => data += c).on("end", () => {
  const out = {};
  for (const [name, src] of Object.entries(JSON.parse(data))) {
    try { acorn.parse(src, {ecmaVersion: 5, sourceType: "script"}); }
    catch (e) { out[name] = (e.loc ? e.loc.line + ":" + e.loc.column + " " : "") + e.message; }
  }
  process.stdout.write(JSON.stringify(out));
});
"""


def es5_errors(sources: dict[str, str]) -> dict[str, str]:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None or not ACORN.is_file():
        pytest.fail("需要 node 和 acorn：运行 make test（会执行 npm install）")
    proc = subprocess.run([node, "-e", PARSE, str(ACORN)], input=json.dumps(sources), capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout)


def test_parser_rejects_es2015():
    """The check itself: an arrow function or a const is refused."""
    errors = es5_errors({"arrow": "var f = x => x;", "const": "const a = 1;", "ok": "var a = [1].map(function (x) { return x; });"})
    assert set(errors) == {"arrow", "const"}


def test_every_shipped_script_is_es5(sample_site):
    site = sample_site / "site"
    files = [p for p in (site / "assets" / "pufa").glob("*.js")]
    files += [site / "sw.js", site / "offline" / "sections.js"]
    files += [site / "search" / name for name in ("meta.js", "pinyin.js")] + list((site / "search").glob("search.*.min.js"))
    files += sorted((site / "search" / "t").glob("*.js"))[:20] + sorted((site / "search" / "u").glob("*.js"))[:20]
    sources = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in files}
    assert len(sources) >= 45
    # The shipped pufa.js and search.js are the joined modules; each module alone
    # too, so an error names its own file and line.
    from pufa.fingerprint import shipped
    pufa_js = shipped(site, "assets/pufa/pufa.js").relative_to(site).as_posix()
    assert "var REGISTRY=" in sources[pufa_js], "the joined, minified pufa.js"
    from pufa.browser_bundle import SOURCES
    # (and browser/preview/: what only pufa serve writes, such as 复制到公众号)
    for p in sorted(SOURCES.rglob("*.js")):
        sources[f"pufa/browser/{p.relative_to(SOURCES).as_posix()}"] = p.read_text(encoding="utf-8")
    assert "pufa/browser/preview/wechat.js" in sources
    # Scripts written into the pages themselves.
    for page in ("index.html", "screens/da-ting/index.html", "usage/index.html", "documents/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        for n, (attrs, body) in enumerate(re.findall(r"<script((?![^>]*\bsrc=)[^>]*)>(.*?)</script>", html, re.S)):
            # Material's own head scripts and its JSON settings are not ours to keep ES5.
            if body.strip() and "application/json" not in attrs and "__md_" not in body:
                sources[f"{page} 内嵌脚本 {n + 1}"] = body
    assert any("内嵌脚本" in name for name in sources)
    assert es5_errors(sources) == {}
