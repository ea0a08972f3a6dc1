"""The engine adapter: the one module outside plugins/ that talks to MkDocs.

It reads mkdocs.yml into plain Settings (with Chinese findings and lines for
every mistake MkDocs would stop on), loads the site model once, reports it,
and only then runs MkDocs -- for a build, a preview, or a bundle.
"""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from pufa import publish
from pufa import yamlio
from pufa.content.frontmatter import decode
from pufa.content.slug import heading_id
from pufa.findings import ERROR, WARNING, Finding, Findings, format_all
from pufa.poster import FOLDER as POSTERS
from pufa.resources import theme_dir
from pufa.site import model as site_model
from pufa.site import session
from pufa.site.settings import Settings, namespace

CONFIG = "mkdocs.yml"
# pufa's plugins by the names mkdocs.yml lists them under, and their Settings field.
PLUGINS = {"pufa": "pufa", "pufa-laws": "laws", "pufa-search": "search", "pufa-offline": "offline"}


class SiteError(Exception):
    """A problem staff can fix. The message is Chinese and says how."""


@dataclass
class BuildResult(Findings):
    site_dir: Path
    seconds: float
    pages: int
    findings: list = field(default_factory=list)
    settings: Settings | None = None


def config_path(site: Path) -> Path:
    cfg = site / CONFIG
    if not cfg.is_file():
        raise SiteError(
            f"在 {site} 找不到 mkdocs.yml，这里不是一个 pufa 网站。\n"
            "      修改方法：进入网站所在的文件夹再运行，或用 --site 指定它；"
            "新建网站请运行 pufa init 文件夹名")
    return cfg


# -- settings ------------------------------------------------------------------

def read_settings(site: Path, **overrides) -> tuple[Settings, object | None]:
    """mkdocs.yml as staff wrote it, then as MkDocs reads it.  The engine's
    config is None when a finding stops it (the Settings then carry what
    could be read, so the content is still checked)."""
    site = site.resolve()
    cfg_file = config_path(site)
    text, findings = decode(cfg_file.read_bytes(), CONFIG)
    if text is None:
        return _fallback(site, cfg_file, {}, findings), None
    parsed, findings = yamlio.parse(text, CONFIG, loader=yamlio.SettingsLoader, wording=yamlio.SETTINGS)
    data = parsed.data if isinstance(parsed.data, dict) else {}
    if findings:
        return _fallback(site, cfg_file, data, findings, text), None
    if not isinstance(parsed.data, dict):
        return _fallback(site, cfg_file, {}, [Finding(
            ERROR, CONFIG, 1, "mkdocs.yml 应当是「设置项: 值」的形式，每行一项",
            "参照 pufa init 新建的网站里的 mkdocs.yml", code="settings.syntax")]), None

    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig(config_file_path=str(cfg_file))
    quiet = _quiet_logger("mkdocs.config")
    try:
        with open(cfg_file, "rb") as fd:
            config.load_file(fd)
        config.load_dict({k: v for k, v in overrides.items() if v is not None})
        errors, warnings = config.validate()
    except Exception as exc:  # noqa: BLE001 - MkDocs' own loader (!ENV, INHERIT …) said no
        return _fallback(site, cfg_file, data, [Finding(
            ERROR, CONFIG, None, f"mkdocs.yml 无法读取（{exc}）",
            "对照 README 中的设置说明检查 mkdocs.yml", code="settings.invalid")]), None
    finally:
        quiet()
    lines = text.split("\n")
    findings = [_setting_finding(ERROR, key, exc, lines) for key, exc in errors]
    findings += [_setting_finding(WARNING, key, exc, lines) for key, exc in warnings]
    if errors:
        return _fallback(site, cfg_file, data, findings), None
    return settings_of(config, findings), config


def settings_of(config, findings=(), site_url: str | None = None) -> Settings:
    """Plain Settings from MkDocs' validated config."""
    cfg_file = Path(config.config_file_path)
    options = {}
    for name, field_name in PLUGINS.items():
        plugin = config.plugins.get(name)
        options[field_name] = namespace(plugin.config) if plugin is not None else None
    return Settings(
        site=cfg_file.parent, config_file=cfg_file, docs_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir), site_name=config.site_name or "",
        site_url=(config.site_url or "") if site_url is None else site_url,
        site_description=config.site_description or "", use_directory_urls=config.use_directory_urls,
        logo=config.theme.get("logo"), material_search=any(
            n in config.plugins for n in ("material/search", "search")),
        findings=list(findings), **options)


