"""A site marked `government: true`: what the inspection of government sites
checks (政府网站发展指引, 国办发〔2017〕47号, and its 网页设计规范; the
inspection indicators of 政府网站与政务新媒体检查).

- the meta tags of every page (SiteName, SiteDomain, SiteIDCode), of column
  pages (ColumnName, ColumnType) and of articles (ArticleTitle, PubDate,
  ContentSource);
- the settings the footer must show (网站标识码, 主办单位, 党政机关网站标识,
  「我为政府网站找错」, contact details), named by `pufa check` when missing;
- columns: a column on the home page, or a news-like one, not updated for
  STALE_DAYS, and an empty column, fail an inspection: `pufa check` warns
  with the column and the date of its newest page.

Plain module: nothing from MkDocs.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from pufa.content import types as T
from pufa.dates import cn_date
from pufa.findings import WARNING, Finding

STALE_DAYS = 14
# The column type (ColumnType) each section is published under.  The
# specification leaves the vocabulary to the site; these are the names its
# examples and the inspection use for such columns.
COLUMN_TYPES = {
    T.LESSON.key: "政策解读",
    T.VILLAGE.key: "工作动态",
    T.PARTY_HISTORY.key: "专题专栏",
    T.GUIDE.key: "办事服务",
    T.CAMPAIGN.key: "工作动态",
    T.QA.key: "互动交流",
    T.DIRECTORY.key: "机构职能",
    T.DOCUMENT.key: "政策文件",
}
LAWS_COLUMN_TYPE = "政策文件"
# Updated like news: checked even when the home page does not show them.
NEWS_LIKE = (T.LESSON.key, T.CAMPAIGN.key)

# (setting under gov:, what it is, how to fill it in)
REQUIRED = (
    ("site_code", "网站标识码", "写上全国政府网站基本数据库分配的 10 位网站标识码，如 site_code: \"3301000001\""),
    ("host", "主办单位", "写上主办单位全称，如 host: 示例市云溪区司法局"),
    ("badge", "党政机关网站标识图片", "把开办单位收到的标识图片放进 content 文件夹，写上它的路径，如 badge: images/dzjg.png"),
    ("badge_link", "党政机关网站标识的链接", "写上标识的核验地址（开办时给出的 https://bszs.conac.cn/… 网址）"),
    ("report_url", "「我为政府网站找错」的链接", "写上本站在国务院办公厅政府网站找错平台的网址（https://zfwzzc.www.gov.cn/…，带本站标识码）"),
    ("contact", "联系方式", "写上联系电话和电子邮箱，如 contact: 电话 0000-66880000，邮箱 sfj@example.gov.cn"),
)


@dataclass(frozen=True)
class Column:
    key: str            # content type key, or "laws"
    name: str
    column_type: str


def is_government(pufa_settings) -> bool:
    return bool(pufa_settings is not None and getattr(pufa_settings, "government", False))


def site_domain(site_url: str) -> str:
    return urlparse(site_url or "").hostname or ""


def pub_date(meta: dict) -> str:
    """PubDate: the page's date (2026-11-10), its update if later; '' for none."""
    dates = [v for v in (meta.get("date"), meta.get("updated")) if isinstance(v, dt.date)]
    return max(dates).isoformat() if dates else ""


def meta_tags(*, site_name: str, site_url: str, gov, column: Column | None, article: dict | None) -> list[tuple[str, str]]:
    """The inspection's meta tags for one page, in the specification's order.

    column: the page's column when it is a column page (a listing); article:
    {title, date, source} when it is an article.
    """
    tags = [("SiteName", site_name), ("SiteDomain", site_domain(site_url)),
            ("SiteIDCode", getattr(gov, "site_code", "") or "")]
    if column is not None:
        tags += [("ColumnName", column.name), ("ColumnType", column.column_type)]
    if article is not None:
        tags += [("ArticleTitle", article.get("title") or "")]
        if article.get("date"):
            tags.append(("PubDate", article["date"]))
        tags.append(("ContentSource", article.get("source") or getattr(gov, "host", "") or site_name))
    return [(name, value) for name, value in tags if value]


def _setting_line(config_text: str, key: str) -> int | None:
    for n, line in enumerate(config_text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*:", line):
            return n
    return None


def check_settings(gov, config_shown: str, config_text: str, badge_exists, bureau_name: str = "") -> list[Finding]:
    """Each missing setting of a government site, named (the footer and meta tags need them)."""
    findings = []
    at = _setting_line(config_text, "gov") or _setting_line(config_text, "government")
    for key, what, hint in REQUIRED:
        value = (getattr(gov, key, "") or "").strip() if gov is not None else ""
        if key == "host" and not value:
            value = bureau_name.strip()          # 主办单位 defaults to the bureau's name
        if key == "site_code" and value and not re.fullmatch(r"\d{10}", value):
            findings.append(Finding(WARNING, config_shown, _setting_line(config_text, key) or at,
                                    f"网站标识码「{value}」不是 10 位数字", hint, code="gov.setting"))
        if not value:
            findings.append(Finding(WARNING, config_shown, _setting_line(config_text, key) or at,
                                    f"政府网站缺少设置：{what}（gov: {key}）", hint, code="gov.setting"))
        elif key == "badge" and not badge_exists(value):
            findings.append(Finding(WARNING, config_shown, _setting_line(config_text, key) or at,
                                    f"找不到党政机关网站标识图片「{value}」",
                                    "图片要放在 content 文件夹里，路径从 content 下面写起", code="gov.setting"))
    return findings


def check_columns(index, home, today: dt.date, root: str) -> list[Finding]:
    """Stale columns (home page, news-like) and empty ones."""
    findings = []
    on_home = {T.LESSON.key: home.lessons > 0, T.GUIDE.key: home.guides > 0, T.QA.key: home.questions > 0}
    for ctype in T.TYPES:
        items = [i for i in index.of_type(ctype) if not i.is_listing and not i.is_draft]
        listing = f"{root}/{ctype.folder}/index.md"
        if not items:
            if any(s.startswith(ctype.folder + "/") for s in getattr(index, "pages", {})):
                findings.append(Finding(WARNING, listing, None, f"栏目「{ctype.label}」没有已发布的内容（空白栏目）",
                                        "政府网站检查中空白栏目不合格：发布至少一篇内容，或删除这个栏目的文件夹",
                                        code="gov.column-empty"))
            continue
        if not (on_home.get(ctype.key) or ctype.key in NEWS_LIKE):
            continue
        newest = max((d for d in (pub_date(i.meta) for i in items) if d), default="")
        if not newest:
            continue
        when = dt.date.fromisoformat(newest)
        if (today - when).days > STALE_DAYS:
            where = "首页上的栏目" if on_home.get(ctype.key) else "动态类栏目"
            findings.append(Finding(
                WARNING, listing, None,
                f"{where}「{ctype.label}」已 {(today - when).days} 天没有更新（最新一篇是 {cn_date(when)}）",
                f"政府网站检查要求这类栏目 {STALE_DAYS} 天内有更新：发布新内容，或在 mkdocs.yml 的 home: 里不在首页显示它",
                code="gov.column-stale"))
    return findings
