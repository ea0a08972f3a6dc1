"""Shared fixtures: a built copy of the sample site, a local server, Chromium.

Browser tests block every request that leaves 127.0.0.1 and fail on one, and
fail on any console error.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def pufa_command(*args: str) -> tuple[list[str], dict]:
    """The command line and environment that run the installed CLI the way staff do."""
    exe = Path(sys.executable).with_name("pufa")
    cmd = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "pufa"]), *args]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("PUFA_DEBUG", None)
    return cmd, env


def pufa(*args: str, cwd: Path | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """Run the installed CLI the way staff do."""
    cmd, env = pufa_command(*args)
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"pufa {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def copy_sample(dest: Path) -> Path:
    """The repository's own site (mkdocs.yml, content/, theme/) copied to dest."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "theme", dest / "theme")
    return dest


@pytest.fixture(scope="module")
def base_site(tmp_path_factory):
    """An empty site with the small fixture law library."""
    site = tmp_path_factory.mktemp("base") / "s"
    pufa("init", str(site), "--empty", check=True)
    pufa("import-laws", str(ROOT / "tests" / "fixtures" / "laws"), "--site", str(site), check=True)
    return site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """A built copy of the sample site; returns the site root (site/ inside)."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    pufa("build", "--site", str(root), check=True)
    return root


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass            # (a browser that closed its connection early: not the site's fault)


@contextlib.contextmanager
def serve(folder: Path):
    """A local web server for a built site folder; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(sample_site):
    with serve(sample_site / "site") as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("缺少 /usr/bin/chromium：请用 make test 运行（会自动安装 Debian 的 chromium）")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Guard:
    """Records requests to other hosts (blocked) and console errors."""

    def __init__(self):
        self.external: list[str] = []
        self.errors: list[str] = []

    def route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:", "about:", "file:")) or host in ("127.0.0.1",):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def console(self, msg):
        if msg.type == "error":
            self.errors.append(msg.text)


@pytest.fixture
def new_page(browser):
    """Factory: a page at a viewport size, guarded; asserts at teardown."""
    guards, contexts = [], []

    def make(width: int = 1280, height: int = 800, **context_args):
        ctx = browser.new_context(viewport={"width": width, "height": height}, **context_args)
        guard = Guard()
        ctx.route("**/*", guard.route)
        page = ctx.new_page()
        page.on("console", guard.console)
        page.on("pageerror", lambda exc: guard.errors.append(str(exc)))
        page.guard = guard
        guards.append(guard)
        contexts.append(ctx)
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    for guard in guards:
        assert guard.external == [], f"请求了其他主机：{guard.external}"
        assert guard.errors == [], f"控制台错误：{guard.errors}"


# --- pufa serve, started by a test ------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def eventually(check, limit: float = 120.0) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.2)
    return False


def start(site: Path, port: int, log_name: str = "serve.log", env=None):
    exe = Path(sys.executable).with_name("pufa")
    log = open(site.parent / log_name, "w", encoding="utf-8")
    proc = subprocess.Popen([str(exe), "serve", "--site", str(site), "--addr", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    proc.log = log
    return proc


def stop(proc) -> None:
    proc.terminate()
    proc.wait(timeout=30)
    proc.log.close()


@contextlib.contextmanager
def previewing(site: Path, port: int, log_name: str):
    """A preview of site, stopped on leaving the block; yields its address."""
    proc = start(site, port, log_name)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(proc)
