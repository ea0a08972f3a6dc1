"""Read and check `content/screens/NAME.yml`, one playlist per screen.

A playlist is what a big screen in a 法治文化阵地 or a touch kiosk shows all
day: site pages and short Markdown slides, each for some seconds, some only
on certain dates, hours or weekdays.  Staff write it by hand, so every
mistake is a Chinese finding with the line, never a crash.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pufa import yamlio
from pufa.content.frontmatter import decode
from pufa.dates import cn_month_day
from pufa.findings import ERROR, WARNING, Finding
from pufa.screens import schedule as S

FOLDER = "screens"
DEFAULT = "default"          # the playlist shown when a screen has nothing scheduled
DEFAULT_DURATION = 20        # seconds per item
DEFAULT_IDLE = 90            # seconds without a touch before a kiosk returns to its playlist
MIN_DURATION, MAX_DURATION = 5, 600

# Every key also accepts the Chinese word staff read in the docs.
TOP_KEYS = {"title": "标题", "items": "内容", "duration": "时长", "idle": "空闲返回",
            "fallback": "备用", "campaigns": "宣传活动", "sample": "示例"}
ITEM_KEYS = {"page": "页面", "slide": "文字", "link": "链接", "title": "标题", "duration": "时长",
             "start": "开始", "end": "结束", "repeat": "每年", "time": "时间", "weekdays": "星期"}


@dataclass
class Item:
    kind: str                   # "page" or "slide"
    line: int
    duration: int
    window: S.Window
    page: str = ""              # content path (lessons/xian-fa.md) for pages
    markdown: str = ""          # slide text
    link: str = ""              # for slides: the page a touch or the QR code leads to
    title: str = ""

    @property
    def key(self) -> str:
        """Items showing the same thing share a key (shown once per round)."""
        return "page:" + self.page if self.kind == "page" else "slide:" + self.markdown.strip()


@dataclass
class Playlist:
    name: str                   # file name without .yml, as staff wrote it
    file: str                   # as staff see it: content/screens/da-ting.yml
    title: str = ""
    items: list[Item] = field(default_factory=list)
    duration: int = DEFAULT_DURATION
    idle: int = DEFAULT_IDLE
    fallback: str | None = None
    fallback_line: int | None = None
    campaigns: bool = True
    sample: bool = False


def load_all(docs_dir: Path, root: str, page_exists, today: dt.date | None = None
             ) -> tuple[list[Playlist], list[Finding]]:
    """Every playlist in content/screens/, checked against the site's pages.

    `page_exists(path)` says whether a content path is a published page
    ("" when it is, else a reason such as "是草稿").
    """
    folder = docs_dir / FOLDER
    if not folder.is_dir():
        return [], []
    playlists, findings = [], []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".yml", ".yaml") or path.name.startswith(("_", ".")):
            continue
        shown = f"{root}/{FOLDER}/{path.name}"
        text, problems = decode(path.read_bytes(), shown)
        findings += problems
        if text is None:
            continue
        playlist, problems = parse(text, path.stem, shown, page_exists, today or dt.date.today())
        findings += problems
        if playlist is not None:
            playlists.append(playlist)
    findings += _fallbacks(playlists)
    return playlists, findings


def parse(text: str, name: str, shown: str, page_exists, today: dt.date
          ) -> tuple[Playlist | None, list[Finding]]:
    parsed, problems = yamlio.parse(text, shown, first_line=1, wording=yamlio.PLAYLIST)
    if problems:
        return None, problems
    data, node = parsed.data, parsed.node
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return None, [Finding(ERROR, shown, 1, "播放列表是空的，或者不是「字段: 值」的形式",
                              "参照示例写 title:（屏幕名称）和 items:（播放的内容列表）",
                              code="screen.empty")]
    out: list[Finding] = []
    top_lines = dict(parsed.key_lines())
    data, top_lines = _english_keys(data, top_lines, TOP_KEYS, shown, out, "播放列表")
    pl = Playlist(name=name, file=shown, title=str(data.get("title") or name))
    pl.sample = data.get("sample") is True
    pl.campaigns = data.get("campaigns", True) is not False
    pl.duration = _seconds(data, "duration", DEFAULT_DURATION, shown, top_lines, out)
    pl.idle = _seconds(data, "idle", DEFAULT_IDLE, shown, top_lines, out, low=10, high=3600)
    if "fallback" in data:
        fb = data.get("fallback")
        pl.fallback = None if fb in (None, False, "", "无") else str(fb).removesuffix(".yml")
        pl.fallback_line = top_lines.get("fallback")
    elif name != DEFAULT:
        pl.fallback = DEFAULT   # used only if it exists
    items = data.get("items")
    items_node = next((v for k, v in node.value if str(k.value) in ("items", "内容")), None)
    if not isinstance(items, list) or not items:
        out.append(Finding(ERROR, shown, top_lines.get("items", 1),
                           "播放列表没有内容：items 下面至少要有一项",
                           "在 items: 下面逐项写「- page: lessons/xxx.md」或「- slide: 一段文字」",
                           code="screen.empty"))
        return pl, out
    for i, raw in enumerate(items):
        item_node = items_node.value[i] if isinstance(items_node, yaml.SequenceNode) else None
        line = item_node.start_mark.line + 1 if item_node is not None else top_lines.get("items", 1)
        item = _item(raw, item_node, line, pl, shown, page_exists, today, out)
        if item is not None:
            pl.items.append(item)
    out += _duplicates(pl, today)
    return pl, out


def _item(raw, node, line, pl: Playlist, shown, page_exists, today, out) -> Item | None:
    if isinstance(raw, str):
        raw = {"page": raw} if raw.strip().endswith(".md") else {"slide": raw}
    if not isinstance(raw, dict):
        out.append(Finding(ERROR, shown, line, "这一项看不懂：应当是「page: 页面」或「slide: 文字」",
                           "例如「- page: lessons/xian-fa.md」，下一行缩进写「duration: 30」",
                           code="screen.item"))
        return None
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value} \
        if isinstance(node, yaml.MappingNode) else {}
    raw, lines = _english_keys(raw, lines, ITEM_KEYS, shown, out, "这一项")
    at = lambda key: lines.get(key, line)  # noqa: E731
    has_page, has_slide = bool(raw.get("page")), bool(raw.get("slide"))
    if has_page == has_slide:
        out.append(Finding(ERROR, shown, line,
                           "每一项要么是网站页面（page），要么是一段文字（slide），"
                           + ("不能两个都写" if has_page else "两个都没写"),
                           "写「page: lessons/xian-fa.md」或「slide: 一段文字」其中一个",
                           code="screen.item"))
        return None
    item = Item(kind="page" if has_page else "slide", line=line,
                duration=_seconds(raw, "duration", pl.duration, shown, lines, out, default_line=line),
                window=S.Window(), title=str(raw.get("title") or ""))
    if has_page:
        item.page = _content_path(raw["page"])
        reason = page_exists(item.page)
        if reason:
            out.append(Finding(ERROR if reason == "不存在" else WARNING, shown, at("page"),
                               f"要播放的页面 {item.page} {reason}",
                               "page 写 content 文件夹下的路径，例如 lessons/xian-fa.md；"
                               "可以在资源管理器里复制文件名对照", code="screen.page"))
            if reason == "不存在":
                return None
    else:
        item.markdown = str(raw["slide"]).strip()
        if raw.get("link"):
            item.link = _content_path(raw["link"])
            reason = page_exists(item.link)
            if reason:
                out.append(Finding(ERROR, shown, at("link"), f"link 指向的页面 {item.link} {reason}",
                                   "link 写 content 文件夹下的路径，例如 guides/fa-lv-yuan-zhu.md",
                                   code="screen.page"))
                item.link = ""
    item.window = _window(raw, at, shown, out)
    if item.window is not None and S.never_plays(item.window, today):
        out.append(Finding(ERROR, shown, line, "这一项的时间安排永远不会播放（日期、时间或星期互相矛盾）",
                           "检查 start/end、time 和 weekdays；不限时间就把它们删掉",
                           code="screen.never"))
    if item.window is None:
        return None
    return item


def _window(raw: dict, at, shown, out) -> S.Window | None:
    ok = True
    start = _date(raw.get("start"), "start", at, shown, out)
    end = _date(raw.get("end"), "end", at, shown, out)
    if start is False or end is False:
        ok, start, end = False, None, None
    repeat = raw.get("repeat") is True
    if start and end and end < start and not repeat:
        out.append(Finding(ERROR, shown, at("end"), f"结束日期 {end} 早于开始日期 {start}",
                           "把 end 改成开始之后的日期；跨年的每年活动加 repeat: true",
                           code="screen.dates"))
        ok = False
    if repeat and not (start and end):
        out.append(Finding(ERROR, shown, at("repeat"), "每年重复（repeat）需要同时写开始和结束日期",
                           "例如 start: 2026-12-01 和 end: 2026-12-07", code="screen.dates"))
        ok = False
    time_from = time_to = None
    if raw.get("time") not in (None, ""):
        got = S.parse_time_range(raw["time"])
        if got is None or got[0] == got[1]:
            out.append(Finding(ERROR, shown, at("time"), f"播放时间「{raw['time']}」看不懂",
                               "写成「08:30-17:30」：开始和结束时间用半角短横线连接",
                               code="screen.time"))
            ok = False
        else:
            time_from, time_to = got
    days = S.ALL_WEEK
    if raw.get("weekdays") not in (None, ""):
        got = S.parse_weekdays(raw["weekdays"])
        if got is None:
            out.append(Finding(ERROR, shown, at("weekdays"), f"星期「{raw['weekdays']}」看不懂",
                               "写成「周一至周五」「周六、周日」「工作日」，或数字列表 [1, 2, 3]（1 是周一）",
                               code="screen.weekdays"))
            ok = False
        else:
            days = got
    if not ok:
        return None
    return S.Window(start=start or None, end=end or None, repeat=repeat,
                    time_from=time_from, time_to=time_to, weekdays=days)


def _date(value, key, at, shown, out):
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass
    out.append(Finding(ERROR, shown, at(key), f"日期「{text}」不对（日期不存在或格式有误）",
                       "写成 2026-12-01 这样的格式（年-月-日）", code="screen.dates"))
    return False


def _seconds(data: dict, key: str, default: int, shown, lines, out, low=MIN_DURATION, high=MAX_DURATION,
             default_line=None) -> int:
    value = data.get(key)
    if value in (None, ""):
        return default
    text = str(value).strip().removesuffix("秒").strip()
    if isinstance(value, bool) or not text.isdigit() or not (low <= int(text) <= high):
        what = "每项播放的秒数" if key == "duration" else "无人操作后回到播放的秒数"
        out.append(Finding(ERROR, shown, lines.get(key, default_line), f"{what}「{value}」不对",
                           f"写 {low} 到 {high} 之间的整数，例如 {default}", code="screen.seconds"))
        return default
    return int(text)


def _content_path(value) -> str:
    text = str(value).strip().replace("\\", "/")
    for prefix in ("content/", "./", "/"):
        text = text.removeprefix(prefix)
    return text


def _english_keys(data: dict, lines: dict, keys: dict, shown, out, where: str):
    chinese = {cn: en for en, cn in keys.items()}
    new, new_lines = {}, {}
    for key, value in data.items():
        en = key if key in keys else chinese.get(str(key))
        if en is None:
            out.append(Finding(WARNING, shown, lines.get(str(key)), f"{where}里的「{key}」不认识，会被忽略",
                               "可用的字段：" + "、".join(f"{k}（{v}）" for k, v in keys.items()),
                               code="screen.unknown-key"))
            continue
        new[en] = value
        new_lines[en] = lines.get(str(key))
    return new, new_lines


def _duplicates(pl: Playlist, today: dt.date) -> list[Finding]:
    """The same page twice at the same time is almost always a copy-paste slip."""
    out = []
    for i, a in enumerate(pl.items):
        for b in pl.items[:i]:
            if a.key != b.key:
                continue
            day = S.overlaps(a.window, b.window, today)
            if day is not None:
                out.append(Finding(WARNING, pl.file, a.line,
                                   f"这一项和第 {b.line} 行的是同一内容，播放时间有重叠"
                                   f"（如 {cn_month_day(day)}），一轮里只会播放一次",
                                   "删掉其中一项，或把两项的日期、时间错开", code="screen.overlap"))
                break
    return out


def _fallbacks(playlists: list[Playlist]) -> list[Finding]:
    by_name = {p.name: p for p in playlists}
    out = []
    for p in playlists:
        if p.fallback and p.fallback not in by_name:
            if p.fallback_line is not None:   # written by staff; the implicit 'default' may be absent
                out.append(Finding(ERROR, p.file, p.fallback_line,
                                   f"备用播放列表「{p.fallback}」不存在",
                                   f"在 content/screens/ 里新建 {p.fallback}.yml，或改成已有的播放列表名",
                                   code="screen.fallback"))
            p.fallback = None
    for p in playlists:
        seen, name = [p.name], p.fallback
        while name:
            if name in seen:
                out.append(Finding(ERROR, p.file, p.fallback_line,
                                   "备用播放列表绕成了一个圈：" + " → ".join(seen + [name]),
                                   "让其中一个播放列表不再写 fallback", code="screen.fallback"))
                p.fallback = None
                break
            seen.append(name)
            name = by_name[name].fallback if name in by_name else None
    return out


def gaps(pl: Playlist, by_name: dict, first_day: dt.date, days: int = 366) -> list[dt.date]:
    """Days in the coming year on which nothing at all is scheduled (after fallbacks)."""
    chain, name = [pl], pl.fallback
    while name and name in by_name and by_name[name] not in chain:
        chain.append(by_name[name])
        name = by_name[name].fallback
    out = []
    for n in range(days):
        day = first_day + dt.timedelta(days=n)
        if not any(i.window.on_day(day) for p in chain for i in p.items):
            out.append(day)
    return out
