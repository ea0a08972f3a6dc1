"""The built sample site under Debian's nginx with the configuration
`pufa server-config nginx` prints (issue 18): compressed files sent as built,
cache and security headers, a strict Content-Security-Policy that no page of
the site violates, the service worker and the search working."""
from __future__ import annotations

import gzip
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_sample, pufa
from nginx_site import BROTLI_MODULE, NginxMissing, serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def nginx_site():
    # Its own folder, readable by nginx's unprivileged worker (pytest's are 0700).
    work = Path(tempfile.mkdtemp(prefix="pufa-nginx-"))
    work.chmod(0o755)
    try:
        root = copy_sample(work / "s")
        pufa("build", "--site", str(root), check=True)
        try:
            with serving(root, work) as (base, server):
                yield base, root / "site", server
        except NginxMissing as exc:
            pytest.fail(str(exc))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def get(url: str, encoding: str | None = None):
    req = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_files_go_out_compressed_as_built_with_their_headers(nginx_site):
    base, site, server = nginx_site
    from pufa.fingerprint import shipped
    own = [shipped(site, rel).relative_to(site).as_posix() for rel in
           ("assets/pufa/pufa.css", "assets/pufa/pufa.js", "search/search.js")]
    for path in ("", "lessons/", *own):
        status, headers, body = get(base + path, "gzip")
        assert status == 200 and headers.get("Content-Encoding") == "gzip", (path, headers)
        local = site / (path + "index.html" if path.endswith("/") or not path else path)
        assert gzip.decompress(body) == local.read_bytes(), path
        if BROTLI_MODULE.exists():
            assert get(base + path, "br")[1].get("Content-Encoding") == "br", path
    status, headers, _ = get(base)
    csp = headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "http" not in csp and "default-src 'self'" in csp
    assert "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"]
    assert "camera=()" in headers["Permissions-Policy"] and headers["Cache-Control"] == "no-cache"
    assert "nginx/" not in headers.get("Server", "")                # server_tokens off
    material_css = next((site / "assets" / "stylesheets").glob("main.*.min.css")).name
    for path in ["assets/stylesheets/" + material_css, *own]:       # a new version is a new name
        cached = get(base + path)[1]
        assert "immutable" in cached["Cache-Control"] and cached["Content-Security-Policy"] == csp, path
    assert get(base + "sw.js")[1]["Cache-Control"] == "no-cache"
    assert get(base + "manifest.webmanifest")[1]["Content-Type"].startswith("application/manifest+json")
    status, headers, body = get(base + "no-such-page/")
    assert status == 404 and "Content-Security-Policy" in headers and "找不到".encode() in body
    assert get(base + "index.html.gz")[0] == 404                      # the copies are not pages
    assert "listen 127.0.0.1:" in server and "server_name pufa.example.gov.cn;" in server


def test_no_page_breaks_the_security_policy(nginx_site, new_page):
    base, site, _ = nginx_site
    page = new_page(390, 844)
    page.add_init_script("""window.__violations = [];
        document.addEventListener('securitypolicyviolation', function (e) {
          window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber);
        });""")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) > 100
    found = {}
    for rel in pages:
        page.goto(base + rel[: -len("index.html")], wait_until="load")
        violations = page.evaluate("window.__violations")
        if violations:
            found[rel] = violations
    assert found == {}


def test_offline_reading_and_search_work_under_the_policy(nginx_site, new_page):
    base, _, _ = nginx_site
    page = new_page(390, 844)
    page.goto(base)
    assert page.evaluate("navigator.serviceWorker.ready.then(function (r) { return !!r.active; })")
    page.goto(base + "search/?q=" + urllib.request.quote("离婚后孩子归谁"))
    page.locator(".pufa-result").first.wait_for()
    assert page.locator(".pufa-result").count() > 0
    # After that visit, with the network gone: pages and the search still answer.
    page.context.set_offline(True)
    for path in ("", "lessons/", "guides/"):
        page.goto(base + path)
        assert page.locator("h1").first.is_visible(), path
    page.goto(base + "search/?q=" + urllib.request.quote("法律援助"))
    page.locator(".pufa-result").first.wait_for()
