"""Run MkDocs for a pufa site: safe builds, live preview, Chinese messages."""
from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from pufa import publish
from pufa.poster import FOLDER as POSTERS


PREVIEW_ENV = "PUFA_PREVIEW"


class SiteError(Exception):
    """A problem staff can fix. The message is Chinese and says how."""


@dataclass
class BuildResult:
    site_dir: Path
    seconds: float
    pages: int
    warnings: list[str]


# MkDocs' own warnings, said in Chinese.  Unknown ones pass through as they are.
_TRANSLATIONS = [
    (re.compile(r"Doc file '([^']+)' contains a link '([^']+)', but the target '([^']+)' is not found among documentation files\.?"),
     "content/{0} 里的链接「{1}」指向的文件不存在。检查文件名是否改过，或链接是否写错"),
    (re.compile(r"Doc file '([^']+)' contains a link '([^']+)', but the doc '([^']+)' does not contain an anchor '([^']+)'\.?"),
     "content/{0} 里的链接「{1}」指向的页面没有「{3}」这个位置（锚点）"),
    (re.compile(r"Doc file '([^']+)' contains an unrecognized relative link '([^']+)'.*"),
     "content/{0} 里的链接「{1}」无法识别。站内链接请写成相对路径，如 ../guides/ren-min-tiao-jie.md"),
    (re.compile(r"A reference to '([^']+)' is included in the 'nav' configuration, which is not found in the documentation files\.?"),
     "mkdocs.yml 的导航（nav）里写了「{0}」，但 content 里没有这个文件"),
]


def translate(message: str) -> str:
    for pattern, chinese in _TRANSLATIONS:
        m = pattern.search(message)
        if m:
            return chinese.format(*m.groups())
    return message


class _Collector(logging.Handler):
    """Prints MkDocs warnings in Chinese and keeps them for the summary."""

    def __init__(self, echo):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.errors: list[str] = []
        self.echo = echo

    def emit(self, record):
        text = translate(record.getMessage())
        if record.levelno >= logging.ERROR:
            self.errors.append(text)  # reported once, by the caller
            return
        self.messages.append(text)
        self.echo(f"警告  {text}")


def config_path(site: Path) -> Path:
    cfg = site / "mkdocs.yml"
    if not cfg.is_file():
        raise SiteError(
            f"在 {site} 找不到 mkdocs.yml，这里不是一个 pufa 网站。\n"
            "      修改方法：进入网站所在的文件夹再运行，或用 --site 指定它；"
            "新建网站请运行 pufa init 文件夹名")
    return cfg


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml only to find syntax errors; !!python tags are ignored."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _check_yaml(cfg: Path) -> None:
    try:
        yaml.load(cfg.read_text(encoding="utf-8-sig"), Loader=_LenientLoader)
    except UnicodeDecodeError:
        raise SiteError("mkdocs.yml 不是 UTF-8 编码。\n"
                        "      修改方法：用记事本打开，「另存为」时编码选择「UTF-8」") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"mkdocs.yml:{mark.line + 1}" if mark else "mkdocs.yml"
        raise SiteError(f"{where}  格式有误：这一行附近的缩进或冒号不对\n"
                        "      修改方法：缩进只用空格、同一级对齐；每行写成「名称: 值」"
                        "（英文半角冒号加空格）；值里有冒号或 # 时用英文引号括起来") from None


def _load_config(cfg: Path, **overrides):
    from mkdocs import config as mkconfig
    from mkdocs.exceptions import ConfigurationError

    _check_yaml(cfg)
    try:
        return mkconfig.load_config(config_file=str(cfg), **overrides)
    except ConfigurationError as exc:
        raise SiteError(f"mkdocs.yml 设置有误：{exc}\n"
                        "      修改方法：对照 README 中的设置说明检查 mkdocs.yml") from None


def _quiet_mkdocs(handler: logging.Handler):
    log = logging.getLogger("mkdocs")
    log.setLevel(logging.WARNING)
    log.propagate = False
    for h in list(log.handlers):
        log.removeHandler(h)
    log.addHandler(handler)


def build(site: Path, echo=print) -> BuildResult:
    """Build site/ safely: into a temporary folder, swapped in on success."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, BuildError, PluginError

    site = site.resolve()
    cfg_file = config_path(site)
    started = time.perf_counter()
    config = _load_config(cfg_file)
    site_dir = Path(config.site_dir)
    publish.clean_stale(site_dir.parent)
    build_dir = publish.new_build_dir(site_dir)
    collector = _Collector(echo)
    _quiet_mkdocs(collector)
    config["site_dir"] = str(build_dir)  # nothing reads it before the build starts
    try:
        mkdocs_build(config)
    except PluginError as exc:
        publish.discard(build_dir)
        raise SiteError(str(exc)) from None
    except (BuildError, Abort) as exc:
        publish.discard(build_dir)
        detail = "\n".join(collector.errors) or f"生成失败：{translate(str(exc))}"
        if "原来的网站保持不变" not in detail:
            detail += "\n      原来的网站保持不变。"
        raise SiteError(detail) from None
    except BaseException:
        publish.discard(build_dir)
        raise
    # Posters are print sheets of pages, not pages.
    pages = sum(1 for p in build_dir.rglob("index.html") if p.relative_to(build_dir).parts[0] != POSTERS)
    publish.publish(build_dir, site_dir)
    return BuildResult(site_dir, time.perf_counter() - started, pages, collector.messages)


def build_into(site: Path, out_dir: Path, echo=print, **overrides):
    """Build the site into out_dir (not site/), with MkDocs settings overridden."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, BuildError, PluginError

    cfg_file = config_path(site.resolve())
    config = _load_config(cfg_file, **overrides)
    config["site_dir"] = str(out_dir)
    collector = _Collector(echo)
    _quiet_mkdocs(collector)
    try:
        mkdocs_build(config)
    except PluginError as exc:
        raise SiteError(str(exc)) from None
    except (BuildError, Abort) as exc:
        raise SiteError("\n".join(collector.errors) or f"生成失败：{translate(str(exc))}") from None
    return config


def serve(site: Path, address: str = "127.0.0.1:8000", open_browser: bool = False, echo=print):
    """Live preview: rebuilds on every save; errors show in the terminal."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    site = site.resolve()
    cfg_file = config_path(site)
    _load_config(cfg_file)  # report settings mistakes before starting
    collector = _Collector(echo)
    _quiet_mkdocs(collector)
    # While writing, unfinished pages are shown and their problems printed.
    os.environ[PREVIEW_ENV] = "1"
    # MkDocs says where it serves at INFO level; say it ourselves, in Chinese.
    echo(f"预览地址：http://{address}/  （保存文件后页面会自动刷新，按 Ctrl+C 结束）")
    mkdocs_serve(config_file=str(cfg_file), livereload=True, dev_addr=address,
                 open_in_browser=open_browser)
