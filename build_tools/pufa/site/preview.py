"""pufa serve: each page shows its own problems, and how many the site has."""
from __future__ import annotations

from markupsafe import escape


def by_file(findings: list) -> dict:
    """Everything `pufa check` would say, by file ('*': all of it)."""
    out: dict = {"*": findings}
    for f in findings:
        out.setdefault(f.file, []).append(f)
    return out


def banner(findings: dict, shown: str) -> str:
    """A banner at the foot of each page in `pufa serve`: this page's problems,
    and how many the whole site has (the build would stop on errors)."""
    mine = findings.get(shown, [])
    everything = findings.get("*", [])
    errors = sum(1 for f in everything if f.is_error)
    if not everything:
        return ""
    items = "".join(
        f'<li class="pufa-preview-findings__{"error" if f.is_error else "warning"}">'
        f"<b>{escape(f.severity)}</b> {escape(f.location())} {escape(f.message)}"
        f'<br><span>修改方法：{escape(f.hint)}</span></li>' for f in mine)
    state = "pufa-preview-findings--errors" if errors else "pufa-preview-findings--warnings"
    return (f'<aside class="pufa-preview-findings {state}" role="status" data-pufa-noindex>'
            f'<p><b>预览检查</b>：本页 {len(mine)} 个问题；全站 {errors} 个错误、{len(everything) - errors} 个警告'
            f'{"（有错误时 pufa build 不会生成网站）" if errors else ""}。运行 <code>pufa check</code> 查看全部。</p>'
            f'{"<ul>" + items + "</ul>" if items else ""}</aside>')
