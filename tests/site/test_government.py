"""A site marked `government: true` (issue 18): the inspection's meta tags on
every page, the footer items, a 网站地图, and `pufa check` naming a missing
setting, a stale column with its date and an empty column."""
from __future__ import annotations

import datetime as dt
import re
from html import unescape

from conftest import copy_sample, pufa


def metas(html: str) -> dict[str, str]:
    return {m.group(1): unescape(m.group(2)) for m in re.finditer(r'<meta name="([A-Z]\w+)" content="([^"]*)">', html)}


def test_every_page_carries_the_meta_tags_and_the_footer(sample_site):
    site = sample_site / "site"
    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith(("posters/", "screens/"))]
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tags = metas(html)
        rel = page.relative_to(site).as_posix()
        assert tags.get("SiteName") == "云溪区普法网（示例）" and tags.get("SiteDomain") == "pufa.example.gov.cn", rel
        assert tags.get("SiteIDCode") == "0000000000", rel
        assert "网站标识码：0000000000" in html and "主办单位：示例市云溪区司法局（示例）" in html, rel
        assert 'alt="党政机关网站标识"' in html and ">我为政府网站找错</a>" in html and ">网站地图</a>" in html, rel
    lessons = metas((site / "lessons" / "index.html").read_text(encoding="utf-8"))
    assert lessons["ColumnName"] == "普法课堂" and lessons["ColumnType"] and "ArticleTitle" not in lessons
    lesson = metas((site / "lessons" / "xian-fa" / "index.html").read_text(encoding="utf-8"))
    assert lesson["ArticleTitle"] == "宪法是国家的根本法：读懂国家宪法日和宪法宣誓"
    assert lesson["PubDate"] == "2025-12-02" and lesson["ContentSource"] == "示例市云溪区司法局（示例）"
    assert "ColumnName" not in lesson
    law = metas((site / "laws" / "min-fa-shang-fa" / "xiao-fei-zhe-quan-yi-bao-hu-fa" / "index.html").read_text(encoding="utf-8"))
    assert law["ArticleTitle"] == "中华人民共和国消费者权益保护法" and law["ContentSource"] == "全国人民代表大会常务委员会"
    assert metas((site / "laws" / "index.html").read_text(encoding="utf-8"))["ColumnName"] == "法律法规库"
    # 网站地图: every column, and each of its pages.
    site_map = (site / "site-map" / "index.html").read_text(encoding="utf-8")
    for column in ("普法课堂", "办事指南", "法律咨询", "机构名录", "民主法治示范村", "党史学习", "宣传活动", "规范性文件", "法律法规库"):
        assert f">{column}</a></h2>" in site_map, column
    assert "宪法是国家的根本法：读懂国家宪法日和宪法宣誓" in site_map
    assert (site / "images" / "gov-badge-sample.png").is_file()


def test_a_title_with_quotes_is_escaped_in_its_meta_tag(tmp_path):
    site = copy_sample(tmp_path / "s")
    page = site / "content" / "lessons" / "xian-fa.md"
    text = page.read_text(encoding="utf-8").replace("title: 宪法是国家的根本法：读懂国家宪法日和宪法宣誓",
                                                   "title: '\"宪法\"<b>日</b> & 宣誓'", 1)
    page.write_text(text, encoding="utf-8")
    pufa("build", "--site", str(site), check=True)
    html = (site / "site" / "lessons" / "xian-fa" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="ArticleTitle" content="&#34;宪法&#34;&lt;b&gt;日&lt;/b&gt; &amp; 宣誓">' in html \
        or '<meta name="ArticleTitle" content="&quot;宪法&quot;&lt;b&gt;日&lt;/b&gt; &amp; 宣誓">' in html


def test_check_names_a_missing_setting_with_its_line(tmp_path):
    site = copy_sample(tmp_path / "s")
    cfg = site / "mkdocs.yml"
    lines = cfg.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("site_code:"))
    lines[at] = '        site_code: ""'
    lines = [line for line in lines if not line.strip().startswith("report_url:")]
    cfg.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = pufa("check", "--site", str(site)).stdout
    assert f"mkdocs.yml:{at + 1}  政府网站缺少设置：网站标识码（gov: site_code）" in out
    assert "政府网站缺少设置：「我为政府网站找错」的链接（gov: report_url）" in out
    assert "Traceback" not in out
    assert "（gov: host）" not in out            # 主办单位 defaults to bureau: name


def test_a_stale_column_is_named_with_its_date_and_a_new_lesson_clears_it(tmp_path):
    site = copy_sample(tmp_path / "s")
    old = dt.date.today() - dt.timedelta(days=40)
    for page in (site / "content" / "lessons").glob("*.md"):
        if page.name != "index.md":
            page.write_text(re.sub(r"^date: .*$", f"date: {old.isoformat()}", page.read_text(encoding="utf-8"),
                                   count=1, flags=re.M), encoding="utf-8")
    out = pufa("check", "--site", str(site)).stdout
    assert (f"content/lessons/index.md  首页上的栏目「普法课堂」已 40 天没有更新"
            f"（最新一篇是 {old.year}年{old.month}月{old.day}日）") in out
    fresh = site / "content" / "lessons" / "xian-fa.md"
    fresh.write_text(re.sub(r"^date: .*$", f"date: {dt.date.today().isoformat()}", fresh.read_text(encoding="utf-8"),
                            count=1, flags=re.M), encoding="utf-8")
    assert "「普法课堂」已" not in pufa("check", "--site", str(site)).stdout


def test_an_empty_column_is_warned_and_a_plain_site_is_left_alone(tmp_path):
    site = copy_sample(tmp_path / "s")
    for page in (site / "content" / "documents").glob("*.md"):
        if page.name != "index.md":
            page.unlink()
    out = pufa("check", "--site", str(site)).stdout
    assert "栏目「规范性文件」没有已发布的内容（空白栏目）" in out
    cfg = site / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("government: true", "government: false"), encoding="utf-8")
    out = pufa("check", "--site", str(site)).stdout
    assert "空白栏目" not in out and "没有更新" not in out and "政府网站" not in out
    pufa("build", "--site", str(site), check=True)
    assert "SiteIDCode" not in (site / "site" / "index.html").read_text(encoding="utf-8")
