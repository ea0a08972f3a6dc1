"""`pufa server-config nginx`: the web server configuration for a built site.

The security policy is read from the built site itself: every inline script,
inline style, style attribute and event-handler attribute it carries is hashed,
so the Content-Security-Policy needs no 'unsafe-inline' and names no other host
(the site never loads anything from another one).  Run it again after building
with a new pufa, which may bring new inline code.  Plain module: no MkDocs.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
_STYLE_ATTR = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""", re.I)
_HANDLER_ATTR = re.compile(r"""\son[a-z]+=(?:"([^"]*)"|'([^']*)')""", re.I)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")
# Material's file names carry a content hash (main.57a0d79d.min.css): cached for a year.
HASHED_ASSET = r"\.[0-9a-f]{8}\.min\.(?:js|css)$"


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _unescape(value: str) -> str:
    import html
    return html.unescape(value)


@dataclass
class InlineCode:
    scripts: set = field(default_factory=set)
    styles: set = field(default_factory=set)
    style_attrs: set = field(default_factory=set)
    handlers: set = field(default_factory=set)
    pages: int = 0


def inline_code(site: Path) -> InlineCode:
    found = InlineCode()
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        found.pages += 1
        for attrs, body in _INLINE_SCRIPT.findall(text):
            kind = re.search(r"""\stype=["']?([^"'\s>]+)""", attrs)
            if kind and kind.group(1).lower() in _DATA_TYPES:
                continue            # data, not code: a policy does not apply to it
            found.scripts.add(body)
        found.styles.update(_INLINE_STYLE.findall(text))
        found.style_attrs.update(_unescape(a or b) for a, b in _STYLE_ATTR.findall(text))
        found.handlers.update(_unescape(a or b) for a, b in _HANDLER_ATTR.findall(text))
    return found


def content_security_policy(site: Path) -> str:
    code = inline_code(site)
    script = ["'self'"] + sorted(_sha(s) for s in code.scripts)
    if code.handlers:
        script += ["'unsafe-hashes'"] + sorted(_sha(h) for h in code.handlers)
    style = ["'self'"] + sorted(_sha(s) for s in code.styles)
    if code.style_attrs:
        style += ["'unsafe-hashes'"] + sorted(_sha(s) for s in code.style_attrs)
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(script),
        "style-src " + " ".join(style),
        "img-src 'self' data:",          # each page's QR code is an inline PNG (docs/decisions/0005)
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ])


SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "SAMEORIGIN"),             # what older scanners look for; frame-ancestors is the policy
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def _headers(cache: str, indent: str) -> str:
    # (nginx: a location with add_header of its own inherits none from the server, so each says all.)
    lines = [f'add_header Cache-Control "{cache}" always;',
             'add_header Content-Security-Policy $pufa_csp always;']
    lines += [f'add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS]
    lines.append('# add_header Strict-Transport-Security "max-age=31536000" always;   # 只在 HTTPS 的 server 里启用')
    return "\n".join(indent + line for line in lines)


def nginx(site: Path, site_url: str = "", listen: str | None = None, brotli: bool = False,
          site_name: str = "") -> str:
    """A complete nginx `server { … }` block for the built site folder `site`."""
    root = site.resolve()
    host = urlparse(site_url).hostname or "_"
    csp = content_security_policy(root)
    listens = [f"listen {listen};"] if listen else ["listen 80;", "listen [::]:80;   # IPv6（政府网站要求 IPv6 可访问）"]
    listen_lines = "\n".join("    " + line for line in listens)
    br = "" if brotli else "# "
    no_cache = "no-cache"
    year = "public, max-age=31536000, immutable"
    return f"""# {site_name or "普法网站"}：nginx 配置（pufa server-config nginx 生成）
# 用法：放进 nginx 的 http {{ }} 里，例如保存为 /etc/nginx/conf.d/pufa.conf，
#       然后运行 nginx -t 检查，nginx -s reload 生效。
# 网站文件夹（pufa build 生成的 site/）换了位置，改下面的 root；每次升级 pufa 并重新生成网站后，
# 请重新运行本命令：内容安全策略（CSP）里的散列值来自网站里的内联脚本和样式。
# HTTPS：另写一个 listen 443 ssl 的 server，复制这里的内容，加上证书，并去掉 Strict-Transport-Security 前的 #。
server {{
{listen_lines}
    server_name {host};
    root {root};
    index index.html;
    charset utf-8;
    server_tokens off;                 # 不在响应里暴露 nginx 版本号（等保扫描项）

    # 压缩：pufa build 已在每个文件旁边生成 .gz（和 .br），直接发送，不再逐次压缩。
    gzip_static on;
    {br}brotli_static on;              # 需要 ngx_brotli 模块（Debian：libnginx-mod-http-brotli-static）
    gzip on;                           # 没有 .gz 的文本文件（很小的）现场压缩
    gzip_vary on;
    gzip_types text/css application/javascript application/json image/svg+xml application/xml text/plain application/manifest+json;

    error_page 404 /404.html;

    # 内容安全策略：只允许本站的文件，内联脚本和样式按散列逐个允许（不用 unsafe-inline）。
    set $pufa_csp "{csp}";

    # 网页、服务工作线程（sw.js）、应用清单：每次都向服务器核对是否更新（内容更新后读者马上看到）。
    location / {{
        try_files $uri $uri/ =404;
{_headers(no_cache, "        ")}
    }}
    location = /manifest.webmanifest {{
        default_type application/manifest+json;
{_headers(no_cache, "        ")}
    }}
    # 文件名里带内容散列的脚本和样式（Material 的 main.57a0d79d.min.css 等）：内容变了文件名就变，可缓存一年。
    location ~* "{HASHED_ASSET}" {{
{_headers(year, "        ")}
    }}
    # 压缩副本不单独对外提供。
    location ~ \\.(?:gz|br)$ {{
        return 404;
    }}
    # 隐藏文件（.git、.pufa-backup 等）不对外提供。
    location ~ /\\. {{
        return 404;
    }}
}}
"""
