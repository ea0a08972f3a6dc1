"""`pufa init`: a new site with pufa's settings, and the sample or a skeleton."""
from __future__ import annotations

import shutil
from pathlib import Path


from pufa import yamlio
from pufa.resources import sample_content_dir

MKDOCS_YML = """\
# 网站设置。改完保存，运行 pufa build 生成网站，或 pufa serve 边写边看。
site_name: {site_name}
site_description: {description}
# 网站正式上线后的网址（二维码、分享链接用它），以 / 结尾
site_url: {site_url}
copyright: {copyright}

docs_dir: content
site_dir: site

theme:
  name: material
  language: zh
  font: false            # 不从外网加载字体，使用系统中文字体
{custom_dir}  palette:
    primary: custom
    accent: custom
  features:
    - navigation.tabs
    - navigation.indexes
    - navigation.top
    - navigation.footer

# 栏目导航。各篇文章不必写在这里，栏目页会自动列出；还没有文章的栏目不显示在导航里。
nav:
  - 首页: index.md
  - 普法课堂: lessons/index.md
  - 办事指南: guides/index.md
  - 法律咨询: qa/index.md
  - 机构名录: directory/index.md
  - 民主法治示范村: villages/index.md
  - 党史学习:
      - party-history/index.md
      - 党史时间轴: party-history/timeline.md
  - 宣传活动: campaigns/index.md
  - 规范性文件: documents/index.md
  - 法律法规: laws/index.md

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
      permalink_title: 本段链接
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tasklist

plugins:
  - pufa-laws          # 法律法规库：法条页面、引用链接（pufa import-laws 导入）
  - pufa-search        # 中文搜索：离线可用，支持口语、简称、拼音
  - pufa-offline       # 离线阅读：手机上可安装，断网也能看
  - pufa:
      region: {region}     # 网站所在的省（自治区、直辖市），如 浙江：本省的地方性法规排在其他省的前面
      bureau:
        name: {bureau}
        address: {address}
        hotline: "12348"
        phone: {phone}
      filing:
        icp: ""          # ICP 备案号，如 京ICP备12345678号-1；填写后显示在页脚
        police: ""       # 公安备案号，如 京公网安备11010502030000号
      government: {government}   # 政府网站：每页带检查用的 meta 标签，页脚带标识和找错链接，pufa check 查栏目更新
      gov:               # 政府网站检查要求的信息（government: true 时必填）
        site_code: {site_code}    # 网站标识码（10 位数字）
        host: {host}              # 主办单位（不写就用上面的单位名称）
        badge: {badge}            # 党政机关网站标识图片，放在 content 里，如 images/dzjg.png
        badge_link: {badge_link}  # 标识的核验链接
        report_url: {report_url}  # 「我为政府网站找错」链接（带本站标识码）
        contact: {contact}        # 联系方式，如 电话 0571-00000000，邮箱 sfj@example.gov.cn
      home:
        lessons: 6       # 首页显示几篇最新普法课堂
        guides: 6        # 首页显示几个办事指南
        questions: 5     # 首页「群众常问」显示几个法律咨询（0 表示不显示）
      search:
        suggestions: [法律援助, 离婚, 拖欠工资, 交通事故, 借钱不还, 遗嘱, 家庭暴力, 醉驾]   # 搜索页「常用搜索」：点一下就搜
      kiosk:
        pin: {pin}       # 一体机使用统计页（网址/usage/）的 PIN；只防观众随手打开，不是安全措施
"""

GITIGNORE = """\
site/
.pufa-build-*/
.pufa-old-*/
.pufa-cache/
.pufa-backup/
*.bak
"""

SAMPLE_SETTINGS = dict(
    site_name="云溪区普法网（示例）",
    description="云溪区司法局普法宣传网站（示例站点，地名、人名均为虚构）",
    site_url="https://pufa.example.gov.cn/",
    copyright="© 云溪区司法局（示例）",
    bureau="云溪区司法局（示例）",
    address="示例市云溪区建设路88号（示例地址）",
    phone="0000-66880000",
    pin="2468",
    region="",
    # Fictional, as the whole sample: replaced before the site goes live.
    government=True,
    site_code="0000000000",
    host="示例市云溪区司法局（示例）",
    badge="images/gov-badge-sample.png",
    badge_link="https://bszs.conac.cn/",
    report_url="https://zfwzzc.www.gov.cn/",
    contact="电话 0000-66880000，邮箱 sfj@example.gov.cn（示例）",
)

EMPTY_SETTINGS = dict(
    site_name="普法网",
    description="司法局普法宣传网站",
    site_url="https://example.gov.cn/",
    copyright="© 司法局",
    bureau="司法局",
    address="",
    phone="",
    pin="",
    region="",
    government=False, site_code="", host="", badge="", badge_link="", report_url="", contact="",
)


def mkdocs_yml(settings: dict, custom_dir: str | None = None) -> str:
    custom = f"  custom_dir: {custom_dir}\n" if custom_dir else ""
    values = {k: yamlio.scalar(v) for k, v in settings.items()}
    return MKDOCS_YML.format(custom_dir=custom, **values)


def skeleton_files(sample: Path) -> list[Path]:
    """The files an empty site keeps: home page, section pages, folder defaults."""
    keep = [sample / "index.md"]
    for child in sorted(sample.iterdir()):
        if child.is_dir():
            keep.extend(p for p in (child / "index.md", child / "_defaults.yml") if p.is_file())
    return [p for p in keep if p.is_file()]


class InitError(Exception):
    """A problem staff can fix; the message is Chinese."""


def init_site(target: Path, empty: bool = False, region: str = "") -> list[Path]:
    from pufa.laws.library import region_of

    target = target.resolve()
    if region and region_of(region) is None:
        raise InitError(f"「{region}」不是省、自治区或直辖市的名字。例如：pufa init 我的普法网 --region 浙江")
    if (target / "mkdocs.yml").exists():
        raise InitError(f"{target} 里已经有 mkdocs.yml，没有覆盖任何文件。"
                        "换一个空文件夹，或直接在这里运行 pufa build")
    content = target / "content"
    if content.exists() and any(content.iterdir()):
        raise InitError(f"{content} 已经有内容，没有覆盖任何文件。换一个空文件夹再试")
    sample = sample_content_dir()
    target.mkdir(parents=True, exist_ok=True)
    written = []
    if empty:
        for src in skeleton_files(sample):
            dest = content / src.relative_to(sample)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
            written.append(dest)
        settings = EMPTY_SETTINGS
    else:
        shutil.copytree(sample, content, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
        written.extend(p for p in content.rglob("*") if p.is_file())
        settings = SAMPLE_SETTINGS
    settings = dict(settings, region=region_of(region) if region else "")
    (target / "mkdocs.yml").write_text(mkdocs_yml(settings), encoding="utf-8")
    (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    written += [target / "mkdocs.yml", target / ".gitignore"]
    return written
