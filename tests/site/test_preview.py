"""pufa serve: a save shows on the page, in its listing and, soon after, in the
search; problems show on the page; a preview is never served from a cache."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_sample


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


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    site = copy_sample(tmp_path_factory.mktemp("preview") / "s")
    port = free_port()
    exe = Path(sys.executable).with_name("pufa")
    log = open(site / "serve.log", "w", encoding="utf-8")
    proc = subprocess.Popen([str(exe), "serve", "--site", str(site), "--addr", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert eventually(lambda: "</html>" in fetch(base + "lessons/xian-fa/"), 300), \
            (site / "serve.log").read_text(encoding="utf-8")
        yield site, base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_saving_a_lesson_shows_on_its_page_and_in_its_listing(preview):
    site, base = preview
    lesson = site / "content" / "lessons" / "xian-fa.md"
    text = lesson.read_text(encoding="utf-8")
    old_title = next(line for line in text.splitlines() if line.startswith("title:"))
    lesson.write_text(text.replace(old_title, "title: 宪法是根本大法（预览改过）", 1)
                      + "\n\n预览里新写的一段：宪法日是十二月四日。\n", encoding="utf-8")
    assert eventually(lambda: "预览里新写的一段" in fetch(base + "lessons/xian-fa/"))
    assert "宪法是根本大法（预览改过）" in fetch(base + "lessons/")
    assert "宪法是根本大法（预览改过）" in fetch(base)
    # Pages nobody changed keep being served, with their own titles in the menus.
    guide = fetch(base + "guides/fa-lv-yuan-zhu-shen-qing/")
    assert "</html>" in guide and "法律援助" in guide


def test_the_search_index_follows_a_save(preview):
    site, base = preview
    qa = next((site / "content" / "qa").glob("*.md"))
    text = qa.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    qa.write_text(text.replace(title, title + "（葳蕤）", 1), encoding="utf-8")
    # The page shows the save at once; the index is remade in the background and swapped in.
    assert eventually(lambda: "葳蕤" in fetch(base + "qa/" + qa.stem + "/"))
    assert eventually(lambda: "葳蕤" in fetch(base + "search/meta.js"), 180)


def test_a_problem_shows_on_the_page_and_the_preview_has_no_cache(preview):
    site, base = preview
    lesson = site / "content" / "lessons" / "xian-fa.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n粉丝xx万\n", encoding="utf-8")
    assert eventually(lambda: "pufa-preview-findings--errors" in fetch(base + "lessons/xian-fa/"))
    worker = fetch(base + "sw.js")
    assert "unregister" in worker and "PRECACHE" not in worker
