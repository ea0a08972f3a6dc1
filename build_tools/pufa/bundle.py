"""`pufa bundle`: the whole site as a zip that works opened from a USB stick.

Built again with MkDocs' `use_directory_urls: false`, so every link names a
file (…/xian-fa.html) and works from file:// on Windows and Linux; search and
citation previews need no server (scripts, not fetch).
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from pufa import engine
from pufa.content.slug import slugify

SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
_OUTBOUND = re.compile(r"""<a\b[^>]*?\bhref=["'](?:https?:)?//([^/"'?#:]+)""", re.I)
OFFLINE = "不需要联网：所有页面、搜索、法条预览都在本机运行，不会访问任何外部网站。"

README = """{name}（离线版）

生成日期：{date}

怎样打开
1. 把这个压缩包解压到电脑或 U 盘上（Windows：右键 →「全部解压缩」）。
2. 打开解压出来的「{folder}」文件夹，双击 index.html，用浏览器（推荐 Chrome、Edge、360 极速模式）打开。
3. {network}

在展厅或一体机上使用
- 全屏显示：在浏览器里按 F11。
- 开机自动打开：把 index.html 的快捷方式放进「启动」文件夹（Windows：按 Win+R，输入 shell:startup）。

注意
- 请不要只复制单个网页文件，整个文件夹要一起复制。
- 内容更新后，请用新的压缩包替换整个文件夹。

{bureau}
"""


def network_note(built: Path) -> str:
    """What needs a network in the zip, said truthfully: links that lead to other sites."""
    hosts: dict[str, int] = {}
    pages = 0
    for page in built.rglob("*.html"):
        found = _OUTBOUND.findall(page.read_text(encoding="utf-8", errors="replace"))
        if found:
            pages += 1
            for host in found:
                hosts[host.lower()] = hosts.get(host.lower(), 0) + 1
    if not hosts:
        return OFFLINE
    named = "、".join(sorted(hosts, key=lambda h: (-hosts[h], h))[:3]) + ("等" if len(hosts) > 3 else "")
    return ("所有页面、搜索、法条预览都在本机运行，不需要联网。\n"
            f"   只有 {pages} 个页面里指向其他网站的链接（{named}，共 {sum(hosts.values())} 个）需要联网才能打开；"
            "断网时点开它们会打不开，其他内容不受影响。")


def default_name(site_name: str, today: dt.date) -> str:
    return f"{slugify(site_name) or 'pufa'}-{today.isoformat()}.zip"


def bundle(site: Path, out: Path | None = None, today: dt.date | None = None, echo=print) -> Path:
    site = site.resolve()
    today = today or dt.date.today()
    work = Path(tempfile.mkdtemp(prefix=".pufa-bundle-", dir=site))
    try:
        built = work / "site"
        result = engine.build(site, echo=echo, out_dir=built, use_directory_urls=False)
        settings = result.settings
        folder = slugify(settings.site_name) or "pufa"
        bureau = ""
        if settings.pufa is not None:
            b = settings.pufa.bureau
            bureau = "\n".join(x for x in (b.name, b.address, f"公共法律服务热线：{b.hotline}" if b.hotline else "") if x)
        readme = README.format(name=settings.site_name, date=today.isoformat(), folder=folder, bureau=bureau,
                               network=network_note(built))
        out = (out or site / default_name(settings.site_name, today)).resolve()
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            # Windows Notepad reads UTF-8 reliably with a BOM.
            zf.writestr(f"{folder}/使用说明.txt", "\ufeff" + readme.replace("\n", "\r\n"))
            for path in sorted(built.rglob("*")):
                # 404.html is for web servers (absolute links); sitemaps need a host.
                if path.is_file() and path.relative_to(built).as_posix() not in SERVER_ONLY:
                    zf.write(path, f"{folder}/{path.relative_to(built).as_posix()}")
        tmp.replace(out)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)
