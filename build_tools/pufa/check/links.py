"""Links and images in Markdown: targets that exist, anchors that exist,
images that exist, are not too big and say what they show.

Staff paste from Word and WeChat, so a target may be a path on their own
computer (D:\\照片\\IMG.jpg), a picture on another site (mmbiz.qpic.cn), the
site's own address (https://…/lessons/xian-fa/ or http://127.0.0.1:8000/…),
an address written from the site's root (/lessons/xian-fa/) or a path that
leaves content/.  `resolve` says which, once, for `check` and for `fixes`.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pufa.content.frontmatter import prose_lines
from pufa.content.slug import heading_id, slugify_path
from pufa.findings import ERROR, WARNING, Finding

IMAGE_LIMIT = 500 * 1024
# [text](target) and ![alt](target), the target possibly with spaces, <…> or a "title".
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)")
_TITLE = re.compile(r"""\s+(?:"[^"]*"|'[^']*'|\([^()]*\))\s*$""")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"\bid=[\"']([^\"']+)[\"']")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
# HTML that makes the browser fetch something: each is a request to check.
_FETCHING_TAG = re.compile(r"<(img|script|iframe|video|audio|source|embed|link|object)\b([^>]*)>", re.I)
_FETCH_ATTR = re.compile(r"""\b(src|href|data|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_A_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_WINDOWS = re.compile(r"^(?:file:/*)?[a-z]:[\\/]|^\\\\|^file:", re.I)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1"}
WECHAT_HOSTS = ("qpic.cn", "weixin.qq.com", "wx.qq.com", "qlogo.cn")


def anchors_of(markdown: str) -> set[str]:
    """Heading ids as pufa's theme makes them (pinyin), plus explicit ids."""
    ids: set[str] = set()
    counts: dict[str, int] = {}
    for _, line in prose_lines(markdown):
        m = _HEADING.match(line)
        if m:
            text = m.group(2)
            explicit = _ATTR_ID.search(text)
            if explicit:
                ids.add(explicit.group(1))
                continue
            base = heading_id(text)
            n = counts.get(base, 0)
            counts[base] = n + 1
            ids.add(base if n == 0 else f"{base}_{n}")
        ids.update(_HTML_ID.findall(line))
    return ids


@dataclass
class Site:
    """What a link is resolved against: the files of content/ and the site's own addresses."""
    docs_dir: Path
    sources: list[str]
    site_url: str = ""
    by_url: dict[str, str] = field(default_factory=dict)      # "lessons/xian-fa/" -> "lessons/xian-fa.md"
    by_name: dict[str, list[str]] = field(default_factory=dict)  # "img.jpg" -> its paths under content/
    by_lower: dict[str, str] = field(default_factory=dict)       # "lessons/img.jpg" -> "lessons/IMG.JPG"

    def __post_init__(self):
        for rel in self.sources:
            self.by_lower.setdefault(rel.lower(), rel)
            self.by_name.setdefault(rel.rsplit("/", 1)[-1].lower(), []).append(rel)
            if rel.endswith(".md"):
                url = slugify_path(rel)[:-3]
                url = url[:-5] if url.endswith("index") and (url == "index" or url.endswith("/index")) \
                    else url + "/"
                self.by_url.setdefault(url.lstrip("/"), rel)
            else:
                self.by_url.setdefault(slugify_path(rel), rel)

    @property
    def host(self) -> str:
        return (urlsplit(self.site_url).hostname or "").lower()

    @property
    def base_path(self) -> str:
        return urlsplit(self.site_url).path or "/"

    def page_at(self, url_path: str) -> str | None:
        """The source of a site address's path (without the site's base path)."""
        path = unquote(url_path).lstrip("/")
        for candidate in (path, path + "/", path.removesuffix("index.html"), path.removesuffix(".html") + "/"):
            if candidate in self.by_url:
                return self.by_url[candidate]
        if path in self.sources:
            return path
        return None


@dataclass
class Target:
    kind: str               # ok, outbound, remote, windows, own-site, absolute, outside, missing, anchor-only
    rel: str | None = None  # the file under content/ it names, when there is one
    anchor: str = ""
    fixed: str | None = None  # what to write instead (relative to the page), when that is certain


def split_target(inner: str) -> str:
    """The destination inside (…) as Python-Markdown reads it: <…>, or text before a "title"."""
    inner = inner.strip()
    if inner.startswith("<") and ">" in inner:
        return inner[1:inner.index(">")].strip()
    return _TITLE.sub("", inner).strip()


def resolve(site: Site, page: str, target: str) -> Target:
    """What `target`, written in content/`page`, points at."""
    here = posixpath.dirname(page)
    path, _, anchor = target.partition("#")
    if _WINDOWS.match(target) or ("\\" in target and not _SCHEME.match(target)):
        name = re.split(r"[\\/]", unquote(path))[-1]
        found = site.by_name.get(name.lower(), [])
        return Target("windows", found[0] if len(found) == 1 else None, anchor,
                      _relative(here, found[0]) if len(found) == 1 else None)
    if target.startswith("//") or _SCHEME.match(target):
        parts = urlsplit(target if not target.startswith("//") else "http:" + target)
        if parts.scheme not in ("http", "https"):
            return Target("ok")                      # tel:, mailto:, data: … not ours to check
        host = (parts.hostname or "").lower()
        own = host in LOCAL_HOSTS or (site.host and host == site.host)
        if not own:
            return Target("outbound")
        url_path = parts.path or "/"
        base = site.base_path if host == site.host else "/"
        if url_path.startswith(base):
            url_path = url_path[len(base):]
        rel = site.page_at(url_path)
        anchor = parts.fragment
        return Target("own-site", rel, anchor, _relative(here, rel, anchor) if rel else None)
    if not path:
        return Target("anchor-only", page, anchor)
    path = unquote(path)
    if path.startswith("/"):
        rel = site.page_at(path)
        return Target("absolute", rel, anchor, _relative(here, rel, anchor) if rel else None)
    rel = posixpath.normpath(posixpath.join(here, path))
    if rel == ".." or rel.startswith("../"):
        return Target("outside", None, anchor)
    if (site.docs_dir / rel).is_dir() and (site.docs_dir / rel / "index.md").is_file():
        return Target("ok", posixpath.join(rel, "index.md") if rel != "." else "index.md", anchor)
    if (site.docs_dir / rel).is_file():
        return Target("ok", rel, anchor)
    by_url = site.page_at(rel)                       # ../xian-fa/ : a page's address, written relative
    if by_url:
        return Target("address", by_url, anchor, _relative(here, by_url, anchor))
    other_case = site.by_lower.get(rel.lower())      # IMG_001.jpg for IMG_001.JPG: fine on Windows only
    if other_case:
        return Target("case", other_case, anchor, _relative(here, other_case, anchor))
    return Target("missing", rel, anchor)


def _relative(here: str, rel: str, anchor: str = "") -> str:
    out = posixpath.relpath(rel, here or ".")
    return out + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Reference:
    line: int           # index of the line in the body
    column: int
    what: str           # "link", "image" (Markdown or <img>) or "resource" (<script>, <iframe> …)
    alt: str | None     # a Markdown image's alt text; None where <img> has its own check
    target: str
    start: int          # where the target is in its line, for --fix
    end: int


def references(body: str):
    """Every link, image and fetching tag of a page's body."""
    for n, line in prose_lines(body):
        for m in _LINK.finditer(line):
            target = split_target(m.group(3))
            if target:
                image = m.group(1) == "!"
                yield Reference(n, m.start() + 1, "image" if image else "link", m.group(2) if image else None,
                                target, m.start(3), m.end(3))
        for m in _FETCHING_TAG.finditer(line):
            tag = m.group(1).lower()
            for a in _FETCH_ATTR.finditer(m.group(2)):
                if (a.group(1).lower() == "href") != (tag == "link"):
                    continue
                group = next(i for i in (2, 3, 4) if a.group(i) is not None)
                start = m.start(2) + a.start(group)
                yield Reference(n, m.start() + 1, "image" if tag == "img" else "resource", None,
                                a.group(group).strip(), start, m.start(2) + a.end(group))
        for m in _A_HREF.finditer(line):
            group = 1 if m.group(1) is not None else 2
            yield Reference(n, m.start() + 1, "link", None, m.group(group).strip(), m.start(group), m.end(group))


THING = {"link": "链接", "image": "图片", "resource": "嵌入的内容"}


def check(site: Site, rel: str, shown: str, body: str, first_line: int,
          anchors: dict[str, set[str]], image_limit: int = IMAGE_LIMIT) -> list[Finding]:
    findings = []
    folder = f"content/{posixpath.dirname(rel)}/".replace("//", "/")
    for ref in references(body):
        lineno, target, thing = first_line + ref.line, ref.target, THING[ref.what]
        t = resolve(site, rel, target)
        fetched = ref.what != "link"
        prefix = "image" if fetched else "link"

        def add(severity, message, hint, code):
            findings.append(Finding(severity, shown, lineno, message, hint, ref.column, code))

        if t.kind == "ok" and t.rel is None or t.kind == "outbound" and not fetched:
            continue                            # tel:, mailto:, a link to another site
        if t.kind == "outbound":
            add(ERROR, _remote_message(target, thing),
                f"把{'图片' if ref.what == 'image' else '文件'}另存到这一页所在的文件夹（{folder}），"
                "再写成 ![图片内容](图片文件名.jpg)；网站承诺不从其他网站加载任何东西，离线也要能看",
                f"{prefix}.remote")
        elif t.kind == "windows":
            add(ERROR, f"{thing}「{target}」是你电脑上的位置，网站上打不开",
                f"改成 {t.fixed}（pufa check --fix 会自动改）" if t.fixed else
                f"把文件复制到这一页所在的文件夹（{folder}），再只写文件名，如 ![图片内容](IMG.jpg)",
                f"{prefix}.windows-path")
        elif t.kind == "case":
            add(ERROR, f"{thing}「{target}」的大小写和文件名不一致（文件是 {t.rel.rsplit('/', 1)[-1]}）："
                "在 Windows 电脑上能打开，放到网站服务器上就打不开",
                f"改成 {t.fixed}（pufa check --fix 会自动改）", f"{prefix}.case")
        elif t.kind == "outside":
            add(ERROR, f"{thing}「{target}」指向 content 文件夹以外，网站上没有这个文件",
                f"把文件放进 content 文件夹（比如这一页所在的 {folder}），再写相对路径", f"{prefix}.outside")
        elif t.kind in ("own-site", "absolute", "address") and t.rel is None:
            add(ERROR, f"{thing}「{target}」指向的页面不存在",
                "检查网址是否写错；站内链接写 content 里的文件路径，如 ../guides/ren-min-tiao-jie.md",
                f"{prefix}.missing")
        elif t.kind == "missing":
            if fetched:
                add(ERROR, f"图片「{target}」不存在",
                    f"检查图片文件名和位置（区分大小写）：图片放在 {folder} 里，这里只写文件名；"
                    "文件名最好不用空格和中文标点", "image.missing")
            else:
                add(ERROR, f"链接「{target}」指向的文件不存在",
                    "检查文件名是否改过；站内链接写相对路径，如 ../guides/ren-min-tiao-jie.md", "link.missing")
        elif t.kind == "anchor-only":
            if t.anchor and t.anchor not in anchors.get(rel, set()):
                add(ERROR, f"本页没有「#{t.anchor}」这个位置", "检查小标题是否改过，或删掉 # 后面的部分",
                    "link.anchor")
        else:
            if t.kind == "own-site":
                add(WARNING, f"{thing}「{target}」写的是网站网址，换了域名、在预览或离线版里会打不开",
                    f"写 content 里的文件路径：{t.fixed}（pufa check --fix 会自动改）", f"{prefix}.own-site")
            elif t.kind in ("absolute", "address"):
                add(WARNING, f"{thing}「{target}」写的是网址而不是文件路径，网站放在子目录或离线版里会打不开",
                    f"写 content 里的文件路径：{t.fixed}（pufa check --fix 会自动改）", f"{prefix}.address")
            if fetched:
                findings += _image(site.docs_dir / t.rel, target, ref.alt, shown, lineno, ref.column, image_limit)
            elif t.anchor and t.rel.endswith(".md") and t.rel in anchors \
                    and t.anchor not in anchors[t.rel] and not t.anchor.startswith("art-"):
                add(ERROR, f"链接「{target}」指向的页面没有「#{t.anchor}」这个位置",
                    "检查那个页面的小标题是否改过", "link.anchor")
    for n, line in prose_lines(body):
        for tag in _IMG_TAG.findall(line):
            if not re.search(r"\balt=[\"'][^\"']+[\"']", tag):
                findings.append(Finding(WARNING, shown, first_line + n, "图片没有文字说明（alt）",
                                        "加上 alt=\"图片内容\"，读屏软件和图片加载失败时会用到", None,
                                        "image.alt"))
    return findings


def _remote_message(target: str, thing: str) -> str:
    host = urlsplit(target if not target.startswith("//") else "http:" + target).hostname or target
    text = f"{thing}来自其他网站（{host}），公众网站不能从别的网站加载图片"
    if host.endswith(WECHAT_HOSTS):
        text += "；微信公众号的图片在别的网站上会显示「此图片来自微信公众平台，未经允许不可引用」"
    return text


def fixes(site: Site, rel: str, body: str, first_line: int) -> list[tuple[int, int, int, str, str, str]]:
    """(line, start, end, old, new, 链接 or 图片) for each target `pufa check --fix` rewrites: the site's
    own address or an address from the root → the page's .md path; a Windows path → the
    file of that name under content/, when there is exactly one."""
    out = []
    for ref in references(body):
        t = resolve(site, rel, ref.target)
        if t.kind in ("own-site", "absolute", "address", "windows", "case") and t.fixed:
            out.append((first_line + ref.line, ref.start, ref.end, ref.target, t.fixed, THING[ref.what]))
    return out


def apply_fixes(text: str, edits) -> str:
    """Rewrite each edit's target inside its line (1-based lines of the whole file)."""
    lines = text.split("\n")
    for line, start, end, old, new, _ in sorted(edits, key=lambda e: (e[0], -e[1])):
        row = lines[line - 1]
        segment = row[start:end]
        if old in segment:
            new_segment = segment.replace(old, new.replace(" ", "%20") if " " in new else new, 1)
            lines[line - 1] = row[:start] + new_segment + row[end:]
    return "\n".join(lines)


def _image(file: Path, target: str, alt: str | None, shown: str, line: int, column: int, limit: int):
    out = []
    size = file.stat().st_size if file.is_file() else 0
    if size > limit:
        out.append(Finding(WARNING, shown, line,
                           f"图片「{target}」有 {size / 1024 / 1024:.1f} MB，手机上打开会很慢（上限 {limit // 1024} KB）",
                           "运行 pufa images --fix 自动压缩，或用画图软件缩小后再保存", column, "image.size"))
    if alt is not None and not alt.strip():
        out.append(Finding(WARNING, shown, line, f"图片「{target}」没有文字说明",
                           "写成 ![图片内容](图片路径)，方括号里写图片内容", column, "image.alt"))
    return out


def photo_findings(site: Site, rel: str, shown: str, photos, line: int | None,
                   limit: int = IMAGE_LIMIT) -> list[Finding]:
    """A village's `photos:`: each file exists under content/, beside the page."""
    out = []
    folder = f"content/{posixpath.dirname(rel)}/".replace("//", "/")
    for i, photo in enumerate(photos or []):
        src = photo.get("src") if isinstance(photo, dict) else None
        if not src:
            continue
        where = _line_naming(site.docs_dir / rel, src, line)
        t = resolve(site, rel, src)
        if t.kind == "outbound":
            out.append(Finding(ERROR, shown, where, _remote_message(src, "照片"),
                               f"把照片另存到 {folder}，这里写文件名", None, "image.remote"))
        elif t.kind == "windows":
            out.append(Finding(ERROR, shown, where, f"照片「{src}」是你电脑上的位置，网站上打不开",
                               f"把照片复制到 {folder}，这里写文件名" if not t.fixed else f"改成 {t.fixed}",
                               None, "image.windows"))
        elif t.kind == "outside":
            out.append(Finding(ERROR, shown, where, f"照片「{src}」在 content 文件夹以外，网站上没有这个文件",
                               f"把照片复制到 {folder}，这里写文件名", None, "image.outside"))
        elif t.rel is None or not (site.docs_dir / t.rel).is_file():
            out.append(Finding(ERROR, shown, where, f"照片「{src}」不存在",
                               f"检查文件名（区分大小写）；照片放在 {folder} 里，这里写文件名", None,
                               "image.missing"))
        elif (site.docs_dir / t.rel).stat().st_size > limit:
            size = (site.docs_dir / t.rel).stat().st_size
            out.append(Finding(WARNING, shown, where,
                               f"照片「{src}」有 {size / 1024 / 1024:.1f} MB，手机上打开会很慢（上限 {limit // 1024} KB）",
                               "运行 pufa images --fix 自动压缩", None, "image.size"))
    return out


def _line_naming(file: Path, text: str, after: int | None) -> int | None:
    """The first line from `after` on that contains `text` (a photo's src)."""
    try:
        rows = file.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return after
    for n in range((after or 1) - 1, len(rows)):
        if text in rows[n]:
            return n + 1
    return after


def photo_url(page_src: str, page_url: str, src: str) -> str:
    """A photo's address relative to the page's own address (directory URLs put
    villages/a.md at villages/a/, one folder deeper than the file)."""
    if _SCHEME.match(src) or src.startswith(("/", "#")) or "\\" in src:
        return src
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), src))
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    return posixpath.relpath(target, base.rstrip("/") or ".") if base.strip("/") else target
