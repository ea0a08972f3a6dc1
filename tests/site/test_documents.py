"""规范性文件: 文号 parsing, per-page and cross-page checks (Chinese, line-exact),
the register's counts in the built site, and filtering the register on a phone."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_sample, pufa
from pufa.check.runner import run
from pufa.content import documents as D
from pufa.content import types as T
from pufa.content.frontmatter import split
from pufa.content.validate import validate

TODAY = dt.date(2026, 11, 27)

DOC = """---
title: 云溪区人民调解工作规范
number: 云司发〔2023〕8号
issuer: 云溪区司法局
issued: 2023-05-20
status: 现行有效
summary: 人民调解工作的基本要求
sample: true
---
正文
"""


def check_page(text: str):
    fm, findings = split(text, "content/documents/x.md")
    assert findings == []
    return validate(fm, T.DOCUMENT, "content/documents/x.md")


# -- 文号 ---------------------------------------------------------------------

@pytest.mark.parametrize("text, canonical", [
    ("云司发〔2021〕3号", "云司发〔2021〕3号"),
    ("云政办发〔2020〕5号", "云政办发〔2020〕5号"),
    ("云普法办〔2017〕12号", "云普法办〔2017〕12号"),
])
def test_well_formed_numbers(text, canonical):
    number, problems = D.parse_number(text)
    assert problems == [] and number.canonical == canonical


@pytest.mark.parametrize("text", ["云司发[2021]3号", "云司发(2021)3号", "云司发（2021）3号", "云司发【2021】3号"])
def test_other_brackets_are_read_with_a_warning_saying_how_to_write_them(text):
    number, (p,) = D.parse_number(text)
    assert number.canonical == "云司发〔2021〕3号"
    assert p.severity == "警告" and "六角括号〔〕" in p.message and "云司发〔2021〕3号" in p.hint


def test_di_and_leading_zero_are_warned():
    for text in ("云司发〔2021〕第3号", "云司发〔2021〕03号"):
        number, (p,) = D.parse_number(text)
        assert number.seq == 3 and "不加「第」字" in p.message and p.hint == "改成 云司发〔2021〕3号"


@pytest.mark.parametrize("text, words", [
    ("2021年3号", "格式不对"), ("云司发〔2021〕3", "格式不对"), ("〔2021〕3号", "格式不对"),
    ("云司发〔21〕3号", "要写全四位"), ("云司发〔2021〕0号", "不能是 0"),
])
def test_malformed_numbers_are_errors(text, words):
    number, (p,) = D.parse_number(text)
    assert number is None and p.severity == "错误" and words in p.message


# -- one document's own rules -------------------------------------------------

def test_valid_document():
    meta, findings = check_page(DOC)
    assert findings == [] and meta["issued"] == dt.date(2023, 5, 20)


def test_malformed_number_names_line():
    _, (f,) = check_page(DOC.replace("云司发〔2023〕8号", "云司发2023年8号"))
    assert f.is_error and f.code == "document.number" and f.line == 3
    assert f.message == "文号「云司发2023年8号」的格式不对"
    assert f.hint == "写成 机关代字〔年份〕序号号，如 云司发〔2021〕3号"


def test_number_written_with_chinese_key():
    _, (f,) = check_page(DOC.replace("number: 云司发〔2023〕8号", "文号: 云司发[2023]8号"))
    assert not f.is_error and f.line == 3 and "六角括号" in f.message


def test_number_year_after_issue_year():
    _, (f,) = check_page(DOC.replace("〔2023〕", "〔2024〕"))
    assert f.is_error and f.code == "document.number-year" and f.line == 3
    assert f.message == "文号的年份 2024 晚于印发日期（2023年）"


def test_status_date_required_unless_current():
    _, (f,) = check_page(DOC.replace("现行有效", "已废止"))
    assert f.is_error and f.code == "document.status-date-missing" and f.line == 6
    assert f.message == "状态是「已废止」，但没有填写状态日期（status_date）"


def test_amended_needs_replaced_by():
    _, (f,) = check_page(DOC.replace("status: 现行有效", "status: 已修订\nstatus_date: 2024-01-01"))
    assert f.is_error and f.code == "document.amended-without-replacement" and f.line == 6
    assert f.message == "状态是「已修订」，但没有写修订后的新文件（replaced_by）"


def test_status_date_before_issued():
    _, (f,) = check_page(DOC.replace("status: 现行有效", "status: 宣布失效\nstatus_date: 2022-12-31"))
    assert f.is_error and f.code == "document.status-date-early" and f.line == 7
    assert f.message == "状态日期 2022-12-31 早于印发日期 2023-05-20"


def test_status_outside_the_four():
    _, (f,) = check_page(DOC.replace("现行有效", "有效"))
    assert f.code == "schema.value" and "现行有效、已修订、宣布失效、已废止" in f.hint


# -- rules across documents (through pufa check) -------------------------------

def doc(title, number, issued, status, status_date=None, replaced_by=None, basis=None) -> str:
    lines = ["---", f"title: {title}", f"number: {number}", "issuer: 云溪区司法局",
             f"issued: {issued}", f"status: {status}"]
    if status_date:
        lines.append(f"status_date: {status_date}")
    if replaced_by:
        lines.append(f"replaced_by: {replaced_by}")
    if basis:
        lines += ["basis:", f"  - {basis}"]
    lines += ["summary: 一份文件", "---", "正文", ""]
    return "\n".join(lines)


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "s"
    pufa("init", str(site), "--empty", check=True)
    (site / "content" / "documents").mkdir(exist_ok=True)
    return site


def write(site: Path, name: str, text: str) -> None:
    (site / "content" / "documents" / name).write_text(text, encoding="utf-8")


def findings_of(site: Path, code: str):
    return [f for f in run(site, today=TODAY).findings if f.code == code]


def test_duplicate_number(site):
    write(site, "a.md", doc("甲办法", "云司发〔2020〕1号", "2020-01-01", "现行有效"))
    write(site, "b.md", doc("乙办法", "云司发[2020]1号", "2020-02-01", "现行有效"))
    (f,) = findings_of(site, "document.duplicate-number")
    assert f.is_error and f.file == "content/documents/b.md" and f.line == 3
    assert f.message == "文号 云司发〔2020〕1号 与 content/documents/a.md 重复"


def test_replaced_by_missing(site):
    write(site, "a.md", doc("甲办法", "云司发〔2020〕1号", "2020-01-01", "已修订", "2021-01-01", "documents/nope.md"))
    (f,) = findings_of(site, "document.replaced-missing")
    assert f.is_error and f.file == "content/documents/a.md" and f.line == 8
    assert f.message == "取代文件「documents/nope.md」不存在"


def test_replacement_loop(site):
    write(site, "a.md", doc("甲办法", "云司发〔2020〕1号", "2020-01-01", "已修订", "2021-01-01", "documents/b.md"))
    write(site, "b.md", doc("乙办法", "云司发〔2021〕1号", "2021-01-01", "已修订", "2022-01-01", "a"))
    found = findings_of(site, "document.replaced-loop")
    assert [(f.file, f.line) for f in found] == [("content/documents/a.md", 8), ("content/documents/b.md", 8)]
    assert found[0].message == ("取代关系绕成了圈：《甲办法》（云司发〔2020〕1号） → 《乙办法》（云司发〔2021〕1号）"
                                " → 《甲办法》（云司发〔2020〕1号）")
    assert all(f.is_error for f in found)


def test_replaced_by_a_document_that_is_not_current_names_the_chain_end(site):
    write(site, "a.md", doc("甲办法", "云司发〔2019〕1号", "2019-01-01", "已修订", "2020-01-01", "documents/b.md"))
    write(site, "b.md", doc("乙办法", "云司发〔2020〕1号", "2020-01-01", "已修订", "2021-01-01", "documents/c.md"))
    write(site, "c.md", doc("丙办法", "云司发〔2021〕1号", "2021-01-01", "现行有效"))
    (f,) = findings_of(site, "document.replaced-stale")
    assert not f.is_error and f.file == "content/documents/a.md" and f.line == 8
    assert f.message == ("取代本文件的《乙办法》（云司发〔2020〕1号）状态是「已修订」；"
                         "取代链的终点是《丙办法》（云司发〔2021〕1号）（现行有效）")
    assert f.hint == "改为直接写 replaced_by: documents/c.md"


def test_errors_stop_the_build(site):
    write(site, "a.md", doc("甲办法", "云司发〔2020〕1号", "2020-01-01", "已修订", "2021-01-01"))
    proc = pufa("build", "--site", str(site))
    assert proc.returncode == 1 and "content/documents/a.md:6" in proc.stderr
    assert "状态是「已修订」，但没有写修订后的新文件（replaced_by）" in proc.stderr


def test_basis_citations_are_checked(tmp_path):
    site = copy_sample(tmp_path / "s")
    write(site, "x.md", doc("甲办法", "云司发〔2020〕99号", "2020-01-01", "现行有效",
                            basis="《中华人民共和国人民调解法》第九十九条"))
    found = [f for f in run(site, today=TODAY).findings
             if f.file == "content/documents/x.md" and f.is_error]
    assert found and found[0].line == 8 and "第九十九条" in found[0].message   # the basis: line
    text = (site / "content" / "documents" / "x.md").read_text(encoding="utf-8")
    write(site, "x.md", text.replace("basis:", "上位法依据:"))            # the Chinese key too
    assert any(f.file == "content/documents/x.md" and f.code == "cite.missing-article"
               for f in run(site, today=TODAY).findings)


def test_new_document_lists_the_fields(site):
    proc = pufa("new", "document", "云溪区法律顾问工作规则", "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    path = site / "content" / "documents" / "yun-xi-qu-fa-lv-gu-wen-gong-zuo-gui-ze.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["title"] == "云溪区法律顾问工作规则" and front["status"] == "现行有效"
    assert {"number", "issuer", "issued", "summary"} <= set(front)
    from pufa.content.model import load_index
    codes = {f.code for f in load_index(site / "content").findings}
    assert codes == {"schema.placeholder"}       # only the blanks staff must fill in


# -- the register -------------------------------------------------------------

def sample_documents() -> list[dict]:
    out = []
    for path in sorted((ROOT / "content" / "documents").glob("*.md")):
        if path.name == "index.md":
            continue
        out.append(yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]))
    return out


def test_sample_covers_every_status_with_real_chains():
    docs = sample_documents()
    assert len(docs) >= 10 and all(d["sample"] is True for d in docs)
    assert set(d["status"] for d in docs) == set(T.DOCUMENT_STATUSES)
    targets = {d["replaced_by"] for d in docs if d.get("replaced_by")}
    assert targets and all((ROOT / "content" / t).is_file() for t in targets)


def test_counts_table_unit():
    class Item:
        def __init__(self, year, status):
            self.meta = {"issued": dt.date(year, 1, 1), "status": status}
    table = D.counts([Item(2020, "现行有效"), Item(2020, "已废止"), Item(2019, "现行有效")])
    assert table["rows"] == [{"year": "2019", "cells": [1, 0, 0, 0], "total": 1},
                             {"year": "2020", "cells": [1, 0, 0, 1], "total": 2}]
    assert table["totals"] == [2, 0, 0, 1] and table["total"] == 3


class _Table(HTMLParser):
    """The cells of the first table with a given attribute."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker, self.inside, self.rows, self.cell = marker, False, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and self.marker in dict(attrs):
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def test_register_counts_equal_the_sample(sample_site):
    html = (sample_site / "site" / "documents" / "index.html").read_text(encoding="utf-8")
    parser = _Table("data-pufa-doc-counts")
    parser.feed(html)
    head, *body, foot = parser.rows
    assert head == ["印发年份", "现行有效", "已修订", "宣布失效", "已废止", "合计"]
    docs = sample_documents()
    by = Counter((str(d["issued"].year), d["status"]) for d in docs)
    years = sorted({str(d["issued"].year) for d in docs})
    expected = [[y, *[str(by[(y, s)]) for s in T.DOCUMENT_STATUSES],
                 str(sum(by[(y, s)] for s in T.DOCUMENT_STATUSES))] for y in years]
    assert body == expected
    per_status = Counter(d["status"] for d in docs)
    assert foot == ["合计", *[str(per_status[s]) for s in T.DOCUMENT_STATUSES], str(len(docs))]
    # Every document is a row of the list too, escaped.
    assert html.count('class="pufa-doc-row"') == len(docs)


