"""Forms attached to guides: listed with type and size, checked, precached."""
from __future__ import annotations

import json

from conftest import copy_sample, pufa


def test_guides_list_their_forms_and_they_are_precached(sample_site):
    site = sample_site / "site"
    page = (site / "guides" / "ren-min-tiao-jie" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="pufa-forms__title"') == 3
    assert "Excel 表格 · 2 KB" in page and 'href="../forms/ren-min-tiao-jie-shen-qing-shu.pdf" download' in page
    sw = (site / "sw.js").read_text(encoding="utf-8")
    for name in ("ren-min-tiao-jie-shen-qing-shu.pdf", "fa-lv-yuan-zhu-shen-qing-biao.docx"):
        assert (site / "guides" / "forms" / name).is_file() and f"guides/forms/{name}" in sw
    guides = [p for p in (site / "guides").glob("*/index.html") if 'class="pufa-forms"' in p.read_text(encoding="utf-8")]
    assert len(guides) >= 3


def test_missing_wrong_type_and_oversized_forms(tmp_path):
    site = copy_sample(tmp_path / "s")
    forms = site / "content" / "guides" / "forms"
    (forms / "big.pdf").write_bytes(b"%PDF" + b"0" * (11 * 1024 * 1024))
    (forms / "form.exe").write_bytes(b"MZ")
    guide = site / "content" / "guides" / "gong-zheng-ban-li.md"
    text = guide.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    guide.write_text(head + "\nforms:\n  - file: forms/nope.docx\n  - file: forms/form.exe\n  - file: forms/big.pdf\n---\n"
                     + rest, encoding="utf-8")
    line = head.count("\n") + 2
    report = json.loads(pufa("check", "--site", str(site), "--format", "json").stdout)
    mine = {f["code"]: f for f in report["findings"] if f["file"] == "content/guides/gong-zheng-ban-li.md"}
    assert mine["guide.form-missing"]["line"] == line and "nope.docx" in mine["guide.form-missing"]["message"]
    assert mine["guide.form-type"]["severity"] == "错误"
    assert mine["guide.form-size"]["severity"] == "警告" and "MB" in mine["guide.form-size"]["message"]
    proc = pufa("build", "--site", str(site))
    assert proc.returncode != 0 and "nope.docx" in proc.stdout + proc.stderr
