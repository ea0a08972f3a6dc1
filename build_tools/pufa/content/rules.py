"""Checks that need more than one page: references between pages, layouts."""
from __future__ import annotations

from pufa.content import directory, documents, forms, quiz
from pufa.content import types as T
from pufa.content.case_layout import missing_sections
from pufa.content.model import ContentIndex, display_path
from pufa.findings import ERROR, WARNING, Finding


def cross_page_findings(index: ContentIndex) -> list[Finding]:
    findings: list[Finding] = []
    for item in index.items:
        if item.is_listing:
            continue
        shown = display_path(index.display_root, item.src_uri)
        if item.ctype is T.CAMPAIGN:
            for path in item.meta.get("featured") or []:
                if index.by_src(path) is None and path not in index.others:
                    findings.append(Finding(
                        ERROR, shown, item.lines.get("featured") or item.lines.get("推荐内容"),
                        f"推荐内容「{path}」不存在",
                        "写 content 文件夹下的路径，例如 lessons/xian-fa.md；文件改过名的话同步修改这里",
                        code="campaign.featured-missing",
                    ))
        if item.ctype is T.QA:
            findings += _related_findings(index, item, shown)
        if item.ctype is T.LESSON and item.meta.get("layout") == "以案释法":
            missing = missing_sections(item.body)
            if missing:
                findings.append(Finding(
                    WARNING, shown, item.body_line,
                    "以案释法版式缺少小标题：" + "、".join(missing),
                    "正文用「## 案情简介」「## 争议焦点」「## 法律分析」「## 普法提示」四个二级标题",
                    code="lesson.case-sections",
                ))
    findings.extend(directory.findings(index))
    findings += documents.cross_findings(index)
    return findings


# A Q&A points readers on to what they can read or do next.
RELATED_TYPES = (T.GUIDE, T.LESSON)


def _related_findings(index: ContentIndex, item, shown: str) -> list[Finding]:
    findings = []
    key_line = item.lines.get("related") or item.lines.get("相关内容")
    values = item.meta.get("related") or []
    for i, path in enumerate(values):
        line = key_line + 1 + i if key_line and len(values) > 0 else key_line
        target = index.by_src(path)
        if target is None or target.is_listing:
            findings.append(Finding(
                ERROR, shown, line, f"相关内容「{path}」不存在",
                "写 content 文件夹下的路径，例如 guides/ren-min-tiao-jie.md 或 lessons/min-fa-dian-ji-cheng.md；"
                "文件改过名的话同步修改这里", code="qa.related-missing"))
        elif target.ctype not in RELATED_TYPES:
            findings.append(Finding(
                ERROR, shown, line, f"相关内容「{path}」是「{target.ctype.label}」，这里只能写办事指南或普法课堂",
                "写 guides/ 或 lessons/ 下的文章路径", code="qa.related-type"))
    return findings


def body_findings(index: ContentIndex) -> list[Finding]:
    """What is wrong inside pages beyond Markdown itself: quiz blocks, forms to download."""
    findings: list[Finding] = []
    for item in index.items:
        shown = display_path(index.display_root, item.src_uri)
        findings += quiz.check_body(item.body, shown, item.body_line)
        if item.meta.get("forms"):
            findings += forms.check(item, index.docs_dir, shown)
    return findings