def _fallback(site: Path, cfg_file: Path, data: dict, findings: list, text: str = "") -> Settings:
    """What can be read of a mkdocs.yml MkDocs would refuse: enough to check the content."""
    written = re.search(r"^docs_dir:\s*['\"]?([^'\"\s#]+)", text, re.M)
    docs = data.get("docs_dir") or (written.group(1) if written else None) \
        or ("content" if (site / "content").is_dir() else "docs")
    return Settings(site=site, config_file=cfg_file, docs_dir=site / str(docs),
                    site_dir=site / str(data.get("site_dir") or "site"),
                    site_name=str(data.get("site_name") or ""), site_url=str(data.get("site_url") or ""),
                    findings=findings)


# MkDocs' settings messages, said in Chinese: (pattern, message, hint).
_SETTING_MESSAGES = [
    (r"The URL isn't valid, it should include the http:// \(scheme\)",
     "网站网址（site_url）要以 https:// 或 http:// 开头",
     "写成 site_url: https://pufa.example.gov.cn/（正式上线后的网址，以 / 结尾）"),
    (r"The path '([^']*)' isn't an existing directory",
     "找不到文件夹「{0}」",
     "检查文件夹名是否写错；内容文件夹一般是 docs_dir: content"),
    (r"The path '([^']*)' isn't an existing file",
     "找不到文件「{0}」", "检查文件名是否写错"),
    (r"Unrecognised theme name: '([^']*)'",
     "没有名为「{0}」的主题", "写 theme: name: material（pufa 用 Material 主题）"),
    (r"The \"([^\"]*)\" plugin is not installed",
     "插件「{0}」没有安装", "检查 plugins 里的名称是否写错；pufa 的插件是 pufa、pufa-laws、pufa-search、pufa-offline"),
    (r"Unrecognised configuration name: (\S+)",
     "「{0}」不是 MkDocs 认识的设置项，会被忽略", "检查拼写，或删掉这一行"),
    (r"Expected type: <class '(\w+)'> but received: <class '(\w+)'>",
     "这一项的值类型不对（应当是 {0}，写成了 {1}）",
     "数字不要加引号，文字可以加英文引号；true/false 表示是否"),
    (r"Expected a list of items, but a <class '(\w+)'> was given",
     "这一项应当是一个列表", "每项写成一行「- 值」，或写成 [值1, 值2]"),
]
_TYPE_NAMES = {"int": "数字", "str": "文字", "bool": "true 或 false", "list": "列表", "dict": "「名称: 值」的几行"}


def _setting_finding(severity: str, key: str, exc, lines: list[str]) -> Finding:
    text = str(exc)
    option = re.findall(r"(?:Sub-)?option '([^']+)'", text)
    missing = re.findall(r'The "([^"]+)" plugin is not installed', text)
    line = _line_of(lines, key, option[-1] if option else None, missing[0] if missing else None)
    shown_key = " → ".join([key] + re.findall(r"^Plugin '([^']+)'", text) + option)
    for pattern, message, hint in _SETTING_MESSAGES:
        m = re.search(pattern, text)
        if m:
            values = [_TYPE_NAMES.get(g, g) for g in m.groups()]
            return Finding(severity, CONFIG, line, f"mkdocs.yml 的「{shown_key}」：{message.format(*values)}",
                           hint, code="settings.value")
    return Finding(severity, CONFIG, line, f"mkdocs.yml 的「{shown_key}」设置有误（{text}）",
                   "对照 README 中的设置说明检查这一项", code="settings.value")


def _line_of(lines: list[str], key: str, option: str | None, item: str | None = None) -> int | None:
    """The line of a top-level setting, or of an option (``name:``) or a list
    item (``- name``) inside it."""
    start = next((n for n, row in enumerate(lines, 1) if re.match(rf"{re.escape(key)}\s*:", row)), None)
    if start is None or (option is None and item is None):
        return start
    wanted = rf"\s*(-\s+)?{re.escape(option)}\s*:" if option else rf"\s*-\s+{re.escape(item)}\s*(:|#|$)"
    for n in range(start, len(lines)):
        row = lines[n]
        if row and not row[0].isspace() and not row.startswith("#"):
            break               # the next top-level setting
        if re.match(wanted, row):
            return n + 1
    return start


