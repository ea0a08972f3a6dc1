"""`pufa new`: a new page from its type's template (Hugo's archetypes).

The front matter lists every required field with a placeholder that
``pufa check`` flags, and a Chinese comment saying what to write.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path


from pufa import yamlio
from pufa.content import types as T
from pufa.content.slug import slugify

BODIES = {
    "lesson": "## 一、\n\n待补充：正文。引用法条请写全称和条号，如《中华人民共和国民法典》第一千零七十七条。\n",
    "village": "## 村情概况\n\n待补充\n\n## 民主法治建设\n\n待补充\n",
    "party-history": "## 史实回顾\n\n待补充\n\n## 学习体会\n\n待补充\n",
    "guide": "## 温馨提示\n\n待补充\n",
    "campaign": "## 活动安排\n\n待补充\n",
    "directory": "## 怎么找到我们\n\n待补充：交通、楼层、停车等（不需要可以删去这一段）\n",
    "document": "待补充：文件正文或主要内容。\n",
    "qa": "待补充：详细解答。先说结论，再讲条件和例外，最后说怎么办、找谁办。"
          "引用法条请写全称和条号，如《中华人民共和国民法典》第一千零八十四条。\n",
}
# Fields a new document leaves out until its status changes: shown as comments.
DOCUMENT_LATER = (
    "# 状态不是「现行有效」时加上：\n"
    "# status_date: 2024-01-01  # 状态日期：修订、宣布失效或废止的日期\n"
    "# replaced_by: documents/xin-wen-jian.md  # 取代文件：已修订的必填，写新文件的路径\n"
)
CASE_BODY = "## 案情简介\n\n待补充\n\n## 争议焦点\n\n待补充\n\n## 法律分析\n\n待补充\n\n## 普法提示\n\n待补充\n"


class NewPageError(Exception):
    """A problem staff can fix; the message is Chinese."""


def _comment(f: T.Field) -> str:
    text = f.label
    if f.help:
        text += "：" + f.help
    if f.choices and f.kind in (T.CHOICE, T.CHOICES):
        text += "。可选：" + "、".join(f.choices)
    if f.required:
        text += "（必填）"
    return text


def front_matter(ctype: T.ContentType, title: str, today: dt.date, values: dict | None = None) -> str:
    """Every field `pufa new` writes, with its comment; `values` (by field name)
    replace the placeholders of fields already known (pufa import-docx)."""
    values = values or {}
    lines = ["---"]
    for f in ctype.fields:
        if f.example is None and not f.required:
            continue
        value = values.get(f.name, f.example)
        if isinstance(value, str):
            value = value.replace("{title}", title).replace("{today}", today.isoformat())
        if isinstance(value, list):
            if not value:
                lines.append(f"{f.name}: []  # {_comment(f)}")
                continue
            lines.append(f"{f.name}:  # {_comment(f)}")
            lines.extend(f"  - {yamlio.scalar(v)}" for v in value)
        else:
            lines.append(f"{f.name}: {yamlio.scalar(value)}  # {_comment(f)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def new_page(site: Path, type_name: str, title: str, case: bool = False,
             today: dt.date | None = None) -> Path:
    ctype = T.find_type(type_name)
    if ctype is None:
        names = "、".join(f"{t.key}（{t.label}）" for t in T.TYPES)
        raise NewPageError(f"没有「{type_name}」这种内容类型。可以用：{names}")
    title = title.strip()
    if not title:
        raise NewPageError("标题不能为空，例如：pufa new lesson 反家庭暴力法十问")
    slug = slugify(title)
    if not slug:
        raise NewPageError(f"无法从标题「{title}」生成文件名，请在标题里用汉字或字母")
    content = site / "content"
    if not content.is_dir():
        raise NewPageError(f"{site} 里没有 content 文件夹：这不是一个 pufa 网站。先运行 pufa init")
    path = content / ctype.folder / f"{slug}.md"
    if path.exists():
        raise NewPageError(f"文件已存在，没有覆盖：{path}。换一个标题，或直接编辑这个文件")
    today = today or dt.date.today()
    body = CASE_BODY if case and ctype is T.LESSON else BODIES.get(ctype.key, "待补充\n")
    text = front_matter(ctype, title, today)
    if case and ctype is T.LESSON:
        text = text[: -len("---\n")] + "layout: 以案释法  # 版式：以案释法\n---\n"
    if ctype is T.DOCUMENT:
        text = text[: -len("---\n")] + DOCUMENT_LATER + "---\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text + "\n" + body)
    return path
