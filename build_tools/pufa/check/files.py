"""The files themselves: encoding, BOM, empty files, names that cannot be URLs,
two files that would publish at the same address."""
from __future__ import annotations

import re
from pathlib import Path

from pufa.backup import keep_original
from pufa.content.slug import slugify_path
from pufa.findings import ERROR, WARNING, Finding

TEXT_SUFFIXES = {".md", ".yml", ".yaml"}
_BAD_NAME = re.compile(r"[\s#?%&+<>:\"|*\\'，。、；：？！（）【】《》“”‘’]")


def check_file(path: Path, rel: str, shown: str) -> list[Finding]:
    findings = []
    name = path.name
    if _BAD_NAME.search(path.stem) or name.startswith("-"):
        findings.append(Finding(
            ERROR, shown, None,
            f"文件名「{name}」含有空格或标点，不能作为网址",
            f"改名为拼音或字母、数字和连字符，例如 {Path(slugify_path(rel)).name}"
            "（pufa new 会自动起好名字）", code="file.name"))
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return findings
    raw = path.read_bytes()
    if not raw.strip():
        findings.append(Finding(WARNING if path.suffix != ".md" else ERROR, shown, 1,
                                "文件是空的", "写上内容，或删除这个文件", code="file.empty"))
        return findings
    if raw.startswith(b"\xef\xbb\xbf"):
        findings.append(Finding(WARNING, shown, 1,
                                "文件开头有 BOM 标记（Windows 记事本的「UTF-8 BOM」），个别工具会读错",
                                "运行 pufa check --fix 去掉；或另存为「UTF-8」（不带 BOM）",
                                code="file.bom"))
    return findings


def detect_encoding(raw: bytes) -> str | None:
    """'utf-8' when it is; 'utf-16' for Notepad's "Unicode"; 'gb18030' for GBK
    files from Windows; None if none of them."""
    if utf16_text(raw) is not None:
        return "utf-16"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        return None


def utf16_text(raw: bytes) -> str | None:
    """The text of a UTF-16 file (Notepad's 「Unicode」 and 「Unicode big endian」), with or
    without its byte-order mark; None if it is not one."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(raw) >= 2 and b"\0" in raw:
        # Without a mark: ASCII characters (---, field names) leave a zero byte beside them.
        zeros_odd = raw[1::2].count(0)
        zeros_even = raw[0::2].count(0)
        if max(zeros_odd, zeros_even) < len(raw) // 8:
            return None
        encoding = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
    else:
        return None
    try:
        text = raw.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError:
        return None
    if encoding != "utf-16" and sum(c.isprintable() or c in "\r\n\t" for c in text) < 0.95 * len(text):
        return None             # zero bytes, but not text
    return text


def fix_file(path: Path, docs_dir: Path) -> str | None:
    """Convert GBK and UTF-16 to UTF-8 and drop a BOM, keeping the original in .pufa-backup/.
    Returns what was done."""
    raw = path.read_bytes()
    done = []
    encoding = detect_encoding(raw)
    if encoding == "utf-16":
        text = utf16_text(raw)
        done.append("UTF-16（记事本的「Unicode」）→ UTF-8")
    elif encoding == "gb18030":
        text = raw.decode("gb18030")
        done.append("GBK → UTF-8")
    elif encoding == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8")
        done.append("去掉 BOM")
    else:
        return None
    keep_original(path, docs_dir)
    path.write_bytes(text.lstrip("\ufeff").encode("utf-8"))
    return "、".join(done)


def duplicate_urls(rels: list[str], display_root: str) -> list[Finding]:
    """Two pages that would be published at the same address."""
    seen: dict[str, str] = {}
    findings = []
    for rel in sorted(rels):
        if not rel.endswith(".md"):
            continue
        url = slugify_path(rel)[:-3]
        if url in seen:
            findings.append(Finding(
                ERROR, f"{display_root}/{rel}", None,
                f"和 {display_root}/{seen[url]} 会发布到同一个网址（{url}/）",
                "给其中一个文件改个名字", code="file.duplicate-url"))
        else:
            seen[url] = rel
    return findings