# -- running MkDocs --------------------------------------------------------------

def _quiet_logger(name: str):
    """Silence a MkDocs logger for a moment (its findings are ours to say)."""
    log = logging.getLogger(name)
    level, propagate = log.level, log.propagate
    log.setLevel(logging.CRITICAL)
    log.propagate = False

    def restore():
        log.setLevel(level)
        log.propagate = propagate
    return restore


# MkDocs' own warnings while building, said in Chinese: (pattern, code, message, hint).
_BUILD_MESSAGES = [
    (r"Doc file '([^']+)' contains a link '([^']+)', but the target '([^']+)' is not found among documentation files\.?",
     "link.missing", "链接「{1}」指向的文件不存在", "检查文件名是否改过，或链接是否写错"),
    (r"Doc file '([^']+)' contains a link '([^']+)', but the doc '([^']+)' does not contain an anchor '([^']+)'\.?",
     "link.anchor", "链接「{1}」指向的页面没有「{3}」这个位置（锚点）", "检查那个页面的小标题是否改过"),
    (r"Doc file '([^']+)' contains an unrecognized relative link '([^']+)'.*",
     "link.unrecognized", "链接「{1}」无法识别", "站内链接请写成相对路径，如 ../guides/ren-min-tiao-jie.md"),
    (r"A reference to '([^']+)' is included in the 'nav' configuration, which is not found in the documentation files\.?",
     "settings.nav", "mkdocs.yml 的导航（nav）里写了「{0}」，但内容文件夹里没有这个文件", "检查文件名，或从 nav 里删掉这一项"),
]


class _Collector(logging.Handler):
    """MkDocs' warnings during a build, as findings; those pufa has already
    reported (with their lines) are not said twice."""

    def __init__(self, model: site_model.SiteModel, echo):
        super().__init__(logging.WARNING)
        self.model = model
        self.echo = echo
        self.findings: list[Finding] = []
        self.errors: list[str] = []

    def emit(self, record):
        text = record.getMessage()
        if record.levelno >= logging.ERROR:
            self.errors.append(text)
            return
        finding = self._finding(text)
        if finding is None:
            return
        self.findings.append(finding)
        self.echo(finding.format())

    def _finding(self, text: str) -> Finding | None:
        root = self.model.root
        for pattern, code, message, hint in _BUILD_MESSAGES:
            m = re.search(pattern, text)
            if not m:
                continue
            groups = m.groups()
            if code == "settings.nav":
                return Finding(WARNING, CONFIG, None, message.format(*groups), hint, code=code)
            shown, target = f"{root}/{groups[0]}", groups[1]
            if any(f.file == shown and target in f.message for f in self.model.findings):
                return None
            return Finding(WARNING, shown, _line_in(self.model.settings.docs_dir / groups[0], target),
                           message.format(*groups), hint, code=code)
        if "'dirty' build" in text:
            return None             # pufa serve renders again what a save changes (pufa.site.preview)
        return Finding(WARNING, "", None, text, "", code="engine.warning")


def _line_in(path: Path, needle: str) -> int | None:
    try:
        for n, row in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), 1):
            if needle in row:
                return n
    except (OSError, UnicodeDecodeError):
        pass
    return None


def _listen(collector: logging.Handler):
    log = logging.getLogger("mkdocs")
    saved = (log.level, log.propagate, list(log.handlers))
    log.setLevel(logging.WARNING)
    log.propagate = False
    for h in saved[2]:
        log.removeHandler(h)
    log.addHandler(collector)

    def restore():
        log.removeHandler(collector)
        log.setLevel(saved[0])
        log.propagate = saved[1]
        for h in saved[2]:
            log.addHandler(h)
    return restore


def load(site: Path, today=None, fix: bool = False, **overrides):
    """The site model, from mkdocs.yml and content/ (what `pufa check` reports)."""
    settings, config = read_settings(site, **overrides)
    return site_model.load(settings, today=today, fix=fix), config


def stop_message(errors: list[Finding], consequence: str) -> str:
    return (format_all(errors) + f"\n错误  检查发现 {len(errors)} 处错误，{consequence}")


