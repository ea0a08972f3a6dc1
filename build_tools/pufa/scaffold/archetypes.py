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


SCREEN_NAMES = ("screen", "screens", "展示屏", "播放列表", "一体机")
SCREEN = """# 展示屏「{title}」的播放列表（pufa new screen 生成）。
# 展示地址：网站地址/screens/{slug}/（在展示屏或一体机上全屏打开，见 README「展示屏和一体机」）
# 把「待补充」换成真实内容，保存后运行 pufa check 检查，再运行 pufa build。
title: {title_yaml}
duration: 20        # 每项默认播放多少秒（5 到 600）
idle: 60            # 有人触摸浏览后，多少秒没有操作就回到播放
{fallback}# 宣传活动（宪法宣传周、民法典宣传月）期间，活动页和它推荐的文章会自动加入播放。
items:
{page}  # 一张文字页：## 后面是大标题，下面一两句话；link 是观众触摸或扫码打开的页面
  - slide: |
      ## 待补充：标题

      待补充：一两句话，字大、句短，站在两米外也能看清。
{link}  # 只在某些日子或时段播放：加 start: 2026-12-04、end: 2026-12-04、repeat: true（每年）、
  # time: "09:00-17:00"、weekdays: 工作日
"""


def new_screen(site: Path, title: str) -> Path:
    """A playlist for a screen or kiosk: content/screens/<pinyin>.yml, from the template."""
    title = title.strip()
    slug = slugify(title)
    if not slug:
        raise NewPageError("标题不能为空，例如：pufa new screen 公共法律服务中心大厅")
    content = site / "content"
    if not content.is_dir():
        raise NewPageError(f"{site} 里没有 content 文件夹：这不是一个 pufa 网站。先运行 pufa init")
    path = content / "screens" / f"{slug}.yml"
    if path.exists():
        raise NewPageError(f"文件已存在，没有覆盖：{path}。换一个名字，或直接编辑这个文件")
    # An example page that exists, so the playlist shows something real from the start.
    pages = sorted(p.relative_to(content).as_posix() for folder in (T.GUIDE.folder, T.LESSON.folder)
                   for p in (content / folder).glob("*.md") if p.name != "index.md")
    first = pages[0] if pages else ""
    fallback = ("fallback: default   # 没有安排任何内容时，改播 default.yml\n"
                if (content / "screens" / "default.yml").is_file() and slug != "default" else "")
    text = SCREEN.format(
        title=title, title_yaml=yamlio.scalar(title), slug=slug, fallback=fallback,
        page=(f"  # 一页网站内容：写 content 文件夹里的路径\n  - page: {first}\n    duration: 25\n" if first else ""),
        link=(f"    link: {first}\n" if first else ""))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return path


def new_page(site: Path, type_name: str, title: str, case: bool = False,
             today: dt.date | None = None) -> Path:
    if type_name.strip().lower() in SCREEN_NAMES:
        return new_screen(site, title)
    ctype = T.find_type(type_name)
    if ctype is None:
        names = "、".join(f"{t.key}（{t.label}）" for t in T.TYPES) + "、screen（展示屏播放列表）"
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
