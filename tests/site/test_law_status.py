"""What the law library says about a law's status: never 现行有效 for a text
that has been replaced, 尚未生效 until a law's day, and where content cites them."""
import datetime as dt
import json
import re

import pytest

from conftest import ROOT, copy_sample, pufa

ZHIAN = "laws/xing-zheng-fa/zhi-an-guan-li-chu-fa-fa/index.html"


@pytest.fixture(scope="module")
def citing_site(tmp_path_factory):
    """The sample site with one lesson citing the 2012 治安管理处罚法, built."""
    root = copy_sample(tmp_path_factory.mktemp("status"))
    (root / "content" / "lessons" / "da-jia-dou-ou.md").write_text("""---
title: 打架斗殴要承担什么责任（示例）
date: 2026-11-20
summary: 示例：邻里口角动手，可能受到治安管理处罚
audience: [社会公众]
laws:
  - 《中华人民共和国治安管理处罚法》第四十三条
---
邻居之间因为琐事动手打人，情节较轻的，依照《治安管理处罚法》第四十三条处罚。

因民间纠纷引起的打架斗殴，情节较轻的，公安机关可以调解处理（治安管理处罚法第九条）。
""", encoding="utf-8")
    check = pufa("check", "--site", str(root))
    build = pufa("build", "--site", str(root))
    assert build.returncode == 0, build.stdout + build.stderr
    return root, check, build


def status_area(page: str) -> str:
    """The law page's header: status, notices and facts (not the articles)."""
    return page[page.index('class="pufa-head pufa-law-head"'):page.index('class="pufa-law-body"')]


def test_superseded_text_is_never_called_in_force(citing_site):
    root, _, _ = citing_site
    page = (root / "site" / ZHIAN).read_text(encoding="utf-8")
    head = status_area(page)
    assert '<meta name="pufa:law-status" content="superseded">' in page
    assert "已被修改" in head and "现行有效" not in head
    assert "2025年6月27日" in head and "2026年1月1日" in head
    assert "新文本尚未收入本库" in head
    # The facts the national database shows, and how current the library is.
    for label, value in (("位阶", "法律"), ("制定机关", "全国人民代表大会常务委员会"),
                         ("公布日期", "2012年10月26日"), ("施行日期", "2006年3月1日"),
                         ("本库收录截至", "2025年4月5日")):
        assert re.search(rf"<dt>{label}</dt><dd>{value}", head), label


def test_every_preview_of_its_articles_says_so(citing_site):
    root, _, _ = citing_site
    lesson = (root / "site" / "lessons" / "da-jia-dou-ou" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="pufa-cite-data">(.*?)</script>',
                                lesson, re.S).group(1))
    previews = {k: v for k, v in data.items() if "zhi-an-guan-li-chu-fa-fa" in k}
    assert sorted(previews) == ["laws/xing-zheng-fa/zhi-an-guan-li-chu-fa-fa/#art-43",
                                "laws/xing-zheng-fa/zhi-an-guan-li-chu-fa-fa/#art-9"]
    for preview in previews.values():
        assert preview["s"] == "superseded"
        note = preview["n"]["superseded"]
        assert "2025年6月27日" in note and "2026年1月1日" in note and "新文本尚未收入本库" in note
    assert "pufa-cite--superseded" in lesson


@pytest.mark.parametrize("command", ["check", "build"])
def test_check_and_build_warn_where_content_cites_it(citing_site, command):
    _, check, build = citing_site
    out = (check if command == "check" else build)
    text = out.stdout + out.stderr
    for line in (7, 9, 11):
        assert f"content/lessons/da-jia-dou-ou.md:{line}" in text
    line = next(l for l in text.splitlines() if "da-jia-dou-ou.md:9" in l)
    assert "2025年6月27日修改" in line and "2026年1月1日起施行" in line
    assert "flk.npc.gov.cn" in text and "pufa import-laws" in text
    assert "Traceback" not in text