def build(site: Path, echo=print, *, no_check: bool = False, out_dir: Path | None = None,
          preview: bool = False, **overrides) -> BuildResult:
    """Check, then build site/ safely: into a temporary folder, swapped in on
    success.  With out_dir, build there instead (nothing is swapped).

    The model's warnings are echoed once; its errors stop the build (with
    no_check or in preview, only those no build can go past)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, BuildError, PluginError

    started = time.perf_counter()
    model, config = load(site, **overrides)
    for f in model.warnings:
        echo(f.format())
    lenient = no_check or preview or not (model.settings.pufa is None or model.settings.pufa.strict_content)
    stopping = model.build_errors if lenient else model.errors
    if config is None or stopping:
        raise SiteError(stop_message(stopping or model.errors, "网站没有生成（原来的网站保持不变）。"
                                     "改好后再运行 pufa build；运行 pufa check 可以只看问题。"))
    if out_dir is None:
        site_dir = Path(config.site_dir)
        publish.clean_stale(site_dir.parent)
        build_dir = publish.new_build_dir(site_dir)
    else:
        site_dir = build_dir = out_dir
    collector = _Collector(model, echo)
    restore = _listen(collector)
    config["site_dir"] = str(build_dir)  # nothing reads it before the build starts
    session.hand(config.config_file_path, session.Handoff(load=lambda cfg: model, preview=preview))
    try:
        mkdocs_build(config)
    except (PluginError, BuildError, Abort) as exc:
        if out_dir is None:
            publish.discard(build_dir)
        detail = "\n".join(collector.errors) or f"生成失败：{exc}"
        raise SiteError(detail + "\n      原来的网站保持不变。") from None
    except BaseException:
        if out_dir is None:
            publish.discard(build_dir)
        raise
    finally:
        session.release(config.config_file_path)
        restore()
    # Posters are print sheets of pages, not pages.
    pages = sum(1 for p in build_dir.rglob("index.html") if p.relative_to(build_dir).parts[0] != POSTERS)
    if out_dir is None:
        publish.publish(build_dir, site_dir)
    return BuildResult(site_dir, time.perf_counter() - started, pages, model.findings + collector.findings,
                       model.settings)


def serve(site: Path, address: str = "127.0.0.1:8000", open_browser: bool = False, echo=print):
    """Live preview: rebuilds on every save; problems show on the pages."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    settings, config = read_settings(site)
    errors = [f for f in settings.findings if f.is_error]
    if config is None:
        raise SiteError(stop_message(errors, "预览没有启动。改好 mkdocs.yml 后再运行 pufa serve。"))
    public = settings.site_url

    def load_model(cfg):
        # `mkdocs serve` puts its own address in site_url; codes show the public one.
        model = site_model.load(settings_of(cfg, settings.findings, site_url=public))
        for f in model.findings:
            echo(f.format())
        return model

    collector = _Collector(site_model.SiteModel(settings, today=None), echo)
    restore = _listen(collector)
    session.hand(config.config_file_path, session.Handoff(load=load_model, preview=True, site_url=public,
                                                          memory=session.PreviewMemory()))
    # MkDocs says where it serves at INFO level; say it ourselves, in Chinese.
    echo(f"预览地址：http://{address}/  （保存文件后页面会自动刷新，按 Ctrl+C 结束）")
    try:
        # "dirty": a save renders only the pages pufa marks as changed (pufa.site.preview).
        mkdocs_serve(config_file=str(config.config_file_path), livereload=True, build_type="dirty",
                     dev_addr=address, open_in_browser=open_browser)
    finally:
        session.release(config.config_file_path)
        restore()


def prepare_theme(config):
    """pufa's theme under the site's own, no web fonts, Chinese, pinyin anchors."""
    ours = str(theme_dir())
    dirs = config.theme.dirs
    if ours not in [str(Path(d)) for d in dirs]:
        # After the site's own custom_dir (if any), before Material.
        position = 1 if config.theme.custom_dir else 0
        dirs.insert(position, ours)
    # Never fetch Google Fonts: the site must work where they are blocked.
    config.theme["font"] = False
    if config.theme.get("language") in (None, "en"):
        config.theme["language"] = "zh"
    config.extra["generator"] = False
    # Heading anchors in pinyin (#an-qing-jian-jie), not '#_1'.
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("slugify", heading_id)
    if "toc" not in config.markdown_extensions:
        config.markdown_extensions.append("toc")
    return config


def template_env(config):
    """The site's Jinja environment with pufa's theme, as in a build
    (for rendering one poster without building the site)."""
    return prepare_theme(config).theme.get_env()
