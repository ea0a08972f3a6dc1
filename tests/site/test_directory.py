"""机构名录: validation with Chinese messages and lines, lawyers and firms,
guides linking the entries they name, and the sample."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ROOT, pufa
from pufa.content import directory
from pufa.content import types as T
from pufa.content import views
from pufa.content.frontmatter import split
from pufa.content.model import ContentIndex, ContentItem, load_index
from pufa.content.validate import validate
from pufa.scaffold.archetypes import new_page

FIRM = """---
title: 云溪区明理律师事务所
kind: 律师事务所
town: 桃源街道
address: 桃源街道桃花溪路58号3楼
phone: "0000-66883001"
hours: 工作日 9:00—17:30
services: [法律咨询, 诉讼代理]
practice_areas: [婚姻家庭]
summary: 综合性律师事务所
---
"""

LAWYER = """---
title: 林晓雯
kind: 律师
town: 桃源街道
address: 桃源街道桃花溪路58号3楼
phone: 0000-66883001转801
hours: 工作日
services: [法律咨询]
firm: directory/ming-li.md
summary: 律师
---
"""


def check(text):
    fm, findings = split(text, "content/directory/x.md")
    assert findings == []
    return validate(fm, T.DIRECTORY, "content/directory/x.md")


def line_of(text, start):
    return next(n for n, l in enumerate(text.split("\n"), 1) if l.startswith(start))


def write_site(tmp_path, pages: dict[str, str]) -> Path:
    docs = tmp_path / "content"
    for src, text in pages.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
    return docs


def index_of(docs: Path) -> ContentIndex:
    from pufa.content.rules import cross_page_findings
    index = load_index(docs)
    index.findings.extend(cross_page_findings(index))
    return index


# -- the type ------------------------------------------------------------

def test_type_is_registered_with_chinese_names():
    assert T.TYPES[-1] is T.DIRECTORY or T.DIRECTORY in T.TYPES
    for name in ("directory", "机构名录", "法律服务机构名录"):
        assert T.find_type(name) is T.DIRECTORY
    assert T.DIRECTORY.filters == ("kind", "town", "services")
    assert set(T.DIRECTORY_KINDS) >= {"律师事务所", "律师", "法律援助中心", "司法所", "人民调解委员会",
                                      "公证处", "基层法律服务所"}


def test_valid_firm_is_normalised():
    meta, findings = check(FIRM)
    assert findings == []
    assert meta["phone"] == ["0000-66883001"] and meta["services"] == ["法律咨询", "诉讼代理"]


def test_chinese_keys_are_accepted():
    text = FIRM.replace("title:", "名称:").replace("kind:", "类别:").replace("phone:", "电话:")
    meta, findings = check(text)
    assert findings == [] and meta["kind"] == "律师事务所" and meta["title"] == "云溪区明理律师事务所"


def test_missing_kind_names_field_and_line():
    text = FIRM.replace("kind: 律师事务所\n", "")
    _, findings = check(text)
    (f,) = findings
    assert f.is_error and "缺少必填字段「类别」（kind）" in f.message
    assert f.line == text.split("\n").index("---", 1) + 1   # the closing '---', where it belongs
    assert "kind" in f.hint


def test_unknown_kind_lists_the_choices():
    _, findings = check(FIRM.replace("kind: 律师事务所", "kind: 律所"))
    (f,) = findings
    assert "「律所」不在可选范围内" in f.message and "律师事务所" in f.hint and f.line == 3


def test_bad_phone_names_the_line():
    text = FIRM.replace('phone: "0000-66883001"', "phone: 找前台问")
    _, findings = check(text)
    (f,) = findings
    assert f.is_error and "「找前台问」不像电话号码" in f.message and "电话" in f.message
    assert f.line == line_of(text, "phone:")


def test_missing_hours_and_services_are_warnings():
    text = FIRM.replace("services: [法律咨询, 诉讼代理]\n", "").replace("hours: 工作日 9:00—17:30\n", "")
    _, findings = check(text)
    assert [f.code for f in findings] == ["schema.recommended"] * 2
    assert "没有填写「办公时间」（hours）" in findings[0].message


def test_lawyer_with_unknown_firm_is_an_error_on_its_line(tmp_path):
    docs = write_site(tmp_path, {"directory/lin.md": LAWYER})
    index = index_of(docs)
    (f,) = [f for f in index.findings if f.is_error]
    assert f.file == "content/directory/lin.md" and f.line == line_of(LAWYER, "firm:")
    assert "所在律所「directory/ming-li.md」在名录里不存在" in f.message
    assert "pufa new directory" in f.hint


def test_lawyer_with_known_firm_is_linked_both_ways(tmp_path):
    docs = write_site(tmp_path, {"directory/lin.md": LAWYER, "directory/ming-li.md": FIRM})
    index = index_of(docs)
    assert index.errors == [], [f.format() for f in index.errors]
    lawyer, firm = index.by_src("directory/lin.md"), index.by_src("directory/ming-li.md")
    assert directory.firm_of(index, lawyer) is firm
    assert directory.lawyers_of(index, firm) == [lawyer]
    links = views.directory_entry(index, firm)
    assert [c["title"] for c in links["lawyers"]] == ["林晓雯"] and links["firm"] is None
    assert views.directory_entry(index, lawyer)["firm"]["title"] == "云溪区明理律师事务所"


def test_firm_path_may_be_written_short():
    assert directory.firm_src("ming-li.md") == "directory/ming-li.md"
    assert directory.firm_src("content/directory/ming-li.md") == "directory/ming-li.md"
    assert directory.firm_src("directory/ming-li") == "directory/ming-li.md"


def test_lawyer_without_firm_and_firm_that_is_not_a_firm(tmp_path):
    no_firm = LAWYER.replace("firm: directory/ming-li.md\n", "")
    not_firm = LAWYER.replace("ming-li.md", "gong-zheng.md")
    office = FIRM.replace("kind: 律师事务所", "kind: 公证处").replace("practice_areas: [婚姻家庭]\n", "")
    docs = write_site(tmp_path, {"directory/a.md": no_firm, "directory/b.md": not_firm,
                                 "directory/gong-zheng.md": office})
    index = index_of(docs)
    by_file = {f.file: f for f in index.errors}
    assert "律师没有写所在的律师事务所" in by_file["content/directory/a.md"].message
    assert by_file["content/directory/a.md"].line == no_firm.split("\n").index("---", 1) + 1
    assert "类别不是律师事务所" in by_file["content/directory/b.md"].message


def test_practice_areas_on_an_office_is_a_warning(tmp_path):
    office = FIRM.replace("kind: 律师事务所", "kind: 司法所")
    index = index_of(write_site(tmp_path, {"directory/s.md": office}))
    assert index.errors == []
    assert [f.code for f in index.findings] == ["directory.areas-unused"]


# -- guides name entries -------------------------------------------------

def entry(title: str, kind: str = "司法所", town: str = "齐云镇") -> ContentItem:
    meta = {"title": title, "kind": kind, "town": town, "address": "地址", "phone": ["0000-66880001"]}
    return ContentItem(f"directory/{len(title)}-{title}.md", T.DIRECTORY, meta, "", 1,
                       url=f"directory/{title}/")


def guide(body: str = "", **meta) -> ContentItem:
    return ContentItem("guides/g.md", T.GUIDE, dict({"title": "指南", "date": dt.date(2026, 1, 1)}, **meta),
                       body, 1)


def make_index(*items) -> ContentIndex:
    return ContentIndex(docs_dir=Path("."), items=list(items))


def test_guide_names_entries_in_fields_then_body():
    centre, office, firm = entry("云溪区法律援助中心", "法律援助中心"), entry("白鹭镇司法所"), entry("云溪区明理律师事务所", "律师事务所")
    g = guide("可以先到白鹭镇司法所问一问。", location="云溪区法律援助中心（建设路88号）")
    named = directory.named_in(make_index(centre, office, firm, g), g)
    assert [(n["item"].title, n["role"]) for n in named] == [
        ("云溪区法律援助中心", "办理机构"), ("白鹭镇司法所", "相关机构")]


def test_phone_and_hours_fields_name_entries():
    centre = entry("云溪区公证处", "公证处")
    g = guide(phone=["0000-66882001（云溪区公证处）"])
    assert [n["item"] for n in directory.named_in(make_index(centre, g), g)] == [centre]
    g = guide(hours="云溪区公证处 工作日")
    assert directory.named_in(make_index(centre, g), g)[0]["role"] == "办理机构"


def test_lists_sharing_a_suffix_name_each_entry():
    qi, qing, bai = entry("齐云镇司法所"), entry("青石镇司法所", town="青石镇"), entry("白鹭镇司法所", town="白鹭镇")
    nan = entry("齐云南村人民调解委员会", "人民调解委员会")
    jiang = entry("江湾街道人民调解委员会", "人民调解委员会", "江湾街道")
    g = guide(location="齐云镇、青石镇、白鹭镇司法所；如齐云南村、齐云北村人民调解委员会；桃源街道和江湾街道人民调解委员会")
    titles = {n["item"].title for n in directory.named_in(make_index(qi, qing, bai, nan, jiang, g), g)}
    assert titles == {"齐云镇司法所", "青石镇司法所", "白鹭镇司法所", "齐云南村人民调解委员会", "江湾街道人民调解委员会"}


def test_names_in_other_sentences_do_not_match():
    qi = entry("齐云镇司法所")
    g = guide("齐云镇的村民。请到江湾街道司法所。齐云镇，人民调解委员会。")
    assert directory.named_in(make_index(qi, g), g) == []


def test_drafts_and_short_titles_are_never_named():
    draft = entry("白鹭镇司法所")
    draft.meta["draft"] = True
    short = entry("王明", "律师")
    g = guide("白鹭镇司法所的王明律师")
    assert directory.named_in(make_index(draft, short, g), g) == []


def test_named_entries_view_carries_url_kind_address_and_phone():
    centre = entry("云溪区法律援助中心", "法律援助中心")
    g = guide(location="云溪区法律援助中心")
    (box,) = views.named_entries(make_index(centre, g), g)
    assert box["url"] == "directory/云溪区法律援助中心/" and box["kind"] == "法律援助中心"
    assert box["phones"] == ["0000-66880001"] and box["role"] == "办理机构" and box["address"] == "地址"


def test_listing_orders_by_kind_and_offers_kind_town_service_filters():
    a = entry("云溪区明理律师事务所", "律师事务所", "桃源街道")
    b = entry("云溪区法律援助中心", "法律援助中心", "江湾街道")
    a.meta["services"], b.meta["services"] = ["法律咨询"], ["法律援助"]
    data = views.listing(make_index(a, b), T.DIRECTORY)
    assert [c["title"] for c in data["cards"]] == ["云溪区法律援助中心", "云溪区明理律师事务所"]
    assert [f["field"] for f in data["filters"]] == ["kind", "town", "services"]
    assert data["unit"] == "个"


# -- the sample ----------------------------------------------------------

@pytest.fixture(scope="module")
def sample():
    from pufa.content.rules import cross_page_findings
    index = load_index(ROOT / "content")
    index.findings.extend(cross_page_findings(index))
    return index


def test_sample_has_every_kind_and_town(sample):
    entries = sample.of_type(T.DIRECTORY)
    assert len(entries) >= 12
    assert {e.meta["kind"] for e in entries} == set(T.DIRECTORY_KINDS)
    assert {e.meta["town"] for e in entries} == {"齐云镇", "白鹭镇", "青石镇", "江湾街道", "桃源街道"}
    assert all(e.meta.get("sample") for e in entries)
    for e in entries:
        for phone in e.meta["phone"]:
            assert phone == "12348" or phone.startswith("0000-6688"), phone
        assert not e.meta.get("licence") or "示例" in e.meta["licence"]
    assert [f.format() for f in sample.findings if f.file.startswith("content/directory")] == []


def test_sample_guides_link_the_entries_they_name(sample):
    by_guide = {g.title: {n["item"].title for n in directory.named_in(sample, g)}
                for g in sample.of_type(T.GUIDE)}
    assert "云溪区法律援助中心" in by_guide["法律援助申请"]
    assert "云溪区公共法律服务中心" in by_guide["法律援助申请"]
    assert "云溪区公证处" in by_guide["公证办理"]
    assert {"齐云镇司法所", "青石镇司法所", "白鹭镇司法所", "桃源街道司法所", "江湾街道司法所"} <= by_guide["社区矫正报到"]
    # Every entry whose exact title a guide contains is in that guide's box.
    for g in sample.of_type(T.GUIDE):
        text = " ".join([g.body] + [str(g.meta.get(k) or "") for k in ("location", "phone", "hours")])
        for e in sample.of_type(T.DIRECTORY):
            if e.title in text:
                assert e.title in by_guide[g.title], (g.title, e.title)


def test_new_directory_page_has_placeholders_only(tmp_path):
    site = tmp_path / "x"
    (site / "content").mkdir(parents=True)
    path = new_page(site, "机构名录", "云溪区正衡律师事务所", today=dt.date(2026, 1, 1))
    assert path == site / "content" / "directory" / "yun-xi-qu-zheng-heng-lv-shi-shi-wu-suo.md"
    index = load_index(site / "content")
    assert {f.code for f in index.findings} == {"schema.placeholder"}
    fields = {f.message.split("」（")[1].split("）")[0] for f in index.findings if "字段" in f.message}
    assert fields == {"town", "address", "phone", "services", "summary"}


def test_check_command_passes_on_the_sample():
    proc = pufa("check", "--site", str(ROOT))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pufa_new_directory_from_the_command_line(tmp_path):
    site = tmp_path / "x"
    pufa("init", str(site), "--empty", check=True)
    proc = pufa("new", "directory", "齐云镇法律服务所", "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    text = (site / "content" / "directory" / "qi-yun-zhen-fa-lv-fu-wu-suo.md").read_text(encoding="utf-8")
    assert "title: 齐云镇法律服务所" in text and "kind: 律师事务所  # 类别" in text
    assert "基层法律服务所" in text   # the comment lists the kinds
