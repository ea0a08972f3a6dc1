"""Debian's nginx serving a built site with the configuration `pufa server-config
nginx` prints, as an unprivileged process with its own temp folders on
127.0.0.1 (issue 18).  Used by tests/browser/test_nginx_browser.py and
bench/lighthouse_bench.py.  `make test` / `make bench` install nginx-light and
its brotli_static module."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


class NginxMissing(RuntimeError):
    pass


def nginx_exe() -> str:
    exe = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if exe is None:
        raise NginxMissing("缺少 nginx：请用 make test 运行（会自动安装 Debian 的 nginx-light）")
    return exe


def _pufa(*args: str) -> str:
    exe = Path(sys.executable).with_name("pufa")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "pufa"]
    out = subprocess.run([*cmd, *args], capture_output=True, text=True, encoding="utf-8",
                         env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    if out.returncode != 0:
        raise RuntimeError(f"pufa {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(root: Path, work: Path | None = None):
    """Serve the built site of the site folder `root` (root/site); yields (base URL, server block).

    `root` and `work` must be readable by nginx's unprivileged worker: pass a
    folder made with world-readable permissions (pytest's tmp folders are 0700).
    """
    own_work = work is None
    work = Path(tempfile.mkdtemp(prefix="pufa-nginx-")) if own_work else work
    work.chmod(0o755)
    port = _free_port()
    args = ["server-config", "nginx", "--listen", f"127.0.0.1:{port}", "--site", str(root)]
    if BROTLI_MODULE.exists():
        args.append("--brotli")
    server = _pufa(*args)
    (work / "server.conf").write_text(server, encoding="utf-8")
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        (f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.exists() else "") + user + f"""daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/tmp/body;
    proxy_temp_path {work}/tmp/proxy;
    fastcgi_temp_path {work}/tmp/fastcgi;
    uwsgi_temp_path {work}/tmp/uwsgi;
    scgi_temp_path {work}/tmp/scgi;
    include {work}/server.conf;
}}
""", encoding="utf-8")
    for path in [root, *root.rglob("*"), *work.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode | 0o755 if path.is_dir() else mode | 0o644)
    exe = nginx_exe()
    base_args = ["-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")]
    check = subprocess.run([exe, "-t", *base_args], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError("nginx -t:\n" + check.stderr)
    proc = subprocess.Popen([exe, *base_args], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, server
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if own_work:
            shutil.rmtree(work, ignore_errors=True)