def test_register_downloads_as_csv_for_the_clean_up_report(sample_site):
    """The same counts as the page's table, and every document with what replaced it, for Excel or WPS."""
    import csv
    import io
    site = sample_site / "site" / "documents"
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="qing-li-tong-ji.csv" download="规范性文件清理情况统计.csv"' in html
    assert 'href="wen-jian-mu-lu.csv" download="规范性文件目录.csv"' in html
    parser = _Table("data-pufa-doc-counts")
    parser.feed(html)
    raw = (site / "qing-li-tong-ji.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")) and b"\r\n" in raw      # BOM: Excel reads it as UTF-8
    assert list(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) == parser.rows
    rows = list(csv.reader(io.StringIO((site / "wen-jian-mu-lu.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["文号", "标题", "制定机关", "印发日期", "施行日期", "状态", "状态日期", "取代文件"]
    docs = sample_documents()
    assert len(rows) == len(docs) + 1
    assert [r[3] for r in rows[1:]] == sorted(r[3] for r in rows[1:])          # oldest first
    by_number = {r[0]: r for r in rows[1:]}
    for d in docs:
        r = by_number[d["number"]]
        assert r[1] == d["title"] and r[5] == d["status"] and r[3] == d["issued"].isoformat()
        if d.get("replaced_by"):
            target = yaml.safe_load((ROOT / "content" / d["replaced_by"]).read_text(encoding="utf-8").split("---")[1])
            assert r[7] == f"{target['number']} {target['title']}"
        else:
            assert r[7] == ""


def test_no_register_files_without_documents(tmp_path):
    site = tmp_path / "s"
    pufa("init", str(site), "--empty", check=True)
    pufa("build", "--site", str(site), check=True)
    assert not list((site / "site").rglob("*.csv"))


def test_document_page_shows_status_and_chain(sample_site):
    site = sample_site / "site" / "documents"
    old = (site / "ren-min-tiao-jie-gong-zuo-gui-fan-2019" / "index.html").read_text(encoding="utf-8")
    assert "pufa-doc-badge--amended" in old and "2023年6月1日修订" in old
    assert "打印海报" not in old          # a record, not a campaign piece
    assert re.search(r'修订后的文件：<a href="\.\./ren-min-tiao-jie-gong-zuo-gui-fan/">', old)
    new = (site / "ren-min-tiao-jie-gong-zuo-gui-fan" / "index.html").read_text(encoding="utf-8")
    assert "本文件取代：" in new and "云司发〔2019〕12号" in new and "pufa-doc-badge--current" in new
    assert "《中华人民共和国人民调解法》第五条" in new and "云溪区司法局" in new


def test_filtering_the_register_by_status_on_a_phone(server, new_page):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(server + "documents/")
    docs = sample_documents()
    rows = page.locator("tr.pufa-doc-row")
    assert rows.count() == len(docs)
    assert page.locator(".pufa-filters__count").inner_text() == f"共 {len(docs)} 件"
    for status in T.DOCUMENT_STATUSES:
        page.select_option("select[name=status]", status)
        visible = page.locator("tr.pufa-doc-row:visible")
        expected = sorted(d["number"] for d in docs if d["status"] == status)
        numbers = sorted(visible.nth(i).locator("td").first.inner_text().replace("文号", "").strip()
                         for i in range(visible.count()))
        assert numbers == expected, status
        assert page.locator(".pufa-filters__count").inner_text() == f"共 {len(expected)} 件"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.select_option("select[name=status]", "")
    page.select_option("select[name=year]", "2021")
    assert page.locator("tr.pufa-doc-row:visible").count() == sum(d["issued"].year == 2021 for d in docs)


def test_tab_only_when_there_are_documents(site, sample_site):
    pufa("build", "--site", str(site), check=True)
    assert "规范性文件" not in (site / "site" / "index.html").read_text(encoding="utf-8")
    assert (site / "site" / "documents" / "index.html").is_file()      # still reachable
    home = (sample_site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="documents/"' in home and "规范性文件" in home
