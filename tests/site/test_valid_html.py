"""Every page of the built sample site is valid HTML for the Nu HTML Checker
(vnu-jar, npm), as inspections of government sites check (issue 18)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_no_page_has_an_html_error(sample_site):
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("需要 java 和 vnu-jar：运行 make test（会安装 default-jre-headless 并执行 npm install）")
    site = sample_site / "site"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    kinds = {p.relative_to(site).parts[0] for p in site.rglob("index.html") if len(p.relative_to(site).parts) > 1}
    assert {"lessons", "guides", "laws", "qa", "search", "screens", "posters", "campaigns", "villages"} <= kinds
    assert (site / "404.html").is_file() and len(pages) > 150
    out = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages],
                         capture_output=True, text=True, encoding="utf-8")
    errors = [line.replace(str(site), "") for line in out.stderr.splitlines() + out.stdout.splitlines() if line.strip()]
    assert errors == [], "\n".join(errors[:30])
