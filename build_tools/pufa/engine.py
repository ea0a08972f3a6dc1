"""The engine adapter: the one module outside plugins/ that talks to MkDocs.

It reads mkdocs.yml into plain Settings (with Chinese findings and lines for
every mistake MkDocs would stop on), loads the site model once, reports it,
and only then runs MkDocs -- for a build, a preview, or a bundle.
"""
from __future__ import annotations

import gc
import logging
import re
import time
from urllib.parse import urlsplit
from dataclasses import dataclass, field
from pathlib import Path

from pufa import processes, publish
from pufa import yamlio
from pufa.content.frontmatter import decode
from pufa.content.slug import heading_id
from pufa.findings import ERROR, WARNING, Finding, Findings, format_all
from pufa.poster import FOLDER as POSTERS
from pufa.resources import theme_dir
from pufa.site import model as site_model
from pufa.site import preview, preview_cache, session
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
        markdown_extensions=list(config.markdown_extensions),
        mdx_configs={name: dict(options) for name, options in config.mdx_configs.items()},
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
        # Posters are print sheets of pages, not pages.
        pages = sum(1 for p in build_dir.rglob("index.html") if p.relative_to(build_dir).parts[0] != POSTERS)
    except (PluginError, BuildError, Abort) as exc:
        if out_dir is None:
            publish.discard(build_dir)
        detail = "\n".join(collector.errors) or f"生成失败：{exc}"
        raise SiteError(detail + "\n      原来的网站保持不变。") from None
    except BaseException:
        # Stopped (Ctrl+C, SIGTERM, SIGHUP): MkDocs tells plugins only of errors,
        # so end the index worker here, before removing the folder it writes to.
        processes.stop_helpers()
        if out_dir is None:
            publish.discard(build_dir)
        raise
    finally:
        session.release(config.config_file_path)
        restore()
    if out_dir is None:
        publish.publish(build_dir, site_dir)
    return BuildResult(site_dir, time.perf_counter() - started, pages, model.findings + collector.findings,
                       model.settings)


def serve(site: Path, address: str = "127.0.0.1:8000", open_browser: bool = False, echo=print):
    """Live preview: rebuilds on every save; problems show on the pages."""
    settings, config = read_settings(site, dev_addr=address)
    errors = [f for f in settings.findings if f.is_error]
    if config is None:
        raise SiteError(stop_message(errors, "预览没有启动。改好 mkdocs.yml 后再运行 pufa serve。"))
    _Preview(site, address, settings, echo).run(config, open_browser)


def _watch(server, paths: list[str]) -> None:
    """The system's file notifications (inotify, ReadDirectoryChangesW, FSEvents)
    instead of MkDocs' polling, which looks at every file twice a second: with a
    law library that is a quarter-second wait on average, and work that holds
    up the rebuild.  Only saves count: the rebuild itself opens every file, and
    an "opened" event must not start another.  Where notifications cannot be
    had, polling stays."""
    import watchdog.events as ev
    import watchdog.observers
    from watchdog.observers.polling import PollingObserver

    saves = [ev.FileCreatedEvent, ev.FileModifiedEvent, ev.FileDeletedEvent, ev.FileMovedEvent,
             ev.FileClosedEvent, ev.DirCreatedEvent, ev.DirDeletedEvent, ev.DirMovedEvent]

    class SavesOnly(watchdog.observers.Observer):
        def schedule(self, handler, path, *, recursive=False, **_):
            return super().schedule(handler, path, recursive=recursive, event_filter=saves)

    polling = server.observer
    if watchdog.observers.Observer is not PollingObserver:
        server.observer = SavesOnly(timeout=0.1)
    try:
        for path in paths:
            server.watch(path)
    except OSError:             # (no inotify watches left): poll, as MkDocs does
        server.observer = polling
        server._watched_paths.clear()
        server._watch_refs.clear()
        for path in paths:
            server.watch(path)


def _shown_path(name, site: Path) -> str:
    try:
        return Path(name).resolve().relative_to(site.resolve()).as_posix()
    except (TypeError, ValueError, OSError):
        return str(name or "一个文件")


