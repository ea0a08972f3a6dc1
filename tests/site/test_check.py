"""pufa check: every broken input in tests/fixtures/bad/ gives its finding, in Chinese,
with the right file and line, and never a traceback."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, pufa
from pufa.check.runner import run

BAD = ROOT / "tests" / "fixtures" / "bad"
CASES = sorted(p for p in BAD.iterdir() if p.is_dir())
TODAY = dt.date(2026, 11, 27)
CJK = re.compile(r"[\u4e00-\u9fff]")


def case_dir(name: str) -> Path:
    return next(c for c in CASES if c.name.split("-", 1)[1] == name)


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gives_its_finding(case, base_site, tmp_path):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    shutil.copytree(case / "site", site, dirs_exist_ok=True)
    expect = yaml.safe_load((case / "expect.yml").read_text(encoding="utf-8"))
    report = run(site, today=TODAY)
    matches = [f for f in report.findings if f.code == expect["code"] and f.file == expect["file"]]
    assert matches, "\n".join(f.format() for f in report.findings)
    f = matches[0]
    assert f.line == expect["line"], f.format()
    assert f.severity == expect["severity"]
    assert CJK.search(f.message) and CJK.search(f.hint), f.format()


def test_sample_site_checks_clean():
    proc = pufa("check", "--site", str(ROOT))
    assert proc.returncode == 0, proc.stdout
    assert "共 0 个错误" in proc.stdout


def test_json_output_and_exit_codes(base_site, tmp_path):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    proc = pufa("check", "--site", str(site), "--format", "json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["errors"] == 0
    (site / "content" / "lessons" / "x.md").write_text(
        (case_dir("text-xx") / "site" / "content" / "lessons" / "x.md").read_text(encoding="utf-8"),
        encoding="utf-8")
    proc = pufa("check", "--site", str(site), "--format", "json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 1 and data["errors"] >= 1
    f = next(x for x in data["findings"] if x["code"] == "text.placeholder")
    assert f == {**f, "severity": "错误", "file": "content/lessons/x.md", "line": 11}
    assert f["column"] and f["hint"]


def test_strict_fails_on_warnings(base_site, tmp_path):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    shutil.copytree(case_dir("unknown-field") / "site", site, dirs_exist_ok=True)
    assert pufa("check", "--site", str(site)).returncode == 0
    assert pufa("check", "--site", str(site), "--strict").returncode == 1


def test_gbk_lesson_is_reported_and_fixed_losslessly(base_site, tmp_path):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    shutil.copytree(case_dir("gbk-file") / "site", site, dirs_exist_ok=True)
    page = site / "content" / "lessons" / "x.md"
    original = page.read_bytes()
    proc = pufa("check", "--site", str(site))
    assert proc.returncode == 1 and "GBK" in proc.stdout and "--fix" in proc.stdout
    proc = pufa("check", "--site", str(site), "--fix")
    assert proc.returncode == 0, proc.stdout
    assert "GBK → UTF-8" in proc.stdout
    assert page.read_text(encoding="utf-8") == original.decode("gbk")
    # The original is kept outside content/, where the build would publish it.
    assert (site / ".pufa-backup" / "lessons" / "x.md").read_bytes() == original
    assert ".pufa-backup/lessons/x.md" in proc.stdout
    assert not list((site / "content").rglob("*.bak"))
    assert pufa("build", "--site", str(site)).returncode == 0


def test_build_stops_on_check_errors_and_no_check_skips(base_site, tmp_path):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    pufa("build", "--site", str(site), check=True)
    before = (site / "site" / "index.html").read_bytes()
    shutil.copytree(case_dir("text-xx") / "site", site, dirs_exist_ok=True)
    proc = pufa("build", "--site", str(site))
    assert proc.returncode == 1 and "content/lessons/x.md:11" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (site / "site" / "index.html").read_bytes() == before
    assert pufa("build", "--site", str(site), "--no-check").returncode == 0


def test_images_fix_shrinks_photos(tmp_path):
    from PIL import Image
    import os

    site = tmp_path / "s"
    pufa("init", str(site), "--empty", check=True)
    photo = site / "content" / "villages" / "photo.jpg"
    Image.frombytes("RGB", (3000, 2000), os.urandom(3000 * 2000 * 3)).save(photo, quality=95)
    assert photo.stat().st_size > 500 * 1024
    proc = pufa("images", "--site", str(site))
    assert proc.returncode == 1 and "photo.jpg" in proc.stdout
    proc = pufa("images", "--site", str(site), "--fix")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert photo.stat().st_size <= 500 * 1024
    original = site / ".pufa-backup" / "villages" / "photo.jpg"
    assert original.stat().st_size > 500 * 1024 and ".pufa-backup/villages/photo.jpg" in proc.stdout
    assert not list((site / "content").rglob("*.bak"))
    with Image.open(photo) as img:
        assert img.width <= 1600


def test_backups_and_working_files_never_reach_the_site_or_the_bundle(tmp_path):
    """Left in content/ by older pufa versions, Word, WPS, Windows or macOS:
    none of them is published or zipped."""
    import zipfile

    site = tmp_path / "s"
    pufa("init", str(site), "--empty", check=True)
    lessons = site / "content" / "lessons"
    for name in ("photo.jpg.bak", "x.md.bak", "~$讲稿.docx", ".~lock.讲稿.docx#", "Thumbs.db", "desktop.ini",
                 "草稿.tmp"):
        (lessons / name).write_bytes(b"working file")
    assert pufa("build", "--site", str(site)).returncode == 0
    published = [p.name for p in (site / "site").rglob("*") if p.is_file()]
    assert not [n for n in published if n.endswith((".bak", ".tmp")) or n.startswith("~$")
                or n.lower() in ("thumbs.db", "desktop.ini")], published
    out = tmp_path / "b.zip"
    assert pufa("bundle", "--site", str(site), "--out", str(out)).returncode == 0
    names = zipfile.ZipFile(out).namelist()
    assert not [n for n in names if n.endswith((".bak", ".tmp")) or "~$" in n or "Thumbs" in n], names


def test_preview_shows_findings_on_the_page(base_site, tmp_path):
    """pufa serve (preview mode) builds despite errors and shows them on the page."""
    from pufa import engine

    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    shutil.copytree(case_dir("text-xx") / "site", site, dirs_exist_ok=True)
    engine.build(site, echo=lambda *a: None, preview=True)
    html = (site / "site" / "lessons" / "x" / "index.html").read_text(encoding="utf-8")
    assert 'class="pufa-preview-findings pufa-preview-findings--errors"' in html
    assert "content/lessons/x.md:11:3" in html and "粉丝xx万" in html
    other = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "本页 0 个问题；全站 1 个错误" in other


@pytest.mark.parametrize("text", [
    "原告王某某与被告李某某", "代码 `xx` 不算", "尺码 XXL 的衣服", "Xbox 游戏机", "访问 https://xx.example.cn/",
    "```\nTODO 代码块里不算\n```", "<!-- xx 注释 -->",
])
def test_not_placeholders(text):
    from pufa.check import placeholders
    assert placeholders.find(text, "content/x.md") == []