def law_text(title: str, commence: dt.date) -> str:
    return f"""# {title}

2026年1月5日 示例市第一届人民代表大会常务委员会第一次会议通过

<!-- INFO END -->

第一条 为了规范示例事项，制定本条例。

第二条 本条例自{commence.year}年{commence.month}月{commence.day}日起施行。
"""


def test_a_law_still_to_come_reads_pending_with_its_day(tmp_path):
    site = tmp_path / "s"
    pufa("init", str(site), "--empty", check=True)
    corpus = tmp_path / "corpus" / "其他"
    corpus.mkdir(parents=True)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    (corpus / "示例条例(2026-01-05).md").write_text(law_text("示例市养犬管理条例", tomorrow), encoding="utf-8")
    pufa("import-laws", str(tmp_path / "corpus"), "--site", str(site), check=True)
    pufa("build", "--site", str(site), check=True)
    page = (site / "site" / "laws" / "qi-ta" / "shi-li-shi-yang-quan-guan-li-tiao-li" / "index.html").read_text(
        encoding="utf-8")
    head = status_area(page)
    assert '<meta name="pufa:law-status" content="pending">' in page
    assert "尚未生效" in head and "现行有效" not in head
    assert f'data-pufa-coming="{tomorrow.isoformat()}:in-force"' in head
    assert f"自{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日起施行" in head
    # The listing says so too, and turns in force on the same day.
    listing = (site / "site" / "laws" / "qi-ta" / "index.html").read_text(encoding="utf-8")
    assert f'data-pufa-coming="{tomorrow.isoformat()}:in-force"' in listing and "尚未生效" in listing


def test_status_file_mistakes_are_named_with_their_line(tmp_path):
    site = tmp_path / "s"
    pufa("init", str(site), "--empty", check=True)
    pufa("import-laws", str(ROOT / "tests" / "fixtures" / "laws"), "--site", str(site), check=True)
    status = site / "content" / "laws" / "_status.yml"
    text = status.read_text(encoding="utf-8")
    assert "中华人民共和国治安管理处罚法" in text          # the checked revisions ship with every library
    status.write_text(text.replace("laws:\n", "laws:\n  - title: 中华人民共和国刑法\n    status: 已被修改\n"
                                               "    in_force: 2026-13-01\n", 1), encoding="utf-8")
    proc = pufa("check", "--site", str(site))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    line = text[:text.index("laws:\n")].count("\n") + 2
    assert f"content/laws/_status.yml:{line}" in out
    assert "没有写修改通过的日期" in out and "adopted: 2025-06-27" in out


def test_a_law_with_two_versions_has_its_history_and_comparison(citing_site):
    root, _, _ = citing_site
    laws = root / "site" / "laws" / "su-song-yu-fei-su-song-cheng-xu-fa"
    page = (laws / "xing-zheng-fu-yi-fa" / "index.html").read_text(encoding="utf-8")
    assert "修改沿革" in page and 'href="dui-zhao-2017-09-01/"' in page
    compare = (laws / "xing-zheng-fu-yi-fa" / "dui-zhao-2017-09-01" / "index.html").read_text(encoding="utf-8")
    # The renumbered unchanged article: matched (one line), not deleted and added.
    row = re.search(r'<p class="pufa-compare__moved" id="c-art-89">(.*?)</p>', compare, re.S)
    assert row and "条号变动，内容未改" in row.group(1)
    assert re.sub(r"<[^>]+>", "", row.group(1)).startswith("旧第四十一条 → 新第八十九条")
    assert 'href="../#art-89"' in row.group(1)
    assert "旧第四十一条" not in "".join(re.findall(r"<section.*?</section>", compare, re.S))
    # A changed article: one column, the old words struck, the new underlined, linked to the new text.
    changed = re.search(r'<section id="c-art-22">(.*?)</section>', compare, re.S).group(1)
    assert "（旧第十一条）" in changed and "有修改" in changed
    assert "<ins>" in changed and "书面申请有困难的" in changed
    # Not a search result of its own: the versions are.
    meta = (root / "site" / "search" / "meta.js").read_text(encoding="utf-8")
    assert "新旧对照" not in meta