class _Preview:
    """pufa serve: MkDocs' live-reload server with pufa's builder.

    The first build, and any save that changes the site's shape (settings,
    folder defaults, a file added or removed), is a full MkDocs build into a
    temporary folder.  Any other save renders again only the pages it can
    change, with the files, menu and templates the last build made: MkDocs
    itself would list the theme's files, make the menu and every page object
    again (about a second with a law library), before rendering anything."""

    def __init__(self, site: Path, address: str, settings: Settings, echo):
        self.site, self.address, self.echo = site, address, echo
        self.public = settings.site_url         # `mkdocs serve` puts its own address in site_url
        self.findings = settings.findings
        self.cache = preview_cache.PreviewCache(site)
        self.site_dir = self.cache.site_dir
        self.key = ""
        self.memory = session.PreviewMemory()
        self.config = None                      # the engine config of the last full build
        self.serve_url = ""
        self.failed = False                     # the last rebuild stopped half-way
        self.vanished = False                   # … because a file went away meanwhile

    def run(self, config, open_browser: bool) -> None:
        from mkdocs.livereload import LiveReloadServer

        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path or "/"
        self.serve_url = f"http://{host}:{port}{mount_path}"
        self._restore(config)
        session.hand(config.config_file_path, session.Handoff(
            load=self._model_for, preview=True, site_url=self.public, memory=self.memory))
        collector = _Collector(site_model.SiteModel(self._settings(config), today=None), self.echo)
        restore = _listen(collector)
        server = None
        # A service manager or a closed terminal stops the preview as Ctrl+C does.
        with processes.stopped_like_ctrl_c():
            try:
                self._build_all(config, first=True)
                server = LiveReloadServer(builder=self.rebuild, host=host, port=port, root=str(self.site_dir),
                                          mount_path=mount_path)
                server.error_handler = self._error_page
                _watch(server, [config.docs_dir, config.config_file_path])
                server = config.plugins.on_serve(server, config=config, builder=self.rebuild)
                for item in config.watch:
                    server.watch(item)
                # MkDocs says where it serves at INFO level; say it ourselves, in Chinese.
                self.echo(f"预览地址：{self.serve_url}  （保存文件后页面会自动刷新，按 Ctrl+C 结束）")
                server.serve(open_in_browser=open_browser)
            except KeyboardInterrupt:
                pass
            finally:
                if server is not None:
                    server.shutdown()
                preview.stop_indexing()
                config.plugins.on_shutdown()
                session.release(config.config_file_path)
                restore()
                self.cache.close()

    def _restore(self, config) -> None:
        """The last preview's pages, if made by this pufa, engine, theme and mkdocs.yml."""
        from importlib.metadata import version

        cfg = Path(config.config_file_path).stat()
        self.key = preview_cache.key_of(version("mkdocs"), version("mkdocs-material"), self.serve_url,
                                        [cfg.st_mtime_ns, cfg.st_size],
                                        preview_cache.fingerprint([theme_dir(), *config.theme.dirs]))
        state = self.cache.restore(self.key)
        self.memory.templates = self.cache.templates() or self.memory.templates
        if state is not None:
            self.memory.model = preview_cache.Remembered({k: tuple(v) for k, v in state["stamps"].items()})
            self.memory.pages = {k: tuple(v) for k, v in state["pages"].items()}

    def _remember(self) -> None:
        self.cache.save(self.key, self.memory.model.stamps, self.memory.pages)

    def _settings(self, config) -> Settings:
        return settings_of(config, self.findings, site_url=self.public)

    def _model_for(self, cfg) -> site_model.SiteModel:
        """The model of the build starting now (already read if a save was looked at first)."""
        model, self.memory.ready = self.memory.ready, None
        if model is None:
            model = site_model.load(self._settings(cfg))
        for f in model.findings:
            self.echo(f.format())
        return model

    def _error_page(self, code) -> bytes | None:
        page = self.site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    def rebuild(self, again: bool = False) -> None:
        """After a save (MkDocs' watcher calls this). Never a traceback: the
        pages shown so far stay, and the next save tries again."""
        preview.stop_indexing()          # the index of an earlier save would be out of date anyway
        # What the last good build read: a build that fails half-way must not count as
        # shown, or the pages it did not reach would never be rendered.
        last_good = self.memory.model
        try:
            self._rebuild()
        except BaseException:
            self.memory.model = last_good
            raise
        if self.failed:
            self.memory.model = last_good
            self.failed = False
        if self.vanished and not again:
            self.vanished = False
            self.rebuild(again=True)

    def _rebuild(self) -> None:
        from mkdocs.exceptions import Abort, BuildError, PluginError

        try:
            if not self._render_saved():
                settings, config = read_settings(self.site, dev_addr=self.address)
                if config is None:
                    errors = [f for f in settings.findings if f.is_error]
                    self.echo(stop_message(errors, "预览没有更新。改好 mkdocs.yml 保存后，预览会自动更新。"))
                    return
                self.findings = settings.findings
                self._build_all(config)
        except SiteError as exc:
            self.failed = True
            self.echo(str(exc))
        except (PluginError, BuildError, Abort) as exc:
            self.failed = True
            self.echo(f"错误  预览没有更新：{exc}\n      修改方法：按上面的提示改好后保存，预览会自动更新。")
        except FileNotFoundError as exc:
            # A photo deleted or a file renamed while this save was rendered: render
            # again from the files as they are now.
            session.end()
            self.config = None
            self.failed = self.vanished = True
            self.echo(f"提示  生成预览时「{_shown_path(exc.filename, self.site)}」不见了（刚被删除、移动或改名），"
                      "预览按现在的文件重新生成。")
        except Exception as exc:  # noqa: BLE001 - a preview keeps running; the next save tries again
            self.failed = True
            session.end()
            self.echo(f"错误  预览没有更新（{type(exc).__name__}: {exc}）\n"
                      "      修改方法：保存文件再试一次；仍然不行就按 Ctrl+C 结束后重新运行 pufa serve。")

    def _build_all(self, config, first: bool = False) -> None:
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.exceptions import Abort, BuildError, PluginError

        config["site_dir"] = str(self.site_dir)
        config.site_url = self.serve_url
        if first:
            config.plugins.on_startup(command="serve", dirty=True)
        self.memory.engine = {}
        self.config = None
        try:
            # "dirty": the folder is kept; a save renders only what pufa marks as changed.
            mkdocs_build(config, serve_url=self.serve_url, dirty=True)
        except (PluginError, BuildError, Abort) as exc:
            session.end()
            if first:
                raise SiteError(f"错误  预览没有启动：{exc}") from None
            raise
        self.config = config
        self._remember()
        # What this build read (the law library above all) stays for the whole preview: the
        # collector need not walk it again after every save.
        gc.collect()
        gc.freeze()

    def _render_saved(self) -> bool:
        """Render again only what a save changed; False when it needs a full build."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel

        config, kept = self.config, self.memory.engine
        if config is None or "env" not in kept or self.memory.model is None \
                or any(name not in PLUGINS for name in config.plugins):
            return False        # (another plugin may keep its own state from one build to the next)
        model = site_model.load(self._settings(config))
        same_settings = model.stamps.get("/" + CONFIG) == self.memory.model.stamps.get("/" + CONFIG)
        self.memory.ready = model if same_settings else None
        if set(model.stamps) != set(self.memory.model.stamps) \
                or preview.pages_to_rebuild(self.memory.model, model) is None:
            return False        # (a file added or removed: MkDocs lists the files again)
        files, nav, env = kept["files"], kept["nav"], kept["env"]
        try:
            config.plugins.on_pre_build(config=config)
            files = config.plugins.on_files(files, config=config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
                _populate_page(file.page, config, files, dirty=True)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files(dirty=True, inclusion=InclusionLevel.is_in_serve)
            pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            for file in pages:
                _build_page(file.page, config, pages, nav, env, dirty=True, excluded=file.inclusion.is_excluded())
            config.plugins.on_post_build(config=config)
        except Exception as exc:
            config.plugins.on_build_error(error=exc)
            raise
        self._remember()
        return True


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
